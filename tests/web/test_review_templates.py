"""Template versions in the app: checked uploads, wording, diff, four eyes, roles."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from docgen.registry import REGISTRY
from docgen.review.archive import sha256
from docgen.storage import review_repo
from docgen.storage.models import AuditEvent, TemplateVersionRow
from tests.conftest import docx_text
from tests.web.conftest import (
    add_document,
    login,
    reworded_template,
    sample,
)

SK_KBK = REGISTRY.get("sk-kbk").template.read_bytes()


def _zip_bomb() -> bytes:
    """A DOCX-shaped ZIP whose word/document.xml inflates to 1 GB of zeros (~1 MB file)."""
    chunk = bytes(4 << 20)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(SK_KBK)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        target.writestr("[Content_Types].xml", source.read("[Content_Types].xml"))
        with target.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range((1 << 30) // len(chunk)):
                member.write(chunk)
        for info in source.infolist():
            if info.filename not in ("[Content_Types].xml", "word/document.xml"):
                target.writestr(info.filename, source.read(info.filename))
    return out.getvalue()


def _broken_xml() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(SK_KBK)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            payload = source.read(info.filename)
            if info.filename == "word/document.xml":
                payload = payload[: len(payload) // 2]
            target.writestr(info.filename, payload)
    return out.getvalue()


ESCAPE = "Ketentuan {{ ''.__class__.__mro__ }} berlaku sejak ditetapkan"
UNDEFINED = "Ditandatangani oleh {{ rahasia_negara }} pada hari ini"
PAYLOADS = {  # name -> (bytes builder, expected message, expected paragraph context)
    "sandbox-escape": (lambda: reworded_template(prefix="", extra=(ESCAPE,)),
                       "tidak diizinkan dalam templat: __class__, __mro__", ESCAPE),
    "undefined-variable": (lambda: reworded_template(prefix="", extra=(UNDEFINED,)),
                           "variabel \u201crahasia_negara\u201d tidak dikenal", UNDEFINED),
    "broken-xml": (_broken_xml, "word/document.xml bukan XML yang valid", None),
    "zip-bomb": (_zip_bomb, "kemungkinan zip bomb", None),
    "not-a-docx": (lambda: b"Ini bukan dokumen Word, hanya teks biasa.\n",
                   "berkas bukan dokumen Word .docx", None),
}


def _upload(client, data: bytes, name: str = "sk-kbk-baru.docx", note: str = "uji",
            type_name: str = "sk-kbk"):
    return client.post(f"/tinjauan/templat/{type_name}", content_type="multipart/form-data",
                       data={"berkas": (io.BytesIO(data), name), "catatan": note})


def _rows(app, type_name: str = "sk-kbk") -> list[TemplateVersionRow]:
    with app.extensions["docgen"].database.session() as session:
        return review_repo.versions(session, TemplateVersionRow, type_name)


def _audit_actions(app) -> list[str]:
    with app.extensions["docgen"].database.session() as session:
        return [e.action for e in session.query(AuditEvent).order_by(AuditEvent.id)]


def test_bundled_templates_are_version_1_approved_by_sistem(app, client, world):
    for doc_type in REGISTRY:
        (row,) = _rows(app, doc_type.name)
        assert (row.number, row.status, row.author) == (1, "approved", "sistem")
        assert row.sha256 == sha256(doc_type.template.read_bytes())
    login(client, "a_admin")
    response = client.get("/templat/sk-kbk.docx")
    assert response.data == SK_KBK and "v1.docx" in response.headers["Content-Disposition"]


@pytest.mark.parametrize("payload", list(PAYLOADS))
def test_a_bad_upload_is_rejected_with_a_clear_message_and_nothing_is_stored(
        app, client, world, payload):
    build, message, context = PAYLOADS[payload]
    login(client, "hukum")
    response = _upload(client, build(), name=f"{payload}.docx")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Templat ditolak" in html and "tidak ada yang disimpan" in html
    assert message in html.replace("&#34;", '"').replace("&#39;", "'")
    if context:
        quoted = re.search(r'class="problem-context">.*?\u201c(.*?)\u201d', html, re.S)
        assert quoted and quoted[1].replace("&#39;", "'") == context
    assert [r.number for r in _rows(app)] == [1]
    assert "template_upload" not in _audit_actions(app)


def test_upload_diff_and_four_eyes_approval(app, client, world):
    changed = reworded_template()
    login(client, "hukum")
    response = _upload(client, changed, note="redaksi diktum pembiayaan")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/tinjauan/templat/sk-kbk/banding?lama=1&baru=2")
    draft = _rows(app)[0]
    assert (draft.number, draft.status, draft.author) == (2, "draft", "hukum")
    assert draft.sha256 == sha256(changed) and draft.content == changed

    diff = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<ins>satuan kerja yang dipimpin oleh" in diff
    assert "<del>Anggaran Pendapatan dan Belanja Daerah Kabupaten Purbalingga melalui </del>" \
        in diff
    assert 'id="placeholder-berubah"' in diff and "penandatangan.jabatan" in diff
    assert 'id="setujui" disabled' in diff and "prinsip empat mata" in diff

    # the uploader cannot approve: 403 with the reason, nothing changes
    refused = client.post("/tinjauan/templat/sk-kbk/2/setujui")
    assert refused.status_code == 403
    assert "persetujuan harus diberikan orang lain" in refused.get_data(as_text=True)
    assert [r.status for r in _rows(app)] == ["draft", "approved"]
    for other in ("admin", "a_admin"):  # neither may approve (nor upload)
        login(client, other)
        assert client.post("/tinjauan/templat/sk-kbk/2/setujui").status_code == 403
        assert _upload(client, reworded_template(text="lain")).status_code == 403
    assert [r.status for r in _rows(app)] == ["draft", "approved"]

    login(client, "hukum2")
    page = client.get("/tinjauan/templat/sk-kbk/2").get_data(as_text=True)
    assert 'id="setujui"' in page and 'id="setujui" disabled' not in page
    assert "satuan kerja yang dipimpin oleh" in page  # the wording view
    approved = client.post("/tinjauan/templat/sk-kbk/2/setujui", follow_redirects=True)
    assert approved.status_code == 200 and "disetujui" in approved.get_data(as_text=True)
    v2, v1 = _rows(app)
    assert (v2.status, v2.approved_by, v1.status) == ("approved", "hukum2", "retired")
    assert v1.retired_at is not None
    assert _audit_actions(app) == ["template_upload", "template_approve"]

    # new documents use version 2
    doc_id = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
    login(client, "a_admin")
    docx = client.get(f"/dokumen/{doc_id}/unduh.docx").data
    assert "satuan kerja yang dipimpin oleh Kepala Dinas Penanaman Modal" in docx_text(docx)
    assert client.get("/templat/sk-kbk.docx").data == changed


def test_version_pages_wording_preview_and_file(app, client, world):
    login(client, "admin")  # admin_kabupaten reads every review page
    for url in ("/tinjauan", "/tinjauan/templat/sk-kbk", "/tinjauan/templat/sk-kbk/1",
                "/tinjauan/templat/sk-kbk/banding?lama=1&baru=1", "/tinjauan/gaya.css"):
        assert client.get(url).status_code == 200, url
    page = client.get("/tinjauan/templat/sk-kbk/1").get_data(as_text=True)
    assert '<span class="ph">{{ nomor }}</span>' in page
    assert 'class="blk">{%tr for item in menimbang %}' in page
    assert "Unggah versi baru" not in client.get("/tinjauan/templat/sk-kbk").get_data(
        as_text=True)
    assert client.get("/tinjauan/templat/sk-kbk/1.docx").data == SK_KBK
    preview = client.get("/tinjauan/templat/sk-kbk/1/pratinjau.pdf")
    assert preview.status_code == 200 and preview.data.startswith(b"%PDF")
    assert client.get("/tinjauan/templat/sk-kbk/9").status_code == 404
    assert client.get("/tinjauan/templat/tidak-ada").status_code == 404


def test_duplicate_upload_is_refused(app, client, world):
    login(client, "hukum")
    response = _upload(client, SK_KBK)
    assert response.status_code == 422
    assert "sama persis dengan templat sk-kbk versi 1" in response.get_data(as_text=True)
    assert len(_rows(app)) == 1


def test_a_draft_can_be_withdrawn_and_never_approved(app, client, world):
    login(client, "hukum")
    assert _upload(client, reworded_template()).status_code == 303
    assert client.post("/tinjauan/templat/sk-kbk/2/tarik").status_code == 303
    assert [r.status for r in _rows(app)] == ["retired", "approved"]
    login(client, "hukum2")
    response = client.post("/tinjauan/templat/sk-kbk/2/setujui", follow_redirects=True)
    assert "hanya versi berstatus draft yang dapat disetujui" in response.get_data(
        as_text=True)
    assert [r.status for r in _rows(app)] == ["retired", "approved"]


@pytest.mark.parametrize("username", ["a_admin", "a_sek", "b_admin"])
def test_unit_users_cannot_reach_review_pages(client, world, username):
    login(client, username)
    for url in ("/tinjauan", "/tinjauan/templat/sk-kbk", "/tinjauan/templat/sk-kbk/1",
                "/tinjauan/templat/sk-kbk/1/pratinjau.pdf", "/tinjauan/templat/sk-kbk/1.docx",
                "/tinjauan/templat/sk-kbk/banding", "/tinjauan/data/dasar_hukum",
                "/tinjauan/data/dasar_hukum/1"):
        assert client.get(url).status_code == 403, url
    html = client.get("/dokumen").get_data(as_text=True)
    assert 'href="/tinjauan"' not in html


def test_review_pages_need_login(client, world):
    for url in ("/tinjauan", "/tinjauan/templat/sk-kbk", "/tinjauan/data/scored_card",
                "/audit"):
        response = client.get(url)
        assert response.status_code == 302 and "/masuk" in response.headers["Location"], url
