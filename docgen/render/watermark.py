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
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    StreamObject,
)

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


@lru_cache(maxsize=16)
def _mark(width_pt: int, height_pt: int) -> tuple[bytes, pypdf.PageObject]:
    """The watermark page's drawing operators and the page (for its resources)."""
    page = pypdf.PdfReader(io.BytesIO(watermark_pdf(width_pt, height_pt))).pages[0]
    contents = page.get_contents()
    return (contents.get_data() if contents is not None else b""), page


def _form(writer: pypdf.PdfWriter, width: int, height: int) -> IndirectObject:
    """The watermark as a Form XObject of ``writer`` (added once per page size)."""
    data, page = _mark(width, height)
    form = StreamObject()
    form.set_data(data)
    form.update({NameObject("/Type"): NameObject("/XObject"),
                 NameObject("/Subtype"): NameObject("/Form"),
                 NameObject("/BBox"): ArrayObject([FloatObject(0), FloatObject(0),
                                                   FloatObject(width), FloatObject(height)]),
                 NameObject("/Resources"): page["/Resources"].clone(writer)})
    return writer._add_object(form)


def stamp(pdf: bytes) -> bytes:
    """``pdf`` with the watermark over every page: the page's own drawing wrapped in
    q/Q, then the watermark drawn as one Form XObject per page size (no page content is
    parsed or rewritten, so this stays cheap for long documents)."""
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdf))
    forms: dict[tuple[int, int], IndirectObject] = {}
    for page in writer.pages:
        box = page.mediabox
        width, height = float(box.width), float(box.height)
        rotated = (page.get("/Rotate") or 0) % 180 == 90
        size = (round(height), round(width)) if rotated else (round(width), round(height))
        if size not in forms:
            forms[size] = _form(writer, *size)
        name = f"/DocgenDraf{size[0]}x{size[1]}"
        resources = _resources(page)
        resources[NameObject("/XObject")] = _xobjects(resources, name, forms[size])
        _wrap(writer, page, b"q 1 0 0 1 %.4f %.4f cm %s Do Q" % (
            float(box.left), float(box.bottom), name.encode()))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _resources(page: pypdf.PageObject) -> DictionaryObject:
    """The page's own resources dictionary (inherited ones copied onto the page)."""
    resources = page.get("/Resources")
    own = DictionaryObject(resources.get_object()) if resources is not None else (
        DictionaryObject())
    page[NameObject("/Resources")] = own
    return own


def _xobjects(resources: DictionaryObject, name: str, form: IndirectObject
              ) -> DictionaryObject:
    """A copy of the page's XObjects with the watermark's added."""
    current = resources.get("/XObject")
    xobjects = DictionaryObject(current.get_object()) if current is not None else (
        DictionaryObject())
    xobjects[NameObject(name)] = form
    return xobjects


def _wrap(writer: pypdf.PdfWriter, page: pypdf.PageObject, drawing: bytes) -> None:
    """Page contents become ``q``, the old contents, ``Q``, ``drawing``."""
    before, after = StreamObject(), StreamObject()
    before.set_data(b"q\n")
    after.set_data(b"\nQ\n" + drawing + b"\n")
    old = page.get("/Contents")
    if old is None:
        streams = []
    else:
        found = old.get_object()
        streams = list(found) if isinstance(found, ArrayObject) else [old]
    page[NameObject("/Contents")] = ArrayObject(
        [writer._add_object(before), *streams, writer._add_object(after)])
