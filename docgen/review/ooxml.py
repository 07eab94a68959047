"""Safe XML parsing and the parts of a Word package (document, headers, footers)."""

from __future__ import annotations

import posixpath
import re

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DOCUMENT = "word/document.xml"
CONTENT_TYPES = "[Content_Types].xml"
MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


class XmlProblem(ValueError):
    """A part is not well-formed XML, or carries a DTD (entities are never expanded)."""


def parse_xml(data: bytes, name: str = "") -> etree._Element:
    """Parse without DTDs, entity expansion or network access."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        line = f"baris {exc.lineno}: " if exc.lineno else ""
        raise XmlProblem(f"{name} bukan XML yang valid ({line}{exc.msg})") from None
    if root.getroottree().docinfo.doctype:
        raise XmlProblem(f"{name} memuat deklarasi DTD/DOCTYPE yang tidak diizinkan")
    return root


def _doctype_pattern(width: str) -> re.Pattern[bytes]:
    """``<!DOCTYPE`` in any letter case, as 8-bit/UTF-8 or UTF-16 (``le``/``be``) bytes."""
    parts = []
    for char in "<!doctype":
        one = (b"[" + char.encode() + char.upper().encode() + b"]" if char.isalpha()
               else re.escape(char.encode()))
        parts.append({"8": one, "le": one + b"\x00", "be": b"\x00" + one}[width])
    return re.compile(b"".join(parts))


_DOCTYPES = tuple(_doctype_pattern(width) for width in ("8", "le", "be"))


def doctype_members(members: dict[str, bytes]) -> list[str]:
    """Every member (whatever its name or type) that carries a ``<!DOCTYPE`` declaration:
    a converter or a later reader could expand its entities."""
    return [name for name, payload in members.items()
            if any(pattern.search(payload) for pattern in _DOCTYPES)]


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def header_footer_parts(members: dict[str, bytes]) -> tuple[list[str], list[str]]:
    """Member names of the headers and footers the document references, in rel order."""
    rels = members.get("word/_rels/document.xml.rels")
    if rels is None:
        return [], []
    headers: list[str] = []
    footers: list[str] = []
    for rel in parse_xml(rels, "word/_rels/document.xml.rels").iter(f"{{{REL}}}Relationship"):
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        if kind not in ("header", "footer") or rel.get("TargetMode") == "External":
            continue
        name = posixpath.normpath(posixpath.join("word", rel.get("Target", "")))
        if name in members:
            (headers if kind == "header" else footers).append(name)
    return headers, footers


def content_types(members: dict[str, bytes]) -> list[str]:
    """Every ContentType declared in [Content_Types].xml (Default and Override)."""
    root = parse_xml(members[CONTENT_TYPES], CONTENT_TYPES)
    return [el.get("ContentType", "") for el in root if isinstance(el.tag, str)]


def main_content_type(members: dict[str, bytes]) -> str | None:
    root = parse_xml(members[CONTENT_TYPES], CONTENT_TYPES)
    for el in root.iter(f"{{{CT}}}Override"):
        if el.get("PartName", "").lstrip("/") == DOCUMENT:
            return el.get("ContentType")
    return None
