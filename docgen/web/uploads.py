"""Uploads: photos (any base64 field of a model, e.g. the monthly report's documentation)
and the questionnaire answers (XLSX/CSV) of the Laporan Evaluasi.

A photo is stored once under ``<data_dir>/uploads`` and the draft keeps ``upload:<id>``;
``resolve_files`` swaps the reference for the bytes when the document is validated or
rendered, only for uploads of the document's own unit.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

from flask import Blueprint, abort, flash, redirect, request, send_file, url_for
from flask_login import current_user, login_required
from PIL import Image, UnidentifiedImageError
from werkzeug.datastructures import FileStorage

from docgen.domain import spreadsheet
from docgen.domain.errors import FieldError, InputError
from docgen.registry import DocumentType
from docgen.storage import Document, repo
from docgen.web.context import db, describe, state
from docgen.web.security import require_edit

bp = Blueprint("uploads", __name__)
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


def _read_limited(upload: FileStorage, limit: int) -> bytes:
    data = upload.stream.read(limit + 1)
    if len(data) > limit:
        raise UploadError(f"{upload.filename}: ukuran berkas maksimal {limit // (1024 * 1024)} "
                          "MB")
    if not data:
        raise UploadError(f"{upload.filename}: berkas kosong")
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


def store(document: Document, data: bytes, filename: str, kind: str, ext: str,
          content_type: str) -> str:
    """Save the bytes under data_dir/uploads and return the ``upload:<id>`` reference."""
    digest = hashlib.sha256(data).hexdigest()
    folder = str(document.unit_id or "kabupaten")
    relative = f"{folder}/{digest}.{ext}"
    target = state().upload_dir / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        target.write_bytes(data)
    row = repo.add_upload(db(), unit_id=document.unit_id, document_id=document.id,
                          author_id=current_user.id, kind=kind,
                          filename=Path(filename or "berkas").name[:255],
                          content_type=content_type, size=len(data), sha256=digest,
                          path=relative)
    return f"{PREFIX}{row.id}"


class PhotoSink:
    """Stores the photos posted with a form; errors are kept per input path."""

    def __init__(self, document: Document):
        self.document = document
        self.errors: list[FieldError] = []

    def __call__(self, path: str) -> str | None:
        upload = request.files.get(path)
        if upload is None or not upload.filename:
            return None
        try:
            data = _read_limited(upload, MAX_PHOTO_BYTES)
            ext = check_image(data, upload.filename)
        except UploadError as exc:
            self.errors.append(FieldError(path, str(exc)))
            return None
        return store(self.document, data, upload.filename, "foto", ext,
                     upload.mimetype or "image/" + ext)


def resolve_files(data: Any, unit_id: int | None) -> Any:
    """``data`` with every ``upload:<id>`` of this unit replaced by the file's bytes."""
    if isinstance(data, dict):
        return {k: resolve_files(v, unit_id) for k, v in data.items()}
    if isinstance(data, list):
        return [resolve_files(v, unit_id) for v in data]
    if isinstance(data, str) and data.startswith(PREFIX) and data[len(PREFIX):].isdigit():
        row = repo.get_upload(db(), int(data[len(PREFIX):]))
        if row is not None and row.unit_id == unit_id:
            path = state().upload_dir / row.path
            if path.exists():
                return path.read_bytes()
    return data


def panels(doc_type: DocumentType, document: Document) -> list[str]:
    """Extra upload boxes a type's page shows (by the fields its model has)."""
    props = doc_type.schema().get("properties", {})
    return ["responden"] if RESPONDEN_FIELD in props else []


# -- routes --------------------------------------------------------------------------
@bp.post("/dokumen/<int:doc_id>/unggah/responden")
@login_required
def upload_responden(doc_id: int):
    document = require_edit(current_user, repo.get_document(db(), doc_id))
    target = url_for("documents.show", doc_id=doc_id)
    if document.is_final:
        flash("Dokumen final tidak dapat diubah.", "error")
        return redirect(target, 303)
    upload = request.files.get("berkas")
    try:
        if upload is None or not upload.filename:
            raise UploadError("pilih berkas jawaban kuesioner (.xlsx atau .csv)")
        if Path(upload.filename).suffix.lower() not in SHEET_SUFFIXES:
            raise UploadError(f"{upload.filename}: berkas jawaban harus .xlsx atau .csv")
        rows = read_responden(_read_limited(upload, MAX_SHEET_BYTES), upload.filename)
    except UploadError as exc:
        flash(str(exc), "error")
        return redirect(target, 303)
    except InputError as exc:
        flash("Berkas jawaban belum dapat dibaca: " + "; ".join(str(e) for e in exc.errors),
              "error")
        return redirect(target, 303)
    data = dict(document.data)
    data[RESPONDEN_FIELD] = rows
    repo.save_data(document, data, describe(data))
    db().commit()
    flash(f"{len(rows)} responden dibaca dari {upload.filename}.", "success")
    return redirect(target, 303)


def read_responden(data: bytes, filename: str) -> list[dict[str, Any]]:
    return spreadsheet.parse_responden(data, filename)


@bp.get("/dokumen/blanko-kuesioner.xlsx")
@login_required
def blank_sheet():
    return send_file(io.BytesIO(spreadsheet.blank_xlsx()), as_attachment=True,
                     download_name="blanko-jawaban-kuesioner.xlsx",
                     mimetype=SHEET_SUFFIXES[".xlsx"])


@bp.get("/berkas/<int:upload_id>")
@login_required
def show_upload(upload_id: int):
    row = repo.get_upload(db(), upload_id)
    allowed = row is not None and (current_user.reads_all or
                                   (row.unit_id is not None and
                                    row.unit_id == current_user.unit_id))
    if not allowed:
        abort(404)
    return send_file(state().upload_dir / row.path, mimetype=row.content_type,
                     download_name=row.filename)
