"""Keep a signature block on a page with the document's text above it.

Inside a signature block every line keeps with the next (the template's "Tanda Tangan"
style), so the block never splits. What LibreOffice cannot do is keep the *end of a table*
with the paragraph after it: when a long table fills its page to the bottom, the
signature moves to a page of its own, and a page that carries nothing but a signature
could be swapped. The layout check sees that on the converted PDF; this module then
moves the last rows of the table before the signature to a new page (a copy of the
table with its repeated header rows), or, after a paragraph, starts that paragraph on
the new page, and the document is converted again.

Pure XML work on the DOCX bytes: no converter, no web.
"""

from __future__ import annotations

import copy
import io
import subprocess
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from docgen.layout.model import LayoutProblem

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SIGN_STYLE_ID = "TandaTangan"
DOCUMENT = "word/document.xml"


def _q(name: str) -> str:
    return f"{{{W}}}{name}"


def _is_sign_paragraph(element: etree._Element) -> bool:
    style = element.find(f"{_q('pPr')}/{_q('pStyle')}")
    return element.tag == _q("p") and style is not None and style.get(_q("val")) == SIGN_STYLE_ID


def _is_sign_table(element: etree._Element) -> bool:
    return element.tag == _q("tbl") and any(
        _is_sign_paragraph(p) for p in element.iter(_q("p")))


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(_q("t"))).strip()


def _has_drawing(element: etree._Element) -> bool:
    return next(element.iter(_q("drawing")), None) is not None


def signature_blocks(body: etree._Element) -> list[list[etree._Element]]:
    """Body elements of each signature block, in document order."""
    blocks: list[list[etree._Element]] = []
    current: list[etree._Element] = []
    for element in body:
        if _is_sign_paragraph(element) or _is_sign_table(element):
            current.append(element)
        elif current and element.tag == _q("p") and not _text(element) \
                and not _has_drawing(element):
            continue  # an empty paragraph (a removed {%p %} tag line) inside a block
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _previous_content(body: etree._Element, first: etree._Element) -> etree._Element | None:
    """The nearest element before ``first`` that prints text (a picture between it and
    the signature moves along with it)."""
    element = first.getprevious()
    while element is not None:
        if element.tag == _q("tbl") or _text(element):
            return element
        element = element.getprevious()
    return None


def _data_rows(tbl: etree._Element) -> list[etree._Element]:
    rows = tbl.findall(_q("tr"))
    return [r for r in rows if r.find(f"{_q('trPr')}/{_q('tblHeader')}") is None]


def _break_paragraph() -> etree._Element:
    """An empty 1 pt paragraph that starts a new page (and keeps two tables apart)."""
    paragraph = etree.Element(_q("p"))
    ppr = etree.SubElement(paragraph, _q("pPr"))
    etree.SubElement(ppr, _q("pageBreakBefore"))
    spacing = etree.SubElement(ppr, _q("spacing"))
    spacing.set(_q("before"), "0")
    spacing.set(_q("after"), "0")
    spacing.set(_q("line"), "20")
    spacing.set(_q("lineRule"), "exact")
    rpr = etree.SubElement(ppr, _q("rPr"))
    size = etree.SubElement(rpr, _q("sz"))
    size.set(_q("val"), "2")
    return paragraph


def _split_table(tbl: etree._Element) -> bool:
    """Move the last rows of ``tbl`` to a copy of it on a new page; False if it can't."""
    rows = _data_rows(tbl)
    if len(rows) < 2:
        return False
    moving = rows[-2:] if len(rows) >= 4 else rows[-1:]
    tail = etree.Element(_q("tbl"))
    for child in tbl:
        if child.tag != _q("tr"):
            tail.append(copy.deepcopy(child))
    for row in tbl.findall(_q("tr")):
        if row.find(f"{_q('trPr')}/{_q('tblHeader')}") is not None:
            tail.append(copy.deepcopy(row))
    for row in moving:
        tail.append(row)  # moves it
    tbl.addnext(tail)
    tbl.addnext(_break_paragraph())
    return True


def _start_on_new_page(paragraph: etree._Element) -> None:
    ppr = paragraph.find(_q("pPr"))
    if ppr is None:
        ppr = etree.Element(_q("pPr"))
        paragraph.insert(0, ppr)
    if ppr.find(_q("pageBreakBefore")) is None:
        ppr.insert(1 if ppr.find(_q("pStyle")) is not None else 0,
                   etree.Element(_q("pageBreakBefore")))


