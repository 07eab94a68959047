"""Regulation texts as reviewable data (``/tinjauan/data``): edit, check, diff, approve.

Bagian Hukum edits a data set's YAML in a textarea. "Periksa" shows the consistency
check and the numbers that drive computation and would change without storing anything;
"Ajukan" stores a new draft only if the check passes. Approval is four-eyes, like
templates; the approved version is what the documents use from the next request on (the
request's regulation snapshot, ``context.regulation()``); a version is checked against the
snapshot in use. The rules are ``docgen.review.services`` (``context.review()``).
"""

from __future__ import annotations

import io
from functools import partial

import yaml
from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required
from markupsafe import Markup

from docgen.domain import regulation
from docgen.errors import NotFound
from docgen.registry import REGISTRY
from docgen.review import dataforms, services
from docgen.review.diff import diff_paragraphs
from docgen.review.problems import Problem
from docgen.review.services import Rejected
from docgen.web.context import review
from docgen.web.review_templates import FOUR_EYES_HINT, decide_version, with_head

bp = Blueprint("review_data", __name__, url_prefix="/tinjauan/data")


@bp.before_request
@login_required
def _readers_only() -> None:
    services.require_reader(current_user)


def _name(name: str) -> str:
    if name not in regulation.names():
        abort(404)
    return name


def _version(name: str, number: int):
    try:
        return review().version(current_user, "data", name, number)
    except NotFound:
        abort(404)


@bp.get("/<name>")
def data_page(name: str):
    name = _name(name)
    start = request.args.get("dari", type=int)
    text = _version(name, start).content if start else review().approved_text(name)
    return _page(name, text)


def _page(name: str, text: str, note: str = "", problems: list[Problem] | None = None,
          changes: list[str] | None = None, checked: bool = False, proposed: bool = False):
    service = review()
    rows = service.versions(current_user, "data", name)
    return render_template("review_data.html", name=name, rows=rows, text=text, note=note,
                           title=dataforms.DATA_TITLES.get(name, name),
                           problems=problems or [], changes=changes or [], checked=checked,
                           proposed=proposed, open_items=service.open_items(name),
                           current=next((r for r in rows if r.status == "approved"), None),
                           actions=partial(services.actions, current_user),
                           reviewer=services.is_reviewer(current_user))


@bp.post("/<name>")
def submit(name: str):
    """``_action=periksa``: check only; ``_action=ajukan``: store as a draft if it passes."""
    name = _name(name)
    services.require_reviewer(current_user)
    text = request.form.get("teks", "").replace("\r\n", "\n").replace("\r", "\n")
    return check_or_propose(name, text, _page)


def check_or_propose(name: str, text: str, page):
    """The one path of a new data text, typed as YAML or made by the form: check only
    (``_action=periksa``) or store as a draft if it passes; ``page`` re-shows the input."""
    note = request.form.get("catatan", "").strip()[:1000]
    service = review()
    if request.form.get("_action") != "ajukan":
        check = service.check_data(current_user, name, text)
        return page(name, text, note, check.problems, check.changes, checked=True), \
            422 if check.problems else 200
    try:
        row = service.propose_data(current_user, name, text, note)
    except Rejected as exc:
        flash(f"Data {name} ditolak; tidak ada yang disimpan.", "error")
        changes = service.data_changes(name, service.approved_text(name), text)
        return page(name, text, note, exc.problems, changes, checked=True,
                    proposed=True), 422
    flash(f"Data {name} versi {row.number} lolos pemeriksaan dan disimpan sebagai draf; "
          "anggota Bagian Hukum lain yang menyetujui.", "success")
    return redirect(url_for(".version_page", name=name, number=row.number), 303)


@bp.get("/<name>/<int:number>")
def version_page(name: str, number: int):
    name = _name(name)
    row = _version(name, number)
    service = review()
    current = service.current("data", name)
    base = current if current is not None and current.id != row.id else None
    old_text = base.content if base else row.content
    diff = diff_paragraphs(old_text.splitlines(), row.content.splitlines())
    return render_template(
        "review_data_version.html", name=name, row=row, current=current, base=base,
        problems=service.data_problems(name, row.content),
        changes=service.data_changes(name, old_text, row.content),
        table=Markup(with_head(diff.to_html(context=3),  # noqa: S704 - core escapes
                               f"Versi {base.number} (berlaku)" if base else "",
                               f"Versi {row.number}")),
        changed=diff.changed, can=services.actions(current_user, row),
        four_eyes=FOUR_EYES_HINT)


@bp.get("/<name>/<int:number>.yaml")
def version_file(name: str, number: int):
    row = _version(_name(name), number)
    return send_file(io.BytesIO(row.content.encode("utf-8")), as_attachment=True,
                     mimetype="text/yaml", download_name=f"{name}-v{number}.yaml")


@bp.post("/<name>/<int:number>/<any(setujui, tarik):verb>")
def decide(name: str, number: int, verb: str):
    name = _name(name)
    return decide_version("data", name, number, verb,
                          url_for(".version_page", name=name, number=number))


# -- the form (a row per item) ---------------------------------------------------------
@bp.get("/<name>/formulir")
def form_page(name: str):
    name = _name(name)
    start = request.args.get("dari", type=int)
    text = _version(name, start).content if start else review().approved_text(name)
    return _form(name, text)


def _form(name: str, text: str, note: str = "", problems: list[Problem] | None = None,
          changes: list[str] | None = None, checked: bool = False, proposed: bool = False,
          rows: dict[str, list[str]] | None = None):
    """The form page; ``rows`` (field key -> rows) shows rows not yet in ``text``."""
    service = review()
    bases = dataforms.legal_bases(service.approved_text("dasar_hukum"))
    try:
        fields = dataforms.list_fields(dataforms.load(text), bases,
                                       {t.name: t.title for t in REGISTRY})
    except yaml.YAMLError:
        return _page(name, text, note, problems, changes, checked, proposed)
    for item in fields:
        item.items = (rows or {}).get(item.key, item.items)
    return render_template("review_data_form.html", name=name, text=text, note=note,
                           title=dataforms.DATA_TITLES.get(name, name), fields=fields,
                           problems=problems or [], changes=changes or [], checked=checked,
                           proposed=proposed, reviewer=services.is_reviewer(current_user),
                           current=service.current("data", name))


@bp.post("/<name>/formulir")
def form_submit(name: str):
    """Rows in, YAML out: ``_tambah``/``_hapus`` change a row and show the form again;
    ``_action`` checks or proposes the YAML the form makes, exactly like a typed YAML."""
    name = _name(name)
    services.require_reviewer(current_user)
    base = request.form.get("teks", "").replace("\r\n", "\n").replace("\r", "\n")
    add, remove = request.form.get("_tambah", ""), request.form.get("_hapus", "")

    def change(field: dataforms.ListField, values: list[str]) -> list[str]:
        if field.key == add:
            return [*values, ""]
        key, _, index = remove.partition(":")
        if field.key == key and index.isdigit() and int(index) < len(values):
            return values[:int(index)] + values[int(index) + 1:]
        return values

    try:
        if add or remove:  # show the form again with the row added or removed, blank kept
            fields = dataforms.list_fields(dataforms.load(base))
            rows = {f.key: change(f, request.form.getlist(f.key)) for f in fields}
            return _form(name, base, request.form.get("catatan", ""), rows=rows)
        text = dataforms.apply(base, request.form.getlist)
    except (yaml.YAMLError, KeyError, IndexError, TypeError):
        abort(400)
    return check_or_propose(name, text, _form)

