"""Outputs of a document: PDF preview (inline), DOCX/PDF download, ZIP of several.

A document that cannot be rendered (invalid input 422, template 422, no PDF 503) is
answered by ``docgen.web.errors``; only the ZIP lists such documents and goes on."""

from __future__ import annotations

import io
import zipfile

from flask import Blueprint, abort, flash, redirect, request, send_file, url_for
from flask_login import current_user, login_required

from docgen.convert import ConversionError
from docgen.domain.errors import InputError
from docgen.render import TemplateRenderError
from docgen.storage import Document, repo
from docgen.web.archiving import cached_preview, render_docx, render_pdf
from docgen.web.context import db, file_stem
from docgen.web.security import require_read

bp = Blueprint("outputs", __name__, url_prefix="/dokumen")
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_ZIP_DOCUMENTS = 50


@bp.before_request
@login_required
def _login() -> None:
    """Every output needs a logged-in user."""


def _document(doc_id: int) -> Document:
    return require_read(current_user, repo.get_document(db(), doc_id))


@bp.get("/<int:doc_id>/pratinjau.pdf")
def preview(doc_id: int):
    document = _document(doc_id)
    # ?r=<sha256>: the PDF the document's page rendered and checked a moment ago
    pdf = cached_preview(document, request.args.get("r", "")) or \
        render_pdf(document, "pratinjau")
    response = send_file(io.BytesIO(pdf), mimetype="application/pdf",
                         download_name=f"{file_stem(document)}.pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{file_stem(document)}.pdf"'
    response.headers["Content-Security-Policy"] = "frame-ancestors 'self'"
    return response


@bp.get("/<int:doc_id>/unduh.<fmt>")
def download(doc_id: int, fmt: str):
    document = _document(doc_id)
    if fmt not in ("docx", "pdf"):
        abort(404)
    data = render_docx(document, "unduh") if fmt == "docx" else render_pdf(document, "unduh")
    return send_file(io.BytesIO(data), as_attachment=True,
                     mimetype=DOCX_MIME if fmt == "docx" else "application/pdf",
                     download_name=f"{file_stem(document)}.{fmt}")


@bp.post("/zip")
def archive():
    """A ZIP of the selected documents (each readable by the user) in DOCX or PDF."""
    ids = [int(v) for v in request.form.getlist("ids") if v.isdigit()][:MAX_ZIP_DOCUMENTS]
    fmt = request.form.get("format", "docx")
    if fmt not in ("docx", "pdf", "keduanya"):
        fmt = "docx"
    if not ids:
        flash("Pilih minimal satu dokumen untuk diunduh sebagai ZIP.", "error")
        return redirect(url_for("documents.index"), 303)
    documents = [_document(i) for i in ids]
    out = io.BytesIO()
    skipped = []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
        for document in documents:
            try:
                for suffix in (("docx", "pdf") if fmt == "keduanya" else (fmt,)):
                    data = (render_docx(document, "zip") if suffix == "docx"
                            else render_pdf(document, "zip"))
                    bundle.writestr(f"{file_stem(document)}.{suffix}", data)
            except (InputError, ConversionError, TemplateRenderError) as exc:
                skipped.append(f"{file_stem(document)}: {exc}")
        if skipped:
            bundle.writestr("TIDAK-DISERTAKAN.txt", "Dokumen berikut belum dapat dibuat:\n" +
                            "\n".join(skipped) + "\n")
    return send_file(io.BytesIO(out.getvalue()), as_attachment=True,
                     mimetype="application/zip", download_name="dokumen-budaya-kerja.zip")
