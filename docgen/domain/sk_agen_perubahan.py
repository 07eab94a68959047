"""sk-agen-perubahan: Keputusan tentang Penetapan Agen Perubahan (Pasal 7(2), Lampiran II)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Self

from pydantic import Field, ValidationInfo, field_validator, model_validator

from docgen.domain import regulation as snapshot
from docgen.domain.common import Model, Nama, NipDigits
from docgen.domain.errors import shown
from docgen.domain.formatting import tanggal_panjang
from docgen.domain.keputusan import KeputusanKepalaBase, kepala_context
from docgen.domain.nip import nip_utuh
from docgen.domain.regulation import Regulation

KRITERIA_KEYS = ("a", "b", "c", "d", "e", "f")
TUGAS_KEYS = ("kriteria_agen_perubahan", "role_model_agen_peran", "role_model_agen_tugas",
              "mekanisme_agen_perubahan")  # the tugas.yaml keys this type reads


def kriteria_teks(regulation: Regulation) -> dict[str, str]:
    """Criterion letter -> wording (Lampiran II huruf A angka 2.1)."""
    return dict(zip(KRITERIA_KEYS, regulation.butir("kriteria_agen_perubahan"), strict=True))


class KriteriaAgen(Model):
    """Confirmation, per criterion of Lampiran II A.2.1, that the agent meets it."""

    a: bool = Field(description="berstatus sebagai ASN")
    b: bool = Field(description="tidak sedang menjalani hukuman disiplin pegawai")
    c: bool = Field(description="bertanggung jawab atas setiap tugas sesuai bidang tugasnya")
    d: bool = Field(description="taat aturan disiplin dan kode etik pegawai")
    e: bool = Field(description="mampu memberikan pengaruh positif bagi organisasinya")
    f: bool = Field(description="inovatif dan proaktif")


class AgenPerubahan(Model):
    nama: Nama
    nip: NipDigits
    pangkat_golongan: Nama = Field(description="mis. 'Penata Tk. I (III/d)'")
    jabatan: Nama
    kriteria: KriteriaAgen

    @field_validator("kriteria")
    @classmethod
    def _all_met(cls, kriteria: KriteriaAgen, info: ValidationInfo) -> KriteriaAgen:
        texts = kriteria_teks(snapshot.of(info))
        unmet = [k for k in KRITERIA_KEYS if not getattr(kriteria, k)]
        if unmet:
            who = shown(str(info.data.get("nama", "agen ini")))
            detail = "; ".join(f"kriteria {k} ({texts[k].rstrip(';.')})" for k in unmet)
            raise ValueError(f"{who} tidak memenuhi {detail} (Lampiran II huruf A angka 2.1)")
        return kriteria


class JangkaWaktu(Model):
    mulai: dt.date
    selesai: dt.date

    @model_validator(mode="after")
    def _order(self) -> Self:
        if self.selesai <= self.mulai:
            raise ValueError("tanggal selesai harus sesudah tanggal mulai")
        return self


class SkAgenPerubahan(KeputusanKepalaBase):
    """Input of the Keputusan appointing the unit's Agen Perubahan."""

    DOC_TYPE = "sk-agen-perubahan"

    agen: list[AgenPerubahan] = Field(min_length=1, description="Agen Perubahan yang ditetapkan")
    jangka_waktu: JangkaWaktu = Field(description="Jangka waktu penugasan (Lampiran II "
                                      "huruf A angka 2.2 angka 3) huruf b)")


def _agen_rows(model: SkAgenPerubahan) -> list[dict[str, Any]]:
    return [{"no": i + 1, "nama": a.nama, "nip": nip_utuh(a.nip),
             "pangkat_golongan": a.pangkat_golongan, "jabatan": a.jabatan}
            for i, a in enumerate(model.agen)]


def build_context(model: SkAgenPerubahan, regulation: Regulation) -> dict[str, Any]:
    unit = model.perangkat_daerah
    tentang = f"Penetapan Agen Perubahan di Lingkungan {unit.nama_lengkap}"
    return {
        **kepala_context(model, tentang, ["daftar"], regulation),
        "agen": _agen_rows(model),
        "peran": regulation.butir("role_model_agen_peran"),
        "tugas": regulation.butir("role_model_agen_tugas"),
        "mekanisme": regulation.butir("mekanisme_agen_perubahan"),
        "mulai": tanggal_panjang(model.jangka_waktu.mulai),
        "selesai": tanggal_panjang(model.jangka_waktu.selesai),
    }
