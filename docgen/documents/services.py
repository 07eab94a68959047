"""The documents service: what a user may do with documents, for the web, API and CLI.

``DocumentService`` is built with its collaborators (the database session, the
``Pipeline``, ``Settings``, the ``Regulation`` snapshot, the stored ``Emblems``, the
preview cache) and every method takes the acting user (``Actor``). Refusals are
``docgen.errors`` (``NotFound``: missing or another unit's; ``Forbidden``: the role may
not; ``Conflict``: e.g. changing a final), input errors ``InputError``, a refused final
``FinalRefused``. The service flushes and never commits: the caller owns the
transaction (one per web request, one per CLI command).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from docgen.accounts.access import (
    Actor,
    can_edit,
    can_edit_type,
    draftable_types,
    require_edit,
    require_own_unit,
    require_read,
    require_type,
)
from docgen.config import Settings
from docgen.convert import ConversionError
from docgen.documents import archive, listing, prefill, summaries
from docgen.documents import files as uploads
from docgen.documents.archive import KABUPATEN, Author
from docgen.documents.field_labels import human_error
from docgen.documents.gate import FinalRefused
from docgen.documents.names import describe, file_stem
from docgen.documents.page import HISTORY_SHOWN, DocumentHistory, DocumentView
from docgen.documents.prefill import Context as PrefillContext
from docgen.documents.prefill_penghargaan import ranking_for
from docgen.documents.previews import Preview, PreviewCache
from docgen.documents.rendering import Renderer
from docgen.documents.schema_form import build_form
from docgen.documents.templates import template_of
from docgen.domain.errors import FieldError, InputError
from docgen.domain.regulation import Regulation
from docgen.errors import Conflict, Forbidden, NotFound
from docgen.pipeline import Pipeline
from docgen.registry import REGISTRY, DocumentType
from docgen.render import TemplateRenderError
from docgen.render.figures import Emblems
from docgen.storage import Document, Unit, Upload, repo, review_repo
from docgen.storage.models import TemplateVersionRow

__all__ = ["DocumentHistory", "DocumentService", "DocumentView", "FinalRefused", "Prefilled"]
NOT_FOUND = "Halaman atau dokumen yang diminta tidak ada, atau bukan milik unit Anda."
FORBIDDEN = "Anda tidak berwenang membuka atau mengubah halaman ini."
FINAL_READ_ONLY = "Dokumen final tidak dapat diubah. Buat versi baru untuk mengubahnya."
FORMATS = {"docx": ("docx",), "pdf": ("pdf",), "keduanya": ("docx", "pdf")}


@dataclass(frozen=True)
class Prefilled:
    data: dict[str, Any]
    hints: dict[str, str]  # input path -> placeholder text


class DocumentService:
    def __init__(self, session: Session, pipeline: Pipeline, settings: Settings,
                 regulation: Regulation, emblems: Emblems, previews: PreviewCache):
        self.session = session
        self.regulation = regulation
        self.renderer = Renderer(session, pipeline, settings, regulation, emblems, previews)

    # -- finding -------------------------------------------------------------------------
    def doc_type(self, name: str) -> DocumentType:
        if name not in REGISTRY:
            raise NotFound(NOT_FOUND)
        return REGISTRY.get(name)

    def schema(self, doc_type: DocumentType) -> dict[str, Any]:
        """The type's JSON schema as read with the service's regulation snapshot."""
        return doc_type.schema(self.regulation)

    def get(self, actor: Actor, document_id: int, edit: bool = False) -> Document:
        """The document if ``actor`` may read it (``edit``: change it, status aside)."""
        document = repo.get_document(self.session, document_id)
        return require_edit(actor, document) if edit else require_read(actor, document)

    def draft(self, actor: Actor, document_id: int, message: str = FINAL_READ_ONLY
              ) -> Document:
        """A draft ``actor`` may change; Conflict for a final."""
        document = self.get(actor, document_id, edit=True)
        if document.is_final:
            raise Conflict(message)
        return document

    def list_documents(self, actor: Actor, unit: str = "") -> list[Document]:
        return listing.readable(self.session, actor, unit)

    def find_documents(self, actor: Actor, filters: listing.Filters) -> listing.Page:
        """The list page: ``filters`` applied to what ``actor`` may read."""
        return listing.find(self.session, actor, filters, lambda d: not self.errors(d))

    def units(self, actor: Actor) -> list[Unit]:
        """The units the actor may filter by (none for a unit's own user)."""
        return repo.list_units(self.session) if actor.reads_all else []

    def draftable_types(self, actor: Actor) -> list[DocumentType]:
        return draftable_types(actor)

    # -- drafts --------------------------------------------------------------------------
    def _drafting(self, actor: Actor, type_name: str) -> DocumentType:
        doc_type = self.doc_type(type_name)
        if actor.role not in doc_type.roles:
            raise Forbidden(FORBIDDEN)
        return doc_type

    def prefill(self, actor: Actor, type_name: str, params: dict[str, str] | None = None
                ) -> Prefilled:
        """The initial data of a new document and placeholder hints (nothing stored)."""
        ctx = self._prefill_context(actor, self._drafting(actor, type_name), params or {})
        return Prefilled(prefill.initial_data(ctx), ctx.hints)

    def _prefill_context(self, actor: Actor, doc_type: DocumentType,
                         params: dict[str, str]) -> PrefillContext:
        owner = actor.owner_unit_id
        unit = repo.get_unit(self.session, owner) if owner else None

        def latest(type_name: str) -> dict[str, Any] | None:
            found = repo.latest_document(self.session, owner, type_name)
            return dict(found.data) if found else None

        return PrefillContext(doc_type, unit, latest, self.regulation, dict(params),
                              ranking=ranking_for(actor, self.session, self.regulation))

    def create_draft(self, actor: Actor, type_name: str, data: dict[str, Any] | None = None,
                     params: dict[str, str] | None = None) -> Document:
        """A new draft of the actor's unit with ``data`` (None: prefilled)."""
        doc_type = self._drafting(actor, type_name)
        if data is None:
            data = prefill.initial_data(self._prefill_context(actor, doc_type, params or {}))
        return repo.create_document(self.session, type_name, actor.owner_unit_id, actor.id,
                                    data, describe(data))

    def save_draft(self, actor: Actor, document_id: int, data: dict[str, Any], check: bool = True
                   ) -> list[FieldError]:
        """Keep ``data`` as typed (even invalid); the errors that block a final."""
        document = self.draft(actor, document_id)
        repo.save_data(document, data, describe(data))
        return self.errors(document) if check else []

    def errors(self, document: Document) -> list[FieldError]:
        try:
            self.doc_type(document.type_name).parse(self.renderer.input_of(document),
                                                    self.regulation)
        except InputError as exc:
            return exc.errors
        return []

    def explain(self, document: Document, exc: InputError) -> str:
        """The errors as a person reads them ("Susunan baris 12 · NIP: ...")."""
        spec = build_form(self.schema(self.doc_type(document.type_name)))
        return "; ".join(human_error(spec, e) for e in exc.errors)

    def finalize(self, actor: Actor, document_id: int) -> str:
        """Mark final once (``Renderer.finalize``, ``repo.mark_final``); the verification ID."""
        document = self.draft(actor, document_id, "Dokumen sudah final.")
        try:
            return self.renderer.finalize(document, Author.of(actor))
        except repo.NotADraft:  # a concurrent call was first: its final's ID, ours discarded
            return archive.verification_id_of(self.session, document)

    def new_version(self, actor: Actor, document_id: int) -> Document:
        document = self.get(actor, document_id, edit=True)
        if not document.is_final:
            raise Conflict("Versi baru dibuat dari dokumen final; draf ini masih dapat "
                           "diubah langsung.")
        return repo.new_version(self.session, document, actor.id)

    def delete_draft(self, actor: Actor, document_id: int) -> None:
        repo.delete_document(self.session, self.draft(actor, document_id,
                                                      "Dokumen final tidak dapat dihapus."))
        self.session.flush()

    # -- uploads -------------------------------------------------------------------------
    def store_upload(self, actor: Actor, document_id: int, data: bytes, filename: str,
                     kind: str) -> str:
        """Keep an uploaded (already checked) file of a draft; its ``upload:<id>``
        reference for the data. Its type is detected from the bytes, not the client's."""
        document = self.draft(actor, document_id)
        return self.renderer.files.store(document, data, filename, kind, actor.id)

    def import_responden(self, actor: Actor, document_id: int, content: bytes,
                         filename: str) -> int:
        """Read an answer sheet into the draft's respondents (InputError if unreadable)."""
        document = self.draft(actor, document_id)
        rows = uploads.read_responden(content, filename)
        data = dict(document.data)
        data[uploads.RESPONDEN_FIELD] = rows
        repo.save_data(document, data, describe(data))
        return len(rows)

    def upload(self, actor: Actor, upload_id: int) -> tuple[Upload, Path]:
        """An uploaded file of the actor's unit (any unit's for a role that reads all)."""
        row = repo.get_upload(self.session, upload_id)
        if row is None or not (actor.reads_all or (
                row.unit_id is not None and row.unit_id == actor.unit_id)):
            raise NotFound(NOT_FOUND)
        return row, self.renderer.files.path_of(row.path)

    # -- outputs -------------------------------------------------------------------------
    def render(self, actor: Actor, document_id: int, fmt: str, purpose: str = "unduh"
               ) -> bytes:
        """The DOCX or PDF of a document (a draft's marked DRAF), recorded."""
        document = self.get(actor, document_id)
        if fmt not in ("docx", "pdf"):
            raise NotFound(NOT_FOUND)
        render = self.renderer.docx if fmt == "docx" else self.renderer.pdf
        return render(document, Author.of(actor), purpose)

    def preview(self, actor: Actor, document_id: int) -> bytes:
        """The preview PDF (a draft's as cached since its page was shown, else now)."""
        return self.renderer.served_preview(self.get(actor, document_id), Author.of(actor))

    def zip(self, actor: Actor, document_ids: list[int], fmt: str) -> bytes:
        """A ZIP of the documents in ``fmt`` (docx, pdf or keduanya); one that cannot be
        rendered is listed in TIDAK-DISERTAKAN.txt instead."""
        documents = [self.get(actor, i) for i in document_ids]
        out, skipped = io.BytesIO(), []
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
            for document in documents:
                try:
                    for suffix in FORMATS.get(fmt, ("docx",)):
                        bundle.writestr(f"{file_stem(document)}.{suffix}",
                                        self.render(actor, document.id, suffix, "zip"))
                except InputError as exc:
                    skipped.append(f"{file_stem(document)}: {self.explain(document, exc)}")
                except (ConversionError, TemplateRenderError) as exc:
                    skipped.append(f"{file_stem(document)}: {exc}")
            if skipped:
                bundle.writestr("TIDAK-DISERTAKAN.txt", "Dokumen berikut belum dapat dibuat:"
                                "\n" + "\n".join(skipped) + "\n")
        return out.getvalue()

    def render_api(self, actor: Actor, type_name: str, data: Any, fmt: str
                   ) -> tuple[bytes, TemplateVersionRow]:
        """Raw input rendered with the approved template, recorded under the actor's
        unit; the web app's rules (``access.require_type`` / ``require_own_unit``) apply
        before anything is rendered or recorded."""
        require_type(actor, self.doc_type(type_name))
        owner = actor.owner_unit_id
        unit = repo.get_unit(self.session, owner) if owner else None
        if actor.role.of_unit:
            if unit is None:
                raise Forbidden("Akun ini tidak terhubung dengan unit mana pun.")
            require_own_unit(data, unit.nama)
        return self.renderer.api(type_name, data, fmt, Author.of(actor), owner,
                                 unit.nama if unit else KABUPATEN)

    # -- the page ------------------------------------------------------------------------
    def history(self, actor: Actor, document_id: int) -> DocumentHistory:
        """The "Riwayat" page: versions, template and every recorded output, newest first."""
        document = self.get(actor, document_id)
        return DocumentHistory(
            document, self.doc_type(document.type_name),
            repo.versions_of(self.session, document), template_of(self.session, document),
            review_repo.archive_of_document(self.session, document.id)[:HISTORY_SHOWN])

    def view(self, actor: Actor, document_id: int, errors: list[FieldError] | None = None,
             preview: Preview | None = None) -> DocumentView:
        """What the page shows; a valid draft's preview is rendered here (once)."""
        document = self.get(actor, document_id)
        doc_type = self.doc_type(document.type_name)
        if document.is_final:
            errors = []
        elif errors is None:
            errors = self.errors(document)
        valid = not errors
        notes = self.renderer.preview_notes(document, preview) \
            if valid and not document.is_final else None
        computed = summaries.computed(doc_type, self.renderer.input_of(document),
                                      self.regulation) if valid \
            else summaries.of_draft(doc_type, document.data, self.regulation)
        return DocumentView(
            document, doc_type, errors, can_edit(actor, document),
            document.is_final and can_edit_type(actor, document),
            repo.versions_of(self.session, document), template_of(self.session, document),
            notes.preview if notes else None, notes.notices if notes else [],
            notes.error if notes else None, computed, uploads.panels(doc_type),
            self._verification_id(document))

    def _verification_id(self, document: Document) -> str | None:
        entry = review_repo.final_entry(self.session, document.id, "pdf") \
            if document.is_final else None
        return entry.verification_id if entry is not None else None
