"""What every Keputusan shares: header fields, defaults, and the common render context."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Self

from pydantic import Field, ValidationInfo, model_validator

from docgen.domain import regulation as snapshot
from docgen.domain.common import Model, Penandatangan, PerangkatDaerah, Teks, TeksPanjang
from docgen.domain.figures import lambang_daerah
from docgen.domain.formatting import DiktumCounter, huruf, romawi, tanggal_panjang
from docgen.domain.nip import parse_nip
from docgen.domain.paraf import kotak_kosong
from docgen.domain.regulation import Regulation

ATAS_NAMA_BUPATI = "a.n. BUPATI PURBALINGGA,"  # Pasal 9 ayat (2): KBK set up a.n. Bupati


class KeputusanBase(Model):
    """Fields of every Keputusan. ``menimbang``/``mengingat`` default to the type's list."""

    DOC_TYPE: ClassVar[str]

    nomor: Teks = Field(description="Nomor Keputusan, mis. '800/123/2024'")
    tanggal: dt.date = Field(description="Tanggal penetapan (YYYY-MM-DD)")
    menimbang: list[TeksPanjang] | None = Field(
        None, min_length=1,
        description="Konsiderans menimbang; kosongkan untuk memakai teks baku jenis ini")
    mengingat: list[TeksPanjang] | None = Field(
        None, min_length=1,
        description="Dasar hukum; kosongkan untuk memakai daftar baku jenis ini")
    memperhatikan: list[TeksPanjang] = Field(default_factory=list)
    tembusan: list[Teks] = Field(default_factory=list)

    def default_placeholders(self) -> dict[str, str]:
        return {}

    @model_validator(mode="after")
    def _fill_defaults(self, info: ValidationInfo) -> Self:
        """Empty lists take the type's defaults from the snapshot in the validation
        context (``regulation.validation_context``)."""
        if self.menimbang is None or self.mengingat is None:
            menimbang, mengingat = snapshot.of(info).keputusan_default(
                self.DOC_TYPE, tanggal=self.tanggal, **self.default_placeholders())
            if self.menimbang is None:
                self.menimbang = menimbang
            if self.mengingat is None:
                self.mengingat = mengingat
        return self

    def peringatan(self, regulation: Regulation) -> list[str]:
        """Mengingat entries out of date on the Keputusan's date (revoked, amendment not
        named, not yet enacted), as messages for the user; the document still renders."""
        return [f"Mengingat angka {number} mengutip {issue}"
                for number, text in enumerate(self.mengingat or [], start=1)
                for issue in regulation.citation_issues(text, self.tanggal)]


class KeputusanKepalaBase(KeputusanBase):
    """A Keputusan of the head of a unit, on the unit's letterhead."""

    perangkat_daerah: PerangkatDaerah
    penandatangan: Penandatangan

    def default_placeholders(self) -> dict[str, str]:
        return {"unit": self.perangkat_daerah.nama_lengkap,
                "jabatan": self.penandatangan.jabatan}


def numbered(items: list[str], letters: bool = False) -> list[dict[str, str]]:
    """[{'no': 'a.', 'teks': ...}] or [{'no': '1.', ...}] for hanging-indent lists."""
    return [{"no": (huruf(i) if letters else str(i + 1)) + ".", "teks": text}
            for i, text in enumerate(items)]


def pejabat_context(pejabat: Penandatangan) -> dict[str, str]:
    return {
        "nama": pejabat.nama,
        "jabatan": pejabat.jabatan,
        "jabatan_kapital": pejabat.jabatan.upper(),
        "pangkat": pejabat.pangkat,
        "nip": parse_nip(pejabat.nip).formatted(),
    }


def kop_context(unit: PerangkatDaerah) -> dict[str, Any]:
    alamat = [unit.alamat, f"Telp./Fax. {unit.telepon}" if unit.telepon else None,
              f"Purbalingga {unit.kode_pos}" if unit.kode_pos else None]
    kontak = [f"Laman: {unit.laman}" if unit.laman else None,
              f"E-mail: {unit.email}" if unit.email else None]
    return {
        "pemerintah": "PEMERINTAH KABUPATEN PURBALINGGA",
        "nama": unit.nama.upper() + (f" ({unit.singkatan})" if unit.singkatan else ""),
        "alamat": " ".join(p for p in alamat if p),
        "kontak": "  ".join(p for p in kontak if p),
    }


def keputusan_context(model: KeputusanBase, tentang: str, lampiran: list[str],
                      regulation: Regulation | None = None) -> dict[str, Any]:
    """Context keys every Keputusan template uses.

    ``lampiran`` names the attachments in order; their Roman numbers are computed here
    ("LAMPIRAN" alone when there is only one). ``paraf``: the paraf box before the chain
    starts (jabatan rows, empty cells; a final's filled box comes from ``docgen.paraf``).
    """
    def label(index: int) -> str:
        return "Lampiran" if len(lampiran) == 1 else f"Lampiran {romawi(index + 1)}"

    lampiran_no = {name: {"sebutan": label(i), "judul": label(i).upper()}
                   for i, name in enumerate(lampiran)}
    context = {
        "nomor": model.nomor,
        "tanggal": tanggal_panjang(model.tanggal),
        "tentang_kapital": tentang.upper(),
        "menimbang": numbered(model.menimbang or [], letters=True),  # filled in by now
        "mengingat": numbered(model.mengingat or []),
        "memperhatikan": numbered(model.memperhatikan) if len(model.memperhatikan) > 1
        else [{"no": "", "teks": t} for t in model.memperhatikan],
        "tembusan": numbered(model.tembusan),
        "diktum": DiktumCounter(),
        "paraf": kotak_kosong(regulation or Regulation.bundled(), model.DOC_TYPE),
    }
    if lampiran:
        context["lampiran"] = lampiran_no
    return context


def kepala_context(model: KeputusanKepalaBase, tentang: str, lampiran: list[str],
                   regulation: Regulation) -> dict[str, Any]:
    """Context of a Keputusan of a unit's head: the common keys plus kop and signer.

    ``atas_nama`` is "a.n. BUPATI PURBALINGGA," (the line above the head's jabatan) when the
    type is signed on behalf of the Bupati (``keputusan_default.yaml``), else "".
    """
    unit = model.perangkat_daerah
    return {
        **keputusan_context(model, tentang, lampiran, regulation),
        "kop": kop_context(unit),
        "lambang": lambang_daerah(),
        "unit": unit.nama_lengkap,
        "penandatangan": pejabat_context(model.penandatangan),
        "atas_nama": ATAS_NAMA_BUPATI if regulation.atas_nama_bupati(model.DOC_TYPE) else "",
    }
