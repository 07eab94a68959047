"""Forms generated from every type's schema: round trip, errors, rows, prefill."""

from __future__ import annotations

import re

import pytest

from docgen.registry import REGISTRY
from docgen.storage import repo
from tests.web.conftest import add_document, form_fields, login, sample, user_for_type

TYPES = [t.name for t in REGISTRY]


def _stored(app, doc_id: int) -> dict:
    with app.extensions["docgen"].database.session() as session:
        return dict(repo.get_document(session, doc_id).data)


def _new_id(response) -> int:
    match = re.search(r'action="/dokumen/(\d+)"', response.get_data(as_text=True))
    if match:
        return int(match.group(1))
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


@pytest.mark.parametrize("type_name", TYPES)
def test_every_type_has_a_prefilled_form(client, world, type_name):
    login(client, user_for_type(type_name))
    page = client.get(f"/dokumen/baru/{type_name}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert REGISTRY.get(type_name).title in html
    assert 'name="csrf_token"' in html
    assert "Simpan draf" in html


@pytest.mark.parametrize("type_name", TYPES)
def test_sample_typed_into_the_form_gives_the_same_document(app, client, world, type_name):
    """The generic form posts into a dict that DocumentType.parse reads as the sample."""
    login(client, user_for_type(type_name))
    response = client.post(f"/dokumen/baru/{type_name}", data=form_fields(
        type_name, sample(type_name)))
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    doc_type = REGISTRY.get(type_name)
    stored = _stored(app, _new_id(response))
    assert doc_type.parse(stored) == doc_type.parse(sample(type_name))


def test_invalid_draft_is_saved_with_everything_typed_and_errors_in_place(app, client, world):
    login(client, "a_admin")
    data = sample("sk-kbk")
    data["susunan"][1]["nip"] = "1969 0412"  # too short
    data["susunan"][2]["nama"] = ""
    data["nomor"] = ""
    fields = form_fields("sk-kbk", data)
    response = client.post("/dokumen/baru/sk-kbk", data=fields, follow_redirects=True)
    assert response.status_code == 200 and response.request.path.startswith("/dokumen/")
    html = response.get_data(as_text=True)
    assert "Draf disimpan" in html
    # errors in Indonesian next to their inputs
    assert re.search(r'id="err-f-susunan-1-nip"><li>NIP harus 18 digit, bukan 8', html)
    assert re.search(r'id="err-f-susunan-2-nama"><li>wajib diisi', html)
    assert re.search(r'id="err-f-nomor"><li>wajib diisi', html)
    assert 'aria-invalid="true"' in html
    assert "Susunan baris 2 (Ketua) \u00b7 NIP: NIP harus 18 digit" in html
    # everything typed is kept, in the page and in the database
    for member in data["susunan"]:
        if member["nama"]:
            assert f'value="{member["nama"]}"' in html.replace("&#39;", "'")
    assert 'value="1969 0412"' in html
    stored = _stored(app, _new_id(response))
    assert stored["susunan"][1]["nip"] == "1969 0412"
    assert len(stored["susunan"]) == len(data["susunan"])
    assert "nomor" not in stored


def test_final_is_refused_while_invalid(client, world, app):
    login(client, "a_admin")
    data = sample("sk-kbk")
    data["yel_yel"] = ""
    response = client.post("/dokumen/baru/sk-kbk",
                           data={**form_fields("sk-kbk", data).to_dict(flat=False),
                                 "_action": "final"}, follow_redirects=True)
    assert response.status_code == 200  # redirected to the saved draft
    assert "belum dapat ditandai final" in response.get_data(as_text=True)
    doc_id = _new_id(response)
    with app.extensions["docgen"].database.session() as session:
        assert repo.get_document(session, doc_id).status == "draft"


def test_add_and_remove_rows_without_javascript(app, client, world):
    login(client, "a_admin")
    fields = form_fields("sk-kbk", sample("sk-kbk"))
    fields["_action"] = "add:susunan"
    response = client.post("/dokumen/baru/sk-kbk", data=fields, follow_redirects=True)
    html = response.get_data(as_text=True)
    rows = len(sample("sk-kbk")["susunan"])
    assert f'name="susunan[{rows}].nama"' in html  # the new empty row
    assert "Periksa isian berikut" not in html  # no errors shown for a row action
    doc_id = _new_id(response)
    fields = form_fields("sk-kbk", sample("sk-kbk"))
    fields["_action"] = "remove:susunan[3]"
    client.post(f"/dokumen/{doc_id}", data=fields)
    stored = _stored(app, doc_id)
    assert len(stored["susunan"]) == rows - 1
    assert sample("sk-kbk")["susunan"][3]["nama"] not in [m["nama"] for m in stored["susunan"]]


def test_rows_posted_with_gaps_are_compacted_and_blank_rows_dropped(app, client, world):
    login(client, "a_admin")
    fields = form_fields("sk-kbk", sample("sk-kbk"))
    fields["susunan[17].nama"] = "TAMBAHAN"  # added in the browser after a removal
    fields["susunan[17].jabatan"] = "Pelaksana"
    fields["susunan[17].kedudukan"] = "anggota"
    fields["susunan[20].nama"] = ""  # an empty row left in the form
    response = client.post("/dokumen/baru/sk-kbk", data=fields)
    stored = _stored(app, _new_id(response))
    assert stored["susunan"][-1]["nama"] == "TAMBAHAN"
    assert len(stored["susunan"]) == len(sample("sk-kbk")["susunan"]) + 1


def test_new_sk_kbk_is_prefilled_from_the_unit(client, world):
    login(client, "b_admin")  # a kecamatan
    html = client.get("/dokumen/baru/sk-kbk").get_data(as_text=True)
    assert 'value="Kecamatan Kalimanah"' in html
    assert 'value="Drs. HARI SUSANTO, M.Si."' in html  # head of unit signs ...
    assert 'value="19700315 199403 1 006"' in html
    assert re.search(r'name="susunan\[0\]\.nama"[^>]*value="Drs. HARI SUSANTO', html)
    # ... suggested jabatan per kind, as a hint in the empty field (never a printed value)
    assert re.search(r'name="susunan\[1\]\.jabatan"[^>]*placeholder="Sekretaris Kecamatan"', html)
    assert 'value="Sekretaris Kecamatan"' not in html
    assert "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah" in html
    assert "di lingkungan Kecamatan Kalimanah Kabupaten Purbalingga" in html


def test_labels_help_and_widgets_follow_the_schema(client, world):
    login(client, "a_admin")
    html = client.get("/dokumen/baru/sk-kbk").get_data(as_text=True)
    assert '<legend>Perangkat daerah</legend>' in html
    assert 'type="date" id="f-tanggal" name="tanggal"' in html
    assert re.search(r'<select id="f-perangkat_daerah-jenis"', html)
    assert "Nama KBK (Pasal 9 ayat (3))" in html  # field description as help text
    assert '<template data-row-template data-token="__i0__" data-number-token="__n0__">' in html
    assert 'name="susunan[__i0__].kedudukan"' in html


def test_resumed_draft_shows_what_is_missing(app, client, world):
    data = sample("sk-kbk")
    del data["nama_kbk"]
    doc_id = add_document(app, "sk-kbk", world.units["A"], data)
    login(client, "a_admin")
    html = client.get(f"/dokumen/{doc_id}").get_data(as_text=True)
    assert re.search(r'id="err-f-nama_kbk"><li>wajib diisi', html)
    assert "Pratinjau dan unduhan tersedia setelah semua isian wajib benar" in html
