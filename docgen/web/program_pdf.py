"""The printed recap of the program: a small form (year, unit kind, the signer prefilled
from the Keputusan of the Tim Pembinaan), then the PDF or the DOCX as a download.

Rules and rendering are ``docgen.documents.rekap_pdf`` (the recap's readers only: 403
for the others); a wrong signer or year shows the form again with the typed values and
the messages naming the field."""

from __future__ import annotations

import io

from flask import Blueprint, render_template, request, send_file
from flask_login import current_user, login_required

from docgen.accounts.units import JENIS
from docgen.documents import rekap_pdf
from docgen.documents.schema_form import option_label
from docgen.domain.errors import FieldError, InputError
from docgen.domain.program import JENIS_LABEL
from docgen.domain.program_laporan import FIELD_LABELS, penandatangan
from docgen.web.context import db, regulation, state
from docgen.web.outputs import DOCX_MIME

bp = Blueprint("program_pdf", __name__, url_prefix="/program")
FIELDS = ("tahun", "jenis", *FIELD_LABELS)
LABELS = {"tahun": "Tahun", "jenis": "Jenis unit", **FIELD_LABELS}


@bp.before_request
@login_required
def _login() -> None:
    """Only signed-in users; the service decides which roles."""


@bp.get("/rekap-pdf")
def form():
    default = rekap_pdf.default_signer(current_user, db())
    values = {"tahun": request.args.get("tahun", "").strip() or str(rekap_pdf.today().year),
              "jenis": request.args.get("jenis", "").strip(), **default.values}
    return _page(values, {}, default.sumber)


@bp.post("/rekap-pdf")
def download():
    values = {f: request.form.get(f, "").strip() for f in FIELDS}
    fmt = "docx" if request.form.get("format") == "docx" else "pdf"
    errors = _check_filters(values)
    try:
        signer = penandatangan(values)
    except InputError as exc:
        errors += exc.errors
        signer = None
    if errors or signer is None:
        sumber = rekap_pdf.default_signer(current_user, db()).sumber
        return _page(values, {e.field: e.message for e in errors}, sumber, 422)
    tahun, jenis = int(values["tahun"]), values["jenis"] or None
    if fmt == "pdf" and request.form.get("latar"):  # the page's button: a background job
        from docgen.web.jobs import redirect_to, start_job

        return redirect_to(start_job(current_user, "rekap-pdf", {
            "tahun": tahun, "jenis": jenis, "tanggal": rekap_pdf.today().isoformat(),
            "penandatangan": {f: values[f] for f in FIELD_LABELS}}))
    args = (current_user, db(), regulation(), state().pipeline, tahun, jenis, signer,
            rekap_pdf.today())
    name = f"rekap-program-budaya-kerja-{tahun}"
    if fmt == "docx":
        data, mimetype = rekap_pdf.render_docx(*args), DOCX_MIME
    else:
        data, mimetype = rekap_pdf.render_recap(*args).pdf, "application/pdf"
    return send_file(io.BytesIO(data), as_attachment=True, mimetype=mimetype,
                     download_name=f"{name}.{fmt}")


def _check_filters(values: dict[str, str]) -> list[FieldError]:
    errors = []
    if not (values["tahun"].isdigit() and len(values["tahun"]) == 4):
        errors.append(FieldError("tahun", "Tahun: isi empat angka, mis. 2026"))
    if values["jenis"] and values["jenis"] not in JENIS:
        errors.append(FieldError("jenis", "Jenis unit: pilih dari daftar"))
    return errors


def _page(values: dict[str, str], errors: dict[str, str], sumber: str | None,
          status: int = 200):
    jenis = [(j, JENIS_LABEL.get(j, option_label(j))) for j in JENIS]
    return render_template("program_pdf.html", values=values, errors=errors, labels=LABELS,
                           sumber=sumber, jenis=jenis), status
