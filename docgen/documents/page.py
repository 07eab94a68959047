"""What a document's pages show besides the form: the document page and its "Riwayat"."""

from __future__ import annotations

from dataclasses import dataclass

from docgen.documents.gate import Notice
from docgen.documents.previews import Preview
from docgen.documents.summaries import SummaryTable
from docgen.domain.errors import FieldError
from docgen.registry import DocumentType
from docgen.storage import Document
from docgen.storage.models import ArchiveEntry, TemplateVersionRow

HISTORY_SHOWN = 200  # newest archive entries on the Riwayat page (all: the audit list)


@dataclass
class DocumentView:
    """Everything a document's page shows besides the form itself."""

    document: Document
    doc_type: DocumentType
    errors: list[FieldError]  # why it cannot be final yet (none for a final)
    editable: bool
    can_new_version: bool
    versions: list[Document]
    template: TemplateVersionRow | None
    preview: Preview | None
    notices: list[Notice]
    preview_error: str | None
    computed: SummaryTable | None
    panels: list[str]
    verification_id: str | None = None  # a final's


@dataclass
class DocumentHistory:
    """The Riwayat page: versions, the template used and every recorded output."""

    document: Document
    doc_type: DocumentType
    versions: list[Document]
    template: TemplateVersionRow | None
    archive: list[ArchiveEntry]
