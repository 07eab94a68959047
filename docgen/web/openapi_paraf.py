"""The OpenAPI paths and schemas of the paraf chain (``docgen.web.paraf``), merged into
the documents resource's (``openapi_documents``)."""

from __future__ import annotations

from typing import Any

SCHEMAS = "#/components/schemas/"
CHAIN_STATUS = {"type": "string", "enum": ["draft", "final", "menunggu_paraf",
                                           "menunggu_tanda_tangan", "ditandatangani",
                                           "dikembalikan"],
                "description": "final: jenis tanpa alur paraf elektronik"}
NULLABLE_TEXT = {"type": ["string", "null"]}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": SCHEMAS + name}


def _json(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


STEP = {"type": "object", "properties": {
    "urutan": {"type": "integer"},
    "tahap": {"type": "string", "enum": ["konseptor", "pemeriksa", "penandatangan"]},
    "peran": {"type": "string", "description": "peran akun; penyusun: pembuat dokumen"},
    "jabatan": {"type": "string"},
    "status": {"type": "string", "enum": ["menunggu", "selesai", "dikembalikan"]},
    "oleh": NULLABLE_TEXT, "nama": NULLABLE_TEXT,
    "waktu": {"type": ["string", "null"], "format": "date-time"},
    "catatan": NULLABLE_TEXT,
    "draf_baru": {"type": ["integer", "null"], "description": "draf yang dibuat saat "
                                                              "dikembalikan"}}}
PARAF_SCHEMAS: dict[str, Any] = {
    "Paraf": {"type": "object", "required": ["status", "steps"], "properties": {
        "status": CHAIN_STATUS, "status_label": {"type": "string"},
        "steps": {"type": "array", "items": STEP},
        "giliran": {"type": ["integer", "null"], "description": "urutan langkah berikut"},
        "penandatangan": {**NULLABLE_TEXT, "description": "pengguna yang ditunjuk menandatangani"},
        "dapat_paraf": {"type": "boolean"}, "dapat_kembalikan": {"type": "boolean"},
        "dikembalikan_dari": {"type": ["object", "null"]}}},
    "ParafResult": {"type": "object", "required": ["id", "paraf"], "properties": {
        "id": {"type": "integer"}, "paraf": _ref("Paraf")}},
    "SentBack": {"type": "object", "required": ["id", "draft_id", "paraf"], "properties": {
        "id": {"type": "integer"}, "draft_id": {"type": "integer"},
        "draft_version": {"type": "integer"}, "paraf": _ref("Paraf")}},
    "Catatan": {"type": "object", "required": ["catatan"], "properties": {
        "catatan": {"type": "string", "maxLength": 2000}}},
}


def paraf_paths(error: Any) -> dict[str, Any]:
    """``error(description)``: the documents resource's error answer."""
    common = {"401": error("Tanpa token atau token tidak valid"),
              "403": error("Tidak memiliki langkah pada alur paraf dokumen ini"),
              "404": error("Tidak ada, atau dokumen unit lain"),
              "409": error("Bukan giliran pengguna ini, atau alur tidak menunggu")}
    param = [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}]
    return {
        "/api/v1/documents/{id}/paraf": {"post": {
            "summary": "Paraf pada langkah pengguna (konseptor, pemeriksa)",
            "operationId": "parafDocument", "parameters": param,
            "responses": {"200": _json("Paraf tercatat", _ref("ParafResult")), **common}}},
        "/api/v1/documents/{id}/kembalikan": {"post": {
            "summary": "Kembalikan dengan catatan: dokumen menjadi draf versi baru",
            "operationId": "sendBackDocument", "parameters": param,
            "requestBody": {"required": True, "content": {
                "application/json": {"schema": _ref("Catatan")}}},
            "responses": {"201": _json("Dikembalikan; draf baru", _ref("SentBack")),
                          "400": error("Badan bukan JSON dengan catatan"), **common,
                          "422": error("Catatan kosong atau terlalu panjang")}}},
    }
