"""Review of template wording (``/tinjauan``): versions, upload, wording, diff, approval.

The rules (roles, checks, four eyes) are ``docgen.review.services``; these views parse the
request, call the request's ``ReviewService`` (``context.review()``) as ``current_user``
and answer. A rejected upload stores nothing and shows each problem with the text of the
paragraph it is in.
"""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from functools import partial

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
from markupsafe import Markup, escape

from docgen.convert import ConversionError
from docgen.domain.regulation import names as data_names
from docgen.errors import Conflict, NotFound
from docgen.registry import REGISTRY, DocumentType
from docgen.render.watermark import stamp
from docgen.review import services
from docgen.review.catalog import subject
from docgen.review.dataforms import DATA_TITLES
from docgen.review.diff import DIFF_CSS, diff_versions
from docgen.review.labels import schema_labels
from docgen.review.problems import Problem
from docgen.review.readable import READABLE_CSS, readable_html
from docgen.review.services import MAX_TEMPLATE_BYTES, Rejected
from docgen.review.wording import WORDING_CSS, wording_html
from docgen.web.context import regulation, review
from docgen.web.outputs import DOCX_MIME

bp = Blueprint("review", __name__, url_prefix="/tinjauan")
FOUR_EYES_HINT = ("Anda yang mengunggah versi ini. Persetujuan harus diberikan oleh anggota "
                  "Bagian Hukum lain (prinsip empat mata).")
PAGE_CSS = """
.wording-page{background:#fff;border:1px solid #d5dae2;border-radius:6px;padding:18px 26px;
  max-height:80vh;overflow:auto}
.diff-wrap{overflow-x:auto}
table.diff thead th{text-align:left;font:600 .85rem sans-serif;color:#5b6575;
  padding:4px 6px;border-bottom:2px solid #d5dae2}
.diff-summary{font-family:sans-serif}
.diff-card .diff-summary ul{display:none}
table.diff td.no::before{content:none}
.list-field ol.rows{padding-left:1.8em}
.list-field ol.rows li{margin:0 0 .6em}
.list-field .row-item{display:flex;gap:.5em;align-items:flex-start}
.list-field .row-item textarea,.list-field .row-item select{flex:1;min-width:0;width:100%}
.list-field .legal-ref{color:#5b4500;background:#fff8e6;border-left:3px solid #d9a520;
  padding:.2em .5em}
.wording-legend .ph{background:#e8f0ff;border:1px solid #9bb6e8;border-radius:3px}
.wording-legend .mark{background:#fff3d6;border-left:3px solid #d9a520;font-style:italic}
@media (max-width:600px){.list-field .row-item{flex-direction:column;align-items:stretch}}
"""


@bp.before_request
@login_required
def _readers_only() -> None:
    services.require_reader(current_user)


@bp.get("/gaya.css")
def stylesheet():
    """The review core's CSS (the app's CSP forbids inline styles)."""
    return Response(WORDING_CSS + READABLE_CSS + DIFF_CSS + PAGE_CSS, mimetype="text/css",
                    headers={"Cache-Control": "max-age=3600"})


def _doc_type(type_name: str) -> DocumentType:
    if type_name not in REGISTRY:
        abort(404)
    return REGISTRY.get(type_name)


def _version(type_name: str, number: int):
    try:
        return review().version(current_user, "template", type_name, number)
    except NotFound:
        abort(404)


def actions():
    """What the current user may do with a version (the pages show the buttons)."""
    return partial(services.actions, current_user)


@bp.get("")
def index():
    service = review()
    data_sets = service.approved_versions(current_user, "data")
    drafts = _all_drafts()
    return render_template(
        "review_index.html", types=list(REGISTRY),
        templates=service.approved_versions(current_user, "template"),
        data_sets=data_sets, drafts=drafts, waiting=_waiting(drafts), data_titles=DATA_TITLES)


def _all_drafts() -> dict[str, dict[str, list]]:
    return {"template": _drafts("template", [t.name for t in REGISTRY]),
            "data": _drafts("data", sorted(data_names()))}


def _waiting(drafts: dict[str, dict[str, list]]) -> list[tuple[str, str, object]]:
    """(kind, key, version) of every draft the current user may approve (four eyes)."""
    return [(kind, key, row) for kind, rows in drafts.items()
            for key, versions in rows.items() for row in versions
            if services.actions(current_user, row)["approve"]]


@bp.app_context_processor
def _waiting_for_me() -> dict:
    """``review_waiting()`` in every page: how many drafts wait for the current user's
    approval (0 for anyone outside Bagian Hukum; queried only when a page calls it)."""
    def review_waiting() -> int:
        if not current_user.is_authenticated or not services.is_reviewer(current_user):
            return 0
        return len(_waiting(_all_drafts()))
    return {"review_waiting": review_waiting}


