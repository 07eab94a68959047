"""scored-card: Scored Card of a KBK (Lampiran I weights; Pasal 16 ayat (1) huruf a, d).

score = bobot x capaian / 100 per sub-behaviour; subtotal per value (out of 20) and total
(out of 100), two decimals. The category is taken from the printed (two-decimal) total:
>= 75 A, >= 50 B, >= 25 C, else D (a boundary belongs to the higher category). Only A
and B may enter the Gelar Budaya Kerja.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Annotated, Any

from pydantic import AfterValidator, Field, create_model

from docgen.domain.common import Model, Nama, NamaOpsional, NipDigits, Teks
from docgen.domain.formatting import desimal, nama_kbk_lengkap, round_half_up, tanggal_panjang
from docgen.domain.nip import parse_nip
from docgen.domain.regulation import Regulation


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


def sub_unsur_list(regulation: Regulation) -> tuple[SubUnsur, ...]:
    """Every sub-behaviour of Lampiran I, in order (computed once per snapshot)."""
    return regulation.cached(_sub_unsur_list)


def _sub_unsur_list(regulation: Regulation) -> tuple[SubUnsur, ...]:
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


def codes(regulation: Regulation) -> list[str]:
    """The sub-behaviour codes (the fields of the capaian input)."""
    return [s.kode for s in sub_unsur_list(regulation)]


def nilai_names(regulation: Regulation) -> list[str]:
    return [n["nama"] for n in regulation.scored_card()["nilai"]]


def kategori_list(regulation: Regulation) -> tuple[KategoriSC, ...]:
    return regulation.cached(_kategori_list)


def _kategori_list(regulation: Regulation) -> tuple[KategoriSC, ...]:
    return tuple(KategoriSC(k["kode"], Decimal(str(k["min"])), k["sebutan"], k["rentang"])
                 for k in regulation.scored_card()["kategori"]["batas"])


def kategori(total: Decimal, regulation: Regulation) -> KategoriSC:
    for item in kategori_list(regulation):
        if total >= item.minimum:
            return item
    raise ValueError(f"nilai scored card tidak boleh negatif: {total}")


def layak_gelar(kode_kategori: str, regulation: Regulation) -> bool:
    return kode_kategori in regulation.scored_card()["gelar_budaya_kerja"]["kategori_boleh"]


def _persen(value: float) -> float:
    if not 0 <= value <= 100:
        raise ValueError(f"capaian harus 0\u2013100 persen, bukan {value:g}")
    return value


Persen = Annotated[float, AfterValidator(_persen)]


class Penilai(Model):
    nama: Nama
    nip: NipDigits | None = None
    jabatan: Nama = Field(description="Jabatan penanda tangan, mis. 'Ketua Kelompok Budaya "
                          "Kerja Dinas ...' atau 'Ketua Tim Pembinaan ...'")


class ScoredCardBase(Model):
    """The fields of every snapshot's ScoredCard model but ``capaian`` (see ``model_for``)."""

    unit_kerja: Nama = Field(description="Perangkat Daerah/Unit Kerja yang dinilai")
    nama_kbk: NamaOpsional | None = Field(None, description="Nama KBK, mis. 'KBK SEMAR'")
    periode: Teks = Field(description="Periode penilaian, mis. 'Semester I Tahun 2024'")
    tanggal: dt.date
    penilai: Penilai


def model_for(regulation: Regulation) -> type[ScoredCardBase]:
    """The input model of a snapshot: ``capaian`` has one field per sub-behaviour code.

    Models are shared between snapshots with the same ``scored_card`` text, so a new
    approved version with a new code gets its field without a restart."""
    return _model_for_text(regulation.source("scored_card"))


TEKS_BELUM_ADA = "(teks indikator belum dilengkapi Bagian Hukum)"


def label(sub: SubUnsur) -> str:
    """What a person reads for a sub-behaviour: its wording, or its code and a note where
    the wording was lost in the OCR copy (never invented)."""
    nomor = f"{sub.indikator_nomor}{'.' + sub.huruf if sub.huruf else ''}"
    teks = sub.teks if sub.terbaca else f"{sub.kode} {TEKS_BELUM_ADA}"
    return f"{sub.nilai} {nomor}: {teks}"


def widget_data(regulation: Regulation) -> dict[str, Any]:
    """Weights, categories and wording for the form's capaian fields and live result."""
    data = regulation.scored_card()
    return {
        "nilai": [{"nama": n, "bobot": data["bobot_nilai"], "indikator": [
            {"nomor": i["nomor"], "teks": i["teks"], "sub": [
                {"kode": s.kode, "huruf": s.huruf or "", "bobot": s.bobot,
                 "teks": s.teks if s.terbaca else f"{s.kode} {TEKS_BELUM_ADA}",
                 "terbaca": s.terbaca}
                for s in sub_unsur_list(regulation)
                if s.nilai == n and s.indikator_nomor == i["nomor"]]}
            for i in next(x for x in data["nilai"] if x["nama"] == n)["indikator"]]}
            for n in nilai_names(regulation)],
        "kategori": [{"kode": k.kode, "minimum": str(k.minimum), "sebutan": k.sebutan}
                     for k in kategori_list(regulation)],
        "gelar": list(data["gelar_budaya_kerja"]["kategori_boleh"]),
        "bobot_total": data["bobot_total"],
    }


