"""The documents resource of the JSON API: create, list, read, replace, final, file."""

from __future__ import annotations

import pytest
from openapi_spec_validator import validate

from tests.conftest import docx_text, pdf_text
from tests.web.conftest import bearer, login, sample

UNIT_B = "Kecamatan Kalimanah"


@pytest.fixture()
def tokens(user_headers) -> dict[str, dict[str, str]]:
    return user_headers


def _create(client, user_headers, type_name="sk-kbk", data=None, **extra):
    body = {"type": type_name, "data": sample(type_name) if data is None else data, **extra}
    return client.post("/api/v1/documents", json=body, headers=user_headers)


def _of_unit_b(data: dict) -> dict:
    data["perangkat_daerah"]["nama"] = UNIT_B
    data["perangkat_daerah"]["jenis"] = "kecamatan"
    return data


def _ids(client, headers, query="") -> list[int]:
    response = client.get(f"/api/v1/documents{query}", headers=headers)
    assert response.status_code == 200, response.json
    return [d["id"] for d in response.json["documents"]]


def test_a_valid_draft_is_created_read_and_listed(client, world, tokens):
    created = _create(client, tokens["a_admin"])
    assert created.status_code == 201
    body = created.json
    assert body == {"id": body["id"], "type": "sk-kbk", "status": "draft",
                    "unit_id": world.units["A"], "errors": []}
    shown = client.get(f"/api/v1/documents/{body['id']}", headers=tokens["a_admin"]).json
    assert shown["data"] == sample("sk-kbk")
    assert (shown["status"], shown["unit_id"], shown["date"]) == ("draft", world.units["A"],
                                                                  "2024-03-15")
    assert shown["title"] == "Nomor: 800/215/2024" and shown["verification_id"] is None
    listed = client.get("/api/v1/documents", headers=tokens["a_admin"]).json
    assert listed["total"] == 1
    assert listed["documents"] == [{"id": body["id"], "type": "sk-kbk", "status": "draft",
                                    "unit_id": world.units["A"],
                                    "title": "Nomor: 800/215/2024", "date": "2024-03-15"}]


def test_an_invalid_draft_is_stored_with_its_errors_and_cannot_be_final(client, world, tokens):
    data = sample("sk-kbk")
    data["susunan"][2]["nip"] = "123"
    del data["nomor"]
    created = _create(client, tokens["a_admin"], data=data)
    assert created.status_code == 201
    errors = created.json["errors"]
    assert {"field": "susunan[2].nip", "message": "NIP harus 18 digit, bukan 3"} in errors
    assert {"field": "nomor", "message": "wajib diisi"} in errors
    doc_id = created.json["id"]
    final = client.post(f"/api/v1/documents/{doc_id}/final", headers=tokens["a_admin"])
    assert final.status_code == 422
    assert sorted(map(str, final.json["errors"])) == sorted(map(str, errors))
    shown = client.get(f"/api/v1/documents/{doc_id}", headers=tokens["a_admin"]).json
    assert shown["status"] == "draft" and shown["errors"] == errors
    rendered = client.get(f"/api/v1/documents/{doc_id}/file?format=docx",
                          headers=tokens["a_admin"])
    assert rendered.status_code == 422
    assert {"field": "nomor", "message": "wajib diisi"} in rendered.json["errors"]


def test_put_replaces_a_drafts_data_and_a_final_is_409(client, world, tokens):
    doc_id = _create(client, tokens["a_admin"], data={}).json["id"]
    replaced = client.put(f"/api/v1/documents/{doc_id}", json={"data": sample("sk-kbk")},
                          headers=tokens["a_admin"])
    assert replaced.status_code == 200
    assert replaced.json["errors"] == [] and replaced.json["title"] == "Nomor: 800/215/2024"
    assert client.get(f"/api/v1/documents/{doc_id}",
                      headers=tokens["a_admin"]).json["data"] == sample("sk-kbk")
    final = client.post(f"/api/v1/documents/{doc_id}/final", headers=tokens["a_admin"])
    assert final.status_code == 200
    assert final.json == {"id": doc_id, "status": "final",
                          "verification_id": final.json["verification_id"]}
    assert final.json["verification_id"]
    again = client.put(f"/api/v1/documents/{doc_id}", json={"data": {}},
                       headers=tokens["a_admin"])
    assert again.status_code == 409
    assert again.json["errors"][0]["field"] == "(permintaan)"
    assert client.post(f"/api/v1/documents/{doc_id}/final",
                       headers=tokens["a_admin"]).status_code == 409
    assert client.get(f"/api/v1/documents/{doc_id}", headers=tokens["a_admin"]).json[
        "data"] == sample("sk-kbk")


