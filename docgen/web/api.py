"""JSON API under /api/v1 (bearer token from ``docgen create-token``).

GET /types, GET /schema/<type>, POST /documents/<type>/render?format=docx|pdf with the
input as the JSON body; bad input -> 422 {"errors": [{"field", "message"}]} (every
error is mapped in ``docgen.web.errors``). The input goes through the same
``DocumentType.parse`` and ``Pipeline`` as the CLI and the forms, with the approved
template version (named in the X-Docgen-Template-Version/-Sha256 headers); every render
is recorded in the archive under the token's user and their unit
(``DocumentService.render_api``). The web app's role rules apply: /types lists only the
types the token's user may render, and rendering another type, or a unit document that
names another unit, is refused with 403 (nothing recorded).
"""

from __future__ import annotations

import io
import re
from functools import wraps

import pydantic_core
from flask import Blueprint, g, jsonify, request, send_file, url_for

from docgen.accounts.access import Actor
from docgen.domain.errors import FieldError
from docgen.registry import REGISTRY
from docgen.web.context import accounts, db, documents
from docgen.web.errors import json_errors
from docgen.web.openapi import openapi_document
from docgen.web.outputs import DOCX_MIME

bp = Blueprint("api", __name__, url_prefix="/api/v1")
MAX_JSON_DEPTH = 200  # pydantic-core's (jiter's) nesting limit
# Failures (bad input 422, template 422, PDF conversion 503, 404/405/413, anything else
# 500) are answered as JSON by docgen.web.errors, like everywhere under /api.


def _errors(status: int, field: str, message: str, **headers: str):
    return json_errors(status, [FieldError(field, message)], **headers)


def _json_problem(detail: str) -> str:
    """The parser's complaint in Indonesian: where the body stops being JSON, or that it
    is nested too deep."""
    if "recursion limit" in detail:
        return f"badan permintaan bersarang terlalu dalam (maksimal {MAX_JSON_DEPTH} tingkat)"
    where = re.search(r"line (\d+) column (\d+)", detail)
    return "badan permintaan bukan JSON yang valid" + (
        f" (baris {where[1]}, kolom {where[2]})" if where else "")


def token_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        user = accounts().user_for_token(token.strip(), request.remote_addr) \
            if scheme.lower() == "bearer" \
            and token.strip() else None
        if user is None:
            return _errors(401, "(auth)", "token API tidak ada atau tidak valid; kirim "
                           "'Authorization: Bearer <token>' (buat dengan docgen create-token)",
                           **{"WWW-Authenticate": 'Bearer realm="docgen"'})
        g.api_user = Actor.of(user)
        # the token's use is committed at once: a render holding SQLite's write lock
        # while it waits for the converter would block every other request's writes
        db().commit()
        return view(*args, **kwargs)
    return wrapper


@bp.get("/openapi.json")
def openapi():
    return jsonify(openapi_document(url_for("api.openapi", _external=True)
                                    .removesuffix("/api/v1/openapi.json")))


@bp.get("/types")
@token_required
def types():
    return jsonify([{"name": t.name, "title": t.title, "roles": list(t.roles),
                     "schema": url_for("api.schema", type_name=t.name, _external=True)}
                    for t in documents().draftable_types(g.api_user)])


@bp.get("/schema/<type_name>")
@token_required
def schema(type_name: str):
    if type_name not in REGISTRY:
        return _errors(404, "type", f"jenis dokumen tidak dikenal: {type_name}")
    return jsonify(REGISTRY.get(type_name).schema())


@bp.post("/documents/<type_name>/render")
@token_required
def render(type_name: str):
    if type_name not in REGISTRY:
        return _errors(404, "type", f"jenis dokumen tidak dikenal: {type_name}")
    fmt = request.args.get("format", "docx")
    if fmt not in ("docx", "pdf"):
        return _errors(400, "format", "format harus docx atau pdf")
    if not request.is_json:
        return _errors(400, "(input)", "badan permintaan harus JSON (Content-Type: "
                       "application/json)")
    try:  # pydantic-core's parser: nesting past its depth limit is an error, not a crash
        data = pydantic_core.from_json(request.get_data())
    except ValueError as exc:
        return _errors(400, "(input)", _json_problem(str(exc)))
    payload, version = documents().render_api(g.api_user, type_name, data, fmt)
    response = send_file(io.BytesIO(payload), as_attachment=True,
                         mimetype=DOCX_MIME if fmt == "docx" else "application/pdf",
                         download_name=f"{type_name}.{fmt}")
    response.headers["X-Docgen-Template-Version"] = str(version.number)
    response.headers["X-Docgen-Template-Sha256"] = version.sha256
    return response
