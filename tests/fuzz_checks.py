"""What every fuzzed answer must be, for the fuzz tests of the validation layer, the CLI
and the API: a valid DOCX/PDF carrying what was typed, or a refusal naming fields
(Indonesian messages, short, on one line). ``Tally`` counts the inputs tried and prints
the total in pytest's terminal summary (visible with ``-q``)."""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import docx
import pypdf
import pytest
from hypothesis import HealthCheck, Phase, settings
from lxml import etree

from docgen.domain.errors import InputError, field_path
from docgen.registry import REGISTRY
from tests.conftest import docx_text
from tests.fuzz_strategies import (
    DELETE,
    MISSING,
    Mutation,
    Path,
    kind_of,
    mutated,
    schema_fields,
    slots_of,
    value_at,
)

# pydantic's own (English) wording: a field message the user would not understand
ENGLISH = re.compile(r"Input should|should (be|have)|Field required|Value error|Extra inputs|"
                     r"[Uu]nable to|[Ii]nvalid|not permitted|Assertion failed|Traceback")
UNKNOWN_KEY = "isian tidak dikenal"
MAX_MESSAGE = 2000  # a refusal quotes a value shortened, never a 300,000-character text


def fuzz_settings(examples: int, shrink: bool = True) -> settings:
    """Same inputs every run (derandomized, no example database), no deadline."""
    phases = (Phase.explicit, Phase.generate, *((Phase.shrink,) if shrink else ()))
    return settings(max_examples=examples, derandomize=True, database=None, deadline=None,
                    print_blob=False, phases=phases,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much,
                                           HealthCheck.large_base_example,
                                           HealthCheck.function_scoped_fixture])


# --- refusals -----------------------------------------------------------------------------
def names_field(error_field: str, expected: str) -> bool:
    """Does an error at ``error_field`` name ``expected``: it, a field inside it, or for
    a list item the list (a rule over the whole list, e.g. "question 3 is 7")?"""
    return (expected == "(input)" or error_field == expected
            or error_field.startswith((f"{expected}.", f"{expected}["))
            or re.sub(r"\[\d+\]$", "", expected) == error_field)


def known_field(type_name: str, error_field: str, message: str = "") -> bool:
    """Is the field one of the schema's (an unknown key: inside one of its objects)?"""
    fields, maps = schema_fields(type_name)
    if message == UNKNOWN_KEY:  # the object holding the key: "a[1].b" or 'a[1]["\\n"]'
        error_field = re.sub(r'(^|\.)[^.\[]*$|\["[^"]*"\]$', "", error_field) or "(input)"
    general = re.sub(r"\[\d+\]", "[*]", error_field)
    return general in fields or any(
        error_field.startswith((f"{m}.", f"{m}[")) for m in maps if m)


def in_place(data: Any, mutation: Mutation) -> bool:
    """Is the mutation's value still where it was put (not undone by a later one)?"""
    found = value_at(data, mutation.path)
    if mutation.value is DELETE:
        return found is MISSING and isinstance(value_at(data, mutation.path[:-1]), dict)
    return found is mutation.value or (found is not MISSING and found == mutation.value)


def check_refusal(type_name: str, data: Any, batch: Sequence[Mutation],
                  errors: Sequence[tuple[str, str]]) -> None:
    assert errors, f"{type_name}: refused without naming a field ({batch})"
    whole = any(not m.path for m in batch)
    for field, message in errors:
        line = f"{field}: {message}"
        assert field and message, f"{type_name}: empty field or message {line!r} ({batch})"
        assert field != "(input)" or whole, f"{type_name}: no field named: {line!r} ({batch})"
        assert known_field(type_name, field, message) or field == "(input)", \
            f"{type_name}: {field!r} is no field of the schema ({batch})"
        assert not ENGLISH.search(message), f"{type_name}: not Indonesian: {line!r}"
        assert len(line) <= MAX_MESSAGE, f"{type_name}: message of {len(line)} characters"
        assert line.isprintable(), f"{type_name}: not one line of visible text: {line!r}"
    # A change that breaks the schema is named; of several, at least one (a rule over a
    # whole list runs only when each item is well-typed).
    breaking = [m for m in batch if m.refuse and in_place(data, m)]
    assert not breaking or any(names_field(f, m.field) for m in breaking for f, _ in errors), \
        f"{type_name}: {breaking} refused, but not by that field: {errors}"


def check_accepted(type_name: str, data: Any, batch: Sequence[Mutation]) -> None:
    for mutation in batch:
        assert not (mutation.refuse and in_place(data, mutation)), \
            f"{type_name}: accepted {mutation}"


def judge_parse(type_name: str, data: Any, batch: Sequence[Mutation]) -> bool:
    """Validate and compute (``DocumentType.parse`` + ``context`` + warnings, what the
    CLI, API and web do before rendering); True if accepted. Anything but a field
    refusal propagates and fails the test."""
    doc_type = REGISTRY.get(type_name)
    try:
        model = doc_type.parse(data)
        doc_type.context(model)
        doc_type.warnings(model)
    except InputError as exc:
        check_refusal(type_name, data, batch, [(e.field, e.message) for e in exc.errors])
        return False
    check_accepted(type_name, data, batch)
    return True


