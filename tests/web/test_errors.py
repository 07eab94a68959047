"""Errors mapped in one place (docgen.web.errors), as a user or an API client sees them.

Each mapping is provoked by a real request: an Indonesian page with the site's layout
outside /api, JSON {"errors": [{"field", "message"}]} under /api, never a traceback."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from flask import g, request

from docgen.config import Settings
from docgen.review.archive import sha256
from docgen.storage import Unit, repo, review_repo
from docgen.storage.models import ArchiveEntry, TemplateVersionRow, utcnow
from docgen.web import MAX_UPLOAD_BYTES, create_app
from docgen.web.errors import CSRF_MESSAGE
from tests.web.conftest import (
    PASSWORD,
    add_document,
    bearer,
    form_fields,
    login,
    reworded_template,
    sample,
)

LAYOUT = ('<html lang="id">', 'class="topbar"',
          "Peraturan Bupati Purbalingga Nomor 11 Tahun 2020")
ENGLISH = ("Traceback", "Werkzeug", "werkzeug", "Not Found", "Forbidden",
           "Internal Server Error", "The requested URL", "Bad Request", "Request Entity",
           "Method Not Allowed", "Service Unavailable", "CSRF token")


def error_page(response, status: int, *texts: str) -> str:
    """The response is the Indonesian error page with the site's layout."""
    html = response.get_data(as_text=True)
    assert response.status_code == status, html[:500]
    assert response.mimetype == "text/html"
    for part in (*LAYOUT, f"{status} \u00b7", *texts):
        assert part in html, part
    for word in ENGLISH:
        assert word not in html, word
    assert re.search(r'<a href="[^"]+"[^>]*>(Kembali|Ke daftar dokumen|Ke halaman masuk)',
                     html)
    return html


def json_error(response, status: int) -> list[dict[str, str]]:
    assert response.status_code == status, response.data[:500]
    assert response.is_json
    errors = response.json["errors"]
    assert errors and all(set(e) == {"field", "message"} for e in errors)
    return errors


def _archive_count(app) -> int:
    with app.extensions["docgen"].database.session() as session:
        return session.query(ArchiveEntry).count()


# -- 404, 403, 405 ---------------------------------------------------------------------
def test_unknown_document_is_a_404_page_and_json_under_the_api(client, world, token):
    login(client, "a_sek")
    for path in ("/dokumen/999999", "/dokumen/999999/unduh.pdf", "/tidak-ada"):
        error_page(client.get(path), 404, "Tidak ditemukan", "Ke daftar dokumen")
    doc_id = add_document(client.application, "sk-kbk", world.units["A"], sample("sk-kbk"))
    error_page(client.get(f"/dokumen/{doc_id}/unduh.odt"), 404, "Tidak ditemukan")

    errors = json_error(client.get("/api/v1/schema/tidak-ada", headers=bearer(token)), 404)
    assert errors == [{"field": "type", "message": "jenis dokumen tidak dikenal: tidak-ada"}]
    errors = json_error(client.get("/api/v1/dokumen/999999", headers=bearer(token)), 404)
    assert errors[0]["field"] == "(permintaan)"
    assert "tidak ada" in errors[0]["message"]


def test_unit_user_on_an_admin_page_gets_a_403_page(client, world):
    login(client, "a_sek")
    for path in ("/admin/unit", "/admin/pengguna"):
        error_page(client.get(path), 403, "Akses ditolak", "tidak berwenang")


def test_a_wrong_method_is_a_405_page_that_says_what_is_allowed(client, world, token):
    login(client, "a_sek")
    response = client.get("/dokumen/zip")
    error_page(response, 405, "Metode tidak diizinkan")
    assert "POST" in response.headers["Allow"]
    errors = json_error(client.get("/api/v1/documents/sk-kbk/render",
                                   headers=bearer(token)), 405)
    assert errors[0]["field"] == "(permintaan)"


