"""The regency's recap of one year: which unit has which document, scored cards, Gelar.

For admin_kabupaten and bagian_hukum (``Forbidden`` otherwise). A document counts for
the year of its own date (``tanggal``, else ``tahun``, else when it was created: the
document list's year rule, ``storage.document_query``). Where a unit has several of one
type in the year, the latest final counts (latest by its date, then when it was made
final); a draft counts only where the unit has no final of that type. The scored card's
total and category are computed from its capaian (``domain.scored_card``); a unit may
enter the Gelar Budaya Kerja (Pasal 16(1)d.2) only with a final scored card whose
category allows it. The ranking lists the units with a complete scored card (final, or
the draft shown where there is none), highest total first.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from docgen.accounts.access import Actor, Role, require_role
from docgen.domain import scored_card
from docgen.domain.regulation import Regulation
from docgen.registry import REGISTRY
from docgen.storage import Document, repo
from docgen.storage.document_query import Criteria, find_documents

SCORED_CARD = "scored-card"
UNIT_ROLES = ("admin_unit", "sekretaris_kbk")


@dataclass(frozen=True)
class ScoredCardResult:
    total: Decimal
    kategori: str  # the category's code (A-D)
    status: str  # "final" or "draft": the scored card it was computed from
    layak_gelar: bool  # the category may enter the Gelar (whatever the status)


@dataclass(frozen=True)
class UnitRecap:
    unit_id: int
    nama: str
    jenis: str
    dokumen: dict[str, str | None]  # type -> "final", "draft" or None, every unit type
    scored_card: ScoredCardResult | None

    @property
    def gelar(self) -> bool:
        """Pasal 16(1)d.2: a final scored card of a category that may enter the Gelar."""
        card = self.scored_card
        return card is not None and card.status == "final" and card.layak_gelar


@dataclass(frozen=True)
class Rekap:
    tahun: int
    units: list[UnitRecap]

    @property
    def peringkat(self) -> list[int]:
        """Unit ids by scored-card total, highest first (ties: by name)."""
        scored = [u for u in self.units if u.scored_card is not None]
        scored.sort(key=lambda u: u.nama)
        scored.sort(key=lambda u: u.scored_card.total if u.scored_card else 0, reverse=True)
        return [u.unit_id for u in scored]


def unit_types() -> list[str]:
    """The document types a unit drafts (the Kabupaten's own are left out)."""
    return [t.name for t in REGISTRY if any(r in t.roles for r in UNIT_ROLES)]


def rekap(actor: Actor, session: Session, regulation: Regulation, tahun: int) -> Rekap:
    require_role(actor, Role.ADMIN_KABUPATEN, Role.BAGIAN_HUKUM)
    types = unit_types()
    documents, _total = find_documents(session, Criteria(year=tahun, type_names=tuple(types)),
                                       0, None)
    counted = _counted(documents)
    units = []
    for unit in repo.list_units(session):
        mine = {t: counted.get((unit.id, t)) for t in types}
        units.append(UnitRecap(unit.id, unit.nama, unit.jenis,
                               {t: d.status if d else None for t, d in mine.items()},
                               _scored_card(mine.get(SCORED_CARD), regulation)))
    return Rekap(tahun, units)


def _counted(documents: list[Document]) -> dict[tuple[int, str], Document]:
    """The document that counts per (unit, type): the latest final, else the latest draft."""
    counted: dict[tuple[int, str], Document] = {}
    for document in sorted(documents, key=_rank):
        if document.unit_id is not None:
            counted[(document.unit_id, document.type_name)] = document
    return counted


def _rank(document: Document) -> tuple[Any, ...]:
    """Ascending: the one that counts sorts last."""
    tanggal = (document.data or {}).get("tanggal")
    return (document.is_final, tanggal if isinstance(tanggal, str) else "",
            document.finalized_at or document.updated_at, document.id)


def _scored_card(document: Document | None, regulation: Regulation) -> ScoredCardResult | None:
    if document is None:
        return None
    capaian = (document.data or {}).get("capaian")
    result = scored_card.hitung_sebagian(capaian if isinstance(capaian, dict) else {},
                                         regulation).hasil
    if result is None:
        return None  # a draft whose capaian are not all filled in has no total yet
    return ScoredCardResult(result.total, result.kategori.kode, document.status,
                            result.layak_gelar)
