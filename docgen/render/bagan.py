"""Bagan Organisasi Kelompok Budaya Kerja (Perbup 11/2020 Lampiran V).

Garis komando (solid): Penanggung Jawab -> Ketua -> Anggota, with the Sekretaris on a
branch of the Ketua's line; garis koordinasi (dashed): Sekretaris <-> Anggota.
"""

from __future__ import annotations

from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch

from docgen.render.figures import figure_png, font_family

BOX_W, BOX_H = 3.7, 1.3
MAX_ANGGOTA_BOXES = 8
PER_ROW = 4


def _box(ax: Axes, x: float, y: float, title: str, people: list[dict[str, str]],
         width: float = BOX_W, height: float = BOX_H) -> None:
    ax.add_patch(FancyBboxPatch((x - width / 2, y - height / 2), width, height,
                                boxstyle="square,pad=0", linewidth=1.2, edgecolor="black",
                                facecolor="white", zorder=2))
    ax.text(x, y + height / 2 - 0.22, title, ha="center", va="center", fontsize=8.5,
            fontweight="bold", zorder=3)
    lines = [p["nama"] for p in people[:2]]
    if len(people) > 2:
        lines.append(f"(+{len(people) - 2} orang)")
    names, size = _fit(lines, width)
    ax.text(x, y - 0.12, names, ha="center", va="center", fontsize=size, zorder=3,
            linespacing=1.1)


# (font size pt, lines that fit under the box title)
_FITS = ((7.0, 3), (6.3, 3), (5.6, 4), (5.0, 5))
_AXIS_CM = 16 / 16.6  # the figure is 16 cm wide for 16.6 axis units


def _text_pt(text: str, size: float) -> float:
    """Width estimate in Liberation Sans: capitals and digits are wide, spaces narrow."""
    em = sum(0.68 if c.isupper() or c.isdigit() else 0.5 if c.isalpha() else 0.3
             for c in text)
    return em * size


def _wrap(text: str, size: float, width_pt: float) -> list[str]:
    """Greedy wrap at spaces; a word longer than the line stays whole on its own line."""
    lines: list[str] = []
    for word in text.split():
        if lines and _text_pt(f"{lines[-1]} {word}", size) <= width_pt:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _fit(lines: list[str], width: float) -> tuple[str, float]:
    """Names wrapped at spaces (never inside a word) in the largest size that fits."""
    width_pt = width * _AXIS_CM * 28.35 * 0.88
    for size, max_lines in _FITS:
        wrapped = [part for line in lines for part in _wrap(line, size, width_pt)]
        if len(wrapped) <= max_lines and all(_text_pt(w, size) <= width_pt for w in wrapped):
            return "\n".join(wrapped), size
    return "\n".join(wrapped), _FITS[-1][0]


def _line(ax: Axes, xs: list[float], ys: list[float], dashed: bool = False) -> None:
    ax.add_line(Line2D(xs, ys, color="black", linewidth=1.1,
                       linestyle=(0, (4, 3)) if dashed else "-", zorder=1))


def _anggota_boxes(ax: Axes, anggota: list[dict[str, Any]], top_y: float
                   ) -> tuple[list[float], float]:
    """Draw the members' boxes below ``top_y``; return their x positions and lowest y."""
    if len(anggota) > MAX_ANGGOTA_BOXES:
        _box(ax, 0, top_y, "ANGGOTA", [{"nama": f"{len(anggota)} orang "
                                        "(lihat susunan keanggotaan)"}], width=6)
        return [0.0], top_y
    xs_all, y = [], top_y
    for start in range(0, len(anggota), PER_ROW):
        row = anggota[start:start + PER_ROW]
        span = (len(row) - 1) * (BOX_W + 0.4)
        for i, person in enumerate(row):
            x = -span / 2 + i * (BOX_W + 0.4)
            _box(ax, x, y, "ANGGOTA", [person])
            xs_all.append(x)
        y -= BOX_H + 0.6
    return xs_all, y + BOX_H + 0.6


def draw_bagan_kbk(boxes: dict[str, list[dict[str, str]]]) -> bytes:
    anggota = boxes["anggota"]
    rows = 1 if len(anggota) > MAX_ANGGOTA_BOXES else -(-len(anggota) // PER_ROW)
    height = 8.4 + rows * (BOX_H + 0.6)
    fig = Figure(figsize=(16 / 2.54, height / 2.54 * 1.05))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-8.3, 8.3)
    ax.set_ylim(-height + 0.4, 0.2)
    ax.axis("off")
    for text in ax.texts:
        text.set_fontfamily(font_family())
    y_pj, y_ketua, y_branch, y_anggota = -0.8, -2.8, -4.6, -7.4
    _box(ax, 0, y_pj, "PENANGGUNG JAWAB", boxes["penanggung_jawab"])
    _box(ax, 0, y_ketua, "KETUA", boxes["ketua"])
    _box(ax, 4.6, y_branch, "SEKRETARIS", boxes["sekretaris"])
    _line(ax, [0, 0], [y_pj - BOX_H / 2, y_ketua + BOX_H / 2])
    bus_y = y_anggota + BOX_H / 2 + 0.5
    _line(ax, [0, 0], [y_ketua - BOX_H / 2, bus_y])
    _line(ax, [0, 4.6 - BOX_W / 2], [y_branch, y_branch])
    xs, lowest = _anggota_boxes(ax, anggota, y_anggota)
    _line(ax, [min(xs), max(xs)], [bus_y, bus_y])
    for x in xs:
        _line(ax, [x, x], [bus_y, y_anggota + BOX_H / 2])
    _line(ax, [4.6, 4.6], [y_branch - BOX_H / 2, bus_y], dashed=True)
    if max(xs) < 4.6:
        _line(ax, [max(xs), 4.6], [bus_y, bus_y], dashed=True)
    legend_y = lowest - BOX_H / 2 - 0.7
    ax.text(-7.6, legend_y, "KET:", fontsize=7.5, va="center", fontweight="bold")
    _line(ax, [-6.4, -5.0], [legend_y, legend_y])
    ax.text(-4.8, legend_y, ": Garis Komando", fontsize=7.5, va="center")
    _line(ax, [-1.6, -0.2], [legend_y, legend_y], dashed=True)
    ax.text(0.0, legend_y, ": Garis Koordinasi", fontsize=7.5, va="center")
    for text in ax.texts:
        text.set_fontfamily(font_family())
    return figure_png(fig)
