"""The rendering engine: strictness, escaping, caching, images, paper size."""

import io
import zipfile

import pytest
from docx import Document
from PIL import Image

from docgen.registry import REGISTRY
from docgen.render.engine import TemplateRenderError, compile_template, render_docx
from docgen.render.images import DocxImage, ImageError
from tests.conftest import docx_text, open_docx


def make_template(*paragraphs: str) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def png(width=40, height=20) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "red").save(out, "PNG")
    return out.getvalue()


def test_missing_variable_is_an_error_with_the_paragraph_text():
    template = make_template("Nomor surat: {{ nomor }}", "Tanggal: {{ tanggal }}")
    with pytest.raises(TemplateRenderError) as caught:
        render_docx(template, {"nomor": "1"})
    assert "tanggal" in str(caught.value)
    assert "Tanggal:" in caught.value.context_text


def test_missing_attribute_is_an_error():
    template = make_template("{{ pejabat.nama }} {{ pejabat.nip }}")
    with pytest.raises(TemplateRenderError, match="nip"):
        render_docx(template, {"pejabat": {"nama": "A"}})


def test_values_are_escaped_and_newlines_become_breaks():
    template = make_template("{{ a }}")
    docx = render_docx(template, {"a": "R&D <b>tebal</b>\nbaris dua"})
    assert docx_text(docx).strip() == "R&D <b>tebal</b>\nbaris dua"


def test_template_code_cannot_reach_python_internals():
    template = make_template("{{ ''.__class__.__mro__ }}")
    with pytest.raises(TemplateRenderError, match="unsafe|tidak aman|access"):
        render_docx(template, {})


def test_compiled_once_per_content():
    template = make_template("{{ a }}")
    assert compile_template(template) is compile_template(bytes(template))
    assert compile_template(template) is not compile_template(make_template("{{ b }}"))


def test_images_are_embedded_and_scaled_to_the_box():
    template = make_template("Foto: {{ foto }}", "{{ foto2 }}")
    docx = render_docx(template, {"foto": DocxImage(png(400, 200), 100),
                                  "foto2": DocxImage(png(100, 400), 100, 50)})
    shapes = open_docx(docx).inline_shapes
    assert len(shapes) == 2
    assert shapes[0].width.mm == pytest.approx(100, abs=0.1)
    assert shapes[0].height.mm == pytest.approx(50, abs=0.1)
    assert shapes[1].height.mm == pytest.approx(50, abs=0.1)
    assert shapes[1].width.mm == pytest.approx(12.5, abs=0.1)
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        assert sum(n.startswith("word/media/") for n in archive.namelist()) == 2


def test_non_image_is_rejected():
    with pytest.raises(ImageError, match="bukan gambar"):
        DocxImage(b"%PDF-1.4 not an image", 50)


def test_a4_setting_rewrites_page_size():
    doc_type = REGISTRY.get("sk-role-model")
    from docgen.config import Settings
    from docgen.pipeline import Pipeline

    data = doc_type.load_sample()
    f4 = open_docx(Pipeline(Settings()).render_docx(doc_type.name, data).docx)
    a4 = open_docx(Pipeline(Settings(paper="A4")).render_docx(doc_type.name, data).docx)
    assert round(f4.sections[0].page_width.mm) == 215
    assert round(f4.sections[0].page_height.mm) == 330
    assert round(a4.sections[0].page_width.mm) == 210
    assert round(a4.sections[0].page_height.mm) == 297
    assert a4.sections[0].left_margin.cm == pytest.approx(3, abs=0.01)


def test_metering_changes_no_output_of_the_shipped_templates():
    """Every loop, call and lookup is counted, yet each part renders exactly as Jinja's
    plain sandbox renders it."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    from docgen.render import budget, images
    from docgen.render.engine import make_environment

    plain = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    plain.filters.update(huruf=make_environment().filters["huruf"])
    for doc_type in REGISTRY:
        counted = 0
        for part in compile_template(doc_type.template).parts:
            outputs = []
            for template in (plain.from_string(part.source), part.template):
                context = doc_type.context(doc_type.load_sample())  # diktum counts calls
                token = images.activate(images.ImageSession())
                try:
                    with budget.metered() as used:
                        outputs.append(template.render(context))
                finally:
                    images.deactivate(token)
            assert outputs[0] == outputs[1], (doc_type.name, part.name)
            counted += used.operations
        assert counted > 20, doc_type.name  # the metered renders did count
