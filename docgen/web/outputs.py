"""Outputs of a document: PDF preview (inline), DOCX/PDF download, ZIP of several."""

from __future__ import annotations

import io
import zipfile

from flask import Blueprint, Response, flash, redirect, request, send_file, url_for
from flask_login import current_user, login_required

from docgen.convert import ConversionError
from docgen.domain.errors import InputError
from docgen.storage import Document, repo
from docgen.web.archiving import cached_preview, render_docx, render_pdf
from docgen.web.security import require_read
from docgen.web.services import db, file_stem

bp = Blueprint("outputs", __name__, url_prefix="/dokumen")
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_ZIP_DOCUMENTS = 50


@bp.before_request
@login_required
def _login() -> None:
    """Every output needs a logged-in user."""


def _document(doc_id: int) -> Document:
    return require_read(current_user, repo.get_document(db(), doc_id))


def _not_renderable(document: Document, exc: Exception) -> Response:
    message = ("Isian belum lengkap; perbaiki isian untuk melihat dokumen: " +
               "; ".join(str(e) for e in exc.errors[:5])) if isinstance(exc, InputError) \
        else f"Konversi PDF gagal: {exc}"
    return Response(message, status=422 if isinstance(exc, InputError) else 503,
                    mimetype="text/plain")


@bp.get("/<int:doc_id>/pratinjau.pdf")
def preview(doc_id: int):
    document = _document(doc_id)
    try:  # ?r=<sha256>: the PDF the document's page rendered and checked a moment ago
        pdf = cached_preview(document, request.args.get("r", "")) or \
            render_pdf(document, "pratinjau")
    except (InputError, ConversionError) as exc:
        return _not_renderable(document, exc)
    response = send_file(io.BytesIO(pdf), mimetype="application/pdf",
                         download_name=f"{file_stem(document)}.pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{file_stem(document)}.pdf"'
    response.headers["Content-Security-Policy"] = "frame-ancestors 'self'"
    return response


@bp.get("/<int:doc_id>/unduh.<fmt>")
def download(doc_id: int, fmt: str):
    document = _document(doc_id)
    if fmt not in ("docx", "pdf"):
        return Response("format harus docx atau pdf", status=404, mimetype="text/plain")
    try:
        data = (render_docx(document, "unduh") if fmt == "docx"
                else render_pdf(document, "unduh"))
    except (InputError, ConversionError) as exc:
        return _not_renderable(document, exc)
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
            except (InputError, ConversionError) as exc:
                skipped.append(f"{file_stem(document)}: {exc}")
        if skipped:
            bundle.writestr("TIDAK-DISERTAKAN.txt", "Dokumen berikut belum dapat dibuat:\n" +
                            "\n".join(skipped) + "\n")
    return send_file(io.BytesIO(out.getvalue()), as_attachment=True,
                     mimetype="application/zip", download_name="dokumen-budaya-kerja.zip")
