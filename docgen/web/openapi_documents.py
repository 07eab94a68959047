"""The OpenAPI paths and schemas of the documents resource and the recap
(``docgen.web.api_documents``, ``docgen.web.api_rekap``), merged by ``openapi``."""

from __future__ import annotations

from typing import Any

from docgen.web.openapi_paraf import PARAF_SCHEMAS, paraf_paths
from docgen.web.openapi_signing import SIGNING_SCHEMAS, signing_paths

SCHEMAS = "#/components/schemas/"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": SCHEMAS + name}


def _json(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _error(description: str) -> dict[str, Any]:
    return _json(description, _ref("Errors"))


NULLABLE_INT = {"type": ["integer", "null"]}
ERROR_LIST = {"type": "array", "items": {
    "type": "object", "required": ["field", "message"],
    "properties": {"field": {"type": "string"}, "message": {"type": "string"}}}}
STATUS = {"type": "string", "enum": ["draft", "final"]}
SUMMARY_PROPERTIES = {
    "id": {"type": "integer"}, "type": {"type": "string"}, "status": STATUS,
    "unit_id": {**NULLABLE_INT, "description": "null: dokumen Kabupaten"},
    "title": {"type": "string"},
    "date": {"type": ["string", "null"], "description": "tanggal dokumen (YYYY-MM-DD)"}}
RESOURCE_SCHEMAS: dict[str, Any] = {
    "DocumentSummary": {"type": "object", "required": list(SUMMARY_PROPERTIES),
                        "properties": SUMMARY_PROPERTIES},
    "Document": {"type": "object", "required": [*SUMMARY_PROPERTIES, "data", "errors"],
                 "properties": {**SUMMARY_PROPERTIES, "version": {"type": "integer"},
                                "data": {"type": "object"}, "errors": ERROR_LIST,
                                "verification_id": {"type": ["string", "null"]},
                                "paraf": _ref("Paraf")}},
    "DocumentList": {"type": "object", "required": ["documents", "total"], "properties": {
        "documents": {"type": "array", "items": _ref("DocumentSummary")},
        "total": {"type": "integer"}, "page": {"type": "integer"},
        "pages": {"type": "integer"}}},
    "NewDocument": {"type": "object", "required": ["type", "data"], "properties": {
        "type": {"type": "string"},
        "data": {"type": "object", "description": "input jenis itu (lihat /schema/{type})"},
        "unit_id": {**NULLABLE_INT, "description": "bila diisi: unit pemilik dokumen, yaitu "
                                                   "unit pengguna (null: Kabupaten)"}}},
    "DocumentData": {"type": "object", "required": ["data"],
                     "properties": {"data": {"type": "object"}}},
    "Created": {"type": "object", "required": ["id", "type", "status", "unit_id", "errors"],
                "properties": {"id": {"type": "integer"}, "type": {"type": "string"},
                               "status": {"const": "draft"}, "unit_id": NULLABLE_INT,
                               "errors": ERROR_LIST}},
    "Final": {"type": "object", "required": ["id", "status", "verification_id"],
              "properties": {"id": {"type": "integer"}, "status": {"const": "final"},
                             "verification_id": {"type": "string"}}},
    "Rekap": {"type": "object", "required": ["tahun", "units", "peringkat"], "properties": {
        "tahun": {"type": "integer"},
        "units": {"type": "array", "items": _ref("UnitRekap")},
        "peringkat": {"type": "array", "items": {"type": "integer"},
                      "description": "unit_id menurut total scored card, tertinggi dulu"},
        "agen_perubahan": {"type": "array", "items": _ref("AgenRekap"),
                           "description": "capaian per Agen Perubahan, tertinggi dulu"}}},
    "AgenRekap": {"type": "object", "properties": {
        "unit_id": {"type": "integer"}, "nama": {"type": "string"},
        "nip": {"type": ["string", "null"]}, "jabatan": {"type": "string"},
        "capaian": {"type": ["number", "null"], "description": "rata-rata capaian (persen; "
                    "tiap baris monev dihitung paling tinggi 100)"},
        "terukur": {"type": "integer"}, "jumlah": {"type": "integer"}, "status": STATUS,
        "document_id": {"type": "integer"}}},
    "UnitRekap": {"type": "object",
                  "required": ["unit_id", "nama", "jenis", "dokumen", "scored_card", "gelar"],
                  "properties": {
                      "unit_id": {"type": "integer"}, "nama": {"type": "string"},
                      "jenis": {"type": "string"},
                      "dokumen": {"type": "object", "additionalProperties": {
                          "type": ["string", "null"], "enum": ["final", "draft", None]}},
                      "dokumen_id": {"type": "object", "additionalProperties": {
                          "type": ["integer", "null"]}},
                      "laporan_bulanan_final": {
                          "type": "array", "items": {"type": "integer"},
                          "description": "bulan (1-12) tahun ini dengan laporan bulanan final"},
                      "laporan_evaluasi": {"oneOf": [{"type": "null"}, {
                          "type": "object", "properties": {
                              "status": STATUS, "document_id": {"type": "integer"},
                              "jumlah_responden": {"type": "integer"},
                              "kelompok": {"type": "array", "items": {
                                  "type": "object", "properties": {
                                      "kode": {"type": "string"}, "rata": {"type": "number"},
                                      "kategori": {"type": "string"}}}}}}]},
                      "scored_card": {"oneOf": [{"type": "null"}, {
                          "type": "object", "required": ["total", "kategori", "status"],
                          "properties": {"total": {"type": "number"},
                                         "kategori": {"type": "string"},
                                         "status": STATUS, "sebutan": {"type": "string"},
                                         "document_id": {"type": "integer"},
                                         "subtotal": {"type": "object",
                                                      "additionalProperties": {
                                                          "type": "number"}}}}]},
                      "gelar": {"type": "boolean", "description": "boleh mengikuti Gelar "
                                "Budaya Kerja (Pasal 16 ayat (1) huruf d angka 2)"}}},
    **PARAF_SCHEMAS,
    **SIGNING_SCHEMAS,
}
ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
AUTH = {"401": _error("Tanpa token atau token tidak valid")}
NOT_YOURS = {"404": _error("Tidak ada, atau dokumen unit lain")}


def _query(name: str, schema: dict[str, Any], description: str = "") -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema,
            "description": description}


