"""The paraf chain of a final document (Tata Naskah Dinas: konseptor -> pemeriksa ->
penandatangan), pure: no database, no web.

The steps of each document type are regulation data (``data/paraf.yaml``, a docgen rule
marked ``rancangan_docgen`` for the Bagian Hukum): ``alur(regulation, doc_type)``. A final
document's chain is the list of its steps with what was recorded for each (``Catatan``);
``status`` says where it stands:

- ``menunggu_paraf``: a konseptor or pemeriksa step is next;
- ``menunggu_tanda_tangan``: every paraf is done, the penandatangan signs next;
- ``ditandatangani``: signed;
- ``dikembalikan``: a step sent the document back with a note (a new draft version
  carries the corrections; this final stays in the archive as it was).

``boleh(langkah, pelaku, dokumen)`` says whether a person may act at a step: the author
(``penyusun``) for the konseptor step, else a user of the step's role (of the document's
unit for a unit role).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from docgen.domain.regulation import Regulation

PENYUSUN = "penyusun"  # the step's actor is the document's author
KONSEPTOR, PEMERIKSA, PENANDATANGAN = "konseptor", "pemeriksa", "penandatangan"
MENUNGGU_PARAF = "menunggu_paraf"
MENUNGGU_TANDA_TANGAN = "menunggu_tanda_tangan"
DITANDATANGANI = "ditandatangani"
DIKEMBALIKAN = "dikembalikan"
STATUS_LABELS = {
    "draft": "Draf",
    "final": "Final (tanpa alur paraf elektronik)",
    MENUNGGU_PARAF: "Menunggu paraf",
    MENUNGGU_TANDA_TANGAN: "Menunggu tanda tangan",
    DITANDATANGANI: "Ditandatangani",
    DIKEMBALIKAN: "Dikembalikan dengan catatan",
}
# what a step's record says once done
SELESAI, BELUM, KEMBALI = "selesai", "menunggu", "dikembalikan"


@dataclass(frozen=True)
class Langkah:
    """One step of a type's chain as the data describes it."""

    urutan: int  # 1, 2, ...
    tahap: str  # konseptor | pemeriksa | penandatangan
    peran: str  # a role, or PENYUSUN
    jabatan: str

    @property
    def paraf(self) -> bool:
        """A step that initials (printed in the paraf box), not the signature."""
        return self.tahap != PENANDATANGAN


@dataclass(frozen=True)
class Pelaku:
    """Who wants to act: the user's id, role and unit."""

    id: int
    peran: str
    unit_id: int | None


@dataclass(frozen=True)
class Dokumen:
    """What the rules need of a document: its unit and author."""

    unit_id: int | None
    author_id: int | None


@dataclass(frozen=True)
class Catatan:
    """What was recorded for a step: status, who, when, the send-back note."""

    langkah: Langkah
    status: str = BELUM
    nama: str = ""
    waktu: dt.datetime | None = None
    catatan: str = ""


def alur(regulation: Regulation, doc_type: str) -> tuple[Langkah, ...]:
    """The steps of ``doc_type`` (empty: signed on paper, no electronic chain)."""
    entry = regulation.load("paraf")["jenis"].get(doc_type) or {}
    return tuple(Langkah(i, step["tahap"], step["peran"], step["jabatan"])
                 for i, step in enumerate(entry.get("langkah") or [], start=1))


def peran_penandatangan(regulation: Regulation) -> frozenset[str]:
    """The roles that sign some document type (they register a signing certificate)."""
    jenis = regulation.load("paraf")["jenis"]
    return frozenset(step["peran"] for entry in jenis.values() if entry
                     for step in entry.get("langkah") or []
                     if step["tahap"] == PENANDATANGAN)


def status(chain: Sequence[Catatan]) -> str:
    """Where a chain stands (see the module's docstring); "final" for no chain."""
    if not chain:
        return "final"
    if any(c.status == KEMBALI for c in chain):
        return DIKEMBALIKAN
    nxt = berikut(chain)
    if nxt is None:
        return DITANDATANGANI
    return MENUNGGU_PARAF if nxt.langkah.paraf else MENUNGGU_TANDA_TANGAN


def berikut(chain: Sequence[Catatan]) -> Catatan | None:
    """The step whose turn it is (None: the chain is done or sent back)."""
    if any(c.status == KEMBALI for c in chain):
        return None
    return next((c for c in chain if c.status == BELUM), None)


def boleh(langkah: Langkah, pelaku: Pelaku, dokumen: Dokumen) -> bool:
    """May ``pelaku`` act at ``langkah`` of ``dokumen`` (turn aside)?"""
    if langkah.peran == PENYUSUN:
        return dokumen.author_id is not None and pelaku.id == dokumen.author_id
    if pelaku.peran != langkah.peran:
        return False
    return dokumen.unit_id is None or pelaku.unit_id == dokumen.unit_id


def tanggal_singkat(waktu: dt.datetime | None) -> str:
    return waktu.strftime("%d-%m-%Y") if waktu else ""


def kotak_paraf(chain: Sequence[Catatan]) -> list[dict[str, Any]]:
    """Rows of the paraf box (No, Jabatan, Paraf, Tanggal): the paraf steps, with the
    name and date of who initialled (empty cells before)."""
    rows = []
    for no, c in enumerate((c for c in chain if c.langkah.paraf), start=1):
        done = c.status == SELESAI
        rows.append({"no": f"{no}.", "jabatan": c.langkah.jabatan,
                     "nama": c.nama if done else "", "paraf": c.nama if done else "",
                     "tanggal": tanggal_singkat(c.waktu) if done else ""})
    return rows


def kotak_kosong(regulation: Regulation, doc_type: str) -> list[dict[str, Any]]:
    """The paraf box before the chain starts (drafts, previews): jabatan rows only."""
    return kotak_paraf([Catatan(step) for step in alur(regulation, doc_type)])
