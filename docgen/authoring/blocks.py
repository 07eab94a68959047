"""Layout building blocks for templates (Tata Naskah Dinas, as in the seed Keputusan)."""

from __future__ import annotations

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

KEPUTUSAN_FONT = "Bookman Old Style"
NASKAH_FONT = "Arial"
CENTER, RIGHT, JUSTIFY, LEFT = (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT,
                                WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT)
SIGN_INDENT = Cm(8.5)
# Paragraphs of a signature block carry this style: the layout check and the pagination
# pass find signature blocks by it (docgen.layout, docgen.render.pagination).
SIGN_STYLE = "Tanda Tangan"


def new_document(font: str, landscape: bool = False, size: float = 12):
    """F4 page, margins L3 R2 T2 B2.5 cm, one font, page numbers '- n -' from page 2."""
    doc = Document()
    section = doc.sections[0]
    width, height = Mm(215), Mm(330)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2.5)
    section.header_distance = Cm(1)
    for style_name in ("Normal", "Table Grid", "Header", "Footer"):
        _style_font(doc.styles[style_name], font, size)
    fmt = doc.styles["Normal"].paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), 1.0
    _page_number_header(section)
    _signature_style(doc)
    body = doc.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    return doc


def _signature_style(doc) -> None:
    """'Tanda Tangan': Normal, kept with the next paragraph (the block stays together)."""
    from docx.enum.style import WD_STYLE_TYPE

    style = doc.styles.add_style(SIGN_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    style.paragraph_format.keep_with_next = True
    style.paragraph_format.keep_together = True


def _style_font(style, font: str, size: float) -> None:
    style.font.name = font
    style.font.size = Pt(size)
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), font)


def _page_number_header(section) -> None:
    section.different_first_page_header_footer = True
    header = section.header
    paragraph = header.paragraphs[0]
    paragraph.alignment = CENTER
    paragraph.add_run("- ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    paragraph.add_run(" -")


def para(container, text: str = "", *, bold=False, underline=False, align=None, size=None,
         left=None, hanging=None, first=None, before=0, after=0, tabs=(), keep_next=False,
         page_break_before=False, italic=False, sign=False):
    """Add a paragraph with one run; returns it. ``sign``: part of a signature block."""
    paragraph = container.add_paragraph(style=SIGN_STYLE if sign else None)
    if text:
        run = paragraph.add_run(text)
        run.bold, run.underline, run.italic = bold or None, underline or None, italic or None
        if size:
            run.font.size = Pt(size)
    fmt = paragraph.paragraph_format
    if align is not None:
        paragraph.alignment = align
    if left is not None:
        fmt.left_indent = left
    if hanging is not None:
        fmt.first_line_indent = -hanging
    if first is not None:
        fmt.first_line_indent = first
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    for stop in tabs:
        fmt.tab_stops.add_tab_stop(stop)
    if keep_next:
        fmt.keep_with_next = True
    elif sign:
        fmt.keep_with_next = False  # overrides the style: set on every line but the last
    if page_break_before:
        fmt.page_break_before = True
    return paragraph


def tag(container, statement: str):
    """A paragraph holding only a docxtpl paragraph tag, e.g. '{%p for x in xs %}'."""
    return para(container, statement)


def page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def table(container, widths_cm, borders=False, header=None, font_size=None):
    """A fixed-width table; with ``header`` a bold, repeated header row."""
    tbl = container.add_table(rows=0, cols=len(widths_cm))
    tbl.alignment = WD_TABLE_ALIGNMENT.LEFT
    tbl.autofit = False
    if borders:
        tbl.style = "Table Grid"
    else:
        _no_borders(tbl)
        _cell_margins(tbl, left=0, right=Cm(0.15).twips)
    _fixed_layout(tbl)
    tbl._widths = [Cm(w) for w in widths_cm]
    tbl._cant_split = borders  # data rows stay whole; layout rows (diktum text) may flow
    _grid(tbl, tbl._widths)
    _schema_order(tbl._tbl.tblPr)
    if header:
        cells = add_row(tbl, header, bold=True, align=CENTER, size=font_size)
        trpr = cells[0]._tc.getparent().get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        trpr.append(repeat)
    return tbl


def _no_borders(tbl) -> None:
    tblpr = tbl._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tblpr.append(borders)


_TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
                "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders",
                "shd", "tblLayout", "tblCellMar", "tblLook")


