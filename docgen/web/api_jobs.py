"""Background jobs in the API: ``POST /api/v1/jobs`` (``{"kind": "zip", "ids": [..],
"format": "pdf"}``) answers 202 with ``Location: /api/v1/jobs/<id>``; ``GET`` of that
URL gives ``{"status", "done", "total", "result_url"}`` (null until done) and
``GET /api/v1/jobs/<id>/result`` the file. Another user's job: 404 (readers of all
excepted). ``kind: "rekap-pdf"`` takes ``tahun``, ``jenis`` and the signer
(``jabatan``, ``nama``, ``nip``), as the recap page does."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, g, jsonify, request, send_file, url_for

from docgen.accounts.units import JENIS
from docgen.documents import rekap_pdf
from docgen.domain.errors import FieldError, InputError
from docgen.domain.program_laporan import FIELD_LABELS, penandatangan
from docgen.jobs import service
from docgen.web.api import token_required
from docgen.web.context import db, state
from docgen.web.errors import json_errors
from docgen.web.jobs import progress, start_job

bp = Blueprint("api_jobs", __name__, url_prefix="/api/v1/jobs")


@bp.post("")
@token_required
def submit():
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return json_errors(400, [FieldError("(body)", "badan permintaan harus objek JSON, "
                                                      'mis. {"kind": "zip", "ids": [1, 2]}')])
    kind = body.get("kind")
    params = _rekap_params(body) if kind == "rekap-pdf" else body
    job = start_job(g.api_user, str(kind), {k: v for k, v in params.items() if k != "kind"})
    location = url_for("api_jobs.show", job_id=job.id)
    response = jsonify(_state(job))
    response.status_code = 202
    response.headers["Location"] = location
    return response


def _rekap_params(body: dict[str, Any]) -> dict[str, Any]:
    """The recap's year, kind of unit and signer, checked as the page checks them."""
    tahun = str(body.get("tahun", ""))
    if not (tahun.isdigit() and len(tahun) == 4):
        raise InputError([FieldError("tahun", "tahun: empat angka, mis. 2026")])
    if body.get("jenis") and body["jenis"] not in JENIS:
        raise InputError([FieldError("jenis", f"jenis unit tidak dikenal: pilih "
                                              f"{', '.join(JENIS)}")])
    signer = {k: str(body.get(k) or "") for k in FIELD_LABELS}
    penandatangan(signer)  # InputError (422) naming the field
    return {"tahun": int(tahun), "jenis": body.get("jenis") or None,
            "penandatangan": signer, "tanggal": rekap_pdf.today().isoformat()}


@bp.get("/<job_id>")
@token_required
def show(job_id: str):
    return jsonify(_state(service.get(g.api_user, db(), job_id)))


@bp.get("/<job_id>/result")
@token_required
def result(job_id: str):
    job = service.get(g.api_user, db(), job_id)
    path = service.result_file(state().settings.data_dir, job)
    return send_file(path, as_attachment=True, download_name=path.name)


def _state(job: Any) -> dict[str, Any]:
    return progress(job, url_for("api_jobs.result", job_id=job.id))
