"""Administration by admin_kabupaten: units (kop, head of unit) and users; templates in use."""

from __future__ import annotations

import io

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required
from pydantic import ValidationError

from docgen.domain.common import Penandatangan, PerangkatDaerah
from docgen.domain.errors import from_validation_error
from docgen.registry import REGISTRY
from docgen.storage import ROLES, Unit, User, repo, review_repo
from docgen.storage.models import TemplateVersionRow
from docgen.storage.repo import StorageError
from docgen.web import versioning
from docgen.web.outputs import DOCX_MIME
from docgen.web.schema_form import option_label
from docgen.web.services import db

bp = Blueprint("admin", __name__)
JENIS = PerangkatDaerah.model_json_schema()["properties"]["jenis"]["enum"]
UNIT_FIELDS = [*Unit.KOP_FIELDS, *(f"kepala_{k}" for k in Unit.KEPALA_FIELDS)]


def _admin_only() -> None:
    if current_user.role != "admin_kabupaten":
        abort(403)


@bp.get("/admin/unit")
@login_required
def units():
    _admin_only()
    return render_template("units.html", units=repo.list_units(db()))


@bp.route("/admin/unit/baru", methods=["GET", "POST"], defaults={"unit_id": None})
@bp.route("/admin/unit/<int:unit_id>", methods=["GET", "POST"])
@login_required
def unit_form(unit_id: int | None):
    _admin_only()
    unit = repo.get_unit(db(), unit_id) if unit_id else None
    if unit_id and unit is None:
        abort(404)
    values = {f: (getattr(unit, f) or "") if unit else "" for f in UNIT_FIELDS}
    errors: dict[str, str] = {}
    if request.method == "POST":
        values = {f: request.form.get(f, "").strip() for f in UNIT_FIELDS}
        errors = check_unit(values)
        if not errors:
            if unit is None:
                unit = repo.create_unit(db(), **{k: v or None for k, v in values.items()})
            else:
                repo.update_unit(unit, **values)
            db().commit()
            flash(f"Unit {unit.nama} disimpan.", "success")
            return redirect(url_for(".units"), 303)
    return render_template("unit_form.html", unit=unit, values=values, errors=errors,
                           jenis=[(j, option_label(j)) for j in JENIS]), 422 if errors else 200


def check_unit(values: dict[str, str]) -> dict[str, str]:
    """Field errors (Indonesian) from the same models the documents use."""
    errors: dict[str, str] = {}
    kop = {k: values[k] or None for k in Unit.KOP_FIELDS}
    kepala = {k: values[f"kepala_{k}"] for k in Unit.KEPALA_FIELDS}
    try:
        PerangkatDaerah.model_validate(kop)
    except ValidationError as exc:
        errors.update({e.field: e.message for e in from_validation_error(exc).errors})
    if any(kepala.values()):
        try:
            Penandatangan.model_validate(kepala)
        except ValidationError as exc:
            errors.update({f"kepala_{e.field}": e.message
                           for e in from_validation_error(exc).errors})
    return errors


@bp.get("/admin/pengguna")
@login_required
def users():
    _admin_only()
    return render_template("users.html", users=repo.list_users(db()),
                           units=repo.list_units(db()), roles=ROLES)


@bp.post("/admin/pengguna")
@login_required
def create_user():
    _admin_only()
    unit = request.form.get("unit_id", "")
    try:
        repo.create_user(db(), request.form.get("username", "").strip(),
                         request.form.get("password", ""), request.form.get("role", ""),
                         int(unit) if unit.isdigit() else None,
                         request.form.get("nama", "").strip() or None)
        db().commit()
        flash("Pengguna dibuat.", "success")
    except StorageError as exc:
        flash(f"Pengguna belum dibuat: {exc}", "error")
    return redirect(url_for(".users"), 303)


@bp.post("/admin/pengguna/<int:user_id>/aktif")
@login_required
def toggle_user(user_id: int):
    _admin_only()
    user = db().get(User, user_id)
    if user is None:
        abort(404)
    if user.id == current_user.id:
        flash("Anda tidak dapat menonaktifkan akun sendiri.", "error")
    else:
        user.active = not user.active
        db().commit()
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
    version = versioning.current_template(db(), type_name)
    return send_file(io.BytesIO(version.content), as_attachment=True, mimetype=DOCX_MIME,
                     download_name=f"templat-{type_name}-v{version.number}.docx")
