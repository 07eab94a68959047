"""What the template and data set review pages share: roles, approve and withdraw.

Who may do what (``/tinjauan``):

- bagian_hukum reads everything, uploads new versions, approves (never their own upload:
  four eyes) and withdraws drafts;
- admin_kabupaten reads everything (versions, wording, diffs, previews), changes nothing;
- unit roles (admin_unit, sekretaris_kbk) get 403 on every review page: the pages are
  about the Kabupaten's wording, and the audit list (``/audit``) is where a unit sees the
  outputs of its own documents.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect
from flask_login import current_user

from docgen.review.problems import Problem
from docgen.storage import review_repo
from docgen.storage.models import DataVersionRow, TemplateVersionRow
from docgen.web import versioning
from docgen.web.context import db, state

REVIEWERS = ("bagian_hukum",)
READERS = ("bagian_hukum", "admin_kabupaten")
FOUR_EYES_HINT = ("Anda yang mengunggah versi ini. Persetujuan harus diberikan oleh anggota "
                  "Bagian Hukum lain (prinsip empat mata).")


def version_or_404(row_class: type[TemplateVersionRow] | type[DataVersionRow], key: str,
                   number: int) -> TemplateVersionRow | DataVersionRow:
    """Version ``number`` of a template type or data set, or a 404."""
    row = review_repo.get_version(db(), row_class, key, number)
    if row is None:
        abort(404)
    return row


def propose(kind: str, key: str, data: bytes, note: str):
    """Check and store a new draft version; (row, []) or (None, problems), uncommitted."""
    try:
        return versioning.propose(db(), kind, key, data, current_user, note), []
    except versioning.CheckFailed as exc:
        return None, list(exc.problems)
    except versioning.ReviewError as exc:
        return None, [Problem("review", str(exc))]


def require_reader() -> None:
    if current_user.role not in READERS:
        abort(403, "Halaman tinjauan hanya untuk Bagian Hukum dan Admin Kabupaten.")


def require_reviewer() -> None:
    if current_user.role not in REVIEWERS:
        abort(403, "Hanya Bagian Hukum yang dapat mengunggah, menyetujui atau menarik versi.")


def is_reviewer() -> bool:
    return current_user.role in REVIEWERS


def own_upload(row: TemplateVersionRow | DataVersionRow) -> bool:
    return row.author.strip().casefold() == current_user.username.strip().casefold()


def actions(row: TemplateVersionRow | DataVersionRow) -> dict[str, Any]:
    """What the current user may do with a version (the template shows the buttons)."""
    draft = row.status == "draft" and is_reviewer()
    return {"approve": draft and not own_upload(row), "own": draft and own_upload(row),
            "withdraw": draft}


def decide(row: TemplateVersionRow | DataVersionRow | None, verb: str, back: str):
    """POST approve (``setujui``) or withdraw (``tarik``) ``row``, then back to ``back``."""
    if row is None:
        abort(404)
    require_reviewer()
    try:
        if verb == "setujui":
            versioning.approve(db(), row, current_user, state().pipeline)
            message = (f"{versioning.subject(row).capitalize()} disetujui dan berlaku untuk "
                       "dokumen baru.")
        else:
            versioning.withdraw(db(), row, current_user)
            message = f"{versioning.subject(row).capitalize()} ditarik."
    except versioning.FourEyesError as exc:
        db().rollback()
        abort(403, str(exc))
    except versioning.CheckFailed as exc:
        db().rollback()
        flash(f"{exc.args[0].splitlines()[0]} "
              + " ".join(f"\u2022 {p}" for p in exc.problems), "error")
        return redirect(back, 303)
    except versioning.ReviewError as exc:
        db().rollback()
        flash(str(exc), "error")
        return redirect(back, 303)
    db().commit()
    flash(message, "success")
    return redirect(back, 303)
