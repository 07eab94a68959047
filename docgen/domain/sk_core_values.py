"""sk-core-values: Keputusan Kepala Perangkat Daerah tentang Penetapan Core Values,
Employer Branding dan Slogan Budaya Layanan ASN (model: Keputusan Kepala DPMPTSP
Nomor 503/1403/2021 in the seed)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from docgen.domain.common import Model, Nama, NamaOpsional, Teks, TeksPanjang
from docgen.domain.keputusan import KeputusanKepalaBase, kepala_context
from docgen.domain.regulation import Regulation


class NilaiDasar(Model):
    nama: Nama = Field(description="mis. 'Akuntabel'")
    makna: TeksPanjang = Field(
        description="mis. 'bertanggungjawab atas kepercayaan yang diberikan'")
    panduan_nama: NamaOpsional | None = Field(
        None, description="Judul pada daftar panduan perilaku bila berbeda dari nama")
    panduan: list[TeksPanjang] = Field(min_length=1, description="Panduan perilaku (kode etik)")


class CoreValues(Model):
    nama: Nama = Field("berAKHLAK", description="Nama core values, mis. 'berAKHLAK'")
    nilai: list[NilaiDasar] = Field(min_length=1)


class EmployerBranding(Model):
    semboyan: Teks = Field("Bangga Melayani Bangsa")
    uraian: list[TeksPanjang] = Field(default_factory=list)


class Slogan(Model):
    nama: Nama = Field(description="mis. 'SEMAR'")
    pengantar: TeksPanjang = Field(description="Kalimat pengantar penetapan slogan")
    unsur: list[Teks] = Field(min_length=1, description="Unsur slogan, satu per baris")
    landasan: TeksPanjang = Field(description="Landasan filosofis slogan")


class SkCoreValues(KeputusanKepalaBase):
    """Input of the Keputusan setting the unit's core values, branding and slogan."""

    DOC_TYPE = "sk-core-values"

    core_values: CoreValues
    employer_branding: EmployerBranding = Field(default_factory=EmployerBranding)
    slogan: Slogan


def build_context(model: SkCoreValues, regulation: Regulation) -> dict[str, Any]:
    unit = model.perangkat_daerah
    tentang = ("Penetapan Core Values, Employer Branding dan Slogan Budaya Layanan Aparatur "
               f"Sipil Negara (ASN) di Lingkungan {unit.nama_lengkap}")
    return {
        **kepala_context(model, tentang, ["nilai"], regulation),
        "unit_singkat": unit.nama,
        "core_values": model.core_values.model_dump(),
        "nilai": [{"nama": n.nama, "makna": n.makna, "judul": n.panduan_nama or n.nama,
                   "panduan": n.panduan} for n in model.core_values.nilai],
        "employer_branding": model.employer_branding.model_dump(),
        "slogan": model.slogan.model_dump(),
    }
