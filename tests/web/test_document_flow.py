"""Issue 11 items 2, 3, 10, 13: post/redirect/get, outputs only of valid drafts, the
Riwayat page, the preview cache, ids never reused, the DRAF line of a draft's DOCX."""

from __future__ import annotations

import io
import re
import zipfile

import sqlalchemy as sa
from alembic import command

from docgen.render.draft import LINE
from docgen.storage import Database, repo
from docgen.storage.db import alembic_config
from docgen.storage.models import ArchiveEntry, Document
from tests.conftest import docx_text
from tests.web.conftest import add_document, form_fields, login, sample


def _count_documents(app) -> int:
    with app.extensions["docgen"].database.session() as session:
        return session.scalar(sa.select(sa.func.count(Document.id)))


def test_a_first_save_with_errors_redirects_to_the_draft_and_a_reload_posts_nothing(
        app, client, world):
    login(client, "a_admin")
    data = sample("sk-kbk")
    data["susunan"][-1]["nip"] = "1969"
    data["nomor"] = ""
    response = client.post("/dokumen/baru/sk-kbk", data=form_fields("sk-kbk", data))
    assert response.status_code == 303
    location = response.headers["Location"]
    assert re.fullmatch(r"/dokumen/\d+", location)
    # the reload of what the browser shows is a GET of the draft: no second draft
    for _ in range(2):
        page = client.get(location)
        assert page.status_code == 200
    assert _count_documents(app) == 1
    html = page.get_data(as_text=True)
    assert re.search(r'id="err-f-nomor"><li>wajib diisi', html)
    last = len(data["susunan"]) - 1
    assert re.search(rf'id="err-f-susunan-{last}-nip"><li>NIP harus 18 digit', html)
    assert 'value="1969"' in html
    assert "Unduh DOCX" not in html  # no outputs of an invalid draft
    assert "Unduhan tersedia setelah isian diperbaiki" in html


def test_every_save_and_final_ends_on_the_document_page(app, client, world):
    doc_id = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
    login(client, "a_admin")
    data = sample("sk-kbk")
    data["yel_yel"] = ""
    for action in ("save", "final"):
        fields = form_fields("sk-kbk", data)
        fields["_action"] = action
        response = client.post(f"/dokumen/{doc_id}", data=fields)
        assert response.status_code == 303, action
        assert response.headers["Location"] == f"/dokumen/{doc_id}"
    assert client.post(f"/dokumen/{doc_id}/final").status_code == 303
    html = client.get(f"/dokumen/{doc_id}").get_data(as_text=True)
    assert "belum dapat ditandai final" in html.lower()
    assert re.search(r'id="err-f-yel_yel"><li>wajib diisi', html)
    assert _count_documents(app) == 1


def test_row_actions_without_javascript_redirect_too(app, client, world):
    doc_id = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
    login(client, "a_admin")
    fields = form_fields("sk-kbk", sample("sk-kbk"))
    fields["_action"] = "add:susunan"
    response = client.post(f"/dokumen/{doc_id}", data=fields)
    assert response.status_code == 303
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    rows = len(sample("sk-kbk")["susunan"])
    assert f'name="susunan[{rows}].nama"' in html
    assert "Periksa isian berikut" not in html


def test_the_pages_load_the_submit_script(app, client, world):
    login(client, "a_admin")
    html = client.get("/dokumen/baru/sk-kbk").get_data(as_text=True)
    assert "/static/submit.js" in html
    script = client.get("/static/submit.js")
    assert script.status_code == 200 and b"data-saving" in script.data


def test_the_zip_names_the_field_and_row_as_the_form_does(app, client, world):
    data = sample("sk-kbk")
    data["susunan"][-1]["nip"] = "1969"
    doc_id = add_document(app, "sk-kbk", world.units["A"], data)
    login(client, "a_admin")
    response = client.post("/dokumen/zip", data={"ids": [str(doc_id)], "format": "docx"})
    with zipfile.ZipFile(io.BytesIO(response.data)) as bundle:
        skipped = bundle.read("TIDAK-DISERTAKAN.txt").decode("utf-8")
    rows = len(data["susunan"])  # counted from 1, as the form shows them
    assert f"Susunan baris {rows} \u00b7 NIP: NIP harus 18 digit" in skipped
    assert f"susunan[{rows - 1}]" not in skipped


