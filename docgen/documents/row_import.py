"""Rows typed once: KBK members and Agen Perubahan imported from a spreadsheet into a
draft, and the unit's KBK members (its latest SK KBK) offered when an Agen Perubahan or
the Role Model is chosen.

Every function takes the acting user (``Actor``) and the database session; nothing is
committed here (the caller owns the transaction).
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from sqlalchemy.orm import Session

from docgen.accounts.access import Actor, require_edit
from docgen.documents.files import MAX_SHEET_INFLATED, SHEET_LIMITS, UploadError
from docgen.documents.names import describe
from docgen.domain.spreadsheet_rows import Sheet, parse_rows, sheet_of_type
from docgen.errors import Conflict
from docgen.review import safezip
from docgen.storage import Document, repo

MEMBERS_FROM = "sk-kbk"
# the inputs a member fills, per document type: the row (or object) path and its fields
PICKS: dict[str, tuple[str, ...]] = {
    "sk-agen-perubahan": ("agen[]",),
    "sk-role-model": ("penandatangan",),
}


def check_inflated_size(data: bytes, filename: str) -> None:
    """UploadError if an XLSX (a ZIP) would inflate past ``MAX_SHEET_INFLATED`` (counted
    while inflating, whatever the headers claim); a non-ZIP is left to the reader."""
    too_big = UploadError(f"{filename}: isi berkas setelah diekstrak melebihi "
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
        if exc.code != "format":
            raise UploadError(f"{filename}: {exc.message}") from None


def importable_sheet(document: Document) -> Sheet | None:
    return sheet_of_type(document.type_name)


def import_rows(session: Session, actor: Actor, document_id: int, content: bytes,
                filename: str) -> tuple[Sheet, int]:
    """Replace the draft's rows (``susunan`` or ``agen``) by those of the file; the sheet
    and how many rows were read. InputError names row and column of every bad cell."""
    document = require_edit(actor, repo.get_document(session, document_id))
    if document.is_final:
        raise Conflict("Dokumen final tidak dapat diubah. Buat versi baru untuk mengubahnya.")
    sheet = importable_sheet(document)
    if sheet is None:
        raise Conflict("Dokumen jenis ini tidak mempunyai baris yang dapat diimpor.")
    if filename.lower().endswith(".xlsx"):
        check_inflated_size(content, filename)
    rows = parse_rows(sheet, content, filename)
    data = {**dict(document.data or {}), sheet.field: rows}
    repo.save_data(document, data, describe(data))
    return sheet, len(rows)


def kbk_members(session: Session, actor: Actor, type_name: str, unit_id: int | None
                ) -> list[dict[str, str]]:
    """The members (nama, nip, jabatan) of the unit's latest SK KBK (final first) for a
    type that picks from them, if the actor may read that unit's documents; else none."""
    if type_name not in PICKS or unit_id is None:
        return []
    if not (actor.reads_all or (actor.role.of_unit and actor.unit_id == unit_id)):
        return []
    source = repo.latest_document(session, unit_id, MEMBERS_FROM)
    rows: Any = (source.data or {}).get("susunan") if source else None
    if not isinstance(rows, list):
        return []
    return [{key: str(row.get(key) or "") for key in ("nama", "nip", "jabatan")}
            for row in rows if isinstance(row, dict) and str(row.get("nama") or "").strip()]
