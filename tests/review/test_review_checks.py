"""check_template: every unsafe or broken upload is rejected with a clear message."""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from docgen.registry import REGISTRY
from docgen.review.checks import check_template
from docgen.review.safezip import Limits, UnsafeArchive, read_members
from docgen.review.wording import paragraphs, wording_html

GIGABYTE = 1 << 30


def codes(report) -> list[str]:
    return [p.code for p in report.problems]


def test_unchanged_template_is_accepted(sk_kbk):
    report = check_template("sk-kbk", sk_kbk)
    assert report.ok, report.lines()
    assert {"nama_kbk", "penandatangan", "susunan"} <= report.variables
    assert report.to_dict()["ok"] is True
    assert len(report.sha256) == 64


@pytest.mark.parametrize("doc_type", [t for t in REGISTRY if t.template.is_file()],
                         ids=lambda t: t.name)
def test_every_shipped_template_is_accepted_and_readable(doc_type):
    data = doc_type.template.read_bytes()
    report = check_template(doc_type.name, data)
    assert report.ok, report.lines()
    html = wording_html(data)
    assert paragraphs(data) and "<w:" not in html


def test_new_wording_with_known_variables_is_accepted(with_paragraph):
    report = check_template("sk-kbk", with_paragraph(
        "Ditetapkan untuk {{ nama_kbk }} di {{ unit | upper }}.",
        "{%p for m in susunan %}", "{{ m.nama }}", "{%p endfor %}"))
    assert report.ok, report.lines()


@pytest.mark.parametrize("payload, names", [
    ("{{ ''.__class__.__mro__ }}", ["__class__", "__mro__"]),
    ("{{ cycler.__init__.__globals__ }}", ["__init__", "__globals__"]),
    ("{% for c in ''.__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
     ["__class__", "__base__", "__subclasses__"]),
    ("{{ nama_kbk|attr('__class__') }}", ["__class__"]),
    ("{{ lipsum.__globals__['os'] }}", ["__globals__"]),
    ("{{ '{0.__class__}'.format(nama_kbk) }}", ["__class__"]),
    ("{{ penandatangan._private }}", ["_private"]),
    ("{% if false %}{{ joiner.__init__.__globals__ }}{% endif %}", ["__init__"]),
])
def test_sandbox_escapes_are_rejected(with_paragraph, payload, names):
    report = check_template("sk-kbk", with_paragraph("Awal", payload))
    assert codes(report) == ["security"]
    problem = report.problems[0]
    assert "bagian internal Python" in problem.message
    for name in names:
        assert name in problem.message
    assert problem.context == payload  # the paragraph, not its neighbour
    assert payload in str(problem)


def test_dynamic_attribute_escape_is_stopped_by_the_sandbox(with_paragraph):
    report = check_template("sk-kbk", with_paragraph(
        "{% set n = '_' ~ '_class_' ~ '_' %}{{ nama_kbk|attr(n) }}"))
    assert codes(report) == ["security"]
    assert "bagian internal Python" in report.problems[0].message


@pytest.mark.parametrize("payload", [
    "{{ 'x' * 100000000 }}", "{{ 9 ** 999999 }}", "{{ '%999999999s' % nama_kbk }}",
    "{{ nama_kbk|center(999999999) }}"])
def test_huge_expressions_are_rejected(with_paragraph, payload):
    report = check_template("sk-kbk", with_paragraph(payload))
    assert codes(report) == ["security"]
    assert "terlalu besar" in report.problems[0].message
    assert report.problems[0].context == payload


def test_unknown_variable_is_named_with_its_paragraph(with_paragraph):
    report = check_template("sk-kbk", with_paragraph("Ketua: {{ nama_ketua }}."))
    assert codes(report) == ["unknown_variable"]
    problem = report.problems[0]
    assert "\u201cnama_ketua\u201d tidak dikenal" in problem.message
    assert "nama_kbk" in problem.message  # the available variables are listed
    assert problem.context == "Ketua: {{ nama_ketua }}."


def test_undefined_attribute_is_reported_with_context(with_paragraph):
    report = check_template("sk-kbk", with_paragraph("Gelar {{ penandatangan.gelar }}"))
    assert codes(report) == ["undefined"]
    assert "\u201cgelar\u201d tidak ada" in report.problems[0].message
    assert report.problems[0].context == "Gelar {{ penandatangan.gelar }}"


@pytest.mark.parametrize("payload", ["Nama {{ nama_kbk ", "{% if %}", "{% for x in %}",
                                     "{{ nama_kbk }} {% endif %}"])
