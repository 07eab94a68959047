"""Where each DOCX token was printed: an alignment of the DOCX and PDF word streams."""

from __future__ import annotations

from difflib import SequenceMatcher

from docgen.layout.docxmodel import DocxDoc, Span
from docgen.layout.pdfwords import PdfDoc, Word


class Alignment:
    """``mapping[i]`` is the PDF word printed for DOCX token ``i`` (None if unmatched)."""

    def __init__(self, docx: DocxDoc, pdf: PdfDoc):
        self.pdf = pdf
        self.mapping: list[Word | None] = [None] * len(docx.tokens)
        ids: dict[str, int] = {}
        left = [ids.setdefault(t, len(ids)) for t in docx.tokens]
        right = [ids.setdefault(w.text, len(ids)) for w in pdf.words]
        matcher = SequenceMatcher(None, left, right, autojunk=False)
        for a, b, size in matcher.get_matching_blocks():
            for k in range(size):
                self.mapping[a + k] = pdf.words[b + k]

    def words(self, span: Span) -> list[Word]:
        return [w for w in self.mapping[span.start:span.end] if w is not None]

    def pages(self, span: Span) -> list[int]:
        return sorted({w.page for w in self.words(span)})

    def neighbour(self, index: int) -> Word | None:
        """The printed word of the nearest matched token after (else before) ``index``."""
        for k in range(index + 1, len(self.mapping)):
            if self.mapping[k] is not None:
                return self.mapping[k]
        for k in range(index - 1, -1, -1):
            if self.mapping[k] is not None:
                return self.mapping[k]
        return None

    def window(self, index: int) -> list[Word]:
        """PDF words printed between the matched tokens around DOCX token ``index``."""
        before = next((self.mapping[k] for k in range(index - 1, -1, -1)
                       if self.mapping[k] is not None), None)
        after = next((self.mapping[k] for k in range(index + 1, len(self.mapping))
                      if self.mapping[k] is not None), None)
        start = before.index + 1 if before else 0
        end = after.index if after else len(self.pdf.words)
        return self.pdf.words[start:end]
