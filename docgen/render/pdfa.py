"""PDF/A-2b archival copies: the finals' metadata and the checks the tests and the
archive rely on.

A final is converted by LibreOffice's PDF/A-2b export (``Converter.convert(docx,
pdfa=True)``: fonts embedded, an sRGB output intent, the PDF/A identification in XMP),
stamped with its verification ID and QR (``docgen.review.verification``, which keeps all
that) and then given its archival metadata here (``with_metadata``): the XMP packet and
the Info dictionary say the same title, unit, number and date, so the PDF/A rule that
both agree holds whatever wrote the file before (pypdf, LibreOffice).

``check_pdfa`` (``docgen.render.pdfa_check``) lists what breaks PDF/A-2b among the things
cheap to check with pikepdf: the identification (part 2, conformance B), an output intent
with an ICC profile, every font embedded (descendant fonts included), no encryption, no
JavaScript nor other forbidden actions, no embedded files, printable annotations, an
unfiltered XMP stream, Info matching XMP. It is no full validator (veraPDF is not
available here): glyph widths, colour spaces against the output intent and the like are
LibreOffice's to get right.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any
from xml.sax.saxutils import escape

import pikepdf

from docgen.render.pdfa_check import check_pdfa

__all__ = ["archival_fields", "check_pdfa", "with_metadata", "xmp_values"]

NS_DOCGEN = "https://docgen.purbalingga.go.id/ns/arsip/1.0/"
PREFIX = "docgen"
# the custom XMP properties (PDF/A needs them described in an extension schema)
PROPERTIES = (("nomor", "Text", "Nomor naskah dinas (Keputusan)"),
              ("unitKerja", "Text", "Unit kerja yang menerbitkan naskah"),
              ("tanggal", "Date", "Tanggal naskah (penetapan)"),
              ("idDokumen", "Text", "ID verifikasi dokumen docgen"))


def with_metadata(pdf: bytes, *, title: str, number: str | None = None,
                  unit: str | None = None, date: dt.date | str | None = None,
                  document_id: str | None = None, language: str = "id-ID") -> bytes:
    """``pdf`` (a PDF/A-2b) with XMP metadata and a matching Info dictionary: dc:title,
    dc:creator (the unit), dc:date, dc:description, the PDF/A identification kept, and
    docgen:nomor / docgen:unitKerja / docgen:tanggal / docgen:idDokumen (described in
    a PDF/A extension schema). Other Info entries (e.g. the stamped ID) are kept."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        created = _created(doc) or now
        info = _info_values(doc, title=title, number=number, unit=unit, date=date)
        custom = {"nomor": number, "unitKerja": unit,
                  "tanggal": _iso(date) if date else None, "idDokumen": document_id}
        packet = _xmp(info, custom, created=created, modified=now,
                      date=_iso(date) if date else None, language=language)
        doc.Root.Metadata = doc.make_stream(packet.encode("utf-8"), Type=pikepdf.Name.Metadata,
                                            Subtype=pikepdf.Name.XML)
        for key, value in info.items():
            doc.docinfo[f"/{key}"] = pikepdf.String(value)
        doc.docinfo["/CreationDate"] = pikepdf.String(_pdf_date(created))
        doc.docinfo["/ModDate"] = pikepdf.String(_pdf_date(now))
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()


def _iso(value: dt.date | str) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _info_values(doc: pikepdf.Pdf, *, title: str, number: str | None, unit: str | None,
                 date: dt.date | str | None) -> dict[str, str]:
    """Title, Author, Subject, Creator, Producer as both Info and XMP say them."""
    subject = "; ".join(f"{label}: {value}" for label, value in (
        ("Nomor", number), ("Unit kerja", unit), ("Tanggal", _iso(date) if date else None))
        if value)
    values = {"Title": title, "Author": unit or "", "Subject": subject,
              "Creator": str(doc.docinfo.get("/Creator", "")) or "docgen",
              "Producer": str(doc.docinfo.get("/Producer", "")) or "docgen"}
    return {key: value for key, value in values.items() if value}


def _created(doc: pikepdf.Pdf) -> dt.datetime | None:
    """When LibreOffice made the file (Info /CreationDate), if it says."""
    match = re.match(r"D:(\d{14})", str(doc.docinfo.get("/CreationDate", "")))
    if match is None:
        return None
    return dt.datetime.strptime(match[1], "%Y%m%d%H%M%S").replace(tzinfo=dt.UTC)


def _pdf_date(moment: dt.datetime) -> str:
    return moment.strftime("D:%Y%m%d%H%M%SZ")


