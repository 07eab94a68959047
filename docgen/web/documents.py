"""Document pages: list, new (prefilled), edit/save draft, mark final, new version."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from docgen.convert import ConversionError
from docgen.domain.errors import FieldError, InputError
from docgen.registry import REGISTRY, DocumentType
from docgen.storage import Document, repo, review_repo
from docgen.web import formdata, prefill, summaries, uploads
from docgen.web.archiving import PURPOSES, finalize, preview_notes, template_of
from docgen.web.context import db, describe, regulation
from docgen.web.gate import FinalRefused
from docgen.web.schema_form import Spec, build_form
from docgen.web.security import (
    can_edit,
    can_edit_type,
    draftable_types,
    require_edit,
    require_read,
)

bp = Blueprint("documents", __name__, url_prefix="/dokumen")
ARCHIVE_SHOWN = 20  # newest archive entries on a document's page (all: the audit list)


@bp.before_request
@login_required
def _login() -> None:
    """Every document page needs a logged-in user."""


def _doc_type(name: str) -> DocumentType:
    if name not in REGISTRY:
        abort(404)
    return REGISTRY.get(name)


def _document(doc_id: int, edit: bool = False) -> Document:
    document = repo.get_document(db(), doc_id)
    return require_edit(current_user, document) if edit else require_read(current_user,
                                                                          document)


@bp.get("")
def index():
    unit_filter = request.args.get("unit", "")
    if not current_user.reads_all:
        documents, units = repo.list_documents(db(), current_user.unit_id), []
    else:
        units = repo.list_units(db())
        if unit_filter == "kabupaten":
            documents = repo.list_documents(db(), None)
        elif unit_filter.isdigit():
            documents = repo.list_documents(db(), int(unit_filter))
        else:
            documents = repo.list_documents(db())
    return render_template("documents.html", documents=documents, units=units,
                           unit_filter=unit_filter, types=draftable_types(current_user),
                           registry=REGISTRY)


@bp.route("/baru/<type_name>", methods=["GET", "POST"])
def new(type_name: str):
    doc_type = _doc_type(type_name)
    if current_user.role not in doc_type.roles:
        abort(403)
    spec = build_form(doc_type.schema(regulation()))
    if request.method == "POST":
        document = repo.create_document(db(), type_name, current_user.owner_unit_id,
                                         current_user.id, {})
        return _save_post(document, doc_type, spec)
    ctx = _prefill_context(doc_type)
    view = formdata.to_view(spec, prefill.initial_data(ctx))
    return render_template("document.html", document=None, doc_type=doc_type, spec=spec,
                           data=view, hints=ctx.hints, editable=True, errors={},
                           general=[], summary=[], valid=False, versions=[],
                           panels=[], computed=None)


def _prefill_context(doc_type: DocumentType) -> prefill.Context:
    unit = repo.get_unit(db(), current_user.owner_unit_id) \
        if current_user.owner_unit_id else None

    def latest(type_name: str) -> dict | None:
        found = repo.latest_document(db(), current_user.owner_unit_id, type_name)
        return dict(found.data) if found else None

    return prefill.Context(doc_type, unit, latest, dict(request.args))


@bp.get("/<int:doc_id>")
def show(doc_id: int):
    document = _document(doc_id)
    return _page(document)


@bp.post("/<int:doc_id>")
def save(doc_id: int):
    document = _document(doc_id, edit=True)
    if document.is_final:
        flash("Dokumen final tidak dapat diubah. Buat versi baru untuk mengubahnya.", "error")
        return redirect(url_for(".show", doc_id=doc_id), 303)
    doc_type = _doc_type(document.type_name)
    return _save_post(document, doc_type, build_form(doc_type.schema(regulation())))


def _save_post(document: Document, doc_type: DocumentType, spec: Spec):
    """Save the posted form as the draft's data, then answer by the button pressed."""
    form = request.form.copy()
    action = form.pop("_action", "save")
    verb, _, target = action.partition(":")
    if verb == "remove":
        formdata.remove_row(form, target)
    sink = uploads.PhotoSink(document)
    data = formdata.collect(spec, form, files=sink)
    repo.save_data(document, data, describe(data))
    db().commit()
    if verb in ("add", "remove"):
        view = formdata.to_view(spec, data)
        if verb == "add":
            formdata.add_row(view, target)
        return _page(document, check=False, view=view, extra=sink.errors)
    errors = sink.errors + validate(doc_type, document)
    if action == "final":
        if errors:
            flash("Draf disimpan, tetapi belum dapat ditandai final: perbaiki isian yang "
                  "ditandai.", "error")
            return _page(document, errors=errors), 422
        refused = _finalize(document)
        if refused is not None:
            return refused
        flash("Dokumen ditandai final. Dokumen final hanya dapat dibaca.", "success")
        return redirect(url_for(".show", doc_id=document.id), 303)
    if errors:
        flash(f"Draf disimpan. Masih ada {len(errors)} isian yang perlu diperbaiki sebelum "
              "dokumen dapat ditandai final.", "warning")
        return _page(document, errors=errors)
    flash("Draf disimpan. Isian lengkap: dokumen dapat ditandai final.", "success")
    return redirect(url_for(".show", doc_id=document.id), 303)


