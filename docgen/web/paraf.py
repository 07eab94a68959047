"""The paraf chain on the document page and in the API (issue 14); the rules are
``docgen.paraf.service``'s.

- Web: POST /dokumen/<id>/paraf and /dokumen/<id>/kembalikan (``catatan``), buttons shown by
  ``paraf_panel.html`` (included in the document page) to the person whose step it is.
- API: POST /api/v1/documents/<id>/paraf and /api/v1/documents/<id>/kembalikan
  {"catatan": "..."}; ``chain_json`` is the ``paraf`` object of GET /api/v1/documents/<id>.

Another unit's document is 404, a person without a step 403, not their turn 409, a
send-back without a note 422 (``docgen.web.errors``).
"""

from __future__ import annotations

from typing import Any

import pydantic_core
from flask import Blueprint, flash, g, jsonify, redirect, request, url_for
from flask_login import current_user, login_required

from docgen.accounts.access import Actor
from docgen.domain.errors import FieldError, InputError
from docgen.paraf import service as paraf
from docgen.storage import Document
from docgen.web.api import token_required
from docgen.web.context import db
from docgen.web.errors import json_errors

bp = Blueprint("paraf", __name__, url_prefix="/dokumen")
api_bp = Blueprint("api_paraf", __name__, url_prefix="/api/v1")


@bp.before_request
@login_required
def _login() -> None:
    """Only a signed-in user acts in a chain."""


@bp.app_template_global("paraf_chain")
def paraf_chain(document: Document) -> paraf.ChainView:
    """The chain of ``document`` as the signed-in user sees it (document page)."""
    return paraf.view(db(), current_user, document)


@bp.post("/<int:doc_id>/paraf")
def sign_off(doc_id: int):
    step = paraf.paraf(db(), current_user, doc_id)
    flash(f"Paraf {step.jabatan} tercatat.", "success")
    return redirect(url_for("documents.show", doc_id=doc_id), 303)


@bp.post("/<int:doc_id>/kembalikan")
def send_back(doc_id: int):
    try:
        draft = paraf.kembalikan(db(), current_user, doc_id, request.form.get("catatan", ""))
    except InputError as exc:
        flash("; ".join(e.message for e in exc.errors), "error")
        return redirect(url_for("documents.show", doc_id=doc_id), 303)
    flash(f"Dokumen dikembalikan dengan catatan; versi {draft.version} dibuat sebagai draf "
          "untuk diperbaiki.", "success")
    return redirect(url_for("documents.show", doc_id=doc_id), 303)


def chain_json(document: Document, actor: Actor) -> dict[str, Any]:
    """The chain as the API shows it: status, steps (who, when, notes), whose turn."""
    chain = paraf.view(db(), actor, document)
    return {
        "status": chain.status,
        "status_label": chain.status_label,
        "steps": [{"urutan": s.urutan, "tahap": s.tahap, "peran": s.peran,
                   "jabatan": s.jabatan, "status": s.status, "oleh": s.actor,
                   "nama": s.actor_nama,
                   "waktu": s.acted_at.isoformat() + "Z" if s.acted_at else None,
                   "catatan": s.catatan, "draf_baru": s.new_document_id}
                  for s in chain.steps],
        "giliran": chain.current.urutan if chain.current else None,
        "penandatangan": chain.signer.username if chain.signer else None,
        "dapat_paraf": chain.can_paraf,
        "dapat_kembalikan": chain.can_return,
        "dikembalikan_dari": ({"dokumen": chain.returned.document_id,
                               "catatan": chain.returned.catatan,
                               "oleh": chain.returned.actor} if chain.returned else None),
    }


def _catatan() -> Any:
    if not request.is_json:
        return None
    try:
        body = pydantic_core.from_json(request.get_data())
    except ValueError:
        return None
    return body.get("catatan") if isinstance(body, dict) else None


@api_bp.post("/documents/<int:doc_id>/paraf")
@token_required
def api_paraf(doc_id: int):
    step = paraf.paraf(db(), g.api_user, doc_id)
    document = db().get(Document, step.document_id)
    assert document is not None
    return jsonify({"id": doc_id, "paraf": chain_json(document, g.api_user)})


@api_bp.post("/documents/<int:doc_id>/kembalikan")
@token_required
def api_send_back(doc_id: int):
    catatan = _catatan()
    if not isinstance(catatan, str):
        return json_errors(400, [FieldError("catatan", "kirim JSON {\"catatan\": \"...\"}: "
                                                       "apa yang harus diperbaiki")])
    draft = paraf.kembalikan(db(), g.api_user, doc_id, catatan)
    document = db().get(Document, doc_id)
    assert document is not None
    return jsonify({"id": doc_id, "draft_id": draft.id, "draft_version": draft.version,
                    "paraf": chain_json(document, g.api_user)}), 201
