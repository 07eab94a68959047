"""Every registered document type, varied as users vary it, comes out signable.

Each type's sample gets its main list at one item, the sample's count and many items,
menimbang/mengingat of 1 and 15 (Keputusan), and names, jabatan and unit names of 80+
characters (``tests/layout/variants.py``). The final PDF of ``to_signable_pdf`` must have
no layout problem at all (scored-card: only the expected ``penanda`` of its regulation
texts the OCR copy lost, and that marker must be caught); a reviewer's look at the PDF
text is checked too: the last item's number, every long text printed whole, page
numbers from page 2 on. A failure names the variant and lists every problem line.

A real layout problem of a document found here is kept as a strict xfail in ``KNOWN``
(for the lead to fix in docgen/ or templates/, not here).
"""

from __future__ import annotations

import re
import subprocess

import pytest
from hypothesis import HealthCheck, Phase, given, seed
from hypothesis import settings as hypothesis_settings

from docgen.domain import scored_card
from docgen.domain.regulation import Regulation
from docgen.pipeline import Pipeline
from docgen.registry import REGISTRY
from docgen.render.pagination import Signable
from tests.conftest import pdf_text
from tests.layout import variants as V

# variant id -> the problem it shows (kept as a strict xfail until the documents are fixed)
KNOWN: dict[str, str] = {}
# cases found by drawing, kept as plain cases: (type, list length)
REPRODUCED = [("kbk-form-b", 17)]
# types left out of the drawn test while a KNOWN problem of theirs shows in most draws;
# take a type out of here when its KNOWN xfails pass (strict: they will fail the run)
DRAWN_PAUSED: set[str] = set()
MARKER_TYPES = {"scored-card"}  # regulation texts lost in the OCR copy print a marker
MAX_DRAWN = 8


class CountingConverter:
    """The session's warm LibreOffice, counting conversions (the time this file costs)."""

    def __init__(self, inner) -> None:
        self.inner, self.count = inner, 0

    def convert(self, docx: bytes) -> bytes:
        self.count += 1
        return self.inner.convert(docx)


@pytest.fixture(scope="module")
def counted_pipeline(settings, converter, request):
    counting = CountingConverter(converter)
    yield Pipeline(settings, counting)
    plugins = request.config.pluginmanager
    reporter, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin(
        "capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"\ntests/layout/test_variants.py: {counting.count} "
                                "LibreOffice conversions")


def signable(pipeline: Pipeline, variant: V.Variant) -> Signable:
    doc_type = REGISTRY.get(variant.type_name)
    doc_type.parse(variant.data)  # an invalid variant raises InputError: the test fails
    return pipeline.to_signable_pdf(pipeline.render_docx(variant.type_name, variant.data).docx)


def squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def pdf_text_raw(pdf: bytes) -> str:
    """pdftotext in content order: a wrapped table cell's lines stay together."""
    return subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True,
                          check=True).stdout.decode("utf-8")


def markers_expected(type_name: str) -> bool:
    return type_name in MARKER_TYPES and not all(
        s.terbaca for s in scored_card.sub_unsur_list(Regulation.bundled()))


def findings(variant: V.Variant, result: Signable) -> list[str]:
    """Everything wrong with the final PDF of ``variant``, one line each."""
    lines = []
    problems = result.problems
    if markers_expected(variant.type_name):
        if not any(p.kind == "penanda" for p in problems):
            lines.append("the marker of the lost regulation texts is not caught (no penanda)")
        problems = [p for p in problems if p.kind != "penanda"]
    lines += [p.line() for p in problems]
    text = pdf_text(result.pdf)
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    for number, page in enumerate(pages[1:], start=2):
        if not re.search(rf"-\s*{number}\s*-", page[:400]):
            lines.append(f'page {number}: page number "- {number} -" not printed at its top')
    if variant.last_label and not re.search(
            rf"(?m)^\s*{re.escape(variant.last_label)}(\s|$)", text):
        lines.append(f'last item\'s number "{variant.last_label}" not printed')
    if variant.whole:
        printed = (squash(text), squash(pdf_text_raw(result.pdf)))
        lines += [f'not printed whole: "{t}"' for t in variant.whole
                  if not any(squash(t) in p for p in printed)]
    return lines


def assert_clean(variant: V.Variant, result: Signable) -> None:
    found = findings(variant, result)
    assert not found, f"{variant.id}:\n  " + "\n  ".join(found)


def _plain_cases() -> list:
    cases = []
    for doc_type in REGISTRY:
        try:
            variants = V.variants_for(doc_type.name)
        except LookupError as exc:  # a new type without variants fails loudly
            cases.append(pytest.param(str(exc), id=f"{doc_type.name}-no-variants"))
            continue
        variants += [V.sized_variant(name, n) for name, n in REPRODUCED
                     if name == doc_type.name]
        for variant in variants:
            marks = [pytest.mark.xfail(strict=True, reason=KNOWN[variant.id])] \
                if variant.id in KNOWN else []
            cases.append(pytest.param(variant, id=variant.id, marks=marks))
    return cases


def test_every_registered_type_has_variants():
    missing = [t.name for t in REGISTRY if t.name not in V.SPECS]
    assert not missing, "; ".join(f"no variants for {name}" for name in missing)
    reproduced = {V.sized_variant(name, n).id for name, n in REPRODUCED}
    assert set(KNOWN) <= {v.id for v in V.all_variants()} | reproduced


@pytest.mark.parametrize("variant", _plain_cases())
def test_variant_has_no_layout_problem(counted_pipeline, variant):
    if isinstance(variant, str):
        pytest.fail(variant)
    assert_clean(variant, signable(counted_pipeline, variant))


@hypothesis_settings(max_examples=MAX_DRAWN, derandomize=True, deadline=None, database=None,
                     phases=(Phase.explicit, Phase.generate),  # no shrinking: each try converts
                     suppress_health_check=[HealthCheck.function_scoped_fixture,
                                            HealthCheck.too_slow])
@seed(20240315)
@given(variant=V.drawn_variant([n for n in REGISTRY.names() if n not in DRAWN_PAUSED]))
def test_drawn_variant_has_no_layout_problem(counted_pipeline, variant):
    """A drawn type, list length (or capaian/jawaban values) and long texts."""
    assert_clean(variant, signable(counted_pipeline, variant))