# -- 400 CSRF --------------------------------------------------------------------------
class TestCsrf:
    @pytest.fixture()
    def app(self, data_dir, request):
        from tests.web.conftest import make_app

        return make_app(data_dir, request, WTF_CSRF_ENABLED=True)

    def _login(self, client, username: str) -> str:
        token = re.search(r'name="csrf_token" value="([^"]+)"',
                          client.get("/masuk").get_data(as_text=True)).group(1)
        response = client.post("/masuk", data={"username": username, "password": PASSWORD,
                                                "csrf_token": token})
        assert response.status_code == 302
        return token

    def test_a_form_post_without_csrf_token_is_a_400_page_and_writes_nothing(
            self, app, client, world):
        doc_id = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
        self._login(client, "a_admin")
        changed = sample("sk-kbk")
        changed["nomor"] = "999/TIDAK-TERSIMPAN/2024"
        for path in ("/dokumen/baru/sk-kbk", f"/dokumen/{doc_id}"):
            html = error_page(client.post(path, data=form_fields("sk-kbk", changed)), 400,
                              "Sesi formulir kedaluwarsa", CSRF_MESSAGE)
            assert "tidak disimpan" in html
        with app.extensions["docgen"].database.session() as session:
            documents = repo.list_documents(session)
            assert [d.id for d in documents] == [doc_id]
            assert documents[0].data == sample("sk-kbk")
        # the same post with the page's token goes through
        token = re.search(r'name="csrf_token" value="([^"]+)"',
                          client.get(f"/dokumen/{doc_id}").get_data(as_text=True)).group(1)
        fields = form_fields("sk-kbk", changed)
        fields["csrf_token"] = token
        assert client.post(f"/dokumen/{doc_id}", data=fields).status_code in (200, 303)


# -- 413 -------------------------------------------------------------------------------
def test_an_upload_over_the_limit_is_a_413_page(app, client, world, token):
    doc_id = add_document(app, "laporan-evaluasi", world.units["A"],
                          sample("laporan-evaluasi"))
    login(client, "a_sek")
    big = io.BytesIO(b"0" * (MAX_UPLOAD_BYTES + 1))
    response = client.post(f"/dokumen/{doc_id}/unggah/responden",
                           data={"berkas": (big, "besar.csv")},
                           content_type="multipart/form-data")
    error_page(response, 413, "Berkas terlalu besar", "maksimal 16 MB", "Kembali ke dokumen")
    with app.extensions["docgen"].database.session() as session:
        assert repo.get_document(session, doc_id).data == sample("laporan-evaluasi")

    response = client.post("/api/v1/documents/sk-kbk/render", headers={
        **bearer(token), "Content-Type": "application/json"},
        data=b'{"x": "' + b"0" * MAX_UPLOAD_BYTES + b'"}')
    assert json_error(response, 413)[0]["message"].startswith("Ukuran unggahan maksimal")


# -- 422 -------------------------------------------------------------------------------
def test_a_download_of_an_invalid_draft_is_a_422_page_naming_the_field(app, client, world):
    data = sample("sk-kbk")
    del data["nomor"]
    doc_id = add_document(app, "sk-kbk", world.units["A"], data)
    login(client, "a_admin")
    before = _archive_count(app)
    response = client.get(f"/dokumen/{doc_id}/unduh.docx")  # issue 11: back to the form
    assert response.status_code == 303 and response.location.endswith(f"/dokumen/{doc_id}")
    html = client.get(response.location).get_data(as_text=True)
    assert "Draf ini belum dapat diunduh" in html
    assert 'id="err-f-nomor"><li>wajib diisi' in html
    assert _archive_count(app) == before