def test_the_file_of_a_final_is_the_archived_file(client, world, tokens):
    doc_id = _create(client, tokens["a_admin"]).json["id"]
    draft = client.get(f"/api/v1/documents/{doc_id}/file?format=docx",
                       headers=tokens["a_admin"])
    assert draft.status_code == 200 and "KBK SEMAR" in docx_text(draft.data)
    verification_id = client.post(f"/api/v1/documents/{doc_id}/final",
                                  headers=tokens["a_admin"]).json["verification_id"]
    login(client, "a_admin")
    for fmt in ("pdf", "docx"):
        api = client.get(f"/api/v1/documents/{doc_id}/file?format={fmt}",
                         headers=tokens["a_admin"])
        web = client.get(f"/dokumen/{doc_id}/unduh.{fmt}")
        assert api.status_code == web.status_code == 200
        assert api.data == web.data, fmt
    pdf = client.get(f"/api/v1/documents/{doc_id}/file", headers=tokens["hukum"])
    assert pdf.mimetype == "application/pdf"
    assert verification_id in pdf_text(pdf.data) and "DRAF" not in pdf_text(pdf.data)
    assert client.get(f"/api/v1/documents/{doc_id}", headers=tokens["hukum"]).json[
        "verification_id"] == verification_id
    assert client.get(f"/api/v1/documents/{doc_id}/file?format=odt",
                      headers=tokens["a_admin"]).status_code == 400


def test_a_unit_user_cannot_see_or_change_another_units_documents(client, world, tokens):
    doc_id = _create(client, tokens["a_admin"]).json["id"]
    other = tokens["b_admin"]
    assert _ids(client, other) == []
    assert _ids(client, other, f"?unit={world.units['A']}") == []
    for method, url, body in (("GET", f"/api/v1/documents/{doc_id}", None),
                              ("PUT", f"/api/v1/documents/{doc_id}", {"data": {}}),
                              ("POST", f"/api/v1/documents/{doc_id}/final", None),
                              ("GET", f"/api/v1/documents/{doc_id}/file?format=docx", None)):
        response = client.open(url, method=method, json=body, headers=other)
        assert response.status_code == 404, (method, url)
        assert response.json["errors"][0]["field"] == "(permintaan)"
    assert client.get(f"/api/v1/documents/{doc_id}",
                      headers=tokens["a_admin"]).json["data"] == sample("sk-kbk")
    b_doc = _create(client, other, data=_of_unit_b(sample("sk-kbk")))
    assert b_doc.status_code == 201 and b_doc.json["unit_id"] == world.units["B"]
    assert _ids(client, other) == [b_doc.json["id"]]


def test_a_unit_user_must_name_their_own_unit(client, world, tokens):
    refused = _create(client, tokens["b_admin"])  # the sample names unit A
    assert refused.status_code == 403
    assert "bukan unit Anda (Kecamatan Kalimanah)" in refused.json["errors"][0]["message"]
    other_unit = _create(client, tokens["a_admin"], unit_id=world.units["B"])
    assert other_unit.status_code == 403
    doc_id = _create(client, tokens["a_admin"], unit_id=world.units["A"]).json["id"]
    moved = client.put(f"/api/v1/documents/{doc_id}", json={"data": _of_unit_b(
        sample("sk-kbk"))}, headers=tokens["a_admin"])
    assert moved.status_code == 403
    assert _ids(client, tokens["b_admin"]) == [] and _ids(client, tokens["admin"]) == [doc_id]


def test_roles(client, world, tokens):
    # sekretaris_kbk drafts the KBK's working papers, not the unit's Keputusan
    card = _create(client, tokens["a_sek"], "scored-card")
    assert card.status_code == 201 and card.json["unit_id"] == world.units["A"]
    assert _create(client, tokens["a_sek"], "sk-kbk").status_code == 403
    # admin_kabupaten drafts the Kabupaten's own Keputusan (no unit), no unit documents
    assert _create(client, tokens["admin"], "sk-kbk").status_code == 403
    kab = _create(client, tokens["admin"], "sk-tim-pembinaan")
    assert kab.status_code == 201 and kab.json["unit_id"] is None
    assert _create(client, tokens["admin"], "sk-tim-pembinaan",
                   unit_id=world.units["A"]).status_code == 403
    assert _create(client, tokens["admin"], "sk-tim-pembinaan",
                   unit_id=None).status_code == 201
    # bagian_hukum reads every unit's and the Kabupaten's, changes nothing
    assert _create(client, tokens["hukum"], "sk-kbk").status_code == 403
    assert set(_ids(client, tokens["hukum"])) == {card.json["id"], kab.json["id"],
                                                   kab.json["id"] + 1}
    assert client.put(f"/api/v1/documents/{card.json['id']}", json={"data": {}},
                      headers=tokens["hukum"]).status_code == 403
    assert client.post(f"/api/v1/documents/{card.json['id']}/final",
                       headers=tokens["hukum"]).status_code == 403
    # a unit user sees their unit's documents, not the Kabupaten's
    assert _ids(client, tokens["a_admin"]) == [card.json["id"]]
    assert client.get(f"/api/v1/documents/{kab.json['id']}",
                      headers=tokens["a_admin"]).status_code == 404
    assert _create(client, tokens["a_admin"], "tidak-ada", {}).status_code == 404


