"""A new keputusan-penghargaan opens with the year's Gelar ranking and best agents, taken
from final Scored Cards and final monev rencana tindak only."""

from __future__ import annotations

import html as htmllib
import re

import pytest

from docgen.storage import repo
from docgen.storage.seed import DEMO_UNITS
from tests.web.conftest import login, sample

PAGE = "/dokumen/baru/keputusan-penghargaan"
KAB = "Kabupaten Purbalingga"


def _value(html: str, name: str) -> str | None:
    match = re.search(rf'name="{re.escape(name)}"[^>]*value="([^"]*)"', html)
    return htmllib.unescape(match.group(1)) if match else None


def _number(html: str, name: str) -> float | None:
    text = _value(html, name)
    return None if text is None else float(text.replace(".", "").replace(",", "."))


def _store(app, type_name: str, unit_id: int, data: dict, final: bool) -> None:
    """Stored directly: the bundled scored-card data still prints the Lampiran I markers,
    which block its final on purpose (test_final_gate); the recap reads status and data."""
    with app.extensions["docgen"].database.session() as session:
        document = repo.create_document(session, type_name, unit_id, None, data)
        if final:
            repo.mark_final(document, None, "0" * 64)


def _card(value: float) -> dict:
    data = sample("scored-card")
    data["capaian"] = {code: value for code in data["capaian"]}
    data["tanggal"] = "2024-11-01"
    return data


def _monev(nama: str, nip: str, done: int) -> dict:
    data = sample("monev-rencana-tindak")
    data["agen_perubahan"] = {"nama": nama, "nip": nip, "jabatan": "Analis Kebijakan"}
    row = {**data["monev"][0], "target": "10 dokumen", "realisasi_target": f"{done} dokumen"}
    data["monev"] = [row]
    return data


@pytest.fixture()
def year(app, world) -> dict[str, int]:
    """A: final 62,50 (B); B: final 90 (A); C: final 49,99 (C, not in the Gelar) and a
    draft 95 (a draft never counts over a final). Agents: A final 80 %, B final 90 %, C a
    draft 100 %."""
    with app.extensions["docgen"].database.session() as session:
        unit_c = repo.create_unit(session, **DEMO_UNITS[2]).id
    a, b = world.units["A"], world.units["B"]
    _store(app, "scored-card", a, _card(62.5), final=True)
    _store(app, "scored-card", b, _card(90), final=True)
    _store(app, "scored-card", unit_c, _card(49.99), final=True)
    _store(app, "scored-card", unit_c, _card(95), final=False)
    _store(app, "monev-rencana-tindak", a, _monev("RINA SETYANINGSIH", "19830412 200801 2 015",
                                                  8), final=True)
    _store(app, "monev-rencana-tindak", b, _monev("AGUS PRIYANTO", "19870923 201001 1 007", 9),
           final=True)
    _store(app, "monev-rencana-tindak", unit_c, _monev("DRAF SAJA", "", 10), final=False)
    return {"A": a, "B": b, "C": unit_c}


def test_new_keputusan_is_prefilled_from_the_final_ranking(client, year):
    login(client, "admin")
    response = client.get(f"{PAGE}?tahun=2024")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert _value(html, "tahun") == "2024"
    assert _value(html, "pemenang_kbk[0].unit_kerja") == f"{DEMO_UNITS[1]['nama']} {KAB}"
    assert _number(html, "pemenang_kbk[0].nilai") == 90
    assert _value(html, "pemenang_kbk[0].peringkat") == "1"
    assert _value(html, "pemenang_kbk[1].unit_kerja") == f"{DEMO_UNITS[0]['nama']} {KAB}"
    assert _number(html, "pemenang_kbk[1].nilai") == 62.5
    assert _value(html, "pemenang_kbk[2].unit_kerja") is None  # C: below the Gelar, or draft
    assert _value(html, "agen_perubahan_terbaik[0].nama") == "AGUS PRIYANTO"
    assert _number(html, "agen_perubahan_terbaik[0].capaian") == 90
    assert _value(html, "agen_perubahan_terbaik[0].nip") == "19870923 201001 1 007"
    assert _value(html, "agen_perubahan_terbaik[1].nama") == "RINA SETYANINGSIH"
    assert _value(html, "agen_perubahan_terbaik[1].unit_kerja") == (
        f"{DEMO_UNITS[0]['nama']} {KAB}")
    assert "DRAF SAJA" not in html


def test_another_year_has_no_winners(client, year):
    login(client, "admin")
    html = client.get(f"{PAGE}?tahun=2023").get_data(as_text=True)
    assert _value(html, "tahun") == "2023"
    assert _value(html, "pemenang_kbk[0].unit_kerja") is None
    assert _value(html, "agen_perubahan_terbaik[0].nama") is None


def test_only_the_kabupaten_admin_drafts_it(client, year):
    login(client, "a_admin")
    assert client.get(f"{PAGE}?tahun=2024").status_code == 403
