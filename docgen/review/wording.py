"""A template's wording for legal reviewers: readable, escaped HTML and plain paragraphs.

Paragraphs and tables come in document order, page headers first and footers last.
Placeholders ``{{ x }}`` are wrapped in ``<span class="ph">``, docxtpl control tags
(``{%p for ... %}``, ``{%tr if ... %}``) in ``<span class="blk">`` (a paragraph or table
row holding only a control tag becomes a block marker). No XML ever reaches the output.

Both functions raise ``safezip.UnsafeArchive`` or ``ooxml.XmlProblem`` (ValueErrors,
Indonesian messages) for a file that is not a readable DOCX.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markupsafe import escape

from docgen.review import ooxml
from docgen.review.ooxml import w
from docgen.review.safezip import read_members

TAG_PATTERN = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})", re.S)
_SKIP = {w("pPr"), w("rPr"), w("instrText"), w("del"), w("delText"), w("tblPr"),
         w("trPr"), w("tcPr"), w("sectPr"), f"{{{ooxml.MC}}}Fallback"}
_CONTAINERS = {w("sdt"), w("sdtContent"), w("customXml"), w("ins"), w("smartTag")}
_ALIGN = {"center": "c", "right": "r", "end": "r", "both": "j", "distribute": "j"}

WORDING_CSS = """
.wording{font-family:serif;line-height:1.45}
.wording section{margin:0 0 1.5em}
.wording h3{font:600 .8em sans-serif;color:#555;text-transform:uppercase}
.wording p.c{text-align:center}.wording p.r{text-align:right}.wording p.j{text-align:justify}
.wording .ph{background:#e8f0ff;border:1px solid #9bb6e8;border-radius:3px;font-family:monospace}
.wording .blk{background:#fff3d6;border:1px dashed #d9a520;font:.85em monospace}
.wording div.blk{margin:.3em 0;padding:0 .3em}
.wording .tab{display:inline-block;min-width:2em}
.wording table.tbl{border-collapse:collapse;width:100%}
.wording table.tbl td{border:1px solid #ccc;padding:2px 4px;vertical-align:top}
"""


@dataclass
class Para:
    text: str
    align: str = ""


@dataclass
class Table:
    rows: list[list[list[Para | Table]]] = field(default_factory=list)


Block = Para | Table


@dataclass
class Wording:
    headers: list[list[Block]]
    body: list[Block]
    footers: list[list[Block]]


def read_wording(data: bytes) -> Wording:
    members = read_members(data)
    if ooxml.DOCUMENT not in members:
        raise ooxml.XmlProblem("berkas tidak memuat word/document.xml")
    headers, footers = ooxml.header_footer_parts(members)
    body = ooxml.parse_xml(members[ooxml.DOCUMENT], ooxml.DOCUMENT).find(w("body"))

    def blocks_of(name: str) -> list[Block]:
        return _blocks(ooxml.parse_xml(members[name], name))

    return Wording([blocks_of(n) for n in headers], _blocks(body) if body is not None else [],
                   [blocks_of(n) for n in footers])


def _blocks(container) -> list[Block]:
    out: list[Block] = []
    for child in container:
        if child.tag == w("p"):
            out.append(Para(_text(child).rstrip(), _align(child)))
        elif child.tag == w("tbl"):
            out.append(_table(child))
        elif child.tag in _CONTAINERS:
            out.extend(_blocks(child))
    return out


def _table(tbl) -> Table:
    table = Table()
    for tr in tbl.iter(w("tr")):
        if _nearest_table(tr) is tbl:
            table.rows.append([_blocks(tc) for tc in tr if tc.tag == w("tc")])
    return table


def _nearest_table(el):
    parent = el.getparent()
    while parent is not None and parent.tag != w("tbl"):
        parent = parent.getparent()
    return parent


def _text(el) -> str:
    out: list[str] = []
    _collect(el, out)
    return "".join(out)


def _collect(el, out: list[str]) -> None:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == w("t"):
            out.append(child.text or "")
        elif tag == w("tab"):
            out.append("\t")
        elif tag in (w("br"), w("cr")):
            out.append("\n")
        elif tag == w("noBreakHyphen"):
            out.append("-")
        else:
            _collect(child, out)


def _align(p) -> str:
    jc = p.find(f"{w('pPr')}/{w('jc')}")
    return _ALIGN.get(jc.get(w("val"), ""), "") if jc is not None else ""


# -- plain paragraphs (for the diff) ---------------------------------------------------

def paragraphs(data: bytes) -> list[str]:
    """Plain text of every non-empty paragraph, one entry per table cell, in order."""
    doc = read_wording(data)
    out: list[str] = []
    for blocks in [*doc.headers, doc.body, *doc.footers]:
        out.extend(_flat(blocks))
    return out


def _flat(blocks: list[Block]) -> list[str]:
    out = []
    for block in blocks:
        if isinstance(block, Para):
            if block.text.strip():
                out.append(block.text)
            continue
        for row in block.rows:
            for cell in row:
                text = "\n".join(_flat(cell))
                if text.strip():
                    out.append(text)
    return out


# -- HTML ------------------------------------------------------------------------------

def mark_inline(text: str) -> str:
    """Escaped HTML of ``text`` with Jinja tags marked."""
    html = []
    for index, piece in enumerate(TAG_PATTERN.split(text)):
        if index % 2 == 0:
            html.append(_plain(piece))
        else:
            css = "ph" if piece.startswith("{{") else "blk" if piece.startswith("{%") else "cmt"
            html.append(f'<span class="{css}">{escape(piece)}</span>')
    return "".join(html)


def _plain(text: str) -> str:
    html = str(escape(text))
    return html.replace("\t", '<span class="tab">\t</span>').replace("\n", "<br>")


def is_control_only(text: str) -> bool:
    """True if the text is a single ``{% ... %}`` tag (a docxtpl paragraph/row marker)."""
    text = text.strip()
    return (text.startswith("{%") and TAG_PATTERN.fullmatch(text) is not None
            and len(TAG_PATTERN.findall(text)) == 1)


def wording_html(data: bytes) -> str:
    """The template's wording as safe HTML (wrap the page with ``WORDING_CSS``)."""
    doc = read_wording(data)
    sections = [("header", "Kepala halaman", b) for b in doc.headers]
    sections.append(("body", "Isi dokumen", doc.body))
    sections += [("footer", "Kaki halaman", b) for b in doc.footers]
    html = ['<div class="wording">']
    for css, title, blocks in sections:
        if blocks:
            html.append(f'<section class="{css}"><h3>{title}</h3>{_blocks_html(blocks)}'
                        "</section>")
    html.append("</div>")
    return "\n".join(html)


def _blocks_html(blocks: list[Block]) -> str:
    return "\n".join(filter(None, (_block_html(b) for b in blocks)))


def _block_html(block: Block) -> str:
    if isinstance(block, Table):
        return _table_html(block)
    if not block.text.strip():
        return ""
    if is_control_only(block.text):
        return f'<div class="blk">{escape(block.text.strip())}</div>'
    css = f' class="{block.align}"' if block.align else ""
    return f"<p{css}>{mark_inline(block.text)}</p>"


def _table_html(table: Table) -> str:
    width = max((len(row) for row in table.rows), default=1)
    rows = []
    for row in table.rows:
        texts = [t for t in ("\n".join(_flat(cell)).strip() for cell in row) if t]
        if len(texts) == 1 and is_control_only(texts[0]):
            rows.append(f'<tr class="blk-row"><td colspan="{width}">'
                        f'<span class="blk">{escape(texts[0])}</span></td></tr>')
        else:
            cells = "".join(f"<td>{_blocks_html(cell)}</td>" for cell in row)
            rows.append(f"<tr>{cells}</tr>")
    return '<table class="tbl">' + "\n".join(rows) + "</table>"