def test_jinja_syntax_error_names_the_paragraph(with_paragraph, payload):
    report = check_template("sk-kbk", with_paragraph(payload))
    assert codes(report) == ["syntax"]
    assert report.problems[0].message.startswith("sintaks templat salah")
    assert payload.strip() in report.problems[0].context


def test_broken_document_xml_is_rejected(with_members):
    report = check_template("sk-kbk", with_members({
        "word/document.xml": b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body>'}))
    assert codes(report) == ["xml"]
    assert "word/document.xml bukan XML yang valid" in report.problems[0].message


def test_dtd_entities_are_rejected(with_members):
    bomb = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><d>&b;</d>')
    report = check_template("sk-kbk", with_members({"word/settings.xml": bomb}))
    assert codes(report) == ["xml"]
    assert "DOCTYPE" in report.problems[0].message


def test_zip_bomb_is_rejected_quickly_without_inflating_it(zip_bomb):
    assert len(zip_bomb) < 2 * 1024 * 1024
    started = time.perf_counter()
    report = check_template("sk-kbk", zip_bomb)
    elapsed = time.perf_counter() - started
    assert codes(report) == ["zip_bomb"]
    assert "zip bomb" in report.problems[0].message
    assert elapsed < 5, f"took {elapsed:.1f}s"


def test_zip_bomb_stops_at_the_cap_not_at_the_header(zip_bomb):
    with zipfile.ZipFile(io.BytesIO(zip_bomb)) as archive:
        assert archive.getinfo("word/document.xml").file_size == GIGABYTE
    limits = Limits(total_bytes=50 * 1024 * 1024, ratio=10_000)
    with pytest.raises(UnsafeArchive, match="melebihi 50,0 MB"):
        read_members(zip_bomb, limits)
    with pytest.raises(UnsafeArchive, match="mengembang lebih dari 200 kali"):
        read_members(zip_bomb, Limits(total_bytes=GIGABYTE))


def test_lying_size_header_is_not_trusted(sk_kbk):
    """A member whose header understates its size fails its CRC; nothing is inflated past."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", bytes(5 << 20))
    data = bytearray(out.getvalue())
    central = data.rindex(b"PK\x01\x02")
    data[central + 24:central + 28] = (100).to_bytes(4, "little")  # uncompressed size
    local = data.index(b"PK\x03\x04")
    data[local + 22:local + 26] = (100).to_bytes(4, "little")
    report = check_template("sk-kbk", bytes(data))
    assert codes(report) == ["format"]
    assert "rusak" in report.problems[0].message


def test_file_over_the_size_limit_is_rejected():
    report = check_template("sk-kbk", bytes(11 * 1024 * 1024))
    assert codes(report) == ["size"]
    assert "terlalu besar" in report.problems[0].message


def test_not_a_zip_is_rejected():
    report = check_template("sk-kbk", b"%PDF-1.7 not a docx")
    assert codes(report) == ["format"]
    assert "bukan dokumen Word" in report.problems[0].message


def test_docx_without_document_is_rejected():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    report = check_template("sk-kbk", out.getvalue())
    assert codes(report) == ["format"]
    assert "word/document.xml" in report.problems[0].message


def test_macro_enabled_document_is_rejected(with_members, sk_kbk):
    with zipfile.ZipFile(io.BytesIO(sk_kbk)) as archive:
        types = archive.read("[Content_Types].xml").decode()
    macro = types.replace("wordprocessingml.document.main+xml",
                          "ms-word.document.macroEnabled.main+xml")
    assert macro != types
    report = check_template("sk-kbk", with_members({"[Content_Types].xml": macro.encode()}))
    assert codes(report) == ["macro"]
    assert "makro" in report.problems[0].message
    report = check_template("sk-kbk", with_members({"word/vbaProject.bin": b"\0" * 64}))
    assert codes(report) == ["macro"]


def test_raw_xml_through_safe_is_rejected_before_rendering(with_paragraph):
    report = check_template("sk-kbk", with_paragraph("Awal", "{{ '<w:p>'|safe }}"))
    assert codes(report) == ["unsafe"]
    assert "filter |safe tidak diizinkan" in report.problems[0].message
    assert report.problems[0].context == "{{ '<w:p>'|safe }}"


def test_unknown_type_is_rejected(sk_kbk):
    report = check_template("tidak-ada", sk_kbk)
    assert codes(report) == ["type"]
    assert "jenis dokumen tidak dikenal" in report.lines()[0]
