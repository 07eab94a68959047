"""Bar charts of the regency recap (``FigureKind.GRAFIK_BATANG``).

The data is plain: ``{"judul", "label": [...], "nilai": [...], "teks": [...],
"maksimum", "garis": [[value, label], ...], "satuan"}``. One horizontal bar per label
(long unit names and values read better across than up), the value printed at the bar's
end, dashed lines at the category boundaries. Drawn at print size (25 cm wide, the height
grows with the number of bars) with matplotlib's object API (no pyplot, thread-safe).
"""

from __future__ import annotations

import textwrap
from typing import Any

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from docgen.render.figures import figure_png, font_family

WIDTH_CM = 25.0
BAR_CM, MIN_HEIGHT_CM = 0.75, 5.0
TOP_CM, BOTTOM_CM = 1.5, 1.2  # title and line labels above the bars; axis and label below
HEADROOM_CM = TOP_CM + BOTTOM_CM
BAR_COLOUR, LINE_COLOUR = "#1f3b73", "#8a8a8a"


def height_cm(bars: int) -> float:
    return max(MIN_HEIGHT_CM, bars * BAR_CM + HEADROOM_CM)


def draw_grafik_batang(data: dict[str, Any]) -> bytes:
    labels = [textwrap.fill(str(label), 38) for label in data["label"]]
    values = [float(v) for v in data["nilai"]]
    maximum = float(data["maksimum"])
    height = height_cm(len(labels))
    fig = Figure(figsize=(WIDTH_CM / 2.54, height / 2.54))
    ax = fig.add_axes((0.3, BOTTOM_CM / height, 0.66, 1 - HEADROOM_CM / height))
    positions = list(range(len(labels)))[::-1]
    ax.barh(positions, values, height=0.62, color=BAR_COLOUR)
    ax.set_yticks(positions, labels, fontsize=8)
    ax.set_xlim(0, maximum * 1.08)
    ax.set_ylim(-0.7, len(labels) - 0.3)
    for value, label in data.get("garis", []):
        ax.axvline(float(value), color=LINE_COLOUR, linestyle="--", linewidth=0.8)
        ax.text(float(value), len(labels) - 0.35, f" {label}", fontsize=7, va="bottom",
                color="#555555")
    for y, value, text in zip(positions, values, data["teks"], strict=True):
        ax.text(value + maximum * 0.01, y, text, va="center", fontsize=8)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:g}".replace(".", ",")))
    ax.set_xlabel(data.get("satuan", ""), fontsize=8)
    ax.tick_params(axis="x", labelsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.text(0.5, 1 - 0.25 / height, data["judul"], ha="center", va="top", fontsize=10,
             fontweight="bold")
    family = font_family()
    for text in [*ax.texts, *fig.texts, *ax.get_yticklabels(), *ax.get_xticklabels(),
                 ax.xaxis.label]:
        text.set_fontfamily(family)
    return figure_png(fig)
