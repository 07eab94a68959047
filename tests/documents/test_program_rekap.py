"""The regency recap's figures: Laporan Evaluasi averages, Agen Perubahan capaian, which
document counts, the unit-kind filter, who may read it, and the charts' averages."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from docx import Document as Docx

from docgen.accounts.access import Actor
from docgen.documents import program_figures
from docgen.documents.rekap import rekap
from docgen.domain import program
from docgen.domain.regulation import Regulation
from docgen.errors import Forbidden
from docgen.storage import repo
from tests.documents.conftest import sample

REG = Regulation.bundled()


def _monev(nama: str, nip: str | None, rows: list[tuple[str, str]]) -> dict:
    data = sample("monev-rencana-tindak")
    data["agen_perubahan"] = {**data["agen_perubahan"], "nama": nama, "nip": nip}
    template = data["monev"][0]
    data["monev"] = [{**template, "target": t, "realisasi_target": r} for t, r in rows]
    return data


def test_capaian_is_the_mean_of_measurable_rows_each_at_most_100_percent():
    result = program.capaian_agen(_monev("DEWI", "199008252015032003", [
        ("10 kegiatan", "8"), ("95%", "92"), ("0 kasus", "0 kasus"), ("12 kegiatan", "18"),
        ("laporan", "selesai")]))
    assert result is not None
    # 80 %, 96.84 %, (no figure: target 0), 150 % counted as 100 %, (no figure: text)
    assert result.rata_rata == Decimal("92.28") and result.teks == "92,28\u00a0%"
    assert (result.terukur, result.jumlah) == (3, 5)
    assert result.kunci == "199008252015032003"


@pytest.mark.parametrize("data", [None, [], {}, {"agen_perubahan": {"nama": " "}},
                                  {"agen_perubahan": "x"}])
def test_capaian_of_data_without_an_agent_is_none(data):
    assert program.capaian_agen(data) is None


def test_capaian_without_measurable_rows_has_no_mean():
    result = program.capaian_agen(_monev("ANI", None, [("laporan", "selesai")]))
    assert result is not None and result.rata_rata is None and result.teks == ""
    assert result.kunci == "ani"


def test_evaluasi_averages_are_the_ones_the_laporan_prints(docx_pipeline):
    data = sample("laporan-evaluasi")
    result = program.nilai_evaluasi(data, REG)
    assert result is not None and result.jumlah_responden == len(data["responden"])
    docx = Docx(io.BytesIO(docx_pipeline.render_docx("laporan-evaluasi", data).docx))
    printed = "\n".join(c.text for t in docx.tables for r in t.rows for c in r.cells)
    for group in result.kelompok:
        assert group.teks in printed and group.kategori in printed


def test_evaluasi_of_an_unfinished_draft_is_none():
    data = sample("laporan-evaluasi")
    data["responden"][0]["jawaban"] = data["responden"][0]["jawaban"][:5]
    assert program.nilai_evaluasi(data, REG) is None
    assert program.nilai_evaluasi("rusak", REG) is None


def _store(world, type_name: str, unit: str, data: dict, final: bool = False) -> int:
    with world.database.session() as session:
        document = repo.create_document(session, type_name, world.units[unit], None, data)
        if final:
            repo.mark_final(document, None, "0" * 64)
        return document.id


def _card(value: float, tanggal: str = "2024-12-01") -> dict:
    data = sample("scored-card")
    data["capaian"] = {code: value for code in data["capaian"]}
    data["tanggal"] = tanggal
    return data


def _actor(world, role: str) -> Actor:
    with world.database.session() as session:
        return Actor.of(repo.create_user(session, f"u_{role}", "rahasia-123", role,
                                         world.units["A"] if role == "admin_unit" else None))


def test_agents_count_once_each_the_latest_final(world):
    early = _monev("DEWI", "199008252015032003", [("10 kegiatan", "5")])
    early["tanggal"] = "2024-06-30"
    late = _monev("DEWI", "19900825 201503 2 003", [("10 kegiatan", "9")])
    _store(world, "monev-rencana-tindak", "A", early, final=True)
    late_id = _store(world, "monev-rencana-tindak", "A", late, final=True)
    _store(world, "monev-rencana-tindak", "A", _monev("DEWI", "199008252015032003",
                                                      [("10 kegiatan", "10")]))  # a draft
    other = _store(world, "monev-rencana-tindak", "B", _monev("BUDI", None,
                                                              [("4 kali", "4 kali")]))
    with world.database.session() as session:
        result = rekap(world.actors["hukum"], session, REG, 2024)
    assert [(a.capaian.nama, a.document_id, a.status, a.capaian.teks)
            for a in result.ranked_agen()] == [
        ("BUDI", other, "draft", "100,00\u00a0%"),
        ("DEWI", late_id, "final", "90,00\u00a0%")]


def test_units_of_one_kind_and_the_counted_ids(world):
    card = _store(world, "scored-card", "A", _card(80), final=True)
    _store(world, "scored-card", "B", _card(60), final=True)
    evaluasi = _store(world, "laporan-evaluasi", "A", sample("laporan-evaluasi"))
    with world.database.session() as session:
        unit_b = repo.get_unit(session, world.units["B"])
        kind_b = unit_b.jenis
        result = rekap(world.actors["hukum"], session, REG, 2024, jenis="dinas")
    assert kind_b != "dinas"
    assert [u.unit_id for u in result.units] == [world.units["A"]] and result.jenis == "dinas"
    unit = result.units[0]
    assert unit.dokumen_id["scored-card"] == card and unit.dokumen["scored-card"] == "final"
    assert unit.scored_card is not None and unit.scored_card.sebutan == "Sangat Baik"
    assert sum(unit.scored_card.subtotal.values()) == Decimal(80)
    assert unit.evaluasi is not None and unit.evaluasi.document_id == evaluasi
    assert unit.evaluasi.status == "draft"
    assert result.counts("scored-card") == {"final": 1, "draft": 0, "none": 0}
    assert [u.unit_id for u in result.without("sk-kbk")] == [world.units["A"]]


def test_chart_averages_use_final_scored_cards_only(world):
    _store(world, "scored-card", "A", _card(80), final=True)
    _store(world, "scored-card", "B", _card(40), final=True)
    with world.database.session() as session:
        _store(world, "scored-card", "B", _card(100, "2024-12-30"))  # a later draft
        result = rekap(world.actors["hukum"], session, REG, 2024)
    rows = program_figures.rata_nilai(result, REG)
    assert [r.label for r in rows] == ["Integritas", "Profesional", "Inovatif", "Disiplin",
                                       "Akuntabel"]
    assert sum(r.rata for r in rows) == Decimal(60) and {r.jumlah for r in rows} == {2}
    assert sum(r.maksimum for r in rows) == Decimal(100)
    kinds = program_figures.rata_jenis(result)
    assert sorted(r.rata for r in kinds) == [Decimal("40.00"), Decimal("80.00")]
    figure = program_figures.grafik_jenis(result, REG)
    assert figure is not None and figure.data["teks"] == [r.teks for r in kinds]


def test_no_chart_without_a_final_scored_card(world):
    _store(world, "scored-card", "A", _card(80))
    with world.database.session() as session:
        result = rekap(world.actors["hukum"], session, REG, 2024)
    assert program_figures.grafik_nilai(result, REG) is None
    assert program_figures.grafik_jenis(result, REG) is None


@pytest.mark.parametrize("role, allowed", [("tim_pembinaan", True), ("admin_kabupaten", True),
                                           ("admin_unit", False)])
def test_who_reads_the_recap(world, role, allowed):
    actor = _actor(world, role)
    with world.database.session() as session:
        if allowed:
            assert rekap(actor, session, REG, 2024).tahun == 2024
        else:
            with pytest.raises(Forbidden):
                rekap(actor, session, REG, 2024)


def _laporan(tahun: int, bulan: int, tanggal: str) -> dict:
    data = sample("laporan-bulanan-kbk")
    data.update(tahun=tahun, bulan=bulan, tanggal=tanggal)
    return data


def test_months_with_a_final_monthly_report(world):
    _store(world, "laporan-bulanan-kbk", "A", _laporan(2024, 3, "2024-03-30"), final=True)
    _store(world, "laporan-bulanan-kbk", "A", _laporan(2024, 3, "2024-04-02"), final=True)
    # December's report dated in January counts for the December it reports on
    _store(world, "laporan-bulanan-kbk", "A", _laporan(2024, 12, "2025-01-06"), final=True)
    _store(world, "laporan-bulanan-kbk", "A", _laporan(2024, 5, "2024-05-31"))  # a draft
    _store(world, "laporan-bulanan-kbk", "B", _laporan(2023, 7, "2023-07-31"), final=True)
    with world.database.session() as session:
        result = {u.unit_id: u for u in rekap(world.actors["hukum"], session, REG, 2024).units}
    assert result[world.units["A"]].bulan_final == (3, 12)
    assert result[world.units["B"]].bulan_final == ()
