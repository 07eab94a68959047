"""Every output the app generates, with the template version that produced it (issue #5).

Rules:

- A draft renders with the template version approved *now*, on every preview, download,
  ZIP or API call; each output is recorded (type, unit, author, time, input, template
  version number + SHA-256, output SHA-256) but its bytes are not kept.
- Marking a document final renders it once with the approved version, converts it to PDF
  and stamps the PDF with the document's verification ID and QR code; that DOCX and PDF
  are stored byte for byte in the archive and are all that is ever served for it. A final
  document therefore keeps its template version for good (later approvals do not touch it).
- Finals archived before migration 0002 (a DOCX file under ``data_dir/archive``) are
  served as before.
- Every render uses the request's regulation snapshot (the approved data sets,
  ``context.regulation()``) and the emblems stored in the database
  (``docgen.web.emblems``); marking
  final is refused while a placeholder emblem or a blocking layout problem is printed
  (``docgen.web.gate``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from flask_login import current_user

from docgen.convert import ConversionError
from docgen.domain.formatting import tanggal_panjang
from docgen.pipeline import Rendered
from docgen.registry import REGISTRY
from docgen.render import TemplateRenderError
from docgen.render.draft import mark_draft
from docgen.review.archive import canonical_json, new_document_id, sha256
from docgen.review.verification import stamp_verification, verification_url
from docgen.storage import Document, repo, review_repo
from docgen.storage.models import ArchiveEntry, TemplateVersionRow
from docgen.web import gate, versioning, watermark
from docgen.web.context import db, regulation, render_input, state
from docgen.web.emblems import stored_emblems
from docgen.web.previews import Preview, stamp_of

KABUPATEN = "Pemerintah Kabupaten Purbalingga"
PURPOSES = {"pratinjau": "pratinjau", "unduh": "unduhan", "zip": "ZIP", "api": "API",
            "final": "arsip final"}


def _actor() -> tuple[int | None, str]:
    if current_user and current_user.is_authenticated:
        return current_user.id, current_user.username
    return None, review_repo.SYSTEM


def unit_label(document: Document) -> str:
    return document.unit.nama if document.unit else KABUPATEN


# -- recording -------------------------------------------------------------------------
def record(*, type_name: str, unit_id: int | None, unit: str, data: Any,
           version: TemplateVersionRow, output: bytes, fmt: str, purpose: str,
           document: Document | None = None, status: str = "draft",
           verification_id: str | None = None, keep: bool = False,
           actor: tuple[int | None, str] | None = None, audit: bool = True) -> ArchiveEntry:
    author_id, author = actor or _actor()
    entry = review_repo.add_archive_entry(
        db(), document_id=document.id if document else None,
        document_version=document.version if document else None,
        verification_id=verification_id, status=status, purpose=purpose, format=fmt,
        type_name=type_name, unit_id=unit_id, unit=unit, author_id=author_id, author=author,
        input_data=data, input_sha256=sha256(canonical_json(data).encode("utf-8")),
        template_version_id=version.id, template_number=version.number,
        template_sha256=version.sha256, output_sha256=sha256(output),
        content=output if keep else None)
    if audit:
        what = f"{type_name} #{document.id} v{document.version}" if document else type_name
        action = "final" if status == "final" else "render"
        detail = (f"{PURPOSES.get(purpose, purpose)} {fmt.upper()}; templat versi "
                  f"{version.number} (sha256 {version.sha256}); keluaran sha256 "
                  f"{entry.output_sha256}")
        if verification_id:
            detail += f"; ID verifikasi {verification_id}"
        review_repo.add_audit(db(), action, what, author, author_id, unit_id=unit_id,
                              document_id=document.id if document else None,
                              archive_entry_id=entry.id, detail=detail)
    return entry


def _record_draft(document: Document, version: TemplateVersionRow, output: bytes, fmt: str,
                  purpose: str) -> None:
    record(type_name=document.type_name, unit_id=document.unit_id,
           unit=unit_label(document), data=document.data, version=version, output=output,
           fmt=fmt, purpose=purpose, document=document)
    db().commit()


# -- documents -------------------------------------------------------------------------
def _render_draft(document: Document) -> tuple[TemplateVersionRow, Rendered]:
    version = versioning.current_template(db(), document.type_name)
    rendered = state().pipeline.render_docx(document.type_name, render_input(document),
                                            template=version.content, emblems=stored_emblems(),
                                            regulation=regulation())
    return version, rendered


def render_docx(document: Document, purpose: str = "unduh") -> bytes:
    """A final's archived DOCX, or a draft rendered now (raises InputError) and recorded."""
    if document.is_final:
        return final_output(document, "docx")
    version, rendered = _render_draft(document)
    docx = mark_draft(rendered.docx)  # a draft's DOCX says so on every page
    _record_draft(document, version, docx, "docx", purpose)
    return docx


def render_pdf(document: Document, purpose: str = "pratinjau") -> bytes:
    """A final's archived, stamped PDF, or a draft's PDF with the DRAF watermark."""
    if document.is_final:
        return final_output(document, "pdf")
    version, rendered = _render_draft(document)
    pdf = watermark.stamp(state().pipeline.to_signable_pdf(rendered.docx).pdf)
    _record_draft(document, version, pdf, "pdf", purpose)
    return pdf


def draft_preview(document: Document) -> Preview:
    """Render and check a draft for its page (not recorded: recorded when served)."""
    _version, rendered = _render_draft(document)
    signable = gate.signable(state().pipeline, rendered.docx)
    return _keep_preview(document, rendered, signable.pdf, signable.problems)


