"""Document pages: list, new (prefilled), edit/save draft, mark final, new version.

The rules are ``docgen.documents.services.DocumentService`` (``context.documents()``);
these views parse the form, call it with ``current_user`` and answer with a page."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from docgen.convert import ConversionError
from docgen.documents.archive import PURPOSES
from docgen.documents.gate import FinalRefused
from docgen.documents.schema_form import Spec, build_form
from docgen.documents.services import DocumentService
from docgen.domain.errors import FieldError
from docgen.errors import Conflict
from docgen.registry import REGISTRY, DocumentType
from docgen.storage import Document
from docgen.web import formdata, uploads
from docgen.web.context import db, documents

bp = Blueprint("documents", __name__, url_prefix="/dokumen")


@bp.before_request
@login_required
def _login() -> None:
    """Every document page needs a logged-in user."""


def _spec(service: DocumentService, doc_type: DocumentType) -> Spec:
    return build_form(service.schema(doc_type))


@bp.get("")
def index():
    service, unit_filter = documents(), request.args.get("unit", "")
    return render_template("documents.html",
                           documents=service.list_documents(current_user, unit_filter),
                           units=service.units(current_user), unit_filter=unit_filter,
                           types=service.draftable_types(current_user), registry=REGISTRY)


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
    return document_page(documents(), doc_id)


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
    """Save the posted form as the draft's data, then answer by the button pressed."""
    spec = _spec(service, service.doc_type(document.type_name))
    form = request.form.copy()
    action = form.pop("_action", "save")
    verb, _, target = action.partition(":")
    if verb == "remove":
        formdata.remove_row(form, target)
    sink = uploads.PhotoSink(service, document.id)
    data = formdata.collect(spec, form, files=sink)
    if verb in ("add", "remove"):
        service.save_draft(current_user, document.id, data, check=False)
        view = formdata.to_view(spec, data)
        if verb == "add":
            formdata.add_row(view, target)
        return document_page(service, document.id, check=False, view=view, extra=sink.errors)
    errors = sink.errors + service.save_draft(current_user, document.id, data)
    if action == "final":
        if errors:
            flash("Draf disimpan, tetapi belum dapat ditandai final: perbaiki isian yang "
                  "ditandai.", "error")
            return document_page(service, document.id, errors=errors), 422
        refused = _finalize(service, document.id)
        if refused is not None:
            return refused
        flash("Dokumen ditandai final. Dokumen final hanya dapat dibaca.", "success")
        return redirect(url_for(".show", doc_id=document.id), 303)
    if errors:
        flash(f"Draf disimpan. Masih ada {len(errors)} isian yang perlu diperbaiki sebelum "
              "dokumen dapat ditandai final.", "warning")
        return document_page(service, document.id, errors=errors)
    flash("Draf disimpan. Isian lengkap: dokumen dapat ditandai final.", "success")
    return redirect(url_for(".show", doc_id=document.id), 303)


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
        archive=shown.archive, purposes=PURPOSES, refused=refused or [],
        preview=shown.preview, notices=shown.notices, preview_error=shown.preview_error)


def error_summary(spec: Spec, data: dict, by_path: dict[str, list[str]]) -> list[tuple]:
    """(anchor id, 'Label: message') for the box above the form."""
    paths = formdata.input_paths(spec, data)
    items = []
    for path, messages in by_path.items():
        label = _full_label(path, paths)
        for message in messages:
            items.append((formdata.input_id(path), f"{label}: {message}"))
    return items


def _full_label(path: str, paths: dict[str, Spec]) -> str:
    """'Susunan baris 2 – Nama' for a cell, the plain label elsewhere."""
    parts: list[str] = []
    current = ""
    for token in formdata.tokens(path):
        current = f"{current}[{token}]" if isinstance(token, int) else \
            formdata.join(current, token)
        if isinstance(token, int):
            parts[-1] = f"{parts[-1]} baris {token + 1}" if parts else f"baris {token + 1}"
        elif current in paths and (paths[current].is_rows or current == path):
            parts.append(paths[current].label)
    return " \u2013 ".join(parts) or path


@bp.post("/<int:doc_id>/final")
def mark_final(doc_id: int):
    service = documents()
    document = service.get(current_user, doc_id, edit=True)
    if document.is_final:
        return redirect(url_for(".show", doc_id=doc_id), 303)
    errors = service.errors(document)
    if errors:
        flash("Belum dapat ditandai final: perbaiki isian yang ditandai.", "error")
        return document_page(service, doc_id, errors=errors), 422
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
