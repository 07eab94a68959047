"""Pictures a document needs, described as data; the render layer draws them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class FigureKind(StrEnum):
    """The pictures there are; ``docgen.render.figures`` has one drawer for each."""

    LAMBANG_DAERAH = "lambang_daerah"
    LAMBANG_NEGARA = "lambang_negara"
    GAMBAR = "gambar"  # a photo supplied with the input
    BAGAN_KBK = "bagan_kbk"
    GRAFIK_EVALUASI = "grafik_evaluasi"
    GRAFIK_BATANG = "grafik_batang"  # the regency recap's bar charts (docgen.domain.program)


@dataclass(frozen=True)
class Figure:
    """``kind`` names a drawer in ``docgen.render.figures``; ``data`` is its input."""

    kind: FigureKind
    data: Any
    max_width_mm: float
    max_height_mm: float | None = None


def lambang_daerah() -> Figure:
    return Figure(FigureKind.LAMBANG_DAERAH, None, 22, 27)


def lambang_negara() -> Figure:
    return Figure(FigureKind.LAMBANG_NEGARA, None, 25, 27)
