"""The document list: search, filters and paging read from the URL, done by the query.

``?q=`` (nomor, list title or unit), ``?jenis=`` (type), ``?status=`` (draf/final),
``?tahun=``, ``?unit=`` (roles that read every unit) and ``?halaman=`` are plain query
parameters, so a filtered list can be bookmarked; ``Filters.args`` gives them back for
the links to other pages. Which rows offer downloads (a final, or a draft that
validates) is decided here too, for the page only.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from sqlalchemy.orm import Session

from docgen.accounts.access import Actor
from docgen.registry import REGISTRY
from docgen.storage import Document
from docgen.storage.document_query import ALL_UNITS, Criteria, find_documents
from docgen.storage.models import DocumentStatus

PAGE_SIZE = 25
STATUSES = {"draf": DocumentStatus.DRAFT.value, "final": DocumentStatus.FINAL.value}
MAX_QUERY = 100  # characters of search text kept


@dataclass(frozen=True)
class Filters:
    q: str = ""
    jenis: str = ""
    status: str = ""
    tahun: str = ""
    unit: str = ""
    halaman: int = 1

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> Filters:
        """The filters of a URL's query; unknown or malformed values are ignored."""
        year = args.get("tahun", "").strip()
        page = args.get("halaman", "")
        return cls(q=" ".join(args.get("q", "").split())[:MAX_QUERY],
                   jenis=args.get("jenis", "") if args.get("jenis", "") in REGISTRY else "",
                   status=args.get("status", "") if args.get("status", "") in STATUSES else "",
                   tahun=year if year.isdigit() and len(year) == 4 else "",
                   unit=args.get("unit", "") if _unit_value(args.get("unit", "")) else "",
                   halaman=int(page) if page.isdigit() and 0 < int(page) < 10**6 else 1)

    def args(self, **changes: Any) -> dict[str, Any]:
        """The non-empty query parameters (``changes`` applied; page 1 left out)."""
        values = asdict(replace(self, **changes))
        return {k: v for k, v in values.items() if v and not (k == "halaman" and v == 1)}

    @property
    def active(self) -> bool:
        return bool(self.q or self.jenis or self.status or self.tahun or self.unit)


def _unit_value(value: str) -> bool:
    return value == "kabupaten" or (value.isdigit() and len(value) < 12)


@dataclass
class Page:
    documents: list[Document]
    total: int
    number: int
    pages: int
    downloadable: set[int] = field(default_factory=set)  # ids offered as DOCX/PDF


def _scope(actor: Actor, unit: str) -> Any:
    if not actor.reads_all:
        return actor.unit_id
    if unit == "kabupaten":
        return None
    return int(unit) if unit.isdigit() else ALL_UNITS


def readable(session: Session, actor: Actor, unit: str = "") -> list[Document]:
    """Every document ``actor`` may read (``unit`` as in ``?unit=``), newest change first."""
    return find_documents(session, Criteria(unit_id=_scope(actor, unit)), 0, None)[0]


def find(session: Session, actor: Actor, filters: Filters,
         valid: Callable[[Document], bool]) -> Page:
    """The page of documents ``actor`` may read that match ``filters``."""
    criteria = Criteria(unit_id=_scope(actor, filters.unit), text=filters.q,
                        type_names=(filters.jenis,) if filters.jenis else None,
                        status=STATUSES.get(filters.status, ""),
                        year=int(filters.tahun) if filters.tahun else None)
    offset = (filters.halaman - 1) * PAGE_SIZE
    documents, total = find_documents(session, criteria, offset, PAGE_SIZE)
    downloadable = {d.id for d in documents if d.is_final or valid(d)}
    return Page(documents, total, filters.halaman, max(1, math.ceil(total / PAGE_SIZE)),
                downloadable)
