"""The figures the regency compares across units (Pasal 16, 17): pure computations on the
raw data of stored documents, drafts included, so nothing here may assume valid input.

- ``nilai_evaluasi``: the Laporan Evaluasi's averages and categories per question group
  (Lampiran IV), computed exactly as the document prints them; None while the data does
  not validate (a draft still being typed).
- ``capaian_agen``: an Agen Perubahan's capaian from the monev rencana tindak (Tabel 2,
  Pasal 17(1)a): the mean of the rows whose capaian can be computed (target and realisasi
  both numbers in the same unit, ``rencana_tindak.capaian``), each row counted at most
  100 % so that one over-achieved indicator does not hide the others. Rows without a
  figure are counted as ``jumlah - terukur``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from docgen.domain import evaluasi
from docgen.domain.formatting import desimal, round_half_up
from docgen.domain.laporan_evaluasi import LaporanEvaluasi
from docgen.domain.regulation import Regulation, validation_context
from docgen.domain.rencana_tindak import kuantitas

JENIS_LABEL = {  # the unit kinds (common.JenisPerangkatDaerah) as the recap names them
    "sekretariat_daerah": "Sekretariat Daerah", "sekretariat_dprd": "Sekretariat DPRD",
    "inspektorat": "Inspektorat", "dinas": "Dinas", "badan": "Badan",
    "uptd": "UPTD (Puskesmas dan lainnya)", "kecamatan": "Kecamatan",
}
CAPAIAN_MAKSIMUM = Decimal(100)  # per row, for the mean (see the module docstring)


@dataclass(frozen=True)
class RataKelompok:
    kode: str  # I, II, III
    judul: str  # the group's short title
    rata: Decimal  # exact mean
    teks: str  # as printed: '11,50'
    kategori: str  # the category's label


@dataclass(frozen=True)
class NilaiEvaluasi:
    kelompok: tuple[RataKelompok, ...]
    jumlah_responden: int


def nilai_evaluasi(data: Any, regulation: Regulation) -> NilaiEvaluasi | None:
    """The averages of a laporan-evaluasi's data, or None while it does not validate."""
    try:
        model = LaporanEvaluasi.model_validate(data, context=validation_context(regulation))
    except (ValidationError, ValueError, TypeError):
        return None
    groups = []
    for group in evaluasi.kelompok_list(regulation):
        mean = evaluasi.rata_rata([group.total(r.jawaban) for r in model.responden])
        groups.append(RataKelompok(group.kode, group.singkat, mean,
                                   evaluasi.rata_rata_teks(mean),
                                   evaluasi.kategori_rata_rata(group, mean).label))
    return NilaiEvaluasi(tuple(groups), len(model.responden))


@dataclass(frozen=True)
class CapaianAgen:
    nama: str
    nip: str | None
    jabatan: str
    unit_kerja: str
    rata_rata: Decimal | None  # two decimals; None: no row with a computable capaian
    terukur: int  # rows with a computable capaian
    jumlah: int  # rows

    @property
    def teks(self) -> str:
        return "" if self.rata_rata is None else f"{desimal(self.rata_rata, 2)}\u00a0%"

    @property
    def kunci(self) -> str:
        """Who the agent is across documents: the NIP's digits, else the name."""
        digits = "".join(ch for ch in (self.nip or "") if ch.isdigit())
        return digits or " ".join(self.nama.split()).casefold()


def capaian_agen(data: Any) -> CapaianAgen | None:
    """The agent and their mean capaian from a monev-rencana-tindak's raw data; None when
    the data does not name an agent."""
    if not isinstance(data, dict):
        return None
    agen = data.get("agen_perubahan")
    if not isinstance(agen, dict) or not _text(agen.get("nama")):
        return None
    rows = [r for r in data.get("monev") or [] if isinstance(r, dict)]
    percents = [p for p in (_row_capaian(r) for r in rows) if p is not None]
    mean = (round_half_up(sum(percents, Decimal(0)) / len(percents), 2) if percents
            else None)
    return CapaianAgen(_text(agen.get("nama")), _text(agen.get("nip")) or None,
                       _text(agen.get("jabatan")), _text(data.get("unit_kerja")), mean,
                       len(percents), len(rows))


def _row_capaian(row: dict[str, Any]) -> Decimal | None:
    target, done = row.get("target"), row.get("realisasi_target")
    if not isinstance(target, str) or not isinstance(done, str):
        return None
    goal, reached = kuantitas(target), kuantitas(done)
    if goal is None or reached is None or goal.angka == 0:
        return None
    if reached.satuan and reached.satuan != goal.satuan:
        return None
    return min(reached.angka / goal.angka * 100, CAPAIAN_MAKSIMUM)


def _text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""
