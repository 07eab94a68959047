"""laporan-evaluasi: Laporan Evaluasi Pelaksanaan Pengembangan Budaya Kerja (Lampiran IV).

One row per respondent (totals and categories of groups I-III), a RATA-RATA row, the count
of respondents per category and a chart of the averages against the category bands.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field

from docgen.domain import evaluasi
from docgen.domain.common import Model, Nama, NipDigits, TeksPanjangOpsional
from docgen.domain.figures import Figure, FigureKind
from docgen.domain.formatting import tanggal_panjang
from docgen.domain.nip import parse_nip
from docgen.domain.regulation import Regulation

GRAFIK_WIDTH_MM, GRAFIK_HEIGHT_MM = 250, 85


class Responden(Model):
    jabatan: Nama = Field(description="Nama jabatan responden (Lampiran IV: Responden)")
    jawaban: evaluasi.Jawaban
    keterangan: TeksPanjangOpsional | None = Field(None, description="Keterangan bebas")


class PenanggungJawabEvaluasi(Model):
    nama: Nama
    jabatan: Nama = Field(description="mis. 'Sekretaris Dinas' (Lampiran IV, petunjuk)")
    pangkat_golongan: Nama = Field(description="mis. 'Pembina (IV/a)'")
    nip: NipDigits


class LaporanEvaluasi(Model):
    """Input of the Laporan Evaluasi; ``responden`` may also come from a spreadsheet."""

    unit_kerja: Nama = Field(description="Nama unit kerja yang dievaluasi")
    tanggal: dt.date = Field(description="Tanggal pelaporan (YYYY-MM-DD)")
    penanggung_jawab: PenanggungJawabEvaluasi
    responden: list[Responden] = Field(
        min_length=1, description="Satu isian per responden",
        # the web form offers the answer-sheet upload above the rows (also on a new page)
        json_schema_extra={"x-widget": "kuesioner_responden"})


def _row(no: int, responden: Responden, regulation: Regulation) -> dict[str, Any]:
    result = evaluasi.skor(responden.jawaban, regulation)
    row: dict[str, Any] = {"no": no, "jabatan": responden.jabatan,
                           "keterangan": responden.keterangan or ""}
    for index, group in enumerate(evaluasi.kelompok_list(regulation), start=1):
        row[f"ts{index}"] = str(result.total[group.kode])
        row[f"ka{index}"] = result.kategori[group.kode].label
    return row


def _averages(model: LaporanEvaluasi, regulation: Regulation
              ) -> tuple[dict[str, str], list[dict[str, Any]]]:
    rata: dict[str, str] = {}
    grafik = []
    for index, group in enumerate(evaluasi.kelompok_list(regulation), start=1):
        mean = evaluasi.rata_rata([group.total(r.jawaban) for r in model.responden])
        rata[f"ts{index}"] = evaluasi.rata_rata_teks(mean)
        rata[f"ka{index}"] = evaluasi.kategori_rata_rata(group, mean).label
        grafik.append({"kode": group.kode, "judul": group.singkat, "rata": float(mean),
                       "teks": rata[f"ts{index}"], "kategori": rata[f"ka{index}"],
                       "bands": [[b.minimum, b.maksimum, b.kategori.label]
                                 for b in group.bands]})
    return rata, grafik


def rekap_kategori(model: LaporanEvaluasi, regulation: Regulation) -> list[dict[str, Any]]:
    """Per category: its band and number of respondents in each group."""
    groups = evaluasi.kelompok_list(regulation)
    results = [evaluasi.skor(r.jawaban, regulation) for r in model.responden]
    rows = []
    for kategori in evaluasi.kategori_list(regulation):
        row: dict[str, Any] = {"label": kategori.label, "keterangan": kategori.keterangan}
        for index, group in enumerate(groups, start=1):
            band = next(b for b in group.bands if b.kategori == kategori)
            row[f"rentang{index}"] = band.rentang
            row[f"jumlah{index}"] = str(sum(1 for s in results
                                            if s.kategori[group.kode] == kategori))
        rows.append(row)
    return rows


def build_context(model: LaporanEvaluasi, regulation: Regulation) -> dict[str, Any]:
    pj = model.penanggung_jawab
    rata, grafik = _averages(model, regulation)
    return {
        "unit_kerja": model.unit_kerja,
        "tanggal": tanggal_panjang(model.tanggal),
        "penanggung_jawab": {"nama": pj.nama, "jabatan": pj.jabatan,
                             "pangkat_golongan": pj.pangkat_golongan,
                             "nip": parse_nip(pj.nip).formatted()},
        "responden": [_row(i + 1, r, regulation) for i, r in enumerate(model.responden)],
        "rata": rata,
        "rekap": rekap_kategori(model, regulation),
        "jumlah_responden": str(len(model.responden)),
        "grafik": Figure(FigureKind.GRAFIK_EVALUASI, {"kelompok": grafik}, GRAFIK_WIDTH_MM,
                         GRAFIK_HEIGHT_MM),
    }
