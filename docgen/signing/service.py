"""Signing a document (web button, API) and serving its signed PDF.

``sign_document``: only the designated signer (``docgen.paraf.service.signer_of``) while
the document awaits its signature; the key is unlocked with the signer's passphrase (a
wrong one signs nothing); the bytes signed are ``paraf.pdf_to_sign`` (the final with its
paraf box, PDF/A, stamped with its existing verification ID); the signature step is
recorded (``paraf.mark_signed``), then the signed PDF archived byte for byte as an
``ArchiveEntry`` with status "signed" and a ``Signature`` row, with an audit event. The
session is flushed, never committed (the caller's transaction)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from docgen.accounts.access import Actor, require_read
from docgen.config import Settings
from docgen.documents import archive
from docgen.errors import Conflict, Forbidden
from docgen.paraf import service as paraf
from docgen.review.verification import verification_url
from docgen.signing import keystore, pades, trust
from docgen.signing.appearance import Appearance
from docgen.signing.keystore import SigningError
from docgen.signing.model import Signature
from docgen.signing.net import UrllibTimeStamper
from docgen.storage import Document, User, repo, review_repo
from docgen.storage.models import ArchiveEntry, TemplateVersionRow, utcnow

SIGNED = "signed"  # ArchiveEntry.status of a signed PDF
PURPOSE = "tanda tangan"
NOT_SIGNER = "Anda bukan penandatangan yang ditunjuk untuk dokumen ini."


@dataclass
class Outcome:
    entry: ArchiveEntry
    signature: Signature
    signed: pades.Signed


def _document(session: Session, actor: Actor, document_id: int) -> Document:
    document = require_read(actor, repo.get_document(session, document_id))
    if paraf.status_of(session, document) == "ditandatangani":
        raise Conflict("Dokumen ini sudah ditandatangani.")
    signer = paraf.signer_of(session, document)
    if signer is None:
        if not document.is_final:
            raise Conflict("Hanya dokumen final yang dapat ditandatangani.")
        raise Conflict("Dokumen ini tidak sedang menunggu tanda tangan (paraf belum "
                       "selesai, atau jenis dokumen ini ditandatangani di atas kertas).")
    if signer.id != actor.id:
        raise Forbidden(NOT_SIGNER)
    return document


def _final(session: Session, document: Document) -> ArchiveEntry:
    entry = review_repo.final_entry(session, document.id, "pdf")
    if entry is None or entry.verification_id is None or entry.content is None:
        raise Conflict("Arsip final dokumen ini tidak ditemukan.")
    return entry


def sign_document(session: Session, actor: Actor, document_id: int, passphrase: str,
                  settings: Settings, *, renderer: Any, now: dt.datetime | None = None,
                  timestamper: Any = None) -> Outcome:
    """Sign ``document_id`` as ``actor`` (see the module's docstring).

    ``renderer``: the ``DocumentService`` or its ``Renderer`` (for ``pdf_to_sign``);
    ``now``: the signing time (naive UTC; default the clock); ``timestamper``: a pyHanko
    time-stamper (default: DOCGEN_TSA_URL's, if set)."""
    document = _document(session, actor, document_id)
    user = session.get(User, actor.id)
    assert user is not None
    now = now or utcnow()
    signer, certificate = keystore.unlock(session, user, passphrase)
    if not certificate.not_before <= now <= certificate.not_after:
        raise SigningError(f"Sertifikat Anda tidak berlaku saat ini (berlaku "
                           f"{certificate.not_before:%d-%m-%Y} s.d. "
                           f"{certificate.not_after:%d-%m-%Y}); daftarkan sertifikat baru.")
    final = _final(session, document)
    pdf = paraf.pdf_to_sign(renderer, session, document)
    url = verification_url(settings.base_url, final.verification_id or "")
    if timestamper is None and settings.tsa_url:
        timestamper = UrllibTimeStamper(settings.tsa_url)
    signed = pades.sign_pdf(pdf, signer, Appearance(certificate.nama, certificate.nip, url),
                            when=now, trust_roots=trust.roots(session, settings),
                            timestamper=timestamper)
    paraf.mark_signed(session, actor, document)
    return _archive(session, actor, document, final, certificate, signed)


def _archive(session: Session, actor: Actor, document: Document, final: ArchiveEntry,
             certificate: Any, signed: pades.Signed) -> Outcome:
    version = session.get(TemplateVersionRow, final.template_version_id)
    assert version is not None
    entry = archive.record(
        session, archive.Author.of(actor), type_name=document.type_name,
        unit_id=document.unit_id, unit=archive.unit_label(document), data=document.data,
        version=version, output=signed.pdf, fmt="pdf", purpose=PURPOSE, document=document,
        status=SIGNED, keep=True, audit=False)
    signature = Signature(
        document_id=document.id, verification_id=final.verification_id,
        archive_entry_id=entry.id, certificate_id=certificate.id, signer_id=actor.id,
        signer=actor.username, level=signed.level, note=signed.note,
        signed_at=signed.signed_at)
    session.add(signature)
    try:
        session.flush()
    except IntegrityError:  # another request signed it meanwhile (signatures.document_id)
        session.rollback()
        raise Conflict("Dokumen ini sudah ditandatangani.") from None
    review_repo.add_audit(
        session, "tanda_tangan_elektronik", f"{document.type_name} #{document.id}",
        actor.username, actor.id, unit_id=document.unit_id, document_id=document.id,
        archive_entry_id=entry.id,
        detail=(f"{signed.level}; sertifikat {certificate.nama} (sha256 "
                f"{certificate.fingerprint}); keluaran sha256 {entry.output_sha256}; ID "
                f"verifikasi {final.verification_id}" + (f"; {signed.note}" if signed.note
                                                         else "")))
    session.flush()
    return Outcome(entry, signature, signed)


def signed_entry(session: Session, document_id: int) -> ArchiveEntry | None:
    return session.scalar(select(ArchiveEntry).where(
        ArchiveEntry.document_id == document_id, ArchiveEntry.status == SIGNED,
        ArchiveEntry.format == "pdf").order_by(ArchiveEntry.id.desc()))


def signed_pdf(session: Session, document: Document) -> bytes | None:
    """The signed PDF of ``document`` as archived, if it was signed."""
    entry = signed_entry(session, document.id)
    return entry.content if entry is not None else None


def signature_of(session: Session, document_id: int) -> Signature | None:
    return session.scalar(select(Signature).where(Signature.document_id == document_id)
                          .order_by(Signature.id.desc()))


def signature_by_verification_id(session: Session, verification_id: str
                                 ) -> Signature | None:
    return session.scalar(select(Signature).where(
        Signature.verification_id == verification_id).order_by(Signature.id.desc()))


def may_sign(session: Session, actor: Actor, document: Document) -> bool:
    """Whether the document page offers ``actor`` the signing button."""
    signer = paraf.signer_of(session, document)
    return signer is not None and signer.id == actor.id


def archived_signed_hashes(session: Session, verification_id: str) -> list[str]:
    """SHA-256 of every archived PDF (final and signed) of a verification ID."""
    signature = signature_by_verification_id(session, verification_id)
    hashes = []
    final = review_repo.entry_by_verification_id(session, verification_id)
    if final is not None:
        hashes.append(final.output_sha256)
    if signature is not None:
        entry = session.get(ArchiveEntry, signature.archive_entry_id)
        if entry is not None:
            hashes.append(entry.output_sha256)
    return hashes
