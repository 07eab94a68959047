"""What marking a document final needs besides valid input, and what a draft's preview
warns of.

Marking final is refused, the document staying a draft, while

- the rendered document prints a placeholder emblem ("LAMBANG ... (slot)"): the lambang
  is uploaded by admin_kabupaten in Pengaturan > Lambang (``SETTINGS_PATH``);
- the layout check (``docgen.layout.check_pdf``) reports a blocking problem on the
  rendered, unstamped PDF (a signature block alone on a page, a marker text, ...);
- the parsed model says so (``model.penghalang_final(regulation)`` where the model has
  it, e.g. a Form B whose B-2 ... B-4 are empty): checked before anything is rendered.

The preview of a draft lists the same findings as warnings (blocking ones marked), plus
the document type's own warnings (``DocumentType.warnings(model)`` where a type has them)
and, marked blocking, the model's own reasons against a final (``domain_blockers``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from docgen.convert import ConversionError
from docgen.domain.errors import InputError
from docgen.domain.regulation import Regulation
from docgen.layout.model import LayoutProblem
from docgen.registry import DocumentType

SETTINGS_PATH = "/admin/pengaturan"
BLOCKING_NOTE = "menghalangi status final"
log = logging.getLogger(__name__)


class FinalRefused(Exception):
    """Not marked final; ``messages`` (Indonesian) say which problem and where."""

    def __init__(self, messages: list[str], preview: Any = None):
        super().__init__("; ".join(messages))
        self.messages = messages
        self.preview = preview  # the draft's preview made from the same render, if any


class Blocking(str):
    """A domain message that blocks the final (shown as a blocking notice)."""

    __slots__ = ()


@dataclass(frozen=True)
class Notice:
    """One warning above a draft's preview."""

    text: str
    blocking: bool


def emblem_messages(placeholders: tuple[str, ...]) -> list[str]:
    return [f"{name[0].upper()}{name[1:]} belum diunggah: admin kabupaten mengunggahnya di "
            f"Pengaturan > Lambang ({SETTINGS_PATH})" for name in placeholders]


def unchecked(message: str) -> LayoutProblem:
    """Stands for the layout problems when the check itself failed: blocks the final."""
    return LayoutProblem(page=0, kind="pemeriksaan", text="", message=message, blocking=True)


def signable(pipeline: Any, docx: bytes, pdfa: bool = False) -> Any:
    """Convert (re-paginating a lone signature; ``pdfa``: as PDF/A-2b, for a final) and
    check; a failing check blocks."""
    from docgen.render.pagination import Signable

    try:  # the keyword only for PDF/A: a draft's conversion calls it as before
        return pipeline.to_signable_pdf(docx, pdfa=True) if pdfa else \
            pipeline.to_signable_pdf(docx)
    except ConversionError:
        raise
    except Exception as exc:  # the check failed: never let a document through unchecked
        log.exception("layout check failed")
        return Signable(docx, pipeline.to_pdf(docx, pdfa=pdfa), [unchecked(
            f"Pemeriksaan tata letak tidak dapat dijalankan ({exc}); hubungi admin "
            "kabupaten.")])


def problem_line(problem: Any) -> str:
    """'Halaman 3: <message> (“<text>”)' — the text only where the message lacks it."""
    line = f"Halaman {problem.page}: {problem.message}" if problem.page else problem.message
    text = " ".join(str(problem.text or "").split())
    if text and text not in problem.message:
        line += f" (\u201c{text}\u201d)"
    return line


def refusal(placeholders: tuple[str, ...], problems: list[Any]) -> list[str]:
    """Why a document cannot be marked final now; empty: it can."""
    return emblem_messages(placeholders) + [problem_line(p) for p in problems if p.blocking]


def notices(placeholders: tuple[str, ...], problems: list[Any],
            domain: list[str]) -> list[Notice]:
    """The warnings above a draft's preview, blocking ones first."""
    items = [Notice(m, True) for m in emblem_messages(placeholders)]
    items += [Notice(problem_line(p), bool(p.blocking)) for p in problems]
    items += [Notice(text, isinstance(text, Blocking)) for text in domain]
    return sorted(items, key=lambda n: not n.blocking)


def domain_warnings(doc_type: DocumentType, data: Any,
                    regulation: Regulation | None = None) -> list[str]:
    """The model's reasons against a final (``Blocking``), then ``doc_type.warnings(model)``
    where the type defines it, read with the regulation snapshot the document renders with."""
    warnings = getattr(doc_type, "warnings", None)
    try:
        model = doc_type.parse(data, regulation)
    except InputError:
        return []
    found: list[str] = [Blocking(m) for m in model_blockers(model, regulation)]
    if callable(warnings):
        found += [str(w) for w in warnings(model, regulation) or []]
    return found


def model_blockers(model: Any, regulation: Regulation | None) -> list[str]:
    """``model.penghalang_final(regulation)`` where the model defines it, else none."""
    blockers = getattr(model, "penghalang_final", None)
    if not callable(blockers):
        return []
    return [str(m) for m in blockers(regulation or Regulation.bundled()) or []]


def domain_blockers(doc_type: DocumentType, data: Any,
                    regulation: Regulation | None = None) -> list[str]:
    """Why the valid ``data`` cannot be final whatever its layout (none: it may be)."""
    return model_blockers(doc_type.parse(data, regulation), regulation)
