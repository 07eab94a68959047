"""Public verification of final PDFs (``/verifikasi/<id>``), no login needed.

The QR code on a final PDF points here. The page shows only what is printed on the
document (type, unit, number, date) and the SHA-256 of the archived PDF, and lets anyone
upload a PDF to check that it is byte-identical to the archived one. The upload form keeps
its CSRF token like every form of the app (the token comes with the GET, no login
needed); the POST only reads: it stores nothing and changes nothing.
"""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for

from docgen.review.archive import is_document_id, sha256
from docgen.review.verification import document_id_of, verify_pdf
from docgen.storage import review_repo
from docgen.web.archiving import public_facts
from docgen.web.context import db

bp = Blueprint("verify", __name__, url_prefix="/verifikasi")


def _entry(verification_id: str):
    verification_id = verification_id.strip().upper()
    if not is_document_id(verification_id):
        return None
    return review_repo.entry_by_verification_id(db(), verification_id)


def _uploaded() -> tuple[bytes, str] | None:
    upload = request.files.get("berkas")
    if upload is None or not upload.filename:
        return None
    return upload.read(), upload.filename


@bp.route("", methods=["GET", "POST"])
def index():
    """Look a document up by its ID, or upload a PDF and let its stamped ID find it."""
    error = None
    wanted = request.args.get("id", "").strip()
    if wanted:
        if _entry(wanted) is not None:
            return redirect(url_for(".show", verification_id=wanted.upper()), 303)
        error = f"Tidak ada dokumen final dengan ID \u201c{wanted[:40]}\u201d."
    if request.method == "POST":
        uploaded = _uploaded()
        found = document_id_of(uploaded[0]) if uploaded else None
        entry = _entry(found) if found else None
        if entry is not None:
            return _show(entry, uploaded)
        error = ("Pilih berkas PDF untuk diperiksa." if uploaded is None else
                 "Berkas ini tidak memuat ID dokumen yang dikenal; masukkan ID yang tercetak "
                 "di kaki halaman dokumen.")
    return render_template("verify_index.html", error=error, wanted=wanted), \
        404 if wanted and error else 422 if error else 200


@bp.route("/<verification_id>", methods=["GET", "POST"])
def show(verification_id: str):
    entry = _entry(verification_id)
    if entry is None:
        abort(404)
    return _show(entry, _uploaded() if request.method == "POST" else None)


def _show(entry, uploaded: tuple[bytes, str] | None):
    result = None
    if uploaded is not None:
        data, filename = uploaded
        result = {"ok": verify_pdf(data, entry.output_sha256), "sha256": sha256(data),
                  "filename": filename}
    status = 422 if result is not None and not result["ok"] else 200
    return render_template("verify.html", facts=public_facts(entry),
                           verification_id=entry.verification_id, result=result), status
