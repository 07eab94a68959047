"""Copy a document as next year's draft ("Salin sebagai dokumen tahun berikutnya").

The copy is a new draft (version 1, no parent: a new document, not a new version) of
the same unit and type, by the acting user, with the rules of ``copy_rules`` applied:
the number cleared, dates and years a year later, everything else as it was. Final and
draft documents can both be copied, by a user who may draft that type for that unit.
The service flushes and never commits (the caller owns the transaction).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from docgen.accounts.access import Actor, require_edit
from docgen.documents.copy_rules import next_year_data, rules_for
from docgen.documents.names import describe
from docgen.errors import NotFound
from docgen.registry import REGISTRY
from docgen.storage import Document, repo


class CopyService:
    def __init__(self, session: Session):
        self.session = session

    def copy_as_next_year(self, actor: Actor, document_id: int) -> Document:
        """The new draft; NotFound/Forbidden as for changing the source."""
        source = require_edit(actor, repo.get_document(self.session, document_id))
        if source.type_name not in REGISTRY:
            raise NotFound("jenis dokumen tidak dikenal")
        data = next_year_copy(source.type_name, dict(source.data or {}))
        return repo.create_document(self.session, source.type_name, source.unit_id, actor.id,
                                    data, describe(data))


def next_year_copy(type_name: str, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` as next year's document of ``type_name`` would start."""
    schema = REGISTRY.get(type_name).schema()
    return next_year_data(rules_for(type_name, schema), data)
