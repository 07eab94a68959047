"""What a template or data set says, independent of how its file was written.

Two DOCX files with the same parts are the same template even when their ZIPs differ
(member order, timestamps, compression, attribute order, namespace declarations): every XML
part is compared as canonical XML (C14N), every other part by its bytes. The package's
metadata (``docProps/core.xml``, ``docProps/app.xml``: author, dates, revision, editing
time, rewritten by Word on every save) is no part of the content. A data set's text is
compared with normalised line endings.

``same_template`` / ``same_text`` decide whether a bundled file is already registered; the
stored ``sha256`` of a version stays the SHA-256 of its bytes (finals and verification cite
it).
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from docgen.review.ooxml import XmlProblem, parse_xml

METADATA = frozenset({"docProps/core.xml", "docProps/app.xml"})
XML_SUFFIXES = (".xml", ".rels")


def c14n(data: bytes, name: str = "") -> bytes:
    """The canonical form (C14N 1.0, comments kept) of one XML part."""
    return etree.tostring(parse_xml(data, name), method="c14n")


def package_parts(data: bytes, metadata: bool = True) -> dict[str, bytes]:
    """member name -> bytes of a ZIP package (``metadata=False``: without docProps core/app).

    Raises ``zipfile.BadZipFile`` for bytes that are not a ZIP.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()
                if not info.is_dir() and (metadata or info.filename not in METADATA)}


def canonical_parts(data: bytes, metadata: bool = True) -> dict[str, bytes]:
    """member name -> canonical XML (XML parts) or the bytes (other parts) of a package.
    A part that does not parse as XML is kept as its bytes."""
    return {name: _canonical_member(name, raw)
            for name, raw in package_parts(data, metadata).items()}


def _canonical_member(name: str, raw: bytes) -> bytes:
    if not name.lower().endswith(XML_SUFFIXES):
        return raw
    try:
        return c14n(raw, name)
    except XmlProblem:
        return raw


def same_template(one: bytes, other: bytes) -> bool:
    """Do two DOCX files have the same parts (metadata aside)?

    Parts are compared pairwise, as bytes first: only parts whose bytes differ are
    canonicalised (the large style parts of a re-zipped file usually are identical).
    Bytes that are not a ZIP equal only the same bytes.
    """
    if one == other:
        return True
    try:
        first, second = package_parts(one, False), package_parts(other, False)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        return False
    return first.keys() == second.keys() and all(
        first[name] == second[name]
        or _canonical_member(name, first[name]) == _canonical_member(name, second[name])
        for name in first)


def same_text(one: str, other: str) -> bool:
    """Is a data set's text the same, CRLF and CR line endings read as LF?"""
    return _lf(one) == _lf(other)


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
