"""sk-tim-pembinaan: Keputusan Bupati tentang Tim Pembinaan dan Pengendalian Budaya Kerja
Kabupaten Purbalingga (Pasal 14, Pasal 15)."""

from __future__ import annotations

from collections import Counter
from typing import Any, Literal

from pydantic import Field, field_validator

from docgen.domain.common import Model, Nama, NamaOpsional
from docgen.domain.figures import lambang_negara
from docgen.domain.keputusan import KeputusanBase, keputusan_context
from docgen.domain.regulation import Regulation

KedudukanTim = Literal["penanggung_jawab", "pengarah", "ketua", "sekretaris", "anggota",
                       "fasilitator"]
KEDUDUKAN_LABEL = {
    "penanggung_jawab": "Penanggung Jawab",
    "pengarah": "Pengarah",
    "ketua": "Ketua",
    "sekretaris": "Sekretaris",
    "anggota": "Anggota",
    "fasilitator": "Fasilitator",
}
EXACTLY_ONE = ("ketua", "sekretaris")
TUGAS_KEYS = ("tim_pembinaan", "tim_pembinaan_cara")  # the tugas.yaml keys this type reads


class Bupati(Model):
    nama: Nama = Field(description="Nama Bupati Purbalingga tanpa gelar jabatan")


class AnggotaTim(Model):
    kedudukan: KedudukanTim
    jabatan: Nama = Field(description="Jabatan (keanggotaan Tim menurut jabatan)")
    nama: NamaOpsional | None = Field(None, description="Nama pejabat (boleh dikosongkan)")


class SkTimPembinaan(KeputusanBase):
    """Input of the Bupati's Keputusan forming the Kabupaten's Tim Pembinaan."""

    DOC_TYPE = "sk-tim-pembinaan"

    bupati: Bupati
    susunan: list[AnggotaTim] = Field(min_length=1, description="Susunan Tim (Pasal 15 ayat (1))")

    @field_validator("susunan")
    @classmethod
    def _check_susunan(cls, susunan: list[AnggotaTim]) -> list[AnggotaTim]:
        counts: Counter[str] = Counter(m.kedudukan for m in susunan)
        problems = [f"tidak ada {KEDUDUKAN_LABEL[k]}" for k in KEDUDUKAN_LABEL if not counts[k]]
        problems += [f"ada {counts[k]} {KEDUDUKAN_LABEL[k]}, harus tepat satu"
                     for k in EXACTLY_ONE if counts[k] > 1]
        if problems:
            raise ValueError("; ".join(problems) + " (Pasal 15 ayat (1))")
        return susunan


def _rows(model: SkTimPembinaan) -> list[dict[str, Any]]:
    order = list(KEDUDUKAN_LABEL)
    members = sorted(model.susunan, key=lambda m: order.index(m.kedudukan))
    return [{"no": i + 1, "kedudukan": KEDUDUKAN_LABEL[m.kedudukan], "jabatan": m.jabatan,
             "nama": m.nama or ""} for i, m in enumerate(members)]


def build_context(model: SkTimPembinaan, regulation: Regulation) -> dict[str, Any]:
    tugas = regulation.tugas_tim_pembinaan()
    return {
        **keputusan_context(model, "Tim Pembinaan dan Pengendalian Budaya Kerja Kabupaten "
                            "Purbalingga", ["susunan"], regulation),
        "lambang": lambang_negara(),
        "penandatangan": {"nama": model.bupati.nama.upper()},
        "susunan": _rows(model),
        "tugas_tim": [{"kedudukan": KEDUDUKAN_LABEL[k], "teks": tugas[k]}
                      for k in KEDUDUKAN_LABEL],
        "cara_pembinaan": regulation.butir("tim_pembinaan_cara"),
    }
