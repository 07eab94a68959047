"""Scored Card: Lampiran I weights, scores, categories A-D and Gelar Budaya Kerja."""

from decimal import Decimal

import pytest

from docgen.domain import scored_card
from docgen.domain.errors import InputError
from docgen.domain.regulation import Regulation
from docgen.registry import REGISTRY
from tests.conftest import open_docx

DOC = REGISTRY.get("scored-card")
REG = Regulation.bundled()
CODES = [s.kode for s in scored_card.sub_unsur_list(REG)]


def with_capaian(values: dict) -> dict:
    return {**DOC.load_sample(), "capaian": values}


def test_weights_are_20_per_value_and_100_in_all():
    data = REG.scored_card()
    totals = {n["nama"]: sum(s["bobot"] for i in n["indikator"] for s in i["sub"])
              for n in data["nilai"]}
    assert totals == {"Integritas": 20, "Profesional": 20, "Inovatif": 20, "Disiplin": 20,
                      "Akuntabel": 20}
    assert sum(totals.values()) == data["bobot_total"] == 100
    counts = {name: [s.bobot for s in scored_card.sub_unsur_list(REG) if s.nilai == name]
              for name in totals}
    assert counts["Integritas"] == [4] * 5 and counts["Profesional"] == [2] * 10
    assert counts["Inovatif"] == [4] * 5 and counts["Disiplin"] == [5] * 4
    assert counts["Akuntabel"] == [2] * 10


def test_lost_texts_are_markers_not_wording():
    marker = REG.scored_card()["penanda_hilang"]
    lost = [s for s in scored_card.sub_unsur_list(REG) if not s.terbaca]
    assert lost and all(s.teks == marker for s in lost)
    assert all(s.teks != marker for s in scored_card.sub_unsur_list(REG) if s.terbaca)


@pytest.mark.parametrize(("percent", "kode", "layak"), [
    ("24.99", "D", False), ("25", "C", False), ("49.99", "C", False), ("50", "B", True),
    ("74.99", "B", True), ("75", "A", True), ("0", "D", False), ("100", "A", True),
])
def test_category_boundaries_belong_to_the_higher_category(percent, kode, layak):
    hasil = scored_card.hitung(dict.fromkeys(CODES, Decimal(percent)), REG)
    assert hasil.total == Decimal(percent).quantize(Decimal("0.01"))
    assert hasil.kategori.kode == kode
    assert hasil.layak_gelar is layak


def test_score_is_weight_times_capaian():
    values = dict.fromkeys(CODES, 100)
    values["integritas_1"] = 85  # 4 x 85 / 100 = 3.40
    values["profesional_2a"] = 50  # 2 x 50 / 100 = 1.00
    hasil = scored_card.hitung(values, REG)
    assert hasil.skor["integritas_1"] == Decimal("3.40")
    assert hasil.subtotal["Integritas"] == Decimal("19.40")
    assert hasil.subtotal["Profesional"] == Decimal("19.00")
    assert hasil.total == Decimal("98.40")


def test_schema_lists_every_code_as_required():
    capaian = DOC.schema()["$defs"]["CapaianScoredCard"]
    assert set(capaian["required"]) == set(CODES) == set(capaian["properties"])
    assert capaian["properties"]["integritas_1"]["maximum"] == 100


def test_missing_code_and_out_of_range_are_field_errors():
    values = dict.fromkeys(CODES, 80)
    del values["disiplin_2b"]
    values["akuntabel_5"] = 120
    with pytest.raises(InputError) as info:
        DOC.parse(with_capaian(values))
    errors = {e.field: e.message for e in info.value.errors}
    assert errors["capaian.disiplin_2b"] == "wajib diisi"
    assert errors["capaian.akuntabel_5"] == "capaian harus 0\u2013100 persen, bukan 120"


def test_docx_total_category_and_gelar(docx_pipeline):
    values = dict.fromkeys(CODES, 74.99)
    docx = docx_pipeline.render_docx("scored-card", with_capaian(values)).docx
    document = open_docx(docx)
    main = document.tables[0]
    last = [c.text.strip() for c in main.rows[-1].cells]
    assert last[1] == "JUMLAH" and last[-1] == "74,99"
    rows = [[c.text.strip() for c in r.cells] for r in main.rows]
    subtotals = [r[-1] for r in rows if r[2].startswith("Jumlah ")]
    assert subtotals == ["15,00"] * 5  # 20 x 74.99 % = 14.998
    summary = {r.cells[0].text.strip(): r.cells[2].text.strip() for r in document.tables[1].rows}
    assert summary["Nilai Scored Card"] == "74,99"
    assert summary["Kategori"] == "B (Baik)"
    assert summary["Gelar Budaya Kerja"].startswith("Memenuhi syarat")
