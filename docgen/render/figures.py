"""Draw the pictures the domain asks for (``docgen.domain.figures.Figure``)."""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.config import Settings
from docgen.domain.figures import Figure, FigureKind
from docgen.render.images import DocxImage

if TYPE_CHECKING:
    from matplotlib.figure import Figure as MplFigure

ASSETS = Path(__file__).with_name("assets")


@dataclass(frozen=True)
class Emblems:
    """Emblem images handed in by the caller (the web app's stored uploads), PNG bytes.

    ``None``: not stored; the drawer falls back to the ``Settings`` path, then to the
    placeholder that prints "LAMBANG ... (slot)"."""

    daerah: bytes | None = None
    negara: bytes | None = None


NO_EMBLEMS = Emblems()
EMBLEMS = {"lambang_daerah": ("daerah", "lambang daerah"),
           "lambang_negara": ("negara", "lambang negara")}
Drawer = Callable[[Figure, Settings, Emblems], bytes]
DRAWERS: dict[FigureKind, Drawer] = {}


def drawer(kind: FigureKind) -> Callable[[Drawer], Drawer]:
    def register(function: Drawer) -> Drawer:
        DRAWERS[kind] = function
        return function
    return register


def emblem_bytes(kind: str, settings: Settings, emblems: Emblems) -> bytes | None:
    """The emblem given in ``emblems``, else the file named in settings; None: none."""
    attr = EMBLEMS[kind][0]
    stored: bytes | None = getattr(emblems, attr)
    if stored is not None:
        return stored
    path = getattr(settings, kind)
    return path.read_bytes() if path is not None else None


def _placeholder(kind: str) -> bytes:
    return (ASSETS / f"{kind.replace('_', '-')}.png").read_bytes()


@drawer(FigureKind.LAMBANG_DAERAH)
def _lambang_daerah(figure: Figure, settings: Settings, emblems: Emblems) -> bytes:
    return emblem_bytes("lambang_daerah", settings, emblems) or _placeholder("lambang_daerah")


@drawer(FigureKind.LAMBANG_NEGARA)
def _lambang_negara(figure: Figure, settings: Settings, emblems: Emblems) -> bytes:
    return emblem_bytes("lambang_negara", settings, emblems) or _placeholder("lambang_negara")


def placeholder_emblems(value: Any, settings: Settings, emblems: Emblems = NO_EMBLEMS
                        ) -> tuple[str, ...]:
    """The emblems a context prints as the placeholder ("lambang daerah", ...)."""
    kinds = {f.kind for f in _figures(value) if f.kind in EMBLEMS}
    return tuple(EMBLEMS[k][1] for k in sorted(kinds)
                 if emblem_bytes(k, settings, emblems) is None)


def _figures(value: Any) -> Iterator[Figure]:
    if isinstance(value, Figure):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _figures(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _figures(item)


@drawer(FigureKind.GAMBAR)
def _gambar(figure: Figure, settings: Settings, emblems: Emblems) -> bytes:
    """Bytes already supplied by the input (photos), normalised on input."""
    data: bytes = figure.data
    return data


@drawer(FigureKind.BAGAN_KBK)
def _bagan_kbk(figure: Figure, settings: Settings, emblems: Emblems) -> bytes:
    from docgen.render.bagan import draw_bagan_kbk

    return _cached_png("bagan_kbk", figure.data, draw_bagan_kbk)


@drawer(FigureKind.GRAFIK_EVALUASI)
def _grafik_evaluasi(figure: Figure, settings: Settings, emblems: Emblems) -> bytes:
    from docgen.render.charts import draw_grafik_evaluasi

    return _cached_png("grafik_evaluasi", figure.data, draw_grafik_evaluasi)


@drawer(FigureKind.GRAFIK_BATANG)
def _grafik_batang(figure: Figure, settings: Settings, emblems: Emblems) -> bytes:
    from docgen.render.program_charts import draw_grafik_batang

    return _cached_png("grafik_batang", figure.data, draw_grafik_batang)


def figure_bytes(figure: Figure, settings: Settings, emblems: Emblems = NO_EMBLEMS) -> bytes:
    """The PNG of one figure (e.g. a chart shown on a web page)."""
    return DRAWERS[figure.kind](figure, settings, emblems)


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


def resolve(value: Any, settings: Settings, emblems: Emblems = NO_EMBLEMS) -> Any:
    """Replace every Figure in a context (nested dicts/lists) by a DocxImage."""
    if isinstance(value, Figure):
        data = DRAWERS[value.kind](value, settings, emblems)
        return DocxImage(data, value.max_width_mm, value.max_height_mm, name=value.kind)
    if isinstance(value, dict):
        return {key: resolve(item, settings, emblems) for key, item in value.items()}
    if isinstance(value, list):
        return [resolve(item, settings, emblems) for item in value]
    return value


@lru_cache(maxsize=1)
def font_family() -> str:
    """Arial's metric twin for charts, as in the documents."""
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    return "Liberation Sans" if "Liberation Sans" in names else "DejaVu Sans"


def figure_png(fig: MplFigure) -> bytes:
    out = io.BytesIO()
    # zlib level 1: encoding ~3x quicker, the PNG ~20% larger (batch jobs, README)
    fig.savefig(out, format="png", dpi=200, pil_kwargs={"compress_level": 1})
    return out.getvalue()
