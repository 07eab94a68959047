"""Images in a rendered DOCX, inserted by the engine without python-docx at render time."""

from __future__ import annotations

import contextvars
import io
from dataclasses import dataclass, field

from PIL import Image

EMU_PER_MM = 36000
_session: contextvars.ContextVar[ImageSession | None] = contextvars.ContextVar(
    "docgen_image_session", default=None)

_DRAWING = (
    '</w:t></w:r><w:r><w:drawing>'
    '<wp:inline distT="0" distB="0" distL="0" distR="0" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
    '<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{id}" name="{name}"/>'
    '<wp:cNvGraphicFramePr><a:graphicFrameLocks '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1"/>'
    '</wp:cNvGraphicFramePr>'
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:nvPicPr><pic:cNvPr id="{id}" name="{name}"/><pic:cNvPicPr/></pic:nvPicPr>'
    '<pic:blipFill><a:blip r:embed="{rid}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>'
    '<a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
    '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
    '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>'
    '<w:r><w:t xml:space="preserve">'
)


class ImageError(ValueError):
    """The data is not an image the documents can embed."""


@dataclass
class EmbeddedImage:
    rid: str
    partname: str
    data: bytes


@dataclass
class ImageSession:
    """Collects the images one render embeds (set by the engine around the body render)."""

    images: list[EmbeddedImage] = field(default_factory=list)

    def add(self, data: bytes, ext: str) -> tuple[str, int]:
        number = len(self.images) + 1
        rid = f"rIdDocgenImg{number}"
        self.images.append(EmbeddedImage(rid, f"word/media/docgen_{number}.{ext}", data))
        return rid, 5000 + number


def activate(session: ImageSession | None) -> contextvars.Token[ImageSession | None]:
    return _session.set(session)


def deactivate(token: contextvars.Token[ImageSession | None]) -> None:
    _session.reset(token)


def _probe(data: bytes) -> tuple[str, int, int]:
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            fmt, (width, height) = image.format, image.size
    except Exception as exc:
        raise ImageError("berkas bukan gambar yang dapat dibaca (PNG atau JPEG)") from exc
    if fmt not in ("PNG", "JPEG"):
        raise ImageError(f"format gambar {fmt} tidak didukung; gunakan PNG atau JPEG")
    return ("png" if fmt == "PNG" else "jpeg"), width, height


def to_embeddable(data: bytes, max_px: int = 2000) -> bytes:
    """Any common photo -> a JPEG/PNG no larger than ``max_px`` on its long side."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            fmt = image.format
            if fmt in ("PNG", "JPEG") and max(image.size) <= max_px:
                return data
            image.thumbnail((max_px, max_px))
            out = io.BytesIO()
            image.convert("RGB").save(out, "JPEG", quality=85)
            return out.getvalue()
    except ImageError:
        raise
    except Exception as exc:
        raise ImageError("berkas bukan gambar yang dapat dibaca") from exc


class DocxImage:
    """A picture placed by ``{{ name }}`` in a template, scaled to fit a box in mm."""

    def __init__(self, data: bytes, max_width_mm: float, max_height_mm: float | None = None,
                 name: str = "gambar"):
        self.ext, self.px_width, self.px_height = _probe(data)
        self.data = data
        self.name = name
        ratio = self.px_height / self.px_width
        width = max_width_mm
        if max_height_mm is not None and width * ratio > max_height_mm:
            width = max_height_mm / ratio
        self.width_mm, self.height_mm = width, width * ratio

    def __html__(self) -> str:
        session = _session.get()
        if session is None:
            raise ImageError("gambar hanya dapat ditempatkan di badan dokumen")
        rid, shape_id = session.add(self.data, self.ext)
        return _DRAWING.format(cx=int(self.width_mm * EMU_PER_MM),
                               cy=int(self.height_mm * EMU_PER_MM),
                               id=shape_id, name=f"{self.name} {shape_id}", rid=rid)

    __str__ = __html__
