"""Which template version a document renders with (the review catalog's versions).

A draft renders with the version approved now; a final keeps the version it was
finalised with (its archive entry, else the SHA-256 stored on the document)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from docgen.review.catalog import template_by_sha
from docgen.storage import Document, review_repo
from docgen.storage.models import TemplateVersionRow


def template_of(session: Session, document: Document) -> TemplateVersionRow | None:
    """The template version a document renders with: pinned when final, else current."""
    if document.is_final:
        entry = review_repo.final_entry(session, document.id, "pdf")
        if entry is not None:
            return session.get(TemplateVersionRow, entry.template_version_id)
        return template_by_sha(session, document.type_name, document.template_sha256)
    return review_repo.approved(session, TemplateVersionRow, document.type_name)
