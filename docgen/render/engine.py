"""Fast, strict docxtpl rendering.

docxtpl re-reads the DOCX, re-cleans its XML with regexes and recompiles the Jinja
template on every render, then parses and re-serialises the whole result. Here a
template is prepared once per content hash (docxtpl's own ``patch_xml`` does the
cleaning), and each render only runs the compiled Jinja code and writes the rendered
parts straight into a copy of the template's ZIP.

The Jinja environment is sandboxed, autoescaping and strict: a value can never inject
XML, template code cannot reach Python internals, and a variable missing from the
context is an error, never a blank in a legal document. Every render is metered
(``docgen.render.budget``: time, template operations, output characters, DOCX size);
over a limit it fails with ``RenderBudgetExceeded``, a ``TemplateRenderError``.
"""

from __future__ import annotations

import hashlib
import io
import re
import threading
import zipfile
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docxtpl import DocxTemplate
from jinja2 import Environment, TemplateError, meta

from docgen.domain.formatting import huruf
from docgen.render import images, typography
from docgen.render.budget import DEFAULT_LIMITS, Budget, BudgetExceeded, RenderLimits, metered
from docgen.render.paper import apply_paper
from docgen.render.sandbox import MeteredEnvironment

_PARA_START = re.compile(r"<w:p([ >])")
_PARA_RESTORE = re.compile(r"\n<w:p([ >])")
_LISTING_CHARS = re.compile(r"[\t\a\f\n]")
_ESCAPED_TAGS = (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}"))
# (terms printed in italics, terms printed in bold): ``Regulation.emphasis()``
Emphasis = tuple[Sequence[str], Sequence[str]]
NO_EMPHASIS: Emphasis = ((), ())


class TemplateRenderError(Exception):
    """A template failed to render; ``context_text`` is the paragraph text around it."""

    def __init__(self, message: str, context_text: str = ""):
        super().__init__(message + (f" (di sekitar: {context_text})" if context_text else ""))
        self.context_text = context_text


class RenderBudgetExceeded(TemplateRenderError):
    """A render went over its time, operation or size budget (``budget.RenderLimits``)."""


def add_docgen_filters(env: Environment) -> Environment:
    """Filters every template may use: ``{{ loop.index0 | huruf }}`` -> a, b, … z, aa."""
    env.filters["huruf"] = _huruf
    return env


def _huruf(index: int) -> str:
    if not isinstance(index, int) or not 0 <= index < 100_000:
        raise ValueError(f"huruf: indeks daftar tidak sah: {index!r}")
    return huruf(index)


def make_environment() -> MeteredEnvironment:
    """The sandboxed, metered environment with docgen's filters (``huruf``)."""
    return MeteredEnvironment(filters={"huruf": _huruf})


@dataclass
class _Part:
    name: str  # zip member, e.g. word/header1.xml
    source: str
    template: Any
    prefix: str = ""
    suffix: str = ""


def _visible_text(xml: str, lineno: int | None) -> str:
    lines = xml.splitlines()
    if lineno is None:
        return ""
    window = lines[max(lineno - 2, 0): lineno + 1]
    return " ".join(re.sub(r"<[^>]+>", "", line) for line in window).strip()[:300]


