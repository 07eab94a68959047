"""Draft -> final (read-only) -> new version as a copy; restart loses nothing."""

from __future__ import annotations

import re

from docgen.storage import repo, review_repo
from tests.web.conftest import add_document, form_fields, login, make_app, sample


def _document(app, doc_id):
    with app.extensions["docgen"].database.session() as session:
        return repo.get_document(session, doc_id)


def _archived(app, doc_id, fmt) -> bytes:
    """The bytes the archive keeps for a final document."""
    with app.extensions["docgen"].database.session() as session:
        return review_repo.final_entry(session, doc_id, fmt).content


def test_mark_final_then_read_only(app, client, world):
    login(client, "a_admin")
    fields = form_fields("sk-kbk", sample("sk-kbk"))
    fields["_action"] = "final"
    response = client.post("/dokumen/baru/sk-kbk", data=fields)
    assert response.status_code == 303
    doc_id = int(response.headers["Location"].split("/")[-1])
    document = _document(app, doc_id)
    assert document.status == "final" and document.finalized_at is not None
    assert _archived(app, doc_id, "docx")[:2] == b"PK"
    assert _archived(app, doc_id, "pdf")[:5] == b"%PDF-"
    assert len(document.template_sha256) == 64

    html = client.get(f"/dokumen/{doc_id}").get_data(as_text=True)
    assert "Dokumen final hanya dapat dibaca" in html
    assert "Simpan draf" not in html
    assert re.search(r'name="nomor"[^>]* disabled', html)
    assert "Buat versi baru" in html

    changed = form_fields("sk-kbk", {**sample("sk-kbk"), "nomor": "800/999/2024"})
    response = client.post(f"/dokumen/{doc_id}", data=changed, follow_redirects=True)
    assert "Dokumen final tidak dapat diubah" in response.get_data(as_text=True)
    assert _document(app, doc_id).data["nomor"] == sample("sk-kbk")["nomor"]
    assert client.post(f"/dokumen/{doc_id}/hapus").status_code == 303
    assert _document(app, doc_id) is not None


def test_final_download_is_the_archived_file(app, client, world):
    doc_id = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"), final=True)
    login(client, "a_admin")
    response = client.get(f"/dokumen/{doc_id}/unduh.docx")
    assert response.status_code == 200
    assert response.data == _archived(app, doc_id, "docx")
    assert "attachment" in response.headers["Content-Disposition"]
    assert client.get(f"/dokumen/{doc_id}/unduh.pdf").data == _archived(app, doc_id, "pdf")


def test_new_version_starts_as_a_copy(app, client, world):
    doc_id = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"), final=True)
    login(client, "a_admin")
    response = client.post(f"/dokumen/{doc_id}/versi-baru")
    assert response.status_code == 303
    copy_id = int(response.headers["Location"].split("/")[-1])
    original, copy = _document(app, doc_id), _document(app, copy_id)
    assert copy_id != doc_id
    assert copy.data == original.data
    assert (copy.status, copy.version, copy.parent_id) == ("draft", 2, doc_id)
    assert original.status == "final"
    html = client.get(f"/dokumen/{copy_id}").get_data(as_text=True)
    assert "Simpan draf" in html and "Versi 2" in html
    assert f'href="/dokumen/{doc_id}">Versi 1</a>' in html
    client.post(f"/dokumen/{copy_id}", data=form_fields(
        "sk-kbk", {**sample("sk-kbk"), "nomor": "800/300/2024"}))
    assert _document(app, copy_id).data["nomor"] == "800/300/2024"
    assert _document(app, doc_id).data["nomor"] == sample("sk-kbk")["nomor"]


def test_delete_a_draft(app, client, world):
    doc_id = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
    login(client, "a_admin")
    assert client.post(f"/dokumen/{doc_id}/hapus").status_code == 303
    assert _document(app, doc_id) is None


def test_restart_loses_nothing(data_dir, request, world, app):
    """A draft typed in one app instance is there in a new instance on the same data dir."""
    client = app.test_client()
    login(client, "a_admin")
    data = sample("sk-kbk")
    data["nama_kbk"] = "KBK SEBELUM RESTART"
    data["nomor"] = ""
    response = client.post("/dokumen/baru/sk-kbk", data=form_fields("sk-kbk", data))
    assert response.status_code == 303  # saved, with errors, and redirected to the draft
    doc_id = int(re.fullmatch(r".*/dokumen/(\d+)", response.headers["Location"])[1])
    app.extensions["docgen"].database.dispose()

    restarted = make_app(data_dir, request)
    assert restarted.config["SECRET_KEY"] == app.config["SECRET_KEY"]
    second = restarted.test_client()
    login(second, "a_admin")
    html = second.get(f"/dokumen/{doc_id}").get_data(as_text=True)
    assert 'value="KBK SEBELUM RESTART"' in html
    assert re.search(r'id="err-f-nomor"><li>wajib diisi', html)
    listing = second.get("/dokumen").get_data(as_text=True)
    assert f'/dokumen/{doc_id}"' in listing
