"""Pengaturan > Lambang (admin_kabupaten): the emblems printed in the kop, stored in the DB.

The lambang daerah (Purbalingga) heads every unit's Keputusan, the lambang negara (Garuda)
the Bupati's. An upload is checked before anything is stored: a PNG that Pillow opens and
verifies, at most ``MAX_BYTES``, at most ``MAX_PX`` on each side and at least ``MIN_PX`` on
the short side. SVG is refused: turning it into the PNG a DOCX embeds needs an SVG
rasteriser (cairosvg) that this installation does not have.

Where no emblem is stored, the ``DOCGEN_LAMBANG_*`` file applies, then the placeholder
"LAMBANG ... (slot)" (drafts only: marking final is refused while a placeholder prints).
"""

from __future__ import annotations

import io
import warnings

from flask import (
    Blueprint,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_login import current_user, login_required
from PIL import Image

from docgen.render.figures import Emblems
from docgen.storage import review_repo, settings_repo
from docgen.web.context import db, state

bp = Blueprint("settings", __name__, url_prefix="/admin/pengaturan")
MAX_BYTES = 2 * 1024 * 1024
MAX_PX = 4000
MIN_PX = 100
LABELS = {"lambang_daerah": "Lambang daerah", "lambang_negara": "Lambang negara"}
USES = {"lambang_daerah": "Kop Keputusan setiap unit (lambang Kabupaten Purbalingga).",
        "lambang_negara": "Kop Keputusan Bupati (lambang Garuda Pancasila)."}


class EmblemError(ValueError):
    """An upload that is not stored; the message (Indonesian) names the field."""


def stored_emblems() -> Emblems:
    """The emblems stored now, read once per request and handed to every render."""
    if "docgen_emblems" not in g:
        rows = settings_repo.current_images(db())
        g.docgen_emblems = Emblems(
            daerah=rows["lambang_daerah"].content if rows["lambang_daerah"] else None,
            negara=rows["lambang_negara"].content if rows["lambang_negara"] else None)
    return g.docgen_emblems


def check_emblem(label: str, data: bytes) -> tuple[int, int]:
    """(width, height) of an acceptable emblem, else EmblemError naming ``label``."""
    if not data:
        raise EmblemError(f"{label}: pilih berkas PNG untuk diunggah.")
    if len(data) > MAX_BYTES:
        raise EmblemError(f"{label}: berkas {len(data) / 1024 / 1024:.1f} MB melebihi batas "
                          f"{MAX_BYTES // (1024 * 1024)} MB.")
    head = data[:1024].lstrip().lower()
    if head.startswith(b"<") or b"<svg" in head:
        raise EmblemError(f"{label}: berkas SVG belum dapat diterima (server ini tidak "
                          "mempunyai pengubah SVG ke PNG); simpan lambang sebagai PNG lalu "
                          "unggah lagi.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # sized below
            with Image.open(io.BytesIO(data)) as image:
                fmt, (width, height) = image.format, image.size
                image.verify()
    except Image.DecompressionBombError:
        raise EmblemError(f"{label}: gambar melebihi batas {MAX_PX}\u00d7{MAX_PX} "
                          "piksel.") from None
    except Exception:
        raise EmblemError(f"{label}: berkas bukan gambar PNG yang dapat dibaca.") from None
    if fmt != "PNG":
        raise EmblemError(f"{label}: format {fmt} tidak diterima; unggah PNG.")
    if width > MAX_PX or height > MAX_PX:
        raise EmblemError(f"{label}: gambar {width}\u00d7{height} piksel melebihi batas "
                          f"{MAX_PX}\u00d7{MAX_PX} piksel.")
    if min(width, height) < MIN_PX:
        raise EmblemError(f"{label}: gambar {width}\u00d7{height} piksel terlalu kecil; sisi "
                          f"terpendek minimal {MIN_PX} piksel agar tajam di kop.")
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()  # verify() does not decode the pixels
    except Exception:
        raise EmblemError(f"{label}: berkas PNG rusak (gambar tidak dapat dibaca "
                          "utuh).") from None
    return width, height


def _admin_only() -> None:
    if current_user.role != "admin_kabupaten":
        abort(403)


def _key(key: str) -> str:
    if key not in LABELS:
        abort(404)
    return key


@bp.get("")
@login_required
def page():
    _admin_only()
    return _render({})


def _render(errors: dict[str, str], status: int = 200):
    settings = state().settings
    items = []
    for key, row in settings_repo.current_images(db()).items():
        path = getattr(settings, key)
        fallback = (f"berkas pengaturan server {path}" if path is not None
                    else "penanda \u201cLAMBANG \u2026 (slot)\u201d (dokumen belum dapat "
                         "ditandai final)")
        items.append({"key": key, "label": LABELS[key], "use": USES[key], "row": row,
                      "fallback": fallback, "error": errors.get(key)})
    return render_template("settings.html", items=items, max_mb=MAX_BYTES // (1024 * 1024),
                           max_px=MAX_PX, min_px=MIN_PX), status


@bp.post("/lambang/<key>")
@login_required
def upload(key: str):
    _admin_only()
    key, label = _key(key), LABELS[key]
    file = request.files.get("berkas")
    data = file.read(MAX_BYTES + 1) if file is not None else b""
    try:
        width, height = check_emblem(label, data)
    except EmblemError as exc:
        flash(f"{label} tidak disimpan.", "error")
        return _render({key: str(exc)}, 422)
    row = settings_repo.store_image(db(), key, data, "image/png", width, height,
                                    current_user.username, current_user.id)
    review_repo.add_audit(db(), "emblem_upload", label, current_user.username,
                          current_user.id, detail=f"PNG {width}\u00d7{height} piksel, "
                          f"{len(data)} bita; sha256 {row.sha256}")
    db().commit()
    flash(f"{label} disimpan ({width}\u00d7{height} piksel). Dokumen yang dibuat sejak "
          "sekarang memakainya; dokumen final tidak berubah.", "success")
    return redirect(url_for(".page"), 303)


@bp.get("/lambang/<key>.png")
@login_required
def image(key: str):
    _admin_only()
    row = settings_repo.current_image(db(), _key(key))
    if row is None:
        abort(404)
    return send_file(io.BytesIO(row.content), mimetype=row.content_type,
                     download_name=f"{key}.png")
