"""Input building blocks shared by every document type."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from docgen.domain.nip import parse_nip

KABUPATEN = "Kabupaten Purbalingga"

JenisPerangkatDaerah = Literal[
    "sekretariat_daerah", "sekretariat_dprd", "inspektorat", "dinas", "badan", "uptd", "kecamatan"
]

Teks = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
NipDigits = Annotated[
    str,
    AfterValidator(lambda raw: parse_nip(raw).digits),
    Field(description="NIP 18 digit (spasi boleh), mis. 19740706 199311 1 001",
          examples=["19740706 199311 1 001"]),
]


class Model(BaseModel):
    """Strict base: unknown fields are errors, text is trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class PerangkatDaerah(Model):
    """The unit (perangkat daerah/unit kerja) and its kop surat."""

    nama: Teks = Field(description="Nama unit tanpa 'Kabupaten Purbalingga', mis. 'Dinas "
                       "Penanaman Modal dan Pelayanan Terpadu Satu Pintu'")
    jenis: JenisPerangkatDaerah
    singkatan: str | None = Field(None, description="mis. DPMPTSP")
    alamat: str | None = Field(None, description="Alamat kantor, mis. 'Jl. May. Jend "
                               "Sungkono Km 2'")
    telepon: str | None = None
    kode_pos: str | None = None
    laman: str | None = None
    email: str | None = None

    @property
    def nama_lengkap(self) -> str:
        return f"{self.nama} {KABUPATEN}"


class Penandatangan(Model):
    """The official who signs (head of the unit)."""

    nama: Teks = Field(description="Nama lengkap dengan gelar, mis. 'ATO SUSANTO, AP., M.Si.'")
    jabatan: Teks = Field(description="Jabatan lengkap, mis. 'Kepala Dinas Penanaman Modal dan "
                          "Pelayanan Terpadu Satu Pintu Kabupaten Purbalingga'")
    pangkat: Teks = Field(description="Pangkat, mis. 'Pembina Utama Muda'")
    nip: NipDigits


class Pegawai(Model):
    """An ASN named in a document."""

    nama: Teks
    nip: NipDigits | None = None
    pangkat_golongan: str | None = Field(None, description="mis. 'Penata Tk. I (III/d)'")
    jabatan: Teks
