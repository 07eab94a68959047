"""'Salin sebagai dokumen tahun berikutnya': a new draft with the number cleared and
dates and years a year later, everything else kept (docgen.documents.copying)."""

from __future__ import annotations

import html as htmllib
import re

import pytest

from docgen.documents.copy_rules import COPY_RULES, time_fields
from docgen.documents.copying import next_year_copy
from docgen.registry import REGISTRY
from docgen.storage import repo
from tests.web.conftest import add_document, login, sample


@pytest.mark.parametrize("doc_type", list(REGISTRY), ids=lambda t: t.name)
def test_every_type_says_what_happens_to_each_date_year_and_number(doc_type):
    """A new type, or a new date/year/number field, fails here until the table of
    ``docgen.documents.copy_rules`` says what a copy for next year does with it."""
    found = time_fields(doc_type.schema())
    rules = COPY_RULES.get(doc_type.name)
    assert rules is not None, f"COPY_RULES['{doc_type.name}'] missing; suggested: {found}"
    assert sorted(set(found) - set(rules)) == [], f"{doc_type.name}: not in COPY_RULES"
    assert sorted(set(rules) - set(found)) == [], f"{doc_type.name}: no such field"


@pytest.mark.parametrize("doc_type", list(REGISTRY), ids=lambda t: t.name)
def test_a_sample_copied_moves_a_year_and_keeps_the_rest(doc_type):
    data = sample(doc_type.name)
    copy = next_year_copy(doc_type.name, data)
    assert "nomor" not in copy
    if "tanggal" in data:
        year = int(data["tanggal"][:4])
        assert copy["tanggal"] == f"{year + 1}{data['tanggal'][4:]}"
    if isinstance(data.get("tahun"), int):
        assert copy["tahun"] == data["tahun"] + 1
    untouched = {k for k in data if k not in {p.split(".")[0].split("[")[0].split("{")[0]
                                              for p in COPY_RULES[doc_type.name]}}
    assert {k: copy[k] for k in untouched} == {k: data[k] for k in untouched}
    if "nomor" not in data:  # the copy of a type without a number is valid as it is
        doc_type.parse(copy)


def test_texts_and_rows_move_a_year_too():
    data = {**sample("monev-rencana-tindak"), "periode": "Januari - Desember 2024"}
    assert next_year_copy("monev-rencana-tindak", data)["periode"] == \
        "Januari - Desember 2025"
    report = sample("laporan-bulanan-kbk")
    copy = next_year_copy("laporan-bulanan-kbk", report)
    assert copy["bulan"] == report["bulan"]
    dated = [i for i, k in enumerate(report["kegiatan"]) if k.get("tanggal_pelaksanaan")]
    assert dated
    assert [copy["kegiatan"][i]["tanggal_pelaksanaan"][:4] for i in dated] == \
        [str(int(report["kegiatan"][i]["tanggal_pelaksanaan"][:4]) + 1) for i in dated]
    leap = {**sample("kuesioner-evaluasi"), "tanggal": "2024-02-29"}
    assert next_year_copy("kuesioner-evaluasi", leap)["tanggal"] == "2025-02-28"


def _field_value(body: str, name: str) -> str:
    match = re.search(rf'name="{re.escape(name)}"[^>]*value="([^"]*)"', body)
    return htmllib.unescape(match.group(1)) if match else ""


def test_unit_admin_copies_a_final_keputusan_as_next_years_draft(app, client, world):
    data = sample("sk-agen-perubahan")
    source = add_document(app, "sk-agen-perubahan", world.units["A"], data, final=True)
    login(client, "a_admin")
    page = client.get(f"/dokumen/{source}").get_data(as_text=True)
    assert "Salin sebagai dokumen tahun berikutnya" in page

    response = client.post(f"/dokumen/{source}/salin-tahun-berikutnya")
    assert response.status_code == 303
    new_id = int(response.headers["Location"].rsplit("/", 1)[-1])
    assert new_id != source
    body = client.get(f"/dokumen/{new_id}").get_data(as_text=True)
    assert "Salinan untuk tahun berikutnya dibuat sebagai draf baru" in body
    assert _field_value(body, "nomor") == ""
    assert _field_value(body, "tanggal") == "2025-03-22"
    assert _field_value(body, "jangka_waktu.mulai") == "2025-04-01"
    assert _field_value(body, "jangka_waktu.selesai") == "2026-03-31"
    assert _field_value(body, "agen[0].nama") == data["agen"][0]["nama"]
    assert "Nomor" in body and "wajib diisi" in body  # the number is asked for again
    with app.extensions["docgen"].database.session() as session:
        copy, original = repo.get_document(session, new_id), repo.get_document(session, source)
        assert (copy.status, copy.version, copy.parent_id) == ("draft", 1, None)
        assert copy.unit_id == world.units["A"]
        assert original.status == "final" and original.data["nomor"] == data["nomor"]


def test_a_draft_is_copied_too_and_other_users_may_not(app, client, world):
    draft = add_document(app, "kbk-form-a", world.units["A"], sample("kbk-form-a"))
    for user, status in (("b_sek", 404), ("hukum", 403), ("a_admin", 403)):
        login(client, user)
        assert client.post(f"/dokumen/{draft}/salin-tahun-berikutnya").status_code == status
        page = client.get(f"/dokumen/{draft}")
        assert "Salin sebagai dokumen tahun berikutnya" not in page.get_data(as_text=True)
        client.post("/keluar")
    login(client, "a_sek")
    response = client.post(f"/dokumen/{draft}/salin-tahun-berikutnya")
    assert response.status_code == 303
    with app.extensions["docgen"].database.session() as session:
        documents = repo.list_documents(session, world.units["A"], ["kbk-form-a"])
        assert sorted(d.data["tahun"] for d in documents) == [2024, 2025]
