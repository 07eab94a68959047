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
from docgen.web.context import db
from docgen.web.outputs import DOCX_MIME
from docgen.web.schema_form import option_label

bp = Blueprint("admin", __name__)
JENIS = PerangkatDaerah.model_json_schema()["properties"]["jenis"]["enum"]
UNIT_FIELDS = [*Unit.KOP_FIELDS, *(f"kepala_{k}" for k in Unit.KEPALA_FIELDS)]
OWN_KOP_FIELDS = [f for f in Unit.KOP_FIELDS if f != "jenis"]  # what admin_unit may change


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
        errors = check_unit(values) or _nama_taken(values["nama"], unit_id)
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
    errors = check_kop(values)
    kepala = {k: values[f"kepala_{k}"] for k in Unit.KEPALA_FIELDS}
    if any(kepala.values()):
        try:
            Penandatangan.model_validate(kepala)
        except ValidationError as exc:
            errors.update({f"kepala_{e.field}": e.message
                           for e in from_validation_error(exc).errors})
    return errors


def check_kop(values: dict[str, str]) -> dict[str, str]:
    """Field errors of the kop (PerangkatDaerah, as printed in the documents)."""
    try:
        PerangkatDaerah.model_validate({k: values[k] or None for k in Unit.KOP_FIELDS})
    except ValidationError as exc:
        return {e.field: e.message for e in from_validation_error(exc).errors}
    return {}


def _nama_taken(nama: str, unit_id: int | None) -> dict[str, str]:
    other = next((u for u in repo.list_units(db()) if u.nama == nama and u.id != unit_id),
                 None)
    return {"nama": "nama ini sudah dipakai unit lain"} if other else {}


@bp.route("/unit/kop", methods=["GET", "POST"])
@login_required
def own_kop():
    """admin_unit edits the kop of their own unit (never another one: no unit id taken)."""
    if current_user.role != "admin_unit" or current_user.unit_id is None:
        abort(403)
    unit = repo.get_unit(db(), current_user.unit_id)
    if unit is None:
        abort(404)
    values = {f: getattr(unit, f) or "" for f in Unit.KOP_FIELDS}
    errors: dict[str, str] = {}
    if request.method == "POST":
        values.update({f: request.form.get(f, "").strip() for f in OWN_KOP_FIELDS})
        errors = check_kop(values) or _nama_taken(values["nama"], unit.id)
        if not errors:
            repo.update_unit(unit, **{f: values[f] for f in OWN_KOP_FIELDS})
            review_repo.add_audit(db(), "unit_kop", f"kop {unit.nama}", current_user.username,
                                  current_user.id, unit_id=unit.id,
                                  detail="; ".join(f"{f}: {values[f] or '-'}"
                                                   for f in OWN_KOP_FIELDS))
            db().commit()
            flash("Kop unit disimpan. Dokumen yang dibuat sejak sekarang memakainya.",
                  "success")
            return redirect(url_for(".own_kop"), 303)
    return render_template("unit_form.html", unit=unit, values=values, errors=errors,
                           kop_only=True, jenis=[(j, option_label(j)) for j in JENIS]
                           ), 422 if errors else 200


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
