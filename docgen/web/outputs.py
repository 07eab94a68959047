"""Outputs of a document: PDF preview (inline), DOCX/PDF download, ZIP of several.

Rendering and recording are ``DocumentService``. The pages offer outputs only for a
final or a draft that validates; a link to a draft that does not (bookmarked, or the
draft changed since) leads back to its form, where the errors are shown beside the
fields. A template error (422) or no PDF (503) is answered by ``docgen.web.errors``; the
ZIP lists such documents and goes on."""

from __future__ import annotations

import io

from flask import Blueprint, abort, flash, redirect, request, send_file, url_for
from flask_login import current_user, login_required

from docgen.documents.names import file_stem
from docgen.domain.errors import InputError
from docgen.web.context import documents

bp = Blueprint("outputs", __name__, url_prefix="/dokumen")
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SYNC_ZIP_MAX = 3  # more documents than this: a background job (docgen.jobs)


@bp.before_request
@login_required
def _login() -> None:
    """Every output needs a logged-in user."""


@bp.get("/<int:doc_id>/pratinjau.pdf")
def preview(doc_id: int):
    service = documents()
    # ?r=<sha256> in the page's link only tells the browser a new preview from an old one
    try:
        pdf = service.preview(current_user, doc_id)
    except InputError as exc:
        return _back_to_form(doc_id, exc)
    stem = file_stem(service.get(current_user, doc_id))
    response = send_file(io.BytesIO(pdf), mimetype="application/pdf",
                         download_name=f"{stem}.pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{stem}.pdf"'
    response.headers["Content-Security-Policy"] = "frame-ancestors 'self'"
    return response


@bp.get("/<int:doc_id>/unduh.<fmt>")
def download(doc_id: int, fmt: str):
    service = documents()
    document = service.get(current_user, doc_id)
    if fmt not in ("docx", "pdf"):
        abort(404)
    try:
        data = service.render(current_user, doc_id, fmt, "unduh")
    except InputError as exc:
        return _back_to_form(doc_id, exc)
    return send_file(io.BytesIO(data), as_attachment=True,
                     mimetype=DOCX_MIME if fmt == "docx" else "application/pdf",
                     download_name=f"{file_stem(document)}.{fmt}")


def _back_to_form(doc_id: int, exc: InputError):
    """An invalid draft has no output yet: its form, with the errors beside the fields."""
    count = len(exc.errors)
    flash(f"Draf ini belum dapat diunduh: {count} isian perlu diperbaiki (ditandai di "
          "bawah). Setelah diperbaiki dan disimpan, unduhan tersedia.", "error")
    return redirect(url_for("documents.show", doc_id=doc_id), 303)


@bp.post("/zip")
def archive():
    """A ZIP of the selected documents (each readable by the user) in DOCX or PDF."""
    ids = [int(v) for v in request.form.getlist("ids") if v.isdigit()]
    fmt = request.form.get("format", "docx")
    if not ids:
        flash("Pilih minimal satu dokumen untuk diunduh sebagai ZIP.", "error")
        return redirect(url_for("documents.index"), 303)
    if len(ids) > SYNC_ZIP_MAX:  # many: a background job with its progress page
        from docgen.web.jobs import redirect_to, start_job

        return redirect_to(start_job(current_user, "zip", {
            "ids": ids, "format": fmt if fmt in ("docx", "pdf", "keduanya") else "docx"}))
    data = documents().zip(current_user, ids, fmt)
    return send_file(io.BytesIO(data), as_attachment=True, mimetype="application/zip",
                     download_name="dokumen-budaya-kerja.zip")
