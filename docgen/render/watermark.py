"""The diagonal "DRAF" stamped on every page of a draft's PDF (pypdf merge).

pypdf cannot draw text, so the watermark page is drawn once per page size with
matplotlib's PDF backend and cached; each page of the draft is merged over it. Text
extractors split diagonal text, so a small horizontal label in the top margin repeats it.
"""

from __future__ import annotations

import io
import math
from functools import lru_cache

import pypdf
from matplotlib.backends.backend_pdf import FigureCanvasPdf
from matplotlib.figure import Figure

TEXT = "DRAF"
LABEL = "DRAF \u2013 belum final, tidak untuk ditandatangani"


@lru_cache(maxsize=16)
def watermark_pdf(width_pt: int, height_pt: int) -> bytes:
    """One transparent page of the given size with TEXT across its diagonal."""
    figure = Figure(figsize=(width_pt / 72, height_pt / 72))
    FigureCanvasPdf(figure)
    figure.patch.set_alpha(0)
    angle = math.degrees(math.atan2(height_pt, width_pt))
    size = min(width_pt, height_pt) * 0.30
    figure.text(0.5, 0.5, TEXT, fontsize=size, color=(0.75, 0.1, 0.1), alpha=0.22,
                rotation=angle, ha="center", va="center", fontweight="bold",
                family="DejaVu Sans")
    # the same word, small and horizontal in the top margin: text tools read it whole
    figure.text(0.5, 1 - 14 / height_pt, LABEL, fontsize=8, color=(0.75, 0.1, 0.1),
                ha="center", va="top", family="DejaVu Sans")
    out = io.BytesIO()
    figure.savefig(out, format="pdf", transparent=True)
    return out.getvalue()


def _watermark_page(width: float, height: float) -> pypdf.PageObject:
    data = watermark_pdf(round(width), round(height))
    return pypdf.PdfReader(io.BytesIO(data)).pages[0]


def stamp(pdf: bytes) -> bytes:
    """``pdf`` with the watermark over every page."""
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdf))
    for page in writer.pages:
        box = page.mediabox
        width, height = float(box.width), float(box.height)
        rotated = (page.get("/Rotate") or 0) % 180 == 90
        mark = _watermark_page(*((height, width) if rotated else (width, height)))
        page.merge_transformed_page(
            mark, pypdf.Transformation().translate(float(box.left), float(box.bottom)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
