"""Electronic signatures on the web and in the API (issue 14); the rules are
``docgen.signing``'s.

- /akun/sertifikat: the signed-in user registers their PKCS#12 with its passphrase (the
  passphrase is never shown back nor stored; the key is kept encrypted under it).
- POST /dokumen/<id>/tandatangani (``passphrase``): the designated signer signs; the
  button and field are in ``signing_panel.html`` (included in the document page).
- GET /dokumen/<id>/ditandatangani.pdf: the signed PDF as archived.
- API: POST /api/v1/documents/<id>/sign {"passphrase": "..."}.
- ``verification_panel``: the signature report of ``/verifikasi/<id>``.
Another unit's document is 404, anyone but the designated signer 403, a wrong passphrase
400 with nothing signed (``docgen.web.errors``)."""

from __future__ import annotations

import io
from typing import Any

import pydantic_core
from flask import (
    Blueprint,
    abort,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_login import current_user, login_required

from docgen.accounts.access import Actor, require_read
from docgen.documents.gate import FinalRefused
from docgen.documents.names import file_stem
from docgen.domain.errors import FieldError
from docgen.domain.paraf import peran_penandatangan
from docgen.signing import keystore, service, texts, trust
from docgen.signing.keystore import SigningError
from docgen.signing.model import Certificate
from docgen.signing.verify import verify_pdf
from docgen.storage import Document, User, repo
from docgen.storage.models import ArchiveEntry
from docgen.web.api import token_required
from docgen.web.context import db, documents, regulation, state
from docgen.web.errors import json_errors

bp = Blueprint("signing", __name__)
api_bp = Blueprint("api_signing", __name__, url_prefix="/api/v1")
MAX_P12 = keystore.MAX_P12


def _user() -> User:
    user = db().get(User, current_user.id)
    if user is None:
        abort(404)
    return user


@bp.route("/akun/sertifikat", methods=["GET", "POST"])
@login_required
def certificate():
    error = None
    if request.method == "POST":
        upload = request.files.get("berkas")
        passphrase = request.form.get("passphrase", "")
        data = upload.stream.read(MAX_P12 + 1) if upload and upload.filename else b""
        try:
            row = keystore.register(db(), _user(), data, passphrase, by=current_user.username)
        except SigningError as exc:
            error = exc.message
        else:
            flash(f"Sertifikat {row.nama} didaftarkan; berlaku s.d. "
                  f"{row.not_after:%d-%m-%Y}.", "success")
            return redirect(url_for(".certificate"), 303)
    current = keystore.current(db(), _user())
    return render_template("signing_certificate.html", certificate=current, error=error,
                           max_kb=MAX_P12 // 1000), 422 if error else 200


@bp.app_template_global("signs_documents")
def signs_documents(role: str) -> bool:
    """Whether ``role`` signs some document type (the menu then links the certificate
    page), as the approved paraf data says."""
    return role in peran_penandatangan(regulation())


@bp.app_template_global("signing_panel")
def signing_panel(document: Document) -> dict[str, Any]:
    """What the document page shows of signing to the signed-in user."""
    session = db()
    signature = service.signature_of(session, document.id)
    may_sign = signature is None and service.may_sign(session, current_user, document)
    certificate = session.get(Certificate, signature.certificate_id) if signature else None
    return {"signature": signature, "may_sign": may_sign, "certificate": certificate,
            "has_certificate": may_sign and keystore.current(session, _user()) is not None}


def _sign(actor: Actor, doc_id: int, passphrase: str) -> service.Outcome:
    return service.sign_document(db(), actor, doc_id, passphrase, state().settings,
                                 renderer=documents())


@bp.post("/dokumen/<int:doc_id>/tandatangani")
@login_required
def sign(doc_id: int):
    try:
        outcome = _sign(current_user, doc_id, request.form.get("passphrase", ""))
    except (SigningError, FinalRefused) as exc:
        db().rollback()
        flash(exc.message if isinstance(exc, SigningError) else
              "PDF yang akan ditandatangani gagal diperiksa: " + "; ".join(exc.messages),
              "error")
        return redirect(url_for("documents.show", doc_id=doc_id), 303)
    signed = outcome.signed
    flash(f"Dokumen ditandatangani secara elektronik ({signed.level})."
          + (f" Catatan: {signed.note}." if signed.note else ""), "success")
    return redirect(url_for("documents.show", doc_id=doc_id), 303)


@bp.get("/dokumen/<int:doc_id>/ditandatangani.pdf")
@login_required
def signed_file(doc_id: int):
    document = require_read(current_user, repo.get_document(db(), doc_id))
    pdf = service.signed_pdf(db(), document)
    if pdf is None:
        abort(404)
    return send_file(io.BytesIO(pdf), mimetype="application/pdf", as_attachment=True,
                     download_name=f"{file_stem(document)}-ttd.pdf")


@api_bp.post("/documents/<int:doc_id>/sign")
@token_required
def api_sign(doc_id: int):
    try:
        body = pydantic_core.from_json(request.get_data() or b"{}")
    except ValueError:
        body = None
    passphrase = body.get("passphrase") if isinstance(body, dict) else None
    if not isinstance(passphrase, str) or not passphrase:
        return json_errors(400, [FieldError("passphrase", "passphrase wajib diisi: frasa "
                                                          "sandi sertifikat penandatangan")])
    try:
        outcome = _sign(g.api_user, doc_id, passphrase)
    except SigningError as exc:
        db().rollback()
        return json_errors(400, [FieldError("passphrase", exc.message)])
    except FinalRefused as exc:  # the layout check of the PDF to sign
        db().rollback()
        return json_errors(422, [FieldError("(final)", m) for m in exc.messages])
    signature, signed = outcome.signature, outcome.signed
    return jsonify({"id": doc_id, "status": "ditandatangani", "level": signature.level,
                    "note": signature.note, "visible": signed.visible,
                    "signed_at": signature.signed_at.isoformat() + "Z",
                    "sha256": outcome.entry.output_sha256,
                    "file": url_for("api_documents.file", doc_id=doc_id, format="pdf")})


def verification_panel(entry: ArchiveEntry, uploaded: tuple[bytes, str] | None
                       ) -> dict[str, Any] | None:
    """The signature report of a verification page whose document was signed: of the
    archived signed PDF, or of the uploaded file when one was given."""
    session = db()
    signature = service.signature_by_verification_id(session, entry.verification_id or "")
    if signature is None:
        return None
    signed = session.get(ArchiveEntry, signature.archive_entry_id)
    if signed is None or signed.content is None:
        return None
    pdf, name = uploaded if uploaded is not None else (signed.content, "arsip")
    report = verify_pdf(pdf, trust.roots(session, state().settings),
                        service.archived_signed_hashes(session, entry.verification_id or ""))
    return {"level": signature.level, "note": signature.note, "sha256": signed.output_sha256,
            "name": name, "uploaded": uploaded is not None, "verdict": texts.verdict(report),
            "ok": report.ok, "valid": report.valid, "archive": texts.archive_row(report),
            "signatures": [texts.rows(s) for s in report.signatures],
            "matches_signed": report.sha256 == signed.output_sha256}
