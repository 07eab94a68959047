"""The committed templates are what ``python -m docgen.authoring`` writes, byte for byte."""

from __future__ import annotations

import pytest

from docgen.authoring import builders
from docgen.authoring.package import author_template, normalise_zip
from docgen.authoring.rekap_program import REPORTS, author_report
from docgen.registry import REGISTRY
from docgen.review.canonical import canonical_parts, same_template

NAMES = sorted(builders())


def _hint(name: str) -> str:
    return f"run python -m docgen.authoring {name} and review the diff"


@pytest.mark.parametrize("name", NAMES)
def test_committed_template_is_what_authoring_writes(name):
    written = author_template(name)
    committed = REGISTRY.get(name).template.read_bytes()
    ours, theirs = canonical_parts(written), canonical_parts(committed)
    assert sorted(ours) == sorted(theirs), f"parts differ; {_hint(name)}"
    changed = [part for part in ours if ours[part] != theirs[part]]
    assert not changed, f"{', '.join(changed)} differ; {_hint(name)}"
    assert written == committed, f"same XML, other ZIP bytes; {_hint(name)}"


@pytest.mark.parametrize("report", sorted(REPORTS))
def test_committed_report_template_is_what_authoring_writes(report):
    written = author_report(report)
    assert written == author_report(report)  # deterministic
    assert written == REPORTS[report][0].read_bytes(), _hint(report)


def test_every_registered_type_has_a_builder():
    assert set(NAMES) == set(REGISTRY.names())


def test_authoring_is_deterministic():
    assert author_template("sk-role-model") == author_template("sk-role-model")


def test_rezipping_keeps_the_content_and_is_idempotent():
    committed = REGISTRY.get("sk-kbk").template.read_bytes()
    assert normalise_zip(committed) == committed
    assert same_template(normalise_zip(committed), committed)
