"""Rendering documents and keeping what was rendered (issue #5), access aside.

- A draft renders with the template version approved *now*, on every preview, download,
  ZIP or API call; each output is recorded (``docgen.documents.archive``), its bytes not
  kept. A draft's DOCX carries the DRAF line, its PDF the diagonal DRAF watermark.
- Marking a document final renders it once with the approved version, converts it to
  PDF/A-2b (``Pipeline.to_signable_pdf``), refuses while a placeholder emblem or a
  blocking layout problem is printed (``docgen.documents.gate``), stamps the PDF with the
  document's verification ID and QR code, gives it its archival metadata (title, nomor,
  unit, tanggal: ``docgen.render.pdfa``) and archives the DOCX and PDF byte for byte; they are all
  that is ever served for it, so a final keeps its template version for good.
- Finals archived before migration 0002 (a DOCX file under ``data_dir/archive``) are
  served as before.
- Every render uses the given regulation snapshot and stored emblems.

Nothing here commits: the caller owns the transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from docgen.config import Settings
from docgen.convert import ConversionError
from docgen.documents import archive, gate
from docgen.documents.archive import Author
from docgen.documents.files import Files
from docgen.documents.preview_cache import MB, PreviewStore
from docgen.documents.previews import Preview, PreviewCache, render_key
from docgen.domain.regulation import Regulation
from docgen.layout.model import LayoutProblem
from docgen.paraf import service as paraf_chain
from docgen.pipeline import Pipeline, Rendered
from docgen.registry import REGISTRY
from docgen.render import TemplateRenderError
from docgen.render.draft import mark_draft
from docgen.render.figures import Emblems
from docgen.render.pdfa import archival_fields, with_metadata
from docgen.render.watermark import stamp as watermark
from docgen.review.archive import new_document_id, sha256
from docgen.review.catalog import current_template, template_by_sha
from docgen.review.verification import stamp_verification, verification_url
from docgen.signing.service import signed_pdf
from docgen.storage import Document, repo, review_repo
from docgen.storage.models import TemplateVersionRow


@dataclass(frozen=True)
class PreviewNotes:
    """What a valid draft's page shows above its preview (or why there is none)."""

    preview: Preview | None
    notices: list[gate.Notice]
    error: str | None


