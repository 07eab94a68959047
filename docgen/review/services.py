"""The legal review as a service: propose, approve, withdraw and read versions (issue #5).

Who may do what (the acting user is passed in as an ``Actor``):

- bagian_hukum reads everything, uploads new versions, approves (never their own upload:
  four eyes) and withdraws drafts;
- admin_kabupaten reads everything (versions, wording, diffs, previews), changes nothing;
- unit roles (admin_unit, sekretaris_kbk) are refused every review action: the review is
  about the Kabupaten's wording; a unit sees the outputs of its own documents in the
  audit list (``docgen.review.records``).

Rules: templates are checked in a child process with time and memory limits
(``check_template_isolated``), data sets with ``check_regulation_data`` against the
snapshot in use (no code a template or model reads may disappear) and then by rendering
every document type that reads them (``datarender``), at upload and again at approval,
so a version that would break a document never takes effect; approval follows
``docgen.review.versions`` (four eyes, re-check of the exact bytes, one approved version
per key) and a template must also render the type's sample to PDF with the snapshot.

Refusals raise ``docgen.errors.Forbidden`` / ``NotFound`` / ``Conflict``, and
``Rejected`` (its ``problems``) when the content fails the checks. The service adds and
flushes rows, never commits: the caller commits once (the web, per request).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from docgen.accounts.access import Actor
from docgen.config import Settings
from docgen.domain import regulation as bundled
from docgen.domain.regulation import DataSetError, Regulation
from docgen.errors import Conflict, Forbidden, NotFound
from docgen.pipeline import Pipeline
from docgen.review import catalog
from docgen.review import versions as rules
from docgen.review.catalog import MODELS, VersionRow, content_bytes, key_of, kind_of, subject
from docgen.review.datachecks import check_regulation_data, computation_changes
from docgen.review.datarender import render_problems
from docgen.review.problems import Problem
from docgen.review.workflow import (
    MAX_DATA_BYTES,
    MAX_TEMPLATE_BYTES,
    DataCheck,
    Rejected,
    actions,
    as_rule,
    is_reviewer,
    render_sample_pdf,
    require_reader,
    require_reviewer,
    rule_of,
    upload_detail,
)
from docgen.storage import review_repo
from docgen.storage.models import DataVersionRow, TemplateVersionRow, utcnow
from docgen.storage.review_repo import Row

__all__ = ["MAX_DATA_BYTES", "MAX_TEMPLATE_BYTES", "DataCheck", "Rejected", "ReviewService",
           "actions", "is_reviewer", "require_reader", "require_reviewer"]


class ReviewService:
    """The review actions of one unit of work (a web request, a test, a command)."""

    def __init__(self, session: Session, pipeline: Pipeline, settings: Settings,
                 regulation: Regulation, regulations: catalog.RegulationCache | None = None):
        self.session = session
        self.pipeline = pipeline
        self.settings = settings
        self.regulation = regulation  # the snapshot this unit of work renders and checks with
        self.regulations = regulations

    # -- reading -----------------------------------------------------------------------
    def versions(self, actor: Actor, kind: str, key: str) -> list[Any]:
        """Every version of a template type or data set, newest first."""
        require_reader(actor)
        return review_repo.versions(self.session, MODELS[kind], key)

    def version(self, actor: Actor, kind: str, key: str, number: int) -> Any:
        """Version ``number`` of ``key`` (NotFound when there is none)."""
        require_reader(actor)
        row = review_repo.get_version(self.session, MODELS[kind], key, number)
        if row is None:
            raise NotFound(f"{'templat' if kind == 'template' else 'data'} {key} versi "
                           f"{number} tidak ditemukan")
        return row

    def approved_versions(self, actor: Actor, kind: str) -> dict[str, Any]:
        """key -> the approved version, of every template type or data set."""
        require_reader(actor)
        return {key_of(r): r for r in review_repo.all_approved(self.session, MODELS[kind])}

    def draft_counts(self, actor: Actor, kind: str) -> dict[str, int]:
        require_reader(actor)
        return review_repo.count_drafts(self.session, MODELS[kind])

    def current(self, kind: str, key: str) -> Any:
        """The approved version of ``key`` (None: none yet); no actor, every render asks."""
        return review_repo.approved(self.session, MODELS[kind], key)

    def current_template(self, type_name: str) -> TemplateVersionRow:
        return catalog.current_template(self.session, type_name)

    def approved_text(self, name: str) -> str:
        return catalog.approved_text(self.session, name)

    def approved_regulation(self) -> Regulation:
        """The snapshot of the data sets approved now (the app's cache when it has one)."""
        if self.regulations is not None:
            return self.regulations.current(self.session)
        return catalog.regulation_of(self.session)

    # -- data set checks without storing -----------------------------------------------
    def check_data(self, actor: Actor, name: str, text: str) -> DataCheck:
        """What proposing ``text`` would find, and the computation numbers it changes."""
        require_reviewer(actor)
        return DataCheck(self.data_problems(name, text),
                         self.data_changes(name, self.approved_text(name), text))

    def data_problems(self, name: str, text: str) -> list[Problem]:
        """The checks of a data set text, then the types it would no longer render."""
        return (check_regulation_data(name, text, self.regulation)
                or self.data_renders(name, text))

    def data_renders(self, name: str, text: str) -> list[Problem]:
        """Every document type that reads ``name`` rendered (sample, approved template,
        DOCX) with ``text`` in place of the version in use: one problem per failure."""
        return render_problems(name, text, self.regulation,
                               lambda type_name: self.current_template(type_name).content,
                               self.settings.paper)

    def data_changes(self, name: str, old_text: str, new_text: str) -> list[str]:
        return computation_changes(name, old_text, new_text)

    def open_items(self, name: str) -> dict[str, list[dict[str, Any]]]:
        """What Bagian Hukum still has to do in a data set: texts the seed's OCR copy lost
        (printed as markers, blocking finals) and facts marked for confirmation."""
        try:
            missing = self.regulation.missing_texts()
            unconfirmed = self.regulation.unconfirmed_facts()
        except DataSetError:
            return {"lengkapi": [], "konfirmasi": []}
        return {"lengkapi": [m for m in missing if m["data_set"] == name],
                "konfirmasi": [u for u in unconfirmed if u["data_set"] == name]}

    # -- proposing ---------------------------------------------------------------------
    def propose_template(self, actor: Actor, type_name: str, data: bytes, note: str = ""
                         ) -> TemplateVersionRow:
        """Check an uploaded DOCX (in a child process) and store it as a new draft."""
        require_reviewer(actor)
        if not data:
            raise Rejected("tidak ada berkas",
                           [Problem("format", "pilih berkas templat .docx untuk diunggah")])
        if len(data) > MAX_TEMPLATE_BYTES:
            raise Rejected("berkas terlalu besar", [Problem(
                "size", f"berkas templat maksimal {MAX_TEMPLATE_BYTES >> 20} MB")])
        version = self._checked(actor, TemplateVersionRow, type_name, data, note)
        return self._store(actor, TemplateVersionRow, version, content=data)

    def propose_data(self, actor: Actor, name: str, text: str, note: str = ""
                     ) -> DataVersionRow:
        """Check a data set's YAML (schema, consistency, codes in use); store a draft."""
        require_reviewer(actor)
        data = text.encode("utf-8")
        if len(data) > MAX_DATA_BYTES:
            message = f"teks data terlalu panjang (maksimal {MAX_DATA_BYTES // 1024} KB)"
            raise Rejected(message, [Problem("review", message)])
        version = self._checked(actor, DataVersionRow, name, data, note)
        approved = self.current("data", name)
        changes = self.data_changes(
            name, approved.content if approved else bundled.bundled_text(name), text)
        return self._store(actor, DataVersionRow, version, content=text, changes=changes)

    def _checked(self, actor: Actor, model: type[Row], key: str, data: bytes, note: str
                 ) -> rules.Version:
        """The new version's number and hash once ``data`` passed the checks."""
        rule = rule_of(_kind(model), self.regulation, self.data_renders)
        rows = review_repo.versions(self.session, model, key)
        try:
            return rules.propose(rule, [as_rule(r, rule) for r in rows], key, data,
                                 actor.username, note)
        except rules.CheckFailed as exc:
            raise Rejected(str(exc).splitlines()[0], exc.problems) from None
        except rules.ReviewError as exc:
            raise Rejected(str(exc), [Problem("review", str(exc))]) from None

    def _store(self, actor: Actor, model: type[Row], version: rules.Version,
               **content: Any) -> Row:
        row = review_repo.add_version(
            self.session, model, version.type, number=version.number, sha256=version.sha256,
            author=version.author, author_id=actor.id, note=version.note, status="draft",
            created_at=utcnow(), **content)
        review_repo.add_audit(self.session, f"{_kind(model)}_upload", subject(row),
                              actor.username, actor.id, detail=upload_detail(row))
        return row

    # -- deciding ----------------------------------------------------------------------
    def approve(self, actor: Actor, kind: str, key: str, number: int) -> Any:
        """Approve a draft as the one version in use (four eyes, re-check, sample PDF)."""
        row = self._draft_to_decide(actor, kind, key, number)
        rows = review_repo.versions(self.session, MODELS[kind], key)
        rule = rule_of(kind, self.regulation, self.data_renders)
        try:
            approval = rules.approve([as_rule(r, rule) for r in rows], as_rule(row, rule),
                                     actor.username, content_bytes(row))
            if kind == "template":
                render_sample_pdf(self.pipeline, key, row.content, self.regulation)
        except rules.FourEyesError as exc:
            raise Forbidden(str(exc)) from None
        except rules.CheckFailed as exc:
            raise Rejected(str(exc).splitlines()[0], exc.problems) from None
        except rules.ReviewError as exc:
            raise Conflict(str(exc)) from None
        self._store_approval(actor, row, rows, approval)
        return row

    def _store_approval(self, actor: Actor, row: VersionRow, rows: list[Any],
                        approval: rules.Approval) -> None:
        by_number = {r.number: r for r in rows}
        for retired in approval.retired:
            by_number[retired.number].status = "retired"
            by_number[retired.number].retired_at = utcnow()
        row.status, row.approved_by, row.approved_by_id = "approved", actor.username, actor.id
        row.approved_at = utcnow()
        self.session.flush()
        previous = ", ".join(f"versi {r.number}" for r in approval.retired) or "-"
        review_repo.add_audit(self.session, f"{kind_of(row)}_approve", subject(row),
                              actor.username, actor.id,
                              detail=f"sha256 {row.sha256}; menggantikan {previous}")

    def withdraw(self, actor: Actor, kind: str, key: str, number: int) -> Any:
        """Withdraw a draft (status retired); the approved version stays in use."""
        row = self._draft_to_decide(actor, kind, key, number)
        try:
            withdrawn = rules.retire(as_rule(row, rule_of(kind, self.regulation)))
        except rules.ReviewError as exc:
            raise Conflict(str(exc)) from None
        row.status, row.retired_at = withdrawn.status, utcnow()
        self.session.flush()
        review_repo.add_audit(self.session, f"{kind}_withdraw", subject(row),
                              actor.username, actor.id, detail=f"sha256 {row.sha256}")
        return row

    def _draft_to_decide(self, actor: Actor, kind: str, key: str, number: int) -> Any:
        row = self.version(actor, kind, key, number)
        require_reviewer(actor)
        return row

    # -- the sample ----------------------------------------------------------------------
    def sample_pdf(self, actor: Actor, row: TemplateVersionRow) -> bytes:
        """The type's sample rendered with a template version and this unit's snapshot."""
        require_reader(actor)
        try:
            return render_sample_pdf(self.pipeline, row.type_name, row.content,
                                     self.regulation)
        except rules.ReviewError as exc:
            raise Conflict(str(exc)) from None


def _kind(model: type[VersionRow]) -> str:
    return "template" if model is TemplateVersionRow else "data"
