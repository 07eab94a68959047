"""Draw the pictures the domain asks for (``docgen.domain.figures.Figure``)."""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from docgen.config import Settings
from docgen.domain.figures import Figure
from docgen.render.images import DocxImage

ASSETS = Path(__file__).with_name("assets")
Drawer = Callable[[Figure, Settings], bytes]
DRAWERS: dict[str, Drawer] = {}


def drawer(kind: str):
    def register(function: Drawer) -> Drawer:
        DRAWERS[kind] = function
        return function
    return register


@drawer("lambang_daerah")
def _lambang_daerah(figure: Figure, settings: Settings) -> bytes:
    return (settings.lambang_daerah or ASSETS / "lambang-daerah.png").read_bytes()


@drawer("lambang_negara")
def _lambang_negara(figure: Figure, settings: Settings) -> bytes:
    return (settings.lambang_negara or ASSETS / "lambang-negara.png").read_bytes()


@drawer("gambar")
def _gambar(figure: Figure, settings: Settings) -> bytes:
    """Bytes already supplied by the input (photos), normalised on input."""
    return figure.data


@drawer("bagan_kbk")
def _bagan_kbk(figure: Figure, settings: Settings) -> bytes:
    from docgen.render.bagan import draw_bagan_kbk

    return _cached_png("bagan_kbk", figure.data, draw_bagan_kbk)


@drawer("grafik_evaluasi")
def _grafik_evaluasi(figure: Figure, settings: Settings) -> bytes:
    from docgen.render.charts import draw_grafik_evaluasi

    return _cached_png("grafik_evaluasi", figure.data, draw_grafik_evaluasi)


def _cached_png(kind: str, data: Any, draw: Callable[[Any], bytes]) -> bytes:
    key = hashlib.sha256(json.dumps([kind, data], sort_keys=True, default=str).encode())
    return _png_cache(key.hexdigest(), kind, lambda: draw(data))


_PNG_CACHE: dict[str, bytes] = {}


def _png_cache(key: str, kind: str, make: Callable[[], bytes]) -> bytes:
    if key not in _PNG_CACHE:
        if len(_PNG_CACHE) > 256:
            _PNG_CACHE.clear()
        _PNG_CACHE[key] = make()
    return _PNG_CACHE[key]


def resolve(value: Any, settings: Settings) -> Any:
    """Replace every Figure in a context (nested dicts/lists) by a DocxImage."""
    if isinstance(value, Figure):
        data = DRAWERS[value.kind](value, settings)
        return DocxImage(data, value.max_width_mm, value.max_height_mm, name=value.kind)
    if isinstance(value, dict):
        return {key: resolve(item, settings) for key, item in value.items()}
    if isinstance(value, list):
        return [resolve(item, settings) for item in value]
    return value


@lru_cache(maxsize=1)
def font_family() -> str:
    """Arial's metric twin for charts, as in the documents."""
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    return "Liberation Sans" if "Liberation Sans" in names else "DejaVu Sans"


def figure_png(fig) -> bytes:
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=200)
    return out.getvalue()
