"""Pengaturan > Lambang: emblems uploaded by admin_kabupaten, stored in the database, used by
every document rendered from then on; bad uploads refused naming the field."""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from PIL import Image

from docgen.config import Settings
from docgen.pipeline import Pipeline
from docgen.render.figures import ASSETS, Emblems
from docgen.storage import settings_repo
from docgen.storage.models import AuditEvent
from tests.web.conftest import add_document, clear_emblems, emblem_png, login, sample

PLACEHOLDER_DAERAH = (ASSETS / "lambang-daerah.png").read_bytes()
PLACEHOLDER_NEGARA = (ASSETS / "lambang-negara.png").read_bytes()
URL = "/admin/pengaturan"


def media(docx: bytes) -> list[bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return [archive.read(n) for n in archive.namelist() if n.startswith("word/media/")]


def _upload(client, data: bytes, name: str = "lambang.png", key: str = "lambang_daerah"):
    return client.post(f"{URL}/lambang/{key}", content_type="multipart/form-data",
                       data={"berkas": (io.BytesIO(data), name)})


def _stored(app, key: str = "lambang_daerah"):
    with app.extensions["docgen"].database.session() as session:
        return settings_repo.current_image(session, key)


def _audit(app) -> list[AuditEvent]:
    with app.extensions["docgen"].database.session() as session:
        return list(session.query(AuditEvent).filter(AuditEvent.action == "emblem_upload"))


def test_uploaded_emblem_is_stored_shown_and_used_by_the_next_document(app, client, world):
    clear_emblems(app)
    doc_id = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
    login(client, "admin")
    page = client.get(URL).get_data(as_text=True)
    assert 'href="/admin/pengaturan"' in page  # in the admin navigation
    assert "Belum diunggah" in page and "LAMBANG" in page
    before = client.get(f"/dokumen/{doc_id}/unduh.docx").data
    assert PLACEHOLDER_DAERAH in media(before)

    png = emblem_png((300, 360), (10, 120, 40, 255))
    response = _upload(client, png)
    assert response.status_code == 303
    row = _stored(app)
    assert (row.content, row.width, row.height, row.uploaded_by) == (png, 300, 360, "admin")
    page = client.get(URL).get_data(as_text=True)
    assert "Lambang daerah disimpan" in page and "300×360 piksel" in page
    assert "diunggah oleh <strong>admin</strong>" in page and row.sha256 in page
    thumb = client.get(f"{URL}/lambang/lambang_daerah.png")
    assert thumb.status_code == 200 and thumb.mimetype == "image/png" and thumb.data == png
    (event,) = _audit(app)
    assert (event.actor, event.subject) == ("admin", "Lambang daerah")
    assert row.sha256 in event.detail
    assert "Mengunggah lambang" in client.get("/audit?jenis=pengaturan").get_data(as_text=True)

    after = client.get(f"/dokumen/{doc_id}/unduh.docx").data
    assert png in media(after) and PLACEHOLDER_DAERAH not in media(after)


def test_emblems_reach_the_pipeline_before_settings_and_placeholder(tmp_path):
    """Stored bytes first, then DOCGEN_LAMBANG_* files, then the placeholder; Rendered
    names the placeholder emblems a document actually prints."""
    daerah, negara = emblem_png(), emblem_png((200, 220))
    bupati, unit, card = (sample(n) for n in ("sk-tim-pembinaan", "sk-kbk", "scored-card"))
    bare = Pipeline(Settings(data_dir=tmp_path))
    assert bare.render_docx("sk-kbk", unit).placeholder_emblems == ("lambang daerah",)
    assert bare.render_docx("sk-tim-pembinaan", bupati).placeholder_emblems == (
        "lambang negara",)
    assert bare.render_docx("scored-card", card).placeholder_emblems == ()

    only_daerah = Emblems(daerah=daerah)
    rendered = bare.render_docx("sk-kbk", unit, emblems=only_daerah)
    assert rendered.placeholder_emblems == () and daerah in media(rendered.docx)
    rendered = bare.render_docx("sk-tim-pembinaan", bupati, emblems=only_daerah)
    assert rendered.placeholder_emblems == ("lambang negara",)
    assert PLACEHOLDER_NEGARA in media(rendered.docx)

    path = tmp_path / "garuda.png"
    path.write_bytes(negara)
    configured = Pipeline(Settings(data_dir=tmp_path, lambang_negara=path))
    rendered = configured.render_docx("sk-tim-pembinaan", bupati)
    assert rendered.placeholder_emblems == () and negara in media(rendered.docx)
    stored = configured.render_docx("sk-tim-pembinaan", bupati,
                                    emblems=Emblems(negara=daerah))
    assert daerah in media(stored.docx) and negara not in media(stored.docx)


def _noise_png(size: tuple[int, int]) -> bytes:
    image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (200, 200), (200, 0, 0)).save(out, "JPEG")
    return out.getvalue()


SVG_SCRIPT = (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="200" '
              b'height="200"><script>alert(1)</script><circle r="90" cx="100" cy="100"/>'
              b'</svg>')


@pytest.mark.parametrize(("name", "data", "message"), [
    ("bukan.png", b"ini bukan gambar sama sekali", "bukan gambar PNG yang dapat dibaca"),
    ("besar.png", _noise_png((1000, 1000)), "melebihi batas 2 MB"),
    ("titik.png", emblem_png((1, 1)), "1×1 piksel terlalu kecil"),
    ("tipis.png", emblem_png((400, 60)), "sisi terpendek minimal 100 piksel"),
    ("raksasa.png", emblem_png((4001, 120)), "4001×120 piksel melebihi batas 4000×4000"),
    ("skrip.svg", SVG_SCRIPT, "SVG belum dapat diterima"),
    ("foto.jpg", _jpeg(), "format JPEG tidak diterima"),
    ("kosong.png", b"", "pilih berkas PNG"),
], ids=["bukan-gambar", "terlalu-besar", "1x1", "sisi-pendek", "piksel", "svg-skrip", "jpeg",
        "kosong"])
def test_bad_uploads_are_refused_naming_the_field_and_nothing_is_stored(
        app, client, world, name, data, message):
    clear_emblems(app)
    login(client, "admin")
    response = _upload(client, data, name)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Lambang daerah: " in html and message in html, html[-3000:]
    assert "Lambang daerah tidak disimpan" in html
    assert _stored(app) is None and _audit(app) == []


def test_negara_is_uploaded_separately(app, client, world):
    clear_emblems(app)
    login(client, "admin")
    response = _upload(client, emblem_png((90, 90)), key="lambang_negara")
    assert response.status_code == 422
    assert "Lambang negara: gambar 90×90 piksel terlalu kecil" in response.get_data(
        as_text=True)
    assert _upload(client, emblem_png(), key="lambang_negara").status_code == 303
    assert _stored(app, "lambang_negara") is not None and _stored(app) is None
    assert _upload(client, emblem_png(), key="lambang_lain").status_code == 404


@pytest.mark.parametrize("username", ["a_admin", "a_sek", "hukum"])
def test_only_admin_kabupaten_reaches_the_settings(app, client, world, username):
    login(client, username)
    assert client.get(URL).status_code == 403
    assert _upload(client, emblem_png()).status_code == 403
    assert client.get(f"{URL}/lambang/lambang_daerah.png").status_code == 403
    assert 'href="/admin/pengaturan"' not in client.get("/dokumen").get_data(as_text=True)