def _approve_broken_template(app, type_name: str = "sk-kbk") -> None:
    """An approved template version that uses a variable the type's context lacks (stored
    as the legal review stores versions; the upload check would have refused it)."""
    content = reworded_template(type_name, prefix="",
                                extra=("Catatan: {{ variabel_tidak_ada }}",))
    with app.extensions["docgen"].database.session() as session:
        current = review_repo.approved(session, TemplateVersionRow, type_name)
        current.status, current.retired_at = "retired", utcnow()
        session.flush()
        review_repo.add_version(
            session, TemplateVersionRow, type_name, number=current.number + 1,
            sha256=sha256(content), author="hukum",
            content=content, status="approved", note="rusak", approved_by="hukum2",
            approved_at=utcnow())


def test_a_template_render_error_is_422_with_the_variable_as_field(app, client, world,
                                                                    token):
    _approve_broken_template(app)
    before = _archive_count(app)
    response = client.post("/api/v1/documents/sk-kbk/render?format=docx",
                           json=sample("sk-kbk"), headers=bearer(token))
    errors = json_error(response, 422)
    assert errors[0]["field"] == "variabel_tidak_ada"
    assert errors[0]["message"].startswith("dokumen tidak dapat dibuat: ")
    assert "variabel_tidak_ada" in errors[0]["message"]

    doc_id = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
    login(client, "a_admin")
    html = error_page(client.get(f"/dokumen/{doc_id}/unduh.docx"), 422,
                      "Dokumen tidak dapat dibuat", "Bagian Hukum", "variabel_tidak_ada",
                      "Kembali ke dokumen")
    assert "<li>variabel_tidak_ada: dokumen tidak dapat dibuat: " in html
    assert _archive_count(app) == before


# -- 503 -------------------------------------------------------------------------------
class TestConverterDown:
    """LibreOffice fails: the app is started with a soffice that exits 1."""

    @pytest.fixture()
    def app(self, data_dir):
        return create_app(Settings(data_dir=data_dir, converter="soffice",
                                   soffice="/bin/false"), TESTING=True,
                          WTF_CSRF_ENABLED=False)

    def test_pdf_outputs_are_503_page_and_json(self, app, client, world, token):
        doc_id = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
        login(client, "a_admin")
        before = _archive_count(app)
        for path in (f"/dokumen/{doc_id}/pratinjau.pdf", f"/dokumen/{doc_id}/unduh.pdf"):
            html = error_page(client.get(path), 503, "PDF belum dapat dibuat",
                              "coba lagi sebentar lagi", "Kembali ke dokumen")
            assert "/bin/false" not in html
        assert _archive_count(app) == before
        # the DOCX needs no converter; the document page says why there is no preview
        assert client.get(f"/dokumen/{doc_id}/unduh.docx").status_code == 200
        page = client.get(f"/dokumen/{doc_id}")
        assert page.status_code == 200
        assert "Pratinjau belum dapat dibuat" in page.get_data(as_text=True)

        response = client.post("/api/v1/documents/sk-kbk/render?format=pdf",
                               json=sample("sk-kbk"), headers=bearer(token))
        errors = json_error(response, 503)
        assert errors[0]["field"] == "(pdf)"
        assert errors[0]["message"].startswith("konversi PDF gagal: ")

    def test_marking_final_keeps_the_draft_on_its_own_page(self, app, client, world):
        doc_id = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
        login(client, "a_admin")
        response = client.post(f"/dokumen/{doc_id}/final")
        assert response.status_code == 503
        assert "Dokumen belum ditandai final" in response.get_data(as_text=True)
        with app.extensions["docgen"].database.session() as session:
            assert not repo.get_document(session, doc_id).is_final


