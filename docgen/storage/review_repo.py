"""Queries of the legal review (issue #5): versions, the output archive, audit events.

Versions of templates (``TemplateVersionRow``) and of regulation data sets
(``DataVersionRow``) share one set of functions taking the model class; ``key`` is the
document type name or the data set name. The workflow rules (four eyes, checks) live in
``docgen.review.versions``; these functions only read and write rows.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session

from docgen.review.canonical import same_template, same_text
from docgen.storage.models import (
    ArchiveEntry,
    AuditEvent,
    DataVersionRow,
    TemplateVersionRow,
    utcnow,
)

SYSTEM = "sistem"  # author of version 1 (the bundled files)
Row = TypeVar("Row", TemplateVersionRow, DataVersionRow)


def _key_column(model: type[TemplateVersionRow] | type[DataVersionRow]
                ) -> InstrumentedAttribute[str]:
    if issubclass(model, TemplateVersionRow):
        return model.type_name
    return model.name


# -- versions --------------------------------------------------------------------------
def versions(session: Session, model: type[Row], key: str) -> list[Row]:
    """All versions of ``key``, newest first."""
    query = select(model).where(_key_column(model) == key).order_by(model.number.desc())
    return list(session.scalars(query))


def get_version(session: Session, model: type[Row], key: str, number: int) -> Row | None:
    return session.scalar(select(model).where(_key_column(model) == key,
                                              model.number == number))


def approved(session: Session, model: type[Row], key: str) -> Row | None:
    return session.scalar(select(model).where(_key_column(model) == key,
                                              model.status == "approved"))


def all_approved(session: Session, model: type[Row]) -> list[Row]:
    return list(session.scalars(select(model).where(model.status == "approved")))


def approved_stamp(session: Session, model: type[Row]) -> tuple[tuple[str, str], ...]:
    """(key, sha256) of every approved version: cheap to compare, changes on approval."""
    column = _key_column(model)
    rows = session.execute(select(column, model.sha256).where(model.status == "approved")
                           .order_by(column))
    return tuple((key, digest) for key, digest in rows)


def count_drafts(session: Session, model: type[Row]) -> dict[str, int]:
    column = _key_column(model)
    rows = session.execute(select(column, func.count(model.id))
                           .where(model.status == "draft").group_by(column))
    return dict(rows.all())


def add_version(session: Session, model: type[Row], key: str, **fields: Any) -> Row:
    row = model(**{("type_name" if model is TemplateVersionRow else "name"): key}, **fields)
    session.add(row)
    session.flush()
    return row


def register_bundled(session: Session, model: type[Row], bundled: dict[str, tuple[Any, str]]
                     ) -> list[Row]:
    """Version 1 (approved, by "sistem") of each key without versions; a bundled file
    whose content differs from every stored version becomes a draft by "sistem" for review.

    ``bundled`` maps key -> (content, sha256 of the bytes). "Same content" is compared by
    ``docgen.review.canonical`` (a template re-zipped with other timestamps or metadata, a
    data set with other line endings, is no new version). Returns the rows added
    (committed). Two processes starting at once may race: the loser's insert fails and is
    skipped.
    """
    added = []
    for key, (content, digest) in bundled.items():
        existing = versions(session, model, key)
        if any(v.sha256 == digest for v in existing):
            continue
        if any(_same_content(content, v.content) for v in existing):
            continue
        number = max((v.number for v in existing), default=0) + 1
        status = "approved" if not existing else "draft"
        now = utcnow()
        row = model(**{("type_name" if model is TemplateVersionRow else "name"): key},
                    number=number, sha256=digest, author=SYSTEM, content=content,
                    status=status, created_at=now, note=(
                        "berkas bawaan docgen" if number == 1 else
                        "berkas bawaan docgen berubah; perlu ditinjau dan disetujui"),
                    approved_by=SYSTEM if status == "approved" else None,
                    approved_at=now if status == "approved" else None)
        session.add(row)
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            continue
        added.append(row)
    return added


def _same_content(bundled: bytes | str, stored: bytes | str) -> bool:
    if isinstance(bundled, str) and isinstance(stored, str):
        return same_text(bundled, stored)
    if isinstance(bundled, bytes) and isinstance(stored, bytes):
        return same_template(bundled, stored)
    return False


# -- archive ---------------------------------------------------------------------------
def add_archive_entry(session: Session, **fields: Any) -> ArchiveEntry:
    entry = ArchiveEntry(**fields)
    session.add(entry)
    session.flush()
    return entry


def archive_of_document(session: Session, document_id: int) -> list[ArchiveEntry]:
    query = (select(ArchiveEntry).where(ArchiveEntry.document_id == document_id)
             .order_by(ArchiveEntry.id.desc()))
    return list(session.scalars(query))


def final_entry(session: Session, document_id: int, fmt: str) -> ArchiveEntry | None:
    """The archived output of a final document (its bytes are what is served)."""
    return session.scalar(select(ArchiveEntry).where(
        ArchiveEntry.document_id == document_id, ArchiveEntry.status == "final",
        ArchiveEntry.format == fmt).order_by(ArchiveEntry.id.desc()))


def entry_by_verification_id(session: Session, verification_id: str) -> ArchiveEntry | None:
    """The archived final PDF carrying ``verification_id``."""
    return session.scalar(select(ArchiveEntry).where(
        ArchiveEntry.verification_id == verification_id, ArchiveEntry.format == "pdf"))


# -- audit -----------------------------------------------------------------------------
def add_audit(session: Session, action: str, subject: str, actor: str,
              actor_id: int | None = None, **fields: Any) -> AuditEvent:
    event = AuditEvent(action=action, subject=subject[:300], actor=actor, actor_id=actor_id,
                       **fields)
    session.add(event)
    session.flush()
    return event


ALL_UNITS = object()


def list_audit(session: Session, unit_id: Any = ALL_UNITS, actions: tuple[str, ...] = (),
               limit: int = 100, offset: int = 0) -> tuple[list[AuditEvent], int]:
    """Newest first; ``unit_id`` limits to one unit's entries. Returns (page, total)."""
    query = select(AuditEvent)
    if unit_id is not ALL_UNITS:
        query = query.where(AuditEvent.unit_id == unit_id)
    if actions:
        query = query.where(AuditEvent.action.in_(actions))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.order_by(AuditEvent.id.desc()).limit(limit).offset(offset))
    return list(rows), total
