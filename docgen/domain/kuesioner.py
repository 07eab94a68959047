"""kuesioner-evaluasi: Formulir Pertanyaan Evaluasi (Lampiran IV), blank or filled.

Without ``jawaban`` the form is blank for printing; with the 32 answers of one respondent
the chosen options are marked and each group shows its total and category.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field

from docgen.domain import evaluasi
from docgen.domain.common import Model, NamaOpsional, TeksOpsional
from docgen.domain.formatting import tanggal_panjang
from docgen.domain.regulation import Regulation

KOTAK, KOTAK_DIPILIH = "\u2610", "\u2612"
TITIK = "." * 60
TITIK_PENDEK = "." * 12


class KuesionerEvaluasi(Model):
    """All fields optional: an empty object gives the blank form."""

    tanggal: dt.date | None = Field(None, description="Tanggal pengisian (YYYY-MM-DD)")
    instansi: NamaOpsional | None = Field(
        None, description="mis. 'Pemerintah Kabupaten Purbalingga'")
    satuan_unit_kerja: NamaOpsional | None = Field(None, description="Satuan/Unit Kerja responden")
    alamat_instansi: TeksOpsional | None = None
    jabatan_responden: NamaOpsional | None = Field(None, description="Nama jabatan responden")
    jawaban: evaluasi.Jawaban | None = Field(
        None, description="Kosongkan untuk formulir kosong; atau 32 jawaban 1-4")


def _opsi(pertanyaan: evaluasi.Pertanyaan, chosen: int | None) -> list[dict[str, Any]]:
    return [{"nomor": i, "label": label, "kotak": KOTAK_DIPILIH if chosen == i else KOTAK}
            for i, label in enumerate(pertanyaan.skala, start=1)]


def _kelompok(group: evaluasi.Kelompok, jawaban: list[int] | None,
              regulation: Regulation) -> dict[str, Any]:
    questions = evaluasi.pertanyaan_list(regulation)[group.pertama - 1:group.terakhir]
    if jawaban is None:
        total, hasil = TITIK_PENDEK, TITIK
    else:
        value = group.total(jawaban)
        total, hasil = str(value), group.kategori(value).lengkap
    return {
        "kode": group.kode,
        "judul": group.judul,
        "pengantar": list(group.pengantar),
        "pertanyaan": [{"nomor": q.nomor, "teks": q.teks,
                        "opsi": _opsi(q, jawaban[q.nomor - 1] if jawaban else None)}
                       for q in questions],
        "kategori": [{"rentang": b.rentang, "label": b.kategori.label,
                      "keterangan": b.kategori.keterangan} for b in group.bands],
        "total": total,
        "hasil": hasil,
    }


def build_context(model: KuesionerEvaluasi, regulation: Regulation) -> dict[str, Any]:
    def isi(value: str | None) -> str:
        return value if value else TITIK

    return {
        "terisi": model.jawaban is not None,
        "petunjuk": list(regulation.kuesioner()["petunjuk"]),
        "kelompok": [_kelompok(g, model.jawaban, regulation)
                     for g in evaluasi.kelompok_list(regulation)],
        "identitas": {
            "tanggal": tanggal_panjang(model.tanggal) if model.tanggal else TITIK,
            "instansi": isi(model.instansi),
            "satuan_unit_kerja": isi(model.satuan_unit_kerja),
            "alamat_instansi": isi(model.alamat_instansi),
            "jabatan_responden": isi(model.jabatan_responden),
        },
    }
