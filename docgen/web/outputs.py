"""Outputs of a document: PDF preview (inline), DOCX/PDF download, ZIP of several.

Rendering and recording are ``DocumentService``; a document that cannot be rendered
(invalid input 422, template 422, no PDF 503) is answered by ``docgen.web.errors``; only
the ZIP lists such documents and goes on."""

from __future__ import annotations

import io

from flask import Blueprint, abort, flash, redirect, request, send_file, url_for
from flask_login import current_user, login_required

from docgen.documents.names import file_stem
from docgen.web.context import documents

bp = Blueprint("outputs", __name__, url_prefix="/dokumen")
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_ZIP_DOCUMENTS = 50


@bp.before_request
@login_required
def _login() -> None:
    """Every output needs a logged-in user."""


@bp.get("/<int:doc_id>/pratinjau.pdf")
def preview(doc_id: int):
    service = documents()
    # ?r=<sha256>: the PDF the document's page rendered and checked a moment ago
    pdf = service.preview(current_user, doc_id, request.args.get("r", ""))
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
    data = service.render(current_user, doc_id, fmt, "unduh")
    return send_file(io.BytesIO(data), as_attachment=True,
                     mimetype=DOCX_MIME if fmt == "docx" else "application/pdf",
                     download_name=f"{file_stem(document)}.{fmt}")


@bp.post("/zip")
def archive():
    """A ZIP of the selected documents (each readable by the user) in DOCX or PDF."""
    ids = [int(v) for v in request.form.getlist("ids") if v.isdigit()][:MAX_ZIP_DOCUMENTS]
    fmt = request.form.get("format", "docx")
    if not ids:
        flash("Pilih minimal satu dokumen untuk diunduh sebagai ZIP.", "error")
        return redirect(url_for("documents.index"), 303)
    data = documents().zip(current_user, ids, fmt)
    return send_file(io.BytesIO(data), as_attachment=True, mimetype="application/zip",
                     download_name="dokumen-budaya-kerja.zip")
