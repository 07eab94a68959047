"""Roles and who may read or change which document (the one place these rules live).

The acting user is passed in explicitly (``Actor``); nothing here knows a request.
Refusals are ``docgen.errors.NotFound`` (a document of another unit is not revealed)
and ``Forbidden``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from docgen.domain.errors import shown
from docgen.errors import Forbidden, NotFound
from docgen.registry import REGISTRY, DocumentType

if TYPE_CHECKING:
    from docgen.storage.models import Document, User


class Role(StrEnum):
    ADMIN_KABUPATEN = "admin_kabupaten"
    ADMIN_UNIT = "admin_unit"
    SEKRETARIS_KBK = "sekretaris_kbk"
    BAGIAN_HUKUM = "bagian_hukum"
    TIM_PEMBINAAN = "tim_pembinaan"  # Tim Pembinaan (Pasal 15) / Tim RBI: reads, drafts nothing
    # the paraf chain (docgen.paraf, data/paraf.yaml): they initial and sign, draft nothing
    SEKRETARIS_UNIT = "sekretaris_unit"  # the unit's Sekretaris/Kasubbag Umum: pemeriksa
    PIMPINAN_UNIT = "pimpinan_unit"  # the unit's head: signs its Keputusan
    BUPATI = "bupati"  # signs the Keputusan Bupati

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]

    @property
    def of_unit(self) -> bool:
        """Roles that belong to one unit (their documents are that unit's)."""
        return self in (Role.ADMIN_UNIT, Role.SEKRETARIS_KBK, Role.SEKRETARIS_UNIT,
                        Role.PIMPINAN_UNIT)

    @property
    def reads_all(self) -> bool:
        return self in (Role.ADMIN_KABUPATEN, Role.BAGIAN_HUKUM, Role.TIM_PEMBINAAN, Role.BUPATI)


ROLE_LABELS = {
    Role.ADMIN_KABUPATEN: "Admin Kabupaten",
    Role.ADMIN_UNIT: "Admin Unit",
    Role.SEKRETARIS_KBK: "Sekretaris KBK",
    Role.BAGIAN_HUKUM: "Bagian Hukum",
    Role.TIM_PEMBINAAN: "Tim Pembinaan",
    Role.SEKRETARIS_UNIT: "Sekretaris/Kasubbag Umum Unit",
    Role.PIMPINAN_UNIT: "Kepala/Pimpinan Unit",
    Role.BUPATI: "Bupati",
}


@dataclass
class Actor:
    """The user a service acts for: a detached snapshot, no database session needed."""

    id: int
    username: str
    role: Role
    unit_id: int | None
    unit_label: str | None = None
    nama: str | None = None

    def __post_init__(self) -> None:
        self.role = Role(self.role)

    @classmethod
    def of(cls, user: User) -> Actor:
        return cls(user.id, user.username, Role(user.role), user.unit_id,
                   user.unit.label if user.unit else None, user.nama)

    @property
    def role_label(self) -> str:
        return self.role.label

    @property
    def reads_all(self) -> bool:
        return self.role.reads_all

    @property
    def owner_unit_id(self) -> int | None:
        """The unit a document this user creates belongs to (None: the Kabupaten)."""
        return self.unit_id if self.role.of_unit else None


# The texts of the web's generic 403 / 404 pages: a refusal reads the same whether a
# route or a service refused.
NOT_ALLOWED = "Anda tidak berwenang membuka atau mengubah halaman ini."
NOT_FOUND = "Halaman atau dokumen yang diminta tidak ada, atau bukan milik unit Anda."


def require_role(user: Actor, *roles: Role) -> Actor:
    """``user`` if their role is one of ``roles``, else ``Forbidden``."""
    if user.role not in roles:
        raise Forbidden(NOT_ALLOWED)
    return user


def draftable_types(user: Actor) -> list[DocumentType]:
    return [t for t in REGISTRY if user.role in t.roles]


def can_read(user: Actor, document: Document) -> bool:
    if user.reads_all:
        return True
    return user.role.of_unit and document.unit_id == user.unit_id


def can_edit_type(user: Actor, document: Document) -> bool:
    """May this user change documents of this kind of this owner (status aside)?"""
    if document.type_name not in REGISTRY or user.role == Role.BAGIAN_HUKUM:
        return False
    drafts = user.role in REGISTRY.get(document.type_name).roles
    return drafts and can_read(user, document) and document.unit_id == user.owner_unit_id


def can_edit(user: Actor, document: Document) -> bool:
    return not document.is_final and can_edit_type(user, document)


def require_read(user: Actor, document: Document | None) -> Document:
    """The document, or NotFound for a missing one or one of another unit."""
    if document is None or not can_read(user, document):
        raise NotFound("dokumen tidak ditemukan")
    return document


def require_edit(user: Actor, document: Document | None) -> Document:
    document = require_read(user, document)
    if not can_edit_type(user, document):
        raise Forbidden("Anda tidak berwenang mengubah dokumen ini")
    return document


def require_type(user: Actor, doc_type: DocumentType) -> None:
    """Only a role that drafts a type may make it (bagian_hukum drafts nothing)."""
    if user.role not in doc_type.roles:
        raise Forbidden(f"Peran {user.role_label} tidak berwenang membuat dokumen "
                        f"{doc_type.name}.")


KABUPATEN_SUFFIX = "Kabupaten Purbalingga"


def require_own_unit(data: object, unit_name: str) -> None:
    """A unit user's raw input (the API) must name their own unit: ``perangkat_daerah.
    nama`` (the kop) and ``unit_kerja`` equal the unit's name, case and spacing aside;
    ``unit_kerja`` may add "Kabupaten Purbalingga" as the web prefill does. The input is
    refused, never rewritten, so the client sees exactly what is rendered."""
    if not isinstance(data, dict):
        return  # not an object: parsing answers 422
    named: list[tuple[str, str, tuple[str, ...]]] = []
    kop = data.get("perangkat_daerah")
    if isinstance(kop, dict) and isinstance(kop.get("nama"), str):
        named.append(("perangkat_daerah.nama", kop["nama"], (unit_name,)))
    if isinstance(data.get("unit_kerja"), str):
        named.append(("unit_kerja", data["unit_kerja"],
                      (unit_name, f"{unit_name} {KABUPATEN_SUFFIX}")))
    for field, text, names in named:
        if not _same_name(text, names):
            raise Forbidden(f"{field} '{shown(text)}' bukan unit Anda ({unit_name}); dokumen "
                            "unit hanya dapat dibuat untuk unit sendiri.")


def _same_name(text: str, names: tuple[str, ...]) -> bool:
    return " ".join(text.split()).casefold() in {" ".join(n.split()).casefold()
                                                 for n in names}
