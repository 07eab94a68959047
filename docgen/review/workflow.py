"""What the review service decides with: roles, refusals, the rules of each kind of version.

- ``require_reader`` / ``require_reviewer`` (``Forbidden``), ``is_reviewer``, ``actions``
  (which buttons a user gets on a version);
- ``Rejected``: content that fails the checks, with each ``Problem``;
- ``rule_of(kind, regulation, renders)``: the ``docgen.review.versions`` rules of a template
  (checked in a child process) or a data set (checked against the snapshot in use, then
  ``renders(name, text)``: the document types that read it must still render);
- ``render_sample_pdf``: the type's sample rendered with a template version.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from docgen.accounts.access import Actor, Role
from docgen.convert import ConversionError
from docgen.domain.regulation import Regulation
from docgen.errors import Forbidden, ServiceError
from docgen.pipeline import Pipeline
from docgen.registry import REGISTRY
from docgen.review import versions as rules
from docgen.review.catalog import VersionRow, key_of, kind_of
from docgen.review.isolation import check_template_isolated
from docgen.review.problems import Problem

MAX_TEMPLATE_BYTES = 8 * 1024 * 1024
MAX_DATA_BYTES = 512 * 1024
REVIEWERS = (Role.BAGIAN_HUKUM,)
READERS = (Role.BAGIAN_HUKUM, Role.ADMIN_KABUPATEN)
READERS_ONLY = "Halaman tinjauan hanya untuk Bagian Hukum dan Admin Kabupaten."
REVIEWERS_ONLY = "Hanya Bagian Hukum yang dapat mengunggah, menyetujui atau menarik versi."


class Rejected(ServiceError):
    """The content failed the checks; nothing was stored. ``problems`` says why."""

    status = 422

    def __init__(self, message: str, problems: Iterable[Problem]):
        super().__init__(message)
        self.problems = list(problems)


@dataclass(frozen=True)
class DataCheck:
    """A data set text checked without storing it."""

    problems: list[Problem] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # computation numbers that change


# -- who may do what -------------------------------------------------------------------
def require_reader(actor: Actor) -> None:
    if actor.role not in READERS:
        raise Forbidden(READERS_ONLY)


def require_reviewer(actor: Actor) -> None:
    if actor.role not in REVIEWERS:
        raise Forbidden(REVIEWERS_ONLY)


def is_reviewer(actor: Actor) -> bool:
    return actor.role in REVIEWERS


def own_upload(actor: Actor, row: VersionRow) -> bool:
    return row.author.strip().casefold() == actor.username.strip().casefold()


def actions(actor: Actor, row: VersionRow) -> dict[str, bool]:
    """What ``actor`` may do with a version (the pages show the buttons)."""
    draft = row.status == "draft" and is_reviewer(actor)
    return {"approve": draft and not own_upload(actor, row),
            "own": draft and own_upload(actor, row), "withdraw": draft}


# -- the rules of each kind ------------------------------------------------------------
class IsolatedTemplateVersion(rules.TemplateVersion):
    """A template version whose checks run in a child process (safe for uploads)."""

    def check(self, data: bytes) -> list[Problem]:
        return list(check_template_isolated(self.type, data).problems)


DataRenders = Callable[[str, str], list[Problem]]


def rule_of(kind: str, regulation: Regulation, renders: DataRenders | None = None
            ) -> type[rules.Version]:
    """The rules of ``kind``; a data version is checked against the snapshot in use, and
    once its own checks pass, ``renders(name, text)`` names the types it would break."""
    if kind == "template":
        return IsolatedTemplateVersion

    class DataVersionInUse(rules.DataVersion):
        @classmethod
        def current_regulation(cls) -> Regulation:
            return regulation

        def check(self, data: bytes) -> list[Problem]:
            problems = super().check(data)
            if problems or renders is None:
                return problems
            return renders(self.type, data.decode("utf-8"))

    return DataVersionInUse


def as_rule(row: VersionRow, rule: type[rules.Version]) -> rules.Version:
    return rule(key_of(row), row.number, row.sha256, row.author, row.created_at,
                row.note or "", row.status, row.approved_by, row.approved_at, row.retired_at)


def upload_detail(row: Any) -> str:
    """The audit detail of an upload: hash, note, computation numbers that change."""
    detail = f"sha256 {row.sha256}"
    if row.note:
        detail += f"; catatan: {row.note}"
    if kind_of(row) == "data" and row.changes:
        detail += "; angka perhitungan berubah: " + "; ".join(row.changes)
    return detail


# -- the sample ------------------------------------------------------------------------
def render_sample_pdf(pipeline: Pipeline, type_name: str, template: bytes,
                      regulation: Regulation) -> bytes:
    """The type's sample rendered with ``template`` and the snapshot ``regulation``
    (``ReviewError`` when it cannot be: such a version cannot be approved)."""
    doc_type = REGISTRY.get(type_name)
    try:
        docx = pipeline.render_docx(type_name, doc_type.load_sample(), template=template,
                                    regulation=regulation).docx
        return pipeline.to_pdf(docx)
    except ConversionError as exc:
        raise rules.ReviewError(f"data contoh {type_name} tidak dapat dijadikan PDF dengan "
                                f"templat ini: {exc}") from None
    except Exception as exc:  # the checks passed, so this is unexpected: refuse, say why
        raise rules.ReviewError(f"data contoh {type_name} tidak dapat dirender dengan "
                                f"templat ini: {exc}") from None
