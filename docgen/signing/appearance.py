"""The visible signature: a small PDF drawn at the field's size (matplotlib, TrueType text
embedded as in the verification stamp, so a PDF/A file stays PDF/A) with the QR code of
the verification URL, "Ditandatangani secara elektronik", the signer's name, NIP and the
time (WIB). pyHanko places it as the signature field's appearance."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from matplotlib import rc_context
from matplotlib.figure import Figure
from pyhanko.pdf_utils.content import ImportedPdfPage
from pyhanko.pdf_utils.reader import PdfFileReader

from docgen.domain.formatting import tanggal_panjang
from docgen.review.verification import _RC_LOCK, qr_matrix

WIB = dt.timezone(dt.timedelta(hours=7), "WIB")
FONT_PT = 6.5


@dataclass(frozen=True)
class Appearance:
    nama: str
    nip: str | None
    url: str  # the document's verification page


def waktu(moment: dt.datetime) -> str:
    """``2 Desember 2026 16.05 WIB`` of a naive-UTC or aware moment."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    local = aware.astimezone(WIB)
    return f"{tanggal_panjang(local.date())} {local:%H.%M} WIB"


def lines(appearance: Appearance, moment: dt.datetime) -> list[str]:
    return ["Ditandatangani secara elektronik", appearance.nama,
            f"NIP {appearance.nip}" if appearance.nip else "NIP -", waktu(moment)]


def appearance_pdf(width: float, height: float, appearance: Appearance,
                   moment: dt.datetime) -> bytes:
    figure = Figure(figsize=(width / 72, height / 72))
    figure.patch.set_alpha(0)
    side = min(height - 4, width * 0.4)
    axes = figure.add_axes((2 / width, (height - side) / 2 / height, side / width,
                            side / height))
    matrix = [[0.0 if dark else 1.0 for dark in row] for row in qr_matrix(appearance.url)]
    axes.imshow(matrix, cmap="gray", vmin=0, vmax=1, interpolation="none", aspect="auto")
    axes.set_axis_off()
    x = (side + 6) / width
    rows = lines(appearance, moment)
    step = min(FONT_PT * 1.45, (height - 4) / len(rows)) / height
    top = 0.5 + step * (len(rows) - 1) / 2
    for k, text in enumerate(rows):
        figure.text(x, top - k * step, text, ha="left", va="center", fontsize=FONT_PT,
                    color="black", family="DejaVu Sans",
                    fontweight="bold" if k == 1 else "normal")
    out = io.BytesIO()
    with _RC_LOCK, rc_context({"pdf.fonttype": 42}):
        figure.savefig(out, format="pdf", transparent=True)
    return out.getvalue()


class PdfBytesPage(ImportedPdfPage):
    """pyHanko's imported page, from bytes in memory instead of a file."""

    def __init__(self, pdf: bytes):
        super().__init__(file_name="", page_ix=0)
        self.pdf = pdf

    def render(self) -> bytes:
        import binascii
        import uuid

        from pyhanko.pdf_utils.layout import BoxConstraints

        writer = self._ensure_writer
        xobj = writer.import_page_as_xobject(PdfFileReader(io.BytesIO(self.pdf)), page_ix=0)
        name = b"/Import" + binascii.hexlify(uuid.uuid4().bytes)
        self.resources.xobject[name.decode("ascii")] = xobj
        x1, y1, x2, y2 = xobj.get_object()["/BBox"]
        self.box = BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
        return name + b" Do"
