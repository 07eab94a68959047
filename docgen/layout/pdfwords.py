"""The printed words of a PDF, in content-stream order, grouped into line segments.

LibreOffice writes its text in document order (table cells one after the other), so the
words in content-stream order (poppler's ``pdftotext -raw -bbox``: C, ~20 ms for a
6-page Keputusan, where a pure-Python parser took ~230 ms) form a stream in which a line
segment is a run of consecutive words on the same baseline going right. Text drawn at an
angle (the draft watermark) is left out. Each page is read once.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

PAGE_NUMBER = re.compile(r"^[-\u2013\u2014]\s*(\d+)\s*[-\u2013\u2014]$")
WATERMARK = re.compile(r"^DRAF(\s*[-\u2013].*|\s+belum\b.*)?$")  # the dash may not print
STAMP = re.compile(r"^(ID Dokumen:|Verifikasi:)")
HEADER_REGION = 0.12  # page numbers sit in the top 12% of the page


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int  # 1-based
    index: int = -1  # position in the document's stream (PdfDoc.words)
    segment: int = -1  # index into PdfDoc.segments

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass
class Segment:
    words: list[Word]
    role: str = "body"  # body | page_number | watermark | stamp

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def page(self) -> int:
        return self.words[0].page

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class PdfPage:
    number: int
    width: float
    height: float
    segments: list[Segment] = field(default_factory=list)

    def body_segments(self) -> list[Segment]:
        return [s for s in self.segments if s.role == "body"]


@dataclass
class PdfDoc:
    pages: list[PdfPage]
    words: list[Word]  # body words only, whole document, stream order
    segments: list[Segment]


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("\u00ad", "")


def read_pdf(pdf: bytes) -> PdfDoc:
    pages: list[PdfPage] = []
    for number, page in enumerate(_bbox_pages(pdf), start=1):
        words = [Word(normalize(w.text or ""), float(w.get("xMin")), float(w.get("xMax")),
                      float(w.get("yMin")), float(w.get("yMax")), number)
                 for w in page.iter(XHTML + "word") if (w.text or "").strip()]
        result = PdfPage(number, float(page.get("width")), float(page.get("height")))
        result.segments = _watermark_tails([_classify(s, result)
                                            for s in _segments(_upright(words))])
        pages.append(result)
    return _index(pages)


XHTML = "{http://www.w3.org/1999/xhtml}"


def _bbox_pages(pdf: bytes) -> list[Any]:
    """The ``<page>`` elements of ``pdftotext -raw -bbox`` (poppler-utils)."""
    result = subprocess.run(["pdftotext", "-raw", "-bbox", "-enc", "UTF-8", "-", "-"],
                            input=pdf, capture_output=True, timeout=60)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip() or "bukan PDF"
        raise ValueError(f"PDF tidak dapat dibaca: {message}")
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    root = etree.fromstring(result.stdout, parser)
    if root is None:
        raise ValueError("PDF tidak dapat dibaca")
    return list(root.iter(XHTML + "page"))


def _upright(words: list[Word]) -> list[Word]:
    """Words of horizontal text: a word drawn at an angle has a box far taller than its
    letters would need (the diagonal DRAF watermark)."""
    return [w for w in words if (w.bottom - w.top) <= 3 * max(w.x1 - w.x0, 1.0) / max(
        len(w.text), 1) + 40]


def _segments(words: list[Word]) -> list[Segment]:
    segments: list[Segment] = []
    for word in words:
        last = segments[-1].words[-1] if segments else None
        if last is not None and _continues(last, word):
            segments[-1].words.append(word)
        else:
            segments.append(Segment([word]))
    return segments


def _continues(last: Word, word: Word) -> bool:
    same_line = abs(word.top - last.top) <= 0.3 * last.height
    gap = word.x0 - last.x1
    return same_line and -1.0 <= gap <= 3 * last.height


def _classify(segment: Segment, page: PdfPage) -> Segment:
    text = segment.text
    if PAGE_NUMBER.match(text) and segment.top < HEADER_REGION * page.height:
        segment.role = "page_number"
    elif WATERMARK.match(text):
        segment.role = "watermark"
    elif STAMP.match(text):
        segment.role = "stamp"
    return segment


def _watermark_tails(segments: list[Segment]) -> list[Segment]:
    """The rest of the draft line ("– belum final, …") printed in other fonts comes as
    separate pieces right after "DRAF" in the stream, on its line: watermark too."""
    line: Segment | None = None
    for segment in segments:
        if segment.role == "watermark":
            line = segment
        elif line is not None and abs(segment.top - line.top) <= 8 and segment.x0 >= line.x0:
            segment.role = "watermark"
        else:
            line = None
    return segments


def _index(pages: list[PdfPage]) -> PdfDoc:
    words: list[Word] = []
    segments: list[Segment] = []
    for page in pages:
        for segment in page.segments:
            for word in segment.words:
                word.segment = len(segments)
                if segment.role == "body":
                    word.index = len(words)
                    words.append(word)
            segments.append(segment)
    return PdfDoc(pages, words, segments)


def page_number_of(segment: Segment) -> int | None:
    match = PAGE_NUMBER.match(segment.text)
    return int(match.group(1)) if match else None
