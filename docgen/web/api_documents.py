"""The documents resource of the JSON API (/api/v1/documents), behind ``token_required``.

POST /documents {"type", "data", "unit_id"?} stores a draft (even an invalid one, as the
web form does) and answers 201 with its errors; GET /documents lists what the token's
user may read (?type=&status=draft|final&year=&unit=&q=&page=, 25 a page); GET/PUT
/documents/<id> read and replace a draft's data; POST /documents/<id>/final marks it
final; GET /documents/<id>/file?format=pdf|docx is a final's archived file (its signed
PDF once signed, ``docgen.signing``) or a draft rendered now. The rules are the
services' (``DocumentService``, ``DocumentIntake``, ``listing``): another unit's document
is 404, a final 409, bad input 422 (field paths as in the render endpoint), a role that
may not 403, all answered by ``docgen.web.errors``.
"""

from __future__ import annotations

import io
from typing import Any

import pydantic_core
from flask import Blueprint, g, jsonify, request, send_file

from docgen.documents.gate import FinalRefused
from docgen.documents.intake import DocumentIntake
from docgen.documents.listing import Filters
from docgen.documents.names import file_stem
from docgen.domain.errors import FieldError
from docgen.signing.service import signed_pdf
from docgen.storage import Document
from docgen.web.api import _json_problem, token_required
from docgen.web.context import db, documents
from docgen.web.errors import json_errors
from docgen.web.outputs import DOCX_MIME
from docgen.web.paraf import chain_json

bp = Blueprint("api_documents", __name__, url_prefix="/api/v1")
API_STATUSES = {"draft": "draf", "final": "final"}  # API value -> the list's filter value
# the list's query parameters: API name -> (Filters field, what a valid value is)
LIST_PARAMS = {"type": ("jenis", "jenis dokumen yang terdaftar"),
               "status": ("status", "draft atau final"),
               "year": ("tahun", "tahun empat angka"),
               "unit": ("unit", "id unit atau kabupaten"),
               "page": ("halaman", "bilangan bulat positif")}


class BadRequest(Exception):
    """A request the API cannot read: 400 with the field at fault."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.error = FieldError(field, message)


@bp.errorhandler(BadRequest)
def _bad_request(exc: BadRequest):
    return json_errors(400, [exc.error])


def _body() -> dict[str, Any]:
    """The JSON object of the request (parsed as ``api.render`` does)."""
    if not request.is_json:
        raise BadRequest("(input)", "badan permintaan harus JSON (Content-Type: "
                                    "application/json)")
    try:  # pydantic-core's parser: nesting past its depth limit is an error, not a crash
        body = pydantic_core.from_json(request.get_data())
    except ValueError as exc:
        raise BadRequest("(input)", _json_problem(str(exc))) from None
    if not isinstance(body, dict):
        raise BadRequest("(input)", "badan permintaan harus objek JSON")
    return body


def _data(body: dict[str, Any]) -> dict[str, Any]:
    data = body.get("data")
    if not isinstance(data, dict):
        raise BadRequest("data", "data wajib diisi: objek JSON isian dokumen")
    return data


def _errors_json(errors: list[FieldError]) -> list[dict[str, str]]:
    return [{"field": e.field, "message": e.message} for e in errors]


def _date(document: Document) -> str | None:
    tanggal = (document.data or {}).get("tanggal")
    return tanggal if isinstance(tanggal, str) and tanggal else None


def _summary(document: Document) -> dict[str, Any]:
    return {"id": document.id, "type": document.type_name, "status": document.status,
            "unit_id": document.unit_id, "title": document.judul, "date": _date(document)}


def _intake() -> DocumentIntake:
    return DocumentIntake(db(), documents())


@bp.post("/documents")
@token_required
def create():
    body = _body()
    type_name, unit_id = body.get("type"), body.get("unit_id")
    if not isinstance(type_name, str) or not type_name:
        raise BadRequest("type", "type wajib diisi: nama jenis dokumen (lihat /api/v1/types)")
    if unit_id is not None and (not isinstance(unit_id, int) or isinstance(unit_id, bool)):
        raise BadRequest("unit_id", "unit_id harus bilangan bulat atau null")
    document, errors = _intake().create(g.api_user, type_name, _data(body), unit_id,
                                        unit_given="unit_id" in body)
    return jsonify({"id": document.id, "type": document.type_name, "status": document.status,
                    "unit_id": document.unit_id, "errors": _errors_json(errors)}), 201


@bp.get("/documents")
@token_required
def index():
    filters = _filters()
    page = documents().find_documents(g.api_user, filters)
    return jsonify({"documents": [_summary(d) for d in page.documents], "total": page.total,
                    "page": page.number, "pages": page.pages})


def _filters() -> Filters:
    """The list's filters from the API's query names; a value the list would ignore
    is refused (400) rather than silently widening the list."""
    given = {name: request.args.get(name, "").strip() for name in LIST_PARAMS}
    values = {LIST_PARAMS[name][0]: value for name, value in given.items() if value}
    if "status" in values:
        values["status"] = API_STATUSES.get(values["status"], "-")
    values["q"] = request.args.get("q", "")
    filters = Filters.from_args(values)
    for name, (field, valid) in LIST_PARAMS.items():
        if given[name] and str(getattr(filters, field)) != values[field]:
            raise BadRequest(name, f"{name} tidak valid: harus {valid}")
    return filters


@bp.get("/documents/<int:doc_id>")
@token_required
def show(doc_id: int):
    service = documents()
    document = service.get(g.api_user, doc_id)
    return jsonify({**_summary(document), "version": document.version,
                    "data": document.data,
                    "errors": [] if document.is_final else _errors_json(
                        service.errors(document)),
                    "verification_id": _intake().verification_id(document),
                    "paraf": chain_json(document, g.api_user)})


@bp.put("/documents/<int:doc_id>")
@token_required
def replace(doc_id: int):
    document, errors = _intake().replace(g.api_user, doc_id, _data(_body()))
    return jsonify({**_summary(document), "errors": _errors_json(errors)})


@bp.post("/documents/<int:doc_id>/final")
@token_required
def mark_final(doc_id: int):
    service = documents()
    document = service.draft(g.api_user, doc_id, "Dokumen sudah final.")
    errors = service.errors(document)
    if errors:
        return json_errors(422, errors)
    try:
        verification_id = service.finalize(g.api_user, doc_id)
    except FinalRefused as exc:  # the layout or signature checks of the final
        return json_errors(422, [FieldError("(final)", m) for m in exc.messages])
    return jsonify({"id": doc_id, "status": "final", "verification_id": verification_id})


@bp.get("/documents/<int:doc_id>/file")
@token_required
def file(doc_id: int):
    fmt = request.args.get("format", "pdf")
    if fmt not in ("docx", "pdf"):
        raise BadRequest("format", "format harus docx atau pdf")
    service = documents()
    document = service.get(g.api_user, doc_id)
    signed = signed_pdf(db(), document) if fmt == "pdf" else None  # once signed (issue 14)
    if signed is not None:
        return send_file(io.BytesIO(signed), as_attachment=True, mimetype="application/pdf",
                         download_name=f"{file_stem(document)}-ttd.pdf")
    payload = service.render(g.api_user, doc_id, fmt, "api")  # InputError: 422
    return send_file(io.BytesIO(payload), as_attachment=True,
                     mimetype=DOCX_MIME if fmt == "docx" else "application/pdf",
                     download_name=f"{file_stem(document)}.{fmt}")