def validate(doc_type: DocumentType, document: Document) -> list[FieldError]:
    try:
        doc_type.parse(uploads.resolve_files(document.data, document.unit_id), regulation())
    except InputError as exc:
        return exc.errors
    return []


def _page(document: Document, errors: list[FieldError] | None = None, check: bool = True,
          view: dict | None = None, extra: list[FieldError] | None = None,
          refused: list[str] | None = None, preview=None):
    """The document page; ``check=False`` hides validation errors (after a row action).

    A valid draft's preview is rendered here once, its warnings listed above it."""
    doc_type = _doc_type(document.type_name)
    spec = build_form(doc_type.schema(regulation()))
    if view is None:
        view = formdata.to_view(spec, document.data)
    if document.is_final:
        problems: list[FieldError] = []
    else:
        problems = errors if errors is not None else validate(doc_type, document)
    by_path, general = formdata.place_errors(spec, view, (extra or []) +
                                             (problems if check else []))
    valid = not problems
    notes = preview_notes(document, preview) if valid and not document.is_final else \
        (None, [], None)
    return render_template(
        "document.html", document=document, doc_type=doc_type, spec=spec, data=view,
        hints={}, editable=can_edit(current_user, document), errors=by_path,
        general=general, summary=error_summary(spec, view, by_path), valid=valid,
        versions=repo.versions_of(db(), document),
        can_new_version=document.is_final and can_edit_type(current_user, document),
        panels=uploads.panels(doc_type, document),
        computed=summaries.computed(doc_type, document) if valid else None,
        template=template_of(document),
        archive=review_repo.archive_of_document(db(), document.id)[:ARCHIVE_SHOWN],
        purposes=PURPOSES, refused=refused or [], preview=notes[0], notices=notes[1],
        preview_error=notes[2])


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
    parts, current = [], ""
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
    document = _document(doc_id, edit=True)
    if document.is_final:
        return redirect(url_for(".show", doc_id=doc_id), 303)
    errors = validate(_doc_type(document.type_name), document)
    if errors:
        flash("Belum dapat ditandai final: perbaiki isian yang ditandai.", "error")
        return _page(document, errors=errors), 422
    refused = _finalize(document)
    if refused is not None:
        return refused
    flash("Dokumen ditandai final.", "success")
    return redirect(url_for(".show", doc_id=doc_id), 303)


def _finalize(document: Document):
    """Archive and mark final (None); else the page saying why it is still a draft."""
    try:
        finalize(document)
    except ConversionError as exc:
        db().rollback()
        flash(f"Dokumen belum ditandai final: PDF tidak dapat dibuat ({exc}). Coba lagi "
              "sebentar lagi.", "error")
        return _page(document), 503
    except FinalRefused as exc:
        db().rollback()
        flash("Dokumen belum ditandai final dan tetap draf: perbaiki hal berikut.", "error")
        return _page(document, refused=exc.messages, preview=exc.preview), 422
    db().commit()
    return None


@bp.post("/<int:doc_id>/versi-baru")
def new_version(doc_id: int):
    document = _document(doc_id, edit=True)
    if not document.is_final:
        flash("Versi baru dibuat dari dokumen final; draf ini masih dapat diubah langsung.",
              "info")
        return redirect(url_for(".show", doc_id=doc_id), 303)
    copy = repo.new_version(db(), document, current_user.id)
    db().commit()
    flash(f"Versi {copy.version} dibuat sebagai salinan versi {document.version}.", "success")
    return redirect(url_for(".show", doc_id=copy.id), 303)


@bp.post("/<int:doc_id>/hapus")
def delete(doc_id: int):
    document = _document(doc_id, edit=True)
    if document.is_final:
        flash("Dokumen final tidak dapat dihapus.", "error")
        return redirect(url_for(".show", doc_id=doc_id), 303)
    repo.delete_document(db(), document)
    db().commit()
    flash("Draf dihapus.", "info")
    return redirect(url_for(".index"), 303)
