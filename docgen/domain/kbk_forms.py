"""kbk-form-a and kbk-form-b: the KBK forms of Lampiran III huruf C.

Form B is one chained document: B-1 lists the problems (each with a ``kode``); B-2 takes
the problems of category Penting, then Sedang (and Tidak only when asked), in B-1 order
within a category; B-3 takes B-2's rows and B-4 takes B-3's. Each later form's own columns
are given in the input as an object keyed by the problem's ``kode``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Literal, Self

from pydantic import Field, ValidationError, ValidationInfo, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from docgen.domain import regulation as snapshot
from docgen.domain.bulan import BULAN, NamaBulan, bulan_dalam_teks, jadwal_bulan
from docgen.domain.common import Model, Nama, NipDigits, Teks, TeksPanjang, TeksPanjangOpsional
from docgen.domain.errors import shown
from docgen.domain.formatting import tanggal_panjang
from docgen.domain.nip import parse_nip
from docgen.domain.regulation import Regulation

KategoriMasalah = Literal["penting", "sedang", "tidak"]
Kode = Teks


class KetuaKbk(Model):
    nama: Nama = Field(description="Nama lengkap dengan gelar (bila ada)")
    nip: NipDigits | None = None


class FormKbkBase(Model):
    """What every KBK form ends with: Purbalingga, tanggal; Ketua KBK <unit>; nama."""

    unit_kerja: Nama = Field(description="Perangkat Daerah/Unit Kerja, mis. 'Dinas Penanaman "
                             "Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Purbalingga'")
    tanggal: dt.date = Field(description="Tanggal penandatanganan (YYYY-MM-DD)")
    ketua: KetuaKbk


def ketua_context(model: FormKbkBase) -> dict[str, Any]:
    ketua = model.ketua
    return {"unit_kerja": model.unit_kerja, "tanggal": tanggal_panjang(model.tanggal),
            "ketua": {"nama": ketua.nama,
                      "nip": parse_nip(ketua.nip).formatted() if ketua.nip else ""}}


# --- Form A ---------------------------------------------------------------------------

class KegiatanInternalisasi(Model):
    kegiatan: Teks = Field(description="Kolom 2: rencana kegiatan internalisasi")
    tema: Teks = Field(description="Kolom 3: tema (bisa dari indikator nilai budaya kerja)")
    bulan: list[NamaBulan] = Field(
        min_length=1, title="Bulan pelaksanaan", json_schema_extra={"x-from": "waktu"},
        description="Kolom 4: bulan-bulan kegiatan dilaksanakan; kegiatan ini masuk laporan "
        "bulanan KBK bulan yang dicentang")
    jadwal: Teks | None = Field(None, title="Keterangan waktu", json_schema_extra={
        "x-from": "waktu"}, description=(
        "Kolom 4 (opsional): hari atau tanggal, mis. 'Setiap Rabu' atau 'Tanggal 17'"))
    penanggung_jawab: Nama = Field(description="Kolom 5: pejabat penanggung jawab teknis")

    @model_validator(mode="before")
    @classmethod
    def _waktu_lama(cls, data: Any) -> Any:
        """Drafts saved before months were chosen had one free text 'waktu'."""
        if isinstance(data, dict) and "waktu" in data and "bulan" not in data:
            data = dict(data)
            waktu = str(data.pop("waktu") or "")
            data["bulan"] = [BULAN[n - 1] for n in bulan_dalam_teks(waktu)]
            data.setdefault("jadwal", waktu or None)
        return data


def waktu_teks(kegiatan: KegiatanInternalisasi, tahun: int) -> str:
    """Column 4 as printed: 'Setiap Rabu, Januari \u2013 Desember 2024', 'Maret dan September
    2024'. A schedule that already names its months (an older draft) is printed as typed."""
    return jadwal_bulan(kegiatan.jadwal, kegiatan.bulan, tahun)


def waktu_baris(row: dict[str, Any], tahun: Any) -> str:
    """Column 4 of a stored Form A row as Form A prints it (as typed if it is not valid)."""
    try:
        return waktu_teks(KegiatanInternalisasi.model_validate(row), int(tahun))
    except (ValidationError, TypeError, ValueError):
        return str(row.get("jadwal") or row.get("waktu") or "")


class FormA(FormKbkBase):
    tahun: int = Field(ge=2000, le=2100)
    kegiatan: list[KegiatanInternalisasi] = Field(min_length=1)


def build_form_a_context(model: FormA, regulation: Regulation | None = None) -> dict[str, Any]:
    """``regulation``: unused (Form A reads no regulation data)."""
    rows = [{"no": str(i), "kegiatan": k.kegiatan, "tema": k.tema,
             "waktu": waktu_teks(k, model.tahun), "penanggung_jawab": k.penanggung_jawab}
            for i, k in enumerate(model.kegiatan, start=1)]
    return {**ketua_context(model), "tahun": str(model.tahun), "kegiatan": rows}


