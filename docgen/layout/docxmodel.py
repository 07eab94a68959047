"""What the layout checks need from the DOCX a PDF came from.

One token stream in document order (body paragraphs, table cells row by row, as
LibreOffice prints them), the paragraphs of the "Tanda Tangan" style grouped into
signature blocks, each table's rows as token ranges, the list labels, and the
dictionary of words (headers and footers included).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import docx
from docx.document import Document as DocxDocument
from lxml import etree

from docgen.layout.pdfwords import normalize

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
SIGNATURE_STYLE_NAME = "Tanda Tangan"
SIGNATURE_STYLE_ID = "TandaTangan"
ORDINALS = ("KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "KEENAM", "KETUJUH",
            "KEDELAPAN", "KESEMBILAN", "KESEPULUH", "KESEBELAS")
LABEL = re.compile(r"^(\(?\d+[.)]|[a-z][.)]|[IVXL]+\.|" + "|".join(ORDINALS) + ")$")
TAB_LABEL = re.compile(r"^[\t ]*(\(?\d+[.)]|[a-z][.)]|[IVXL]+\.)\t")
SKIP = {f"{W}txbxContent", MC_FALLBACK, f"{W}delText", f"{W}instrText", f"{W}pPr", f"{W}rPr"}


@dataclass
class Span:
    start: int  # token range [start, end) in DocxDoc.tokens
    end: int
    text: str = ""


@dataclass
class Table:
    rows: list[Span]
    header_repeated: bool
    data_table: bool


@dataclass
class DocxDoc:
    tokens: list[str] = field(default_factory=list)
    words: set[str] = field(default_factory=set)
    labels: list[Span] = field(default_factory=list)
    signatures: list[Span] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


def is_label(text: str) -> bool:
    return bool(LABEL.match(text))


def read_docx(data: bytes) -> DocxDoc:
    document = docx.Document(io.BytesIO(data))
    style_id = _signature_style_id(document)
    result = DocxDoc()
    walker = _Walker(result, style_id)
    walker.block(document.element.body, top_level=True)
    walker.close_signature()
    result.words.update(result.tokens)
    for section in document.sections:
        for part in (section.header, section.footer):
            if not part.is_linked_to_previous:
                for paragraph in part._element.iter(f"{W}p"):
                    result.words.update(_paragraph_text(paragraph).split())
    return result


def _signature_style_id(document: DocxDocument) -> str:
    for style in document.styles:
        if style.name == SIGNATURE_STYLE_NAME:
            return str(style.style_id)
    return SIGNATURE_STYLE_ID


def _paragraph_text(paragraph: etree._Element) -> str:
    parts: list[str] = []
    _collect_text(paragraph, parts)
    return normalize("".join(parts))


def _collect_text(node: etree._Element, parts: list[str]) -> None:
    for child in node:
        tag = child.tag
        if not isinstance(tag, str) or tag in SKIP:
            continue
        if tag == f"{W}t":
            parts.append(child.text or "")
        elif tag in (f"{W}tab", f"{W}ptab"):
            parts.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        else:
            _collect_text(child, parts)


def _style_of(paragraph: etree._Element) -> str | None:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return None if style is None else style.get(f"{W}val")


class _Walker:
    """Walks the body once, filling a DocxDoc."""

    def __init__(self, result: DocxDoc, style_id: str):
        self.result = result
        self.style_id = style_id
        self.open_block: Span | None = None
        self.table_block: Span | None = None

    def block(self, node: etree._Element, top_level: bool = False) -> None:
        for child in node:
            if child.tag == f"{W}p":
                self.paragraph(child, top_level)
            elif child.tag == f"{W}tbl":
                self.table(child, top_level)
            elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
                self.block(child, top_level)

    def paragraph(self, paragraph: etree._Element, top_level: bool) -> None:
        text = _paragraph_text(paragraph)
        start = len(self.result.tokens)
        tokens = text.split()
        self.result.tokens.extend(tokens)
        label = TAB_LABEL.match(text)
        if label:
            self.result.labels.append(Span(start, start + 1, label.group(1)))
        signature = _style_of(paragraph) == self.style_id
        if top_level:
            self._body_signature(signature, tokens, start, text)
        elif signature:
            self._table_signature(start, text)

    def _body_signature(self, signature: bool, tokens: list[str], start: int, text: str) -> None:
        if signature:
            if self.open_block is None:
                self.open_block = Span(start, start)
            self.open_block.end = len(self.result.tokens)
            self.open_block.text += "\n" + text if tokens else ""
        elif tokens:
            self.close_signature()

    def _table_signature(self, start: int, text: str) -> None:
        if self.table_block is None:
            self.table_block = Span(start, start)
        self.table_block.end = len(self.result.tokens)
        self.table_block.text += "\n" + text if text.strip() else ""

    def close_signature(self) -> None:
        if self.open_block is not None and self.open_block.end > self.open_block.start:
            self.result.signatures.append(self.open_block)
        self.open_block = None

    def table(self, table: etree._Element, top_level: bool) -> None:
        if top_level:
            self.close_signature()
            self.table_block = None
        rows: list[Span] = []
        for row in table.iterfind(f"{W}tr"):
            start = len(self.result.tokens)
            for cell in row.iterfind(f"{W}tc"):
                self.cell(cell)
            rows.append(Span(start, len(self.result.tokens)))
        first = table.find(f"{W}tr")
        columns = max((len(r.findall(f"{W}tc")) for r in table.iterfind(f"{W}tr")), default=0)
        self.result.tables.append(Table(
            [r for r in rows if r.end > r.start],
            first is not None and _repeats(first),
            columns >= 2 and _has_borders(table)))
        if top_level and self.table_block is not None:
            if self.table_block.end > self.table_block.start:
                self.result.signatures.append(self.table_block)
            self.table_block = None

    def cell(self, cell: etree._Element) -> None:
        start = len(self.result.tokens)
        self.block(cell)
        tokens = self.result.tokens[start:]
        if len(tokens) == 1 and is_label(tokens[0]):
            self.result.labels.append(Span(start, start + 1, tokens[0]))


def _repeats(row: etree._Element) -> bool:
    header = row.find(f"{W}trPr/{W}tblHeader")
    return header is not None and header.get(f"{W}val", "true") not in ("0", "false", "off")


def _has_borders(table: etree._Element) -> bool:
    borders = table.find(f"{W}tblPr/{W}tblBorders")
    if borders is not None:
        return any(edge.get(f"{W}val") not in ("nil", "none") for edge in borders)
    style = table.find(f"{W}tblPr/{W}tblStyle")
    return style is not None and style.get(f"{W}val") in ("TableGrid", "Table Grid")


__all__ = ["DocxDoc", "Span", "Table", "read_docx", "is_label"]