@lru_cache(maxsize=16)
def _model_for_text(text: str) -> type[ScoredCardBase]:
    regulation = Regulation.from_texts({"scored_card": text})
    fields: dict[str, Any] = {
        s.kode: (Persen, Field(title=label(s), json_schema_extra={"minimum": 0, "maximum": 100},
                               description=f"Bobot {s.bobot}. Capaian dalam persen (0\u2013100)."))
        for s in sub_unsur_list(regulation)}
    capaian = create_model("CapaianScoredCard", __base__=Model, **fields)
    return create_model("ScoredCard", __base__=ScoredCardBase, capaian=(capaian, Field(
        description="Capaian (persen 0-100) setiap sub unsur perilaku Lampiran I; semua kode "
                    "wajib diisi",
        json_schema_extra={"x-widget": "scored_card",
                           "x-widget-data": widget_data(regulation)})))


ScoredCard = model_for(Regulation.bundled())  # the bundled snapshot's model


@dataclass(frozen=True)
class Hasil:
    skor: dict[str, Decimal]
    subtotal: dict[str, Decimal]
    total: Decimal  # rounded to two decimals (what the document prints)
    kategori: KategoriSC
    layak_gelar: bool  # the category may enter the Gelar Budaya Kerja


def hitung(capaian: Mapping[str, float | Decimal], regulation: Regulation) -> Hasil:
    subs = sub_unsur_list(regulation)
    scores = {s.kode: Decimal(s.bobot) * Decimal(str(capaian[s.kode])) / 100 for s in subs}
    subtotal = {name: sum((scores[s.kode] for s in subs if s.nilai == name), Decimal(0))
                for name in nilai_names(regulation)}
    total = round_half_up(sum(subtotal.values(), Decimal(0)), 2)
    found = kategori(total, regulation)
    return Hasil(scores, subtotal, total, found, layak_gelar(found.kode, regulation))


@dataclass(frozen=True)
class HasilSebagian:
    """The result of the capaian typed so far (a draft): subtotals of the filled ones."""

    subtotal: dict[str, Decimal]
    kosong: int  # sub-behaviours without a valid capaian
    hasil: Hasil | None  # the full result once every capaian is filled


def hitung_sebagian(capaian: dict[str, Any], regulation: Regulation) -> HasilSebagian:
    """Like ``hitung`` over the valid (0-100) numbers only; blanks and typos count as empty."""
    subs = sub_unsur_list(regulation)
    valid = {s.kode: value for s in subs
             if (value := _angka(capaian.get(s.kode))) is not None}
    subtotal = {name: sum((Decimal(s.bobot) * valid[s.kode] / 100 for s in subs
                           if s.nilai == name and s.kode in valid), Decimal(0))
                for name in nilai_names(regulation)}
    kosong = len(subs) - len(valid)
    return HasilSebagian(subtotal, kosong, None if kosong else hitung(valid, regulation))


def _angka(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except ArithmeticError:
        return None
    return number if number.is_finite() and 0 <= number <= 100 else None


def _baris(hasil: Hasil, capaian: dict[str, float],
           regulation: Regulation) -> list[dict[str, Any]]:
    groups = []
    for index, name in enumerate(nilai_names(regulation), start=1):
        rows, last_indikator = [], None
        for sub in (s for s in sub_unsur_list(regulation) if s.nilai == name):
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


def build_context(model: ScoredCardBase, regulation: Regulation) -> dict[str, Any]:
    capaian = model.capaian.model_dump()  # type: ignore[attr-defined]
    hasil = hitung(capaian, regulation)
    penilai = model.penilai
    return {
        "unit_kerja": model.unit_kerja,
        "nama_kbk": model.nama_kbk or "",
        "nama_kbk_lengkap": nama_kbk_lengkap(model.nama_kbk or ""),
        "periode": model.periode,
        "tanggal": tanggal_panjang(model.tanggal),
        "penilai": {"nama": penilai.nama, "jabatan": penilai.jabatan,
                    "nip": parse_nip(penilai.nip).formatted() if penilai.nip else ""},
        "nilai": _baris(hasil, capaian, regulation),
        "bobot_total": str(regulation.scored_card()["bobot_total"]),
        "total": desimal(hasil.total, 2),
        "kategori": {"kode": hasil.kategori.kode, "sebutan": hasil.kategori.sebutan},
        "layak_gelar": hasil.layak_gelar,
        "kategori_tabel": [{"kode": k.kode, "rentang": k.rentang, "sebutan": k.sebutan}
                           for k in kategori_list(regulation)],
    }