# --- Form B-1 .. B-4 ------------------------------------------------------------------

class SebabAkibat(Model):
    """Kolom 4: causes seen from man, method, mesin, material, money (at least one)."""

    man: TeksPanjangOpsional | None = None
    method: TeksPanjangOpsional | None = None
    mesin: TeksPanjangOpsional | None = None
    material: TeksPanjangOpsional | None = None
    money: TeksPanjangOpsional | None = None

    @model_validator(mode="after")
    def _at_least_one(self, info: ValidationInfo) -> Self:
        if not any(getattr(self, f["kode"]) for f in _faktor(snapshot.of(info))):
            raise ValueError("isi minimal satu penyebab (man, method, mesin, material, money)")
        return self


class Masalah(Model):
    kode: Teks = Field(description="Kunci masalah untuk Form B-2..B-4, mis. 'M1'")
    masalah: TeksPanjang = Field(description="Kolom 2: permasalahan aktual/riil")
    dampak: TeksPanjang = Field(description="Kolom 3: dampak yang diakibatkan")
    sebab_akibat: SebabAkibat
    kategori: KategoriMasalah = Field(description="Kolom 5: penting, sedang atau tidak")


class Prioritas(Model):
    usulan_pemecahan: TeksPanjang = Field(description="Form B-2 kolom 3: usulan kegiatan")
    keterangan: TeksPanjangOpsional | None = None


class RencanaTindakKbk(Model):
    tujuan: TeksPanjang
    tempat: Teks
    waktu: Teks
    cara: TeksPanjang = Field(description="Tahapan cara melaksanakan kegiatan")
    penanggung_jawab: Nama


class Pemantauan(Model):
    kendala: TeksPanjang = Field(description="Form B-4 kolom 4: kendala yang dihadapi")
    tindak_lanjut: TeksPanjang = Field(description="Form B-4 kolom 5: tindak lanjut")


class FormB(FormKbkBase):
    masalah: list[Masalah] = Field(min_length=1, description="Form B-1")
    sertakan_kategori_tidak: bool = Field(
        False, description="Teruskan juga masalah berkategori 'tidak' ke Form B-2")
    prioritas: dict[Kode, Prioritas] = Field(
        default_factory=dict, description="Form B-2, per kode masalah")
    rencana_tindak: dict[Kode, RencanaTindakKbk] = Field(
        default_factory=dict, description="Form B-3, per kode masalah")
    pemantauan: dict[Kode, Pemantauan] = Field(
        default_factory=dict, description="Form B-4, per kode masalah")
    tanggal_pemantauan: dt.date | None = Field(
        None, description="Tanggal Form B-4 (pemantauan pelaksanaan, setelah B-1 s.d. B-3); "
        "wajib bila pemantauan diisi")

    @model_validator(mode="after")
    def _check_chain(self, info: ValidationInfo) -> Self:
        problems = _chain_problems(self, snapshot.of(info)) + _date_problems(self)
        if problems:
            raise errors_at(type(self).__name__, problems)
        return self

    def peringatan(self, regulation: Regulation) -> list[str]:
        """Rows printed with empty cells (to be filled by hand) are said, not silent."""
        warnings = []
        for form, field, cls in (("B-3", "rencana_tindak", RencanaTindakKbk),
                                 ("B-4", "pemantauan", Pemantauan)):
            given = getattr(self, field)
            for no, m in enumerate(diteruskan(self, regulation), start=1):
                if m.kode not in given:
                    warnings.append(f"Form {form} baris {no} (masalah '{shown(m.kode)}'): "
                                    f"{len(cls.model_fields)} kolom dicetak kosong untuk "
                                    "diisi tangan")
        return warnings

    def penghalang_final(self, regulation: Regulation) -> list[str]:
        """Why this Form B cannot be final yet: B-2, B-3 or B-4 without a single row
        (rows of single problems may still be left for hand-filling, see ``peringatan``)."""
        empty = [label for label, rows in (
            ("Form B-2 (prioritas pemecahan masalah)", self.prioritas),
            ("Form B-3 (rencana tindak)", self.rencana_tindak),
            ("Form B-4 (pemantauan pelaksanaan)", self.pemantauan)) if not rows]
        if not empty:
            return []
        named = empty[0] if len(empty) == 1 else ", ".join(empty[:-1]) + " dan " + empty[-1]
        return [f"{named} masih kosong: Form B tidak dapat ditandai final sebelum "
                "B-2 s.d. B-4 diisi untuk masalah yang diteruskan dari Form B-1 "
                f"({len(diteruskan(self, regulation))} masalah)"]


def _faktor(regulation: Regulation) -> list[dict[str, str]]:
    faktor: list[dict[str, str]] = regulation.kbk_forms()["sebab_akibat"]["faktor"]
    return faktor


