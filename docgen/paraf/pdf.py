"""The PDF a signer signs: the final re-rendered with the filled paraf box.

``pdf_to_sign`` renders the final's input with the template version it was made final
with and the paraf box of its chain (context key ``paraf``), converts it to PDF/A-2b
with the archival metadata of ``docgen.render.pdfa``,
checks the layout as a final is checked, and stamps it with the document's EXISTING
verification ID and QR code (as ``Renderer.finalize`` does): what the signature covers,
nothing changes it afterwards.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from docgen.documents import archive, gate
from docgen.errors import Conflict
from docgen.registry import REGISTRY
from docgen.render.pdfa import archival_fields, with_metadata
from docgen.review.catalog import current_template, template_by_sha
from docgen.review.verification import stamp_verification, verification_url
from docgen.storage import Document


def filled_docx(renderer: Any, session: Session, document: Document) -> bytes:
    """The final's DOCX rendered again with its paraf box filled in."""
    from docgen.paraf.service import paraf_rows

    version = (template_by_sha(session, document.type_name, document.template_sha256)
               or current_template(session, document.type_name))
    rendered = renderer.pipeline.render_docx(
        document.type_name, renderer.input_of(document), template=version.content,
        emblems=renderer.emblems, regulation=renderer.regulation,
        extra={"paraf": paraf_rows(session, document)})
    docx: bytes = rendered.docx
    return docx


def pdf_to_sign(service_or_renderer: Any, session: Session, document: Document) -> bytes:
    """The bytes the signer signs (see the module's docstring); Conflict for a draft.

    ``service_or_renderer``: a ``DocumentService`` or its ``Renderer``. Converted, stamped
    and given its metadata as ``Renderer.finalize`` does for the archived final."""
    if not document.is_final:
        raise Conflict("Hanya dokumen final yang dapat ditandatangani.")
    renderer = getattr(service_or_renderer, "renderer", service_or_renderer)
    docx = filled_docx(renderer, session, document)
    result = gate.signable(renderer.pipeline, docx, pdfa=True)
    refused = gate.refusal((), result.problems)
    if refused:
        raise gate.FinalRefused(refused)
    verification_id = archive.verification_id_of(session, document)
    pdf = stamp_verification(result.pdf, verification_id,
                             verification_url(renderer.settings.base_url, verification_id))
    doc_type = REGISTRY.get(document.type_name)
    signed: bytes = with_metadata(
        pdf, title=doc_type.title, unit=archive.unit_label(document),
        document_id=verification_id,
        **archival_fields(doc_type.parse(renderer.input_of(document), renderer.regulation)))
    return signed
