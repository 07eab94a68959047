"""Side-by-side wording diff of two template versions.

Paragraphs (``wording.paragraphs``) are aligned with difflib's SequenceMatcher; each
changed pair is then diffed word by word, deleted words in ``<del>``, inserted words in
``<ins>``. Placeholders (``{{ expr }}``) and control tags (``{% ... %}``) added or removed
are listed separately (an expression counts as added/removed when it occurs more/less
often): they change what data a document shows, not only its wording.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from markupsafe import escape

from docgen.review.wording import TAG_PATTERN, mark_inline, paragraphs

_TOKEN = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\w+|\s+|[^\w\s]", re.S)
_DOCXTPL_PREFIX = re.compile(r"^(?:[prc]|tr|tc)\s+")

DIFF_CSS = """
table.diff{border-collapse:collapse;width:100%;font-family:serif}
table.diff td{border-top:1px solid #ddd;padding:3px 6px;vertical-align:top;width:50%}
table.diff td.no{width:2.5em;color:#888;font:.8em monospace;text-align:right}
table.diff tr.replace td.old,table.diff tr.delete td.old{background:#fff0f0}
table.diff tr.replace td.new,table.diff tr.insert td.new{background:#effff0}
table.diff del{background:#f8b9b9;text-decoration:line-through}
table.diff ins{background:#b5efb5;text-decoration:none}
table.diff tr.skip td{color:#888;font-style:italic;text-align:center}
table.diff .ph,.diff-summary .ph{background:#e8f0ff;border:1px solid #9bb6e8;
  border-radius:3px;font-family:monospace}
table.diff .blk{background:#fff3d6;border:1px dashed #d9a520;font:.85em monospace}
"""


@dataclass(frozen=True)
class DiffRow:
    """One aligned pair; ``kind`` is equal, replace, delete or insert (old/new may be None)."""

    kind: str
    old: str | None
    new: str | None
    old_no: int | None  # 1-based paragraph numbers
    new_no: int | None
    old_html: str = ""
    new_html: str = ""


@dataclass(frozen=True)
class VersionDiff:
    rows: tuple[DiffRow, ...]
    placeholders_added: frozenset[str] = field(default_factory=frozenset)
    placeholders_removed: frozenset[str] = field(default_factory=frozenset)
    controls_added: frozenset[str] = field(default_factory=frozenset)
    controls_removed: frozenset[str] = field(default_factory=frozenset)

    @property
    def changed(self) -> bool:
        return any(row.kind != "equal" for row in self.rows)

    @property
    def changed_rows(self) -> list[DiffRow]:
        return [row for row in self.rows if row.kind != "equal"]

    def to_html(self, context: int | None = 2) -> str:
        """Summary plus a side-by-side table; ``context`` equal rows kept around changes
        (None: all rows)."""
        return _summary_html(self) + _table_html(self.rows, context)


def diff_versions(old: bytes, new: bytes) -> VersionDiff:
    """Diff two DOCX templates (raises ValueError for a file that is not a DOCX)."""
    return diff_paragraphs(paragraphs(old), paragraphs(new))


def diff_paragraphs(old: list[str], new: list[str]) -> VersionDiff:
    rows: list[DiffRow] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        rows.extend(_rows(tag, old, new, i1, i2, j1, j2))
    old_ph, new_ph = placeholders(old), placeholders(new)
    old_ctl, new_ctl = controls(old), controls(new)
    return VersionDiff(tuple(rows), _grown(old_ph, new_ph), _grown(new_ph, old_ph),
                       _grown(old_ctl, new_ctl), _grown(new_ctl, old_ctl))


def _grown(before: Counter[str], after: Counter[str]) -> frozenset[str]:
    return frozenset(+(after - before))


def _rows(tag: str, old: list[str], new: list[str], i1: int, i2: int, j1: int, j2: int
          ) -> list[DiffRow]:
    if tag == "equal":
        return [DiffRow("equal", old[i], new[j], i + 1, j + 1, mark_inline(old[i]),
                        mark_inline(new[j])) for i, j in zip(range(i1, i2), range(j1, j2),
                                                              strict=True)]
    rows = []
    olds, news = list(range(i1, i2)), list(range(j1, j2))
    for k in range(max(len(olds), len(news))):
        i = olds[k] if k < len(olds) else None
        j = news[k] if k < len(news) else None
        if i is not None and j is not None:
            old_html, new_html = word_diff(old[i], new[j])
            rows.append(DiffRow("replace", old[i], new[j], i + 1, j + 1, old_html, new_html))
        elif i is not None:
            rows.append(DiffRow("delete", old[i], None, i + 1, None,
                                f"<del>{mark_inline(old[i])}</del>"))
        elif j is not None:
            rows.append(DiffRow("insert", None, new[j], None, j + 1, "",
                                f"<ins>{mark_inline(new[j])}</ins>"))
    return rows


def word_diff(old: str, new: str) -> tuple[str, str]:
    """(old_html, new_html): the two texts with changed words in <del>/<ins>."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    old_html, new_html = [], []
    for tag, i1, i2, j1, j2 in _coalesced(a, b):
        left, right = mark_inline("".join(a[i1:i2])), mark_inline("".join(b[j1:j2]))
        if tag == "equal":
            old_html.append(left)
            new_html.append(right)
            continue
        if left:
            old_html.append(f"<del>{left}</del>")
        if right:
            new_html.append(f"<ins>{right}</ins>")
    return "".join(old_html), "".join(new_html)


def _coalesced(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """Opcodes where a change spans the blanks between changed words (one <ins>, not two)."""
    ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    merged: list[tuple[str, int, int, int, int]] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(ops):
        blank = tag == "equal" and not "".join(a[i1:i2]).strip()
        if blank and 0 < index < len(ops) - 1:
            tag = "replace"
        if merged and tag != "equal" and merged[-1][0] != "equal":
            merged[-1] = ("replace", merged[-1][1], i2, merged[-1][3], j2)
        else:
            merged.append((tag, i1, i2, j1, j2))
    return merged


def _normalise(tag: str) -> str:
    inner = tag[2:-2].strip()
    return " ".join(_DOCXTPL_PREFIX.sub("", inner).split())


def placeholders(texts: list[str]) -> Counter[str]:
    """How often each ``{{ expr }}`` occurs (docxtpl ``r``/``p`` prefixes dropped)."""
    return Counter(_normalise(t) for text in texts for t in TAG_PATTERN.findall(text)
                   if t.startswith("{{"))


def controls(texts: list[str]) -> Counter[str]:
    """How often each ``{% stmt %}`` occurs (``{%p``/``{%tr`` prefixes dropped)."""
    return Counter(_normalise(t) for text in texts for t in TAG_PATTERN.findall(text)
                   if t.startswith("{%"))


def _summary_html(diff: VersionDiff) -> str:
    items = []
    for label, values in (("Placeholder ditambahkan", diff.placeholders_added),
                          ("Placeholder dihapus", diff.placeholders_removed),
                          ("Blok/kondisi ditambahkan", diff.controls_added),
                          ("Blok/kondisi dihapus", diff.controls_removed)):
        if values:
            shown = ", ".join(f'<span class="ph">{escape(v)}</span>' for v in sorted(values))
            items.append(f"<li>{label}: {shown}</li>")
    changed = len(diff.changed_rows)
    head = (f"<p>{changed} paragraf berubah.</p>" if changed
            else "<p>Tidak ada perubahan redaksi.</p>")
    return f'<div class="diff-summary">{head}<ul>{"".join(items)}</ul></div>'


def _table_html(rows: tuple[DiffRow, ...], context: int | None) -> str:
    keep = _visible(rows, context)
    html, skipped = ['<table class="diff">'], 0
    for index, row in enumerate(rows):
        if not keep[index]:
            skipped += 1
            continue
        if skipped:
            html.append(f'<tr class="skip"><td colspan="4">\u2026 {skipped} paragraf sama '
                        "\u2026</td></tr>")
            skipped = 0
        html.append(f'<tr class="{row.kind}"><td class="no">{row.old_no or ""}</td>'
                    f'<td class="old">{row.old_html}</td><td class="no">{row.new_no or ""}'
                    f'</td><td class="new">{row.new_html}</td></tr>')
    if skipped:
        html.append(f'<tr class="skip"><td colspan="4">\u2026 {skipped} paragraf sama '
                    "\u2026</td></tr>")
    return "\n".join(html) + "</table>"


def _visible(rows: tuple[DiffRow, ...], context: int | None) -> list[bool]:
    if context is None:
        return [True] * len(rows)
    changed = [i for i, row in enumerate(rows) if row.kind != "equal"]
    return [any(abs(i - c) <= context for c in changed) for i in range(len(rows))]
