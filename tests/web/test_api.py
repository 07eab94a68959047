"""JSON API /api/v1: bearer tokens, 200/401/422, OpenAPI, same output as the CLI."""

from __future__ import annotations

import json

from openapi_spec_validator import validate

from docgen.registry import REGISTRY
from tests.conftest import docx_text, pdf_text
from tests.web.conftest import bearer, sample


def test_requests_without_a_valid_token_get_401(client, world):
    for headers in ({}, {"Authorization": "Bearer dg_salah"}, {"Authorization": "Basic eA=="}):
        for method, url in (("GET", "/api/v1/types"), ("GET", "/api/v1/schema/sk-kbk"),
                            ("POST", "/api/v1/documents/sk-kbk/render")):
            response = client.open(url, method=method, headers=headers, json={})
            assert response.status_code == 401, (url, headers)
            assert response.headers["WWW-Authenticate"].startswith("Bearer")
            assert response.json["errors"][0]["field"] == "(auth)"


def test_types_and_schema(client, token):
    types = client.get("/api/v1/types", headers=bearer(token))
    assert types.status_code == 200
    assert [t["name"] for t in types.json] == REGISTRY.names()
    schema = client.get("/api/v1/schema/sk-kbk", headers=bearer(token))
    assert schema.status_code == 200
    assert schema.json == json.loads(json.dumps(REGISTRY.get("sk-kbk").schema()))
    assert client.get("/api/v1/schema/tidak-ada", headers=bearer(token)).status_code == 404


def test_render_docx_has_the_same_text_as_the_cli(client, token, runner, tmp_path):
    for type_name in ("sk-kbk", "laporan-evaluasi"):
        response = client.post(f"/api/v1/documents/{type_name}/render?format=docx",
                               json=sample(type_name), headers=bearer(token))
        assert response.status_code == 200
        assert response.mimetype.endswith("wordprocessingml.document")
        target = tmp_path / f"{type_name}.docx"
        source = tmp_path / f"{type_name}.json"
        source.write_text(json.dumps(sample(type_name)), encoding="utf-8")
        result = runner("render", type_name, str(source), "-o", str(target))
        assert result.exit_code == 0, result.output
        assert docx_text(response.data) == docx_text(target.read_bytes())


def test_render_pdf(client, token):
    response = client.post("/api/v1/documents/sk-kbk/render?format=pdf",
                           json=sample("sk-kbk"), headers=bearer(token))
    assert response.status_code == 200
    assert response.data.startswith(b"%PDF")
    assert "KBK SEMAR" in pdf_text(response.data)
    assert "DRAF" not in pdf_text(response.data)


def test_bad_input_gets_422_with_field_errors(client, token):
    data = sample("sk-kbk")
    data["susunan"][2]["nip"] = "123"
    del data["nomor"]
    response = client.post("/api/v1/documents/sk-kbk/render", json=data, headers=bearer(token))
    assert response.status_code == 422
    errors = response.json["errors"]
    assert {"field": "susunan[2].nip", "message": "NIP harus 18 digit, bukan 3"} in errors
    assert {"field": "nomor", "message": "wajib diisi"} in errors
    bad = client.post("/api/v1/documents/sk-kbk/render", data="bukan json",
                      headers=bearer(token))
    assert bad.status_code == 400
    assert client.post("/api/v1/documents/sk-kbk/render?format=odt", json=data,
                       headers=bearer(token)).status_code == 400


def test_openapi_document_is_valid(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json
    validate(document)
    assert set(document["paths"]) == {"/api/v1/types", "/api/v1/schema/{type}",
                                      "/api/v1/documents/{type}/render"}
    render = document["paths"]["/api/v1/documents/{type}/render"]["post"]
    assert {"200", "401", "422"} <= set(render["responses"])
    for type_name in REGISTRY.names():
        assert f"Input_{type_name.replace('-', '_')}" in document["components"]["schemas"]


def test_api_needs_no_csrf_token_but_forms_do(data_dir, request, runner, world):
    from tests.web.conftest import make_app

    strict = make_app(data_dir / "strict", request, WTF_CSRF_ENABLED=True)
    client = strict.test_client()
    assert client.post("/masuk", data={"username": "x", "password": "y"}).status_code == 400


def test_thirteen_panduan_items_render_as_pdf(client, token):
    """The list crashed the template before (a hard-coded 'abcdefghij'); now k) … m)."""
    data = sample("sk-core-values")
    data["core_values"]["nilai"][0]["panduan"] = [
        f"Panduan perilaku nomor {i} dilaksanakan." for i in range(1, 14)]
    response = client.post("/api/v1/documents/sk-core-values/render?format=pdf",
                           headers=bearer(token), json=data)
    assert response.status_code == 200, response.data[:300]
    assert "m) Panduan perilaku nomor 13" in " ".join(pdf_text(response.data).split())


def test_api_errors_are_json(client, token):
    response = client.post("/api/v1/documents/sk-kbk/render?format=pdf", headers={
        **bearer(token), "Content-Type": "application/json"}, data="{bukan json")
    assert response.status_code == 400 and response.is_json
    assert response.json["errors"][0]["field"] == "(input)"
