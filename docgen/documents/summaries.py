"""Computed results shown on a document's page (e.g. the evaluation scores).

``SUMMARIES`` maps a type name to a function of the type's render context that returns a
table: {"judul", "kolom": [...], "baris": [[...]], "akhir": [...] or None}. Types without
an entry show no table; an entry whose type is not registered is ignored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypedDict

from docgen.domain.regulation import Regulation
from docgen.registry import REGISTRY, DocumentType

log = logging.getLogger(__name__)


class SummaryTable(TypedDict):
    judul: str
    kolom: list[str]
    baris: list[list[Any]]
    akhir: list[Any] | None


Summary = Callable[[dict[str, Any]], SummaryTable]
SUMMARIES: dict[str, Summary] = {}


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
    if function is None or doc_type.name not in REGISTRY:
        return None
    try:
        return function(doc_type.context(data, regulation))
    except Exception:  # a summary must never break the page
        log.exception("summary of %s failed", doc_type.name)
        return None


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
