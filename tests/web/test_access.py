"""Roles and units: who may read, draft and change what; no unit sees another's documents."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from docgen.registry import REGISTRY
from docgen.storage import repo
from tests.web.conftest import add_document, login, sample


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture()
def b_documents(app, world):
    """Documents of unit B: a draft SK KBK, a final one, and a photo upload."""
    draft = add_document(app, "sk-kbk", world.units["B"], sample("sk-kbk"))
    final = add_document(app, "sk-kbk", world.units["B"], sample("sk-kbk"), final=True)
    with app.extensions["docgen"].database.session() as session:
        upload = repo.add_upload(session, unit_id=world.units["B"], document_id=draft,
                                 author_id=None, kind="foto", filename="b.png",
                                 content_type="image/png", size=10, sha256="0" * 64,
                                 path="b.png")
        upload_id = upload.id
    (app.extensions["docgen"].settings.data_dir / "uploads").mkdir(parents=True, exist_ok=True)
    (app.extensions["docgen"].settings.data_dir / "uploads" / "b.png").write_bytes(_png())
    return {"draft": draft, "final": final, "upload": upload_id}


def document_urls(doc_id: int, upload_id: int) -> list[tuple[str, str, dict]]:
    """Every URL that touches one document (method, path, form data)."""
    return [
        ("GET", f"/dokumen/{doc_id}", {}),
        ("POST", f"/dokumen/{doc_id}", {"nomor": "999"}),
        ("POST", f"/dokumen/{doc_id}", {"_action": "final"}),
        ("POST", f"/dokumen/{doc_id}/final", {}),
        ("POST", f"/dokumen/{doc_id}/versi-baru", {}),
        ("POST", f"/dokumen/{doc_id}/hapus", {}),
        ("GET", f"/dokumen/{doc_id}/pratinjau.pdf", {}),
        ("GET", f"/dokumen/{doc_id}/unduh.docx", {}),
        ("GET", f"/dokumen/{doc_id}/unduh.pdf", {}),
        ("POST", "/dokumen/zip", {"ids": [str(doc_id)], "format": "docx"}),
        ("POST", f"/dokumen/{doc_id}/unggah/responden",
         {"berkas": (io.BytesIO(b"jabatan\n"), "a.csv")}),
        ("GET", f"/berkas/{upload_id}", {}),
    ]


def _call(client, method: str, url: str, data: dict):
    if method == "GET":
        return client.get(url)
    return client.post(url, data=data, content_type="multipart/form-data")


@pytest.mark.parametrize("username", ["a_admin", "a_sek"])
@pytest.mark.parametrize("which", ["draft", "final"])
def test_unit_a_gets_404_on_every_document_url_of_unit_b(app, client, world, b_documents,
                                                         username, which):
    login(client, username)
    for method, url, data in document_urls(b_documents[which], b_documents["upload"]):
        response = _call(client, method, url, data)
        assert response.status_code in (403, 404), (method, url, response.status_code)
    with app.extensions["docgen"].database.session() as session:
        document = repo.get_document(session, b_documents[which])
        assert document is not None and document.data == sample("sk-kbk")
        assert document.status == ("final" if which == "final" else "draft")


def test_unit_a_does_not_list_unit_b_documents(client, world, b_documents):
    login(client, "a_admin")
    html = client.get("/dokumen").get_data(as_text=True)
    assert f'/dokumen/{b_documents["draft"]}"' not in html
    assert "Belum ada dokumen" in html
    # even when asking for unit B explicitly
    html = client.get(f"/dokumen?unit={world.units['B']}").get_data(as_text=True)
    assert f'/dokumen/{b_documents["draft"]}"' not in html


@pytest.mark.parametrize("reader", ["hukum", "pembinaan"])
def test_regency_readers_read_every_unit_and_change_nothing(app, client, world, b_documents,
                                                            reader):
    """bagian_hukum and tim_pembinaan (Tim Pembinaan / Tim RBI) read, never change."""
    a_doc = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
    login(client, reader)
    listing = client.get("/dokumen").get_data(as_text=True)
    assert f'/dokumen/{a_doc}"' in listing and f'/dokumen/{b_documents["draft"]}"' in listing
    for doc_id in (a_doc, b_documents["draft"]):
        page = client.get(f"/dokumen/{doc_id}")
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        assert "Anda hanya dapat membaca dokumen ini" in html
        assert re.search(r'name="nomor"[^>]* disabled', html)
        assert "Simpan draf" not in html
        assert client.get(f"/dokumen/{doc_id}/unduh.docx").status_code == 200
        for method, url, data in document_urls(doc_id, b_documents["upload"]):
            if method == "POST" and url != "/dokumen/zip":
                assert _call(client, method, url, data).status_code == 403, url
    assert client.get(f"/berkas/{b_documents['upload']}").status_code == 200
    assert client.get("/templat").status_code == 200
    assert client.get("/templat/sk-kbk.docx").status_code == 200
    for type_name in REGISTRY.names():
        assert client.get(f"/dokumen/baru/{type_name}").status_code == 403
    assert client.get("/admin/unit").status_code == 403
    with app.extensions["docgen"].database.session() as session:
        assert repo.get_document(session, a_doc).data == sample("sk-kbk")


# role -> pages it may open (200) and may not (403)
MATRIX = {
    "admin": {"ok": ["/admin/unit", "/admin/pengguna", "/admin/unit/baru", "/templat"]},
    "hukum": {"denied": ["/admin/unit", "/admin/pengguna"], "ok": ["/templat"]},
    "pembinaan": {"denied": ["/admin/unit", "/admin/pengguna", "/tinjauan", "/admin/token"],
                  "ok": ["/templat", "/dokumen", "/audit"]},
    "a_admin": {"denied": ["/admin/unit", "/admin/pengguna"], "ok": ["/templat"]},
    "a_sek": {"denied": ["/admin/unit", "/admin/pengguna"], "ok": ["/templat"]},
}


@pytest.mark.parametrize("username", list(MATRIX))
def test_role_access_matrix(client, world, username):
    login(client, username)
    for url in MATRIX[username].get("ok", []):
        assert client.get(url).status_code == 200, url
    for url in MATRIX[username].get("denied", []):
        assert client.get(url).status_code == 403, url
    role = {"admin": "admin_kabupaten", "hukum": "bagian_hukum", "a_admin": "admin_unit",
            "a_sek": "sekretaris_kbk", "pembinaan": "tim_pembinaan"}[username]
    for doc_type in REGISTRY:
        expected = 200 if role in doc_type.roles else 403
        assert client.get(f"/dokumen/baru/{doc_type.name}").status_code == expected, \
            (username, doc_type.name)


def test_each_unit_role_drafts_its_own_types():
    drafted = {role: [t.name for t in REGISTRY if role in t.roles]
               for role in ("admin_unit", "sekretaris_kbk", "admin_kabupaten")}
    assert "sk-kbk" in drafted["admin_unit"]
    assert drafted["sekretaris_kbk"], "the KBK secretary drafts the KBK working papers"
    assert not [t for t in REGISTRY if "bagian_hukum" in t.roles]


def test_a_role_that_does_not_draft_a_type_cannot_change_it_in_its_own_unit(app, client,
                                                                           world):
    doc_id = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
    login(client, "a_sek")  # same unit, but SKs are drafted by admin_unit
    assert client.get(f"/dokumen/{doc_id}").status_code == 200
    assert client.post(f"/dokumen/{doc_id}", data={"nomor": "1"}).status_code == 403


def test_admin_kabupaten_reads_all_and_drafts_the_bupati_keputusan(app, client, world,
                                                                   b_documents):
    login(client, "admin")
    assert client.get(f"/dokumen/{b_documents['draft']}").status_code == 200
    assert client.post(f"/dokumen/{b_documents['draft']}", data={}).status_code == 403
    kabupaten_types = [t.name for t in REGISTRY if "admin_kabupaten" in t.roles]
    for type_name in kabupaten_types:
        response = client.post(f"/dokumen/baru/{type_name}", data={})
        assert response.status_code == 303  # saved (with errors), shown at /dokumen/<id>
    with app.extensions["docgen"].database.session() as session:
        own = repo.list_documents(session, None)
        assert {d.type_name for d in own} == set(kabupaten_types)
    login(client, "a_admin")
    for document in own:
        assert client.get(f"/dokumen/{document.id}").status_code == 404


def test_pages_need_login(client, world, b_documents):
    for url in ("/dokumen", f"/dokumen/{b_documents['draft']}", "/dokumen/baru/sk-kbk",
                f"/dokumen/{b_documents['draft']}/unduh.docx", "/admin/unit", "/templat"):
        response = client.get(url)
        assert response.status_code == 302 and "/masuk" in response.headers["Location"], url
