"""The record of every output: an archive entry (type, unit, author, time, input, template
version number + SHA-256, output SHA-256; a final's bytes kept) and its audit event.

Rules (issue #5): a draft's outputs are recorded but their bytes are not kept; marking
final keeps the stamped PDF and the DOCX byte for byte, all that is served from then on.
What the public verification page shows of an entry: ``docgen.review.records``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from docgen.accounts.access import Actor
from docgen.review.archive import canonical_json, sha256
from docgen.storage import Document, repo, review_repo
from docgen.storage.models import ArchiveEntry, TemplateVersionRow

KABUPATEN = "Pemerintah Kabupaten Purbalingga"
PURPOSES = {"pratinjau": "pratinjau", "unduh": "unduhan", "zip": "ZIP", "api": "API",
            "final": "arsip final"}


@dataclass(frozen=True)
class Author:
    """Who an output is recorded under (``SYSTEM``: no user, e.g. seeded data)."""

    id: int | None
    name: str

    @classmethod
    def of(cls, actor: Actor) -> Author:
        return cls(actor.id, actor.username)


SYSTEM = Author(None, review_repo.SYSTEM)


def unit_label(document: Document) -> str:
    return document.unit.nama if document.unit else KABUPATEN


def record(session: Session, author: Author, *, type_name: str, unit_id: int | None,
           unit: str, data: Any, version: TemplateVersionRow, output: bytes, fmt: str,
           purpose: str, document: Document | None = None, status: str = "draft",
           verification_id: str | None = None, keep: bool = False,
           audit: bool = True) -> ArchiveEntry:
    """Add the archive entry of one output (and its audit event unless ``audit=False``)."""
    entry = review_repo.add_archive_entry(
        session, document_id=document.id if document else None,
        document_version=document.version if document else None,
        verification_id=verification_id, status=status, purpose=purpose, format=fmt,
        type_name=type_name, unit_id=unit_id, unit=unit, author_id=author.id,
        author=author.name, input_data=data,
        input_sha256=sha256(canonical_json(data).encode("utf-8")),
        template_version_id=version.id, template_number=version.number,
        template_sha256=version.sha256, output_sha256=sha256(output),
        content=output if keep else None)
    if audit:
        _audit(session, author, entry, document, version, verification_id)
    return entry


def _audit(session: Session, author: Author, entry: ArchiveEntry, document: Document | None,
           version: TemplateVersionRow, verification_id: str | None) -> None:
    what = (f"{entry.type_name} #{document.id} v{document.version}" if document
            else entry.type_name)
    action = "final" if entry.status == "final" else "render"
    detail = (f"{PURPOSES.get(entry.purpose, entry.purpose)} {entry.format.upper()}; templat "
              f"versi {version.number} (sha256 {version.sha256}); keluaran sha256 "
              f"{entry.output_sha256}")
    if verification_id:
        detail += f"; ID verifikasi {verification_id}"
    review_repo.add_audit(session, action, what, author.name, author.id,
                          unit_id=entry.unit_id, document_id=document.id if document else None,
                          archive_entry_id=entry.id, detail=detail)


def record_draft(session: Session, author: Author, document: Document,
                 version: TemplateVersionRow, output: bytes, fmt: str, purpose: str) -> None:
    record(session, author, type_name=document.type_name, unit_id=document.unit_id,
           unit=unit_label(document), data=document.data, version=version, output=output,
           fmt=fmt, purpose=purpose, document=document)


def record_final(session: Session, author: Author, document: Document,
                 version: TemplateVersionRow, docx: bytes, pdf: bytes,
                 verification_id: str) -> None:
    """The final's DOCX and stamped PDF, kept byte for byte (one audit event)."""
    for output, fmt, audit in ((docx, "docx", False), (pdf, "pdf", True)):
        record(session, author, type_name=document.type_name, unit_id=document.unit_id,
               unit=unit_label(document), data=document.data, version=version,
               output=output, fmt=fmt, purpose="final", document=document, status="final",
               verification_id=verification_id, keep=True, audit=audit)


def verification_id_of(session: Session, document: Document) -> str:
    """The verification ID of ``document``'s final as stored now (another request made it
    final while this one rendered); ``repo.NotADraft`` when it was deleted instead."""
    document_id = document.id
    session.expire(document)
    entry = review_repo.final_entry(session, document_id, "pdf")
    if entry is None or entry.verification_id is None:
        raise repo.NotADraft()
    return entry.verification_id
