"""Data tables: a row split over two pages, a continued table without its header row.

Only real data tables count (borders, at least two columns); the invisible layout tables
of a Keputusan (konsiderans, diktum) may break anywhere.
"""

from __future__ import annotations

from docgen.layout.align import Alignment
from docgen.layout.docxmodel import DocxDoc, Span, Table
from docgen.layout.model import LayoutProblem, problem, shorten
from docgen.layout.pdfwords import PdfDoc

HEADER_SHARE = 0.6  # of the header's words must be printed again on a continued page


def check_tables(pdf: PdfDoc, docx: DocxDoc, alignment: Alignment) -> list[LayoutProblem]:
    problems = []
    for table in docx.tables:
        if table.data_table and table.rows:
            problems += _split_rows(docx, table, alignment)
            problems += _header(pdf, docx, table, alignment)
    return problems


def _row_text(docx: DocxDoc, span: Span) -> str:
    return shorten(" ".join(docx.tokens[span.start:span.end]), 50)


def _split_rows(docx: DocxDoc, table: Table, alignment: Alignment) -> list[LayoutProblem]:
    problems = []
    for row in table.rows:
        pages = alignment.pages(row)
        if len(pages) > 1:
            text = _row_text(docx, row)
            problems.append(problem(
                pages[0], "baris_terbelah", text,
                f"baris tabel terbelah ke halaman {pages[0]} dan {pages[-1]} (\"{text}\")"))
    return problems


def _header(pdf: PdfDoc, docx: DocxDoc, table: Table,
            alignment: Alignment) -> list[LayoutProblem]:
    header, body = table.rows[0], table.rows[1:]
    pages = sorted({p for row in table.rows for p in alignment.pages(row)})
    header_words = docx.tokens[header.start:header.end]
    text = _row_text(docx, header)
    for page in pages[1:]:
        if table.header_repeated and _header_printed(pdf, alignment, body, page, header_words):
            continue
        return [problem(page, "header_tidak_diulang", text,
                        f"tabel berlanjut ke halaman {page} tanpa mengulang baris judulnya "
                        f"(\"{text}\")")]
    return []


def _header_printed(pdf: PdfDoc, alignment: Alignment, body: list[Span], page: int,
                    header_words: list[str]) -> bool:
    """The header's words appear on ``page`` before the table's first word there."""
    first = min((w.index for row in body for w in alignment.words(row) if w.page == page),
                default=None)
    if first is None:
        return True
    before = [w.text for w in pdf.words[:first] if w.page == page]
    wanted = set(header_words)
    if not wanted:
        return True
    return len(wanted & set(before)) >= HEADER_SHARE * len(wanted)
