"""Shared fixtures: settings, one warm LibreOffice for the whole run, readers."""

from __future__ import annotations

import io
import subprocess

import docx
import pypdf
import pytest

from docgen.config import Settings
from docgen.convert.warm import UnoserverConverter
from docgen.pipeline import Pipeline


@pytest.fixture(scope="session")
def settings(tmp_path_factory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="session")
def converter(settings):
    """A real warm LibreOffice (unoserver), started once per test run (the backend
    itself, without the fair scheduler ``make_converter`` puts in front of it)."""
    conv = UnoserverConverter(settings)
    conv.start()
    yield conv
    conv.stop()


@pytest.fixture(scope="session")
def pipeline(settings, converter) -> Pipeline:
    return Pipeline(settings, converter)


@pytest.fixture()
def docx_pipeline(settings) -> Pipeline:
    """For DOCX-only tests: no converter is started."""
    return Pipeline(settings)


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _paragraph_text(paragraph) -> str:
    parts = []
    for node in paragraph.iter():
        name = node.tag.rsplit("}", 1)[-1]
        if name == "t":
            parts.append(node.text or "")
        elif name == "tab":
            parts.append("\t")
        elif name == "br":
            parts.append("\n")
    return "".join(parts)


def docx_text(data: bytes) -> str:
    """All text of a DOCX body, one line per paragraph (table cells included), in order;
    tabs and line breaks kept."""
    body = open_docx(data).element.body
    return "\n".join(_paragraph_text(p) for p in body.iter() if p.tag.endswith("}p"))


def pdf_text(data: bytes) -> str:
    """Text of a PDF as pdftotext lays it out (poppler-utils)."""
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data,
                            capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def pdf_reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def pdf_fonts(data: bytes) -> set[str]:
    """Base names of the fonts embedded in a PDF, subset prefix removed."""
    names = set()
    for page in pdf_reader(data).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            base = str(ref.get_object().get("/BaseFont", ""))
            names.add(base.lstrip("/").split("+", 1)[-1])
    return names
