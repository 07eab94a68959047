"""The paraf chain through the web and the API (issue 14): the chain on the document page,
"Paraf" / "Kembalikan dengan catatan" for the person whose step it is, the order enforced,
403 for anyone else, 409 out of turn, a send-back making a new draft version with the
note, the chain's status in GET /api/v1/documents/<id>."""

from __future__ import annotations

import pytest

from docgen.storage import repo
from tests.web.conftest import PASSWORD, bearer, login, sample

CHAIN_USERS = {"a_sekunit": ("sekretaris_unit", "A", "Dra. SRI WAHYUNI"),
               "a_kepala": ("pimpinan_unit", "A", "ATO SUSANTO, AP., M.Si.")}


@pytest.fixture()
def chain(app, world, runner) -> dict[str, dict[str, str]]:
    """The unit A officials of the chain, and tokens of everyone involved."""
    with app.extensions["docgen"].database.session() as session:
        for name, (role, unit, nama) in CHAIN_USERS.items():
            repo.create_user(session, name, PASSWORD, role, world.units[unit], nama=nama)
    return {name: bearer(runner("create-token", name).output.strip())
            for name in ("a_admin", "a_sek", "b_admin", "a_sekunit", "a_kepala")}


def _final(client, tokens) -> int:
    created = client.post("/api/v1/documents", headers=tokens["a_admin"],
                          json={"type": "sk-kbk", "data": sample("sk-kbk")})
    doc_id = created.json["id"]
    final = client.post(f"/api/v1/documents/{doc_id}/final", headers=tokens["a_admin"])
    assert final.status_code == 200, final.json
    return doc_id


def _page(client, username, doc_id) -> str:
    login(client, username)
    response = client.get(f"/dokumen/{doc_id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_chain_in_order_through_the_web_and_the_api(client, chain):
    doc_id = _final(client, chain)
    shown = client.get(f"/api/v1/documents/{doc_id}", headers=chain["a_admin"]).json["paraf"]
    assert shown["status"] == "menunggu_paraf" and shown["giliran"] == 1
    assert [s["jabatan"] for s in shown["steps"]] == [
        "Konseptor", "Sekretaris/Kepala Subbagian Umum", "Kepala Perangkat Daerah/Unit Kerja"]
    # the author's page: the chain and both buttons; the pemeriksa's: the chain only
    page = _page(client, "a_admin", doc_id)
    assert "Paraf dan tanda tangan" in page and "Menunggu paraf" in page
    assert ">Paraf</button>" in page and "Kembalikan dengan catatan" in page
    page = _page(client, "a_sekunit", doc_id)
    assert "Paraf dan tanda tangan" in page and ">Paraf</button>" not in page
    out_of_turn = client.post(f"/dokumen/{doc_id}/paraf")
    assert out_of_turn.status_code == 409
    assert "Belum giliran Anda" in out_of_turn.get_data(as_text=True)
    # the API: a role without a step 403, another unit 404, out of turn 409
    url = f"/api/v1/documents/{doc_id}/paraf"
    refused = client.post(url, headers=chain["a_sek"])
    assert refused.status_code == 403 and "tidak memiliki langkah" in str(refused.json)
    assert client.post(url, headers=chain["b_admin"]).status_code == 404
    early = client.post(url, headers=chain["a_kepala"])
    assert early.status_code == 409 and "Belum giliran Anda" in str(early.json)
    # the author initials on the page, the pemeriksa through the API
    login(client, "a_admin")
    after = client.post(f"/dokumen/{doc_id}/paraf", follow_redirects=True)
    assert "Paraf Konseptor tercatat." in after.get_data(as_text=True)
    assert "<td>Diparaf</td>" in after.get_data(as_text=True)
    done = client.post(url, headers=chain["a_sekunit"])
    assert done.status_code == 200
    shown = done.json["paraf"]
    assert shown["status"] == "menunggu_tanda_tangan" and shown["penandatangan"] == "a_kepala"
    assert [(s["oleh"], s["status"]) for s in shown["steps"]] == [
        ("a_admin", "selesai"), ("a_sekunit", "selesai"), (None, "menunggu")]
    assert shown["steps"][1]["nama"] == "Dra. SRI WAHYUNI" and shown["steps"][1]["waktu"]
    page = _page(client, "a_kepala", doc_id)  # the signer: sends back here, signs elsewhere
    assert "Menunggu tanda tangan" in page and "Dra. SRI WAHYUNI" in page
    assert ">Paraf</button>" not in page and "Kembalikan dengan catatan" in page
    assert client.post(url, headers=chain["a_kepala"]).status_code == 409


def test_sending_back_makes_a_new_draft_version_with_the_note(client, chain):
    doc_id = _final(client, chain)
    url = f"/api/v1/documents/{doc_id}/kembalikan"
    assert client.post(url, headers=chain["a_admin"], json={"catatan": " "}).status_code == 422
    assert client.post(url, headers=chain["a_admin"], data="x").status_code == 400
    assert client.post(url, headers=chain["a_sekunit"],
                       json={"catatan": "x"}).status_code == 409  # not their turn yet
    note = "Tanggal penetapan belum sesuai agenda surat keluar."
    sent = client.post(url, headers=chain["a_admin"], json={"catatan": note})
    assert sent.status_code == 201, sent.json
    draft_id = sent.json["draft_id"]
    assert sent.json["paraf"]["status"] == "dikembalikan"
    assert sent.json["paraf"]["steps"][0]["catatan"] == note
    draft = client.get(f"/api/v1/documents/{draft_id}", headers=chain["a_admin"]).json
    assert (draft["status"], draft["version"]) == ("draft", 2)
    assert draft["paraf"]["dikembalikan_dari"] == {"dokumen": doc_id, "catatan": note,
                                                   "oleh": "a_admin"}
    page = _page(client, "a_admin", draft_id)
    assert "Dikembalikan dengan catatan" in page and note in page
    final = client.get(f"/api/v1/documents/{doc_id}", headers=chain["a_admin"]).json
    assert final["status"] == "final" and final["verification_id"]  # still in the archive


def test_the_web_send_back_form_wants_a_note(client, chain):
    doc_id = _final(client, chain)
    login(client, "a_admin")
    client.post(f"/dokumen/{doc_id}/paraf")
    login(client, "a_sekunit")
    empty = client.post(f"/dokumen/{doc_id}/kembalikan", data={"catatan": ""},
                        follow_redirects=True)
    assert "Catatan wajib diisi" in empty.get_data(as_text=True)
    sent = client.post(f"/dokumen/{doc_id}/kembalikan",
                       data={"catatan": "Susunan anggota belum lengkap."},
                       follow_redirects=True)
    text = sent.get_data(as_text=True)
    assert "versi 2 dibuat sebagai draf" in text and "Susunan anggota belum lengkap." in text
    assert "Dikembalikan dengan catatan" in text and "draf baru" in text
