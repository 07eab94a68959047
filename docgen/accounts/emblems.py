"""The emblems printed in the kop, stored in the database (Pengaturan > Lambang).

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

from PIL import Image
from sqlalchemy.orm import Session

from docgen.domain.errors import FieldError, InputError
from docgen.render.figures import Emblems
from docgen.storage import settings_repo

MAX_BYTES = 2 * 1024 * 1024
MAX_PX = 4000
MIN_PX = 100
CONTENT_TYPE = "image/png"
LABELS = {"lambang_daerah": "Lambang daerah", "lambang_negara": "Lambang negara"}
USES = {"lambang_daerah": "Kop Keputusan setiap unit (lambang Kabupaten Purbalingga).",
        "lambang_negara": "Kop Keputusan Bupati (lambang Garuda Pancasila)."}


class EmblemError(InputError):
    """An upload that is not stored: one error, its field the emblem's key
    (``lambang_daerah``); ``str()`` is "<label>: <message>" as the page shows it."""

    def __init__(self, key: str, message: str):
        super().__init__([FieldError(key, message)])
        self.key, self.message = key, message

    def __str__(self) -> str:
        return f"{LABELS.get(self.key, self.key)}: {self.message}"


def stored_emblems(session: Session) -> Emblems:
    """The emblems stored now (``None`` for one never uploaded), handed to every render."""
    rows = settings_repo.current_images(session)
    daerah, negara = rows["lambang_daerah"], rows["lambang_negara"]
    return Emblems(daerah=daerah.content if daerah else None,
                   negara=negara.content if negara else None)


def check_emblem(key: str, data: bytes) -> tuple[int, int]:
    """(width, height) of an acceptable emblem, else ``EmblemError`` naming ``key``."""
    if not data:
        raise EmblemError(key, "pilih berkas PNG untuk diunggah.")
    if len(data) > MAX_BYTES:
        raise EmblemError(key, f"berkas {len(data) / 1024 / 1024:.1f} MB melebihi batas "
                               f"{MAX_BYTES // (1024 * 1024)} MB.")
    head = data[:1024].lstrip().lower()
    if head.startswith(b"<") or b"<svg" in head:
        raise EmblemError(key, "berkas SVG belum dapat diterima (server ini tidak mempunyai "
                               "pengubah SVG ke PNG); simpan lambang sebagai PNG lalu unggah "
                               "lagi.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # sized below
            with Image.open(io.BytesIO(data)) as image:
                fmt, (width, height) = image.format, image.size
                image.verify()
    except Image.DecompressionBombError:
        raise EmblemError(key, f"gambar melebihi batas {MAX_PX}\u00d7{MAX_PX} "
                               "piksel.") from None
    except Exception:
        raise EmblemError(key, "berkas bukan gambar PNG yang dapat dibaca.") from None
    if fmt != "PNG":
        raise EmblemError(key, f"format {fmt} tidak diterima; unggah PNG.")
    if width > MAX_PX or height > MAX_PX:
        raise EmblemError(key, f"gambar {width}\u00d7{height} piksel melebihi batas "
                               f"{MAX_PX}\u00d7{MAX_PX} piksel.")
    if min(width, height) < MIN_PX:
        raise EmblemError(key, f"gambar {width}\u00d7{height} piksel terlalu kecil; sisi "
                               f"terpendek minimal {MIN_PX} piksel agar tajam di kop.")
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()  # verify() does not decode the pixels
    except Exception:
        raise EmblemError(key, "berkas PNG rusak (gambar tidak dapat dibaca utuh).") from None
    return width, height
