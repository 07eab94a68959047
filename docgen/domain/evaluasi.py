"""Scoring of the evaluation questionnaire (Lampiran IV): group totals and categories.

Every number comes from ``data/kuesioner.yaml``: which items form a group, the scale of
each item, and the category bands of each group. A LOWER total is BETTER.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo

from docgen.domain import regulation as snapshot
from docgen.domain.formatting import desimal, round_half_up
from docgen.domain.regulation import Regulation


@dataclass(frozen=True)
class Kategori:
    kode: str
    label: str  # BAGUS, BELUM BAGUS, ...
    keterangan: str

    @property
    def lengkap(self) -> str:
        return f"{self.label} \u2013 {self.keterangan}"


@dataclass(frozen=True)
class Band:
    minimum: int
    maksimum: int
    kategori: Kategori

    @property
    def rentang(self) -> str:
        """'05-06' as printed in the regulation's tables."""
        return f"{self.minimum:02d}-{self.maksimum:02d}"


@dataclass(frozen=True)
class Pertanyaan:
    nomor: int
    teks: str
    skala: tuple[str, ...]
    sumber_sekunder: bool


@dataclass(frozen=True)
class Kelompok:
    kode: str  # I, II, III
    judul: str
    singkat: str
    pengantar: tuple[str, ...]
    pertama: int
    terakhir: int
    bands: tuple[Band, ...]

    @property
    def minimum(self) -> int:
        return self.bands[0].minimum

    @property
    def maksimum(self) -> int:
        return self.bands[-1].maksimum

    def total(self, jawaban: list[int]) -> int:
        return sum(jawaban[self.pertama - 1:self.terakhir])

    def kategori(self, total: int | Decimal) -> Kategori:
        for band in self.bands:
            if band.minimum <= total <= band.maksimum:
                return band.kategori
        raise ValueError(f"total skor kelompok {self.kode} di luar rentang "
                         f"{self.minimum}-{self.maksimum}: {total}")


def kategori_list(regulation: Regulation) -> tuple[Kategori, ...]:
    return regulation.cached(_kategori_list)


def _kategori_list(regulation: Regulation) -> tuple[Kategori, ...]:
    return tuple(Kategori(k["kode"], k["label"], k["keterangan"])
                 for k in regulation.kuesioner()["kategori"])


def kelompok_list(regulation: Regulation) -> tuple[Kelompok, ...]:
    return regulation.cached(_kelompok_list)


def _kelompok_list(regulation: Regulation) -> tuple[Kelompok, ...]:
    by_code = {k.kode: k for k in kategori_list(regulation)}
    groups = []
    for entry in regulation.kuesioner()["kelompok"]:
        bands = tuple(Band(lo, hi, by_code[code]) for lo, hi, code in entry["batas"])
        first, last = entry["butir"]
        groups.append(Kelompok(entry["kode"], entry["judul"], entry["singkat"],
                               tuple(entry["pengantar"]), first, last, bands))
    return tuple(groups)


def kelompok(kode: str, regulation: Regulation) -> Kelompok:
    return next(k for k in kelompok_list(regulation) if k.kode == kode)


def pertanyaan_list(regulation: Regulation) -> tuple[Pertanyaan, ...]:
    return regulation.cached(_pertanyaan_list)


def _pertanyaan_list(regulation: Regulation) -> tuple[Pertanyaan, ...]:
    data = regulation.kuesioner()
    return tuple(Pertanyaan(q["nomor"], q["teks"], tuple(data["skala"][q["skala"]]["label"]),
                            q.get("status") == "sumber_sekunder")
                 for q in data["pertanyaan"])


def jumlah_pertanyaan(regulation: Regulation) -> int:
    return int(regulation.kuesioner()["skor"]["jumlah_pertanyaan"])


def nilai_range(regulation: Regulation) -> tuple[int, int]:
    skor = regulation.kuesioner()["skor"]
    return skor["nilai_min"], skor["nilai_max"]


