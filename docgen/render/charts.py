"""Grafik of the Laporan Evaluasi: each group's average against its category bands.

One horizontal strip per group (I, II, III), split into the four category bands of
Lampiran IV (integer bands drawn from lo-0.5 to hi+0.5, so a mean of 11.5 sits on the
border it is rounded across); a marker shows the average. Lower is better, so BAGUS is
on the left. Drawn with matplotlib's object API (no pyplot, thread-safe), at print size
(25 x 8.5 cm) so the font sizes are the printed ones.
"""

from __future__ import annotations

from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from docgen.render.figures import figure_png, font_family

# light fills, distinguishable in grey print too
BAND_COLOURS = ["#b7dfb9", "#fbe7a1", "#f8c291", "#ee9a9a"]
STRIP_H = 0.46
ROW_STEP = 1.3
WIDTH_CM, HEIGHT_CM = 25.0, 8.5


def _strip(ax: Axes, y: float, group: dict[str, Any]) -> None:
    bands = group["bands"]
    low, high = bands[0][0] - 0.5, bands[-1][1] + 0.5
    span = high - low
    for index, (lo, hi, label) in enumerate(bands):
        x0, width = (lo - 0.5 - low) / span, (hi - lo + 1) / span
        ax.add_patch(Rectangle((x0, y - STRIP_H / 2), width, STRIP_H, linewidth=0.6,
                               facecolor=BAND_COLOURS[index % len(BAND_COLOURS)],
                               edgecolor="black"))
        ax.text(x0 + width / 2, y, label if width > 0.09 else label.replace(" ", "\n"),
                ha="center", va="center", fontsize=7)
        ax.text(x0 + width / 2, y - STRIP_H / 2 - 0.08, f"{lo:02d}-{hi:02d}", ha="center",
                va="top", fontsize=7)
    x = (group["rata"] - low) / span
    ax.plot([x, x], [y - STRIP_H / 2 - 0.04, y + STRIP_H / 2 + 0.04], color="#1f3b73",
            linewidth=2.2)
    ax.plot([x], [y + STRIP_H / 2 + 0.1], marker="v", color="#1f3b73", markersize=7)
    ax.text(x, y + STRIP_H / 2 + 0.2, f"rata-rata {group['teks']} ({group['kategori']})",
            ha="center", va="bottom", fontsize=8.5, fontweight="bold", color="#1f3b73")
    ax.text(-0.015, y, f"Kelompok {group['kode']}\n{group['judul']}", ha="right",
            va="center", fontsize=8.5)


def draw_grafik_evaluasi(data: dict[str, Any]) -> bytes:
    groups = data["kelompok"]
    rows = len(groups)
    fig = Figure(figsize=(WIDTH_CM / 2.54, HEIGHT_CM / 2.54))
    ax = fig.add_axes((0.19, 0.04, 0.79, 0.84))
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.55, (rows - 1) * ROW_STEP + 0.62)
    ax.axis("off")
    for index, group in enumerate(groups):
        _strip(ax, (rows - 1 - index) * ROW_STEP, group)
    fig.text(0.5, 0.985, "Rata-rata total skor terhadap kategori penilaian "
             "(skor lebih rendah = lebih baik)", ha="center", va="top", fontsize=9.5,
             fontweight="bold")
    family = font_family()
    for text in [*ax.texts, *fig.texts]:
        text.set_fontfamily(family)
    return figure_png(fig)
