"""keputusan-penghargaan: Keputusan Bupati tentang Penetapan Pemenang Gelar Budaya Kerja dan
Agen Perubahan Terbaik of a year (Pasal 16 ayat (1) huruf d angka 3, Pasal 17 ayat (2)).

Either list may be empty (a Keputusan on the Gelar alone, or on the agents alone), not
both. A KBK's ``nilai`` is its Scored Card total: its category (Lampiran I bands) must
allow the Gelar (Pasal 16 ayat (1) huruf d angka 2). The ranking is what the Gelar's
assessment decided; where it does not follow the Scored Card totals, ``peringatan`` says
so without blocking the document.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, Field, ValidationInfo, field_validator, model_validator

from docgen.domain import regulation as snapshot
from docgen.domain import scored_card
from docgen.domain.common import Model, Nama, NamaOpsional, NipDigits, TeksOpsional
from docgen.domain.figures import lambang_negara
from docgen.domain.formatting import desimal
from docgen.domain.keputusan import KeputusanBase, keputusan_context
from docgen.domain.nip import nip_utuh
from docgen.domain.regulation import Regulation
from docgen.domain.sk_tim_pembinaan import Bupati

JUDUL_KBK = "Pemenang Gelar Budaya Kerja"
JUDUL_AGEN = "Agen Perubahan Terbaik"


def _dua_desimal(value: float) -> float:
    exponent = Decimal(str(value)).as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise ValueError(f"paling banyak dua angka di belakang koma, bukan {value}")
    return value


Angka100 = Annotated[float, Field(ge=0, le=100), AfterValidator(_dua_desimal)]
PENGHARGAAN_HELP = ("Bentuk penghargaan sebagaimana ketentuan yang berlaku, mis. 'Piagam "
                    "Penghargaan' (boleh dikosongkan)")


class PemenangKbk(Model):
    peringkat: int = Field(ge=1, description="Peringkat hasil penilaian Gelar Budaya Kerja")
    unit_kerja: Nama = Field(description="Perangkat Daerah/Unit Kerja KBK")
    nama_kbk: NamaOpsional | None = Field(None, description="Nama KBK (boleh dikosongkan)")
    nilai: Angka100 = Field(description="Nilai total Scored Card (0\u2013100, dua desimal)")
    penghargaan: TeksOpsional | None = Field(None, description=PENGHARGAAN_HELP)

    @field_validator("nilai")
    @classmethod
    def _layak_gelar(cls, nilai: float, info: ValidationInfo) -> float:
        regulation = snapshot.of(info)
        found = scored_card.kategori(Decimal(str(nilai)), regulation)
        if not scored_card.layak_gelar(found.kode, regulation):
            gelar = regulation.scored_card()["gelar_budaya_kerja"]
            raise ValueError(
                f"nilai {desimal(nilai)} termasuk kategori {found.kode} ({found.sebutan}): "
                f"KBK ini tidak boleh mengikuti Gelar Budaya Kerja, yang hanya diikuti KBK "
                f"kategori {', '.join(gelar['kategori_boleh'])} ({gelar['ref']})")
        return nilai


class AgenTerbaik(Model):
    peringkat: int = Field(ge=1, description="Peringkat hasil monitoring dan evaluasi")
    nama: Nama
    nip: NipDigits | None = None
    jabatan: Nama
    unit_kerja: Nama = Field(description="Perangkat Daerah/Unit Kerja")
    capaian: Angka100 = Field(description="Capaian kinerja rencana tindak (persen, dua "
                              "desimal; Pasal 17 ayat (1) huruf a)")
    penghargaan: TeksOpsional | None = Field(None, description=PENGHARGAAN_HELP)


def _check_peringkat(rows: list[Any]) -> list[Any]:
    """Peringkat 1..n, each once."""
    found = sorted(row.peringkat for row in rows)
    if found != list(range(1, len(rows) + 1)):
        shown = ", ".join(str(p) for p in found)
        raise ValueError(f"peringkat harus 1 sampai {len(rows)}, masing-masing satu kali "
                         f"(terisi: {shown})")
    return rows


class KeputusanPenghargaan(KeputusanBase):
    """Input of the Bupati's Keputusan on the year's Gelar winners and best agents."""

    DOC_TYPE = "keputusan-penghargaan"

    bupati: Bupati
    tahun: int = Field(ge=2020, le=2100, description="Tahun penilaian")
    pemenang_kbk: list[PemenangKbk] = Field(
        default_factory=list, description="KBK pemenang Gelar Budaya Kerja (Pasal 16 ayat (1) "
        "huruf d angka 3)")
    agen_perubahan_terbaik: list[AgenTerbaik] = Field(
        default_factory=list, description="Agen Perubahan dengan hasil penilaian terbaik "
        "(Pasal 17 ayat (2))")

    _peringkat_kbk = field_validator("pemenang_kbk")(_check_peringkat)
    _peringkat_agen = field_validator("agen_perubahan_terbaik")(_check_peringkat)

    @model_validator(mode="before")
    @classmethod
    def _one_list(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("pemenang_kbk") \
                and not data.get("agen_perubahan_terbaik"):
            raise ValueError("isi pemenang_kbk atau agen_perubahan_terbaik (sekurang-"
                             "kurangnya satu pemenang)")
        return data

    def tentang(self) -> str:
        subject = " dan ".join(title for title, rows in (
            (JUDUL_KBK, self.pemenang_kbk), (JUDUL_AGEN, self.agen_perubahan_terbaik)) if rows)
        return f"Penetapan {subject} Tahun {self.tahun}"

    def peringatan(self, regulation: Regulation) -> list[str]:
        """Also: a ranking that does not follow the Scored Card totals."""
        ranked = sorted(self.pemenang_kbk, key=lambda p: p.peringkat)
        late = [b for a, b in zip(ranked, ranked[1:], strict=False) if b.nilai > a.nilai]
        return [*super().peringatan(regulation),
                *(f"pemenang_kbk: peringkat {p.peringkat} ({p.unit_kerja}) bernilai lebih "
                  f"tinggi daripada peringkat {p.peringkat - 1}; periksa hasil penilaian Gelar "
                  "Budaya Kerja" for p in late)]


def _kbk_rows(model: KeputusanPenghargaan, regulation: Regulation) -> list[dict[str, Any]]:
    rows = []
    for p in sorted(model.pemenang_kbk, key=lambda p: p.peringkat):
        found = scored_card.kategori(Decimal(str(p.nilai)), regulation)
        rows.append({"peringkat": p.peringkat, "unit_kerja": p.unit_kerja,
                     "nama_kbk": p.nama_kbk or "", "nilai": desimal(p.nilai),
                     "kategori": found.kode, "sebutan": found.sebutan,
                     "penghargaan": p.penghargaan or ""})
    return rows


def _agen_rows(model: KeputusanPenghargaan) -> list[dict[str, Any]]:
    return [{"peringkat": a.peringkat, "nama": a.nama, "nip": nip_utuh(a.nip) if a.nip else "",
             "jabatan": a.jabatan, "unit_kerja": a.unit_kerja,
             "capaian": f"{desimal(a.capaian)}\u00a0%", "penghargaan": a.penghargaan or ""}
            for a in sorted(model.agen_perubahan_terbaik, key=lambda a: a.peringkat)]


def build_context(model: KeputusanPenghargaan, regulation: Regulation) -> dict[str, Any]:
    lampiran = [name for name, rows in (("kbk", model.pemenang_kbk),
                                        ("agen", model.agen_perubahan_terbaik)) if rows]
    return {
        **keputusan_context(model, model.tentang(), lampiran, regulation),
        "lambang": lambang_negara(),
        "penandatangan": {"nama": model.bupati.nama.upper()},
        "tahun": model.tahun,
        "pemenang_kbk": _kbk_rows(model, regulation),
        "agen": _agen_rows(model),
    }
