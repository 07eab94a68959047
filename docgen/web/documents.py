"""Document pages: list, new (prefilled), edit/save draft, mark final, new version.

The rules are ``docgen.documents.services.DocumentService`` (``context.documents()``);
these views parse the form, call it with ``current_user`` and answer with a page."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required

from docgen.convert import ConversionError
from docgen.documents.archive import PURPOSES
from docgen.documents.gate import FinalRefused
from docgen.documents.listing import Filters
from docgen.documents.schema_form import Spec, build_form
from docgen.documents.services import DocumentService
from docgen.domain.errors import FieldError
from docgen.errors import Conflict
from docgen.registry import REGISTRY, DocumentType
from docgen.storage import Document
from docgen.web import formdata, uploads
from docgen.web.context import db, documents
from docgen.web.error_summary import error_summary

bp = Blueprint("documents", __name__, url_prefix="/dokumen")
FIELD_ERRORS = "document_field_errors"


@bp.before_request
@login_required
def _login() -> None:
    """Every document page needs a logged-in user."""


def _spec(service: DocumentService, doc_type: DocumentType) -> Spec:
    return build_form(service.schema(doc_type))


@bp.get("")
def index():
    service, filters = documents(), Filters.from_args(request.args)
    return render_template("documents.html", page=service.find_documents(current_user, filters),
                           filters=filters, units=service.units(current_user),
                           all_types=list(REGISTRY), years=_years(filters),
                           types=service.draftable_types(current_user), registry=REGISTRY)


def _years(filters: Filters) -> list[str]:
    """The years offered in the list's filter: this year back to 2020, the chosen one too."""
    this_year = date.today().year
    years = [str(y) for y in range(this_year + 1, 2019, -1)]
    return years if not filters.tahun or filters.tahun in years else [filters.tahun, *years]


@bp.route("/baru/<type_name>", methods=["GET", "POST"])
def new(type_name: str):
    service = documents()
    if request.method == "POST":
        document = service.create_draft(current_user, type_name, {})
        return _save_post(service, document)
    prefilled = service.prefill(current_user, type_name, dict(request.args))
    doc_type = service.doc_type(type_name)
    spec = _spec(service, doc_type)
    return render_template("document.html", document=None, doc_type=doc_type, spec=spec,
                           data=formdata.to_view(spec, prefilled.data), hints=prefilled.hints,
                           editable=True, errors={}, general=[], summary=[], valid=False,
                           versions=[], panels=[], computed=None)


@bp.get("/<int:doc_id>")
def show(doc_id: int):
    """The document; ``?tambah=<table>`` shows one more empty row there (the no-JS
    "Tambah baris"), ``?baris=1`` leaves validation errors out after a row action."""
    service, added = documents(), request.args.get("tambah", "")
    extra = _taken_field_errors(doc_id)
    if not added and "baris" not in request.args:
        return document_page(service, doc_id, extra=extra)
    document = service.get(current_user, doc_id)
    spec = _spec(service, service.doc_type(document.type_name))
    view = formdata.to_view(spec, document.data)
    if added:
        formdata.add_row(view, added)
    return document_page(service, doc_id, check=False, view=view, extra=extra)


def _keep_field_errors(doc_id: int, errors: list[FieldError]) -> None:
    """Errors of the post itself (a refused photo), shown by the page it redirects to."""
    if errors:
        session[FIELD_ERRORS] = {"id": doc_id, "errors": [[e.field, e.message] for e in errors]}


def _taken_field_errors(doc_id: int) -> list[FieldError]:
    kept = session.pop(FIELD_ERRORS, None)
    if not isinstance(kept, dict) or kept.get("id") != doc_id:
        return []
    return [FieldError(str(field), str(message)) for field, message in kept["errors"]]


@bp.get("/<int:doc_id>/riwayat")
def history(doc_id: int):
    return render_template("document_history.html",
                           shown=documents().history(current_user, doc_id), purposes=PURPOSES)


@bp.post("/<int:doc_id>")
def save(doc_id: int):
    service = documents()
    try:
        return _save_post(service, service.draft(current_user, doc_id))
    except Conflict as exc:  # final already, or made final by a request running alongside
        db().rollback()  # nothing of this post is kept (e.g. photos stored with it)
        flash(exc.message, "error")
        return redirect(url_for(".show", doc_id=doc_id), 303)


