"""laporan-bulanan-kbk: monthly Laporan Pelaksanaan Kegiatan KBK / Risalah Budaya Kerja.

Pasal 9 ayat (4) huruf e and Pasal 11 ayat (4) huruf d; laid out after the seed's DPMPTSP
Risalah: the Form A activities of the month and what was done, problems and follow-up
(columns of Form B-4), and photo documentation with captions. Photos come as base64
text (see ``docgen.domain.foto``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Self

from pydantic import Field, model_validator

from docgen.domain.common import (
    Model,
    Nama,
    NamaOpsional,
    Teks,
    TeksOpsional,
    TeksPanjang,
    TeksPanjangOpsional,
)
from docgen.domain.figures import Figure, FigureKind
from docgen.domain.formatting import bulan_tahun, tanggal_panjang
from docgen.domain.foto import FotoBytes
from docgen.domain.kbk_forms import KetuaKbk, errors_at
from docgen.domain.nip import parse_nip
from docgen.domain.regulation import Regulation

FOTO_W_MM, FOTO_H_MM = 76, 62
BELUM = "Belum dilaksanakan"


class KegiatanBulanan(Model):
    kegiatan: Teks = Field(description="Kegiatan sesuai Form A")
    tema: TeksOpsional | None = Field(None, description="Tema sesuai Form A")
    jadwal: Teks = Field(description="Waktu pelaksanaan menurut Form A")
    tanggal_pelaksanaan: dt.date | None = Field(
        None, description="Tanggal terlaksana (dalam bulan laporan); kosong = belum")
    peserta: TeksOpsional | None = Field(None, description="mis. '32 orang pegawai'")
    hasil: TeksPanjangOpsional | None = Field(None, description="Hasil kegiatan")


class PermasalahanBulanan(Model):
    permasalahan: TeksPanjang
    kegiatan: TeksPanjang
    kendala: TeksPanjang
    tindak_lanjut: TeksPanjang


class FotoKegiatan(Model):
    foto: FotoBytes
    keterangan: Teks = Field(description="Keterangan foto")


class LaporanBulananKbk(Model):
    unit_kerja: Nama
    nama_kbk: NamaOpsional | None = Field(None, description="mis. 'KBK SEMAR'")
    tahun: int = Field(ge=2000, le=2100)
    bulan: int = Field(ge=1, le=12, description="Bulan laporan 1-12")
    tanggal: dt.date = Field(description="Tanggal laporan (YYYY-MM-DD)")
    kegiatan: list[KegiatanBulanan] = Field(min_length=1)
    permasalahan: list[PermasalahanBulanan] = Field(default_factory=list)
    dokumentasi: list[FotoKegiatan] = Field(default_factory=list)
    catatan: TeksPanjangOpsional | None = Field(None, description="Catatan/penutup")
    sekretaris: KetuaKbk = Field(description="Sekretaris KBK (penyusun laporan)")
    ketua: KetuaKbk = Field(description="Ketua KBK")

    @model_validator(mode="after")
    def _dates_in_month(self) -> Self:
        month = (self.tahun, self.bulan)
        problems = [(("kegiatan", i, "tanggal_pelaksanaan"),
                     f"harus dalam bulan laporan ({bulan_tahun(self.awal_bulan)})")
                    for i, k in enumerate(self.kegiatan) if k.tanggal_pelaksanaan
                    and (k.tanggal_pelaksanaan.year, k.tanggal_pelaksanaan.month) != month]
        if problems:
            raise errors_at(type(self).__name__, problems)
        return self

    @property
    def awal_bulan(self) -> dt.date:
        return dt.date(self.tahun, self.bulan, 1)


def _orang(person: KetuaKbk) -> dict[str, str]:
    return {"nama": person.nama, "nip": parse_nip(person.nip).formatted() if person.nip else ""}


def _foto_baris(model: LaporanBulananKbk) -> list[dict[str, Any]]:
    cells = [{"gambar": Figure(FigureKind.GAMBAR, f.foto, FOTO_W_MM, FOTO_H_MM),
              "keterangan": f.keterangan} for f in model.dokumentasi]
    if len(cells) % 2:
        cells.append({"gambar": "", "keterangan": ""})
    return [{"kiri": cells[i], "kanan": cells[i + 1]} for i in range(0, len(cells), 2)]


def build_context(model: LaporanBulananKbk,
                  regulation: Regulation | None = None) -> dict[str, Any]:
    """``regulation``: unused (this report reads no regulation data)."""
    kegiatan = [{"no": str(i), "kegiatan": k.kegiatan, "tema": k.tema or "",
                 "jadwal": k.jadwal,
                 "tanggal": tanggal_panjang(k.tanggal_pelaksanaan) if k.tanggal_pelaksanaan
                 else BELUM,
                 "peserta": k.peserta or "", "hasil": k.hasil or ""}
                for i, k in enumerate(model.kegiatan, start=1)]
    done = sum(1 for k in model.kegiatan if k.tanggal_pelaksanaan)
    return {
        "unit_kerja": model.unit_kerja,
        "nama_kbk": model.nama_kbk or "",
        "bulan": bulan_tahun(model.awal_bulan),
        "tanggal": tanggal_panjang(model.tanggal),
        "kegiatan": kegiatan,
        "ringkasan": f"{done} dari {len(kegiatan)} kegiatan terlaksana",
        "permasalahan": [{"no": str(i), **p.model_dump()}
                         for i, p in enumerate(model.permasalahan, start=1)],
        "foto_baris": _foto_baris(model),
        "catatan": model.catatan or "",
        "sekretaris": _orang(model.sekretaris),
        "ketua": _orang(model.ketua),
    }
