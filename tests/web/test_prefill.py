"""Data typed once is reused: the unit's SK KBK and Form A prefill later documents."""

from __future__ import annotations

import html as htmllib
import re

from docgen.documents.prefill import in_month, months_named
from docgen.domain.kbk_forms import waktu_baris
from tests.web.conftest import add_document, login, sample

KETUA = "Dra. SRI WAHYUNI"  # the ketua in samples/sk-kbk.json


def _value(html: str, name: str) -> str | None:
    match = re.search(rf'name="{re.escape(name)}"[^>]*value="([^"]*)"', html)
    return htmllib.unescape(match.group(1)) if match else None


def test_sk_kbk_prefills_the_kbk_forms_and_reports(app, client, world):
    add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"), final=True)
    login(client, "a_sek")
    form_a = client.get("/dokumen/baru/kbk-form-a").get_data(as_text=True)
    assert _value(form_a, "ketua.nama") == KETUA
    assert _value(form_a, "ketua.nip") == "19690412 199203 2 004"
    assert _value(form_a, "unit_kerja") == ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu "
                                            "Pintu Kabupaten Purbalingga")
    report = client.get("/dokumen/baru/laporan-bulanan-kbk").get_data(as_text=True)
    assert _value(report, "nama_kbk") == "KBK SEMAR"
    assert _value(report, "ketua.nama") == KETUA
    assert _value(report, "sekretaris.nama") == "BAMBANG HERMAWAN, S.Sos."
    evaluation = client.get("/dokumen/baru/laporan-evaluasi").get_data(as_text=True)
    assert _value(evaluation, "penanggung_jawab.nama") == KETUA
    assert _value(evaluation, "penanggung_jawab.jabatan") == "Sekretaris Dinas"


def test_a_draft_sk_kbk_is_used_when_there_is_no_final_one(app, client, world):
    data = sample("sk-kbk")
    data["nama_kbk"] = "KBK DRAF"
    add_document(app, "sk-kbk", world.units["A"], data)
    login(client, "a_sek")
    html = client.get("/dokumen/baru/scored-card").get_data(as_text=True)
    assert _value(html, "nama_kbk") == "KBK DRAF"


def test_another_units_sk_kbk_is_never_used(app, client, world):
    add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"), final=True)
    login(client, "b_sek")
    html = client.get("/dokumen/baru/kbk-form-a").get_data(as_text=True)
    assert KETUA not in html
    assert _value(html, "unit_kerja") == "Kecamatan Kalimanah Kabupaten Purbalingga"


def test_form_a_activities_of_the_month_prefill_that_months_report(app, client, world):
    add_document(app, "kbk-form-a", world.units["A"], sample("kbk-form-a"), final=True)
    login(client, "a_sek")
    html = client.get("/dokumen/baru/laporan-bulanan-kbk?tahun=2024&bulan=3").get_data(
        as_text=True)
    assert _value(html, "bulan") == "3" and _value(html, "tahun") == "2024"
    activities = sample("kbk-form-a")["kegiatan"]
    expected = [k for k in activities if "maret" in k["bulan"]]  # months chosen in Form A
    assert 2 <= len(expected) < len(activities)
    for i, activity in enumerate(expected):
        assert _value(html, f"kegiatan[{i}].kegiatan") == activity["kegiatan"]
        assert _value(html, f"kegiatan[{i}].jadwal") == waktu_baris(activity, 2024)
    assert _value(html, f"kegiatan[{len(expected)}].kegiatan") is None
    august = client.get("/dokumen/baru/laporan-bulanan-kbk?tahun=2024&bulan=8").get_data(
        as_text=True)
    assert "Agustus 2024" in august and "November 2024" not in august


def test_month_names_in_schedules():
    assert months_named("Maret dan September 2024") == [3, 9]
    assert in_month("Setiap Rabu", 7)
    assert in_month("Januari - Desember 2024", 6)
    assert in_month("November s.d. Februari", 1) and not in_month("November s.d. Februari", 5)
    assert not in_month("Agustus 2024", 3)
