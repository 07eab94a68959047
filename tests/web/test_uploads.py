"""Uploads: photos of the monthly report, questionnaire answers of the Laporan Evaluasi."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook
from PIL import Image

from docgen.config import PROJECT_ROOT
from docgen.domain.spreadsheet import header
from docgen.storage import repo
from tests.conftest import docx_text
from tests.web.conftest import add_document, form_fields, login, sample


def _jpeg(color=(20, 120, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 240), color).save(out, "JPEG")
    return out.getvalue()


def _report_fields() -> dict:
    data = sample("laporan-bulanan-kbk")
    data["dokumentasi"] = []
    fields = form_fields("laporan-bulanan-kbk", data).to_dict(flat=False)
    fields["dokumentasi[0].keterangan"] = "Apel pagi"
    fields["dokumentasi[0].foto"] = (io.BytesIO(_jpeg()), "apel.jpg")
    fields["dokumentasi[1].keterangan"] = "Rapat KBK"
    fields["dokumentasi[1].foto"] = (io.BytesIO(_jpeg((200, 50, 50))), "rapat.jpg")
    return fields


def test_monthly_report_with_two_photos(app, client, world):
    login(client, "a_sek")
    response = client.post("/dokumen/baru/laporan-bulanan-kbk", data=_report_fields(),
                           content_type="multipart/form-data")
    assert response.status_code == 303, response.get_data(as_text=True)[:3000]
    doc_id = int(response.headers["Location"].split("/")[-1])
    with app.extensions["docgen"].database.session() as session:
        document = repo.get_document(session, doc_id)
        refs = [row["foto"] for row in document.data["dokumentasi"]]
        uploads = repo.list_uploads(session, doc_id, "foto")
    assert refs == [f"upload:{u.id}" for u in uploads] and len(uploads) == 2
    page = client.get(f"/dokumen/{doc_id}").get_data(as_text=True)
    assert page.count('class="thumb"') == 2
    assert client.get(f"/berkas/{uploads[0].id}").mimetype == "image/jpeg"
    docx = client.get(f"/dokumen/{doc_id}/unduh.docx")
    assert docx.status_code == 200
    assert docx.data.count(b"word/media/docgen_") >= 2
    assert "Rapat KBK" in docx_text(docx.data)
    # saving again without choosing new files keeps the photos
    fields = form_fields("laporan-bulanan-kbk", document.data)
    client.post(f"/dokumen/{doc_id}", data=fields)
    with app.extensions["docgen"].database.session() as session:
        assert [r["foto"] for r in repo.get_document(session, doc_id).data["dokumentasi"]] \
            == refs


def test_a_file_that_is_not_an_image_is_refused_next_to_its_field(app, client, world):
    login(client, "a_sek")
    fields = _report_fields()
    fields["dokumentasi[1].foto"] = (io.BytesIO(b"%PDF-1.4 bukan foto"), "surat.pdf")
    response = client.post("/dokumen/baru/laporan-bulanan-kbk", data=fields,
                           content_type="multipart/form-data", follow_redirects=True)
    html = response.get_data(as_text=True)
    assert re.search(r'id="err-f-dokumentasi-1-foto"><li>surat.pdf: bukan gambar yang dapat '
                     r'dibaca', html)
    assert 'value="Rapat KBK"' in html


def test_another_units_upload_cannot_be_referenced(app, client, world):
    doc_b = add_document(app, "laporan-bulanan-kbk", world.units["B"],
                         sample("laporan-bulanan-kbk"))
    with app.extensions["docgen"].database.session() as session:
        foreign = repo.add_upload(session, unit_id=world.units["B"], document_id=doc_b,
                                  author_id=None, kind="foto", filename="x.jpg",
                                  content_type="image/jpeg", size=1, sha256="1" * 64,
                                  path="x.jpg")
        foreign_id = foreign.id
    data = sample("laporan-bulanan-kbk")
    data["dokumentasi"] = [{"foto": f"upload:{foreign_id}", "keterangan": "curian"}]
    login(client, "a_sek")
    response = client.post("/dokumen/baru/laporan-bulanan-kbk",
                           data=form_fields("laporan-bulanan-kbk", data), follow_redirects=True)
    assert re.search(r'id="err-f-dokumentasi-0-foto"><li>foto harus berupa teks base64',
                     response.get_data(as_text=True))


def test_questionnaire_answers_from_a_spreadsheet(app, client, world):
    data = sample("laporan-evaluasi")
    data["responden"] = []
    doc_id = add_document(app, "laporan-evaluasi", world.units["A"], data)
    login(client, "a_sek")
    page = client.get(f"/dokumen/{doc_id}").get_data(as_text=True)
    assert "Unggah jawaban kuesioner" in page
    blank = client.get("/dokumen/blanko-kuesioner.xlsx")
    assert blank.status_code == 200 and blank.data[:2] == b"PK"
    book = load_workbook(io.BytesIO(blank.data), read_only=True)
    assert [c.value for c in next(book.active.iter_rows(max_row=1))] == header()
    xlsx = (PROJECT_ROOT / "samples" / "laporan-evaluasi-responden.xlsx").read_bytes()
    response = client.post(f"/dokumen/{doc_id}/unggah/responden",
                           data={"berkas": (io.BytesIO(xlsx), "jawaban.xlsx")},
                           content_type="multipart/form-data", follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "responden dibaca dari jawaban.xlsx" in html
    assert "Hasil evaluasi (dihitung)" in html and "RATA-RATA" in html
    with app.extensions["docgen"].database.session() as session:
        assert len(repo.get_document(session, doc_id).data["responden"]) >= 2


def test_bad_spreadsheets_get_clear_messages(app, client, world):
    doc_id = add_document(app, "laporan-evaluasi", world.units["A"],
                          sample("laporan-evaluasi"))
    login(client, "a_sek")
    for filename, content, message in (
            ("jawaban.txt", b"x", "berkas jawaban harus .xlsx atau .csv"),
            ("jawaban.csv", b"jabatan,q1\nKepala,9\n", "Berkas jawaban belum dapat dibaca"),
            ("jawaban.xlsx", b"bukan xlsx", "Berkas jawaban belum dapat dibaca")):
        response = client.post(f"/dokumen/{doc_id}/unggah/responden",
                               data={"berkas": (io.BytesIO(content), filename)},
                               content_type="multipart/form-data", follow_redirects=True)
        assert message in response.get_data(as_text=True), filename
    with app.extensions["docgen"].database.session() as session:
        assert repo.get_document(session, doc_id).data == sample("laporan-evaluasi")


def test_too_large_upload_is_refused(app, client, world):
    doc_id = add_document(app, "laporan-evaluasi", world.units["A"],
                          sample("laporan-evaluasi"))
    login(client, "a_sek")
    big = io.BytesIO(b"0" * (17 * 1024 * 1024))
    response = client.post(f"/dokumen/{doc_id}/unggah/responden",
                           data={"berkas": (big, "besar.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 413
    assert "Berkas terlalu besar" in response.get_data(as_text=True)