class CompiledTemplate:
    """A DOCX template prepared once, rendered many times."""

    def __init__(self, data: bytes, env: Environment | None = None):
        self.data = data
        self.sha256 = hashlib.sha256(data).hexdigest()
        self.env = env or make_environment()
        tpl = DocxTemplate(io.BytesIO(data))
        docx = tpl.get_docx()
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            self._members = {i.filename: archive.read(i.filename) for i in archive.infolist()}
        document_xml = self._members["word/document.xml"].decode("utf-8")
        start = document_xml.index("<w:body")
        end = document_xml.rindex("</w:body>") + len("</w:body>")
        self.parts = [self._compile("word/document.xml", tpl.patch_xml(tpl.get_xml()),
                                    document_xml[:start], document_xml[end:])]
        for rel in docx.part.rels.values():
            if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external:
                part = rel.target_part
                xml = tpl.patch_xml(tpl.get_part_xml(part))
                prefix = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                self.parts.append(self._compile(str(part.partname).lstrip("/"), xml, prefix))

    def _compile(self, name: str, xml: str, prefix: str = "", suffix: str = "") -> _Part:
        source = _PARA_START.sub(r"\n<w:p\1", xml)
        try:
            template = self.env.from_string(source)
        except TemplateError as exc:
            raise TemplateRenderError(
                f"sintaks templat salah di {name}: {exc}",
                _visible_text(source, getattr(exc, "lineno", None))) from exc
        return _Part(name, source, template, prefix, suffix)

    @property
    def variables(self) -> set[str]:
        """Top-level variables the template reads from its context."""
        names: set[str] = set()
        for part in self.parts:
            names |= meta.find_undeclared_variables(self.env.parse(part.source))
        return names

    def render(self, context: dict[str, Any], paper: str = "F4",
               emphasis: Emphasis = NO_EMPHASIS, limits: RenderLimits = DEFAULT_LIMITS
               ) -> bytes:
        """The DOCX; ``emphasis``: (italic terms, bold terms) set in every part; over
        ``limits`` (time, operations, output, DOCX size): ``RenderBudgetExceeded``."""
        session = images.ImageSession()
        rendered = {}
        with metered(limits) as budget:
            for index, part in enumerate(self.parts):
                token = images.activate(session if index == 0 else None)
                try:
                    xml = _generate(part, context, budget)
                finally:
                    images.deactivate(token)
                rendered[part.name] = part.prefix + _finish(xml, paper, emphasis) + part.suffix
            docx = self._assemble(rendered, session.images)
            try:
                budget.check_docx(len(docx))
            except BudgetExceeded as exc:
                raise RenderBudgetExceeded(f"templat gagal dirender: {exc}") from exc
        return docx

    def _assemble(self, rendered: dict[str, str], embedded: list[images.EmbeddedImage]) -> bytes:
        members = dict(self._members)
        for name, xml in rendered.items():
            members[name] = xml.encode("utf-8")
        if embedded:
            members["word/_rels/document.xml.rels"] = _add_image_rels(
                members["word/_rels/document.xml.rels"], embedded)
            members["[Content_Types].xml"] = _ensure_image_types(members["[Content_Types].xml"])
            for image in embedded:
                members[image.partname] = image.data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            for name, payload in members.items():
                archive.writestr(name, payload)
        return out.getvalue()


def _generate(part: _Part, context: dict[str, Any], budget: Budget) -> str:
    """The rendered XML of one part, its output counted against ``budget``."""
    chunks = []
    try:
        for chunk in part.template.generate(context):
            budget.write(len(chunk))
            chunks.append(chunk)
    except BudgetExceeded as exc:
        raise RenderBudgetExceeded(
            f"templat gagal dirender ({part.name}): {exc}",
            _visible_text(part.source, _template_lineno(exc))) from exc
    except Exception as exc:
        raise TemplateRenderError(
            f"templat gagal dirender ({part.name}): {exc}",
            _visible_text(part.source, _template_lineno(exc))) from exc
    return "".join(chunks)


def _template_lineno(exc: Exception) -> int | None:
    tb = exc.__traceback__
    lineno = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            lineno = tb.tb_lineno
        tb = tb.tb_next
    return lineno


def _finish(xml: str, paper: str, emphasis: Emphasis) -> str:
    xml = _PARA_RESTORE.sub(r"<w:p\1", xml)
    for escaped, plain in _ESCAPED_TAGS:
        xml = xml.replace(escaped, plain)
    if _LISTING_CHARS.search(xml):
        xml = DocxTemplate.resolve_listing(None, xml)
    italic, bold = emphasis
    if italic or bold:
        xml = typography.emphasize(xml, italic, bold)
    return apply_paper(xml, paper)


def _add_image_rels(rels_xml: bytes, embedded: list[images.EmbeddedImage]) -> bytes:
    entries = "".join(
        f'<Relationship Id="{img.rid}" Type="{RT.IMAGE}" '
        f'Target="{img.partname.removeprefix("word/")}"/>' for img in embedded)
    text = rels_xml.decode("utf-8")
    return text.replace("</Relationships>", entries + "</Relationships>").encode("utf-8")


def _ensure_image_types(types_xml: bytes) -> bytes:
    text = types_xml.decode("utf-8")
    for ext, mime in (("png", "image/png"), ("jpeg", "image/jpeg")):
        if f'Extension="{ext}"' not in text:
            text = text.replace(
                "</Types>", f'<Default Extension="{ext}" ContentType="{mime}"/></Types>')
    return text.encode("utf-8")


class TemplateCache:
    """Compiled templates keyed by content hash (a new version is a new entry)."""

    def __init__(self, maxsize: int = 64):
        self.maxsize = maxsize
        self._items: OrderedDict[str, CompiledTemplate] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, data: bytes) -> CompiledTemplate:
        key = hashlib.sha256(data).hexdigest()
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        compiled = CompiledTemplate(data)
        with self._lock:
            self._items[key] = compiled
            while len(self._items) > self.maxsize:
                self._items.popitem(last=False)
        return compiled


_cache = TemplateCache()


def compile_template(source: Path | bytes) -> CompiledTemplate:
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    return _cache.get(data)


def render_docx(source: Path | bytes, context: dict[str, Any], paper: str = "F4",
                emphasis: Emphasis = NO_EMPHASIS) -> bytes:
    return compile_template(source).render(context, paper, emphasis)
