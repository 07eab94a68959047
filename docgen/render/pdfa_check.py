"""``check_pdfa``: what keeps a PDF from being PDF/A-2b, among what pikepdf checks cheaply
(``docgen.render.pdfa`` says what is and is not covered; veraPDF is not available here)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pikepdf

FORBIDDEN_ACTIONS = {"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/Hide",
                     "/JavaScript", "/SetOCGState", "/Rendition", "/Trans", "/GoTo3DView"}
BLEND_MODES = {"/Normal", "/Compatible", "/Multiply", "/Screen", "/Overlay", "/Darken",
               "/Lighten", "/ColorDodge", "/ColorBurn", "/HardLight", "/SoftLight",
               "/Difference", "/Exclusion", "/Hue", "/Saturation", "/Color", "/Luminosity"}
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
PRINT, HIDDEN, INVISIBLE, NOVIEW = 4, 2, 1, 32


def check_pdfa(pdf: bytes) -> list[str]:
    """What keeps ``pdf`` from being PDF/A-2b, among what pikepdf checks cheaply
    (empty: nothing found). Not a full validator: see the module's docstring."""
    try:
        doc = pikepdf.open(io.BytesIO(pdf))
    except pikepdf.PasswordError:
        return ["terenkripsi (butuh kata sandi)"]
    with doc:
        problems = _identification(doc) + _output_intents(doc)
        if doc.is_encrypted or "/Encrypt" in doc.trailer:
            problems.append("terenkripsi")
        if "/ID" not in doc.trailer:
            problems.append("trailer tanpa /ID")
        names: Any = doc.Root.get("/Names", {})
        if "/JavaScript" in names:
            problems.append("memuat JavaScript (/Names /JavaScript)")
        if "/EmbeddedFiles" in names:
            problems.append("memuat berkas tersemat")
        for obj in _objects(doc):
            problems += _object_problems(obj)
        return list(dict.fromkeys(problems))


def _identification(doc: pikepdf.Pdf) -> list[str]:
    stream = doc.Root.get("/Metadata")
    if stream is None:
        return ["tanpa metadata XMP (identifikasi PDF/A)"]
    problems = ["aliran metadata XMP terkompresi (/Filter)"] if "/Filter" in stream else []
    meta = doc.open_metadata()
    part, conformance = meta.get("pdfaid:part"), meta.get("pdfaid:conformance")
    if str(part) != "2" or str(conformance) != "B":
        problems.append(f"identifikasi PDF/A bukan 2B (part={part}, conformance="
                        f"{conformance})")
    title = meta.get("dc:title")
    if "/Title" in doc.docinfo and str(doc.docinfo["/Title"]) != (title or ""):
        problems.append("Info /Title tidak sama dengan dc:title XMP")
    producer = meta.get("pdf:Producer")
    if "/Producer" in doc.docinfo and str(doc.docinfo["/Producer"]) != (producer or ""):
        problems.append("Info /Producer tidak sama dengan pdf:Producer XMP")
    return problems


def _output_intents(doc: pikepdf.Pdf) -> list[str]:
    intents = [i for i in doc.Root.get("/OutputIntents", [])
               if i.get("/S") == pikepdf.Name("/GTS_PDFA1")]
    if not intents:
        return ["tanpa OutputIntent GTS_PDFA1"]
    profile = intents[0].get("/DestOutputProfile")
    if not isinstance(profile, pikepdf.Stream) or int(profile.get("/N", 0)) not in (1, 3, 4):
        return ["OutputIntent tanpa profil ICC yang sah"]
    return []


def _objects(doc: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary | pikepdf.Stream]:
    """Every indirect dictionary and stream of the file (fonts, actions, annotations,
    graphics states are indirect in what LibreOffice, pypdf and matplotlib write), plus
    the direct ones inside pages' and forms' resources."""
    for obj in doc.objects:
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            yield obj
    for page in doc.pages:
        yield from _resource_entries(page.obj.get("/Resources"))


def _resource_entries(resources: Any) -> Iterator[pikepdf.Dictionary]:
    if not isinstance(resources, pikepdf.Dictionary):
        return
    for kind in ("/Font", "/ExtGState"):
        for value in resources.get(kind, {}).values():
            if isinstance(value, pikepdf.Dictionary) and not value.is_indirect:
                yield value


def _object_problems(obj: pikepdf.Dictionary | pikepdf.Stream) -> list[str]:
    kind, problems = obj.get("/Type"), []
    if kind == pikepdf.Name.Font:
        problems += _font_problems(obj)
    action = obj.get("/S")
    if isinstance(action, pikepdf.Name) and str(action) in FORBIDDEN_ACTIONS:
        problems.append(f"aksi terlarang {action}")
    if "/JS" in obj:
        problems.append("memuat JavaScript (/JS)")
    if kind == pikepdf.Name.Annot and obj.get("/Subtype") != pikepdf.Name.Popup:
        flags = int(obj.get("/F", 0))
        if not flags & PRINT or flags & (HIDDEN | INVISIBLE | NOVIEW):
            problems.append("anotasi tanpa tanda cetak (/F Print)")
    if kind == pikepdf.Name.ExtGState:
        mode = obj.get("/BM")
        if isinstance(mode, pikepdf.Name) and str(mode) not in BLEND_MODES:
            problems.append(f"mode blend tidak standar {mode}")
        if "/TR" in obj:
            problems.append("fungsi transfer (/TR) pada ExtGState")
    if isinstance(obj, pikepdf.Stream) and obj.get("/Filter") == pikepdf.Name.LZWDecode:
        problems.append("filter LZW")
    return problems


def _font_problems(font: Any) -> list[str]:
    """A font not embedded (Type 3 fonts are drawn by the file itself)."""
    subtype = font.get("/Subtype")
    if subtype == pikepdf.Name.Type3:
        return []
    if subtype == pikepdf.Name.Type0:
        return [p for child in font.get("/DescendantFonts", []) for p in _font_problems(child)]
    descriptor = font.get("/FontDescriptor")
    name = str(font.get("/BaseFont", "?"))
    if descriptor is None or not any(key in descriptor for key in FONT_FILES):
        return [f"huruf tidak tertanam: {name.lstrip('/')}"]
    return []
