"""Small DOCX documents, built with python-docx, that provoke (or avoid) each layout problem."""

from __future__ import annotations

import io

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

SIGNATURE = ["Ditetapkan di Purbalingga", "pada tanggal 2 Januari 2024", "",
             "KEPALA DINAS CONTOH KABUPATEN PURBALINGGA,", "", "", "",
             "BUDI SANTOSO, S.H.", "Pembina Utama Muda", "NIP. 19740706 199311 1 001"]
FILLER = "Baris isi dokumen nomor {} untuk mengisi halaman."


def new_document(page_numbers: bool = True, first_page_number: bool = False):
    document = docx.Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Cm(2.5))
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Liberation Sans", Pt(12)
    normal.paragraph_format.space_after = Pt(0)
    style = document.styles.add_style("Tanda Tangan", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = normal
    style.paragraph_format.left_indent = Cm(9)
    if page_numbers:
        section.different_first_page_header_footer = not first_page_number
        _page_number(section.header.paragraphs[0])
    return document


def _page_number(paragraph) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("- ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    paragraph.add_run(" -")


def to_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def add_filler(document, count: int, start: int = 1) -> list:
    return [document.add_paragraph(FILLER.format(k)) for k in range(start, start + count)]


def add_signature(document, keep_together: bool = False) -> list:
    paragraphs = [document.add_paragraph(line, style="Tanda Tangan") for line in SIGNATURE]
    if keep_together:
        for paragraph in paragraphs[:-1]:
            paragraph.paragraph_format.keep_with_next = True
    return paragraphs


def signature_alone() -> bytes:
    """Body text on page 1, the signature pushed alone onto page 2 by a page break."""
    document = new_document()
    add_filler(document, 5)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    add_signature(document)
    return to_bytes(document)


def signature_split(fixed: bool = False) -> bytes:
    """The signature starts near the bottom of page 1; ``fixed``: kept with the last line."""
    document = new_document()
    filler = add_filler(document, 41)
    add_signature(document, keep_together=fixed)
    if fixed:
        filler[-1].paragraph_format.keep_with_next = True
    return to_bytes(document)


def signature_clean() -> bytes:
    document = new_document()
    add_filler(document, 5)
    add_signature(document)
    return to_bytes(document)


def set_widths(table, widths_cm: list[float]) -> None:
    table.autofit = False
    for k, width in enumerate(widths_cm):
        table.columns[k].width = Cm(width)
        for cell in table.columns[k].cells:
            cell.width = Cm(width)


def numbered_list(number_cm: float) -> bytes:
    """Ten items in an invisible table, the number column ``number_cm`` wide."""
    document = new_document()
    document.add_paragraph("Mengingat:")
    table = document.add_table(rows=10, cols=2)
    for k, row in enumerate(table.rows, start=1):
        row.cells[0].text = f"{k}."
        row.cells[1].text = f"Peraturan contoh nomor {k} tentang hal yang diatur;"
    set_widths(table, [number_cm, 15.0 - number_cm])
    return to_bytes(document)


def narrow_heading(cell_cm: float) -> bytes:
    """A heading "KEDUDUKAN" in bold 10 pt in a cell ``cell_cm`` wide."""
    document = new_document()
    document.add_paragraph("Susunan keanggotaan:")
    table = document.add_table(rows=2, cols=3)
    for row, texts in zip(table.rows, (("NO", "NAMA", "KEDUDUKAN"),
                                       ("1.", "BUDI SANTOSO", "Ketua")), strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.paragraphs[0].add_run(text).bold = row is table.rows[0]
            cell.paragraphs[0].runs[0].font.size = Pt(10)
    set_widths(table, [1.2, 6.0, cell_cm])
    return to_bytes(document)


def mark_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:tblHeader"))


def long_table(repeat_header: bool) -> bytes:
    """A bordered 60-row data table running onto page 2."""
    document = new_document()
    document.add_paragraph("Daftar peserta:")
    table = document.add_table(rows=60, cols=3, style="Table Grid")
    for k, row in enumerate(table.rows):
        texts = ("NO", "NAMA", "JABATAN") if k == 0 else (f"{k}.", f"Peserta {k}", "Anggota")
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    if repeat_header:
        mark_header(table.rows[0])
    return to_bytes(document)


def tall_row(cant_split: bool) -> bytes:
    """A bordered table whose tall last row starts near the bottom of page 1."""
    document = new_document()
    add_filler(document, 36)
    table = document.add_table(rows=2, cols=2, style="Table Grid")
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "NO", "URAIAN"
    table.rows[1].cells[0].text = "1."
    table.rows[1].cells[1].text = "\n".join(f"uraian baris {k}" for k in range(1, 16))
    mark_header(table.rows[0])
    if cant_split:
        table.rows[1]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    return to_bytes(document)


def with_marker(text: str | None) -> bytes:
    document = new_document()
    add_filler(document, 3)
    if text:
        document.add_paragraph(text)
    add_signature(document)
    return to_bytes(document)


def two_pages(page_numbers: bool = True, first_page_number: bool = False) -> bytes:
    document = new_document(page_numbers, first_page_number)
    add_filler(document, 60)
    add_signature(document)
    return to_bytes(document)