# --- documents ------------------------------------------------------------------------------
def norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def check_docx(payload: bytes) -> str:
    """The text of a DOCX that is sound: a ZIP whose every XML part parses strictly and
    that python-docx opens."""
    with zipfile.ZipFile(io.BytesIO(payload)) as archive:
        assert archive.testzip() is None, "a corrupt ZIP member"
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(archive.read(name), parser)
    docx.Document(io.BytesIO(payload))
    return docx_text(payload)


def check_shows(type_name: str, text: str, data: Any, batch: Sequence[Mutation],
                printed: frozenset[Path]) -> None:
    """Typed texts of fields the document prints are in it, hostile characters and all;
    and the document carries some of its input."""
    shown = norm(text)
    for mutation in batch:
        if mutation.text and mutation.path in printed and in_place(data, mutation):
            assert norm(mutation.text) in shown, \
                f"{type_name}: {mutation} accepted but not in the document"
    typed = printed_texts(data, printed)
    assert not typed or any(norm(t) in shown for t in typed), \
        f"{type_name}: none of the input's printed texts is in the document"


def printed_texts(data: Any, printed: frozenset[Path]) -> list[str]:
    found = [value_at(data, p) for p in printed]
    return [t for t in found if isinstance(t, str) and len(t.strip()) >= 4]


def check_pdf(type_name: str, payload: bytes, data: Any, printed: frozenset[Path]) -> None:
    """A PDF pypdf reads, with pages, showing the start of some printed input text."""
    reader = pypdf.PdfReader(io.BytesIO(payload))
    assert len(reader.pages) >= 1, f"{type_name}: a PDF without pages"
    shown = norm(" ".join(page.extract_text() or "" for page in reader.pages))
    typed = printed_texts(data, printed)
    assert not typed or any(norm(t)[:12] in shown for t in typed), \
        f"{type_name}: none of the input's printed texts is in the PDF"


_PRINTED: dict[str, frozenset[Path]] = {}


def printed_fields(type_name: str, render: Callable[[Any], bytes]) -> frozenset[Path]:
    """The sample's text places the type's document prints: each gets a marker, the
    sample is rendered once, and the markers found are the places printed. Codes other
    fields refer to keep their value, and a marker a domain rule refuses is put back."""
    if type_name in _PRINTED:
        return _PRINTED[type_name]
    doc_type = REGISTRY.get(type_name)
    sample = doc_type.load_sample()
    slots = slots_of(type_name)
    keys = {key for s in slots if kind_of(s.spec) == "map" and isinstance(s.value, dict)
            for key in s.value}  # codes other fields refer to (Form B's masalah kode)
    marks = {slot.path: f"QZ{i:04d}QZ" for i, slot in enumerate(slots)
             if slot.present and kind_of(slot.spec) == "text" and isinstance(slot.value, str)
             and slot.value not in keys}
    for _ in range(5):
        data = mutated(sample, [Mutation(p, v, False, "marker") for p, v in marks.items()])
        try:
            doc_type.parse(data)
            break
        except InputError as exc:
            bad = [e.field for e in exc.errors]
            refused = {p for p in marks if any(names_field(b, field_path(p))
                                               or names_field(field_path(p), b) for b in bad)}
            for path in refused or set(marks):
                del marks[path]
    shown = norm(docx_text(render(data)))
    _PRINTED[type_name] = frozenset(p for p, v in marks.items() if v.casefold() in shown)
    return _PRINTED[type_name]


# --- the count ------------------------------------------------------------------------------
class Tally:
    """Inputs tried per channel and answer; one summary line at the end of the run."""

    def __init__(self) -> None:
        self.counts: Counter[tuple[str, str]] = Counter()
        self.types: set[str] = set()

    def add(self, channel: str, type_name: str, accepted: bool) -> None:
        self.counts[channel, "accepted" if accepted else "refused"] += 1
        self.types.add(type_name)

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        total = sum(self.counts.values())
        channels = Counter[str]()
        for (channel, _), n in self.counts.items():
            channels[channel] += n
        accepted = sum(n for (_, answer), n in self.counts.items() if answer == "accepted")
        terminalreporter.write_line(
            f"fuzz: {total} inputs tried on {len(self.types)} document types ("
            + ", ".join(f"{c} {n}" for c, n in sorted(channels.items()))
            + f"); {accepted} accepted, {total - accepted} refused by field")


_TALLY = pytest.StashKey[Tally]()


def tally_of(config: pytest.Config) -> Tally:
    if _TALLY not in config.stash:
        config.stash[_TALLY] = Tally()
        config.pluginmanager.register(config.stash[_TALLY], "docgen-fuzz-tally")
    return config.stash[_TALLY]
