"""Uploaded files of documents: photos (any base64 field of a model, e.g. the monthly
report's documentation) and the questionnaire answers (XLSX/CSV) of the Laporan Evaluasi.

A file is stored once under ``<data_dir>/uploads`` (named by its SHA-256) and the draft
keeps ``upload:<id>``; ``Files.resolve`` swaps the reference for the bytes when the
document is validated or rendered, only for uploads of the document's own unit.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from PIL import Image, UnidentifiedImageError
from sqlalchemy.orm import Session

from docgen.domain import spreadsheet
from docgen.registry import DocumentType
from docgen.storage import Document, repo

PREFIX = "upload:"
MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_SHEET_BYTES = 4 * 1024 * 1024
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif", "BMP": "bmp",
                 "TIFF": "tif"}
SHEET_SUFFIXES = {".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                  ".csv": "text/csv"}
RESPONDEN_FIELD = "responden"


class UploadError(ValueError):
    """An upload refused with an Indonesian message."""


def read_limited(stream: IO[bytes], filename: str, limit: int) -> bytes:
    """At most ``limit`` bytes of an uploaded stream; UploadError if larger or empty."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise UploadError(f"{filename}: ukuran berkas maksimal {limit // (1024 * 1024)} MB")
    if not data:
        raise UploadError(f"{filename}: berkas kosong")
    return data


def check_image(data: bytes, filename: str) -> str:
    """The image's file extension; UploadError unless Pillow can read it fully."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombError):
        raise UploadError(f"{filename}: bukan gambar yang dapat dibaca; unggah foto JPEG atau "
                          "PNG") from None
    if fmt not in PHOTO_FORMATS:
        raise UploadError(f"{filename}: format {fmt} tidak didukung; unggah JPEG atau PNG")
    return PHOTO_FORMATS[fmt]


def check_sheet_name(filename: str) -> None:
    if Path(filename).suffix.lower() not in SHEET_SUFFIXES:
        raise UploadError(f"{filename}: berkas jawaban harus .xlsx atau .csv")


def read_responden(data: bytes, filename: str) -> list[dict[str, Any]]:
    """The respondents of an answer sheet (raises InputError naming row and column)."""
    return spreadsheet.parse_responden(data, filename)


def panels(doc_type: DocumentType) -> list[str]:
    """Extra upload boxes a type's page shows (by the fields its model has)."""
    props = doc_type.schema().get("properties", {})
    return ["responden"] if RESPONDEN_FIELD in props else []


@dataclass
class Files:
    """The uploads of the database ``session`` stored under ``folder``."""

    session: Session
    folder: Path

    def store(self, document: Document, data: bytes, filename: str, kind: str, ext: str,
              content_type: str, author_id: int | None) -> str:
        """Save the bytes (once per content) and return the ``upload:<id>`` reference."""
        digest = hashlib.sha256(data).hexdigest()
        relative = f"{document.unit_id or 'kabupaten'}/{digest}.{ext}"
        target = self.folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            target.write_bytes(data)
        row = repo.add_upload(self.session, unit_id=document.unit_id, document_id=document.id,
                              author_id=author_id, kind=kind,
                              filename=Path(filename or "berkas").name[:255],
                              content_type=content_type, size=len(data), sha256=digest,
                              path=relative)
        return f"{PREFIX}{row.id}"

    def resolve(self, data: Any, unit_id: int | None) -> Any:
        """``data`` with every ``upload:<id>`` of this unit replaced by the file's bytes."""
        if isinstance(data, dict):
            return {k: self.resolve(v, unit_id) for k, v in data.items()}
        if isinstance(data, list):
            return [self.resolve(v, unit_id) for v in data]
        if isinstance(data, str) and data.startswith(PREFIX) and data[len(PREFIX):].isdigit():
            row = repo.get_upload(self.session, int(data[len(PREFIX):]))
            if row is not None and row.unit_id == unit_id:
                path = self.folder / row.path
                if path.exists():
                    return path.read_bytes()
        return data

    def path_of(self, relative: str) -> Path:
        return self.folder / relative
