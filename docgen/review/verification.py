"""Verification footer on final PDFs: document ID + QR code to ``<base_url>/verifikasi/<id>``.

Each page gets a transparent overlay, drawn by matplotlib's PDF backend at the page's
own size, with the QR code right-aligned in the bottom margin and the ID beside it; pypdf
merges it onto the page. The archive stores the SHA-256 of the stamped PDF, and
``verify_pdf`` says whether an uploaded file is byte-identical to it.

A final is PDF/A-2b (``docgen.render.pdfa``) and the stamp keeps it so: the overlay's text
is DejaVu Sans embedded as TrueType (``pdf.fonttype`` 42; a standard-14 font such as
Helvetica would not be embedded, which PDF/A forbids), and pypdf's clone keeps the input's
XMP metadata, output intent and Info entries (``tests/test_pdfa.py`` checks all three).
"""

from __future__ import annotations

import hmac
import io
import threading
from functools import lru_cache
from typing import Any
from urllib.parse import quote

import qrcode
from matplotlib import rc_context
from matplotlib.figure import Figure
from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import DictionaryObject, NameObject

from docgen.review.archive import sha256

PT_PER_MM = 72 / 25.4
QR_MM = 14.0  # side of the QR code, quiet zone included
BOTTOM_MM = 5.0  # from the bottom edge of the page
RIGHT_MM = 15.0  # from the right edge of the page
FONT_PT = 6.5
METADATA_KEY = "/DocgenDocumentId"
_RC_LOCK = threading.Lock()  # rc_context changes matplotlib's global rcParams


def verification_url(base_url: str, document_id: str) -> str:
    return f"{base_url.rstrip('/')}/verifikasi/{quote(document_id, safe='')}"


def qr_matrix(url: str) -> list[list[bool]]:
    """The QR modules for ``url`` (True = dark), with a 2-module quiet zone."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(url)
    code.make(fit=True)
    return code.get_matrix()


def stamp_verification(pdf: bytes, document_id: str, url: str) -> bytes:
    """``pdf`` with the ID and a QR code of ``url`` at the bottom right of every page."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    overlays: dict[tuple[float, float], PageObject] = {}  # one per size: shared objects
    for page in writer.pages:
        if page.rotation:
            page.transfer_rotation_to_content()
        box = page.mediabox
        size = (round(float(box.width), 2), round(float(box.height), 2))
        if size not in overlays:
            overlays[size] = PdfReader(io.BytesIO(_overlay_pdf(*size, document_id, url))).pages[0]
        _own_resources(page)
        page.merge_transformed_page(
            overlays[size], Transformation().translate(float(box.left), float(box.bottom)))
        page.compress_content_streams()
    writer.add_metadata({METADATA_KEY: document_id})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _own_resources(page: PageObject) -> None:
    """Give the page its own /Resources (LibreOffice shares one dict across pages)."""
    resources = page.get("/Resources")
    if resources is None:
        return
    own = DictionaryObject()
    for key, value in resources.get_object().items():
        target = value.get_object()
        own[key] = DictionaryObject(target) if isinstance(target, DictionaryObject) else value
    page[NameObject("/Resources")] = own


@lru_cache(maxsize=16)
def _overlay_pdf(width_pt: float, height_pt: float, document_id: str, url: str) -> bytes:
    figure = Figure(figsize=(width_pt / 72, height_pt / 72))
    figure.patch.set_alpha(0)
    qr_w, qr_h = QR_MM * PT_PER_MM / width_pt, QR_MM * PT_PER_MM / height_pt
    left = 1 - RIGHT_MM * PT_PER_MM / width_pt - qr_w
    bottom = BOTTOM_MM * PT_PER_MM / height_pt
    axes = figure.add_axes((left, bottom, qr_w, qr_h))
    matrix = [[0.0 if dark else 1.0 for dark in row] for row in qr_matrix(url)]
    axes.imshow(matrix, cmap="gray", vmin=0, vmax=1, interpolation="none", aspect="auto")
    axes.set_axis_off()
    text_x = left - 1.5 * PT_PER_MM / width_pt
    for line, offset in ((f"ID Dokumen: {document_id}", 0.62), ("Verifikasi: " + url, 0.28)):
        figure.text(text_x, bottom + qr_h * offset, line, ha="right", va="center",
                    fontsize=FONT_PT, color="black", family="DejaVu Sans")
    out = io.BytesIO()
    with _RC_LOCK, rc_context({"pdf.fonttype": 42}):  # TrueType text: searchable, sharp
        figure.savefig(out, format="pdf", transparent=True)
    return out.getvalue()


def verify_pdf(uploaded: bytes, archived_sha256: str) -> bool:
    """True only if ``uploaded`` is byte-identical to the archived PDF."""
    return hmac.compare_digest(sha256(uploaded), archived_sha256.strip().lower())


def document_id_of(pdf: bytes) -> str | None:
    """The document ID stamped into a PDF's metadata, if any (for an upload to verify)."""
    try:
        metadata: dict[Any, Any] = PdfReader(io.BytesIO(pdf)).metadata or {}
    except Exception:
        return None
    value = metadata.get(METADATA_KEY)
    return str(value) if value else None
