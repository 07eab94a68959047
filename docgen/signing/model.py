"""The tables of electronic signatures (migration 0007), registered with
``docgen.storage.models.Base`` (imported at the end of ``docgen.storage.models``).

``certificates``: a signer's PKCS#12 (key + chain), stored only encrypted under the
signer's passphrase (``docgen.signing.keystore``); the subject's name and NIP are kept in
clear for display. ``trust_roots``: root certificates accepted by the admin.
``signatures``: each signature applied to a document (the signed PDF is an
``ArchiveEntry`` with status "signed")."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from docgen.storage.models import Base, User, utcnow


class Certificate(Base):
    """A user's signing certificate; the current one has ``replaced_at`` None."""

    __tablename__ = "certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    subject: Mapped[str] = mapped_column(String(500))
    nama: Mapped[str] = mapped_column(String(200))
    nip: Mapped[str | None] = mapped_column(String(30))
    issuer: Mapped[str] = mapped_column(String(500))
    serial: Mapped[str] = mapped_column(String(80))
    not_before: Mapped[dt.datetime] = mapped_column()
    not_after: Mapped[dt.datetime] = mapped_column()
    fingerprint: Mapped[str] = mapped_column(String(64), index=True)
    # PKCS#12 re-encrypted under the signer's passphrase (never the bare key)
    encrypted_p12: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str] = mapped_column(String(80))
    replaced_at: Mapped[dt.datetime | None] = mapped_column()

    user: Mapped[User] = relationship(lazy="joined")


class TrustRoot(Base):
    """A root certificate whose chains verification accepts (DER)."""

    __tablename__ = "trust_roots"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(500))
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    der: Mapped[bytes] = mapped_column(LargeBinary)
    not_after: Mapped[dt.datetime] = mapped_column()
    added_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Signature(Base):
    """One electronic signature applied to a document by its signer."""

    __tablename__ = "signatures"

    id: Mapped[int] = mapped_column(primary_key=True)
    # no foreign key, as in archive_entries: the record outlives a deleted document;
    # unique: one signature per document (two signers racing: the second is refused)
    document_id: Mapped[int] = mapped_column(Integer, index=True, unique=True)
    verification_id: Mapped[str | None] = mapped_column(String(24), index=True)
    archive_entry_id: Mapped[int] = mapped_column(ForeignKey("archive_entries.id"))
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificates.id"))
    signer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    signer: Mapped[str] = mapped_column(String(80))
    level: Mapped[str] = mapped_column(String(12))  # PAdES-B-LT or PAdES-B-B
    note: Mapped[str] = mapped_column(Text, default="")
    signed_at: Mapped[dt.datetime] = mapped_column()
