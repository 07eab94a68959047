"""Uploaded files of documents: photos (any base64 field of a model, e.g. the monthly
report's documentation) and the questionnaire answers (XLSX/CSV) of the Laporan Evaluasi.

A file is stored once under ``<data_dir>/uploads`` (named by its SHA-256) and the draft
keeps ``upload:<id>``; ``Files.resolve`` swaps the reference for the bytes when the
document is validated or rendered, only for uploads of the document's own unit.
"""

from __future__ import annotations

import hashlib
import io
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from PIL import Image, UnidentifiedImageError
from sqlalchemy.orm import Session

from docgen.domain import foto, spreadsheet
from docgen.fileio import write_atomic
from docgen.registry import DocumentType
from docgen.review import safezip
from docgen.storage import Document, repo

PREFIX = "upload:"
MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_SHEET_BYTES = 4 * 1024 * 1024
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif", "BMP": "bmp",
                 "TIFF": "tif"}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_SUFFIXES = {".xlsx": XLSX_TYPE, ".csv": "text/csv"}
RESPONDEN_FIELD = "responden"
# The type a stored upload is served with is the one the server detected, never the
# client's; only these checked image types are shown inline (as thumbnails).
IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif",
               "WEBP": "image/webp", "BMP": "image/bmp", "TIFF": "image/tiff"}
INLINE_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})
OCTET_STREAM = "application/octet-stream"
# Memory bombs: a small file that decodes/inflates to something huge is refused before.
MAX_PIXELS = foto.MAX_PIXELS
MAX_SHEET_INFLATED = 50 * 1024 * 1024
SHEET_LIMITS = safezip.Limits(file_bytes=MAX_SHEET_BYTES, total_bytes=MAX_SHEET_INFLATED,
                              ratio=1000, members=1000)


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


def _too_many_pixels(filename: str, size: tuple[int, int] | None = None) -> UploadError:
    return UploadError(f"{filename}: {foto.too_many_pixels(size)}")


def check_image(data: bytes, filename: str) -> str:
    """The image's file extension; UploadError unless Pillow can read it fully.

    The pixel count is checked from the header before anything is decoded (a tiny PNG
    may declare 13000×13000 pixels), as ``domain.foto.check_pixels`` does for photos given
    in JSON; Pillow's process-wide bomb limit is left alone (its warning is ignored, the
    size checked here; its error, past twice its limit, refused the same way).
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                fmt = probe.format
                width, height = probe.size
                if width * height > MAX_PIXELS:
                    raise _too_many_pixels(filename, (width, height))
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
    except UploadError:
        raise
    except Image.DecompressionBombError:
        raise _too_many_pixels(filename) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise UploadError(f"{filename}: bukan gambar yang dapat dibaca; unggah foto JPEG atau "
                          "PNG") from None
    if fmt not in PHOTO_FORMATS:
        raise UploadError(f"{filename}: format {fmt} tidak didukung; unggah JPEG atau PNG")
    return PHOTO_FORMATS[fmt]


def check_sheet_name(filename: str) -> None:
    if Path(filename).suffix.lower() not in SHEET_SUFFIXES:
        raise UploadError(f"{filename}: berkas jawaban harus .xlsx atau .csv")


def check_sheet_size(data: bytes, filename: str,
                     what: str = "berkas jawaban kuesioner") -> None:
    """UploadError if an XLSX (a ZIP) would inflate past ``MAX_SHEET_INFLATED``.

    The declared sizes are summed first (a quick refusal), then every member is inflated
    through ``safezip``'s counting reader, which stops at the cap whatever the headers
    claim. A file that is not a ZIP is left to openpyxl, which says it cannot read it.
    """
    prefix = f"{what} {filename}" if what else filename
    too_big = UploadError(f"{prefix}: isi berkas setelah diekstrak melebihi "
                          f"{MAX_SHEET_INFLATED // (1024 * 1024)} MB (kemungkinan zip bomb); "
                          "berkas ditolak")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            declared = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        return
    if declared > MAX_SHEET_INFLATED:
        raise too_big
    try:
        safezip.read_members(data, SHEET_LIMITS)
    except safezip.UnsafeArchive as exc:
        if exc.code == "format":
            return  # openpyxl reports an unreadable workbook
        raise UploadError(f"{prefix}: {exc.message}") from None


def read_responden(data: bytes, filename: str) -> list[dict[str, Any]]:
    """The respondents of an answer sheet (raises InputError naming row and column;
    UploadError for an XLSX that would inflate past the cap)."""
    if Path(filename).suffix.lower() == ".xlsx":
        check_sheet_size(data, filename)
    return spreadsheet.parse_responden(data, filename)


def detect_type(data: bytes) -> tuple[str, str]:
    """The (extension, MIME type) the server sees in ``data``, whatever the client said.

    Only the header is read (the bytes were checked fully before being stored): an image
    Pillow recognises, else a ZIP holding a workbook (XLSX), else UTF-8 text (CSV), else
    an opaque ``application/octet-stream``.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                fmt = probe.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombError):
        fmt = None
    if fmt in IMAGE_TYPES:
        return PHOTO_FORMATS[fmt], IMAGE_TYPES[fmt]
    if zipfile.is_zipfile(io.BytesIO(data)):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "xl/workbook.xml" in archive.namelist():
                    return "xlsx", XLSX_TYPE
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
            pass
        return "bin", OCTET_STREAM
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "bin", OCTET_STREAM
    return "csv", "text/csv"


def served_type(content_type: str) -> tuple[str, bool]:
    """The MIME type a stored upload is served with and whether it may be shown inline.

    Rows stored before types were detected kept the client's type: anything that is not a
    known safe type is served as an opaque download.
    """
    if content_type in INLINE_TYPES:
        return content_type, True
    if content_type in set(IMAGE_TYPES.values()) | set(SHEET_SUFFIXES.values()):
        return content_type, False
    return OCTET_STREAM, False


def panels(doc_type: DocumentType) -> list[str]:
    """Extra upload boxes a type's page shows (by the fields its model has)."""
    props = doc_type.schema().get("properties", {})
    return ["responden"] if RESPONDEN_FIELD in props else []


@dataclass
class Files:
    """The uploads of the database ``session`` stored under ``folder``."""

    session: Session
    folder: Path

    def store(self, document: Document, data: bytes, filename: str, kind: str,
              author_id: int | None) -> str:
        """Save the bytes (once per content) and return the ``upload:<id>`` reference.

        The extension and MIME type are detected from the bytes, never taken from the
        client (a GIF that is also JavaScript is stored, and served, as image/gif).
        """
        ext, content_type = detect_type(data)
        digest = hashlib.sha256(data).hexdigest()
        relative = f"{document.unit_id or 'kabupaten'}/{digest}.{ext}"
        target = self.folder / relative
        if not target.exists():  # whole or not at all: a full disk leaves no half file
            write_atomic(target, data)
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