def _drafts(kind: str, keys: list[str]) -> dict[str, list]:
    """key -> its draft versions, newest first (only keys that have one)."""
    service = review()
    counts = service.draft_counts(current_user, kind)
    return {key: [r for r in service.versions(current_user, kind, key) if r.status == "draft"]
            for key in keys if counts.get(key)}


@bp.get("/templat/<type_name>")
def template_page(type_name: str):
    return _template_page(_doc_type(type_name))


def _template_page(doc_type: DocumentType, problems: list[Problem] | None = None,
                   note: str = "", filename: str = ""):
    rows = review().versions(current_user, "template", doc_type.name)
    current = next((r for r in rows if r.status == "approved"), None)
    return render_template("review_template.html", doc_type=doc_type, rows=rows,
                           current=current, problems=problems or [], note=note,
                           filename=filename, actions=actions(),
                           reviewer=services.is_reviewer(current_user),
                           max_mb=MAX_TEMPLATE_BYTES >> 20)


@bp.post("/templat/<type_name>")
def upload(type_name: str):
    """A new version: checked in a child process; stored as a draft only if it passes."""
    doc_type = _doc_type(type_name)
    services.require_reviewer(current_user)
    upload = request.files.get("berkas")
    note = request.form.get("catatan", "").strip()[:1000]
    filename = upload.filename if upload is not None and upload.filename else ""
    data = upload.stream.read(MAX_TEMPLATE_BYTES + 1) if upload and filename else b""
    service = review()
    try:
        row = service.propose_template(current_user, type_name, data, note)
    except Rejected as exc:
        flash(f"Berkas {filename} ditolak; tidak ada yang disimpan." if filename
              else "Tidak ada berkas; tidak ada yang disimpan.", "error")
        return _template_page(doc_type, exc.problems, note, filename), 422
    current = service.current("template", type_name)
    flash(f"Templat {type_name} versi {row.number} lolos pemeriksaan dan disimpan "
          "sebagai draf. Periksa perbedaannya; anggota Bagian Hukum lain yang "
          "menyetujui.", "success")
    return redirect(url_for(".diff", type_name=type_name,
                            lama=current.number if current else row.number,
                            baru=row.number), 303)


@bp.get("/templat/<type_name>/<int:number>")
def version_page(type_name: str, number: int):
    doc_type = _doc_type(type_name)
    row = _version(type_name, number)
    try:
        labels = schema_labels(doc_type.schema(regulation()))
        readable = Markup(readable_html(row.content, labels))  # noqa: S704 - core escapes
        wording = Markup(wording_html(row.content))  # noqa: S704 - escaped by the core
    except ValueError as exc:
        wording = readable = Markup("<p>") + str(exc) + Markup("</p>")
    current = review().current("template", type_name)
    return render_template("review_version.html", doc_type=doc_type, row=row,
                           wording=wording, readable=readable, current=current,
                           can=services.actions(current_user, row), four_eyes=FOUR_EYES_HINT)


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
            pdf = stamp(review().sample_pdf(current_user, row))
        except (Conflict, ConversionError) as exc:
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
    rows = review().versions(current_user, "template", type_name)  # newest first
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
                           new=new, result=result, table=table,
                           can=services.actions(current_user, new), four_eyes=FOUR_EYES_HINT)


@bp.post("/templat/<type_name>/<int:number>/<any(setujui, tarik):verb>")
def decide(type_name: str, number: int, verb: str):
    _doc_type(type_name)
    back = request.form.get("kembali", "")
    if not back.startswith("/tinjauan/"):
        back = url_for(".version_page", type_name=type_name, number=number)
    return decide_version("template", type_name, number, verb, back)


def decide_version(kind: str, key: str, number: int, verb: str, back: str):
    """POST approve (``setujui``) or withdraw (``tarik``) a version, then back to ``back``
    (a refusal by role or four eyes is a 403 page; a failed check or state, a message)."""
    service = review()
    try:
        if verb == "setujui":
            row = service.approve(current_user, kind, key, number)
            message = f"{subject(row).capitalize()} disetujui dan berlaku untuk dokumen baru."
        else:
            row = service.withdraw(current_user, kind, key, number)
            message = f"{subject(row).capitalize()} ditarik."
    except Rejected as exc:
        flash(f"{exc.message} " + " ".join(f"\u2022 {p}" for p in exc.problems), "error")
        return redirect(back, 303)
    except Conflict as exc:
        flash(exc.message, "error")
        return redirect(back, 303)
    except NotFound:
        abort(404)
    flash(message, "success")
    return redirect(back, 303)


def with_head(diff_html: str, old_label: str, new_label: str) -> str:
    """The core's diff table with a header row naming the two sides."""
    head = (f'<thead><tr><th colspan="2">{escape(old_label)}</th>'
            f'<th colspan="2">{escape(new_label)}</th></tr></thead>')
    return diff_html.replace('<table class="diff">', f'<table class="diff">{head}', 1)
