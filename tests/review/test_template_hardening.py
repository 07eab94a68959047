"""Issue 10, finding 11: template code is checked beyond the sample, and every render —
the check's and production's — has a time, work and size budget."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from docgen.config import PROJECT_ROOT
from docgen.pipeline import Pipeline
from docgen.registry import REGISTRY
from docgen.render.budget import RenderLimits
from docgen.render.engine import CompiledTemplate, RenderBudgetExceeded, TemplateRenderError
from docgen.review.checks import check_template
from tests.conftest import docx_text

DOCGEN = str(Path(sys.executable).parent / "docgen")
BOOM = ("{% if nomor == 'BOOM' %}{% for i in range(99999) %}{% for j in range(99999) %}"
        "{{ i }}{% endfor %}{% endfor %}{% endif %}")
MILLIONS = "{% for i in range(2000) %}{% for j in range(1000) %}{{ j }}{% endfor %}{% endfor %}"
FLOOD = "{% for i in range(99999) %}{{ 'x' * 99999 }}{% endfor %}"


def codes(report) -> list[str]:
    return [p.code for p in report.problems]


def sample_context(type_name: str = "sk-kbk") -> dict:
    doc_type = REGISTRY.get(type_name)
    return doc_type.context(doc_type.load_sample())


# -- code the sample never reaches ------------------------------------------------------
def test_a_huge_loop_behind_a_condition_the_sample_never_meets_is_refused(with_paragraph):
    report = check_template("sk-kbk", with_paragraph("Awal", BOOM))
    assert codes(report) == ["unbounded"]
    problem = report.problems[0]
    assert "perulangan bertingkat dapat berjalan hingga 9.999.800.001 kali" in problem.message
    assert problem.context == BOOM


@pytest.mark.parametrize("payload, expected", [
    ("{% if nomor == 'BOOM' %}{% for a in susunan %}{% for b in susunan %}{% for c in "
     "susunan %}{% for d in susunan %}x{% endfor %}{% endfor %}{% endfor %}{% endfor %}"
     "{% endif %}", "perulangan bertingkat"),
    ("{% for i in range(susunan|length * 1000) %}x{% endfor %}", "range() hanya boleh"),
    ("{% for m in susunan recursive %}{{ loop(susunan) }}{% endfor %}", "recursive"),
    ("{% macro m(n) %}{{ m(n) }}{{ m(n) }}{% endmacro %}{% if nomor == 'BOOM' %}{{ m(1) }}"
     "{% endif %}", "makro m memanggil dirinya sendiri"),
    ("{% macro a() %}{{ b() }}{% endmacro %}{% macro b() %}{{ a() }}{% endmacro %}",
     "makro a memanggil dirinya sendiri"),
    ("{% macro m() %}{% for i in range(5000) %}x{% endfor %}{% endmacro %}"
     "{% for i in range(5000) %}{{ m() }}{% endfor %}", "25.000.000 kali"),
    ("{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
     "{% endfor %}", "namespace"),
    ("{% set s %}{{ nomor }}{% endset %}{{ s }}", "{% set %}"),
    ("{% include 'x' %}", "{% include %}"),
])
def test_constructs_that_cannot_be_bounded_are_refused(with_paragraph, payload, expected):
    report = check_template("sk-kbk", with_paragraph("Awal", payload))
    assert "unbounded" in codes(report), report.lines()
    assert any(expected in p.message for p in report.problems), report.lines()
    assert report.problems[0].context == payload


def test_a_template_is_rendered_with_minimal_data_too(with_paragraph):
    """The sample has seven members; the type allows four: the check finds out."""
    payload = "Anggota ketujuh: {{ susunan[6].nama }}"
    report = check_template("sk-kbk", with_paragraph(payload))
    assert codes(report) == ["undefined"]
    assert "saat dirender dengan data minimal" in report.problems[0].message
    assert report.problems[0].context == payload


def test_a_template_is_rendered_with_the_longest_lists_too(with_paragraph):
    """Fine for the sample's seven members, over the render budget for a hundred."""
    payload = "{% for m in susunan %}{% for i in range(15000) %}{{ m.no }}{% endfor %}{% endfor %}"
    report = check_template("sk-kbk", with_paragraph(payload))
    assert codes(report) == ["resource"]
    message = report.problems[0].message
    assert "lebih dari 2.000.000 langkah" in message
    assert "saat dirender dengan daftar terpanjang" in message


# -- raw output ----------------------------------------------------------------------------
@pytest.mark.parametrize("payload, expected", [
    ("{{ nama_kbk|safe }}", "filter |safe tidak diizinkan"),
    ("{{ susunan|map(attribute='nama')|map('safe')|join }}", "filter |safe tidak diizinkan"),
    ("{% autoescape false %}{{ nama_kbk }}{% endautoescape %}", "{% autoescape %}"),
    ("{{ Markup('<w:p/>') }}", "Markup tidak diizinkan"),
    ("{{ nama_kbk|urlize }}", "filter |urlize tidak diizinkan"),
])
def test_raw_output_is_refused_naming_the_paragraph(with_paragraph, payload, expected):
    report = check_template("sk-kbk", with_paragraph("Awal", payload, "Akhir"))
    assert codes(report)[0] == "unsafe", report.lines()
    assert expected in report.problems[0].message
    assert report.problems[0].context == payload
    assert payload in str(report.problems[0])


