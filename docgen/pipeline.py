"""input -> typed model -> context -> DOCX -> PDF, the same for CLI, API and web."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docgen.config import Settings
from docgen.convert import Converter, make_converter
from docgen.registry import REGISTRY, DocumentType
from docgen.render import figures
from docgen.render.engine import compile_template


@dataclass
class Rendered:
    doc_type: DocumentType
    docx: bytes
    template_sha256: str


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

    def render_context(self, doc_type: DocumentType, data: Any) -> dict[str, Any]:
        """Validated, computed context with figures drawn (raises InputError)."""
        return figures.resolve(doc_type.context(data), self.settings)

    def render_docx(self, type_name: str, data: Any, template: bytes | None = None) -> Rendered:
        doc_type = REGISTRY.get(type_name)
        context = self.render_context(doc_type, data)
        compiled = compile_template(template if template is not None else doc_type.template)
        return Rendered(doc_type, compiled.render(context, self.settings.paper), compiled.sha256)

    def to_pdf(self, docx: bytes) -> bytes:
        return self.converter.convert(docx)

    def render(self, type_name: str, data: Any, fmt: str) -> bytes:
        rendered = self.render_docx(type_name, data)
        return rendered.docx if fmt == "docx" else self.to_pdf(rendered.docx)

    def close(self) -> None:
        if self._converter is not None:
            self._converter.stop()