# -- 500 -------------------------------------------------------------------------------
def test_an_unexpected_exception_is_a_500_page_json_under_the_api_and_rolled_back(
        app, client, world):
    from docgen.web import context

    seen = []

    def broken():
        repo.create_unit(context.db(), nama="Unit Setengah Jadi", jenis="dinas")
        raise RuntimeError("rahasia internal: /srv/docgen/kunci")

    app.add_url_rule("/rusak", "rusak", broken)
    app.add_url_rule("/api/v1/rusak", "api_rusak", broken, methods=["GET", "POST"])

    @app.after_request
    def inspect(response):  # what the failed request's own session holds when answered
        session = g.get("db_session")
        if session is not None and request.path.endswith("/rusak"):
            seen.append((bool(session.new or session.dirty), session.query(Unit).filter_by(
                nama="Unit Setengah Jadi").count()))
        return response

    login(client, "a_sek")
    html = error_page(client.get("/rusak"), 500, "Terjadi kesalahan", "hubungi admin "
                      "kabupaten")
    assert "rahasia internal" not in html and "RuntimeError" not in html
    errors = json_error(client.post("/api/v1/rusak", json={}), 500)
    assert errors == [{"field": "(server)",
                       "message": "kesalahan server; coba lagi atau hubungi admin kabupaten"}]
    assert seen == [(False, 0), (False, 0)]
    with app.extensions["docgen"].database.session() as session:
        assert session.query(Unit).filter_by(nama="Unit Setengah Jadi").count() == 0



# -- issue 10, finding 12: input and server resources never end as an HTML 500 -----------
HUGE = "9" * 30  # past any 64-bit database integer


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def _render_raw(client, token: str, body: str):
    return client.post("/api/v1/documents/sk-kbk/render?format=docx", data=body,
                       headers={**bearer(token), "Content-Type": "application/json"})


def test_json_nested_deep_in_an_api_body_is_a_400_json_error(app, client, world, token):
    before = _archive_count(app)
    for body in (_nested(1000), '{"nomor": ' + _nested(1000) + "}", _nested(100_000)):
        errors = json_error(_render_raw(client, token, body), 400)
        assert errors == [{"field": "(input)", "message": "badan permintaan bersarang "
                           "terlalu dalam (maksimal 200 tingkat)"}]
    # nesting the parser takes is an input error of the field it is in
    data = sample("sk-kbk")
    data["nomor"] = json.loads(_nested(150))
    errors = json_error(client.post("/api/v1/documents/sk-kbk/render", json=data,
                                    headers=bearer(token)), 422)
    assert [e["field"] for e in errors] == ["nomor"]
    errors = json_error(_render_raw(client, token, '{"nomor": "800/1",'), 400)
    assert errors[0]["message"].startswith("badan permintaan bukan JSON yang valid (baris 1")
    assert _archive_count(app) == before


def _int_routes(app) -> list[tuple[str, str]]:
    """(method, path) of every route with an ``<int:...>`` part, each filled with HUGE."""
    routes = []
    for rule in app.url_map.iter_rules():
        ints = [name for name, conv in rule._converters.items()
                if type(conv).__name__ == "BoundedInt"]
        if not ints:
            continue
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>",
                      lambda m, ints=ints: HUGE if m.group(1) in ints else "x", rule.rule)
        routes.append(("POST" if "POST" in rule.methods else "GET", path))
    return routes


def test_a_huge_number_in_any_url_or_query_is_a_404_never_a_500(app, client, world, token):
    login(client, "admin")
    routes = _int_routes(app)
    assert ("GET", f"/dokumen/{HUGE}") in routes and ("GET", f"/berkas/{HUGE}") in routes
    assert ("GET", f"/api/v1/documents/{HUGE}") in routes
    for method, path in routes:
        response = client.open(path, method=method, headers=bearer(token))
        if path.startswith("/api/"):
            json_error(response, 404)  # under /api the 404 is JSON
        else:
            error_page(response, 404, "Tidak ditemukan")
    error_page(client.get(f"/audit?halaman={HUGE}"), 404, "Tidak ditemukan")
    error_page(client.post("/dokumen/zip", data={"ids": HUGE}), 404, "Tidak ditemukan")
    listing = client.get(f"/dokumen?unit={HUGE}")
    assert listing.status_code == 200
    assert "Belum ada dokumen" in listing.get_data(as_text=True)
    errors = json_error(client.get(f"/api/v1/documents/{HUGE}", headers=bearer(token)), 404)
    assert errors[0]["field"] == "(permintaan)"


