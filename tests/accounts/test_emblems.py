"""Emblem uploads checked before anything is stored (no Flask): the refusal names the
field (the emblem's key), a good one is stored, audited and read back."""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image

from docgen.accounts import emblems
from docgen.accounts.emblems import EmblemError, check_emblem, stored_emblems
from docgen.errors import Forbidden, NotFound
from docgen.render.figures import Emblems
from docgen.storage.models import AuditEvent


def png(size: tuple[int, int], noise: bool = False) -> bytes:
    image = (Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)) if noise
             else Image.new("RGBA", size, (180, 20, 30, 255)))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize(("data", "message"), [
    (b"ini bukan gambar sama sekali", "bukan gambar PNG yang dapat dibaca"),
    (png((1000, 1000), noise=True), "melebihi batas 2 MB"),
    (png((1, 1)), "1\u00d71 piksel terlalu kecil"),
    (png((4001, 120)), "4001\u00d7120 piksel melebihi batas 4000\u00d74000"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"/>', "SVG belum dapat diterima"),
    (b"", "pilih berkas PNG"),
], ids=["bukan-gambar", "terlalu-besar", "1x1", "piksel", "svg", "kosong"])
def test_bad_emblems_are_refused_naming_the_field(data, message):
    with pytest.raises(EmblemError) as caught:
        check_emblem("lambang_negara", data)
    (error,) = caught.value.errors
    assert error.field == "lambang_negara" and message in error.message
    assert str(caught.value).startswith("Lambang negara: ")


def test_a_good_emblem_is_measured():
    assert check_emblem("lambang_daerah", png((300, 360))) == (300, 360)
    assert len(png((1000, 1000), noise=True)) > emblems.MAX_BYTES


def test_upload_stores_audits_and_reads_back(accounts):
    service, admin = accounts.service, accounts.actors["admin"]
    assert stored_emblems(accounts.session) == Emblems()
    with pytest.raises(EmblemError):
        service.upload_emblem(admin, "lambang_daerah", png((1, 1)))
    assert accounts.session.query(AuditEvent).count() == 0
    data = png((240, 300))
    row = service.upload_emblem(admin, "lambang_daerah", data)
    assert (row.width, row.height, row.uploaded_by, row.uploaded_by_id) == (
        240, 300, "admin", admin.id)
    assert service.stored_emblems() == Emblems(daerah=data)
    assert service.emblem_image(admin, "lambang_daerah").content == data
    (event,) = accounts.session.query(AuditEvent).all()
    assert (event.action, event.subject) == ("emblem_upload", "Lambang daerah")
    assert row.sha256 in event.detail
    settings = {s.key: s for s in service.emblem_settings(admin)}
    assert settings["lambang_daerah"].row is row and settings["lambang_negara"].row is None
    assert "LAMBANG" in settings["lambang_negara"].fallback


def test_emblems_are_the_admin_kabupatens(accounts):
    service = accounts.service
    with pytest.raises(Forbidden):
        service.upload_emblem(accounts.actors["a_admin"], "lambang_daerah", png((200, 200)))
    with pytest.raises(Forbidden):
        service.emblem_settings(accounts.actors["a_sek"])
    with pytest.raises(NotFound):
        service.upload_emblem(accounts.actors["admin"], "lambang_lain", png((200, 200)))
    with pytest.raises(NotFound):
        service.emblem_image(accounts.actors["admin"], "lambang_negara")  # none stored
