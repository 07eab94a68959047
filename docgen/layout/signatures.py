"""Signature blocks: alone on a page (yatim) or split over two pages (terbelah).

With a DOCX whose signature paragraphs carry the "Tanda Tangan" style, the blocks are
those paragraphs, located in the PDF through the alignment. Otherwise a block is found in
the PDF text: a "NIP ..." line ends it, and it starts at the nearest line above in the
same column that is a place/date line or an upper-case jabatan ending with ",".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docgen.layout.align import Alignment
from docgen.layout.docxmodel import DocxDoc
from docgen.layout.model import LayoutProblem, problem, shorten
from docgen.layout.pdfwords import PdfDoc, Segment

NIP_LINE = re.compile(r"^NIP\.?\s*:?\s*([\d ]{18,22}|-+|\.+)$")
PLACE = re.compile(r"^(Ditetapkan|Dikeluarkan)\s+di\b")
ON_DATE = re.compile(r"^(pada\s+)?tanggal\b")
DATE = re.compile(r"^[A-Z][\w .'-]*,\s+\S.*\d{4}$")
ON_BEHALF = re.compile(r"^(a\.\s?n\.|an\.|u\.\s?b\.|Plt\.|Plh\.)", re.IGNORECASE)
MAX_LINES_UP = 12
COLUMN_PT = 20.0


@dataclass
class Block:
    segments: list[Segment]  # in stream order, the first is the block's first line
    text: str

    @property
    def pages(self) -> list[int]:
        return sorted({s.page for s in self.segments})


def check_signatures(pdf: PdfDoc, docx: DocxDoc | None,
                     alignment: Alignment | None) -> list[LayoutProblem]:
    blocks = styled_blocks(pdf, docx, alignment) if docx and docx.signatures else []
    if not blocks:
        blocks = heuristic_blocks(pdf)
    taken = {id(s) for b in blocks for s in b.segments}
    problems = []
    for block in blocks:
        pages = block.pages
        if len(pages) > 1:
            problems.append(problem(
                pages[0], "tanda_tangan_terbelah", block.text,
                f"blok tanda tangan terbelah ke halaman {pages[0]} dan {pages[-1]} "
                f"({block.text})"))
        elif not _text_above(pdf, block, taken):
            problems.append(problem(
                pages[0], "tanda_tangan_yatim", block.text,
                "tanda tangan berdiri sendiri di halamannya tanpa teks dokumen di atasnya "
                f"({block.text})"))
    return problems


def _text_above(pdf: PdfDoc, block: Block, taken: set[int]) -> bool:
    first = block.segments[0]
    page = pdf.pages[first.page - 1]
    return any(s.top < first.top - 1 and id(s) not in taken for s in page.body_segments())


def _summary(lines: list[str]) -> str:
    lines = [" ".join(line.split()) for line in lines if line.strip()]
    titles = [x for x in lines if not x.startswith("NIP") and not PLACE.match(x)
              and not ON_DATE.match(x) and not DATE.match(x)]
    if len(titles) > 1 and len(titles[0].split()) == 1:
        titles = titles[1:]  # "Menyetujui,", "Mengetahui,"
    jabatan = shorten(titles[0].rstrip(","), 36) if titles else ""
    nip = next((x for x in lines if x.startswith("NIP")), "")
    return ", ".join(p for p in (jabatan, nip) if p)


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


# -- from the DOCX style ------------------------------------------------------------

def styled_blocks(pdf: PdfDoc, docx: DocxDoc, alignment: Alignment | None) -> list[Block]:
    blocks = []
    for span in docx.signatures:
        words = alignment.words(span) if alignment else []
        if not words:
            continue
        segments: list[Segment] = []
        for word in words:
            segment = pdf.segments[word.segment]
            if not segments or segments[-1] is not segment:
                segments.append(segment)
        blocks.append(Block(segments, _summary(span.text.splitlines())))
    return blocks


# -- heuristic on the PDF text ------------------------------------------------------

def heuristic_blocks(pdf: PdfDoc) -> list[Block]:
    blocks = []
    for index, segment in enumerate(pdf.segments):
        if segment.role == "body" and NIP_LINE.match(segment.text):
            lines = _block_lines(pdf, index)
            blocks.append(Block(lines, _summary([s.text for s in lines])))
    return blocks


def _same_column(a: Segment, b: Segment) -> bool:
    return abs(a.x0 - b.x0) <= COLUMN_PT or abs(a.center - b.center) <= COLUMN_PT


def _column_above(pdf: PdfDoc, nip: Segment, index: int, page: int) -> list[Segment]:
    """Same-column body lines above ``nip`` on ``page``, nearest first (at most 12)."""
    found: list[Segment] = []
    for k in range(index - 1, -1, -1):
        segment = pdf.segments[k]
        if segment.page < page or len(found) >= MAX_LINES_UP:
            break
        if found and found[-1].top - segment.top > 8 * found[-1].words[0].height:
            break
        if segment.page == page and segment.role == "body" and _same_column(segment, nip) \
                and (page != nip.page or segment.top < nip.top):
            found.append(segment)
    return found


def _find_start(above: list[Segment]) -> int | None:
    """Index in ``above`` (nearest first) of the block's first line, if any."""
    for k, segment in enumerate(above):
        if PLACE.match(segment.text) or DATE.match(segment.text):
            return k
        if segment.text.endswith((".", ";")) and not segment.text.startswith("NIP"):
            break
    for k, segment in enumerate(above):
        text = segment.text
        if text.endswith(",") and (_is_upper(text) or len(segment.words) <= 6):
            return k
    return None


def _is_head(segment: Segment) -> bool:
    text = segment.text
    return bool(PLACE.match(text) or ON_DATE.match(text) or DATE.match(text)
                or ON_BEHALF.match(text) or _is_upper(text))


def _block_lines(pdf: PdfDoc, index: int) -> list[Segment]:
    nip = pdf.segments[index]
    above = _column_above(pdf, nip, index, nip.page)
    start = _find_start(above)
    start = 1 if start is None else _extend_up(above, start)
    lines = list(reversed(above[:start + 1])) + [nip]
    if not (PLACE.match(lines[0].text) or DATE.match(lines[0].text)):
        lines = _from_previous_page(pdf, nip, lines[0]) + lines
    return lines


def _extend_up(above: list[Segment], start: int) -> int:
    for k in range(start + 1, min(start + 7, len(above))):
        lower, upper = above[k - 1], above[k]
        if not _is_head(upper) or lower.top - upper.top > 3 * upper.words[0].height:
            break
        start = k
    return start


def _from_previous_page(pdf: PdfDoc, nip: Segment, top: Segment) -> list[Segment]:
    """The beginning of a block that starts at the foot of the previous page."""
    if nip.page == 1 or any(s.top < top.top for s in pdf.pages[nip.page - 1].body_segments()):
        return []
    tail: list[Segment] = []
    for segment in reversed(pdf.pages[nip.page - 2].body_segments()[-8:]):
        if not _same_column(segment, nip) or not (
                _is_head(segment) or segment.text.endswith(",")):
            break
        tail.append(segment)
    return list(reversed(tail))