def _schema_order(tblpr) -> None:
    """Children of w:tblPr in the order of the OOXML schema (Word is strict about it)."""
    def rank(element) -> int:
        name = element.tag.rsplit("}", 1)[-1]
        return _TBLPR_ORDER.index(name) if name in _TBLPR_ORDER else len(_TBLPR_ORDER)
    children = sorted(tblpr, key=rank)
    for child in children:
        tblpr.remove(child)
        tblpr.append(child)


def _cell_margins(tbl, left: int, right: int) -> None:
    """Layout tables: text starts at the column edge, so narrow number columns hold
    '10.' whole and the columns align with the body text."""
    margins = OxmlElement("w:tblCellMar")
    for edge, value in (("left", left), ("right", right)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(value))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl._tbl.tblPr.append(margins)


def _grid(tbl, widths) -> None:
    """Column widths where Word and LibreOffice read them: tblGrid and tblW."""
    for col, width in zip(tbl._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(width.twips))
    tblw = tbl._tbl.tblPr.find(qn("w:tblW"))
    if tblw is None:
        tblw = OxmlElement("w:tblW")
        tbl._tbl.tblPr.append(tblw)
    tblw.set(qn("w:w"), str(sum(w.twips for w in widths)))
    tblw.set(qn("w:type"), "dxa")


def _fixed_layout(tbl) -> None:
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl._tbl.tblPr.append(layout)


def add_row(tbl, texts, *, bold=False, align=None, size=None, aligns=None):
    """Append a row (in a bordered data table one that never splits over two pages); each
    text may be a string or a callable(cell) filling the cell."""
    row = tbl.add_row()
    if getattr(tbl, "_cant_split", False):
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for index, (cell, content) in enumerate(zip(row.cells, texts, strict=True)):
        cell.width = tbl._widths[index]
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
        if callable(content):
            content(cell)
        else:
            cell_align = aligns[index] if aligns else align
            para(cell, content, bold=bold, align=cell_align, size=size)
    return row.cells


def loop_rows(tbl, statement: str, texts, **kwargs):
    """'{%tr for ... %}' row, the repeated row, '{%tr endfor %}' row."""
    add_row(tbl, [statement] + [""] * (len(texts) - 1))
    cells = add_row(tbl, texts, **kwargs)
    add_row(tbl, ["{%tr endfor %}"] + [""] * (len(texts) - 1))
    return cells


def bottom_rule(paragraph, size_eighths: int = 18) -> None:
    """A thick line under a paragraph (the kop's rule)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "thickThinSmallGap")
    bottom.set(qn("w:sz"), str(size_eighths))
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    ppr.append(borders)


def numbered_list(cell_or_doc, items_var: str, *, left_cm: float, hang_cm: float = 0.7,
                  number: str = "item.no", text: str = "item.teks", item: str = "item"):
    """A hanging-indent list looping over ``items_var`` ({no, teks} dicts by default)."""
    tag(cell_or_doc, f"{{%p for {item} in {items_var} %}}")
    para(cell_or_doc, f"{{{{ {number} }}}}\t{{{{ {text} }}}}", align=JUSTIFY, left=Cm(left_cm),
         hanging=Cm(hang_cm), tabs=[Cm(left_cm)])
    tag(cell_or_doc, "{%p endfor %}")


def lettered_loop(cell_or_doc, items_var: str, *, left_cm: float, hang_cm: float = 0.8):
    """Loop over plain strings, lettered a., b., … z., aa. by the ``huruf`` filter."""
    tag(cell_or_doc, f"{{%p for butir in {items_var} %}}")
    para(cell_or_doc, "{{ loop.index0 | huruf }}.\t{{ butir }}",
         align=JUSTIFY, left=Cm(left_cm), hanging=Cm(hang_cm), tabs=[Cm(left_cm)])
    tag(cell_or_doc, "{%p endfor %}")


def keep_with_next(tbl, rows: int | None = None) -> None:
    """Keep a short table whole and on the page of what follows it (the signature):
    LibreOffice and Word keep a table whose every paragraph keeps with the next.
    ``rows``: only the first rows keep with the next (the table then does not pull
    what follows it onto its page)."""
    kept = tbl._tbl.findall(qn("w:tr"))[:rows]
    for paragraph in (p for row in kept for p in row.iter(qn("w:p"))):
        ppr = paragraph.get_or_add_pPr()
        if ppr.find(qn("w:keepNext")) is None:
            ppr.insert_element_before(OxmlElement("w:keepNext"), *_AFTER_KEEP_NEXT)


_AFTER_KEEP_NEXT = ("w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
                    "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
                    "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
                    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
                    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                    "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                    "w:pPrChange")