def test_list_filters(client, world, tokens):
    old = sample("sk-kbk")
    old.update(tanggal="2023-02-01", nomor="800/1/2023")
    ids = {"kbk24": _create(client, tokens["a_admin"]).json["id"],
           "kbk23": _create(client, tokens["a_admin"], data=old).json["id"],
           "card": _create(client, tokens["a_sek"], "scored-card").json["id"],
           "b": _create(client, tokens["b_admin"], data=_of_unit_b(sample("sk-kbk"))).json[
               "id"]}
    client.post(f"/api/v1/documents/{ids['kbk23']}/final", headers=tokens["a_admin"])
    admin = tokens["admin"]
    assert set(_ids(client, admin, "?type=sk-kbk")) == {ids["kbk24"], ids["kbk23"], ids["b"]}
    assert _ids(client, admin, "?status=final") == [ids["kbk23"]]
    assert set(_ids(client, admin, "?status=draft&year=2024&type=sk-kbk")) == {
        ids["kbk24"], ids["b"]}
    assert _ids(client, admin, f"?unit={world.units['B']}") == [ids["b"]]
    assert _ids(client, admin, "?q=800/1/2023") == [ids["kbk23"]]
    assert set(_ids(client, tokens["a_sek"], "?year=2024")) == {ids["kbk24"], ids["card"]}
    assert _ids(client, admin, "?page=2") == []
    assert client.get("/api/v1/documents?page=1", headers=admin).json["total"] == 4
    for bad in ("status=draf", "type=tidak-ada", "year=24", "page=0", "unit=x"):
        response = client.get(f"/api/v1/documents?{bad}", headers=admin)
        assert response.status_code == 400, bad
        assert response.json["errors"][0]["field"] == bad.split("=")[0]


def test_bad_bodies_and_missing_tokens(client, world, tokens):
    headers = tokens["a_admin"]
    assert client.post("/api/v1/documents", data="{", headers={
        **headers, "Content-Type": "application/json"}).status_code == 400
    assert client.post("/api/v1/documents", data="x", headers=headers).status_code == 400
    for body, field in (([], "(input)"), ({"data": {}}, "type"), ({"type": "sk-kbk"}, "data"),
                        ({"type": "sk-kbk", "data": {}, "unit_id": "1"}, "unit_id")):
        response = client.post("/api/v1/documents", json=body, headers=headers)
        assert response.status_code == 400, body
        assert response.json["errors"][0]["field"] == field
    assert _ids(client, headers) == []
    for method, url in (("POST", "/api/v1/documents"), ("GET", "/api/v1/documents"),
                        ("GET", "/api/v1/documents/1"), ("PUT", "/api/v1/documents/1"),
                        ("POST", "/api/v1/documents/1/final"),
                        ("GET", "/api/v1/documents/1/file"), ("GET", "/api/v1/rekap")):
        response = client.open(url, method=method, json={})
        assert response.status_code == 401, url
        assert response.json["errors"][0]["field"] == "(auth)"


def test_openapi_describes_the_documents_resource(client):
    document = client.get("/api/v1/openapi.json").json
    validate(document)
    paths = document["paths"]
    assert set(paths["/api/v1/documents"]) == {"get", "post"}
    assert set(paths["/api/v1/documents/{id}"]) == {"parameters", "get", "put"}
    assert "409" in paths["/api/v1/documents/{id}"]["put"]["responses"]
    assert "422" in paths["/api/v1/documents/{id}/final"]["post"]["responses"]
    assert "/api/v1/documents/{id}/file" in paths and "/api/v1/rekap" in paths


def test_the_documents_api_needs_no_csrf_token(data_dir, request, runner, world):
    from tests.web.conftest import make_app

    strict = make_app(data_dir, request, WTF_CSRF_ENABLED=True).test_client()
    token = bearer(runner("create-token", "a_admin").output.strip())
    created = strict.post("/api/v1/documents", json={"type": "sk-kbk", "data": {}},
                          headers=token)
    assert created.status_code == 201
    doc_id = created.json["id"]
    assert strict.put(f"/api/v1/documents/{doc_id}", json={"data": sample("sk-kbk")},
                      headers=token).status_code == 200
