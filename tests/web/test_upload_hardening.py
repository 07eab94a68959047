"""Upload hardening: stored types are detected by the server (no stored XSS through
/berkas/<id>), and small files that decode or inflate to something huge are refused."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image

from docgen.config import PROJECT_ROOT
from docgen.documents.files import XLSX_TYPE, Files
from docgen.storage import repo
from docgen.storage.models import Upload
from tests.web.conftest import add_document, form_fields, login, sample

JS = b"/*\x00*/=1;alert(document.cookie);/*"


def _polyglot() -> bytes:
    out = io.BytesIO()
    Image.new("P", (2, 2)).save(out, "GIF")
    data = out.getvalue() + JS + b"*/"
    with Image.open(io.BytesIO(data)) as image:  # Pillow accepts it
        assert image.format == "GIF"
        image.load()
    return data


def _post_photo(client, content: bytes, filename: str, content_type: str | None = None):
    data = sample("laporan-bulanan-kbk")
    data["dokumentasi"] = []
    fields = form_fields("laporan-bulanan-kbk", data).to_dict(flat=False)
    fields["dokumentasi[0].keterangan"] = "Apel pagi"
    upload = io.BytesIO(content)
    fields["dokumentasi[0].foto"] = ((upload, filename, content_type) if content_type
                                     else (upload, filename))
    return client.post("/dokumen/baru/laporan-bulanan-kbk", data=fields,
                       content_type="multipart/form-data")


@pytest.mark.parametrize("client_type", ["text/javascript", "text/html"])
def test_a_gif_javascript_polyglot_is_stored_and_served_as_gif(app, client, world,
                                                                client_type):
    login(client, "a_sek")
    response = _post_photo(client, _polyglot(), "x.js", client_type)
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    doc_id = int(response.headers["Location"].split("/")[-1])
    with app.extensions["docgen"].database.session() as session:
        (upload,) = repo.list_uploads(session, doc_id, "foto")
        assert upload.content_type == "image/gif" and upload.path.endswith(".gif")
    served = client.get(f"/berkas/{upload.id}")
    assert served.status_code == 200
    assert served.mimetype == "image/gif"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert served.headers["Content-Security-Policy"] == "sandbox"
    assert "javascript" not in served.headers["Content-Type"]
    assert "html" not in served.headers["Content-Type"]


def test_legacy_rows_with_a_client_type_are_served_as_opaque_downloads(app, client, world):
    doc_id = add_document(app, "laporan-bulanan-kbk", world.units["A"],
                          sample("laporan-bulanan-kbk"))
    folder = app.extensions["docgen"].upload_dir
    (folder / "old.js").parent.mkdir(parents=True, exist_ok=True)
    (folder / "old.js").write_bytes(_polyglot())
    with app.extensions["docgen"].database.session() as session:
        row = repo.add_upload(session, unit_id=world.units["A"], document_id=doc_id,
                              author_id=None, kind="foto", filename="old.js",
                              content_type="text/javascript", size=1, sha256="2" * 64,
                              path="old.js")
        row_id = row.id
    login(client, "a_sek")
    served = client.get(f"/berkas/{row_id}")
    assert served.mimetype == "application/octet-stream"
    assert served.headers["Content-Disposition"].startswith("attachment")
    assert served.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("filename, content, mimetype", [
    ("jawaban.csv", b"jabatan,q1\nKepala,4\n", "text/csv"),
    ("jawaban.xlsx", (PROJECT_ROOT / "samples" / "laporan-evaluasi-responden.xlsx")
     .read_bytes(), XLSX_TYPE),
])
def test_spreadsheets_are_served_as_attachments(app, client, world, filename, content,
                                                mimetype):
    doc_id = add_document(app, "laporan-evaluasi", world.units["A"],
                          sample("laporan-evaluasi"))
    state = app.extensions["docgen"]
    with state.database.session() as session:
        document = repo.get_document(session, doc_id)
        ref = Files(session, state.upload_dir).store(document, content, filename,
                                                     "responden", None)
    login(client, "a_sek")
    served = client.get(f"/berkas/{ref.removeprefix('upload:')}")
    assert served.status_code == 200
    assert served.mimetype == mimetype
    assert served.headers["Content-Disposition"].startswith("attachment")
    assert served.headers["X-Content-Type-Options"] == "nosniff"


def test_a_small_png_with_too_many_pixels_is_refused_next_to_its_field(app, client, world):
    out = io.BytesIO()
    Image.new("1", (13000, 13000)).save(out, "PNG")
    assert len(out.getvalue()) < 1024 * 1024
    login(client, "a_sek")
    response = _post_photo(client, out.getvalue(), "besar.png")
    # a draft is saved with its field errors shown (the form answers 200 then, 422 on
    # "final"); the refused photo is named next to its field and never stored
    assert response.status_code == 303  # saved; the draft's page shows the errors
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert ('id="err-f-dokumentasi-0-foto"><li>besar.png: gambar terlalu besar '
            '(13000\u00d713000 piksel); batas 40 juta piksel') in html
    with app.extensions["docgen"].database.session() as session:
        assert session.query(Upload).count() == 0


def test_an_xlsx_that_inflates_past_the_cap_is_refused(app, client, world):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" * (60 * 1024 * 1024))
    assert len(out.getvalue()) < 1024 * 1024
    data = sample("laporan-evaluasi")
    doc_id = add_document(app, "laporan-evaluasi", world.units["A"], data)
    login(client, "a_sek")
    response = client.post(f"/dokumen/{doc_id}/unggah/responden",
                           data={"berkas": (io.BytesIO(out.getvalue()), "bom.xlsx")},
                           content_type="multipart/form-data", follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "berkas jawaban kuesioner bom.xlsx: isi berkas setelah diekstrak melebihi 50 MB" \
        in html
    with app.extensions["docgen"].database.session() as session:
        assert repo.get_document(session, doc_id).data == data


def test_an_xlsx_hiding_its_inflated_size_is_refused(app, client, world):
    """Declared sizes are lied about: zipfile stops at the declared size (a CRC error),
    and the streaming reader would stop at the cap anyway; nothing is imported."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" * (60 * 1024 * 1024))
    raw = bytearray(out.getvalue())
    # zero the uncompressed size in every central directory entry
    pos = raw.find(b"PK\x01\x02")
    while pos != -1:
        raw[pos + 24:pos + 28] = b"\0\0\0\0"
        pos = raw.find(b"PK\x01\x02", pos + 4)
    data = sample("laporan-evaluasi")
    doc_id = add_document(app, "laporan-evaluasi", world.units["A"], data)
    login(client, "a_sek")
    response = client.post(f"/dokumen/{doc_id}/unggah/responden",
                           data={"berkas": (io.BytesIO(bytes(raw)), "bom.xlsx")},
                           content_type="multipart/form-data", follow_redirects=True)
    assert "bom.xlsx bukan berkas XLSX yang dapat dibaca" in response.get_data(as_text=True)
    with app.extensions["docgen"].database.session() as session:
        assert repo.get_document(session, doc_id).data == data


def test_checking_an_upload_leaves_pillows_global_limit_alone(app, client, world):
    before = Image.MAX_IMAGE_PIXELS
    out = io.BytesIO()
    Image.new("1", (13000, 13000)).save(out, "PNG")
    login(client, "a_sek")
    _post_photo(client, out.getvalue(), "besar.png")
    assert before == Image.MAX_IMAGE_PIXELS
