"""The archive of outputs, final documents pinned to their template, verification, audit."""

from __future__ import annotations

import io
import json
import re

import pytest

from docgen.registry import REGISTRY
from docgen.review.archive import sha256
from docgen.review.verification import document_id_of
from docgen.storage import User, repo, review_repo
from docgen.storage.models import ArchiveEntry, AuditEvent, TemplateVersionRow
from tests.conftest import docx_text, pdf_text
from tests.web.conftest import (
    BIAYA_NEW,
    PASSWORD,
    add_document,
    form_fields,
    login,
    make_app,
    reworded_template,
    sample,
)

SK_KBK = REGISTRY.get("sk-kbk").template.read_bytes()
OLD_BIAYA = "Anggaran Pendapatan dan Belanja Daerah Kabupaten Purbalingga melalui"


def _entries(app, document_id=None) -> list[ArchiveEntry]:
    with app.extensions["docgen"].database.session() as session:
        query = session.query(ArchiveEntry).order_by(ArchiveEntry.id)
        if document_id is not None:
            query = query.filter(ArchiveEntry.document_id == document_id)
        return list(query)


def _approve_v2(client) -> bytes:
    changed = reworded_template()
    login(client, "hukum")
    client.post("/tinjauan/templat/sk-kbk", content_type="multipart/form-data",
                data={"berkas": (io.BytesIO(changed), "baru.docx")})
    login(client, "hukum2")
    assert client.post("/tinjauan/templat/sk-kbk/2/setujui").status_code == 303
    return changed


