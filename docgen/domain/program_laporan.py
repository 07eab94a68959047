"""The printed recap of the program (Rekapitulasi Pelaksanaan Pengembangan Budaya Kerja
Kabupaten Purbalingga): who signs it, and the short column heads of its tables.

The recap is signed by the Ketua Tim Pembinaan dan Pengendalian Budaya Kerja Kabupaten
(Pasal 15): the signature line names that capacity (``jabatan``, printed in capitals),
then the official's name and NIP. The default name comes from the latest final Keputusan
forming the Tim (``docgen.documents.rekap_pdf.default_signer``); whoever prints corrects
it in a small form before printing.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, ValidationError

from docgen.domain.common import Model, Nama, NipDigits
from docgen.domain.errors import InputError, from_validation_error
from docgen.domain.nip import format_nip

KETUA_TIM = "Ketua Tim Pembinaan dan Pengendalian Budaya Kerja Kabupaten Purbalingga"
TEMPAT = "Purbalingga"
# The unit document types as the recap's matrix heads them (full titles in its legend).
SINGKATAN = {
    "sk-kbk": "SK KBK", "sk-agen-perubahan": "SK Agen Perubahan",
    "sk-role-model": "SK Role Model", "sk-core-values": "SK Core Values",
    "rencana-tindak": "Tabel 1 Rencana Tindak", "monev-rencana-tindak": "Tabel 2 Monev",
    "kbk-form-a": "Form A", "kbk-form-b": "Form B", "kuesioner-evaluasi": "Kuesioner",
    "laporan-evaluasi": "Laporan Evaluasi", "scored-card": "Scored Card",
    "laporan-bulanan-kbk": "Laporan Bulanan",
}
TANDA = {"final": "F", "draft": "D", None: "\u2013"}  # the matrix's marks
FIELD_LABELS = {"jabatan": "Jabatan penandatangan", "nama": "Nama penandatangan",
                "nip": "NIP penandatangan"}


class PenandatanganRekap(Model):
    """The Ketua Tim Pembinaan as the recap prints them."""

    jabatan: Nama = Field(KETUA_TIM, description="Kedudukan penandatangan, mis. 'Ketua Tim "
                          "Pembinaan dan Pengendalian Budaya Kerja Kabupaten Purbalingga'")
    nama: Nama = Field(description="Nama lengkap dengan gelar")
    nip: NipDigits | None = None

    def context(self) -> dict[str, Any]:
        return {"jabatan_kapital": self.jabatan.upper(), "nama": self.nama,
                "nip": format_nip(self.nip) if self.nip else ""}


def penandatangan(values: dict[str, str]) -> PenandatanganRekap:
    """The signer from a form's texts (empty NIP: none); ``InputError`` whose messages
    name the field in Indonesian."""
    data = {k: (values.get(k) or "").strip() for k in FIELD_LABELS}
    if not data["nip"]:
        data.pop("nip")
    try:
        return PenandatanganRekap.model_validate(data)
    except ValidationError as exc:
        errors = from_validation_error(exc).errors
        raise InputError([type(e)(e.field, f"{FIELD_LABELS.get(e.field, e.field)}: "
                                           f"{e.message}") for e in errors]) from None


def singkatan(type_name: str, title: str) -> str:
    return SINGKATAN.get(type_name, title)
