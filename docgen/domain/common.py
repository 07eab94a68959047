"""Input building blocks shared by every document type."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from docgen.domain.nip import parse_nip

KABUPATEN = "Kabupaten Purbalingga"

JenisPerangkatDaerah = Literal[
    "sekretariat_daerah", "sekretariat_dprd", "inspektorat", "dinas", "badan", "uptd", "kecamatan"
]



def _xml_char_ok(code: int) -> bool:
    """XML 1.0 ``Char``: a DOCX (WordprocessingML) cannot hold anything else."""
    return (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF)


def tolak_karakter_ilegal(value: str) -> str:
    """Refuse characters a DOCX cannot hold (NUL, control characters, U+FFFE, ...)."""
    for pos, char in enumerate(value, start=1):
        if not _xml_char_ok(ord(char)):
            raise ValueError(f"teks berisi karakter yang tidak diizinkan "
                             f"(U+{ord(char):04X}) pada posisi {pos}")
    return value


_XmlAman = AfterValidator(tolak_karakter_ilegal)

# Free-text types. Every text that reaches a document goes through one of them: trimmed,
# bounded (``maxLength`` in the JSON Schema) and limited to characters XML 1.0 allows.
MAKS_NAMA = 300  # names, jabatan, pangkat, unit kerja
MAKS_TEKS = 500  # short texts: nomor, waktu, tema, ...
MAKS_TEKS_PANJANG = 5000  # descriptive texts: hasil, kendala, menimbang, yel-yel, ...

Nama = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                        max_length=MAKS_NAMA), _XmlAman]
Teks = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                        max_length=MAKS_TEKS), _XmlAman]
TeksPanjang = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                               max_length=MAKS_TEKS_PANJANG), _XmlAman]
# Optional variants (``X | None``): an empty string stays allowed, as it was for plain str.
NamaOpsional = Annotated[str, StringConstraints(strip_whitespace=True,
                                                max_length=MAKS_NAMA), _XmlAman]
TeksOpsional = Annotated[str, StringConstraints(strip_whitespace=True,
                                                max_length=MAKS_TEKS), _XmlAman]
TeksPanjangOpsional = Annotated[str, StringConstraints(strip_whitespace=True,
                                                       max_length=MAKS_TEKS_PANJANG), _XmlAman]
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

    nama: Nama = Field(description="Nama unit tanpa 'Kabupaten Purbalingga', mis. 'Dinas "
                       "Penanaman Modal dan Pelayanan Terpadu Satu Pintu'")
    jenis: JenisPerangkatDaerah
    singkatan: NamaOpsional | None = Field(None, description="mis. DPMPTSP")
    alamat: TeksOpsional | None = Field(None, description="Alamat kantor, mis. 'Jl. May. Jend "
                               "Sungkono Km 2'")
    telepon: TeksOpsional | None = None
    kode_pos: TeksOpsional | None = None
    laman: TeksOpsional | None = None
    email: TeksOpsional | None = None

    @property
    def nama_lengkap(self) -> str:
        return f"{self.nama} {KABUPATEN}"


class Penandatangan(Model):
    """The official who signs (head of the unit)."""

    nama: Nama = Field(description="Nama lengkap dengan gelar, mis. 'ATO SUSANTO, AP., M.Si.'")
    jabatan: Nama = Field(description="Jabatan lengkap, mis. 'Kepala Dinas Penanaman Modal dan "
                          "Pelayanan Terpadu Satu Pintu Kabupaten Purbalingga'")
    pangkat: Nama = Field(description="Pangkat, mis. 'Pembina Utama Muda'")
    nip: NipDigits


class Pegawai(Model):
    """An ASN named in a document."""

    nama: Nama
    nip: NipDigits | None = None
    pangkat_golongan: NamaOpsional | None = Field(None, description="mis. 'Penata Tk. I (III/d)'")
    jabatan: Nama
