"""Tables: units (perangkat daerah), users, documents (drafts/finals), API tokens, uploads;
legal review (issue #5): template and data set versions, the output archive, audit events."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

ROLES = ("admin_kabupaten", "admin_unit", "sekretaris_kbk", "bagian_hukum", "tim_pembinaan",
         "sekretaris_unit", "pimpinan_unit", "bupati")  # the last three: the paraf chain
# roles that belong to one unit
UNIT_ROLES = ("admin_unit", "sekretaris_kbk", "sekretaris_unit", "pimpinan_unit")


class DocumentStatus(StrEnum):
    DRAFT = "draft"
    FINAL = "final"


class VersionStatus(StrEnum):
    """A template or data-set version in the legal review."""

    DRAFT = "draft"
    APPROVED = "approved"
    RETIRED = "retired"


STATUSES = tuple(DocumentStatus)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class Unit(Base):
    """A perangkat daerah/unit kerja with its kop surat and head (kepala)."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    nama: Mapped[str] = mapped_column(String(200), unique=True)
    jenis: Mapped[str] = mapped_column(String(40))
    singkatan: Mapped[str | None] = mapped_column(String(40))
    alamat: Mapped[str | None] = mapped_column(String(300))
    telepon: Mapped[str | None] = mapped_column(String(60))
    kode_pos: Mapped[str | None] = mapped_column(String(10))
    laman: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(200))
    kepala_nama: Mapped[str | None] = mapped_column(String(200))
    kepala_jabatan: Mapped[str | None] = mapped_column(String(300))
    kepala_pangkat: Mapped[str | None] = mapped_column(String(100))
    kepala_nip: Mapped[str | None] = mapped_column(String(30))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    KOP_FIELDS = ("nama", "jenis", "singkatan", "alamat", "telepon", "kode_pos", "laman",
                  "email")
    KEPALA_FIELDS = ("nama", "jabatan", "pangkat", "nip")

    def perangkat_daerah(self) -> dict[str, Any]:
        """The unit as PerangkatDaerah input (empty fields left out)."""
        return {k: getattr(self, k) for k in self.KOP_FIELDS if getattr(self, k)}

    def kepala(self) -> dict[str, Any]:
        """The head of the unit as Penandatangan input (empty fields left out)."""
        return {k: getattr(self, f"kepala_{k}") for k in self.KEPALA_FIELDS
                if getattr(self, f"kepala_{k}")}

    @property
    def label(self) -> str:
        return self.singkatan or self.nama


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(30))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    nama: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # in every signed-in session's cookie; raised on logout, password change and
    # deactivation, which ends every session signed in before (migration 0004)
    session_version: Mapped[int] = mapped_column(Integer, default=0)

    unit: Mapped[Unit | None] = relationship(lazy="joined")


class Document(Base):
    """One version of a document of a unit; ``data`` is the input exactly as typed."""

    __tablename__ = "documents"
    __table_args__ = {"sqlite_autoincrement": True}  # a deleted draft's id is never reused

    id: Mapped[int] = mapped_column(primary_key=True)
    type_name: Mapped[str] = mapped_column(String(60), index=True)
    # None: a document of the Kabupaten itself (e.g. the Bupati's Keputusan)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    judul: Mapped[str] = mapped_column(String(300), default="")
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(10), default=DocumentStatus.DRAFT.value)
    version: Mapped[int] = mapped_column(Integer, default=1)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    archive_path: Mapped[str | None] = mapped_column(String(300))
    template_sha256: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    finalized_at: Mapped[dt.datetime | None] = mapped_column()

    unit: Mapped[Unit | None] = relationship(lazy="joined")
    author: Mapped[User | None] = relationship(lazy="joined")

    @property
    def is_final(self) -> bool:
        return self.status == DocumentStatus.FINAL


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[dt.datetime | None] = mapped_column()
    # migration 0004: a token works until it expires or is revoked (never after)
    expires_at: Mapped[dt.datetime | None] = mapped_column()
    revoked_at: Mapped[dt.datetime | None] = mapped_column()
    revoked_by: Mapped[str | None] = mapped_column(String(80))
    revoked_reason: Mapped[str | None] = mapped_column(String(200))

    user: Mapped[User] = relationship(lazy="joined")


class Upload(Base):
    """A file a user uploaded (photo, questionnaire answers), stored under data_dir/uploads."""

    __tablename__ = "uploads"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(20))  # "foto" or "responden"
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    path: Mapped[str] = mapped_column(Text)  # relative to data_dir/uploads
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