def move_to_new_page(body: etree._Element, block: list[etree._Element]) -> bool:
    """Start a new page with the content just before ``block``; False if impossible."""
    before = _previous_content(body, block[0])
    if before is None:
        return False
    if before.tag == _q("tbl"):
        return _split_table(before)
    if before.getprevious() is None:
        return False
    _start_on_new_page(before)
    return True


def keep_signatures_with_text(docx: bytes, orphaned: list[int]) -> bytes | None:
    """The DOCX with the given signature blocks (indexes into ``signature_blocks``) moved
    to a new page together with the content before them; None when nothing could move."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        members = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    root = etree.fromstring(members[DOCUMENT])
    body = root.find(_q("body"))
    blocks = signature_blocks(body)
    moved = False
    for index in sorted(set(orphaned), reverse=True):
        if 0 <= index < len(blocks):
            moved = move_to_new_page(body, blocks[index]) or moved
    if not moved:
        return None
    members[DOCUMENT] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                       standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, payload in members.items():
            archive.writestr(name, payload)
    return out.getvalue()


def block_lines(docx: bytes) -> list[tuple[str, str]]:
    """(first, last) printed line of each signature block, in document order."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        root = etree.fromstring(archive.read(DOCUMENT))
    lines = []
    for block in signature_blocks(root.find(_q("body"))):
        texts = [_text(p) for element in block for p in element.iter(_q("p"))
                 if _is_sign_paragraph(p) and _text(p)]
        lines.append((texts[0], texts[-1]) if texts else ("", ""))
    return lines


def _squash(text: str) -> str:
    return "".join(text.split())


def block_pages(lines: list[tuple[str, str]], page_texts: list[str]) -> list[int | None]:
    """The page each block starts on: the blocks are found one after the other in the
    document's text (first line, then last line), so that blocks with the same lines (the
    three signatures of Form B) and a line printed inside an earlier block ("a.n. BUPATI"
    in the Keputusan's own signature) are told apart."""
    pages = [_squash(text) for text in page_texts]
    starts = [sum(len(p) for p in pages[:k]) for k in range(len(pages))]
    text, cursor = "".join(pages), 0
    found: list[int | None] = []
    for first, last in lines:
        at = text.find(_squash(first), cursor) if first else -1
        if at < 0:
            found.append(None)
            continue
        end = text.find(_squash(last), at)
        cursor = (end + len(_squash(last))) if end >= 0 else at + len(_squash(first))
        found.append(max(k for k, start in enumerate(starts) if start <= at) + 1)
    return found


def orphaned_blocks(lines: list[tuple[str, str]], page_texts: list[str],
                    orphan_pages: list[int]) -> list[int]:
    """Indexes of the blocks that open the pages where a lone signature was found."""
    pages = block_pages(lines, page_texts)
    found = []
    for page in sorted(set(orphan_pages)):
        on_page = [i for i, p in enumerate(pages) if p == page]
        if on_page:
            found.append(on_page[0])
    return found


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page (poppler's ``pdftotext``, content-stream order)."""
    result = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=pdf,
                            capture_output=True, timeout=60, check=True)
    pages = result.stdout.decode("utf-8", "replace").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


@dataclass
class Signable:
    """A DOCX (possibly re-paginated), its PDF and the layout problems left in it."""

    docx: bytes
    pdf: bytes
    problems: list[LayoutProblem] = field(default_factory=list)


def signable(docx: bytes, convert: Callable[[bytes], bytes],
             check: Callable[[bytes, bytes], list[LayoutProblem]], rounds: int = 2) -> Signable:
    """Convert, check, and while a signature stands alone on its page move the content
    before it to that page (at most ``rounds`` extra conversions, only when needed)."""
    result = Signable(docx, convert(docx))
    result.problems = check(result.pdf, result.docx)
    for _ in range(rounds):
        orphans = [p.page for p in result.problems if p.kind == "tanda_tangan_yatim"]
        if not orphans:
            break
        indexes = orphaned_blocks(block_lines(result.docx), page_texts(result.pdf), orphans)
        fixed = keep_signatures_with_text(result.docx, indexes) if indexes else None
        if fixed is None:
            break
        pdf = convert(fixed)
        moved = Signable(fixed, pdf, check(pdf, fixed))
        if _orphans(moved) >= len(orphans):
            break  # moving did not help (the content does not fit): keep the first layout
        result = moved
    return result


def _orphans(result: Signable) -> int:
    return sum(p.kind == "tanda_tangan_yatim" for p in result.problems)
