"""The OpenAPI 3.1 description of /api/v1, built from the registry (schemas included)."""

from __future__ import annotations

from typing import Any

from docgen.registry import REGISTRY
from docgen.web.openapi_documents import RESOURCE_SCHEMAS, document_paths
from docgen.web.openapi_jobs import JOB_SCHEMAS, job_paths

ERRORS = {
    "type": "object",
    "required": ["errors"],
    "properties": {"errors": {"type": "array", "items": {
        "type": "object", "required": ["field", "message"],
        "properties": {"field": {"type": "string", "examples": ["susunan[2].nip"]},
                       "message": {"type": "string", "examples": ["NIP harus 18 digit"]}}}}},
}


def _error(description: str) -> dict[str, Any]:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}}}


def _input_schemas() -> dict[str, Any]:
    """Each type's input schema, its $defs lifted into components (OpenAPI refs)."""
    schemas: dict[str, Any] = {"Errors": ERRORS}
    for doc_type in REGISTRY:
        prefix = _component(doc_type.name) + "_"  # types may reuse a model name
        schema = doc_type.model.model_json_schema(
            ref_template="#/components/schemas/" + prefix + "{model}")
        for name, definition in schema.pop("$defs", {}).items():
            schemas[prefix + name] = definition
        schema["title"] = doc_type.title
        schemas[_component(doc_type.name)] = schema
    return schemas


def _component(type_name: str) -> str:
    return "Input_" + type_name.replace("-", "_")


def openapi_document(server: str) -> dict[str, Any]:
    names = REGISTRY.names()
    render_body = {"oneOf": [{"$ref": f"#/components/schemas/{_component(n)}"}
                             for n in names]}
    return {
        "openapi": "3.1.0",
        "info": {"title": "docgen API", "version": "1",
                 "description": "Dokumen budaya kerja Kabupaten Purbalingga (Perbup 11/2020)."},
        "servers": [{"url": server or "/"}],
        "security": [{"bearer": []}],
        "paths": {
            "/api/v1/types": {"get": {
                "summary": "Daftar jenis dokumen", "operationId": "listTypes",
                "responses": {"200": {"description": "Jenis dokumen", "content": {
                    "application/json": {"schema": {"type": "array", "items": {
                        "type": "object", "properties": {
                            "name": {"type": "string"}, "title": {"type": "string"},
                            "roles": {"type": "array", "items": {"type": "string"}},
                            "schema": {"type": "string"}}}}}}},
                    "401": _error("Tanpa token atau token tidak valid")}}},
            "/api/v1/schema/{type}": {"get": {
                "summary": "JSON Schema input suatu jenis", "operationId": "getSchema",
                "parameters": [_type_parameter(names)],
                "responses": {"200": {"description": "JSON Schema", "content": {
                    "application/json": {"schema": {"type": "object"}}}},
                    "401": _error("Tanpa token"), "404": _error("Jenis tidak dikenal")}}},
            "/api/v1/documents/{type}/render": {"post": {
                "summary": "Render input menjadi DOCX atau PDF", "operationId": "render",
                "parameters": [_type_parameter(names), {
                    "name": "format", "in": "query", "required": False,
                    "schema": {"type": "string", "enum": ["docx", "pdf"],
                               "default": "docx"}}],
                "requestBody": {"required": True, "content": {
                    "application/json": {"schema": render_body}}},
                "responses": {
                    "200": {"description": "Berkas dokumen", "content": {
                        "application/vnd.openxmlformats-officedocument.wordprocessingml."
                        "document": {"schema": {"type": "string", "format": "binary"}},
                        "application/pdf": {"schema": {"type": "string",
                                                       "format": "binary"}}}},
                    "400": _error("Badan bukan JSON atau format salah"),
                    "401": _error("Tanpa token atau token tidak valid"),
                    "404": _error("Jenis tidak dikenal"),
                    "422": _error("Input tidak valid: satu galat per isian"),
                    "503": _error("Konversi PDF gagal")}}},
            **document_paths(names),
            **job_paths(),
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                           "description": "Token dari `docgen create-token`"}},
            "schemas": {**_input_schemas(), **RESOURCE_SCHEMAS, **JOB_SCHEMAS},
        },
    }


def _type_parameter(names: list[str]) -> dict[str, Any]:
    return {"name": "type", "in": "path", "required": True,
            "schema": {"type": "string", "enum": names}}
