"""Input building blocks shared by every document type."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from docgen.domain.nip import parse_nip

KABUPATEN = "Kabupaten Purbalingga"

JenisPerangkatDaerah = Literal[
    "sekretariat_daerah", "sekretariat_dprd", "inspektorat", "dinas", "badan", "uptd", "kecamatan"
]



# Anything but an XML 1.0 ``Char``: a DOCX (WordprocessingML) cannot hold it.
_BUKAN_KARAKTER_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def karakter_ilegal(value: str) -> str | None:
    """The message for the first character of ``value`` a DOCX cannot hold, else None."""
    found = _BUKAN_KARAKTER_XML.search(value)
    if found is None:
        return None
    return (f"teks berisi karakter yang tidak diizinkan (U+{ord(found.group()):04X}) "
            f"pada posisi {found.start() + 1}")


def tolak_karakter_ilegal(value: str) -> str:
    """Refuse characters a DOCX cannot hold (NUL, control characters, U+FFFE, ...)."""
    message = karakter_ilegal(value)
    if message is not None:
        raise ValueError(message)
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
