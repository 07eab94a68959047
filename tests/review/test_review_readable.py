"""Template tags in a reader's words (no template code reaches a legal reviewer)."""

from __future__ import annotations

from docgen.registry import REGISTRY
from docgen.review.labels import label, schema_labels
from docgen.review.readable import Reader, readable_html


def test_loop_variables_are_named_by_the_list_they_run_over():
    reader = Reader()
    assert reader.control("tr for m in susunan ") == "untuk setiap anggota susunan:"
    assert reader.placeholder(" m.nip ") == "anggota susunan: NIP"
    assert reader.control("p if ketua.nip ") == "jika ada NIP ketua:"
    assert reader.control("tr endfor ") == "selesai (akhir pengulangan)"
    assert reader.placeholder(" m.nip ") == "NIP m"  # outside the loop: no longer a member


def test_calls_filters_and_unknown_expressions_never_show_code():
    reader = Reader()
    assert reader.placeholder(" diktum('biaya') ") == "diktum biaya"
    assert reader.placeholder(" nomor | upper ") == "nomor, huruf kapital"
    assert reader.placeholder(" a ~ b ") == "isian otomatis"
    assert reader.control(" set x = 1 ") == "bagian otomatis:"


def test_labels_from_the_table_the_schema_and_the_words():
    assert label("nama_kbk") == "nama KBK"
    assert label("penanggung_jawab.nip") == "NIP penanggung jawab"
    assert "nomor" not in schema_labels(REGISTRY.get("sk-kbk").schema())  # pydantic's own
    schema = {"properties": {"rows": {"type": "array", "items": {"$ref": "#/$defs/Row"}}},
              "$defs": {"Row": {"properties": {"tgl": {"title": "Tanggal kegiatan"}}}}}
    assert schema_labels(schema) == {"rows[].tgl": "Tanggal kegiatan"}
    assert label("rows[].tgl", schema_labels(schema)) == "Tanggal kegiatan"
    assert label("b1[].sebab_akibat[]") == "B-1: sebab akibat: setiap butir"


def test_every_bundled_template_reads_without_template_code():
    for doc_type in REGISTRY:
        html = readable_html(doc_type.template.read_bytes(),
                             schema_labels(doc_type.schema()))
        assert "{{" not in html and "{%" not in html, doc_type.name
        assert '<span class="ph">[' in html
