"""Photos given in an input: base64 text (or a data: URI) or raw bytes from an upload.

Validated and normalised here with Pillow, so a bad upload is an input error naming its
field: EXIF rotation applied, long side at most 2000 px, PNG kept (it may be a scan with
text), everything else stored as JPEG.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import warnings
from typing import Annotated

from PIL import Image, ImageOps, UnidentifiedImageError
from pydantic import BeforeValidator, WithJsonSchema

MAX_BYTES = 15 * 1024 * 1024
MAX_PX = 2000
MAX_PIXELS = 40_000_000  # photos in JSON and uploaded images (docgen.documents.files)
UNREADABLE = ("berkas bukan gambar yang dapat dibaca; unggah foto JPEG, PNG, WebP, GIF, BMP "
              "atau TIFF")
_ORIENTATION = 0x0112
_DATA_URI = re.compile(r"^data:[\w/+.-]*;base64,", re.IGNORECASE)


def decode(value: object) -> bytes:
    if isinstance(value, bytes | bytearray):
        raw = bytes(value)
    elif isinstance(value, str):
        text = re.sub(r"\s+", "", _DATA_URI.sub("", value.strip()))
        if not text:
            raise ValueError("foto wajib diisi")
        try:
            raw = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("foto harus berupa teks base64 (atau data URI "
                             "'data:image/jpeg;base64,...')") from None
    else:
        raise ValueError("foto harus berupa teks base64")
    if len(raw) > MAX_BYTES:
        raise ValueError(f"ukuran foto maksimal {MAX_BYTES // (1024 * 1024)} MB")
    return normalise(raw)


def normalise(raw: bytes) -> bytes:
    """Any common photo -> PNG/JPEG bytes, upright, long side <= MAX_PX."""
    check_pixels(raw)
    try:
        with Image.open(io.BytesIO(raw)) as probe:
            probe.verify()
        with Image.open(io.BytesIO(raw)) as image:
            image.load()
            fmt = image.format
            rotated = image.getexif().get(_ORIENTATION, 1) != 1
            if fmt in ("PNG", "JPEG") and not rotated and max(image.size) <= MAX_PX:
                return raw
            upright = ImageOps.exif_transpose(image)
            upright.thumbnail((MAX_PX, MAX_PX))
            out = io.BytesIO()
            if fmt == "PNG":
                upright.save(out, "PNG", optimize=True)
            else:
                upright.convert("RGB").save(out, "JPEG", quality=85)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombError):
        raise ValueError(UNREADABLE) from None


def check_pixels(raw: bytes) -> None:
    """Refuse an image of more than MAX_PIXELS from its header, before anything is
    decoded: a PNG of a few hundred bytes may declare 12000x12000 pixels (144 MB)."""
    try:
        # Pillow's own bomb limit is process-wide and left alone: its warning is ignored
        # and the size checked below, its error (past twice its limit) refused
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw)) as probe:
                width, height = probe.size
    except Image.DecompressionBombError:
        raise ValueError(too_many_pixels()) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValueError(UNREADABLE) from None
    if width * height > MAX_PIXELS:
        raise ValueError(too_many_pixels((width, height)))


def too_many_pixels(size: tuple[int, int] | None = None) -> str:
    """The refusal of an image past MAX_PIXELS (its size where the header could be read:
    Pillow refuses past about 179 million pixels before telling it)."""
    shown = f" ({size[0]}\u00d7{size[1]} piksel)" if size else ""
    return f"gambar terlalu besar{shown}; batas {MAX_PIXELS // 1_000_000} juta piksel"


FotoBytes = Annotated[
    bytes,
    BeforeValidator(decode),
    WithJsonSchema({"type": "string", "contentEncoding": "base64",
                    "description": "Foto JPEG/PNG/WebP/... sebagai teks base64 atau data URI "
                                   "('data:image/jpeg;base64,...'); ukuran apa saja"}),
]
