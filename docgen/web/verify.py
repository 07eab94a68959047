"""Public verification of final PDFs (``/verifikasi/<id>``), no login needed.

The QR code on a final PDF points here. The page shows only what is printed on the
document (type, unit, number, date) and the SHA-256 of the archived PDF, and lets anyone
upload a PDF to check that it is byte-identical to the archived one
(``docgen.review.records``). The upload form keeps its CSRF token like every form of the
app (the token comes with the GET, no login needed); the POST only reads: it stores
nothing and changes nothing.
"""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for

from docgen.review import records
from docgen.storage.models import ArchiveEntry
from docgen.web.context import db
from docgen.web.signing import verification_panel

bp = Blueprint("verify", __name__, url_prefix="/verifikasi")


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
        if records.final_entry(db(), wanted) is not None:
            return redirect(url_for(".show", verification_id=wanted.upper()), 303)
        error = f"Tidak ada dokumen final dengan ID \u201c{wanted[:40]}\u201d."
    if request.method == "POST":
        uploaded = _uploaded()
        entry = records.entry_of_pdf(db(), uploaded[0]) if uploaded else None
        if entry is not None:
            return _show(entry, uploaded)
        error = ("Pilih berkas PDF untuk diperiksa." if uploaded is None else
                 "Berkas ini tidak memuat ID dokumen yang dikenal; masukkan ID yang tercetak "
                 "di kaki halaman dokumen.")
    return render_template("verify_index.html", error=error, wanted=wanted), \
        404 if wanted and error else 422 if error else 200


@bp.route("/<verification_id>", methods=["GET", "POST"])
def show(verification_id: str):
    entry = records.final_entry(db(), verification_id)
    if entry is None:
        abort(404)
    return _show(entry, _uploaded() if request.method == "POST" else None)


def _show(entry: ArchiveEntry, uploaded: tuple[bytes, str] | None):
    verdict = records.verify_upload(entry, *uploaded) if uploaded is not None else None
    signing = verification_panel(entry, uploaded)  # the document was signed (issue 14)
    if verdict is not None and signing and signing["matches_signed"]:
        verdict = records.Verdict(True, verdict.sha256, verdict.filename)
    status = 422 if verdict is not None and not verdict.ok else 200
    return render_template("verify.html", facts=records.public_facts(entry),
                           verification_id=entry.verification_id, signing=signing,
                           result=verdict.as_dict() if verdict else None), status
