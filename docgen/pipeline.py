"""input -> typed model -> context -> DOCX -> PDF, the same for CLI, API and web.

Every render takes the regulation snapshot it reads (``regulation``; None: the bundled
files): the model's defaults, the context and the italic/bold terms all come from it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from typing import Any

from docgen.config import Settings
from docgen.convert import Converter, make_converter
from docgen.domain.regulation import Regulation
from docgen.registry import REGISTRY, DocumentType
from docgen.render import figures
from docgen.render.engine import compile_template
from docgen.render.figures import NO_EMBLEMS, Emblems
from docgen.render.pagination import Signable, signable


class OutputFormat(StrEnum):
    DOCX = "docx"
    PDF = "pdf"


@dataclass
class Rendered:
    doc_type: DocumentType
    docx: bytes
    template_sha256: str
    # emblems the document prints as the "LAMBANG ... (slot)" placeholder, e.g.
    # ("lambang daerah",); empty when every emblem it prints is a real image
    placeholder_emblems: tuple[str, ...] = field(default=())


class Pipeline:
    """Renders documents; owns the converter it is given (or makes one from settings)."""

    def __init__(self, settings: Settings, converter: Converter | None = None):
        self.settings = settings
        self._converter = converter

    @property
    def converter(self) -> Converter:
        if self._converter is None:
            self._converter = make_converter(self.settings)
        return self._converter

    def render_context(self, doc_type: DocumentType, data: Any,
                       emblems: Emblems = NO_EMBLEMS,
                       regulation: Regulation | None = None) -> dict[str, Any]:
        """Validated, computed context with figures drawn (raises InputError).

        ``emblems``: emblem images from the caller (stored uploads); where one is None the
        ``Settings.lambang_*`` file is used, then the placeholder."""
        return figures.resolve(doc_type.context(data, regulation), self.settings, emblems)

    def render_docx(self, type_name: str, data: Any, template: bytes | None = None,
                    emblems: Emblems = NO_EMBLEMS,
                    regulation: Regulation | None = None,
                    extra: Mapping[str, Any] | None = None) -> Rendered:
        """``extra``: context keys set by the caller over the type's own (e.g. the
        filled paraf box of a final's chain, ``docgen.paraf``)."""
        regulation = regulation or Regulation.bundled()
        doc_type = REGISTRY.get(type_name)
        context = {**doc_type.context(data, regulation), **(extra or {})}
        placeholders = figures.placeholder_emblems(context, self.settings, emblems)
        context = figures.resolve(context, self.settings, emblems)
        compiled = compile_template(template if template is not None else doc_type.template)
        docx = compiled.render(context, self.settings.paper, regulation.emphasis())
        return Rendered(doc_type, docx, compiled.sha256, placeholders)

    def to_pdf(self, docx: bytes, *, pdfa: bool = False) -> bytes:
        """The PDF (``pdfa``: PDF/A-2b, a final's archival copy)."""
        return self.converter.convert(docx, pdfa=True) if pdfa else self.converter.convert(docx)

    def to_signable_pdf(self, docx: bytes, *, pdfa: bool = False) -> Signable:
        """Convert (``pdfa``: as PDF/A-2b) and check the layout; a signature left alone on
        its page gets the content before it moved to its page and is converted again."""
        from docgen.layout import check_pdf

        convert = partial(self.converter.convert, pdfa=True) if pdfa else self.converter.convert
        return signable(docx, convert, check_pdf)

    def render(self, type_name: str, data: Any, fmt: OutputFormat | str,
               regulation: Regulation | None = None) -> bytes:
        """The document as DOCX or as a signable PDF (an unknown format is an error)."""
        fmt = OutputFormat(fmt)
        rendered = self.render_docx(type_name, data, regulation=regulation)
        if fmt is OutputFormat.DOCX:
            return rendered.docx
        return self.to_signable_pdf(rendered.docx).pdf

    def close(self) -> None:
        if self._converter is not None:
            self._converter.stop()
