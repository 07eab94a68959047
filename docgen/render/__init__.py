"""Render layer: context + docxtpl template -> DOCX bytes (no web, no conversion)."""

from docgen.render.engine import (
           CompiledTemplate,
           TemplateRenderError,
           compile_template,
           render_docx,
)
from docgen.render.images import DocxImage

__all__ = ["CompiledTemplate", "DocxImage", "TemplateRenderError", "compile_template",
           "render_docx"]
