"""GET /api/v1/rekap: a year's documents per unit, scored cards, Gelar and the ranking."""

from __future__ import annotations

import pytest

from docgen.documents.rekap import unit_types
from docgen.storage import repo
from docgen.storage.seed import DEMO_UNITS
from tests.web.conftest import add_document, sample


@pytest.fixture()
def headers(user_headers) -> dict[str, dict[str, str]]:
    return user_headers


def _final_card(app, unit_id: int, data: dict) -> None:
    """A final scored card stored directly: the bundled regulation data still prints the
    "[teks Lampiran I ...]" markers, which block a scored card's final on purpose
    (test_final_gate); the recap reads only the status and the capaian."""
    with app.extensions["docgen"].database.session() as session:
        document = repo.create_document(session, "scored-card", unit_id, None, data)
        repo.mark_final(document, None, "0" * 64)


def _card(value: float, tanggal: str) -> dict:
    data = sample("scored-card")
    data["capaian"] = {code: value for code in data["capaian"]}
    data["tanggal"] = tanggal
    return data


@pytest.fixture()
def year_of_documents(app, world) -> dict[str, int]:
    """Unit A: SK KBK and a scored card of exactly 50 (B, the lowest that may enter the
    Gelar) final, a later draft scored card of 100; unit B: two final scored cards, the
    later 49.99 (C, not eligible) counting over an earlier 90, an SK KBK draft; unit C: a
    draft scored card of 80 (A, but a draft) and a final of 100 dated the year before."""
    with app.extensions["docgen"].database.session() as session:
        unit_c = repo.create_unit(session, **DEMO_UNITS[2]).id
    a, b = world.units["A"], world.units["B"]
    add_document(app, "sk-kbk", a, sample("sk-kbk"), final=True)
    _final_card(app, a, _card(50, "2024-11-01"))
    add_document(app, "scored-card", a, _card(100, "2024-12-20"))
    _final_card(app, b, _card(49.99, "2024-12-16"))  # made final first, dated later
    _final_card(app, b, _card(90, "2024-06-01"))
    add_document(app, "sk-kbk", b, sample("sk-kbk"))
    add_document(app, "scored-card", unit_c, _card(80, "2024-12-01"))
    _final_card(app, unit_c, _card(100, "2023-12-01"))
    return {"A": a, "B": b, "C": unit_c}


def _by_unit(body: dict) -> dict[int, dict]:
    return {u["unit_id"]: u for u in body["units"]}


def _card_of(unit: dict) -> dict | None:
    """The fields of the issue's table (the answer adds subtotals, sebutan and the id)."""
    card = unit["scored_card"]
    return None if card is None else {k: card[k] for k in ("total", "kategori", "status")}


def test_rekap_of_a_year(client, headers, year_of_documents):
    response = client.get("/api/v1/rekap?tahun=2024", headers=headers["admin"])
    assert response.status_code == 200
    body = response.json
    units, ids = _by_unit(body), year_of_documents
    assert body["tahun"] == 2024 and set(units) == set(ids.values())
    empty = dict.fromkeys(unit_types())
    assert "sk-tim-pembinaan" not in empty  # the Kabupaten's own, not a unit's
    unit_a = units[ids["A"]]
    assert {k: unit_a[k] for k in ("unit_id", "nama", "jenis", "dokumen", "gelar")} == {
        "unit_id": ids["A"], "nama": DEMO_UNITS[0]["nama"], "jenis": "dinas",
        "dokumen": {**empty, "sk-kbk": "final", "scored-card": "final"}, "gelar": True}
    assert _card_of(unit_a) == {"total": 50.0, "kategori": "B", "status": "final"}
    assert unit_a["scored_card"]["sebutan"] == "Baik"
    assert sum(unit_a["scored_card"]["subtotal"].values()) == pytest.approx(50.0)
    assert unit_a["dokumen_id"]["scored-card"] == unit_a["scored_card"]["document_id"]
    assert unit_a["laporan_evaluasi"] is None
    assert units[ids["B"]]["dokumen"] == {**empty, "sk-kbk": "draft", "scored-card": "final"}
    assert _card_of(units[ids["B"]]) == {"total": 49.99, "kategori": "C", "status": "final"}
    assert units[ids["B"]]["gelar"] is False
    assert _card_of(units[ids["C"]]) == {"total": 80.0, "kategori": "A", "status": "draft"}
    assert units[ids["C"]]["gelar"] is False  # category A, but not final
    assert body["peringkat"] == [ids["C"], ids["A"], ids["B"]]
    for reader in ("hukum", "pembinaan"):
        assert client.get("/api/v1/rekap?tahun=2024", headers=headers[reader]).json == body


