"""Documents fed through the JSON API: drafts created and replaced from raw input.

The web form's rules apply (``DocumentService``): a role drafts only its types, a draft
belongs to the acting user's unit (``Actor.owner_unit_id``; the Kabupaten's own for
admin_kabupaten, which drafts no unit documents), a final cannot change (Conflict), and
a draft is stored even when its input does not validate, its errors returned. As for
``render_api``, a unit user's input must name their own unit (``require_own_unit``): it
is refused, never rewritten. Flushes, never commits (the caller owns the transaction).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from docgen.accounts.access import Actor, require_own_unit, require_type
from docgen.documents.services import DocumentService
from docgen.domain.errors import FieldError
from docgen.errors import Forbidden
from docgen.storage import Document, repo, review_repo

NO_UNIT = "Akun ini tidak terhubung dengan unit mana pun."


class DocumentIntake:
    def __init__(self, session: Session, documents: DocumentService):
        self.session = session
        self.documents = documents

    def create(self, actor: Actor, type_name: str, data: dict[str, Any],
               unit_id: int | None = None, unit_given: bool = False
               ) -> tuple[Document, list[FieldError]]:
        """A new draft of ``data`` and the errors that block its final.

        ``unit_given``: the client named ``unit_id``; it must be the unit the draft
        belongs to (the actor's own unit, or null for the Kabupaten)."""
        require_type(actor, self.documents.doc_type(type_name))
        owner = actor.owner_unit_id
        if unit_given and unit_id != owner:
            raise Forbidden(f"unit_id {unit_id} bukan unit Anda; dokumen ini milik "
                            + (f"unit {owner}" if owner else "Kabupaten (unit_id null)")
                            + ".")
        self._require_own_unit(actor, data)
        document = self.documents.create_draft(actor, type_name, data)
        return document, self.documents.errors(document)

    def replace(self, actor: Actor, document_id: int, data: dict[str, Any]
                ) -> tuple[Document, list[FieldError]]:
        """The draft with ``data`` in place of its data; NotFound, Conflict for a final."""
        document = self.documents.draft(actor, document_id)
        self._require_own_unit(actor, data)
        return document, self.documents.save_draft(actor, document_id, data)

    def _require_own_unit(self, actor: Actor, data: dict[str, Any]) -> None:
        if not actor.role.of_unit:
            return
        unit = repo.get_unit(self.session, actor.unit_id) if actor.unit_id else None
        if unit is None:
            raise Forbidden(NO_UNIT)
        require_own_unit(data, unit.nama)

    def verification_id(self, document: Document) -> str | None:
        """The verification ID of a final (printed on its PDF); None for a draft."""
        entry = review_repo.final_entry(self.session, document.id, "pdf") \
            if document.is_final else None
        return entry.verification_id if entry is not None else None