def _keep_preview(document: Document, rendered: Rendered, pdf: bytes, problems: list
                  ) -> Preview:
    marked = watermark.stamp(pdf)
    preview = Preview(document.id, stamp_of(document), marked, sha256(marked),
                      rendered.placeholder_emblems, tuple(problems))
    state().previews.put(preview)
    return preview


def cached_preview(document: Document, digest: str) -> bytes | None:
    """The preview PDF the document's page rendered (recorded as served), if still fresh."""
    found = None if document.is_final else state().previews.get(digest, document)
    if found is None:
        return None
    version = versioning.current_template(db(), document.type_name)
    _record_draft(document, version, found.pdf, "pdf", "pratinjau")
    return found.pdf


def final_output(document: Document, fmt: str) -> bytes:
    entry = review_repo.final_entry(db(), document.id, fmt)
    if entry is not None and entry.content is not None:
        return entry.content
    return _legacy_final(document, fmt)


def _legacy_final(document: Document, fmt: str) -> bytes:
    """A final archived as a file before migration 0002 (PDF converted once, cached)."""
    docx_path = state().archive_dir / (document.archive_path or "-")
    if docx_path.is_file():
        docx = docx_path.read_bytes()
    else:  # no archived bytes at all: render with the version it was finalised with
        version = (versioning.template_by_sha(db(), document.type_name,
                                              document.template_sha256)
                   or versioning.current_template(db(), document.type_name))
        docx = state().pipeline.render_docx(document.type_name, render_input(document),
                                            template=version.content,
                                            emblems=stored_emblems(),
                                            regulation=regulation()).docx
    if fmt == "docx":
        return docx
    cached = state().archive_dir / (Path(document.archive_path or f"{document.id}").stem
                                    + ".pdf")
    if cached.is_file():
        return cached.read_bytes()
    pdf = state().pipeline.to_pdf(docx)
    cached.parent.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(pdf)
    return pdf


def finalize(document: Document) -> str:
    """Render, convert and stamp the document, archive both files, mark it final.

    Returns the verification ID. Raises InputError (invalid data), ConversionError (no
    PDF) or gate.FinalRefused (a placeholder emblem or a blocking layout problem); in every
    case the document stays a draft and nothing is archived. The caller commits.
    """
    REGISTRY.get(document.type_name).parse(render_input(document), regulation())
    version, rendered = _render_draft(document)
    signable = gate.signable(state().pipeline, rendered.docx)
    docx, pdf, problems = signable.docx, signable.pdf, signable.problems
    refused = gate.refusal(rendered.placeholder_emblems, problems)
    if refused:
        raise gate.FinalRefused(refused, _keep_preview(document, rendered, pdf, problems))
    verification_id = new_document_id()
    url = verification_url(state().settings.base_url, verification_id)
    pdf = stamp_verification(pdf, verification_id, url)
    repo.mark_final(document, None, version.sha256)
    common = dict(type_name=document.type_name, unit_id=document.unit_id,
                  unit=unit_label(document), data=document.data, version=version,
                  purpose="final", document=document, status="final",
                  verification_id=verification_id, keep=True)
    record(output=docx, fmt="docx", audit=False, **common)
    record(output=pdf, fmt="pdf", **common)
    return verification_id


def render_api(user: Any, type_name: str, data: Any, fmt: str
               ) -> tuple[bytes, TemplateVersionRow]:
    """An API render with the approved template, recorded under the token's user."""
    version = versioning.current_template(db(), type_name)
    pipeline = state().pipeline
    docx = pipeline.render_docx(type_name, data, template=version.content,
                                emblems=stored_emblems(), regulation=regulation()).docx
    output = docx if fmt == "docx" else pipeline.to_signable_pdf(docx).pdf
    unit = user.unit.nama if user.unit else KABUPATEN
    record(type_name=type_name, unit_id=user.unit_id, unit=unit,
           data=data if isinstance(data, dict) else {"input": data}, version=version,
           output=output, fmt=fmt, purpose="api", actor=(user.id, user.username))
    db().commit()
    return output, version


# -- what pages show -------------------------------------------------------------------
def preview_notes(document: Document, preview: Preview | None = None
                  ) -> tuple[Preview | None, list[gate.Notice], str | None]:
    """A valid draft's preview (rendered now unless given), its warnings, or why none."""
    try:
        preview = preview or draft_preview(document)
    except (ConversionError, TemplateRenderError) as exc:
        return None, [], f"Pratinjau belum dapat dibuat: {exc}"
    domain = gate.domain_warnings(REGISTRY.get(document.type_name), render_input(document),
                                  regulation())
    return preview, gate.notices(preview.placeholders, list(preview.problems), domain), None


def template_of(document: Document) -> TemplateVersionRow | None:
    """The template version a document renders with: pinned when final, else current."""
    if document.is_final:
        entry = review_repo.final_entry(db(), document.id, "pdf")
        if entry is not None:
            return db().get(TemplateVersionRow, entry.template_version_id)
        return versioning.template_by_sha(db(), document.type_name, document.template_sha256)
    return review_repo.approved(db(), TemplateVersionRow, document.type_name)


def public_facts(entry: ArchiveEntry) -> dict[str, str]:
    """What the verification page may show: only what is printed on the document."""
    data = entry.input_data or {}
    nomor = data.get("nomor") if isinstance(data.get("nomor"), str) else None
    try:
        tanggal = tanggal_panjang(dt.date.fromisoformat(str(data.get("tanggal"))))
    except ValueError:
        tanggal = tanggal_panjang(entry.created_at.date())
    doc_type = REGISTRY.get(entry.type_name) if entry.type_name in REGISTRY else None
    return {"jenis": doc_type.title if doc_type else entry.type_name, "unit": entry.unit,
            "nomor": nomor or "\u2014", "tanggal": tanggal, "sha256": entry.output_sha256}
