"""Typing less: copy a document as next year's draft, import KBK members and Agen
Perubahan from a spreadsheet (and their blank sheets), and the lists a form picks from
(the unit's KBK members, Form B-1's problem codes; ``static/pick_members.js``).

The rules are ``docgen.documents.copying`` and ``row_import``; these views read the
request and answer (the request's transaction commits in ``context.commit_db``).
"""

from __future__ import annotations

import io
import re
from typing import Any

from flask import Blueprint, abort, flash, redirect, request, send_file, url_for
from flask_login import current_user, login_required

from docgen.accounts.access import can_edit_type
from docgen.documents import row_import
from docgen.documents.copying import CopyService
from docgen.documents.files import MAX_SHEET_BYTES, SHEET_SUFFIXES, UploadError, read_limited
from docgen.domain import spreadsheet_rows
from docgen.domain.errors import InputError
from docgen.errors import Conflict
from docgen.storage import Document
from docgen.web.context import db, documents

bp = Blueprint("copying", __name__)


@bp.post("/dokumen/<int:doc_id>/salin-tahun-berikutnya")
@login_required
def copy_next_year(doc_id: int):
    copy = CopyService(db()).copy_as_next_year(current_user, doc_id)
    flash("Salinan untuk tahun berikutnya dibuat sebagai draf baru: tanggal dan tahun "
          "sudah dimajukan satu tahun, nomor dikosongkan. Periksa lalu simpan.", "success")
    return redirect(url_for("documents.show", doc_id=copy.id), 303)


@bp.post("/dokumen/<int:doc_id>/impor-baris")
@login_required
def import_rows(doc_id: int):
    target = url_for("documents.show", doc_id=doc_id)
    upload = request.files.get("berkas")
    try:
        if upload is None or not upload.filename:
            raise UploadError("pilih berkas isian (.xlsx atau .csv)")
        if not upload.filename.lower().endswith(tuple(SHEET_SUFFIXES)):
            raise UploadError(f"{upload.filename}: berkas harus .xlsx atau .csv")
        content = read_limited(upload.stream, upload.filename, MAX_SHEET_BYTES)
        sheet, count = row_import.import_rows(db(), current_user, doc_id, content,
                                              upload.filename)
    except Conflict as exc:
        flash(exc.message, "error")
        return redirect(target, 303)
    except UploadError as exc:
        return _refused(doc_id, str(exc))
    except InputError as exc:
        return _refused(doc_id, "Berkas belum dapat dibaca: " +
                        "; ".join(str(e) for e in exc.errors))
    flash(f"{count} baris {sheet.title} dibaca dari {upload.filename}; isian sebelumnya "
          "diganti.", "success")
    return redirect(target, 303)


def _refused(doc_id: int, message: str):
    """The document's page again, saying why the file was refused (422, nothing kept)."""
    from docgen.web.documents import document_page

    flash(message, "error")
    return document_page(documents(), doc_id), 422


@bp.get("/dokumen/blanko-<jenis>.xlsx")
@login_required
def blank_sheet(jenis: str):
    if jenis not in spreadsheet_rows.SHEETS:
        abort(404)
    content = spreadsheet_rows.blank_xlsx(spreadsheet_rows.SHEETS[jenis])
    return send_file(io.BytesIO(content), as_attachment=True,
                     download_name=f"blanko-{jenis}.xlsx", mimetype=SHEET_SUFFIXES[".xlsx"])


# -- what the partial templates ask ----------------------------------------------------
@bp.app_context_processor
def typing_less_helpers() -> dict[str, Any]:
    return {"can_copy_next_year": _can_copy, "import_sheet": _import_sheet,
            "pick_members": _pick_members, "pick_member_inputs": _pick_member_inputs}


def _can_copy(document: Document | None) -> bool:
    return document is not None and can_edit_type(current_user, document)


def _import_sheet(document: Document | None) -> spreadsheet_rows.Sheet | None:
    if document is None or document.is_final or not can_edit_type(current_user, document):
        return None
    return row_import.importable_sheet(document)


def _pick_members(type_name: str, document: Document | None) -> list[dict[str, str]]:
    unit_id = document.unit_id if document is not None else current_user.owner_unit_id
    return row_import.kbk_members(db(), current_user, type_name, unit_id)


def _pick_member_inputs(type_name: str) -> str:
    """A pattern of the ``nama`` inputs that pick a member (``agen[3].nama``, ...)."""
    paths = [re.escape(p[:-2]) + r"\[[^\]]+\]" if p.endswith("[]") else re.escape(p)
             for p in row_import.PICKS.get(type_name, ())]
    return "^(" + "|".join(paths) + r")\.nama$" if paths else ""
