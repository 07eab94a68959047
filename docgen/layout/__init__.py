"""Layout check of a rendered PDF (and, where given, the DOCX it came from).

``check_pdf`` reports each problem with its page and printed text: a signature block
alone on its page or split over two pages, a list number or word broken over two lines,
a table row split over two pages, a continued table without its header row, marker text
printed, a page number missing. Pure: poppler's pdftotext (words with boxes) and
python-docx only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from docgen.layout.model import BLOCKING_KINDS, KINDS, LayoutProblem


def check_pdf(pdf: bytes, docx: bytes | None = None, *,
              markers: Sequence[str] = ()) -> list[LayoutProblem]:
    """Every layout problem of ``pdf``, ordered by page."""
    from docgen.layout.align import Alignment
    from docgen.layout.breaks import check_breaks
    from docgen.layout.docxmodel import read_docx
    from docgen.layout.pagetext import check_markers, check_page_numbers
    from docgen.layout.pdfwords import read_pdf
    from docgen.layout.signatures import check_signatures
    from docgen.layout.tables import check_tables

    document = read_pdf(pdf)
    source = read_docx(docx) if docx else None
    alignment = Alignment(source, document) if source else None
    problems = check_signatures(document, source, alignment)
    problems += check_breaks(document, source, alignment)
    if source and alignment:
        problems += check_tables(document, source, alignment)
    problems += check_markers(document, markers)
    problems += check_page_numbers(document)
    order = {kind: k for k, kind in enumerate(KINDS)}
    return sorted(_unique(problems), key=lambda p: (p.page, order[p.kind]))


def _unique(problems: list[LayoutProblem]) -> list[LayoutProblem]:
    return list(dict.fromkeys(problems))


def blocking(problems: Iterable[LayoutProblem]) -> list[LayoutProblem]:
    """The problems that must stop a document from being finalised."""
    return [p for p in problems if p.blocking]


def page_count(pdf: bytes) -> int:
    """Number of pages of ``pdf``."""
    import io

    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


__all__ = ["BLOCKING_KINDS", "KINDS", "LayoutProblem", "blocking", "check_pdf", "page_count"]
