"""Template and regulation data versions in the app (issue #5).

- The bundled files are version 1 of every template and data set (approved, author
  "sistem"); they are registered when the app starts. A bundled file that changes in a
  later docgen release is registered as a draft by "sistem" and must be approved.
- Bagian Hukum uploads a new version: templates are checked in a child process with time
  and memory limits (``check_template_isolated``), data sets with
  ``check_regulation_data``; a failing or duplicate upload stores nothing.
- Approval follows ``docgen.review.versions`` (four eyes, re-check of the exact bytes,
  one approved version per key); a template must also render the type's sample to PDF.
- The approved data sets are a ``Regulation`` snapshot (``RegulationCache.current``: one
  immutable value per approved-versions stamp, so every worker follows an approval); each
  request pins the snapshot it renders with (``context.regulation()``) and passes it on.
  A new data version is checked against the snapshot in use (no code a template or model
  reads may disappear). The isolated template check runs in a fresh process and so renders
  the sample with the bundled data sets; the PDF rendered at approval uses the approved ones.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from typing import Any

import yaml
from sqlalchemy.orm import Session

from docgen.convert import ConversionError
from docgen.domain import data_schemas, regulation
from docgen.domain.regulation import Regulation
from docgen.pipeline import Pipeline
from docgen.registry import REGISTRY
from docgen.review import versions as rules
from docgen.review.archive import sha256
from docgen.review.datachecks import computation_changes
from docgen.review.isolation import check_template_isolated
from docgen.review.problems import Problem
from docgen.storage import Database, review_repo
from docgen.storage.models import DataVersionRow, TemplateVersionRow, utcnow

MAX_DATA_BYTES = 512 * 1024
ReviewError = rules.ReviewError
FourEyesError = rules.FourEyesError
CheckFailed = rules.CheckFailed


class IsolatedTemplateVersion(rules.TemplateVersion):
    """A template version whose checks run in a child process (safe for uploads)."""

    def check(self, data: bytes) -> list[Problem]:
        return list(check_template_isolated(self.type, data).problems)


MODELS: dict[str, type[Any]] = {"template": TemplateVersionRow, "data": DataVersionRow}
RULES: dict[str, type[rules.Version]] = {"template": IsolatedTemplateVersion,
                                         "data": rules.DataVersion}


def key_of(row: TemplateVersionRow | DataVersionRow) -> str:
    return row.type_name if isinstance(row, TemplateVersionRow) else row.name


def kind_of(row: TemplateVersionRow | DataVersionRow) -> str:
    return "template" if isinstance(row, TemplateVersionRow) else "data"


def content_bytes(row: TemplateVersionRow | DataVersionRow) -> bytes:
    return row.content if isinstance(row.content, bytes) else row.content.encode("utf-8")


def as_rule(row: TemplateVersionRow | DataVersionRow,
            rule: type[rules.Version] | None = None) -> rules.Version:
    return (rule or RULES[kind_of(row)])(
        key_of(row), row.number, row.sha256, row.author, row.created_at, row.note or "",
        row.status, row.approved_by, row.approved_at, row.retired_at)


def _rule(session: Session, kind: str) -> type[rules.Version]:
    """The rules of ``kind``; a data version is checked against the snapshot in use."""
    if kind != "data":
        return RULES[kind]
    in_use = regulation_of(session)

    class DataVersionInUse(rules.DataVersion):
        @classmethod
        def current_regulation(cls) -> Regulation:
            return in_use

    return DataVersionInUse


# -- start-up --------------------------------------------------------------------------
def register_bundled(database: Database) -> None:
    """Version 1 of every template and data set from the bundled files."""
    templates = {}
    for doc_type in REGISTRY:
        data = doc_type.template.read_bytes()
        templates[doc_type.name] = (data, sha256(data))
    data_sets = {}
    for name in regulation.names():
        text = regulation.bundled_text(name)
        data_sets[name] = (text, sha256(text.encode("utf-8")))
    with database.sessions() as session:
        review_repo.register_bundled(session, TemplateVersionRow, templates)
        review_repo.register_bundled(session, DataVersionRow, data_sets)


def current_template(session: Session, type_name: str) -> TemplateVersionRow:
    """The approved template version of a type: what every new output uses."""
    row = review_repo.approved(session, TemplateVersionRow, type_name)
    if row is None:
        raise ReviewError(f"jenis {type_name} tidak punya versi templat yang disetujui")
    return row


def template_by_sha(session: Session, type_name: str, digest: str | None
                    ) -> TemplateVersionRow | None:
    return next((v for v in review_repo.versions(session, TemplateVersionRow, type_name)
                 if v.sha256 == digest), None)


# -- the approved data sets are the regulation snapshot --------------------------------
def regulation_of(session: Session) -> Regulation:
    """The snapshot of the approved data set versions (read now, not cached)."""
    texts = {row.name: row.content for row in review_repo.all_approved(session, DataVersionRow)
             if row.name in regulation.names() and _readable(row.name, row.content)}
    return Regulation.from_texts(texts)


class RegulationCache:
    """The snapshot of each approved-versions stamp ((name, sha256) pairs), a few kept.

    The stamp is one cheap query per call; the texts are read and a ``Regulation`` built
    only when it changed. Values are immutable, so threads share them freely."""

    def __init__(self, size: int = 4):
        self.size = size
        self._items: OrderedDict[tuple, Regulation] = OrderedDict()
        self._lock = threading.Lock()

    def current(self, session: Session) -> Regulation:
        stamp = review_repo.approved_stamp(session, DataVersionRow)
        with self._lock:
            found = self._items.get(stamp)
        if found is not None:
            return found
        built = regulation_of(session)
        with self._lock:
            self._items[stamp] = built
            self._items.move_to_end(stamp)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return built


def _readable(name: str, text: str) -> bool:
    """An approved version this release's schema refuses (approved under an older
    release, e.g. with the comma-cut scored-card texts) is not used: the bundled file
    stands in, and the bundled file's new version waits for approval in /tinjauan."""
    try:
        problems = data_schemas.problems(name, yaml.safe_load(text))
    except yaml.YAMLError as exc:
        problems = [str(exc)]
    if problems:
        logging.getLogger(__name__).warning(
            "data set %s: approved version does not match this release's schema (%s); "
            "using the bundled file", name, "; ".join(problems[:3]))
    return not problems