def test_an_xlsx_declaring_a_dtd_is_a_422_naming_the_field(app, client, world):
    from tests.web.test_upload_hardening import PROJECT_ROOT

    source = (PROJECT_ROOT / "samples" / "laporan-evaluasi-responden.xlsx").read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as original, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as changed:
        for info in original.infolist():
            part = original.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":  # (no XML declaration)
                assert part.startswith(b"<worksheet")
                part = ENTITIES + part
            changed.writestr(info, part)
    data = sample("laporan-evaluasi")
    doc_id = add_document(app, "laporan-evaluasi", world.units["A"], data)
    login(client, "a_sek")
    response = client.post(f"/dokumen/{doc_id}/unggah/responden",
                           data={"berkas": (io.BytesIO(out.getvalue()), "jawaban.xlsx")},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert ("responden: jawaban.xlsx: bagian xl/worksheets/sheet1.xml memuat deklarasi "
            "DTD/DOCTYPE yang tidak diizinkan") in html
    assert 'class="topbar"' in html and "Traceback" not in html
    with app.extensions["docgen"].database.session() as session:
        assert repo.get_document(session, doc_id).data == data


ENTITIES = (b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;'
            b'&a;&a;&a;&a;&a;">]>')


# -- 507 disk full ---------------------------------------------------------------------
def fill_database_when_asked(app) -> dict[str, bool]:
    """While ``switch["full"]``, SQLite answers SQLITE_FULL ("database or disk is full")
    as soon as a request's writes need one more page, as on a full disk."""
    from sqlalchemy import text

    from docgen.web import context

    switch = {"full": False}

    def cap() -> None:
        if switch["full"]:
            session = context.db()
            pages = session.execute(text("PRAGMA page_count")).scalar()
            session.execute(text(f"PRAGMA max_page_count = {pages}"))

    def uncap(_exc=None) -> None:
        session = g.get("db_session")
        if session is not None:
            session.rollback()
            session.execute(text("PRAGMA max_page_count = 1073741823"))

    app.before_request(cap)
    app.teardown_request(uncap)
    return switch


def _long_menimbang(data: dict) -> dict:
    data["menimbang"] = ["bahwa pertimbangan yang panjang sekali " * 20] * 8
    return data


@pytest.mark.sqlite_only(reason="fills SQLite with PRAGMA max_page_count; PostgreSQL's "
                        "disk_full: tests/test_postgres.py")
def test_a_full_database_is_507_json_under_the_api_and_a_page_elsewhere(
        app, client, world, token):
    switch = fill_database_when_asked(app)
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: the commit fails
    doc_id = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
    login(client, "a_admin")
    before = _archive_count(app)
    switch["full"] = True
    changed = _long_menimbang(sample("sk-kbk"))
    html = error_page(client.post(f"/dokumen/{doc_id}", data=form_fields("sk-kbk", changed)),
                      507, "Penyimpanan server penuh", "tidak ada yang disimpan")
    assert "database or disk is full" not in html
    errors = json_error(client.post("/api/v1/documents/sk-kbk/render?format=docx",
                                    json=_long_menimbang(sample("sk-kbk")),
                                    headers=bearer(token)), 507)
    assert errors == [{"field": "(penyimpanan)", "message": errors[0]["message"]}]
    assert errors[0]["message"].startswith("Ruang penyimpanan server penuh")
    switch["full"] = False
    with app.extensions["docgen"].database.session() as session:
        assert repo.get_document(session, doc_id).data == sample("sk-kbk")
    assert _archive_count(app) == before


def test_a_full_disk_while_storing_a_photo_is_507_and_leaves_no_half_file(
        app, client, world, monkeypatch):
    """The photo's file write fails half-way with ENOSPC: a 507 page, no upload row, no
    partial file that a later upload of the same photo would take for complete."""
    import errno
    import os

    import docgen.fileio
    from docgen.storage.models import Upload
    from tests.web.test_upload_hardening import _post_photo
    from tests.web.test_uploads import _jpeg

    real_fdopen = os.fdopen

    class HalfThenFull:
        def __init__(self, fd):
            self.file = real_fdopen(fd, "wb")

        def write(self, data):
            self.file.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.file.close()

    login(client, "a_sek")
    monkeypatch.setattr(docgen.fileio.os, "fdopen",
                        lambda fd, mode: HalfThenFull(fd) if "w" in mode
                        else real_fdopen(fd, mode))
    photo = _jpeg()
    html = error_page(_post_photo(client, photo, "apel.jpg"), 507,
                      "Penyimpanan server penuh")
    assert "No space left" not in html
    monkeypatch.undo()
    upload_dir = app.extensions["docgen"].upload_dir
    assert [p for p in upload_dir.rglob("*") if p.is_file()] == []
    with app.extensions["docgen"].database.session() as session:
        assert session.query(Upload).count() == 0
        assert repo.list_documents(session) == []
    # with space again the same photo is stored whole
    response = _post_photo(client, photo, "apel.jpg")
    assert response.status_code in (200, 303)
    stored = [p for p in upload_dir.rglob("*") if p.is_file()]
    assert [p.read_bytes() for p in stored] == [photo]


# -- other services' refusals ----------------------------------------------------------
def test_busy_is_429_a_busy_database_503_and_too_deep_400(app, client, world):
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from docgen.errors import Busy

    def busy():
        raise Busy("Terlalu banyak konversi PDF Anda sedang menunggu.", 7)

    def locked():
        path = app.extensions["docgen"].settings.data_dir / "docgen.sqlite"
        holder, waiter = sqlite3.connect(path, timeout=0), sqlite3.connect(path, timeout=0)
        holder.execute("BEGIN IMMEDIATE")
        try:
            waiter.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:  # the real "database is locked"
            raise OperationalError("BEGIN IMMEDIATE", {}, exc) from exc
        finally:
            holder.rollback()
            holder.close()
            waiter.close()

    def deep():
        def down(level: int) -> int:
            return down(level + 1)
        return str(down(0))  # what a parser does with input nested past Python's stack

    for rule, view in (("busy", busy), ("locked", locked), ("deep", deep)):
        app.add_url_rule(f"/{rule}", rule, view)
        app.add_url_rule(f"/api/v1/{rule}", f"api_{rule}", view)
    login(client, "a_sek")
    response = client.get("/busy")
    error_page(response, 429, "Terlalu banyak permintaan", "konversi PDF Anda")
    assert response.headers["Retry-After"] == "7"
    response = client.get("/api/v1/busy")
    assert json_error(response, 429)[0]["message"].startswith("Terlalu banyak konversi")
    assert response.headers["Retry-After"] == "7"
    response = client.get("/locked")
    error_page(response, 503, "Server sedang sibuk", "coba lagi")
    assert response.headers["Retry-After"] == "5"
    assert json_error(client.get("/api/v1/locked"), 503)[0]["field"] == "(server)"
    error_page(client.get("/deep"), 400, "Permintaan tidak valid", "bersarang terlalu dalam")
    assert json_error(client.get("/api/v1/deep"), 400) == [
        {"field": "(input)", "message": "isian bersarang terlalu dalam untuk diproses"}]


def test_a_template_that_cannot_be_filled_keeps_the_draft_on_final(app, client, world):
    _approve_broken_template(app)
    doc_id = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
    login(client, "a_admin")
    before = _archive_count(app)
    html = error_page(client.post(f"/dokumen/{doc_id}/final"), 422,
                      "Dokumen tidak dapat dibuat", "variabel_tidak_ada")
    assert "Traceback" not in html
    with app.extensions["docgen"].database.session() as session:
        assert not repo.get_document(session, doc_id).is_final
    assert _archive_count(app) == before
