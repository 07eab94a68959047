"""Review of template wording (``/tinjauan``): versions, upload, wording, diff, approval.

Roles: see ``docgen.web.reviewing``. An upload is checked in a child process (time and
memory limits) before anything is stored; a rejected upload stores nothing and shows
each problem with the text of the paragraph it is in.
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict

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
from flask_login import login_required
from markupsafe import Markup, escape

from docgen.convert import ConversionError
from docgen.registry import REGISTRY, DocumentType
from docgen.review.diff import DIFF_CSS, diff_versions
from docgen.review.problems import Problem
from docgen.review.wording import WORDING_CSS, wording_html
from docgen.storage import review_repo
from docgen.storage.models import DataVersionRow, TemplateVersionRow
from docgen.web import reviewing, versioning, watermark
from docgen.web.context import db, regulation, state
from docgen.web.outputs import DOCX_MIME

bp = Blueprint("review", __name__, url_prefix="/tinjauan")
MAX_TEMPLATE_BYTES = 8 * 1024 * 1024
PAGE_CSS = """
.wording-page{background:#fff;border:1px solid #d5dae2;border-radius:6px;padding:18px 26px;
  max-height:80vh;overflow:auto}
.diff-wrap{overflow-x:auto}
table.diff thead th{text-align:left;font:600 .85rem sans-serif;color:#5b6575;
  padding:4px 6px;border-bottom:2px solid #d5dae2}
.diff-summary{font-family:sans-serif}
.diff-card .diff-summary ul{display:none}
table.diff td.no::before{content:none}
"""


@bp.before_request
@login_required
def _readers_only() -> None:
    reviewing.require_reader()


@bp.get("/gaya.css")
def stylesheet():
    """The review core's CSS (the app's CSP forbids inline styles)."""
    return Response(WORDING_CSS + DIFF_CSS + PAGE_CSS, mimetype="text/css",
                    headers={"Cache-Control": "max-age=3600"})


def _doc_type(type_name: str) -> DocumentType:
    if type_name not in REGISTRY:
        abort(404)
    return REGISTRY.get(type_name)


def _version(type_name: str, number: int) -> TemplateVersionRow:
    return reviewing.version_or_404(TemplateVersionRow, type_name, number)


@bp.get("")
def index():
    templates = {r.type_name: r for r in review_repo.all_approved(db(), TemplateVersionRow)}
    data_sets = {r.name: r for r in review_repo.all_approved(db(), DataVersionRow)}
    return render_template(
        "review_index.html", types=list(REGISTRY), templates=templates, data_sets=data_sets,
        template_drafts=review_repo.count_drafts(db(), TemplateVersionRow),
        data_drafts=review_repo.count_drafts(db(), DataVersionRow))


@bp.get("/templat/<type_name>")
def template_page(type_name: str):
    return _template_page(_doc_type(type_name))


def _template_page(doc_type: DocumentType, problems: list[Problem] | None = None,
                   note: str = "", filename: str = ""):
    rows = review_repo.versions(db(), TemplateVersionRow, doc_type.name)
    current = next((r for r in rows if r.status == "approved"), None)
    return render_template("review_template.html", doc_type=doc_type, rows=rows,
                           current=current, problems=problems or [], note=note,
                           filename=filename, actions=reviewing.actions,
                           reviewer=reviewing.is_reviewer(), max_mb=MAX_TEMPLATE_BYTES >> 20)


@bp.post("/templat/<type_name>")
def upload(type_name: str):
    """A new version: checked in a child process; stored as a draft only if it passes."""
    doc_type = _doc_type(type_name)
    reviewing.require_reviewer()
    upload = request.files.get("berkas")
    note = request.form.get("catatan", "").strip()[:1000]
    filename = upload.filename if upload is not None and upload.filename else ""
    data = upload.stream.read(MAX_TEMPLATE_BYTES + 1) if filename else b""
    if not filename or not data:
        problems = [Problem("format", "pilih berkas templat .docx untuk diunggah")]
    elif len(data) > MAX_TEMPLATE_BYTES:
        problems = [Problem("size", f"berkas templat maksimal {MAX_TEMPLATE_BYTES >> 20} MB")]
    else:
        row, problems = reviewing.propose("template", type_name, data, note)
        if row is not None:
            db().commit()
            current = review_repo.approved(db(), TemplateVersionRow, type_name)
            flash(f"Templat {type_name} versi {row.number} lolos pemeriksaan dan disimpan "
                  "sebagai draf. Periksa perbedaannya; anggota Bagian Hukum lain yang "
                  "menyetujui.", "success")
            return redirect(url_for(".diff", type_name=type_name,
                                    lama=current.number if current else row.number,
                                    baru=row.number), 303)
    db().rollback()
    flash(f"Berkas {filename} ditolak; tidak ada yang disimpan." if filename
          else "Tidak ada berkas; tidak ada yang disimpan.", "error")
    return _template_page(doc_type, problems, note, filename), 422


@bp.get("/templat/<type_name>/<int:number>")
def version_page(type_name: str, number: int):
    doc_type = _doc_type(type_name)
    row = _version(type_name, number)
    try:
        wording = Markup(wording_html(row.content))  # noqa: S704 - escaped by the core
    except ValueError as exc:
        wording = Markup("<p>") + str(exc) + Markup("</p>")
    current = review_repo.approved(db(), TemplateVersionRow, type_name)
    return render_template("review_version.html", doc_type=doc_type, row=row,
                           wording=wording, current=current, can=reviewing.actions(row),
                           four_eyes=reviewing.FOUR_EYES_HINT)


_previews: OrderedDict[tuple, bytes] = OrderedDict()
_previews_lock = threading.Lock()


@bp.get("/templat/<type_name>/<int:number>/pratinjau.pdf")
def version_preview(type_name: str, number: int):
    """The type's sample rendered with this version (DRAF watermark: not a document)."""
    _doc_type(type_name)
    row = _version(type_name, number)
    in_use = regulation()
    key = (row.sha256, in_use.fingerprint())
    pdf = _previews.get(key)
    if pdf is None:
        try:
            pdf = watermark.stamp(versioning.render_sample_pdf(state().pipeline, type_name,
                                                               row.content, in_use))
        except (versioning.ReviewError, ConversionError) as exc:
            return Response(str(exc), status=422, mimetype="text/plain")
        with _previews_lock:
            _previews[key] = pdf
            while len(_previews) > 16:
                _previews.popitem(last=False)
    name = f"contoh-{type_name}-templat-v{number}.pdf"
    response = send_file(io.BytesIO(pdf), mimetype="application/pdf", download_name=name)
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    response.headers["Content-Security-Policy"] = "frame-ancestors 'self'"
    return response