# -- the package -----------------------------------------------------------------------
DTD = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'


@pytest.mark.parametrize("member, payload", [
    ("docProps/custom.xml", DTD),
    ("customXml/item1.xml", DTD.decode().encode("utf-16")),
    ("word/media/image9.bin", DTD),
    ("customXml/item2", b"\x00\x01" + DTD.lower()),
])
def test_a_dtd_in_any_part_is_refused(with_members, member, payload):
    report = check_template("sk-kbk", with_members({member: payload}))
    assert codes(report) == ["xml"]
    assert report.problems[0].message == (f"{member} memuat deklarasi DTD/DOCTYPE yang "
                                          "tidak diizinkan")


@pytest.mark.parametrize("name", ["../evil.xml", "word/../../evil.xml", "/etc/evil.xml",
                                  "word\\evil.xml", "C:/evil.xml"])
def test_member_names_leaving_the_package_are_refused(sk_kbk, name):
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(sk_kbk)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        target.writestr(zipfile.ZipInfo(name), b"<x/>")
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as written:
        assert name in written.namelist()  # the archive really carries that name
    report = check_template("sk-kbk", out.getvalue())
    assert codes(report) == ["format"]
    assert f"nama bagian arsip tidak sah: {name!r}" in report.problems[0].message


# -- production renders ----------------------------------------------------------------
def test_a_production_render_of_a_huge_loop_stops_at_the_operation_budget(
        with_paragraph, docx_pipeline: Pipeline):
    template = with_paragraph(MILLIONS)
    with pytest.raises(RenderBudgetExceeded) as info:
        docx_pipeline.render_docx("sk-kbk", REGISTRY.get("sk-kbk").load_sample(),
                                  template=template)
    assert isinstance(info.value, TemplateRenderError)  # mapped like any render failure
    assert "lebih dari 2.000.000 langkah" in str(info.value)


def test_a_production_render_stops_at_the_output_budget(with_paragraph):
    with pytest.raises(RenderBudgetExceeded) as info:
        CompiledTemplate(with_paragraph(FLOOD)).render(sample_context())
    assert "lebih dari 16.000.000 karakter" in str(info.value)


def test_a_production_render_stops_at_the_deadline(with_paragraph):
    compiled = CompiledTemplate(with_paragraph(MILLIONS))
    with pytest.raises(RenderBudgetExceeded) as info:
        compiled.render(sample_context(), limits=RenderLimits(seconds=0.05))
    assert "melebihi batas waktu 0.05 detik" in str(info.value)


def test_a_production_render_refuses_a_docx_over_its_size(sk_kbk):
    compiled = CompiledTemplate(sk_kbk)
    with pytest.raises(RenderBudgetExceeded) as info:
        compiled.render(sample_context(), limits=RenderLimits(docx_bytes=20_000))
    assert "dokumen yang dihasilkan terlalu besar" in str(info.value)
    assert "Kelompok Budaya Kerja" in docx_text(compiled.render(sample_context()))


@pytest.mark.parametrize("payload", [
    "{% set s = 'x' * 99999 %}{{ s ~ s }}",
    "{% set s = 'x' * 99999 %}{{ ([s] * 99)|join }}",
    "{{ nama_kbk.center(999999999) }}",
    "{{ nama_kbk|replace('', 'x' * 99999) }}",
    "{{ '{:>999999999}'.format(nama_kbk) }}",
    "{{ (9 ** 64) ** 64 ** 64 ** 64 }}",
])
def test_production_values_are_bounded(with_paragraph, payload):
    with pytest.raises(TemplateRenderError) as info:
        CompiledTemplate(with_paragraph(payload)).render(sample_context())
    assert "nilai terlalu besar" in str(info.value)


def test_production_templates_cannot_change_values(with_paragraph):
    with pytest.raises(TemplateRenderError) as info:
        CompiledTemplate(with_paragraph("{{ susunan.append(1) }}")).render(sample_context())
    assert "unsafe" in str(info.value)


# -- the command line --------------------------------------------------------------------
def test_cli_check_over_budget_exits_2_with_one_line(tmp_path, with_paragraph):
    path = tmp_path / "banjir.docx"
    path.write_bytes(with_paragraph(FLOOD))
    result = subprocess.run([DOCGEN, "template", "check", "sk-kbk", str(path)],
                            cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("templat menulis lebih dari 16.000.000 karakter")
    assert "Traceback" not in result.stderr and result.stdout == ""
