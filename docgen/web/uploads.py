"""Uploads: photos posted with a document's form and the questionnaire answers (XLSX/CSV)
of the Laporan Evaluasi; the stored files are served to who may read them.

Storing, checking and resolving ``upload:<id>`` references are ``docgen.documents.files``
and ``DocumentService``; these views read the request and answer.
"""

from __future__ import annotations

import io

from flask import Blueprint, flash, redirect, request, send_file, url_for
from flask_login import current_user, login_required

from docgen.documents import files
from docgen.documents.files import (
    MAX_PHOTO_BYTES,
    MAX_SHEET_BYTES,
    SHEET_SUFFIXES,
    UploadError,
    check_image,
    read_limited,
)
from docgen.documents.schema_form import build_form
from docgen.documents.services import DocumentService
from docgen.domain import spreadsheet
from docgen.domain.errors import FieldError, InputError
from docgen.errors import Conflict
from docgen.web import formdata
from docgen.web.context import documents

bp = Blueprint("uploads", __name__)


class PhotoSink:
    """Stores the photos posted with a form; errors are kept per input path."""

    def __init__(self, service: DocumentService, document_id: int):
        self.service, self.document_id = service, document_id
        self.errors: list[FieldError] = []

    def __call__(self, path: str) -> str | None:
        upload = request.files.get(path)
        if upload is None or not upload.filename:
            return None
        try:
            data = read_limited(upload.stream, upload.filename, MAX_PHOTO_BYTES)
            check_image(data, upload.filename)
        except UploadError as exc:
            self.errors.append(FieldError(path, str(exc)))
            return None
        # the stored type is detected from the bytes; the client's mimetype is ignored
        return self.service.store_upload(current_user, self.document_id, data,
                                         upload.filename, "foto")


# -- routes --------------------------------------------------------------------------
@bp.post("/dokumen/<int:doc_id>/unggah/responden")
@login_required
def upload_responden(doc_id: int):
    service = documents()
    target = url_for("documents.show", doc_id=doc_id)
    try:
        service.draft(current_user, doc_id)
    except Conflict:
        flash("Dokumen final tidak dapat diubah.", "error")
        return redirect(target, 303)
    try:
        count, filename = _import_sheet(service, doc_id)
    except (UploadError, InputError) as exc:
        return _refused(service, doc_id, _sheet_message(exc))
    flash(f"{count} responden dibaca dari {filename}.", "success")
    return redirect(target, 303)


@bp.post("/dokumen/baru/<type_name>/responden")
@login_required
def new_with_responden(type_name: str):
    """The new page's form with an answer sheet: the draft is made with what was typed,
    then the sheet's respondents replace the typed ones (or the page says why not)."""
    service = documents()
    document = service.create_draft(current_user, type_name, {})
    spec = build_form(service.schema(service.doc_type(type_name)))
    form = request.form.copy()
    form.pop("_action", None)
    sink = PhotoSink(service, document.id)
    service.save_draft(current_user, document.id, formdata.collect(spec, form, files=sink),
                       check=False)
    try:
        count, filename = _import_sheet(service, document.id)
    except (UploadError, InputError) as exc:
        flash(f"Draf disimpan tanpa berkas jawaban. {_sheet_message(exc)} Perbaiki berkas "
              "lalu unggah lagi di halaman ini.", "error")
    else:
        flash(f"Draf disimpan; {count} responden dibaca dari {filename}.", "success")
    return redirect(url_for("documents.show", doc_id=document.id), 303)


def _import_sheet(service: DocumentService, doc_id: int) -> tuple[int, str]:
    """Read the posted answer sheet into the draft: (respondents read, file name)."""
    upload = request.files.get("berkas")
    if upload is None or not upload.filename:
        raise UploadError("pilih berkas jawaban kuesioner (.xlsx atau .csv)")
    files.check_sheet_name(upload.filename)
    content = read_limited(upload.stream, upload.filename, MAX_SHEET_BYTES)
    return service.import_responden(current_user, doc_id, content,
                                    upload.filename), upload.filename


def _sheet_message(exc: UploadError | InputError) -> str:
    if isinstance(exc, InputError):
        return "Berkas jawaban belum dapat dibaca: " + "; ".join(str(e) for e in exc.errors)
    return str(exc)


def _refused(service: DocumentService, doc_id: int, message: str):
    """The document's page again, saying why the sheet was refused (422, nothing kept)."""
    from docgen.web.documents import document_page  # (that module imports this one)

    flash(message, "error")
    return document_page(service, doc_id), 422


@bp.get("/dokumen/blanko-kuesioner.xlsx")
@login_required
def blank_sheet():
    return send_file(io.BytesIO(spreadsheet.blank_xlsx()), as_attachment=True,
                     download_name="blanko-jawaban-kuesioner.xlsx",
                     mimetype=SHEET_SUFFIXES[".xlsx"])


@bp.get("/berkas/<int:upload_id>")
@login_required
def show_upload(upload_id: int):
    row, path = documents().upload(current_user, upload_id)
    mimetype, inline = files.served_type(row.content_type)
    response = send_file(path, mimetype=mimetype, download_name=row.filename,
                         as_attachment=not inline)
    response.headers["X-Content-Type-Options"] = "nosniff"
    if inline:
        response.headers["Content-Security-Policy"] = "sandbox"
    return response
