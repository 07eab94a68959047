"""Verification footer on a real PDF (LibreOffice): ID text, readable QR, byte-exact check."""

from __future__ import annotations

import io
import subprocess

import pytest
from PIL import Image

from docgen.registry import REGISTRY
from docgen.review.archive import new_document_id, sha256
from docgen.review.verification import (
    BOTTOM_MM,
    QR_MM,
    RIGHT_MM,
    document_id_of,
    qr_matrix,
    stamp_verification,
    verification_url,
    verify_pdf,
)
from tests.conftest import pdf_reader, pdf_text

DPI = 300


@pytest.fixture(scope="module")
def original_pdf(pipeline) -> bytes:
    doc_type = REGISTRY.get("sk-kbk")
    return pipeline.to_pdf(pipeline.render_docx("sk-kbk", doc_type.load_sample()).docx)


@pytest.fixture(scope="module")
def stamped(original_pdf):
    document_id = new_document_id(2025)
    url = verification_url("https://docgen.purbalinggakab.go.id/", document_id)
    return document_id, url, stamp_verification(original_pdf, document_id, url)


def rendered_page(pdf: bytes, page: int) -> Image.Image:
    png = subprocess.run(["pdftoppm", "-r", str(DPI), "-f", str(page), "-l", str(page),
                          "-png", "-"], input=pdf, capture_output=True, check=True).stdout
    return Image.open(io.BytesIO(png)).convert("L")


def qr_region(image: Image.Image) -> Image.Image:
    px = DPI / 25.4
    right, bottom = image.width - RIGHT_MM * px, image.height - BOTTOM_MM * px
    box = (right - QR_MM * px - 4, bottom - QR_MM * px - 4, right + 4, bottom + 4)
    return image.crop(tuple(round(v) for v in box))


def read_modules(region: Image.Image, size: int, border: int = 2) -> list[list[bool]]:
    """Sample the QR modules from a rendered region (dark bbox = modules inside the border)."""
    dark = region.point(lambda v: 255 if v < 128 else 0)
    left, top, right, bottom = dark.getbbox()
    inner = size - 2 * border
    step_x, step_y = (right - left) / inner, (bottom - top) / inner
    return [[region.getpixel((int(left + (x + 0.5) * step_x), int(top + (y + 0.5) * step_y)))
             < 128 for x in range(inner)] for y in range(inner)]


def test_url_points_to_the_verification_page():
    assert verification_url("https://a.b/", "2025-AB12-CD34-EF56") == \
        "https://a.b/verifikasi/2025-AB12-CD34-EF56"


def test_stamped_pdf_shows_the_id_and_url_on_every_page(original_pdf, stamped):
    document_id, url, pdf = stamped
    text = pdf_text(pdf)
    pages = pdf_reader(original_pdf).pages
    assert text.count(f"ID Dokumen: {document_id}") == len(pages)
    assert text.count(url) == len(pages)
    assert document_id not in pdf_text(original_pdf)


def test_page_count_and_sizes_are_unchanged(original_pdf, stamped):
    before, after = pdf_reader(original_pdf).pages, pdf_reader(stamped[2]).pages
    assert len(after) == len(before) > 1
    for old, new in zip(before, after, strict=True):
        assert list(map(float, new.mediabox)) == pytest.approx(list(map(float, old.mediabox)),
                                                               abs=1e-3)
    assert pdf_text(original_pdf).splitlines()[:20] == pdf_text(stamped[2]).splitlines()[:20]


def test_every_page_carries_one_qr_image(stamped):
    _, url, pdf = stamped
    size = (len(qr_matrix(url)),) * 2  # one image pixel per module, quiet zone included
    for page in pdf_reader(pdf).pages:
        assert [i.image.size for i in page.images].count(size) == 1


def test_qr_read_back_from_the_rendered_page(original_pdf, stamped):
    _, url, pdf = stamped
    expected = [row[2:-2] for row in qr_matrix(url)[2:-2]]
    for page in (1, len(pdf_reader(pdf).pages)):
        region = qr_region(rendered_page(pdf, page))
        assert read_modules(region, len(expected) + 4) == expected
    blank = qr_region(rendered_page(original_pdf, 1)).point(lambda v: 255 if v < 128 else 0)
    assert blank.getbbox() is None  # the footer area was empty before stamping


def test_verification_is_byte_exact(original_pdf, stamped):
    document_id, _, pdf = stamped
    archived = sha256(pdf)
    assert verify_pdf(pdf, archived)
    assert verify_pdf(pdf, archived.upper())
    assert not verify_pdf(original_pdf, archived)
    assert not verify_pdf(pdf + b"\n", archived)
    assert document_id_of(pdf) == document_id
    assert document_id_of(original_pdf) is None
    assert document_id_of(b"not a pdf") is None


def test_rotated_and_offset_pages_are_stamped_inside_their_box():
    from pypdf import PdfWriter
    from pypdf.generic import RectangleObject

    writer = PdfWriter()
    writer.add_blank_page(595, 842).rotate(90)
    offset = writer.add_blank_page(842, 595)
    offset.mediabox = RectangleObject((100, 50, 942, 645))
    source = io.BytesIO()
    writer.write(source)
    pdf = stamp_verification(source.getvalue(), "2025-AAAA-BBBB-CCCC", "https://x/verifikasi/1")
    assert pdf_text(pdf).count("ID Dokumen: 2025-AAAA-BBBB-CCCC") == 2
    for page in (1, 2):
        image = rendered_page(pdf, page)
        assert image.width > image.height  # landscape as displayed
        assert qr_region(image).point(lambda v: 255 if v < 128 else 0).getbbox() is not None
