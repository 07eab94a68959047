"""Computed results shown on a document's page (e.g. the evaluation scores).

``SUMMARIES`` maps a type name to a function of the type's render context that returns a
table: {"judul", "kolom": [...], "baris": [[...]], "akhir": [...] or None}. Types without
an entry show no table; an entry whose type is not registered is ignored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, NotRequired, TypedDict

from docgen.domain import scored_card
from docgen.domain.formatting import desimal
from docgen.domain.regulation import Regulation
from docgen.registry import REGISTRY, DocumentType

log = logging.getLogger(__name__)


class SummaryTable(TypedDict):
    judul: str
    kolom: list[str]
    baris: list[list[Any]]
    akhir: list[Any] | None
    hasil: NotRequired[dict[str, Any]]  # named values a type's own panel shows


Summary = Callable[[dict[str, Any]], SummaryTable]
SUMMARIES: dict[str, Summary] = {}
# types whose table is read from the raw (possibly incomplete) draft data instead
DraftSummary = Callable[[Any, Regulation], SummaryTable]
DRAFT_SUMMARIES: dict[str, DraftSummary] = {}


def summary(type_name: str) -> Callable[[Summary], Summary]:
    def register(function: Summary) -> Summary:
        REGISTRY.get(type_name)  # a misspelt type fails at import, never silently
        SUMMARIES[type_name] = function
        return function
    return register


def computed(doc_type: DocumentType, data: Any, regulation: Regulation
             ) -> SummaryTable | None:
    """The type's table for ``data`` (uploaded files resolved), read with ``regulation``."""
    function = SUMMARIES.get(doc_type.name)
    draft_function = DRAFT_SUMMARIES.get(doc_type.name)
    if (function is None and draft_function is None) or doc_type.name not in REGISTRY:
        return None
    try:
        if draft_function is not None:
            return draft_function(data, regulation)
        assert function is not None
        return function(doc_type.context(data, regulation))
    except Exception:  # a summary must never break the page
        log.exception("summary of %s failed", doc_type.name)
        return None


def of_draft(doc_type: DocumentType, data: Any, regulation: Regulation
             ) -> SummaryTable | None:
    """The table of a draft that does not validate yet, for types that read raw data."""
    return (computed(doc_type, data, regulation) if doc_type.name in DRAFT_SUMMARIES
            else None)


@summary("laporan-evaluasi")
def evaluasi(context: dict[str, Any]) -> SummaryTable:
    groups = ("I", "II", "III")
    kolom = ["No", "Responden"] + [f"{k} {g}" for g in groups for k in ("TS", "Ka")]
    baris = [[row["no"], row["jabatan"]] + [row[f"{k}{i}"] for i in (1, 2, 3)
                                             for k in ("ts", "ka")]
             for row in context["responden"]]
    rata = context["rata"]
    akhir = ["", "RATA-RATA"] + [rata[f"{k}{i}"] for i in (1, 2, 3) for k in ("ts", "ka")]
    return {"judul": "Hasil evaluasi (dihitung)", "kolom": kolom, "baris": baris,
            "akhir": akhir}


def _scored_card(data: Any, regulation: Regulation) -> SummaryTable:
    """Subtotals of the capaian typed so far; total, category and Gelar once all are in."""
    capaian = data.get("capaian") if isinstance(data, dict) else None
    result = scored_card.hitung_sebagian(capaian if isinstance(capaian, dict) else {},
                                         regulation)
    bobot = str(regulation.scored_card()["bobot_nilai"])
    baris: list[list[Any]] = [[name, bobot, desimal(value, 2)]
                              for name, value in result.subtotal.items()]
    hasil: dict[str, Any] = {"kosong": result.kosong,
                             "subtotal": {k: desimal(v, 2) for k, v in result.subtotal.items()}}
    if result.hasil is not None:
        full = result.hasil
        hasil.update(total=desimal(full.total, 2), kategori=full.kategori.kode,
                     sebutan=full.kategori.sebutan, layak_gelar=full.layak_gelar)
    return {"judul": "Hasil scored card (dihitung)", "kolom": ["Nilai", "Bobot", "Skor"],
            "baris": baris, "akhir": ["Jumlah", str(regulation.scored_card()["bobot_total"]),
                                      hasil.get("total", "")], "hasil": hasil}


DRAFT_SUMMARIES["scored-card"] = _scored_card