def check_jawaban(jawaban: list[int], regulation: Regulation) -> list[int]:
    """All questions answered, each 1-4 (Lampiran IV); ValueError names the questions."""
    expected = jumlah_pertanyaan(regulation)
    if len(jawaban) != expected:
        raise ValueError(f"harus berisi tepat {expected} jawaban (seluruh pertanyaan wajib "
                         f"diisi), bukan {len(jawaban)}")
    low, high = nilai_range(regulation)
    bad = [f"pertanyaan nomor {i + 1} bernilai {_angka(v)}" for i, v in enumerate(jawaban)
           if not low <= v <= high]
    if bad:
        raise ValueError(f"nilai jawaban harus {low}\u2013{high}: " + "; ".join(bad))
    return jawaban


def _angka(value: int) -> str:
    """A refused answer as typed, unless it is too long to repeat back (10**400)."""
    return str(value) if abs(value) < 10**12 else "angka di luar rentang"


def _validate_jawaban(jawaban: list[int], info: ValidationInfo) -> list[int]:
    return check_jawaban(jawaban, snapshot.of(info))


def _unanswered(jawaban: Any) -> Any:
    """A list with blanks (a question left empty in the form's grid) names the questions."""
    if isinstance(jawaban, list):
        blank = [str(i + 1) for i, v in enumerate(jawaban) if v is None or v == ""]
        if blank:
            raise ValueError(f"pertanyaan {', '.join(blank)}: belum diisi")
    return jawaban


def grid_data(regulation: Regulation) -> dict[str, Any]:
    """What the form's answer grid shows: each question's text and options, by group."""
    return {
        "kelompok": [{"kode": k.kode, "judul": k.judul, "pertama": k.pertama,
                      "terakhir": k.terakhir} for k in kelompok_list(regulation)],
        "pertanyaan": [{"nomor": q.nomor, "teks": q.teks, "skala": list(q.skala)}
                       for q in pertanyaan_list(regulation)],
    }


Jawaban = Annotated[
    list[int],
    BeforeValidator(_unanswered),
    AfterValidator(_validate_jawaban),
    Field(description="32 jawaban berurutan (pertanyaan 1-32), masing-masing 1-4; "
                      "1 = Ya/Sangat Tinggi ... 4 = Tidak/Kurang",
          json_schema_extra={"minItems": 32, "maxItems": 32,
                             "items": {"type": "integer", "minimum": 1, "maximum": 4},
                             # the web form shows a grid of choices (kuesioner_grid.html)
                             "x-widget": "kuesioner_grid",
                             "x-widget-data": grid_data(Regulation.bundled())}),
]


@dataclass(frozen=True)
class Skor:
    """Totals and categories of one respondent, per group code."""

    total: dict[str, int]
    kategori: dict[str, Kategori]


def skor(jawaban: list[int], regulation: Regulation) -> Skor:
    check_jawaban(jawaban, regulation)
    groups = kelompok_list(regulation)
    totals = {k.kode: k.total(jawaban) for k in groups}
    return Skor(totals, {k.kode: k.kategori(totals[k.kode]) for k in groups})


def rata_rata(totals: list[int]) -> Decimal:
    """Exact mean of the group totals (Decimal)."""
    if not totals:
        raise ValueError("rata-rata memerlukan minimal satu responden")
    return Decimal(sum(totals)) / Decimal(len(totals))


def kategori_rata_rata(group: Kelompok, mean: Decimal) -> Kategori:
    """Category of an average: the printed two-decimal mean, rounded half up to an integer."""
    printed = round_half_up(mean, 2)
    return group.kategori(int(round_half_up(printed, 0)))


def rata_rata_teks(mean: Decimal) -> str:
    """11.5 -> '11,50'."""
    return desimal(mean, 2)


def kategori_table(regulation: Regulation) -> list[dict[str, Any]]:
    """The three category tables of the questionnaire, for templates."""
    return [{"kode": k.kode, "judul": k.judul,
             "baris": [{"rentang": b.rentang, "label": b.kategori.label,
                        "keterangan": b.kategori.keterangan} for b in k.bands]}
            for k in kelompok_list(regulation)]