def urutan(regulation: Regulation) -> list[dict[str, Any]]:
    """The problem categories in priority order (``kbk_forms.yaml``)."""
    order: list[dict[str, Any]] = regulation.kbk_forms()["kategori_masalah"]["urutan"]
    return order


def diteruskan(model: FormB, regulation: Regulation) -> list[Masalah]:
    """B-1 problems carried to B-2: by category priority, B-1 order within a category."""
    order = [k["kode"] for k in urutan(regulation)
             if k["diteruskan"] or (k["kode"] == "tidak" and model.sertakan_kategori_tidak)]
    return sorted((m for m in model.masalah if m.kategori in order),
                  key=lambda m: order.index(m.kategori))


Problems = list[tuple[tuple[str | int, ...], str]]  # (field path, message)


def errors_at(title: str, problems: Iterable[tuple[tuple[str | int, ...], str]]
              ) -> ValidationError:
    """A ValidationError whose errors sit at the given locations (field paths)."""
    return ValidationError.from_exception_data(title, [
        InitErrorDetails(type=PydanticCustomError("value_error", "{error}", {"error": message}),
                         loc=loc, input=None) for loc, message in problems])


def _chain_problems(model: FormB, regulation: Regulation) -> Problems:
    codes = [m.kode for m in model.masalah]
    problems: Problems = [(("masalah", i, "kode"), f"kode '{shown(c)}' dipakai lebih dari sekali")
                for i, c in enumerate(codes) if codes.index(c) != i]
    carried = {m.kode for m in diteruskan(model, regulation)}
    previous = {"prioritas": carried, "rencana_tindak": set(model.prioritas),
                "pemantauan": set(model.rencana_tindak)}
    earlier = {"rencana_tindak": "prioritas (Form B-2)",
               "pemantauan": "rencana_tindak (Form B-3)"}
    for field, allowed in previous.items():
        for code in getattr(model, field):
            if code not in codes:
                message = f"tidak ada masalah berkode '{shown(code)}' di Form B-1"
            elif code not in carried:
                message = (f"masalah '{shown(code)}' berkategori 'tidak' dan tidak diteruskan ke "
                           "Form B-2 (isi sertakan_kategori_tidak: true untuk menyertakannya)")
            elif code not in allowed:
                message = f"isi dulu {earlier[field]} untuk masalah '{shown(code)}'"
            else:
                continue
            problems.append(((field, code), message))
    return problems


def _date_problems(model: FormB) -> Problems:
    if model.tanggal_pemantauan is None:
        return [(("tanggal_pemantauan",), "wajib diisi bila Form B-4 (pemantauan) diisi: "
                 "pemantauan dilakukan setelah rencana tindak dilaksanakan")] \
            if model.pemantauan else []
    if model.tanggal_pemantauan < model.tanggal:
        return [(("tanggal_pemantauan",), "tidak boleh sebelum tanggal Form B-1 s.d. B-3 "
                 f"({tanggal_panjang(model.tanggal)})")]
    return []


def _sebab_akibat(item: SebabAkibat, regulation: Regulation) -> list[str]:
    return [f"{f['label']}: {getattr(item, f['kode'])}" for f in _faktor(regulation)
            if getattr(item, f["kode"])]


def _own_columns(item: Model | None, cls: type[Model]) -> dict[str, str]:
    """A later form's own columns, blank (to fill by hand) when not given yet."""
    return item.model_dump() if item else dict.fromkeys(cls.model_fields, "")


def build_form_b_context(model: FormB, regulation: Regulation) -> dict[str, Any]:
    labels = {k["kode"]: k["label"] for k in urutan(regulation)}
    b1 = [{"no": str(i), "masalah": m.masalah, "dampak": m.dampak,
           "sebab_akibat": _sebab_akibat(m.sebab_akibat, regulation),
           "kategori": labels[m.kategori]}
          for i, m in enumerate(model.masalah, start=1)]
    b2, b3, b4 = [], [], []
    for i, m in enumerate(diteruskan(model, regulation), start=1):
        prio, plan = model.prioritas.get(m.kode), model.rencana_tindak.get(m.kode)
        watch = model.pemantauan.get(m.kode)
        kegiatan = prio.usulan_pemecahan if prio else ""
        b2.append({"no": str(i), "masalah": m.masalah, "kategori": labels[m.kategori],
                   "usulan": kegiatan, "keterangan": (prio.keterangan or "") if prio else ""})
        b3.append({"no": str(i), "masalah": m.masalah, "kegiatan": kegiatan,
                   **_own_columns(plan, RencanaTindakKbk)})
        b4.append({"no": str(i), "masalah": m.masalah, "kegiatan": kegiatan,
                   **_own_columns(watch, Pemantauan)})
    tanggal_b4 = (tanggal_panjang(model.tanggal_pemantauan) if model.tanggal_pemantauan
                  else "........................")
    return {**ketua_context(model), "b1": b1, "b2": b2, "b3": b3, "b4": b4,
            "tanggal_b4": tanggal_b4}