def test_a_document_counts_for_the_year_of_its_date(client, headers, year_of_documents):
    body = client.get("/api/v1/rekap?tahun=2023", headers=headers["hukum"]).json
    units, ids = _by_unit(body), year_of_documents
    assert _card_of(units[ids["C"]]) == {"total": 100.0, "kategori": "A", "status": "final"}
    assert units[ids["C"]]["gelar"] is True
    assert units[ids["A"]]["dokumen"] == dict.fromkeys(unit_types())
    assert units[ids["A"]]["scored_card"] is None and units[ids["A"]]["gelar"] is False
    assert body["peringkat"] == [ids["C"]]


def test_rekap_agrees_with_the_document_list(client, headers, year_of_documents):
    """Each cell is "final" where the list has a final of that unit, type and year, else
    "draft" where it has a draft, else null."""
    rekap = _by_unit(client.get("/api/v1/rekap?tahun=2024", headers=headers["admin"]).json)
    for unit_id, unit in rekap.items():
        listed = client.get(f"/api/v1/documents?year=2024&unit={unit_id}",
                            headers=headers["admin"]).json["documents"]
        for type_name, status in unit["dokumen"].items():
            statuses = {d["status"] for d in listed if d["type"] == type_name}
            expected = "final" if "final" in statuses else ("draft" if statuses else None)
            assert status == expected, (unit_id, type_name)


def test_only_the_regencys_roles_read_the_rekap(client, headers, world):
    for name in ("a_admin", "a_sek", "b_admin"):
        response = client.get("/api/v1/rekap?tahun=2024", headers=headers[name])
        assert response.status_code == 403, name
        assert response.json["errors"][0]["field"] == "(permintaan)"
    for query in ("", "?tahun=24", "?tahun=dua"):
        response = client.get(f"/api/v1/rekap{query}", headers=headers["admin"])
        assert response.status_code == 400
        assert response.json["errors"][0]["field"] == "tahun"
    response = client.get("/api/v1/rekap?tahun=2024&jenis=kantor", headers=headers["admin"])
    assert response.status_code == 400 and response.json["errors"][0]["field"] == "jenis"
    empty = client.get("/api/v1/rekap?tahun=2030", headers=headers["admin"]).json
    assert empty["peringkat"] == [] and all(u["scored_card"] is None for u in empty["units"])


def test_rekap_of_one_unit_kind(client, headers, year_of_documents):
    body = client.get("/api/v1/rekap?tahun=2024&jenis=kecamatan", headers=headers["admin"]).json
    kinds = {u["jenis"] for u in body["units"]}
    assert kinds == {"kecamatan"} and set(body["peringkat"]) <= {u["unit_id"]
                                                                 for u in body["units"]}


def test_rekap_lists_agents_and_evaluation_averages(app, client, headers, world):
    a = world.units["A"]
    monev = sample("monev-rencana-tindak")
    add_document(app, "monev-rencana-tindak", a, monev)
    evaluasi = add_document(app, "laporan-evaluasi", a, sample("laporan-evaluasi"))
    body = client.get("/api/v1/rekap?tahun=2024", headers=headers["pembinaan"]).json
    [agent] = body["agen_perubahan"]
    assert (agent["unit_id"], agent["nama"], agent["status"]) == (
        a, monev["agen_perubahan"]["nama"], "draft")
    assert 0 < agent["capaian"] <= 100 and agent["terukur"] <= agent["jumlah"]
    laporan = _by_unit(body)[a]["laporan_evaluasi"]
    assert laporan["document_id"] == evaluasi and laporan["status"] == "draft"
    assert [k["kode"] for k in laporan["kelompok"]] == ["I", "II", "III"]
