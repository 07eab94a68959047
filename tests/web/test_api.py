"""JSON API /api/v1: bearer tokens, 200/401/422, OpenAPI, same output as the CLI."""

from __future__ import annotations

import json

from openapi_spec_validator import validate

from docgen.registry import REGISTRY
from docgen.storage.models import ArchiveEntry
from docgen.storage.seed import DEMO_UNITS
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
    assert [t["name"] for t in types.json] == [  # a_admin: the types admin_unit drafts
        t.name for t in REGISTRY if "admin_unit" in t.roles]
    schema = client.get("/api/v1/schema/sk-kbk", headers=bearer(token))
    assert schema.status_code == 200
    assert schema.json == json.loads(json.dumps(REGISTRY.get("sk-kbk").schema()))
    assert client.get("/api/v1/schema/tidak-ada", headers=bearer(token)).status_code == 404


def test_render_docx_has_the_same_text_as_the_cli(client, token, runner, tmp_path):
    sek = _token(runner, "a_sek")  # laporan-evaluasi is the Sekretaris KBK's
    for type_name, user_token in (("sk-kbk", token), ("laporan-evaluasi", sek)):
        response = client.post(f"/api/v1/documents/{type_name}/render?format=docx",
                               json=sample(type_name), headers=bearer(user_token))
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
                                      "/api/v1/documents/{type}/render",
                                      "/api/v1/documents", "/api/v1/documents/{id}",
                                      "/api/v1/documents/{id}/final",
                                      "/api/v1/documents/{id}/file", "/api/v1/rekap",
                                      "/api/v1/documents/{id}/paraf",
                                      "/api/v1/documents/{id}/kembalikan",
                                      "/api/v1/documents/{id}/sign",
                                      "/api/v1/jobs", "/api/v1/jobs/{id}",
                                      "/api/v1/jobs/{id}/result"}
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


# -- roles and units (the web app's rules) ----------------------------------------------
def _token(runner, username: str) -> str:
    result = runner("create-token", username)
    assert result.exit_code == 0, result.output
    return result.output.strip()


def _api_entries(app) -> list[ArchiveEntry]:
    with app.extensions["docgen"].database.session() as session:
        entries = session.query(ArchiveEntry).filter(ArchiveEntry.purpose == "api").all()
        session.expunge_all()
        return entries


def _render(client, token: str, type_name: str, data: dict | None = None):
    return client.post(f"/api/v1/documents/{type_name}/render?format=docx",
                       json=sample(type_name) if data is None else data,
                       headers=bearer(token))


def test_a_role_renders_only_the_types_it_drafts(app, client, runner, world):
    sek = _token(runner, "a_sek")
    refused = _render(client, sek, "sk-tim-pembinaan")
    assert refused.status_code == 403 and refused.is_json
    assert "Sekretaris KBK" in refused.json["errors"][0]["message"]
    assert _api_entries(app) == []
    hukum = _token(runner, "hukum")
    for type_name in REGISTRY.names():
        assert _render(client, hukum, type_name).status_code == 403, type_name
    assert _api_entries(app) == []
    admin = _token(runner, "admin")
    assert _render(client, admin, "sk-kbk").status_code == 403
    response = _render(client, admin, "sk-tim-pembinaan")
    assert response.status_code == 200, response.data[:300]
    [entry] = _api_entries(app)
    assert (entry.type_name, entry.unit_id) == ("sk-tim-pembinaan", None)


def test_a_unit_document_must_name_the_users_own_unit(app, client, token, world):
    other = sample("sk-kbk")
    other["perangkat_daerah"] = {**other["perangkat_daerah"], "nama": DEMO_UNITS[1]["nama"]}
    refused = _render(client, token, "sk-kbk", other)
    assert refused.status_code == 403 and refused.is_json
    assert DEMO_UNITS[1]["nama"] in refused.json["errors"][0]["message"]
    assert _api_entries(app) == []
    own = sample("sk-kbk")
    own["perangkat_daerah"]["nama"] = DEMO_UNITS[0]["nama"].upper()  # case aside
    assert _render(client, token, "sk-kbk", own).status_code == 200
    [entry] = _api_entries(app)
    assert (entry.unit_id, entry.unit) == (world.units["A"], DEMO_UNITS[0]["nama"])


def test_unit_kerja_must_name_the_users_own_unit(app, client, runner, world):
    b_sek = _token(runner, "b_sek")  # the sample names unit A
    assert _render(client, b_sek, "laporan-evaluasi").status_code == 403
    assert _api_entries(app) == []
    data = sample("laporan-evaluasi")
    data["unit_kerja"] = f"{DEMO_UNITS[1]['nama']} Kabupaten Purbalingga"
    assert _render(client, b_sek, "laporan-evaluasi", data).status_code == 200
    [entry] = _api_entries(app)
    assert entry.unit_id == world.units["B"]


def test_types_lists_only_what_the_user_may_render(client, runner, world):
    sek = _token(runner, "a_sek")
    names = [t["name"] for t in client.get("/api/v1/types", headers=bearer(sek)).json]
    assert names == [t.name for t in REGISTRY if "sekretaris_kbk" in t.roles]
    assert "sk-tim-pembinaan" not in names
    hukum = _token(runner, "hukum")
    assert client.get("/api/v1/types", headers=bearer(hukum)).json == []