def document_paths(names: list[str]) -> dict[str, Any]:
    return {
        **paraf_paths(_error),
        **signing_paths(_error),
        "/api/v1/documents": {
            "post": {"summary": "Simpan draf baru (juga bila isian belum valid)",
                     "operationId": "createDocument",
                     "requestBody": {"required": True, "content": {
                         "application/json": {"schema": _ref("NewDocument")}}},
                     "responses": {"201": _json("Draf tersimpan; errors: isian yang "
                                                "menghalangi final", _ref("Created")),
                                   "400": _error("Badan bukan objek JSON"), **AUTH,
                                   "403": _error("Peran atau unit tidak berwenang"),
                                   "404": _error("Jenis tidak dikenal")}},
            "get": {"summary": "Daftar dokumen yang boleh dibaca pengguna token",
                    "operationId": "listDocuments",
                    "parameters": [_query("type", {"type": "string", "enum": names}),
                                   _query("status", STATUS),
                                   _query("year", {"type": "integer"}, "tahun tanggal"),
                                   _query("unit", {"type": "string"},
                                          "id unit atau 'kabupaten'"),
                                   _query("q", {"type": "string"}, "nomor, judul, unit"),
                                   _query("page", {"type": "integer", "minimum": 1})],
                    "responses": {"200": _json("Satu halaman (25)", _ref("DocumentList")),
                                  "400": _error("Filter tidak valid"), **AUTH}}},
        "/api/v1/documents/{id}": {
            "parameters": [ID],
            "get": {"summary": "Metadata dan data dokumen", "operationId": "getDocument",
                    "responses": {"200": _json("Dokumen", _ref("Document")), **AUTH,
                                  **NOT_YOURS}},
            "put": {"summary": "Ganti data draf", "operationId": "replaceDocument",
                    "requestBody": {"required": True, "content": {
                        "application/json": {"schema": _ref("DocumentData")}}},
                    "responses": {"200": _json("Draf tersimpan", _ref("Document")),
                                  "400": _error("Badan bukan objek JSON"), **AUTH,
                                  "403": _error("Tidak berwenang"), **NOT_YOURS,
                                  "409": _error("Dokumen sudah final")}}},
        "/api/v1/documents/{id}/final": {"post": {
            "summary": "Tandai final", "operationId": "finalizeDocument", "parameters": [ID],
            "responses": {"200": _json("Final", _ref("Final")), **AUTH,
                          "403": _error("Tidak berwenang"), **NOT_YOURS,
                          "409": _error("Sudah final"),
                          "422": _error("Isian belum valid atau pemeriksaan final gagal"),
                          "503": _error("Konversi PDF gagal")}}},
        "/api/v1/documents/{id}/file": {"get": {
            "summary": "Berkas arsip dokumen final (PDF bertanda tangan bila sudah "
                       "ditandatangani), atau draf yang dibuat sekarang",
            "operationId": "documentFile",
            "parameters": [ID, _query("format", {"type": "string", "enum": ["pdf", "docx"],
                                                 "default": "pdf"})],
            "responses": {"200": {"description": "Berkas", "content": {
                "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
                    "schema": {"type": "string", "format": "binary"}}}},
                "400": _error("Format salah"), **AUTH, **NOT_YOURS,
                "422": _error("Draf belum valid"), "503": _error("Konversi PDF gagal")}}},
        "/api/v1/rekap": {"get": {
            "summary": "Rekap tahunan per unit (admin kabupaten, bagian hukum, tim pembinaan)",
            "operationId": "rekap",
            "parameters": [{"name": "tahun", "in": "query", "required": True,
                            "schema": {"type": "integer"}},
                           _query("jenis", {"type": "string"}, "jenis unit, mis. dinas")],
            "responses": {"200": _json("Rekap", _ref("Rekap")),
                          "400": _error("Tahun atau jenis tidak valid"), **AUTH,
                          "403": _error("Peran tidak berwenang")}}},
    }
