"""Regulation texts as reviewable data (``/tinjauan/data``): edit, check, diff, approve.

Bagian Hukum edits a data set's YAML in a textarea. "Periksa" shows the consistency
check (``check_regulation_data``) and the numbers that drive computation and would
change (``computation_changes``) without storing anything; "Ajukan" stores a new draft
only if the check passes. Approval is four-eyes, like templates; the approved version is
what the documents use from the next request on (the request's regulation snapshot,
``context.regulation()``); a version is checked against the snapshot in use.
"""

from __future__ import annotations

import io

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import login_required
from markupsafe import Markup

from docgen.domain import regulation
from docgen.review.datachecks import check_regulation_data, computation_changes
from docgen.review.diff import diff_paragraphs
from docgen.review.problems import Problem
from docgen.storage import review_repo
from docgen.storage.models import DataVersionRow
from docgen.web import context, reviewing
from docgen.web.context import db
from docgen.web.review_templates import with_head

bp = Blueprint("review_data", __name__, url_prefix="/tinjauan/data")


@bp.before_request
@login_required
def _readers_only() -> None:
    reviewing.require_reader()


def _name(name: str) -> str:
    if name not in regulation.names():
        abort(404)
    return name


def _approved_text(name: str) -> str:
    row = review_repo.approved(db(), DataVersionRow, name)
    return row.content if row is not None else regulation.bundled_text(name)


def _version(name: str, number: int) -> DataVersionRow:
    return reviewing.version_or_404(DataVersionRow, name, number)


@bp.get("/<name>")
def data_page(name: str):
    name = _name(name)
    start = request.args.get("dari", type=int)
    text = _version(name, start).content if start else _approved_text(name)
    return _page(name, text)


def _page(name: str, text: str, note: str = "", problems: list[Problem] | None = None,
          changes: list[str] | None = None, checked: bool = False, proposed: bool = False):
    rows = review_repo.versions(db(), DataVersionRow, name)
    return render_template("review_data.html", name=name, rows=rows, text=text, note=note,
                           problems=problems or [], changes=changes or [], checked=checked,
                           proposed=proposed, open_items=_open_items(name),
                           current=next((r for r in rows if r.status == "approved"), None),
                           actions=reviewing.actions, reviewer=reviewing.is_reviewer())


def _open_items(name: str) -> dict[str, list[dict]]:
    """What Bagian Hukum still has to do in this data set: texts the seed's OCR copy lost
    (printed as markers, blocking finals) and facts marked for confirmation."""
    try:
        in_use = context.regulation()
        missing, unconfirmed = in_use.missing_texts(), in_use.unconfirmed_facts()
    except regulation.DataSetError:
        return {"lengkapi": [], "konfirmasi": []}
    return {"lengkapi": [m for m in missing if m["data_set"] == name],
            "konfirmasi": [u for u in unconfirmed if u["data_set"] == name]}


@bp.post("/<name>")
def submit(name: str):
    """``_action=periksa``: check only; ``_action=ajukan``: store as a draft if it passes."""
    name = _name(name)
    reviewing.require_reviewer()
    text = request.form.get("teks", "").replace("\r\n", "\n").replace("\r", "\n")
    note = request.form.get("catatan", "").strip()[:1000]
    changes = computation_changes(name, _approved_text(name), text)
    if request.form.get("_action") != "ajukan":
        problems = check_regulation_data(name, text, context.regulation())
        return _page(name, text, note, problems, changes, checked=True), \
            422 if problems else 200
    row, problems = reviewing.propose("data", name, text.encode("utf-8"), note)
    if row is not None:
        db().commit()
        flash(f"Data {name} versi {row.number} lolos pemeriksaan dan disimpan sebagai draf; "
              "anggota Bagian Hukum lain yang menyetujui.", "success")
        return redirect(url_for(".version_page", name=name, number=row.number), 303)
    db().rollback()
    flash(f"Data {name} ditolak; tidak ada yang disimpan.", "error")
    return _page(name, text, note, problems, changes, checked=True, proposed=True), 422


@bp.get("/<name>/<int:number>")
def version_page(name: str, number: int):
    name = _name(name)
    row = _version(name, number)
    current = review_repo.approved(db(), DataVersionRow, name)
    base = current if current is not None and current.id != row.id else None
    old_text = base.content if base else row.content
    diff = diff_paragraphs(old_text.splitlines(), row.content.splitlines())
    return render_template(
        "review_data_version.html", name=name, row=row, current=current, base=base,
        problems=check_regulation_data(name, row.content, context.regulation()),
        changes=computation_changes(name, old_text, row.content),
        table=Markup(with_head(diff.to_html(context=3),  # noqa: S704 - core escapes
                               f"Versi {base.number} (berlaku)" if base else "",
                               f"Versi {row.number}")),
        changed=diff.changed, can=reviewing.actions(row),
        four_eyes=reviewing.FOUR_EYES_HINT)


@bp.get("/<name>/<int:number>.yaml")
def version_file(name: str, number: int):
    row = _version(_name(name), number)
    return send_file(io.BytesIO(row.content.encode("utf-8")), as_attachment=True,
                     mimetype="text/yaml", download_name=f"{name}-v{number}.yaml")


@bp.post("/<name>/<int:number>/<any(setujui, tarik):verb>")
def decide(name: str, number: int, verb: str):
    name = _name(name)
    row = review_repo.get_version(db(), DataVersionRow, name, number)
    return reviewing.decide(row, verb, url_for(".version_page", name=name, number=number))