def test_the_api_keeps_machine_field_paths(app, client, world, token):
    data = sample("sk-kbk")
    data["susunan"][-1]["nip"] = "1969"
    response = client.post("/api/v1/documents/sk-kbk/render?format=docx", json=data,
                           headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 422
    assert f"susunan[{len(data['susunan']) - 1}].nip" in response.get_data(as_text=True)


def test_draft_docx_is_marked_draf_and_a_final_docx_is_not(app, client, world):
    draft = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
    final = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"), final=True)
    login(client, "a_admin")
    assert LINE in docx_text(client.get(f"/dokumen/{draft}/unduh.docx").data)
    assert LINE not in docx_text(client.get(f"/dokumen/{final}/unduh.docx").data)
    response = client.post("/dokumen/zip", data={"ids": [str(draft)], "format": "docx"})
    with zipfile.ZipFile(io.BytesIO(response.data)) as bundle:
        (name,) = bundle.namelist()
        assert LINE in docx_text(bundle.read(name))


def test_a_deleted_drafts_number_is_never_given_again(app, client, world):
    login(client, "a_admin")
    first = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
    newest = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
    assert client.post(f"/dokumen/{newest}/hapus").status_code == 303
    response = client.post("/dokumen/baru/sk-kbk", data=form_fields("sk-kbk", sample("sk-kbk")))
    created = int(response.headers["Location"].rsplit("/", 1)[1])
    assert created > newest > first
    assert client.get(f"/dokumen/{newest}").status_code == 404


def test_migration_0005_keeps_documents_and_their_references(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'old.sqlite'}")
    config = alembic_config(database.url)
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")
    with database.engine.begin() as connection:
        now = "2026-01-01 00:00:00"
        for doc_id, parent in ((1, None), (2, 1), (3, None)):
            connection.execute(sa.text(
                "INSERT INTO documents (id, type_name, judul, data, status, version, "
                "parent_id, created_at, updated_at) VALUES (:id, 'sk-kbk', 'x', '{}', "
                "'draft', 1, :parent, :now, :now)"), {"id": doc_id, "parent": parent,
                                                      "now": now})
        connection.execute(sa.text(
            "INSERT INTO uploads (document_id, kind, filename, content_type, size, sha256, "
            "path, created_at) VALUES (2, 'foto', 'a.jpg', 'image/jpeg', 1, :s, 'a.jpg', "
            ":now)"), {"s": "1" * 64, "now": now})
    database.migrate()
    with database.session() as session:
        assert [d.parent_id for d in session.scalars(sa.select(Document).order_by(
            Document.id))] == [None, 1, None]
        repo.delete_document(session, repo.get_document(session, 3))
        session.commit()
        created = repo.create_document(session, "sk-kbk", None, None, {})
        session.commit()
        assert created.id == 4  # 3 was deleted and is not handed out again
        assert session.scalar(sa.text("SELECT document_id FROM uploads")) == 2
    database.dispose()


def test_the_archive_and_hashes_are_on_the_riwayat_page_only(app, client, world):
    final = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"), final=True)
    login(client, "a_admin")
    page = client.get(f"/dokumen/{final}").get_data(as_text=True)
    assert f'href="/dokumen/{final}/riwayat"' in page
    assert "SHA-256" not in page and "archive-list" not in page
    assert "ID verifikasi" in page
    with app.extensions["docgen"].database.session() as session:
        entry = session.scalar(sa.select(ArchiveEntry).where(
            ArchiveEntry.document_id == final, ArchiveEntry.format == "pdf"))
    history = client.get(f"/dokumen/{final}/riwayat")
    assert history.status_code == 200
    html = history.get_data(as_text=True)
    assert "archive-list" in html and entry.output_sha256 in html
    assert entry.verification_id in html
    login(client, "b_admin")  # another unit's document stays hidden
    assert client.get(f"/dokumen/{final}/riwayat").status_code == 404


def test_a_page_view_of_an_unchanged_draft_converts_nothing_again(app, client, world,
                                                                  monkeypatch):
    pipeline = app.extensions["docgen"].pipeline
    conversions = []
    real = pipeline.to_signable_pdf
    monkeypatch.setattr(pipeline, "to_signable_pdf",
                        lambda docx: conversions.append(1) or real(docx))
    doc_id = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
    login(client, "a_admin")
    first = client.get(f"/dokumen/{doc_id}").get_data(as_text=True)
    client.get(f"/dokumen/{doc_id}")
    pdf = client.get(f"/dokumen/{doc_id}/pratinjau.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert len(conversions) == 1
    cached = list((app.extensions["docgen"].settings.data_dir / "cache" / "previews")
                  .glob("*.pdf"))
    assert [p.read_bytes() for p in cached] == [pdf.data]
    assert "pratinjau.pdf?r=" in first
    # a change of the input is a new key: rendered again
    data = sample("sk-kbk")
    data["nama_kbk"] = "KBK BARU"
    client.post(f"/dokumen/{doc_id}", data=form_fields("sk-kbk", data))
    client.get(f"/dokumen/{doc_id}")
    assert len(conversions) == 2


def test_the_preview_cache_stays_under_its_cap_dropping_the_least_recently_used(tmp_path):
    import os

    from docgen.documents.preview_cache import PreviewStore
    from docgen.documents.previews import Preview
    from docgen.layout.model import LayoutProblem

    store = PreviewStore(tmp_path / "previews", max_bytes=2500)
    problem = LayoutProblem(1, "nomor_terpotong", "2.", "Nomor terpisah dari teksnya.", True)
    keys = [f"{i:064x}" for i in range(3)]
    for age, key in enumerate(keys):
        store.put(Preview(key, b"%PDF" + b"x" * 1000, "sha", ("lambang daerah",), (problem,)))
        for path in (tmp_path / "previews").glob(f"{key}.*"):
            os.utime(path, (1000 + age, 1000 + age))
    store.put(Preview(keys[2], b"%PDF" + b"x" * 1000, "sha", (), ()))  # evicts the oldest
    assert store.size() <= 2500
    assert store.get(keys[0]) is None
    kept = store.get(keys[1])
    assert kept is not None and kept.problems == (problem,)
    assert kept.placeholders == ("lambang daerah",)
