"""Before a data set version takes effect: every document type that reads it still renders.

A version can pass its schema and its consistency checks and still break a document
(a ``tugas`` list read with ``butir`` written as ``per_kedudukan``, a ``kriteria`` list
of another length than the model's fields ...). ``render_problems`` renders the sample of
every document type with the snapshot in use where data set ``name`` is the proposed
text, through the type's approved template, to DOCX (figures as placeholders); a type
that reads ``name`` (seen while it renders) and fails is one problem naming the type.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from docgen.domain.errors import InputError
from docgen.domain.regulation import Regulation
from docgen.registry import REGISTRY, DocumentType
from docgen.render.engine import compile_template
from docgen.review import contexts
from docgen.review.problems import Problem


@dataclass(frozen=True, eq=False)
class _Tracing(Regulation):
    """A snapshot that notes which data sets are read from it."""

    used: set[str] = field(default_factory=set, init=False, repr=False)

    def load(self, name: str) -> Any:
        self.used.add(name)
        return super().load(name)

    def source(self, name: str) -> str:
        self.used.add(name)
        return super().source(name)


def render_problems(name: str, text: str, current: Regulation,
                    template_of: Callable[[str], bytes], paper: str = "F4"
                    ) -> list[Problem]:
    """One problem per document type that reads data set ``name`` and cannot render its
    sample once ``name`` is ``text`` (``template_of(type)``: the approved template)."""
    texts = MappingProxyType({**current.texts, name: text})
    problems = []
    for doc_type in REGISTRY:
        snapshot = _Tracing(texts)
        failure = _render_failure(doc_type, snapshot, template_of, paper)
        if failure is not None and name in snapshot.used:
            problems.append(Problem("data", f"dengan versi {name}.yaml ini, dokumen jenis "
                                            f"{doc_type.name} ({doc_type.title}) tidak dapat "
                                            f"dibuat: {failure}"))
    return problems


def _render_failure(doc_type: DocumentType, snapshot: Regulation,
                    template_of: Callable[[str], bytes], paper: str) -> str | None:
    """Why the sample of ``doc_type`` does not render with ``snapshot`` (None: it does)."""
    try:
        context = contexts.context(doc_type, doc_type.load_sample(), snapshot)
        compile_template(template_of(doc_type.name)).render(context, paper,
                                                            snapshot.emphasis())
    except InputError as exc:
        return "data contoh tidak lagi valid (" + "; ".join(
            f"{error.field}: {error.message}" for error in exc.errors) + ")"
    except Exception as exc:  # whatever breaks a render breaks it for the users too
        message = str(exc)
        return (f"{type(exc).__name__}: {message}" if isinstance(exc, LookupError)
                or not message else message)
    return None