def _xmp(info: dict[str, str], custom: dict[str, str | None], *, created: dt.datetime,
         modified: dt.datetime, date: str | None, language: str) -> str:
    """The XMP packet (no byte attribute, UTF-8, writable padding)."""
    def text(value: str) -> str:
        return escape(value)

    stamp = {"created": created.isoformat().replace("+00:00", "Z"),
             "modified": modified.isoformat().replace("+00:00", "Z")}
    dc = [f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{text(info["Title"])}</rdf:li>'
          "</rdf:Alt></dc:title>",
          "<dc:format>application/pdf</dc:format>",
          f"<dc:language><rdf:Bag><rdf:li>{text(language)}</rdf:li></rdf:Bag></dc:language>"]
    if "Author" in info:
        dc.append(f"<dc:creator><rdf:Seq><rdf:li>{text(info['Author'])}</rdf:li></rdf:Seq>"
                  "</dc:creator>")
    if "Subject" in info:
        dc.append('<dc:description><rdf:Alt><rdf:li xml:lang="x-default">'
                  f"{text(info['Subject'])}</rdf:li></rdf:Alt></dc:description>")
    if date:
        dc.append(f"<dc:date><rdf:Seq><rdf:li>{text(date)}</rdf:li></rdf:Seq></dc:date>")
    own = "".join(f"<{PREFIX}:{name}>{text(value)}</{PREFIX}:{name}>"
                  for name, value in custom.items() if value)
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">'
        "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>"
        "</rdf:Description>"
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        + "".join(dc) + "</rdf:Description>"
        '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
        f"<pdf:Producer>{text(info['Producer'])}</pdf:Producer></rdf:Description>"
        '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
        f"<xmp:CreatorTool>{text(info['Creator'])}</xmp:CreatorTool>"
        f"<xmp:CreateDate>{stamp['created']}</xmp:CreateDate>"
        f"<xmp:ModifyDate>{stamp['modified']}</xmp:ModifyDate>"
        f"<xmp:MetadataDate>{stamp['modified']}</xmp:MetadataDate></rdf:Description>"
        f'<rdf:Description rdf:about="" xmlns:{PREFIX}="{NS_DOCGEN}">{own}</rdf:Description>'
        + _extension_schema() +
        "</rdf:RDF></x:xmpmeta>\n" + " " * 2000 + '\n<?xpacket end="w"?>')


def _extension_schema() -> str:
    """The PDF/A extension schema describing docgen's own properties."""
    properties = "".join(
        '<rdf:li rdf:parseType="Resource">'
        f"<pdfaProperty:name>{name}</pdfaProperty:name>"
        f"<pdfaProperty:valueType>{kind}</pdfaProperty:valueType>"
        "<pdfaProperty:category>external</pdfaProperty:category>"
        f"<pdfaProperty:description>{escape(about)}</pdfaProperty:description></rdf:li>"
        for name, kind, about in PROPERTIES)
    return (
        '<rdf:Description rdf:about=""'
        ' xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"'
        ' xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"'
        ' xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">'
        '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">'
        "<pdfaSchema:schema>Arsip naskah dinas docgen</pdfaSchema:schema>"
        f"<pdfaSchema:namespaceURI>{NS_DOCGEN}</pdfaSchema:namespaceURI>"
        f"<pdfaSchema:prefix>{PREFIX}</pdfaSchema:prefix>"
        f"<pdfaSchema:property><rdf:Seq>{properties}</rdf:Seq></pdfaSchema:property>"
        "</rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>")


def archival_fields(model: Any) -> dict[str, Any]:
    """``number`` and ``date`` of a parsed document model: its ``nomor`` (a Keputusan's)
    and its ``tanggal``, where the type has them (None otherwise)."""
    number = getattr(model, "nomor", None)
    date = getattr(model, "tanggal", None)
    return {"number": str(number) if number else None,
            "date": date if isinstance(date, dt.date) else None}


def xmp_values(pdf: bytes) -> dict[str, Any]:
    """What a reader of the archival copy sees: the PDF/A identification, dc:title,
    dc:creator, dc:date and docgen's own properties (absent ones left out)."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        meta = doc.open_metadata()
        keys = {"part": "pdfaid:part", "conformance": "pdfaid:conformance",
                "title": "dc:title", "creator": "dc:creator", "date": "dc:date",
                "producer": "pdf:Producer"}
        keys |= {name: f"{{{NS_DOCGEN}}}{name}" for name, _, _ in PROPERTIES}
        found = {name: meta.get(key) for name, key in keys.items()}
        return {name: value for name, value in found.items() if value not in (None, "")}
