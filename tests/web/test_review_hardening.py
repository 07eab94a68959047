"""Issue 10, findings 8 and 11 through the web app and the API: what reaches the
database past the review never turns a render into an HTML 500 or a hang."""

from __future__ import annotations

import io

import docx

from docgen.domain import regulation
from docgen.registry import REGISTRY
from docgen.review.archive import sha256
from docgen.storage import review_repo
from docgen.storage.models import DataVersionRow, TemplateVersionRow, utcnow
from tests.conftest import docx_text
from tests.web.conftest import add_document, bearer, login, sample

MILLIONS = "{% for i in range(2000) %}{% for j in range(1000) %}{{ j }}{% endfor %}{% endfor %}"


def _force_approved(app, model, key: str, content) -> None:
    """A version written into the database as the approved one, past every check."""
    raw = content if isinstance(content, bytes) else content.encode("utf-8")
    with app.extensions["docgen"].database.session() as session:
        current = review_repo.approved(session, model, key)
        current.status = "retired"
        review_repo.add_version(session, model, key, number=current.number + 1,
                                sha256=sha256(raw), author="penyusup", author_id=None,
                                note="", status="approved", created_at=utcnow(),
                                content=content)


def _with_paragraph(type_name: str, text: str) -> bytes:
    document = docx.Document(io.BytesIO(REGISTRY.get(type_name).template.read_bytes()))
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_forced_tugas_x_1_leaves_sk_kbk_rendering_with_the_bundled_tasks(
        app, client, world, token):
    _force_approved(app, DataVersionRow, "tugas", "x: 1")
    doc_id = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
    login(client, "a_admin")
    response = client.get(f"/dokumen/{doc_id}/unduh.docx")
    assert response.status_code == 200
    first_task = regulation.Regulation.bundled().butir("kbk")[0]
    assert first_task in docx_text(response.data)

    response = client.post("/api/v1/documents/sk-kbk/render?format=docx",
                           json=sample("sk-kbk"), headers=bearer(token))
    assert response.status_code == 200
    assert first_task in docx_text(response.data)


def test_a_forced_alias_bomb_never_expands_in_a_request(app, client, world):
    bomb = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi",
                                                                    strict=True))
    _force_approved(app, DataVersionRow, "tugas", bomb)
    doc_id = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
    login(client, "a_admin")
    assert client.get(f"/dokumen/{doc_id}/unduh.docx").status_code == 200


def test_an_alias_bomb_upload_is_refused_with_the_reason(client, world):
    login(client, "hukum")
    response = client.post("/tinjauan/data/tugas", data={
        "teks": "kbk: &k {ref: x, butir: [a]}\nkbk_ketua: *k\n", "catatan": "",
        "_action": "ajukan"})
    assert response.status_code == 422
    assert "anchor/alias YAML (&amp;nama, *nama) tidak diizinkan" in response.get_data(
        as_text=True)


def test_a_forced_template_with_a_huge_loop_answers_a_clear_error_not_a_hang(
        app, client, world, token):
    _force_approved(app, TemplateVersionRow, "sk-kbk", _with_paragraph("sk-kbk", MILLIONS))
    doc_id = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
    login(client, "a_admin")
    page = client.get(f"/dokumen/{doc_id}/unduh.docx")
    assert page.status_code == 422
    body = page.get_data(as_text=True)
    assert "Dokumen tidak dapat dibuat" in body
    assert "lebih dari 2.000.000 langkah" in body

    response = client.post("/api/v1/documents/sk-kbk/render?format=docx",
                           json=sample("sk-kbk"), headers=bearer(token))
    assert response.status_code == 422
    (error,) = response.get_json()["errors"]
    assert error["field"] == "(templat)"
    assert "lebih dari 2.000.000 langkah" in error["message"]
