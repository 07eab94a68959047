"""scored-card: Scored Card of a KBK (Lampiran I weights; Pasal 16 ayat (1) huruf a, d).

score = bobot x capaian / 100 per sub-behaviour; subtotal per value (out of 20) and total
(out of 100), two decimals. The category is taken from the printed (two-decimal) total:
>= 75 A, >= 50 B, >= 25 C, else D (a boundary belongs to the higher category). Only A
and B may enter the Gelar Budaya Kerja.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, Field, create_model

from docgen.domain import regulation
from docgen.domain.common import Model, NipDigits, Teks
from docgen.domain.formatting import desimal, nama_kbk_lengkap, round_half_up, tanggal_panjang
from docgen.domain.nip import parse_nip


@dataclass(frozen=True)
class SubUnsur:
    kode: str
    nilai: str  # Integritas, ...
    indikator_nomor: int
    indikator_teks: str
    huruf: str | None
    bobot: int
    teks: str
    terbaca: bool  # False: text lost in the OCR copy, marker shown


@dataclass(frozen=True)
class KategoriSC:
    kode: str
    minimum: Decimal
    sebutan: str
    rentang: str


@regulation.derived
def sub_unsur_list() -> tuple[SubUnsur, ...]:
    data = regulation.scored_card()
    items = []
    for nilai in data["nilai"]:
        for ind in nilai["indikator"]:
            for sub in ind["sub"]:
                items.append(SubUnsur(sub["kode"], nilai["nama"], ind["nomor"], ind["teks"],
                                      sub.get("huruf"), sub["bobot"],
                                      sub.get("teks") or data["penanda_hilang"],
                                      sub.get("status") != "dilengkapi_bagian_hukum"))
    return tuple(items)


def nilai_names() -> list[str]:
    return [n["nama"] for n in regulation.scored_card()["nilai"]]


@regulation.derived
def kategori_list() -> tuple[KategoriSC, ...]:
    return tuple(KategoriSC(k["kode"], Decimal(str(k["min"])), k["sebutan"], k["rentang"])
                 for k in regulation.scored_card()["kategori"]["batas"])


def kategori(total: Decimal) -> KategoriSC:
    for item in kategori_list():
        if total >= item.minimum:
            return item
    raise ValueError(f"nilai scored card tidak boleh negatif: {total}")


def layak_gelar(kode_kategori: str) -> bool:
    return kode_kategori in regulation.scored_card()["gelar_budaya_kerja"]["kategori_boleh"]


def _persen(value: float) -> float:
    if not 0 <= value <= 100:
        raise ValueError(f"capaian harus 0\u2013100 persen, bukan {value:g}")
    return value


Persen = Annotated[float, AfterValidator(_persen)]


def _capaian_model() -> type[BaseModel]:
    fields: dict[str, Any] = {
        s.kode: (Persen, Field(json_schema_extra={"minimum": 0, "maximum": 100}, description=(
            f"{s.nilai} indikator {s.indikator_nomor}{'.' + s.huruf if s.huruf else ''} "
            f"(bobot {s.bobot}): capaian dalam persen 0-100")))
        for s in sub_unsur_list()}
    return create_model("CapaianScoredCard", __base__=Model, **fields)


CapaianScoredCard = _capaian_model()


class Penilai(Model):
    nama: Teks
    nip: NipDigits | None = None
    jabatan: Teks = Field(description="Jabatan penanda tangan, mis. 'Ketua Kelompok Budaya "
                          "Kerja Dinas ...' atau 'Ketua Tim Pembinaan ...'")


class ScoredCard(Model):
    unit_kerja: Teks = Field(description="Perangkat Daerah/Unit Kerja yang dinilai")
    nama_kbk: str | None = Field(None, description="Nama KBK, mis. 'KBK SEMAR'")
    periode: Teks = Field(description="Periode penilaian, mis. 'Semester I Tahun 2024'")
    tanggal: dt.date
    penilai: Penilai
    capaian: CapaianScoredCard = Field(  # type: ignore[valid-type]
        description="Capaian (persen 0-100) setiap sub unsur perilaku Lampiran I; semua kode "
                    "wajib diisi")


@dataclass(frozen=True)
class Hasil:
    skor: dict[str, Decimal]
    subtotal: dict[str, Decimal]
    total: Decimal  # rounded to two decimals (what the document prints)
    kategori: KategoriSC

    @property
    def layak_gelar(self) -> bool:
        return layak_gelar(self.kategori.kode)


def hitung(capaian: dict[str, float | Decimal]) -> Hasil:
    scores = {s.kode: Decimal(s.bobot) * Decimal(str(capaian[s.kode])) / 100
              for s in sub_unsur_list()}
    subtotal = {name: sum((scores[s.kode] for s in sub_unsur_list() if s.nilai == name),
                          Decimal(0)) for name in nilai_names()}
    total = round_half_up(sum(subtotal.values(), Decimal(0)), 2)
    return Hasil(scores, subtotal, total, kategori(total))


def _baris(hasil: Hasil, capaian: dict[str, float]) -> list[dict[str, Any]]:
    groups = []
    for index, name in enumerate(nilai_names(), start=1):
        rows, last_indikator = [], None
        for sub in (s for s in sub_unsur_list() if s.nilai == name):
            first_of_indikator = sub.indikator_nomor != last_indikator
            last_indikator = sub.indikator_nomor
            rows.append({
                "indikator": f"{sub.indikator_nomor}. {sub.indikator_teks}"
                if first_of_indikator else "",
                "penjabaran": f"{sub.huruf}. {sub.teks}" if sub.huruf else sub.teks,
                "bobot": str(sub.bobot), "capaian": desimal(capaian[sub.kode], 2),
                "skor": desimal(hasil.skor[sub.kode], 2)})
        groups.append({"no": str(index), "nama": name,
                       "bobot": str(regulation.scored_card()["bobot_nilai"]),
                       "subtotal": desimal(hasil.subtotal[name], 2), "baris": rows})
    return groups


def build_context(model: ScoredCard) -> dict[str, Any]:
    capaian = model.capaian.model_dump()
    hasil = hitung(capaian)
    penilai = model.penilai
    return {
        "unit_kerja": model.unit_kerja,
        "nama_kbk": model.nama_kbk or "",
        "nama_kbk_lengkap": nama_kbk_lengkap(model.nama_kbk or ""),
        "periode": model.periode,
        "tanggal": tanggal_panjang(model.tanggal),
        "penilai": {"nama": penilai.nama, "jabatan": penilai.jabatan,
                    "nip": parse_nip(penilai.nip).formatted() if penilai.nip else ""},
        "nilai": _baris(hasil, capaian),
        "bobot_total": str(regulation.scored_card()["bobot_total"]),
        "total": desimal(hasil.total, 2),
        "kategori": {"kode": hasil.kategori.kode, "sebutan": hasil.kategori.sebutan},
        "layak_gelar": hasil.layak_gelar,
        "kategori_tabel": [{"kode": k.kode, "rentang": k.rentang, "sebutan": k.sebutan}
                           for k in kategori_list()],
    }
