"""The regency's program overview (issue 12): /program (documents per unit), /program/nilai
(ranking, Laporan Evaluasi, Agen Perubahan, charts), /program/gelar (who may enter the
Gelar Budaya Kerja), /program/rekap.xlsx and the charts' PNGs.

admin_kabupaten, bagian_hukum and tim_pembinaan; the services (``documents.rekap``,
``documents.program_xlsx``) refuse everyone else (403 through ``web.errors``). These views
read ``?tahun=`` (default: this year) and ``?jenis=`` (a unit kind) and answer."""

from __future__ import annotations

import io
from datetime import date

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_login import current_user, login_required

from docgen.accounts.units import JENIS
from docgen.documents import program_figures, program_xlsx
from docgen.documents.rekap import Rekap, rekap
from docgen.documents.rekap import years as recap_years
from docgen.domain.errors import InputError
from docgen.render.figures import figure_bytes
from docgen.web import program_views
from docgen.web.context import db, regulation, state
from docgen.web.jobs import redirect_to, start_job

bp = Blueprint("program", __name__, url_prefix="/program")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.before_request
@login_required
def _login() -> None:
    """Every program page needs a logged-in user (the role is the service's check)."""


def _query() -> tuple[int, str | None]:
    """``?tahun=`` (four digits, default this year) and ``?jenis=`` (a unit kind or empty);
    anything else is a bad request."""
    tahun = request.args.get("tahun", "").strip() or str(date.today().year)
    jenis = request.args.get("jenis", "").strip() or None
    if not (tahun.isdigit() and len(tahun) == 4) or (jenis and jenis not in JENIS):
        abort(400)
    return int(tahun), jenis


def _recap() -> Rekap:
    tahun, jenis = _query()
    return rekap(current_user, db(), regulation(), tahun, jenis)


def _page(template: str, recap: Rekap, page: str, **values: object) -> str:
    years = recap_years(current_user, db(), date.today().year)
    return render_template(template, recap=recap, **program_views.common(recap, page, years),
                           **values)


@bp.get("")
def index():
    recap = _recap()
    return _page("program_dokumen.html", recap, "dokumen")


@bp.get("/nilai")
def nilai():
    recap = _recap()
    return _page("program_nilai.html", recap, "nilai",
                 **program_views.nilai(recap, regulation()))


@bp.get("/gelar")
def gelar():
    recap = _recap()
    return _page("program_gelar.html", recap, "gelar", **program_views.gelar(recap))


@bp.get("/grafik/<name>.png")
def grafik(name: str):
    draw = {"nilai": program_figures.grafik_nilai, "jenis": program_figures.grafik_jenis}
    if name not in draw:
        abort(404)
    figure = draw[name](_recap(), regulation())
    if figure is None:
        abort(404)  # the page says "Belum ada scored card final" instead of the picture
    png = figure_bytes(figure, state().settings)
    return Response(png, mimetype="image/png", headers={"Cache-Control": "private, no-cache"})


@bp.get("/rekap.xlsx")
def xlsx():
    tahun, jenis = _query()
    data = program_xlsx.rekap_xlsx(current_user, db(), regulation(), tahun, jenis)
    return send_file(io.BytesIO(data), mimetype=XLSX, as_attachment=True,
                     download_name=program_xlsx.nama_berkas(tahun))


@bp.post("/zip")
def zip_type():
    """Every unit's counted document of one type as a ZIP job (its progress page next)."""
    tahun, jenis = _query()
    params = {"type": request.form.get("type", ""), "tahun": tahun, "jenis": jenis,
              "format": request.form.get("format", "pdf")}
    try:
        job = start_job(current_user, "jenis-dokumen", params)
    except InputError as exc:
        flash("; ".join(error.message for error in exc.errors), "error")
        return redirect(url_for("program.index", tahun=tahun, jenis=jenis), 303)
    return redirect_to(job)
