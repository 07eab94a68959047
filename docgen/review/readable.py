"""A template's wording as it will read, for legal reviewers: no template code.

Placeholders become highlighted Indonesian names (``{{ item.teks }}`` inside
``{%tr for item in menimbang %}`` -> ``[Menimbang: setiap butir]``), loops and conditions
become plain-language markers ("untuk setiap anggota susunan:", "jika ada NIP ketua:",
"selesai"). Names come from ``docgen.review.labels``. The programmer's view stays
``wording.wording_html``. Raises what ``wording.read_wording`` raises.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from markupsafe import escape

from docgen.review import labels as names
from docgen.review.wording import (
    TAG_PATTERN,
    Block,
    Para,
    Table,
    is_control_only,
    read_wording,
)

_FOR = re.compile(r"^for\s+(\w+)\s+in\s+([\w.]+)$")
_IF = re.compile(r"^(?:el)?if\s+(not\s+)?([\w.]+)$")
_CALL = re.compile(r"^(diktum(?:\.ref)?)\(\s*['\"](\w+)['\"]\s*\)$")
_PATH = re.compile(r"^[a-zA-Z_]\w*(?:\.\w+)*$")

READABLE_CSS = """
.wording .ph{font-family:inherit}
.wording .mark{background:#fff3d6;border-left:3px solid #d9a520;font:italic .9em sans-serif;
  color:#5a4300;padding:0 .4em}
.wording div.mark{margin:.3em 0}
.wording .ph.unknown{background:#f1f1f1;border-color:#bbb}
"""


class Reader:
    """Turns template tags into reader's text, tracking which loop variable means what."""

    def __init__(self, extra: Mapping[str, str] | None = None):
        self.extra = extra or {}
        self.scopes: list[tuple[str, str]] = []  # (loop variable, list path) innermost last

    def path(self, dotted: str) -> str:
        head, _, rest = dotted.partition(".")
        for variable, target in reversed(self.scopes):
            if head == variable:
                return f"{target}[]" + (f".{rest}" if rest else "")
        return dotted

    def name(self, dotted: str) -> str:
        return names.label(self.path(dotted), self.extra)

    def placeholder(self, expr: str) -> str:
        """The ``[name]`` of a ``{{ expr }}``."""
        value, *filters = [part.strip() for part in expr.split("|")]
        call = _CALL.match(value)
        if call:
            text = (names.DIKTUM_REF if call[1] == "diktum.ref" else names.DIKTUM).format(
                names.words(call[2]))
        elif _PATH.match(value):
            text = self.name(value)
        else:
            text = "isian otomatis"
        notes = [names.FILTERS.get(f.split("(")[0].strip(), "") for f in filters]
        return text + "".join(f", {n}" for n in notes if n)

    def control(self, statement: str) -> str:
        """The plain-language marker of a ``{% statement %}``."""
        words = statement.split(None, 1)
        if words and words[0] in ("p", "tr", "tc", "r"):
            statement = words[1] if len(words) > 1 else ""
        statement = " ".join(statement.split())
        loop = _FOR.match(statement)
        if loop:
            target = self.path(loop[2])
            self.scopes.append((loop[1], target))
            return f"untuk setiap {names.noun(names.label(target + '[]', self.extra))}:"
        if statement == "endfor":
            if self.scopes:
                self.scopes.pop()
            return "selesai (akhir pengulangan)"
        if statement == "endif":
            return "selesai (akhir syarat)"
        if statement == "else":
            return "jika tidak:"
        condition = _IF.match(statement)
        if condition:
            return self._condition(condition[2], bool(condition[1]))
        return "bagian otomatis:"

    def _condition(self, dotted: str, negated: bool) -> str:
        if dotted == "loop.first":
            return "hanya untuk butir pertama:"
        if dotted == "loop.last":
            return "hanya untuk butir terakhir:"
        return f"jika {'tidak ' if negated else ''}ada {names.noun(self.name(dotted))}:"

    def inline(self, text: str) -> str:
        """Escaped HTML of a paragraph's text with every tag in reader's words."""
        html = []
        for index, piece in enumerate(TAG_PATTERN.split(text)):
            if index % 2 == 0:
                html.append(str(escape(piece)).replace("\n", "<br>"))
            elif piece.startswith("{{"):
                html.append(f'<span class="ph">[{escape(self.placeholder(piece[2:-2]))}]'
                            "</span>")
            elif piece.startswith("{%"):
                html.append(f'<span class="mark">{escape(self.control(piece[2:-2]))}</span>')
        return "".join(html)


def readable_html(data: bytes, extra: Mapping[str, str] | None = None) -> str:
    """The template's wording as it will read, as safe HTML (CSS: wording + readable)."""
    doc = read_wording(data)
    reader = Reader(extra)
    sections = [("header", "Kepala halaman", b) for b in doc.headers]
    sections.append(("body", "Isi dokumen", doc.body))
    sections += [("footer", "Kaki halaman", b) for b in doc.footers]
    html = ['<div class="wording readable">']
    for css, title, blocks in sections:
        if blocks:
            body = _blocks_html(reader, blocks)
            html.append(f'<section class="{css}"><h3>{title}</h3>{body}</section>')
    html.append("</div>")
    return "\n".join(html)


def _blocks_html(reader: Reader, blocks: list[Block]) -> str:
    return "\n".join(filter(None, (_block_html(reader, b) for b in blocks)))


def _block_html(reader: Reader, block: Block) -> str:
    if isinstance(block, Table):
        return _table_html(reader, block)
    if not block.text.strip():
        return ""
    if is_control_only(block.text):
        return f'<div class="mark">{escape(reader.control(block.text.strip()[2:-2]))}</div>'
    css = f' class="{block.align}"' if block.align else ""
    return f"<p{css}>{reader.inline(block.text)}</p>"


def _cell_text(cell: list[Block]) -> str:
    return "\n".join(b.text for b in cell if isinstance(b, Para) and b.text.strip()).strip()


def _table_html(reader: Reader, table: Table) -> str:
    width = max((len(row) for row in table.rows), default=1)
    rows = []
    for row in table.rows:
        texts = [t for t in (_cell_text(cell) for cell in row) if t]
        nested = any(isinstance(b, Table) for cell in row for b in cell)
        if len(texts) == 1 and not nested and is_control_only(texts[0]):
            marker = escape(reader.control(texts[0].strip()[2:-2]))
            rows.append(f'<tr class="mark-row"><td colspan="{width}">'
                        f'<span class="mark">{marker}</span></td></tr>')
        else:
            cells = "".join(f"<td>{_blocks_html(reader, cell)}</td>" for cell in row)
            rows.append(f"<tr>{cells}</tr>")
    return '<table class="tbl">' + "\n".join(rows) + "</table>"
