"""The archive and the audit list as the public and the users see them.

- Public verification (``/verifikasi``, no login): an archived final PDF is found by the
  verification ID printed on it (typed in, or read from an uploaded PDF);
  ``public_facts`` is only what is printed on the document (type, unit, number, date) and
  the archived PDF's SHA-256; ``verify_upload`` says whether a PDF is byte-identical to
  the archived one. Nothing is stored.
- The audit list: admin_kabupaten and bagian_hukum see every entry; a unit's users see
  only the entries of their own unit (outputs of its documents, API renders by its
  users); template and data set reviews belong to no unit and are not shown to them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from docgen.accounts.access import Actor
from docgen.domain.formatting import tanggal_panjang
from docgen.registry import REGISTRY
from docgen.review.archive import is_document_id, sha256
from docgen.review.verification import document_id_of, verify_pdf
from docgen.storage import repo, review_repo
from docgen.storage.models import ArchiveEntry, AuditEvent

PER_PAGE = 100
ACTION_LABELS = {
    "render": "Membuat keluaran",
    "final": "Menandai final",
    "template_upload": "Mengunggah templat",
    "template_approve": "Menyetujui templat",
    "template_withdraw": "Menarik draf templat",
    "data_upload": "Mengajukan data peraturan",
    "data_approve": "Menyetujui data peraturan",
    "data_withdraw": "Menarik draf data peraturan",
    "emblem_upload": "Mengunggah lambang",
    "unit_kop": "Mengubah kop unit",
    "token_create": "Membuat token API",
    "token_revoke": "Mencabut token API",
    "password_change": "Mengganti kata sandi",
    "paraf": "Memaraf",  # the paraf chain (docgen.paraf)
    "paraf_kembali": "Mengembalikan dengan catatan",
    "tanda_tangan": "Menandatangani",
    "tanda_tangan_elektronik": "Tanda tangan elektronik (PAdES)",  # docgen.signing
    "sertifikat_tte": "Mendaftarkan sertifikat tanda tangan",
    "akar_tepercaya": "Mengubah daftar akar tepercaya",
}
GROUPS = {
    "keluaran": ("Keluaran draf dan API", ("render",)),
    "final": ("Dokumen final", ("final",)),
    "paraf": ("Paraf dan tanda tangan", ("paraf", "paraf_kembali", "tanda_tangan",
                                         "tanda_tangan_elektronik")),
    "templat": ("Templat", ("template_upload", "template_approve", "template_withdraw")),
    "data": ("Data peraturan", ("data_upload", "data_approve", "data_withdraw")),
    "pengaturan": ("Pengaturan", ("emblem_upload", "unit_kop", "akar_tepercaya")),
    "akun": ("Akun dan token", ("token_create", "token_revoke", "password_change",
                                "sertifikat_tte")),
}


# -- verification ----------------------------------------------------------------------
@dataclass(frozen=True)
class Verdict:
    """An uploaded PDF compared with the archived one."""

    ok: bool
    sha256: str
    filename: str

    def as_dict(self) -> dict[str, object]:
        return {"ok": self.ok, "sha256": self.sha256, "filename": self.filename}


def final_entry(session: Session, verification_id: str) -> ArchiveEntry | None:
    """The archived final PDF with this verification ID (None for an ID of no format)."""
    verification_id = verification_id.strip().upper()
    if not is_document_id(verification_id):
        return None
    return review_repo.entry_by_verification_id(session, verification_id)


def entry_of_pdf(session: Session, data: bytes) -> ArchiveEntry | None:
    """The archived final whose ID is stamped in an uploaded PDF."""
    found = document_id_of(data)
    return final_entry(session, found) if found else None


def verify_upload(entry: ArchiveEntry, data: bytes, filename: str) -> Verdict:
    return Verdict(verify_pdf(data, entry.output_sha256), sha256(data), filename)


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


# -- the audit list --------------------------------------------------------------------
@dataclass(frozen=True)
class AuditPage:
    events: list[AuditEvent]
    total: int
    page: int
    pages: int
    units: dict[int, str]  # unit id -> label, to name each event's unit


def audit_page(session: Session, actor: Actor, group: str = "", page: int = 1,
               per_page: int = PER_PAGE) -> AuditPage:
    """One page of the audit events ``actor`` may see, newest first (``group``: a key of
    ``GROUPS``, anything else is every action)."""
    actions = GROUPS[group][1] if group in GROUPS else ()
    page = max(page, 1)
    unit = review_repo.ALL_UNITS if actor.reads_all else actor.unit_id
    events, total = review_repo.list_audit(session, unit, actions, limit=per_page,
                                           offset=(page - 1) * per_page)
    units = {u.id: u.label for u in repo.list_units(session)}
    return AuditPage(events, total, page, max((total + per_page - 1) // per_page, 1), units)
