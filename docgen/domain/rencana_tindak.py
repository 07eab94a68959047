"""rencana-tindak (Tabel 1, Lampiran II D) and monev-rencana-tindak (Tabel 2, Lampiran II E).

The monev computes capaian = realisasi / target x 100 % where both start with a number in
the same unit ("8" or "8 kegiatan" of "10 kegiatan" -> "8 kegiatan", "80 %"); otherwise the
row shows the realisasi text without a figure.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import Field

from docgen.domain.common import (
    Model,
    Nama,
    NipDigits,
    Teks,
    TeksOpsional,
    TeksPanjang,
    TeksPanjangOpsional,
)
from docgen.domain.formatting import desimal, round_half_up, tanggal_panjang
from docgen.domain.nip import parse_nip
from docgen.domain.regulation import Regulation

# "1.000,5 dokumen" (Indonesian), "2.5 jam", "80%", "10 kegiatan"
_QUANTITY = re.compile(
    r"^(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d.])|\d+(?:[.,]\d+)?)\s*(?P<unit>.*)$")


class Pejabat(Model):
    nama: Nama
    nip: NipDigits | None = None
    jabatan: Nama


class _Baris(Model):
    nilai_organisasi: Teks = Field(description="Kolom 2: nilai organisasi, mis. 'Integritas'")
    sasaran: TeksPanjang = Field(description="Kolom 3: kondisi hasil perubahan yang ingin dicapai")
    indikator_kinerja: TeksPanjang = Field(description="Kolom 4: ukuran keberhasilan")
    target: Teks = Field(description="Kolom 5: angka target, mis. '10 kegiatan' atau '100%'")
    kegiatan: TeksPanjang = Field(description="Kolom 6: kegiatan agen perubahan")


class BarisRencana(_Baris):
    waktu: Teks = Field(description="Kolom 7: waktu pelaksanaan, mis. 'Januari - Desember'")
    keterangan: TeksPanjangOpsional | None = Field(None, description="Kolom 8")


class BarisMonev(_Baris):
    realisasi_target: Teks = Field(
        description="Kolom 7: realisasi target kinerja, mis. '8' atau '8 kegiatan'")
    realisasi_kegiatan: TeksPanjang = Field(description="Kolom 8: realisasi kegiatan")
    keterangan: TeksPanjangOpsional | None = Field(
        None, description="Kolom 9: hambatan/kendala dan usulan pemecahannya")


class _AgenPerubahanBase(Model):
    unit_kerja: Nama = Field(description="Perangkat Daerah/Unit Kerja")
    tahun: int = Field(ge=2000, le=2100, description="Tahun rencana tindak")
    tanggal: dt.date = Field(description="Tanggal penandatanganan (YYYY-MM-DD)")
    agen_perubahan: Pejabat
    pimpinan: Pejabat = Field(description="Pimpinan unit kerja yang menyetujui/mengetahui")


class RencanaTindak(_AgenPerubahanBase):
    rencana: list[BarisRencana] = Field(min_length=1)


class MonevRencanaTindak(_AgenPerubahanBase):
    periode: TeksOpsional | None = Field(None, description="mis. 'Semester I'")
    monev: list[BarisMonev] = Field(min_length=1)


@dataclass(frozen=True)
class Kuantitas:
    angka: Decimal
    teks_angka: str
    satuan: str  # normalised: lower case, single spaces


def kuantitas(text: str) -> Kuantitas | None:
    match = _QUANTITY.match(text.strip())
    if not match:
        return None
    raw = match.group("num")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", raw):
        number = raw.replace(".", "").replace(",", ".")
    else:
        number = raw.replace(",", ".")
    unit = " ".join(match.group("unit").lower().split())
    return Kuantitas(Decimal(number), raw, unit)


def capaian(target: str, realisasi: str) -> tuple[str, str]:
    """(realisasi as shown, capaian '80 %' or '') for one monev row."""
    goal, done = kuantitas(target), kuantitas(realisasi)
    if goal is None or done is None or goal.angka == 0:
        return realisasi, ""
    if done.satuan and done.satuan != goal.satuan:
        return realisasi, ""
    shown = realisasi if done.satuan or not goal.satuan else f"{done.teks_angka} {goal.satuan}"
    if goal.satuan == "%" and not done.satuan:
        shown = f"{done.teks_angka}%"
    percent = round_half_up(done.angka / goal.angka * 100, 2)
    text = str(int(percent)) if percent == percent.to_integral_value() else desimal(percent, 2)
    return shown, f"{text}\u00a0%"  # no-break space: "%" never wraps alone


def pejabat_context(pejabat: Pejabat) -> dict[str, str]:
    return {"nama": pejabat.nama, "jabatan": pejabat.jabatan,
            "nip": parse_nip(pejabat.nip).formatted() if pejabat.nip else ""}


def _common(model: _AgenPerubahanBase) -> dict[str, Any]:
    return {"unit_kerja": model.unit_kerja, "tahun": str(model.tahun),
            "tanggal": tanggal_panjang(model.tanggal),
            "agen_perubahan": pejabat_context(model.agen_perubahan),
            "pimpinan": pejabat_context(model.pimpinan)}


def build_rencana_context(model: RencanaTindak,
                          regulation: Regulation | None = None) -> dict[str, Any]:
    """``regulation``: unused (the table reads no regulation data)."""
    rows = [{"no": str(i), **r.model_dump(exclude={"keterangan"}),
             "keterangan": r.keterangan or ""} for i, r in enumerate(model.rencana, start=1)]
    return {**_common(model), "rencana": rows}


def build_monev_context(model: MonevRencanaTindak,
                        regulation: Regulation | None = None) -> dict[str, Any]:
    """``regulation``: unused (the table reads no regulation data)."""
    rows = []
    for i, r in enumerate(model.monev, start=1):
        shown, percent = capaian(r.target, r.realisasi_target)
        rows.append({"no": str(i), **r.model_dump(exclude={"keterangan", "realisasi_target"}),
                     "realisasi_target": shown, "capaian": percent,
                     "keterangan": r.keterangan or ""})
    return {**_common(model), "periode": model.periode or "", "monev": rows}
