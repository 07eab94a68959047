"""sk-kbk: Keputusan tentang Pembentukan Kelompok Budaya Kerja (Pasal 8c, 9, 11, 12)."""

from __future__ import annotations

from collections import Counter
from typing import Any, Literal

from pydantic import Field, field_validator

from docgen.domain.common import JenisPerangkatDaerah, Model, Nama, NipDigits, TeksPanjang
from docgen.domain.figures import Figure, FigureKind
from docgen.domain.keputusan import KeputusanKepalaBase, kepala_context
from docgen.domain.nip import nip_utuh
from docgen.domain.regulation import Regulation

KedudukanKbk = Literal["penanggung_jawab", "ketua", "sekretaris", "anggota"]

KEDUDUKAN_LABEL = {
    "penanggung_jawab": "Penanggung Jawab",
    "ketua": "Ketua",
    "sekretaris": "Sekretaris",
    "anggota": "Anggota",
}
KEDUDUKAN_ORDER = list(KEDUDUKAN_LABEL)
TUGAS_KEY = {k: f"kbk_{k}" for k in KEDUDUKAN_LABEL}
TUGAS_KEYS = ("kbk", *TUGAS_KEY.values())  # the tugas.yaml keys this type reads


class AnggotaKbk(Model):
    nama: Nama
    nip: NipDigits | None = None
    jabatan: Nama
    kedudukan: KedudukanKbk


class SkKbk(KeputusanKepalaBase):
    """Input of the Keputusan forming a unit's Kelompok Budaya Kerja."""

    DOC_TYPE = "sk-kbk"

    nama_kbk: Nama = Field(description="Nama KBK (Pasal 9 ayat (3)), mis. 'KBK SEMAR'")
    yel_yel: TeksPanjang = Field(description="Kalimat penyemangat/yel-yel (Pasal 12 ayat (2))")
    susunan: list[AnggotaKbk] = Field(
        min_length=1, description="Susunan KBK (Pasal 11 ayat (1)), urut sesuai kedudukan")

    def default_placeholders(self) -> dict[str, str]:
        return {**super().default_placeholders(), "nama_kbk": self.nama_kbk}

    @field_validator("susunan")
    @classmethod
    def _check_susunan(cls, susunan: list[AnggotaKbk]) -> list[AnggotaKbk]:
        counts = Counter(m.kedudukan for m in susunan)
        problems = []
        for kedudukan in ("penanggung_jawab", "ketua", "sekretaris"):
            label = KEDUDUKAN_LABEL[kedudukan]
            if counts[kedudukan] == 0:
                problems.append(f"tidak ada {label}; KBK harus mempunyai tepat satu {label}")
            elif counts[kedudukan] > 1:
                problems.append(f"ada {counts[kedudukan]} {label}; KBK harus mempunyai "
                                f"tepat satu {label}")
        if counts["anggota"] == 0:
            problems.append("KBK harus mempunyai minimal satu Anggota")
        if problems:
            raise ValueError("; ".join(problems) + " (Pasal 11 ayat (1))")
        return susunan


def susunan_sorted(model: SkKbk) -> list[AnggotaKbk]:
    """Members in the order of Pasal 11(1), keeping the typed order within a role."""
    return sorted(model.susunan, key=lambda m: KEDUDUKAN_ORDER.index(m.kedudukan))


def suggested_susunan(jenis: JenisPerangkatDaerah,
                      regulation: Regulation) -> list[dict[str, str]]:
    """Suggested jabatan per kedudukan for a kind of unit (Lampiran III huruf A)."""
    table = regulation.susunan_kbk(jenis)
    return [{"kedudukan": k, "jabatan": table[k]} for k in KEDUDUKAN_ORDER]


def tugas_per_kedudukan(regulation: Regulation) -> list[dict[str, Any]]:
    return [{"kedudukan": KEDUDUKAN_LABEL[k], "butir": regulation.butir(TUGAS_KEY[k])}
            for k in KEDUDUKAN_ORDER]


def bagan_data(model: SkKbk) -> dict[str, list[dict[str, str]]]:
    """Who stands in each box of the bagan organisasi (Lampiran V)."""
    boxes: dict[str, list[dict[str, str]]] = {k: [] for k in KEDUDUKAN_ORDER}
    for member in model.susunan:
        boxes[member.kedudukan].append({"nama": member.nama, "jabatan": member.jabatan})
    return boxes


def build_context(model: SkKbk, regulation: Regulation) -> dict[str, Any]:
    unit = model.perangkat_daerah
    tentang = f"Pembentukan Kelompok Budaya Kerja {unit.nama_lengkap}"
    rows = [
        {"no": i + 1, "nama": m.nama, "nip": nip_utuh(m.nip) if m.nip else "-",
         "jabatan": m.jabatan, "kedudukan": KEDUDUKAN_LABEL[m.kedudukan]}
        for i, m in enumerate(susunan_sorted(model))
    ]
    return {
        **kepala_context(model, tentang, ["susunan", "bagan"], regulation),
        "bagan": Figure(FigureKind.BAGAN_KBK, bagan_data(model), 160, 200),
        "nama_kbk": model.nama_kbk,
        "yel_yel": model.yel_yel,
        "susunan": rows,
        "tugas_kbk": regulation.butir("kbk"),
        "tugas_kedudukan": tugas_per_kedudukan(regulation),
    }
