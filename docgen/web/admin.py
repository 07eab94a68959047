"""Administration by admin_kabupaten: units (kop, head of unit) and users; templates in use."""

from __future__ import annotations

import io

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required

from docgen.accounts import units as unit_rules
from docgen.documents.schema_form import option_label
from docgen.domain.errors import InputError
from docgen.errors import Conflict
from docgen.registry import REGISTRY
from docgen.review import catalog
from docgen.storage import ROLES, review_repo
from docgen.storage.models import TemplateVersionRow, Unit
from docgen.web.context import accounts, db
from docgen.web.outputs import DOCX_MIME

bp = Blueprint("admin", __name__)
JENIS = [(j, option_label(j)) for j in unit_rules.JENIS]


@bp.get("/admin/unit")
@login_required
def units():
    return render_template("units.html", units=accounts().units(current_user), jenis=JENIS)


@bp.route("/admin/unit/baru", methods=["GET", "POST"], defaults={"unit_id": None})
@bp.route("/admin/unit/<int:unit_id>", methods=["GET", "POST"])
@login_required
def unit_form(unit_id: int | None):
    unit_id = unit_id or None  # /admin/unit/0 is a new unit, as it always was
    service = accounts()
    unit = service.editable_unit(current_user, unit_id)
    values = _values(unit, unit_rules.UNIT_FIELDS)
    errors: dict[str, str] = {}
    if request.method == "POST":
        values = {f: request.form.get(f, "").strip() for f in unit_rules.UNIT_FIELDS}
        try:
            unit = service.save_unit(current_user, unit_id, values)
        except InputError as exc:
            errors = unit_rules.as_dict(exc.errors)
        else:
            flash(f"Unit {unit.nama} disimpan.", "success")
            return redirect(url_for(".units"), 303)
    return render_template("unit_form.html", unit=unit, values=values, errors=errors,
                           jenis=JENIS), 422 if errors else 200


def _values(unit: Unit | None, fields: list[str] | tuple[str, ...]) -> dict[str, str]:
    return {f: (getattr(unit, f) or "") if unit else "" for f in fields}


@bp.route("/unit/kop", methods=["GET", "POST"])
@login_required
def own_kop():
    """admin_unit edits the kop of their own unit (never another one: no unit id taken)."""
    service = accounts()
    unit = service.own_unit(current_user)
    values = _values(unit, unit_rules.KOP_FIELDS)
    errors: dict[str, str] = {}
    if request.method == "POST":
        values.update({f: request.form.get(f, "").strip() for f in unit_rules.OWN_KOP_FIELDS})
        try:
            service.save_own_kop(current_user, values)
        except InputError as exc:
            errors = unit_rules.as_dict(exc.errors)
        else:
            flash("Kop unit disimpan. Dokumen yang dibuat sejak sekarang memakainya.",
                  "success")
            return redirect(url_for(".own_kop"), 303)
    return render_template("unit_form.html", unit=unit, values=values, errors=errors,
                           kop_only=True, jenis=JENIS), 422 if errors else 200


@bp.get("/admin/pengguna")
@login_required
def users():
    service = accounts()
    return render_template("users.html", users=service.users(current_user),
                           units=service.units(current_user), roles=ROLES)


@bp.post("/admin/pengguna")
@login_required
def create_user():
    unit = request.form.get("unit_id", "")
    try:
        accounts().create_user(current_user, request.form.get("username", "").strip(),
                               request.form.get("password", ""), request.form.get("role", ""),
                               int(unit) if unit.isdigit() else None,
                               request.form.get("nama", "").strip() or None)
        flash("Pengguna dibuat.", "success")
    except InputError as exc:
        flash(f"Pengguna belum dibuat: {'; '.join(e.message for e in exc.errors)}", "error")
    return redirect(url_for(".users"), 303)


@bp.post("/admin/pengguna/<int:user_id>/aktif")
@login_required
def toggle_user(user_id: int):
    service = accounts()
    user = service.user(current_user, user_id)
    try:
        if user.active:
            service.deactivate(current_user, user_id)
        else:
            service.activate(current_user, user_id)
    except Conflict as exc:
        flash(exc.message, "error")
    else:
        flash(f"Pengguna {user.username} {'diaktifkan' if user.active else 'dinonaktifkan'}.",
              "success")
    return redirect(url_for(".users"), 303)


@bp.get("/templat")
@login_required
def templates():
    """Every document type's template in use (the approved version)."""
    approved = {r.type_name: r for r in review_repo.all_approved(db(), TemplateVersionRow)}
    return render_template("templates.html", types=list(REGISTRY), approved=approved)


@bp.get("/templat/<type_name>.docx")
@login_required
def template_file(type_name: str):
    if type_name not in REGISTRY:
        abort(404)
    version = catalog.current_template(db(), type_name)
    return send_file(io.BytesIO(version.content), as_attachment=True, mimetype=DOCX_MIME,
                     download_name=f"templat-{type_name}-v{version.number}.docx")
