"""Where the visible signature goes: the blank space for the signature in the signer's
signature block (``docgen.layout``'s blocks: jabatan lines, the space, name, pangkat,
NIP), i.e. the largest vertical gap between two lines of the block.

The signer's block is the first that carries the signer's NIP (else name): for a
Keputusan, the block under "Ditetapkan di" in the body, where the Keputusan is enacted
(the Lampiran repeat it below). A document whose blocks name nobody else falls back to
its first block."""

from __future__ import annotations

from dataclasses import dataclass

from docgen.layout.pdfwords import PdfDoc, Segment, read_pdf
from docgen.layout.signatures import Block, heuristic_blocks

MIN_HEIGHT = 28.0  # points: less than this is no signature space
MIN_WIDTH = 200.0
MARGIN = 2.0


@dataclass(frozen=True)
class Placement:
    page: int  # 0-based page index
    box: tuple[int, int, int, int]  # x1, y1, x2, y2 in PDF user space (origin bottom left)

    @property
    def width(self) -> int:
        return self.box[2] - self.box[0]

    @property
    def height(self) -> int:
        return self.box[3] - self.box[1]


def _bottom(segment: Segment) -> float:
    return max(w.bottom for w in segment.words)


def find(pdf: bytes, nip: str | None = None, nama: str = "") -> Placement | None:
    """The signature space of the signer's block, if one is found."""
    return find_in(read_pdf(pdf), nip, nama)


def _compact(text: str) -> str:
    return "".join(text.split()).upper()


def _signers(blocks: list[Block], nip: str | None, nama: str) -> Block | None:
    """The first block naming the signer: by NIP, else by name; else the first block."""
    for wanted in (nip, nama):
        if wanted and _compact(wanted):
            found = next((b for b in blocks if _compact(wanted) in _compact(b.text)), None)
            if found is not None:
                return found
    return blocks[0] if blocks else None


def find_in(doc: PdfDoc, nip: str | None = None, nama: str = "") -> Placement | None:
    block = _signers(heuristic_blocks(doc), nip, nama)
    if block is None:
        return None
    lines = block.segments
    pairs = [(a, b) for a, b in zip(lines, lines[1:], strict=False) if a.page == b.page]
    if not pairs:
        return None
    above, below = max(pairs, key=lambda pair: pair[1].top - _bottom(pair[0]))
    top, bottom = _bottom(above) + MARGIN, below.top - MARGIN
    if bottom - top < MIN_HEIGHT:
        return None
    page = doc.pages[below.page - 1]
    x0 = min(s.x0 for s in lines) - MARGIN
    x1 = max(max(s.x1 for s in lines) + MARGIN, x0 + MIN_WIDTH)
    x1 = min(x1, page.width - 10)
    return Placement(below.page - 1, (round(x0), round(page.height - bottom),
                                      round(x1), round(page.height - top)))
