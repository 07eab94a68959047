"""DRAF marking of a draft's DOCX: it must not be printed and signed as if final.

The PDF of a draft gets its diagonal watermark from pypdf (``docgen.render.watermark``); the
DOCX a user downloads gets a red line "DRAF – belum final, tidak untuk ditandatangani" at
the top of its text and in the page header of every later page, as plain text that Word
and LibreOffice both print (and that nobody can miss when printing it to sign).
"""

from __future__ import annotations

import io
import re
import zipfile

LINE = "DRAF \u2013 belum final, tidak untuk ditandatangani"
_LINE_PARAGRAPH = (
    '<w:p><w:pPr><w:jc w:val="center"/><w:spacing w:before="0" w:after="120"/></w:pPr>'
    '<w:r><w:rPr><w:b/><w:color w:val="C00000"/><w:sz w:val="20"/></w:rPr>'
    '<w:t xml:space="preserve">{line}</w:t></w:r></w:p>')
_BODY_OPEN = re.compile(r"<w:body>|<w:body [^>]*>")
_HEADER_CLOSE = "</w:hdr>"


def mark_draft(docx: bytes) -> bytes:
    """``docx`` with the red DRAF line on top of page 1 and in the header of the others."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        members = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    body = members["word/document.xml"].decode("utf-8")
    opening = _BODY_OPEN.search(body)
    if opening is None:
        raise ValueError("DOCX tanpa w:body")
    paragraph = _LINE_PARAGRAPH.format(line=LINE)
    members["word/document.xml"] = (body[:opening.end()] + paragraph
                                    + body[opening.end():]).encode("utf-8")
    for name in [n for n in members if re.fullmatch(r"word/header\d*\.xml", n)]:
        header = members[name].decode("utf-8")
        members[name] = header.replace(_HEADER_CLOSE, paragraph + _HEADER_CLOSE).encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, payload in members.items():
            archive.writestr(name, payload)
    return out.getvalue()
