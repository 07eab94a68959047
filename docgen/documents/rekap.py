"""The regency's recap of one year: which unit has which document, scored cards, Gelar.

For admin_kabupaten, bagian_hukum and tim_pembinaan (``Forbidden`` otherwise). A
document counts for
the year of its own date (``tanggal``, else ``tahun``, else when it was created:
the document list's year rule, ``storage.document_query``). Where a unit has several of one
type in the year, the latest final counts (latest by its date, then when it was made
final); a draft counts only where the unit has no final of that type. The scored card's
total and category are computed from its capaian (``domain.scored_card``); a unit may
enter the Gelar Budaya Kerja (Pasal 16(1)d.2) only with a final scored card whose
category allows it. The ranking lists the units with a complete scored card (final, or
the draft shown where there is none), highest total first. The Laporan Evaluasi's
averages and every Agen Perubahan's capaian (one monev per agent counts, by the same
rule) come from ``domain.program``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from docgen.accounts.access import Actor, Role, require_role
from docgen.domain import program, scored_card
from docgen.domain.regulation import Regulation
from docgen.registry import REGISTRY
from docgen.storage import Document, repo
from docgen.storage.document_query import Criteria, document_years, find_documents

SCORED_CARD = "scored-card"
LAPORAN_EVALUASI = "laporan-evaluasi"
MONEV = "monev-rencana-tindak"
LAPORAN_BULANAN = "laporan-bulanan-kbk"  # one a month: the months with a final are counted
UNIT_ROLES = ("admin_unit", "sekretaris_kbk")
READERS = (Role.ADMIN_KABUPATEN, Role.BAGIAN_HUKUM, Role.TIM_PEMBINAAN)


@dataclass(frozen=True)
class ScoredCardResult:
    total: Decimal
    kategori: str  # the category's code (A-D)
    status: str  # "final" or "draft": the scored card it was computed from
    layak_gelar: bool  # the category may enter the Gelar (whatever the status)
    subtotal: dict[str, Decimal] = field(default_factory=dict)  # per value, in order
    sebutan: str = ""  # the category's name: Sangat Baik, Baik, ...
    document_id: int | None = None


@dataclass(frozen=True)
class EvaluasiResult:
    nilai: program.NilaiEvaluasi
    status: str
    document_id: int


@dataclass(frozen=True)
class AgenRecap:
    unit_id: int
    unit_nama: str
    capaian: program.CapaianAgen
    status: str
    document_id: int


@dataclass(frozen=True)
class UnitRecap:
    unit_id: int
    nama: str
    jenis: str
    dokumen: dict[str, str | None]  # type -> "final", "draft" or None, every unit type
    scored_card: ScoredCardResult | None
    dokumen_id: dict[str, int | None] = field(default_factory=dict)  # the counted one
    evaluasi: EvaluasiResult | None = None
    bulan_final: tuple[int, ...] = ()  # months of the year with a final laporan bulanan

    @property
    def gelar(self) -> bool:
        """Pasal 16(1)d.2: a final scored card of a category that may enter the Gelar."""
        card = self.scored_card
        return card is not None and card.status == "final" and card.layak_gelar


@dataclass(frozen=True)
class Rekap:
    tahun: int
    units: list[UnitRecap]
    types: list[str] = field(default_factory=list)
    agen: list[AgenRecap] = field(default_factory=list)
    jenis: str | None = None  # the unit kind filtered on, if any

    @property
    def peringkat(self) -> list[int]:
        """Unit ids by scored-card total, highest first (ties: by name)."""
        return [u.unit_id for u in self.ranked_units()]

    def ranked_units(self) -> list[UnitRecap]:
        scored = [u for u in self.units if u.scored_card is not None]
        scored.sort(key=lambda u: u.nama)
        scored.sort(key=lambda u: u.scored_card.total if u.scored_card else 0, reverse=True)
        return scored

    def gelar_units(self) -> list[UnitRecap]:
        """The KBKs that may enter the Gelar Budaya Kerja, highest total first."""
        return [u for u in self.ranked_units() if u.gelar]

    def ranked_agen(self) -> list[AgenRecap]:
        """Agents with a measurable capaian, highest first (ties: by name)."""
        measured = [a for a in self.agen if a.capaian.rata_rata is not None]
        measured.sort(key=lambda a: a.capaian.nama)
        measured.sort(key=lambda a: a.capaian.rata_rata or 0, reverse=True)
        return measured

    def counts(self, type_name: str) -> dict[str, int]:
        """How many units have a final, only a draft, or nothing of ``type_name``."""
        statuses = [u.dokumen.get(type_name) for u in self.units]
        return {"final": statuses.count("final"), "draft": statuses.count("draft"),
                "none": statuses.count(None)}

    def without(self, type_name: str) -> list[UnitRecap]:
        """Units without a final of ``type_name`` (with a draft, or with nothing)."""
        return [u for u in self.units if u.dokumen.get(type_name) != "final"]


def unit_types() -> list[str]:
    """The document types a unit drafts (the Kabupaten's own are left out)."""
    return [t.name for t in REGISTRY if any(r in t.roles for r in UNIT_ROLES)]


def years(actor: Actor, session: Session, tahun_ini: int) -> list[int]:
    """The years (newest first) that have unit documents, and ``tahun_ini``."""
    require_role(actor, *READERS)
    return sorted(document_years(session, tuple(unit_types())) | {tahun_ini}, reverse=True)


def rekap(actor: Actor, session: Session, regulation: Regulation, tahun: int,
          jenis: str | None = None) -> Rekap:
    """The year's recap; ``jenis`` keeps the units of one kind (dinas, kecamatan, ...)."""
    require_role(actor, *READERS)
    types = unit_types()
    documents, _total = find_documents(session, Criteria(year=tahun, type_names=tuple(types)),
                                       0, None)
    counted = _counted(documents, lambda d: d.type_name)
    units = [u for u in repo.list_units(session) if not jenis or u.jenis == jenis]
    months = _months_reported(session, tahun)
    recaps = [_unit_recap(unit.id, unit.nama, unit.jenis, counted, types, regulation,
                          months.get(unit.id, ())) for unit in units]
    names = {u.id: u.nama for u in units}
    monev = [d for d in documents if d.type_name == MONEV and d.unit_id in names]
    return Rekap(tahun, recaps, types, _agen(monev, names), jenis)


def counted_ids(actor: Actor, session: Session, tahun: int, type_name: str,
                jenis: str | None = None) -> list[int]:
    """Every unit's counted document of ``type_name`` in ``tahun`` (the recap's rule: the
    latest final, else the latest draft), in the order of the units; ``jenis`` keeps the
    units of one kind."""
    require_role(actor, *READERS)
    documents, _total = find_documents(session, Criteria(year=tahun, type_names=(type_name,)),
                                       0, None)
    counted = _counted(documents, lambda d: d.type_name)
    return [counted[(unit.id, type_name)].id for unit in repo.list_units(session)
            if (not jenis or unit.jenis == jenis) and (unit.id, type_name) in counted]


def _unit_recap(unit_id: int, nama: str, jenis: str,
                counted: dict[tuple[int, str], Document], types: list[str],
                regulation: Regulation, months: tuple[int, ...]) -> UnitRecap:
    mine = {t: counted.get((unit_id, t)) for t in types}
    return UnitRecap(unit_id, nama, jenis,
                     {t: d.status if d else None for t, d in mine.items()},
                     _scored_card(mine.get(SCORED_CARD), regulation),
                     {t: d.id if d else None for t, d in mine.items()},
                     _evaluasi(mine.get(LAPORAN_EVALUASI), regulation), months)


def _months_reported(session: Session, tahun: int) -> dict[int, tuple[int, ...]]:
    """Per unit, the months of ``tahun`` (the report's own ``tahun``/``bulan``, whatever
    its date) that have a final laporan bulanan."""
    finals, _total = find_documents(session, Criteria(type_names=(LAPORAN_BULANAN,),
                                                      status="final"), 0, None)
    months: dict[int, set[int]] = {}
    for document in finals:
        data = document.data or {}
        bulan = data.get("bulan")
        if (document.unit_id is not None and data.get("tahun") == tahun
                and isinstance(bulan, int) and 1 <= bulan <= 12):
            months.setdefault(document.unit_id, set()).add(bulan)
    return {unit: tuple(sorted(found)) for unit, found in months.items()}


def _counted(documents: Iterable[Document], key: Callable[[Document], Any]
             ) -> dict[tuple[int, Any], Document]:
    """The document that counts per (unit, key): the latest final, else the latest draft."""
    counted: dict[tuple[int, Any], Document] = {}
    for document in sorted(documents, key=_rank):
        if document.unit_id is not None:
            counted[(document.unit_id, key(document))] = document
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
                            result.layak_gelar, dict(result.subtotal),
                            result.kategori.sebutan, document.id)


def _evaluasi(document: Document | None, regulation: Regulation) -> EvaluasiResult | None:
    if document is None:
        return None
    nilai = program.nilai_evaluasi(document.data, regulation)
    return None if nilai is None else EvaluasiResult(nilai, document.status, document.id)


def _agen(documents: list[Document], names: dict[int, str]) -> list[AgenRecap]:
    """One monev per (unit, agent) counts, by the rule of the other types."""
    pairs = [(d, c) for d in documents if (c := program.capaian_agen(d.data)) is not None]
    capaian = {d.id: c for d, c in pairs}
    counted = _counted([d for d, _c in pairs], lambda d: capaian[d.id].kunci)
    agents = [AgenRecap(unit_id, names[unit_id], capaian[d.id], d.status, d.id)
              for (unit_id, _key), d in counted.items()]
    return sorted(agents, key=lambda a: (a.unit_nama, a.capaian.nama))
