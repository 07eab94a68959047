"""The OpenAPI path and schemas of signing (``docgen.web.signing``), merged into the
documents resource's (``openapi_documents``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SCHEMAS = "#/components/schemas/"
ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}

SIGNING_SCHEMAS: dict[str, Any] = {
    "SignRequest": {"type": "object", "required": ["passphrase"], "properties": {
        "passphrase": {"type": "string", "description": "frasa sandi sertifikat "
                                                        "penandatangan (tidak disimpan)"}}},
    "Signed": {"type": "object", "required": ["id", "status", "level", "sha256"],
               "properties": {
                   "id": {"type": "integer"},
                   "status": {"type": "string", "enum": ["ditandatangani"]},
                   "level": {"type": "string",
                             "enum": ["PAdES-B-LT", "PAdES-B-T", "PAdES-B-B"]},
                   "note": {"type": "string", "description": "apa yang tidak tercapai "
                                                             "(mis. tanpa cap waktu TSA)"},
                   "visible": {"type": "boolean",
                               "description": "tanda tangan tampak di blok tanda tangan"},
                   "signed_at": {"type": "string", "format": "date-time"},
                   "sha256": {"type": "string", "description": "SHA-256 PDF bertanda "
                                                              "tangan yang diarsipkan"},
                   "file": {"type": "string", "description": "alamat unduhan PDF"}}},
}


def signing_paths(error: Callable[[str], dict[str, Any]]) -> dict[str, Any]:
    return {"/api/v1/documents/{id}/sign": {"post": {
        "summary": "Tandatangani secara elektronik (PAdES) oleh penandatangan yang ditunjuk",
        "operationId": "signDocument", "parameters": [ID],
        "requestBody": {"required": True, "content": {"application/json": {
            "schema": {"$ref": SCHEMAS + "SignRequest"}}}},
        "responses": {
            "200": {"description": "Ditandatangani", "content": {"application/json": {
                "schema": {"$ref": SCHEMAS + "Signed"}}}},
            "400": error("Frasa sandi kosong atau salah, atau sertifikat belum terdaftar/"
                         "tidak berlaku (tidak ada yang ditandatangani)"),
            "401": error("Tanpa token atau token tidak valid"),
            "403": error("Bukan penandatangan yang ditunjuk"),
            "404": error("Tidak ada, atau dokumen unit lain"),
            "409": error("Tidak menunggu tanda tangan, atau sudah ditandatangani"),
            "422": error("Pemeriksaan tata letak PDF yang ditandatangani gagal"),
            "503": error("Konversi PDF gagal")}}}}