# -- proposing and approving -----------------------------------------------------------
def validate_key(kind: str, key: str) -> None:
    RULES[kind].validate_type(key)


def propose(session: Session, kind: str, key: str, data: bytes, user: Any, note: str
            ) -> TemplateVersionRow | DataVersionRow:
    """Check ``data`` and store it as a new draft (raises CheckFailed/ReviewError)."""
    model = MODELS[kind]
    if kind == "data" and len(data) > MAX_DATA_BYTES:
        raise ReviewError(f"teks data terlalu panjang (maksimal {MAX_DATA_BYTES // 1024} KB)")
    rows = review_repo.versions(session, model, key)
    rule = _rule(session, kind)
    version = rules.propose(rule, [as_rule(r, rule) for r in rows], key, data,
                            user.username, note)
    fields: dict[str, Any] = dict(number=version.number, sha256=version.sha256,
                                  author=version.author, author_id=user.id,
                                  note=version.note, status="draft", created_at=utcnow())
    if kind == "data":
        text = data.decode("utf-8")
        approved = review_repo.approved(session, model, key)
        fields.update(content=text, changes=computation_changes(
            key, approved.content if approved else regulation.bundled_text(key), text))
    else:
        fields.update(content=data)
    row = review_repo.add_version(session, model, key, **fields)
    review_repo.add_audit(session, f"{kind}_upload", subject(row), user.username, user.id,
                          detail=_upload_detail(row))
    return row


def approve(session: Session, row: TemplateVersionRow | DataVersionRow, user: Any,
            pipeline: Pipeline | None = None) -> None:
    """Approve ``row`` as the one version in use (four eyes, checks, sample renders)."""
    kind, key = kind_of(row), key_of(row)
    rows = review_repo.versions(session, MODELS[kind], key)
    rule = _rule(session, kind)
    approval = rules.approve([as_rule(r, rule) for r in rows], as_rule(row, rule),
                             user.username, content_bytes(row))
    if kind == "template" and pipeline is not None:
        render_sample_pdf(pipeline, key, row.content, regulation_of(session))
    by_number = {r.number: r for r in rows}
    for retired in approval.retired:
        by_number[retired.number].status = "retired"
        by_number[retired.number].retired_at = utcnow()
    row.status, row.approved_by, row.approved_by_id = "approved", user.username, user.id
    row.approved_at = utcnow()
    previous = ", ".join(f"versi {r.number}" for r in approval.retired) or "-"
    review_repo.add_audit(session, f"{kind}_approve", subject(row), user.username, user.id,
                          detail=f"sha256 {row.sha256}; menggantikan {previous}")


def withdraw(session: Session, row: TemplateVersionRow | DataVersionRow, user: Any) -> None:
    """Withdraw a draft (status retired); the approved version stays in use."""
    withdrawn = rules.retire(as_rule(row))
    row.status, row.retired_at = withdrawn.status, utcnow()
    review_repo.add_audit(session, f"{kind_of(row)}_withdraw", subject(row), user.username,
                          user.id, detail=f"sha256 {row.sha256}")


def render_sample_pdf(pipeline: Pipeline, type_name: str, template: bytes,
                      regulation: Regulation) -> bytes:
    """The type's sample rendered with ``template`` and the snapshot ``regulation``."""
    doc_type = REGISTRY.get(type_name)
    try:
        docx = pipeline.render_docx(type_name, doc_type.load_sample(), template=template,
                                    regulation=regulation).docx
        return pipeline.to_pdf(docx)
    except ConversionError as exc:
        raise ReviewError(f"data contoh {type_name} tidak dapat dijadikan PDF dengan templat "
                          f"ini: {exc}") from None
    except Exception as exc:  # the checks passed, so this is unexpected: refuse, say why
        raise ReviewError(f"data contoh {type_name} tidak dapat dirender dengan templat ini: "
                          f"{exc}") from None


def subject(row: TemplateVersionRow | DataVersionRow) -> str:
    label = "templat" if kind_of(row) == "template" else "data peraturan"
    return f"{label} {key_of(row)} versi {row.number}"


def _upload_detail(row: TemplateVersionRow | DataVersionRow) -> str:
    detail = f"sha256 {row.sha256}"
    if row.note:
        detail += f"; catatan: {row.note}"
    if kind_of(row) == "data" and row.changes:
        detail += "; angka perhitungan berubah: " + "; ".join(row.changes)
    return detail
