"""The OpenAPI paths and schemas of background jobs (``docgen.web.api_jobs``), merged
by ``docgen.web.openapi``."""

from __future__ import annotations

from typing import Any

from docgen.web.openapi_documents import _error, _json, _ref

STATE_PROPERTIES: dict[str, Any] = {
    "id": {"type": "string"},
    "kind": {"type": "string", "enum": ["zip", "rekap-pdf"]},
    "status": {"type": "string", "enum": ["queued", "running", "done", "failed"]},
    "done": {"type": "integer", "description": "dokumen yang sudah dibuat"},
    "total": {"type": "integer"},
    "result_url": {"type": ["string", "null"], "description": "null sampai selesai"},
    "message": {"type": ["string", "null"], "description": "alasan bila gagal"}}
JOB_SCHEMAS: dict[str, Any] = {
    "NewJob": {"type": "object", "required": ["kind"], "properties": {
        "kind": {"type": "string", "enum": ["zip", "rekap-pdf", "jenis-dokumen"],
                 "description": "jenis-dokumen: ZIP dokumen satu jenis dari setiap unit "
                                "(yang dihitung rekap program); dijalankan sebagai zip"},
        "type": {"type": "string", "description": "jenis-dokumen: nama jenis dokumen"},
        "ids": {"type": "array", "items": {"type": "integer"}, "maxItems": 500,
                "description": "zip: dokumen yang dimasukkan"},
        "format": {"type": "string", "enum": ["docx", "pdf", "keduanya"],
                   "default": "docx"},
        "tahun": {"type": "integer", "description": "rekap-pdf, jenis-dokumen: tahun"},
        "jenis": {"type": ["string", "null"],
                  "description": "rekap-pdf, jenis-dokumen: jenis unit (kosong: semua)"},
        "jabatan": {"type": "string"}, "nama": {"type": "string"},
        "nip": {"type": "string"}}},
    "JobState": {"type": "object", "required": ["id", "status", "done", "total",
                                                "result_url"],
                 "properties": STATE_PROPERTIES},
}
AUTH = {"401": _error("Tanpa token atau token tidak valid")}
JOB_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
NOT_YOURS = {"404": _error("Tidak ada atau bukan pekerjaan pengguna token")}


def job_paths() -> dict[str, Any]:
    return {
        "/api/v1/jobs": {"post": {
            "summary": "Buat ZIP banyak dokumen atau PDF rekapitulasi di latar belakang",
            "operationId": "createJob",
            "requestBody": {"required": True, "content": {
                "application/json": {"schema": _ref("NewJob")}}},
            "responses": {
                "202": {**_json("Diterima; Location: URL pekerjaan", _ref("JobState")),
                        "headers": {"Location": {"schema": {"type": "string"}}}},
                "400": _error("Badan bukan objek JSON"), **AUTH,
                "403": _error("Peran tidak berwenang"),
                "404": _error("Dokumen tidak ada atau bukan milik unit"),
                "422": _error("Jenis, ids, format atau penandatangan tidak valid")}}},
        "/api/v1/jobs/{id}": {"parameters": [JOB_ID], "get": {
            "summary": "Status dan kemajuan pekerjaan", "operationId": "getJob",
            "responses": {"200": _json("Status", _ref("JobState")), **AUTH, **NOT_YOURS}}},
        "/api/v1/jobs/{id}/result": {"parameters": [JOB_ID], "get": {
            "summary": "Hasil pekerjaan yang selesai (ZIP atau PDF)",
            "operationId": "getJobResult",
            "responses": {"200": {"description": "Berkas hasil", "content": {
                "application/zip": {"schema": {"type": "string", "format": "binary"}},
                "application/pdf": {"schema": {"type": "string", "format": "binary"}}}},
                **AUTH, "404": _error("Belum selesai, tidak ada, atau bukan milik "
                                      "pengguna token")}}},
    }
