"""check_pdf on small documents converted by the real LibreOffice: each problem kind is
found on its page, and the fixed document is clean."""

from __future__ import annotations

import pytest

from docgen.layout import KINDS, LayoutProblem, blocking, check_pdf
from docgen.render.watermark import stamp
from docgen.review.verification import stamp_verification
from tests.layout import layout_docs as docs

# name: (builder, found with the DOCX, found from the PDF alone)
CASES = {
    "signature_alone": (docs.signature_alone, [("tanda_tangan_yatim", 2)],
                        [("tanda_tangan_yatim", 2)]),
    "signature_split": (docs.signature_split, [("tanda_tangan_terbelah", 1)],
                        [("tanda_tangan_terbelah", 1)]),
    "signature_kept": (lambda: docs.signature_split(fixed=True), [], []),
    "signature_clean": (docs.signature_clean, [], []),
    "number_narrow": (lambda: docs.numbered_list(0.85), [("nomor_terpotong", 1)],
                      [("nomor_terpotong", 1)]),
    "number_wide": (lambda: docs.numbered_list(1.5), [], []),
    "heading_narrow": (lambda: docs.narrow_heading(1.5), [("kata_terpotong", 1)], []),
    "heading_wide": (lambda: docs.narrow_heading(3.5), [], []),
    "table_no_header": (lambda: docs.long_table(repeat_header=False),
                        [("header_tidak_diulang", 2)], []),
    "table_header": (lambda: docs.long_table(repeat_header=True), [], []),
    "row_split": (lambda: docs.tall_row(cant_split=False), [("baris_terbelah", 1)], []),
    "row_kept": (lambda: docs.tall_row(cant_split=True), [], []),
    "marker": (lambda: docs.with_marker("[teks Lampiran I belum ada]"), [("penanda", 1)],
               [("penanda", 1)]),
    "no_marker": (lambda: docs.with_marker(None), [], []),
    "page_number_missing": (lambda: docs.two_pages(page_numbers=False),
                            [("nomor_halaman", 2)], [("nomor_halaman", 2)]),
    "page_number_on_first": (lambda: docs.two_pages(first_page_number=True),
                             [("nomor_halaman", 1)], [("nomor_halaman", 1)]),
    "page_numbers_right": (docs.two_pages, [], []),
}


@pytest.fixture(scope="module")
def rendered(converter):
    cache: dict[str, tuple[bytes, bytes]] = {}

    def render(name: str) -> tuple[bytes, bytes]:
        if name not in cache:
            source = CASES[name][0]()
            cache[name] = (source, converter.convert(source))
        return cache[name]

    return render


def found(problems: list[LayoutProblem]) -> list[tuple[str, int]]:
    return [(p.kind, p.page) for p in problems]


@pytest.mark.parametrize("name", CASES)
def test_with_docx(rendered, name):
    source, pdf = rendered(name)
    assert found(check_pdf(pdf, source)) == CASES[name][1]


@pytest.mark.parametrize("name", CASES)
def test_pdf_alone(rendered, name):
    _, pdf = rendered(name)
    assert found(check_pdf(pdf)) == CASES[name][2]


def test_problem_fields_and_messages(rendered):
    source, pdf = rendered("signature_alone")
    [item] = check_pdf(pdf, source)
    assert item.blocking and item.kind in KINDS
    assert "KEPALA DINAS CONTOH" in item.text and "NIP. 19740706 199311 1 001" in item.text
    assert item.line() == f"page 2: {item.message}"
    assert item.message.startswith("tanda tangan berdiri sendiri di halamannya")


def test_broken_label_and_word_texts(rendered):
    source, pdf = rendered("number_narrow")
    [number] = check_pdf(pdf, source)
    assert number.text == "1 / 0." and '"10."' in number.message and number.blocking
    source, pdf = rendered("heading_narrow")
    [word] = check_pdf(pdf, source)
    assert '"KEDUDUKAN"' in word.message and not word.blocking


def test_blocking_selects_blocking_kinds(rendered):
    problems = [*check_pdf(rendered("signature_alone")[1]),
                *check_pdf(*reversed(rendered("row_split")))]
    assert [p.kind for p in blocking(problems)] == ["tanda_tangan_yatim"]


def test_extra_markers(rendered):
    source, pdf = rendered("signature_clean")
    [item] = check_pdf(pdf, source, markers=["nomor 3"])
    assert (item.kind, item.page, item.blocking) == ("penanda", 1, True)
    assert "nomor 3" in item.message


@pytest.mark.parametrize("name", ["signature_clean", "signature_alone", "page_numbers_right"])
def test_draft_watermark_and_final_stamp_are_not_body_text(rendered, name):
    source, pdf = rendered(name)
    expected = CASES[name][1]
    final = stamp_verification(pdf, "DOK-2024-0001", "https://docgen.test/verifikasi/DOK-2024-0001")
    assert found(check_pdf(stamp(pdf), source)) == expected
    assert found(check_pdf(final, source)) == expected
    assert found(check_pdf(final)) == expected


def test_speed(rendered):
    import time

    source, pdf = rendered("table_no_header")
    start = time.perf_counter()
    check_pdf(pdf, source)
    assert time.perf_counter() - start < 1.0
