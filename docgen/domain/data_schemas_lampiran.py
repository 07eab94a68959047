"""Strict schemas of the Lampiran tables: the Scored Card (Lampiran I, ``scored_card.yaml``)
and the evaluation questionnaire (Lampiran IV, ``kuesioner.yaml``). See ``data_schemas``.
"""

from __future__ import annotations

from typing import Self

from pydantic import Field, model_validator

from docgen.domain.data_schemas import Number, Pair, Status, Strict


# -- scored_card -----------------------------------------------------------------------
class SubUnsur(Strict):
    kode: str
    huruf: str | None = None
    bobot: Number
    teks: str | None = None
    status: Status | None = None
    fragmen_ocr: str | None = None
    catatan: str | None = None

    @model_validator(mode="after")
    def _text_or_marker(self) -> Self:
        if (self.teks is None) == (self.status != "dilengkapi_bagian_hukum"):
            raise ValueError("isi teks, atau (bila teks hilang pada salinan) "
                             "status: dilengkapi_bagian_hukum tanpa teks")
        return self


class Indikator(Strict):
    nomor: int
    teks: str
    sub: list[SubUnsur] = Field(min_length=1)


class Nilai(Strict):
    nama: str
    kode: str
    ref: str
    catatan: str | None = None
    indikator: list[Indikator] = Field(min_length=1)


class BatasKategori(Strict):
    kode: str
    min: Number
    sebutan: str
    rentang: str


class KategoriScoredCard(Strict):
    ref: str
    batas: list[BatasKategori] = Field(min_length=1)


class GelarBudayaKerja(Strict):
    ref: str
    kategori_boleh: list[str]
    teks: str


class ScoredCard(Strict):
    ref: str
    judul: str
    penanda_hilang: str
    bobot_nilai: int
    bobot_total: int
    kategori: KategoriScoredCard
    gelar_budaya_kerja: GelarBudayaKerja
    nilai: list[Nilai] = Field(min_length=1)


# -- kuesioner -------------------------------------------------------------------------
class Skor(Strict):
    ref: str
    jumlah_pertanyaan: int
    nilai_min: int
    nilai_max: int
    catatan: str | None = None


class Skala(Strict):
    ref: str
    label: list[str] = Field(min_length=1)


class KategoriKuesioner(Strict):
    kode: str
    label: str
    keterangan: str


class Kelompok(Strict):
    kode: str
    ref: str
    judul: str
    singkat: str
    pengantar: list[str]
    butir: Pair
    batas: list[tuple[int, int, str]] = Field(min_length=1)


class Pertanyaan(Strict):
    nomor: int
    skala: str
    teks: str
    status: Status | None = None
    catatan: str | None = None


class Laporan(Strict):
    ref: str
    judul: str
    subjudul: str
    rata_rata: str
    pembulatan: str


class Kuesioner(Strict):
    ref: str
    judul: str
    petunjuk: list[str]
    skor: Skor
    skala: dict[str, Skala]
    kategori: list[KategoriKuesioner] = Field(min_length=1)
    kelompok: list[Kelompok] = Field(min_length=1)
    pertanyaan: list[Pertanyaan] = Field(min_length=1)
    laporan: Laporan