@dataclass
class Renderer:
    session: Session
    pipeline: Pipeline
    settings: Settings
    regulation: Regulation
    emblems: Emblems
    previews: PreviewCache

    @property
    def files(self) -> Files:
        return Files(self.session, self.settings.data_dir / "uploads")

    @property
    def preview_store(self) -> PreviewStore:
        return PreviewStore(self.settings.data_dir / "cache" / "previews",
                            self.settings.preview_cache_mb * MB)

    @property
    def archive_dir(self) -> Path:
        return self.settings.data_dir / "archive"

    def input_of(self, document: Document) -> Any:
        """The document's data as the pipeline takes it (uploaded files resolved)."""
        return self.files.resolve(document.data, document.unit_id)

    def _render(self, type_name: str, data: Any, version: TemplateVersionRow) -> Rendered:
        return self.pipeline.render_docx(type_name, data, template=version.content,
                                         emblems=self.emblems, regulation=self.regulation)

    def _render_draft(self, document: Document) -> tuple[TemplateVersionRow, Rendered]:
        version = current_template(self.session, document.type_name)
        return version, self._render(document.type_name, self.input_of(document), version)

    # -- outputs -------------------------------------------------------------------------
    def docx(self, document: Document, author: Author, purpose: str) -> bytes:
        """A final's archived DOCX, or a draft rendered now (raises InputError), recorded."""
        if document.is_final:
            return self.final_output(document, "docx")
        version, rendered = self._render_draft(document)
        docx = mark_draft(rendered.docx)  # a draft's DOCX says so on every page
        archive.record_draft(self.session, author, document, version, docx, "docx", purpose)
        return docx

    def pdf(self, document: Document, author: Author, purpose: str) -> bytes:
        """A final's archived, stamped PDF, or a draft's PDF with the DRAF watermark: the
        same bytes as its preview, served from the preview cache (keyed by template, input,
        emblems and regulation data) when the same draft was previewed or downloaded."""
        if document.is_final:
            return self.final_output(document, "pdf")
        version = current_template(self.session, document.type_name)
        pdf = self.draft_preview(document).pdf
        archive.record_draft(self.session, author, document, version, pdf, "pdf", purpose)
        return pdf

    def served_preview(self, document: Document, author: Author) -> bytes:
        """A final's archived PDF, or the draft's preview (cached since its page was
        shown, else rendered and cached now), recorded as served."""
        if document.is_final:
            return self.final_output(document, "pdf")
        version = current_template(self.session, document.type_name)
        pdf = self.draft_preview(document).pdf
        archive.record_draft(self.session, author, document, version, pdf, "pdf",
                             "pratinjau")
        return pdf

    def api(self, type_name: str, data: Any, fmt: str, author: Author, unit_id: int | None,
            unit: str) -> tuple[bytes, TemplateVersionRow]:
        """A render of raw input with the approved template, recorded under ``author``."""
        version = current_template(self.session, type_name)
        docx = self._render(type_name, data, version).docx
        output = docx if fmt == "docx" else self.pipeline.to_signable_pdf(docx).pdf
        archive.record(self.session, author, type_name=type_name, unit_id=unit_id, unit=unit,
                       data=data if isinstance(data, dict) else {"input": data},
                       version=version, output=output, fmt=fmt, purpose="api")
        return output, version

    # -- previews ------------------------------------------------------------------------
    def _key(self, document: Document, version: TemplateVersionRow) -> str:
        return render_key(version.sha256, document.type_name, self.input_of(document),
                          self.emblems, self.regulation)

    def _cached(self, key: str) -> Preview | None:
        found = self.previews.get(key)
        if found is None:
            found = self.preview_store.get(key)
            if found is not None:
                self.previews.put(found)
        return found

    def draft_preview(self, document: Document) -> Preview:
        """A draft's checked preview for its page, rendered unless cached (not recorded:
        recorded when served)."""
        version = current_template(self.session, document.type_name)
        key = self._key(document, version)
        found = self._cached(key)
        if found is not None:
            return found
        rendered = self._render(document.type_name, self.input_of(document), version)
        signable = gate.signable(self.pipeline, rendered.docx)
        return self._keep_preview(key, rendered, signable.pdf, signable.problems)

    def _keep_preview(self, key: str, rendered: Rendered, pdf: bytes,
                      problems: list[LayoutProblem]) -> Preview:
        marked = watermark(pdf)
        preview = Preview(key, marked, sha256(marked), rendered.placeholder_emblems,
                          tuple(problems))
        self.previews.put(preview)
        self.preview_store.put(preview)
        return preview

    def preview_notes(self, document: Document, preview: Preview | None = None
                      ) -> PreviewNotes:
        """A valid draft's preview (rendered now unless given), its warnings, or why none."""
        try:
            preview = preview or self.draft_preview(document)
        except (ConversionError, TemplateRenderError) as exc:
            return PreviewNotes(None, [], f"Pratinjau belum dapat dibuat: {exc}")
        domain = gate.domain_warnings(REGISTRY.get(document.type_name),
                                      self.input_of(document), self.regulation)
        return PreviewNotes(preview, gate.notices(preview.placeholders,
                                                  list(preview.problems), domain), None)

    # -- finals --------------------------------------------------------------------------
    def finalize(self, document: Document, author: Author) -> str:
        """Render, convert and stamp the document, archive both files, mark it final.

        Returns the verification ID. Raises InputError (invalid data), ConversionError
        (no PDF) or gate.FinalRefused (a placeholder emblem or a blocking layout problem);
        in every case before anything is written: the document stays a draft and nothing
        is archived.
        """
        blockers = gate.domain_blockers(REGISTRY.get(document.type_name),
                                        self.input_of(document), self.regulation)
        if blockers:  # parses first: invalid data still raises InputError
            raise gate.FinalRefused(blockers)
        version, rendered = self._render_draft(document)
        signable = gate.signable(self.pipeline, rendered.docx, pdfa=True)
        refused = gate.refusal(rendered.placeholder_emblems, signable.problems)
        if refused:
            raise gate.FinalRefused(refused, self._keep_preview(
                self._key(document, version), rendered, signable.pdf, signable.problems))
        verification_id = new_document_id()
        url = verification_url(self.settings.base_url, verification_id)
        pdf = stamp_verification(signable.pdf, verification_id, url)
        doc_type = REGISTRY.get(document.type_name)  # PDF/A-2b with its archival metadata
        pdf = with_metadata(pdf, title=doc_type.title, unit=archive.unit_label(document),
                            document_id=verification_id, **archival_fields(
                                doc_type.parse(self.input_of(document), self.regulation)))
        repo.mark_final(document, None, version.sha256)
        archive.record_final(self.session, author, document, version, signable.docx, pdf,
                             verification_id)
        paraf_chain.start(self.session, document, self.regulation)  # menunggu paraf
        return verification_id

    def final_output(self, document: Document, fmt: str) -> bytes:
        """A final's archived file; its PDF is the signed one once signed (issue 14)."""
        signed = signed_pdf(self.session, document) if fmt == "pdf" else None
        if signed is not None:
            return signed
        entry = review_repo.final_entry(self.session, document.id, fmt)
        if entry is not None and entry.content is not None:
            return entry.content
        return self._legacy_final(document, fmt)

    def _legacy_final(self, document: Document, fmt: str) -> bytes:
        """A final archived as a file before migration 0002 (PDF converted once, cached)."""
        docx_path = self.archive_dir / (document.archive_path or "-")
        if docx_path.is_file():
            docx = docx_path.read_bytes()
        else:  # no archived bytes at all: render with the version it was finalised with
            version = (template_by_sha(self.session, document.type_name,
                                       document.template_sha256)
                       or current_template(self.session, document.type_name))
            docx = self._render(document.type_name, self.input_of(document), version).docx
        if fmt == "docx":
            return docx
        cached = self.archive_dir / (Path(document.archive_path or f"{document.id}").stem
                                     + ".pdf")
        if cached.is_file():
            return cached.read_bytes()
        pdf = self.pipeline.to_pdf(docx)
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(pdf)
        return pdf
