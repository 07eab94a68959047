"""The document list's query: who owns it, search text, type, status, year, one page.

``repo.list_documents`` stays the plain "every document of a unit"; this is what the
list page asks for (``docgen.documents.listing`` builds the criteria from the URL).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, String, and_, cast, func, or_, select
from sqlalchemy.orm import Session

from docgen.storage.models import Document, Unit

ALL_UNITS = object()


@dataclass(frozen=True)
class Criteria:
    unit_id: Any = ALL_UNITS  # an id, None (the Kabupaten's own) or ALL_UNITS
    text: str = ""  # in the nomor, the list title or the unit's name
    type_names: tuple[str, ...] | None = None  # None: any type
    status: str = ""  # "draft", "final" or "" (both)
    year: int | None = None  # the document's tanggal (else tahun, else when created)


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _text_clause(text: str) -> Any:
    pattern = f"%{_escaped(text.lower())}%"
    return or_(func.lower(Document.judul).like(pattern, escape="\\"),
               func.lower(Document.data["nomor"].as_string()).like(pattern, escape="\\"),
               func.lower(Unit.nama).like(pattern, escape="\\"),
               func.lower(func.coalesce(Unit.singkatan, "")).like(pattern, escape="\\"))


def _year_clause(year: int) -> Any:
    tanggal = Document.data["tanggal"].as_string()
    created = and_(Document.created_at >= dt.datetime(year, 1, 1),
                   Document.created_at < dt.datetime(year + 1, 1, 1))
    return or_(tanggal.like(f"{year}-%"),
               and_(or_(tanggal.is_(None), tanggal == ""),
                    or_(_tahun_text() == str(year), created)))


def _tahun_text() -> Any:
    """``tahun`` as text (2025 and "2025" alike): compared as text, a draft's non-number
    never breaks the query (PostgreSQL's integer cast would fail on it)."""
    return cast(Document.data["tahun"].as_string(), String)


def _filtered(criteria: Criteria) -> Select[Any]:
    query = select(Document).outerjoin(Unit, Document.unit_id == Unit.id)
    if criteria.unit_id is not ALL_UNITS:
        query = query.where(Document.unit_id.is_(None) if criteria.unit_id is None
                            else Document.unit_id == criteria.unit_id)
    if criteria.type_names is not None:
        query = query.where(Document.type_name.in_(criteria.type_names))
    if criteria.status:
        query = query.where(Document.status == criteria.status)
    if criteria.text:
        query = query.where(_text_clause(criteria.text))
    if criteria.year is not None:
        query = query.where(_year_clause(criteria.year))
    return query


def find_documents(session: Session, criteria: Criteria, offset: int, limit: int | None
                   ) -> tuple[list[Document], int]:
    """One page (``limit`` None: all) of the matching documents, newest change first, and
    how many match."""
    query = _filtered(criteria)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.order_by(Document.updated_at.desc(), Document.id.desc())
                           .offset(offset).limit(limit))
    return list(rows.unique()), total


def document_years(session: Session, type_names: tuple[str, ...]) -> set[int]:
    """The years of the documents of these types, by the list's year rule (``tanggal``,
    else ``tahun``, else when created)."""
    rows = session.execute(select(Document.data["tanggal"].as_string(),
                                  Document.data["tahun"].as_string(), Document.created_at)
                           .where(Document.type_name.in_(type_names)))
    return {_year_of(tanggal, tahun, created) for tanggal, tahun, created in rows}


def _year_of(tanggal: Any, tahun: Any, created: dt.datetime) -> int:
    for text in (tanggal, tahun):
        head = str(text or "")[:4]
        if head.isdigit() and len(head) == 4:
            return int(head)
    return created.year