# -- legal review (migration 0002) ------------------------------------------------------
VERSION_STATUSES = tuple(VersionStatus)


class _VersionColumns:
    """What template and data set versions share: who, when, status (draft -> approved ->
    retired). User names are kept as text too: the record outlives a renamed account."""

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    author: Mapped[str] = mapped_column(String(80))
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default=DocumentStatus.DRAFT.value)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_by: Mapped[str | None] = mapped_column(String(80))
    approved_at: Mapped[dt.datetime | None] = mapped_column()
    retired_at: Mapped[dt.datetime | None] = mapped_column()


class TemplateVersionRow(_VersionColumns, Base):
    """One version of a document type's DOCX template (version 1: the bundled file)."""

    __tablename__ = "template_versions"
    __table_args__ = (UniqueConstraint("type_name", "number"),)

    type_name: Mapped[str] = mapped_column(String(60), index=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class DataVersionRow(_VersionColumns, Base):
    """One version of a regulation data set (``docgen/domain/data/<name>.yaml``)."""

    __tablename__ = "data_versions"
    __table_args__ = (UniqueConstraint("name", "number"),)

    name: Mapped[str] = mapped_column(String(60), index=True)
    content: Mapped[str] = mapped_column(Text)
    # numbers that drive computation and differ from the approved version at upload
    changes: Mapped[list] = mapped_column(JSON, default=list)


class ArchiveEntry(Base):
    """One output the app generated: what, for whom, from which input and template version.

    Drafts keep the hash only; a final document's DOCX and stamped PDF keep their bytes
    (``content``), which are what is served from then on. ``verification_id`` is the
    public ID printed on a final PDF (``/verifikasi/<id>``).
    """

    __tablename__ = "archive_entries"
    __table_args__ = (UniqueConstraint("verification_id", "format"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # no foreign key: the record outlives a deleted draft
    document_id: Mapped[int | None] = mapped_column(Integer, index=True)
    document_version: Mapped[int | None] = mapped_column(Integer)
    verification_id: Mapped[str | None] = mapped_column(String(24))
    status: Mapped[str] = mapped_column(String(10))  # draft or final
    purpose: Mapped[str] = mapped_column(String(20))  # pratinjau, unduh, zip, api, final
    format: Mapped[str] = mapped_column(String(4))  # docx or pdf
    type_name: Mapped[str] = mapped_column(String(60))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    unit: Mapped[str] = mapped_column(String(200))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    author: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    input_data: Mapped[dict] = mapped_column(JSON)
    input_sha256: Mapped[str] = mapped_column(String(64))
    template_version_id: Mapped[int] = mapped_column(ForeignKey("template_versions.id"))
    template_number: Mapped[int] = mapped_column(Integer)
    template_sha256: Mapped[str] = mapped_column(String(64))
    output_sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes | None] = mapped_column(LargeBinary)


class AuditEvent(Base):
    """Who generated, finalised, uploaded, approved or withdrew what, and when."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(30))
    subject: Mapped[str] = mapped_column(String(300))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    document_id: Mapped[int | None] = mapped_column(Integer)  # no FK, as in archive_entries
    archive_entry_id: Mapped[int | None] = mapped_column(ForeignKey("archive_entries.id"))
    detail: Mapped[str] = mapped_column(Text, default="")


# -- settings images (migration 0003) ---------------------------------------------------
class SettingsImage(Base):
    """An image setting uploaded in the app, e.g. the emblems printed in the kop
    (``key``: "lambang_daerah", "lambang_negara"); the newest row per key is in use."""

    __tablename__ = "settings_images"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), index=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    content_type: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    uploaded_by: Mapped[str] = mapped_column(String(80))
    uploaded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


# -- sign-in throttling (migration 0004) ------------------------------------------------
class AuthFailure(Base):
    """One failed sign-in (password or API token), counted per ``scope`` and ``key``
    (``username``: the name tried, ``address``/``token``: the client address) over a
    window; kept in the database so that every worker process counts the same."""

    __tablename__ = "auth_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(10))
    key: Mapped[str] = mapped_column(String(200), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)

# tables of other packages, registered with Base here: the jobs table (migration 0006)
# is docgen.jobs.model's, the paraf chain (0008) docgen.paraf.model's, the signing
# tables (0007) docgen.signing.model's
import docgen.jobs.model  # noqa: E402, F401
import docgen.paraf.model  # noqa: E402, F401
import docgen.signing.model  # noqa: E402, F401