@bp.get("/templat/<type_name>/<int:number>.docx")
def version_file(type_name: str, number: int):
    row = _version(type_name, number)
    return send_file(io.BytesIO(row.content), mimetype=DOCX_MIME, as_attachment=True,
                     download_name=f"templat-{type_name}-v{number}.docx")


@bp.get("/templat/<type_name>/banding")
def diff(type_name: str):
    """Two versions side by side (``lama`` and ``baru`` are version numbers)."""
    doc_type = _doc_type(type_name)
    rows = review_repo.versions(db(), TemplateVersionRow, type_name)  # newest first
    by_number = {r.number: r for r in rows}
    current = next((r.number for r in rows if r.status == "approved"), 1)
    old = by_number.get(request.args.get("lama", current, type=int))
    new = by_number.get(request.args.get("baru", rows[0].number if rows else 1, type=int))
    if old is None or new is None:
        abort(404)
    result = diff_versions(old.content, new.content)
    table = Markup(with_head(result.to_html(context=2), f"Versi {old.number} (lama)",
                             f"Versi {new.number} (baru)"))  # noqa: S704 - core escapes
    return render_template("review_diff.html", doc_type=doc_type, rows=rows, old=old,
                           new=new, result=result, table=table, can=reviewing.actions(new),
                           four_eyes=reviewing.FOUR_EYES_HINT)


@bp.post("/templat/<type_name>/<int:number>/<any(setujui, tarik):verb>")
def decide(type_name: str, number: int, verb: str):
    _doc_type(type_name)
    row = review_repo.get_version(db(), TemplateVersionRow, type_name, number)
    back = request.form.get("kembali", "")
    if not back.startswith("/tinjauan/"):
        back = url_for(".version_page", type_name=type_name, number=number)
    return reviewing.decide(row, verb, back)


def with_head(diff_html: str, old_label: str, new_label: str) -> str:
    """The core's diff table with a header row naming the two sides."""
    head = (f'<thead><tr><th colspan="2">{escape(old_label)}</th>'
            f'<th colspan="2">{escape(new_label)}</th></tr></thead>')
    return diff_html.replace('<table class="diff">', f'<table class="diff">{head}', 1)
