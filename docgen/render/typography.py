"""Foreign terms in italics, berAKHLAK in bold, as the seed's Keputusan prints them.

The lists are regulation data (``istilah.yaml``): Bagian Hukum edits them in the review.
Applied to the rendered XML of every part, so the terms are marked wherever they occur:
in the template's wording and in the text a user typed (Menimbang, tasks, names of
programmes). A run already in italics keeps its style (an italic term inside italic text
stays as it is).
"""

from __future__ import annotations

import bisect
import copy
import itertools
import re
from collections.abc import Iterable
from functools import lru_cache

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
Marks = list[tuple[re.Pattern[str], str]]  # (terms, run property "i" or "b")
_RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike",
              "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid",
              "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs",
              "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
              "em", "lang", "eastAsianLayout", "specVanish", "oMath")


def _q(name: str) -> str:
    return f"{{{W}}}{name}"


@lru_cache(maxsize=32)
def _pattern(terms: tuple[str, ...], ignore_case: bool) -> re.Pattern[str] | None:
    if not terms:
        return None
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    flags = re.IGNORECASE if ignore_case else 0
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", flags)


def _local(element: etree._Element) -> str:
    return str(element.tag).rsplit("}", 1)[-1]


def _with_property(rpr: etree._Element | None, name: str) -> etree._Element:
    """A copy of run properties ``rpr`` with ``<w:name/>`` added in schema order."""
    rpr = copy.deepcopy(rpr) if rpr is not None else etree.Element(_q("rPr"))
    if rpr.find(_q(name)) is not None:
        return rpr
    rank = _RPR_ORDER.index(name)
    element = etree.Element(_q(name))
    for index, child in enumerate(rpr):
        if _local(child) in _RPR_ORDER and _RPR_ORDER.index(_local(child)) > rank:
            rpr.insert(index, element)
            return rpr
    rpr.append(element)
    return rpr


def _new_run(rpr: etree._Element | None, children: Iterable[etree._Element]
             ) -> etree._Element:
    run = etree.Element(_q("r"))
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    for child in children:
        run.append(child)
    return run


def _text_node(text: str) -> etree._Element:
    node = etree.Element(_q("t"))
    node.text = text
    node.set(XML_SPACE, "preserve")
    return node


def _pieces(text: str, marks: Marks) -> list[tuple[str, str | None]]:
    """Split ``text`` into (piece, property or None) by the first pattern that matches."""
    for pattern, prop in marks:
        found = list(pattern.finditer(text))
        if found:
            pieces: list[tuple[str, str | None]] = []
            position = 0
            for match in found:
                if match.start() > position:
                    pieces.extend(_pieces(text[position:match.start()], marks))
                pieces.append((match.group(0), prop))
                position = match.end()
            if position < len(text):
                pieces.extend(_pieces(text[position:], marks))
            return pieces
    return [(text, None)]


def _split_run(run: etree._Element, marks: Marks) -> None:
    rpr = run.find(_q("rPr"))
    italic = rpr is not None and rpr.find(_q("i")) is not None
    active = [(p, prop) for p, prop in marks if not (prop == "i" and italic)]
    texts = [c for c in run if c.tag == _q("t") and c.text and any(
        p.search(c.text) for p, _ in active)]
    if not texts:
        return
    runs, pending = [], []
    for child in [c for c in run if c.tag != _q("rPr")]:
        if child not in texts:
            pending.append(child)
            continue
        if pending:
            runs.append(_new_run(rpr, pending))
            pending = []
        for piece, prop in _pieces(child.text, active):
            props = _with_property(rpr, prop) if prop else rpr
            runs.append(_new_run(props, [_text_node(piece)]))
    if pending:
        runs.append(_new_run(rpr, pending))
    parent = run.getparent()
    index = parent.index(run)
    parent.remove(run)
    for offset, new in enumerate(runs):
        parent.insert(index + offset, new)


def emphasize(xml: str, italic: Iterable[str], bold: Iterable[str]) -> str:
    """``xml`` (a rendered WordprocessingML part) with the terms marked.

    The terms are searched in the text nodes only (joined once, one regex pass each), and
    only the runs whose text holds one are parsed and rewritten: a 2000-row table costs
    two scans of its text, not a parse of the whole part."""
    marks = [(p, prop) for p, prop in (
        (_pattern(tuple(bold), False), "b"), (_pattern(tuple(italic), True), "i")) if p]
    nodes = list(_TEXT_NODE.finditer(xml))
    if not marks or not nodes:
        return xml
    text = "\x00".join(node.group(1) for node in nodes)
    starts = list(itertools.accumulate((len(n.group(1)) + 1 for n in nodes), initial=0))
    hits = {bisect.bisect_right(starts, match.start()) - 1
            for pattern, _ in marks for match in pattern.finditer(text)}
    spans = sorted({span for index in hits
                    if (span := _run_span(xml, nodes[index].start(1))) is not None})
    for start, end in reversed(_outermost(spans)):
        rewritten = _rewrite_run(xml[start:end], marks)
        if rewritten is not None:
            xml = xml[:start] + rewritten + xml[end:]
    return xml


_TEXT_NODE = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")
_TEXT_OPEN = re.compile(r"<w:t(?:\s[^>]*)?>")
_RUN_OPEN = re.compile(r"<w:r(?:\s[^>]*)?>")
_NS_DECL = f' xmlns:w="{W}"'


def _run_span(xml: str, position: int) -> tuple[int, int] | None:
    """(start, end) of the run whose ``w:t`` text holds ``position``; None elsewhere."""
    tag_start = xml.rfind("<", 0, position)
    tag_end = xml.find(">", tag_start)
    if tag_start < 0 or tag_end > position or not _TEXT_OPEN.match(xml, tag_start):
        return None
    run_start = max((m.start() for m in _RUN_OPEN.finditer(xml, max(0, tag_start - 4000),
                                                           tag_start)), default=-1)
    run_end = xml.find("</w:r>", position)
    if run_start < 0 or run_end < 0:
        return None
    return run_start, run_end + len("</w:r>")


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept


def _rewrite_run(snippet: str, marks: Marks) -> str | None:
    try:
        holder = etree.fromstring(f'<holder{_NS_DECL}>{snippet}</holder>'.encode())
    except etree.XMLSyntaxError:
        return None  # not a plain run (or not well-formed): left as it is
    _split_run(holder[0], marks)
    return "".join(etree.tostring(child, encoding="unicode").replace(_NS_DECL, "")
                   for child in holder)