def _save_post(service: DocumentService, document: Document):
    """Save the posted form as the draft's data, then answer by the button pressed.

    Post/redirect/get: a save always ends on ``/dokumen/<id>`` (a reload shows the page
    again, never posts again); the page shows the draft's errors beside the fields."""
    spec = _spec(service, service.doc_type(document.type_name))
    form = request.form.copy()
    action = form.pop("_action", "save")
    verb, _, target = action.partition(":")
    if verb == "remove":
        formdata.remove_row(form, target)
    sink = uploads.PhotoSink(service, document.id)
    data = formdata.collect(spec, form, files=sink)
    _keep_field_errors(document.id, sink.errors)
    if verb in ("add", "remove"):
        service.save_draft(current_user, document.id, data, check=False)
        args = {"tambah": target} if verb == "add" else {"baris": 1}
        return redirect(url_for(".show", doc_id=document.id, **args), 303)
    errors = sink.errors + service.save_draft(current_user, document.id, data)
    if action == "final":
        return _final_after_save(service, document.id, errors)
    if errors:
        flash(f"Draf disimpan. Masih ada {len(errors)} isian yang perlu diperbaiki sebelum "
              "dokumen dapat ditandai final.", "warning")
    else:
        flash("Draf disimpan. Isian lengkap: dokumen dapat ditandai final.", "success")
    return redirect(url_for(".show", doc_id=document.id), 303)


def _final_after_save(service: DocumentService, doc_id: int, errors: list[FieldError]):
    if errors:
        flash("Draf disimpan, tetapi belum dapat ditandai final: perbaiki isian yang "
              "ditandai.", "error")
        return redirect(url_for(".show", doc_id=doc_id), 303)
    refused = _finalize(service, doc_id)
    if refused is not None:
        return refused
    flash("Dokumen ditandai final. Dokumen final hanya dapat dibaca.", "success")
    return redirect(url_for(".show", doc_id=doc_id), 303)


def document_page(service: DocumentService, doc_id: int, errors: list[FieldError] | None = None,
          check: bool = True, view: dict | None = None, extra: list[FieldError] | None = None,
          refused: list[str] | None = None, preview=None):
    """The document page; ``check=False`` hides validation errors (after a row action).

    A valid draft's preview is rendered here once, its warnings listed above it."""
    shown = service.view(current_user, doc_id, errors, preview)
    spec = _spec(service, shown.doc_type)
    if view is None:
        view = formdata.to_view(spec, shown.document.data)
    by_path, general = formdata.place_errors(spec, view, (extra or []) +
                                             (shown.errors if check else []))
    return render_template(
        "document.html", document=shown.document, doc_type=shown.doc_type, spec=spec,
        data=view, hints={}, editable=shown.editable, errors=by_path, general=general,
        summary=error_summary(spec, view, by_path), valid=not shown.errors,
        versions=shown.versions, can_new_version=shown.can_new_version,
        panels=shown.panels, computed=shown.computed, template=shown.template,
        verification_id=shown.verification_id, refused=refused or [],
        preview=shown.preview, notices=shown.notices, preview_error=shown.preview_error)


@bp.post("/<int:doc_id>/final")
def mark_final(doc_id: int):
    service = documents()
    document = service.get(current_user, doc_id, edit=True)
    if document.is_final:
        return redirect(url_for(".show", doc_id=doc_id), 303)
    if service.errors(document):
        flash("Belum dapat ditandai final: perbaiki isian yang ditandai.", "error")
        return redirect(url_for(".show", doc_id=doc_id), 303)
    refused = _finalize(service, doc_id)
    if refused is not None:
        return refused
    flash("Dokumen ditandai final.", "success")
    return redirect(url_for(".show", doc_id=doc_id), 303)


def _finalize(service: DocumentService, doc_id: int):
    """Archive and mark final (None); else the page saying why it is still a draft.

    A refusal is raised before the service writes anything, so what the request saved
    before (the posted draft) stays and is committed with the request."""
    try:
        service.finalize(current_user, doc_id)
    except ConversionError as exc:
        flash(f"Dokumen belum ditandai final: PDF tidak dapat dibuat ({exc}). Coba lagi "
              "sebentar lagi.", "error")
        return document_page(service, doc_id), 503
    except FinalRefused as exc:
        flash("Dokumen belum ditandai final dan tetap draf: perbaiki hal berikut.", "error")
        return document_page(service, doc_id, refused=exc.messages, preview=exc.preview), 422
    return None


@bp.post("/<int:doc_id>/versi-baru")
def new_version(doc_id: int):
    service = documents()
    try:
        copy = service.new_version(current_user, doc_id)
    except Conflict as exc:
        flash(exc.message, "info")
        return redirect(url_for(".show", doc_id=doc_id), 303)
    flash(f"Versi {copy.version} dibuat sebagai salinan versi {copy.version - 1}.", "success")
    return redirect(url_for(".show", doc_id=copy.id), 303)


@bp.post("/<int:doc_id>/hapus")
def delete(doc_id: int):
    try:
        documents().delete_draft(current_user, doc_id)
    except Conflict as exc:
        flash(exc.message, "error")
        return redirect(url_for(".show", doc_id=doc_id), 303)
    flash("Draf dihapus.", "info")
    return redirect(url_for(".index"), 303)