def test_every_output_of_a_draft_is_recorded(app, client, world, runner):
    doc_id = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
    login(client, "a_admin")
    docx = client.get(f"/dokumen/{doc_id}/unduh.docx").data
    pdf = client.get(f"/dokumen/{doc_id}/pratinjau.pdf").data
    bundle = client.post("/dokumen/zip", data={"ids": [str(doc_id)], "format": "docx"})
    assert bundle.status_code == 200
    entries = _entries(app, doc_id)
    assert [(e.purpose, e.format, e.status) for e in entries] == [
        ("unduh", "docx", "draft"), ("pratinjau", "pdf", "draft"), ("zip", "docx", "draft")]
    first, second, _ = entries
    assert first.output_sha256 == sha256(docx) and second.output_sha256 == sha256(pdf)
    for entry in entries:
        assert (entry.type_name, entry.unit_id, entry.author) == ("sk-kbk", world.units["A"],
                                                                  "a_admin")
        assert entry.unit == "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"
        assert entry.input_data == sample("sk-kbk") and entry.content is None
        assert (entry.template_number, entry.template_sha256) == (1, sha256(SK_KBK))
    page = client.get(f"/dokumen/{doc_id}/riwayat").get_data(as_text=True)
    assert "templat versi 1" in page and entries[0].template_sha256 in page
    assert entries[1].output_sha256 in page

    token = runner("create-token", "b_admin").output.strip()
    b_kbk = sample("sk-kbk")  # a unit's token renders for its own unit only
    b_kbk["perangkat_daerah"] = {"nama": "Kecamatan Kalimanah", "jenis": "kecamatan"}
    response = client.post("/api/v1/documents/sk-kbk/render?format=docx",
                           json=b_kbk, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.headers["X-Docgen-Template-Version"] == "1"
    api = _entries(app)[-1]
    assert (api.purpose, api.document_id, api.author, api.unit_id) == (
        "api", None, "b_admin", world.units["B"])
    assert api.output_sha256 == sha256(response.data)


def test_final_is_archived_stamped_and_keeps_its_template_version(app, client, world):
    login(client, "a_admin")
    fields = form_fields("sk-kbk", sample("sk-kbk"))
    fields["_action"] = "final"
    response = client.post("/dokumen/baru/sk-kbk", data=fields)
    assert response.status_code == 303
    old_id = int(response.headers["Location"].rsplit("/", 1)[1])
    old_pdf = client.get(f"/dokumen/{old_id}/unduh.pdf").data
    old_docx = client.get(f"/dokumen/{old_id}/unduh.docx").data
    docx_entry, pdf_entry = (e for e in _entries(app, old_id) if e.status == "final")
    assert (docx_entry.content, pdf_entry.content) == (old_docx, old_pdf)
    assert pdf_entry.verification_id == docx_entry.verification_id
    vid = pdf_entry.verification_id
    assert document_id_of(old_pdf) == vid
    text = pdf_text(old_pdf)
    assert f"ID Dokumen: {vid}" in text and f"/verifikasi/{vid}" in text
    assert "DRAF" not in text

    v2 = _approve_v2(client)
    login(client, "a_admin")
    assert client.get(f"/dokumen/{old_id}/unduh.pdf").data == old_pdf  # byte-identical
    old_text = docx_text(client.get(f"/dokumen/{old_id}/unduh.docx").data)
    assert OLD_BIAYA in old_text and "satuan kerja yang dipimpin oleh" not in old_text
    page = client.get(f"/dokumen/{old_id}/riwayat").get_data(as_text=True)
    assert "templat versi 1" in page and docx_entry.template_sha256 in page
    assert vid in page

    new_id = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
    new_text = docx_text(client.get(f"/dokumen/{new_id}/unduh.docx").data)
    assert "satuan kerja yang dipimpin oleh Kepala Dinas" in new_text
    assert BIAYA_NEW.split("{{")[0].strip() in new_text
    page = client.get(f"/dokumen/{new_id}/riwayat").get_data(as_text=True)
    assert "templat versi 2" in page and sha256(v2) in page
    assert _entries(app, new_id)[-1].template_number == 2


def test_verification_page_confirms_the_archived_pdf_and_rejects_a_modified_copy(
        app, client, world):
    doc_id = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"), final=True)
    with app.extensions["docgen"].database.session() as session:
        entry = review_repo.final_entry(session, doc_id, "pdf")
    vid, archived = entry.verification_id, entry.content

    public = app.test_client()  # nobody logged in
    page = public.get(f"/verifikasi/{vid}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    facts = dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", html))
    assert facts == {
        "ID dokumen": f"<code>{vid}</code>",
        "Jenis": "Keputusan tentang Pembentukan Kelompok Budaya Kerja",
        "Unit": "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "Nomor": "800/215/2024",
        "Tanggal": "15 Maret 2024",
        "SHA-256 PDF": f'<code class="hash">{sha256(archived)}</code>',
    }
    data = sample("sk-kbk")
    private = [m["nama"] for m in data["susunan"]] + [m["nip"] for m in data["susunan"]] + [
        data["nama_kbk"], data["yel_yel"], data["perangkat_daerah"]["alamat"],
        data["perangkat_daerah"]["email"], "a_admin", "sistem"]
    for value in private:
        assert value not in html, value

    ok = public.post(f"/verifikasi/{vid}", content_type="multipart/form-data",
                     data={"berkas": (io.BytesIO(archived), "sk.pdf")})
    assert ok.status_code == 200
    assert "Cocok: berkas identik dengan arsip" in ok.get_data(as_text=True)
    changed = bytearray(archived)
    changed[len(changed) // 2] ^= 0x01
    bad = public.post(f"/verifikasi/{vid}", content_type="multipart/form-data",
                      data={"berkas": (io.BytesIO(bytes(changed)), "sk.pdf")})
    assert bad.status_code == 422
    assert "Tidak cocok: berkas berbeda dari arsip" in bad.get_data(as_text=True)

    found = public.post("/verifikasi", content_type="multipart/form-data",
                        data={"berkas": (io.BytesIO(archived), "sk.pdf")})
    assert found.status_code == 200 and "Cocok" in found.get_data(as_text=True)
    assert public.get(f"/verifikasi?id={vid.lower()}").status_code == 303
    assert public.get("/verifikasi/2024-AAAA-AAAA-AAAA").status_code == 404
    assert public.get("/verifikasi/bukan-id").status_code == 404
    assert _entries(app, doc_id)[-1].content == archived  # verification stores nothing


def test_verification_upload_keeps_csrf(data_dir, request, world, app):
    doc_id = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"), final=True)
    with app.extensions["docgen"].database.session() as session:
        entry = review_repo.final_entry(session, doc_id, "pdf")
    app.extensions["docgen"].database.dispose()
    strict = make_app(data_dir, request, WTF_CSRF_ENABLED=True).test_client()
    url = f"/verifikasi/{entry.verification_id}"
    upload = {"berkas": (io.BytesIO(entry.content), "sk.pdf")}
    assert strict.post(url, data=upload, content_type="multipart/form-data"
                       ).status_code == 400
    token = re.search(r'name="csrf_token" value="([^"]+)"',
                      strict.get(url).get_data(as_text=True))[1]
    response = strict.post(url, content_type="multipart/form-data", data={
        "csrf_token": token, "berkas": (io.BytesIO(entry.content), "sk.pdf")})
    assert response.status_code == 200 and "Cocok" in response.get_data(as_text=True)


def test_audit_list_by_role(app, client, world):
    a_doc = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
    b_doc = add_document(app, "sk-kbk", world.units["B"], sample("sk-kbk"), final=True)
    _approve_v2(client)
    login(client, "a_admin")
    client.get(f"/dokumen/{a_doc}/unduh.docx")
    with app.extensions["docgen"].database.session() as session:
        actions = [e.action for e in session.query(AuditEvent).order_by(AuditEvent.id)]
    assert actions == ["final", "template_upload", "template_approve", "render"]

    html = client.get("/audit").get_data(as_text=True)
    assert f'href="/dokumen/{a_doc}"' in html and "templat versi 2" in html
    assert f'href="/dokumen/{b_doc}"' not in html
    assert "Mengunggah templat" not in html and "Menyetujui templat" not in html
    login(client, "b_sek")
    html = client.get("/audit").get_data(as_text=True)
    assert f'href="/dokumen/{b_doc}"' in html and "Menandai final" in html
    assert f'href="/dokumen/{a_doc}"' not in html
    for reader in ("admin", "hukum"):
        login(client, reader)
        html = client.get("/audit").get_data(as_text=True)
        for text in (f'href="/dokumen/{a_doc}"', f'href="/dokumen/{b_doc}"',
                     "Mengunggah templat", "Menyetujui templat", "hukum2"):
            assert text in html, (reader, text)
        only = client.get("/audit?jenis=templat").get_data(as_text=True)
        assert "Menandai final" not in only and "Menyetujui templat" in only


@pytest.mark.sqlite_only(reason="builds a 0001-era database with SQLite's SQL (1 for true); "
                        "tests/test_postgres.py upgrades every migration on PostgreSQL")
def test_a_database_of_0001_upgrades_and_its_old_finals_are_still_served(data_dir, request):
    """Finals archived as files before migration 0002 keep being served from the file."""
    from alembic import command
    from sqlalchemy import text

    from docgen.config import Settings
    from docgen.storage import Database
    from docgen.storage.db import alembic_config

    database = Database(Settings(data_dir=data_dir).database)
    config = alembic_config(database.url)
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    archived = reworded_template()  # any DOCX: what the old archive holds is what is served
    (data_dir / "archive").mkdir(parents=True)
    (data_dir / "archive" / "1-v1-lama.docx").write_bytes(archived)
    with database.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO users (id, username, password_hash, role, active, created_at) "
            "VALUES (1, 'kab', 'x', 'admin_kabupaten', 1, '2024-01-01')"))
        connection.execute(text(
            "INSERT INTO documents (id, type_name, judul, data, status, version, "
            "archive_path, template_sha256, created_at, updated_at, finalized_at) VALUES "
            "(1, 'sk-kbk', '', :data, 'final', 1, '1-v1-lama.docx', :sha, '2024-01-01', "
            "'2024-01-01', '2024-01-01')"),
            {"data": json.dumps(sample("sk-kbk")), "sha": "0" * 64})
    database.dispose()

    app = make_app(data_dir, request)
    with app.extensions["docgen"].database.session() as session:
        user = session.get(User, 1)
        user.username = "admin"
        repo.set_password(user, PASSWORD)
    client = app.test_client()
    login(client, "admin")
    assert client.get("/dokumen/1/unduh.docx").data == archived
    pdf = client.get("/dokumen/1/unduh.pdf").data
    assert pdf.startswith(b"%PDF") and (data_dir / "archive" / "1-v1-lama.pdf").read_bytes() == pdf
    assert _entries(app) == []  # serving an archived final generates nothing new


def test_a_changed_bundled_template_arrives_as_a_draft_for_review(data_dir, request, app):
    with app.extensions["docgen"].database.session() as session:
        (row,) = review_repo.versions(session, TemplateVersionRow, "sk-kbk")
        row.sha256, row.content = "1" * 64, b"older release"  # as if installed long ago
    app.extensions["docgen"].database.dispose()
    restarted = make_app(data_dir, request)
    with restarted.extensions["docgen"].database.session() as session:
        rows = review_repo.versions(session, TemplateVersionRow, "sk-kbk")
        assert [(r.number, r.status, r.author) for r in rows] == [
            (2, "draft", "sistem"), (1, "approved", "sistem")]
        assert rows[0].content == SK_KBK
