"""Wording view and version diff: readable, escaped, placeholders called out."""

from __future__ import annotations

import re

import pytest

from docgen.review.diff import diff_paragraphs, diff_versions, word_diff
from docgen.review.wording import is_control_only, mark_inline, paragraphs, wording_html


def test_paragraphs_follow_the_document_in_order(sk_kbk):
    texts = paragraphs(sk_kbk)
    assert "- 2 -" in texts[0]  # the page header comes first
    order = [texts.index(t) for t in ("KEPUTUSAN {{ penandatangan.jabatan_kapital }}",
                                      "MEMUTUSKAN:", "Ditetapkan di Purbalingga")]
    assert order == sorted(order)
    assert "{%tr for item in menimbang %}" in texts  # one entry per table cell
    assert all(t.strip() for t in texts)


def test_wording_html_marks_placeholders_and_blocks(sk_kbk):
    html = wording_html(sk_kbk)
    assert '<span class="ph">{{ nomor }}</span>' in html
    assert '<div class="blk">{%p if tembusan %}</div>' in html
    assert '<tr class="blk-row"><td colspan="4"><span class="blk">{%tr for item in menimbang' \
        in html
    assert '<section class="header"><h3>Kepala halaman</h3>' in html
    assert "<table" in html and "MEMUTUSKAN:" in html
    assert "<w:" not in html and "xmlns" not in html


def test_wording_html_escapes_text(with_paragraph):
    html = wording_html(with_paragraph('<script>alert("x")</script> & {{ "<b>" }}'))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; " in html
    assert '<span class="ph">{{ &#34;&lt;b&gt;&#34; }}</span>' in html


def test_wording_rejects_a_file_that_is_not_a_docx():
    with pytest.raises(ValueError, match="bukan dokumen Word"):
        wording_html(b"not a zip")


@pytest.mark.parametrize("text, expected", [
    ("{%p for x in y %}", True), (" {%tr endif %} ", True),
    ("{% if loop.first %}Menimbang{% endif %}", False), ("{{ x }}", False), ("", False)])
def test_control_only(text, expected):
    assert is_control_only(text) is expected


def test_mark_inline_keeps_tabs_and_breaks():
    assert mark_inline("NOMOR\t:\t{{ nomor }}\nx") == (
        'NOMOR<span class="tab">\t</span>:<span class="tab">\t</span>'
        '<span class="ph">{{ nomor }}</span><br>x')


def test_diff_shows_changed_words_and_added_placeholder(sk_kbk, replace_paragraph):
    changed = replace_paragraph("Ditetapkan di",
                                "Ditetapkan di Kabupaten Purbalingga oleh {{ yel_yel | upper }}")
    diff = diff_versions(sk_kbk, changed)
    assert diff.changed
    [row] = diff.changed_rows
    assert row.kind == "replace"
    assert row.old == "Ditetapkan di Purbalingga"
    assert row.old_html == "Ditetapkan di Purbalingga"
    assert "<ins>Kabupaten </ins>" in row.new_html
    assert '<ins> oleh <span class="ph">{{ yel_yel | upper }}</span></ins>' in row.new_html
    assert diff.placeholders_added == {"yel_yel | upper"}
    assert not diff.placeholders_removed
    html = diff.to_html()
    assert "Placeholder ditambahkan" in html and "yel_yel | upper" in html
    assert '<tr class="replace">' in html and "paragraf sama" in html


def test_diff_reports_removed_placeholder_and_deleted_paragraph(sk_kbk, replace_paragraph):
    changed = replace_paragraph("pada tanggal", "pada hari ini")
    diff = diff_versions(sk_kbk, changed)
    assert "tanggal" in diff.placeholders_removed
    [row] = diff.changed_rows
    assert row.old_html == 'pada <del>tanggal <span class="ph">{{ tanggal }}</span></del>'
    assert "<ins>hari ini</ins>" in row.new_html


def test_diff_of_identical_versions_is_empty(sk_kbk):
    diff = diff_versions(sk_kbk, sk_kbk)
    assert not diff.changed
    assert "Tidak ada perubahan redaksi" in diff.to_html()


def test_diff_inserted_and_deleted_paragraphs_and_controls():
    diff = diff_paragraphs(["A", "B", "C"], ["A", "{%p if x %}", "C", "D <x>"])
    kinds = [row.kind for row in diff.rows]
    assert kinds == ["equal", "replace", "equal", "insert"]
    assert diff.controls_added == {"if x"}
    assert diff.rows[-1].new_html == "<ins>D &lt;x&gt;</ins>"
    deleted = diff_paragraphs(["A", "B"], ["A"])
    assert deleted.rows[-1].kind == "delete"
    assert deleted.rows[-1].old_html == "<del>B</del>"


def test_word_diff_escapes_and_keeps_placeholders_whole():
    old, new = word_diff("biaya <APBD> {{ a.b }}", "biaya & {{ a.c }}")
    assert "<APBD>" not in old and "&lt;APBD&gt;" in old
    assert "<ins>&amp;" in new
    assert re.search(r'<del>.*\{\{ a\.b \}\}.*</del>', old)
    assert re.search(r'<ins>.*\{\{ a\.c \}\}.*</ins>', new)
