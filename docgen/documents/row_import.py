"""Rows typed once: KBK members and Agen Perubahan imported from a spreadsheet into a
draft, and the unit's KBK members (its latest SK KBK) offered when an Agen Perubahan or
the Role Model is chosen.

Every function takes the acting user (``Actor``) and the database session; nothing is
committed here (the caller owns the transaction).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from docgen.accounts.access import Actor, require_edit
from docgen.documents.files import check_sheet_size
from docgen.documents.names import describe
from docgen.domain.spreadsheet_rows import Sheet, parse_rows, sheet_of_type
from docgen.errors import Conflict
from docgen.storage import Document, repo

MEMBERS_FROM = "sk-kbk"
# the inputs a member fills, per document type: the row (or object) path and its fields
PICKS: dict[str, tuple[str, ...]] = {
    "sk-agen-perubahan": ("agen[]",),
    "sk-role-model": ("penandatangan",),
}


def check_inflated_size(data: bytes, filename: str) -> None:
    """UploadError if an XLSX would inflate past the spreadsheet cap (``files``)."""
    check_sheet_size(data, filename, what="")


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
