"""Layout helpers of the working papers (landscape F4 forms: text width 28.0 cm)."""

from __future__ import annotations

from docx.enum.table import WD_ALIGN_VERTICAL
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from docgen.authoring.blocks import (
    CENTER,
    NASKAH_FONT,
    add_row,
    loop_rows,
    new_document,
    para,
    table,
    tag,
)

TABLE_PT = 11
LANDSCAPE_W = 28.0
PORTRAIT_W = 16.5
SIGN_LEFT = Cm(18.0)
SIGN_RIGHT_BLOCK = Cm(15.0)


def new_form(landscape: bool = True):
    return new_document(NASKAH_FONT, landscape=landscape)


def title(doc, *lines: str, after: float = 12, new_page: bool = False) -> None:
    """Bold centred title lines; the last one gets space after."""
    for index, line in enumerate(lines):
        para(doc, line, bold=True, align=CENTER, after=after if index == len(lines) - 1 else 0,
             page_break_before=new_page and index == 0)


def _repeat_header(tr) -> None:
    trpr = tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:tblHeader"))


def _fill(cell, text: str, size: float | None, bold: bool = True) -> None:
    for paragraph in list(cell._tc.iterchildren(qn("w:p"))):
        cell._tc.remove(paragraph)
    for index, line in enumerate(text.split("\n")):
        para(cell, line, bold=bold and index == 0, align=CENTER, size=size)
    cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER


def grid(doc, widths: list[float], top: list[tuple[str, int]], sub: list[str] | None = None,
         size: float = TABLE_PT, numbered: bool = True):
    """Bordered table with a (two-level) header and the numbered column row 1..n.

    ``top`` is [(label, span)]; a span > 1 groups the ``sub`` labels below it, a span of 1
    spans both header rows. Header rows repeat on every page.
    """
    if min(abs(sum(widths) - LANDSCAPE_W), abs(sum(widths) - PORTRAIT_W)) > 0.001:
        raise ValueError(f"column widths add up to {sum(widths)} cm, not the text width")
    tbl = table(doc, widths, borders=True)
    rows = [tbl.add_row() for _ in range(2 if sub else 1)]
    for row in rows:
        for cell, width in zip(row.cells, tbl._widths, strict=True):
            cell.width = width
    column = 0
    for label, span in top:
        first = rows[0].cells[column]
        if span > 1:
            if sub is None:
                raise ValueError(f"{label!r} spans {span} columns but no sub labels are given")
            _fill(first.merge(rows[0].cells[column + span - 1]), label, size)
            for offset in range(span):
                _fill(rows[1].cells[column + offset], sub[column + offset], size)
        elif sub and sub[column]:
            _fill(first, label, size)
            _fill(rows[1].cells[column], sub[column], size)
        else:
            _fill(first.merge(rows[-1].cells[column]) if sub else first, label, size)
        column += span
    trs = [row._tr for row in rows]
    if numbered:
        numbers = add_row(tbl, [str(i) for i in range(1, len(widths) + 1)], align=CENTER,
                          size=size - 1)
        trs.append(numbers[0]._tc.getparent())
    for tr in trs:
        _repeat_header(tr)
    return tbl


def cant_split(cells) -> None:
    """Keep a (template) row on one page."""
    trpr = cells[0]._tc.getparent().get_or_add_trPr()
    if trpr.find(qn("w:cantSplit")) is None:
        trpr.append(OxmlElement("w:cantSplit"))


def body_row(tbl, statement: str, texts: list, size: float = TABLE_PT) -> None:
    aligns = [CENTER] + [None] * (len(texts) - 1)
    cant_split(loop_rows(tbl, statement, texts, size=size, aligns=aligns))


def cell_lines(*parts: str, size: float = TABLE_PT):
    """Cell content: several paragraphs (each may be a docxtpl tag paragraph)."""
    def fill(cell):
        for part in parts:
            para(cell, part, size=size)
    return fill


def nip_line(doc, who: str, left=None, align=None, sign: bool = False) -> None:
    tag(doc, f"{{%p if {who}.nip %}}")
    para(doc, f"NIP. {{{{ {who}.nip }}}}", left=left, align=align, sign=sign)
    tag(doc, "{%p endif %}")


def _sign_lines(doc, heading: list[str], who: str, **layout) -> None:
    """Heading lines, signature space, name, NIP: one signature block kept together."""
    for line in heading:
        para(doc, line, keep_next=True, sign=True, **layout)
    for _ in range(4):
        para(doc, "", keep_next=True, sign=True, **layout)
    para(doc, f"{{{{ {who}.nama }}}}", bold=True, underline=True, keep_next=True, sign=True,
         **layout)
    nip_line(doc, who, layout.get("left"), layout.get("align"), sign=True)


def ttd_ketua(doc, tanggal: str = "tanggal") -> None:
    """Purbalingga, <tanggal> / Ketua Kelompok Budaya Kerja <unit> / space / name / NIP."""
    para(doc, "", after=12)
    _sign_lines(doc, [f"Purbalingga, {{{{ {tanggal} }}}}",
                      "Ketua Kelompok Budaya Kerja {{ unit_kerja }},"], "ketua", left=SIGN_LEFT)


def ttd_kanan(doc, heading: list[str], who: str) -> None:
    """One signature on the right as paragraphs that keep together (centred block)."""
    para(doc, "", after=6)
    _sign_lines(doc, heading, who, align=CENTER, left=SIGN_RIGHT_BLOCK)


def _signature(heading: list[str], who: str):
    """Heading lines, signature space, name, NIP (when given), bottom-aligned in a cell."""
    def fill(cell):
        for line in heading:
            para(cell, line, align=CENTER, sign=True)
        for _ in range(4):
            para(cell, "", sign=True)
        para(cell, f"{{{{ {who}.nama }}}}", bold=True, underline=True, align=CENTER, sign=True)
        para(cell, f"{{% if {who}.nip %}}NIP. {{{{ {who}.nip }}}}{{% endif %}}", align=CENTER,
             sign=True)
        cell.vertical_alignment = WD_ALIGN_VERTICAL.BOTTOM
    return fill


def ttd_dua(doc, left: tuple[list[str], str], right: tuple[list[str], str],
            widths=(14.0, 14.0)) -> None:
    """Two signatures side by side: (heading lines, context name of the signer) per side.

    One row that cannot split, cells aligned at the bottom, so both names and NIPs stand
    on the same lines. Nothing may follow it in the document, and it may not keep with
    next: LibreOffice then pushes it (or a paragraph after it) to a page of its own.
    """
    para(doc, "", after=6)
    tbl = table(doc, list(widths))
    cant_split(add_row(tbl, [_signature(*left), _signature(*right)]))
