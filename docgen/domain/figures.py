"""Pictures a document needs, described as data; the render layer draws them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Figure:
    """``kind`` names a drawer in ``docgen.render.figures``; ``data`` is its input."""

    kind: str
    data: Any
    max_width_mm: float
    max_height_mm: float | None = None


def lambang_daerah() -> Figure:
    return Figure("lambang_daerah", None, 22, 27)


def lambang_negara() -> Figure:
    return Figure("lambang_negara", None, 25, 27)
