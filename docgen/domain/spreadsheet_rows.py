"""Rows of a Keputusan from an XLSX or CSV file: the KBK members (``susunan`` of sk-kbk)
and the Agen Perubahan (``agen`` of sk-agen-perubahan), and their blank sheets.

One person per row, first row = header (column order free, names case-insensitive,
"Pangkat/Golongan" reads as ``pangkat_golongan``); completely empty rows are skipped.
Files are read as the questionnaire answers are (``docgen.domain.spreadsheet``: DTD
refused, at most ``MAX_ROWS`` rows read, CSV with ``,`` or ``;``) and a bad cell is
reported the same way: ``baris 7, kolom nip: NIP harus 18 digit, bukan 17``.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docgen.domain import spreadsheet
from docgen.domain.errors import FieldError, InputError
from docgen.domain.nip import parse_nip
from docgen.domain.sk_kbk import KEDUDUKAN_LABEL

MAX_ROWS = 500
BLANK_ROWS = 100
KRITERIA = ("a", "b", "c", "d", "e", "f")
YA = {"ya", "y", "v", "x", "1", "benar", "true", "✓"}
TIDAK = {"tidak", "t", "n", "0", "salah", "false", "-"}

Reader = Callable[[Any], Any]  # cell -> value; ValueError(message) when it cannot be read


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    read: Reader
    help: str
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sheet:
    """One kind of rows: which document field they fill and their columns."""

    jenis: str
    type_name: str
    field: str
    title: str
    columns: tuple[Column, ...]

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns]


def _text(value: Any) -> str:
    return " ".join(str(value).split())


def _nip(value: Any) -> str:
    if isinstance(value, float):
        raise ValueError("NIP harus diketik sebagai teks (18 digit), bukan angka: format sel "
                         "sebagai Teks lalu ketik ulang")
    digits = "".join(str(value).split())
    parse_nip(digits)  # ValueError with the Indonesian reason
    return digits


def _kedudukan(value: Any) -> str:
    text = _text(value).lower().replace("_", " ")
    for code, label in KEDUDUKAN_LABEL.items():
        if text in (label.lower(), code.replace("_", " ")):
            return code
    raise ValueError("harus salah satu dari " + ", ".join(KEDUDUKAN_LABEL.values()) +
                     f" (bukan {_text(value)!r})")


def _ya_tidak(value: Any) -> bool:
    text = _text(value).lower()
    if text in YA:
        return True
    if text in TIDAK:
        return False
    raise ValueError(f"isi 'ya' atau 'tidak' (bukan {_text(value)!r})")


SUSUNAN = Sheet("susunan", "sk-kbk", "susunan", "Susunan KBK", (
    Column("nama", True, _text, "nama lengkap dengan gelar"),
    Column("nip", False, _nip, "18 digit tanpa spasi; kosongkan bila bukan ASN"),
    Column("jabatan", True, _text, "jabatan dalam unit kerja"),
    Column("kedudukan", True, _kedudukan, "kedudukan dalam KBK",
           tuple(KEDUDUKAN_LABEL.values())),
))
AGEN = Sheet("agen", "sk-agen-perubahan", "agen", "Agen Perubahan", (
    Column("nama", True, _text, "nama lengkap dengan gelar"),
    Column("nip", True, _nip, "18 digit tanpa spasi"),
    Column("pangkat_golongan", True, _text, "mis. Penata Tk. I (III/d)"),
    Column("jabatan", True, _text, "jabatan dalam unit kerja"),
    *(Column(f"kriteria_{k}", False, _ya_tidak, f"kriteria huruf {k} terpenuhi: ya/tidak",
             ("ya", "tidak")) for k in KRITERIA),
))
SHEETS = {sheet.jenis: sheet for sheet in (SUSUNAN, AGEN)}


def sheet_for(jenis: str) -> Sheet:
    if jenis not in SHEETS:
        raise InputError([FieldError("jenis", "pilih salah satu: " + ", ".join(SHEETS))])
    return SHEETS[jenis]


def sheet_of_type(type_name: str) -> Sheet | None:
    """The rows a document type can import (None: none)."""
    return next((s for s in SHEETS.values() if s.type_name == type_name), None)


# -- reading ---------------------------------------------------------------------------
def parse_rows(sheet: Sheet, data: bytes, filename: str) -> list[dict[str, Any]]:
    """The rows of an uploaded file as the document's ``sheet.field`` holds them;
    InputError naming row and column for every bad cell."""
    suffix = Path(filename).suffix.lower()
    try:
        if suffix == ".xlsx":
            rows = spreadsheet._xlsx_rows(data, filename)
        elif suffix == ".csv":
            rows = spreadsheet._csv_rows(data, filename)
        else:
            raise InputError([FieldError(sheet.field, f"{filename}: berkas harus .xlsx atau "
                                         ".csv")])
    except InputError as exc:  # the reader names the questionnaire's field
        raise InputError([FieldError(sheet.field, e.message) for e in exc.errors]) from None
    return _records(sheet, rows[:MAX_ROWS + 2])


def _normal(name: Any) -> str:
    text = str(name).strip().lower()
    for mark in (" ", "/", "-", "."):
        text = text.replace(mark, "_")
    return "_".join(part for part in text.split("_") if part)


def _columns(sheet: Sheet, header_row: list[Any]) -> dict[str, int]:
    names: dict[str, int] = {}
    for index, value in enumerate(header_row):
        if not spreadsheet._blank(value):
            names.setdefault(_normal(value), index)
    missing = [c.name for c in sheet.columns if c.required and c.name not in names]
    if missing:
        raise InputError([FieldError("baris 1", "baris judul harus memuat kolom " +
                                     ", ".join(sheet.header) + "; tidak ada: " +
                                     ", ".join(missing))])
    return names


def _records(sheet: Sheet, rows: list[list[Any]]) -> list[dict[str, Any]]:
    if not rows:
        raise InputError([FieldError("baris 1", "berkas kosong; baris judul tidak ada")])
    cols = _columns(sheet, rows[0])
    errors: list[FieldError] = []
    records = []
    for line, row in enumerate(rows[1:], start=2):
        if all(spreadsheet._blank(v) for v in row):
            continue
        if line > MAX_ROWS + 1:
            errors.append(FieldError(f"baris {line}", f"maksimal {MAX_ROWS} baris"))
            break
        records.append(_record(sheet, row, line, cols, errors))
    if not records and not errors:
        errors.append(FieldError("baris 2", f"belum ada isian {sheet.title} (satu orang per "
                                 "baris)"))
    if errors:
        raise InputError(errors)
    return records


def _record(sheet: Sheet, row: list[Any], line: int, cols: dict[str, int],
            errors: list[FieldError]) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for column in sheet.columns:
        index = cols.get(column.name)
        value = row[index] if index is not None and index < len(row) else None
        if spreadsheet._blank(value):
            if column.required:
                errors.append(FieldError(f"baris {line}, kolom {column.name}", "wajib diisi"))
            continue
        try:
            record[column.name] = column.read(value)
        except ValueError as exc:
            errors.append(FieldError(f"baris {line}, kolom {column.name}", str(exc)))
    return _nested(record)


def _nested(record: dict[str, Any]) -> dict[str, Any]:
    """``kriteria_a`` ... columns as the model's ``kriteria`` object."""
    kriteria = {k: bool(record.pop(f"kriteria_{k}", False)) for k in KRITERIA
                if f"kriteria_{k}" in record}
    return {**record, "kriteria": kriteria} if kriteria else record


# -- the blank sheet ---------------------------------------------------------------------
def blank_xlsx(sheet: Sheet) -> bytes:
    """Header row, NIP column as text, lists of choices, and a Petunjuk sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    rows = book.active
    rows.title = sheet.title
    rows.append(sheet.header)
    rows.freeze_panes = "A2"
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        rows[f"{letter}1"].font = Font(bold=True)
        rows.column_dimensions[letter].width = 12 if column.choices else 34
        span = f"{letter}2:{letter}{BLANK_ROWS + 1}"
        if column.name == "nip":
            for (cell,) in rows[span]:
                cell.number_format = "@"  # text: an 18-digit NIP is never rounded
        if column.choices:
            rule = DataValidation(type="list", formula1='"' + ",".join(column.choices) + '"',
                                  allow_blank=not column.required, showErrorMessage=True,
                                  error="Pilih dari daftar: " + ", ".join(column.choices))
            rule.add(span)
            rows.add_data_validation(rule)
    guide = book.create_sheet("Petunjuk")
    guide.append([f"Satu orang per baris di lembar '{sheet.title}'. Baris pertama adalah "
                  "judul kolom; jangan diubah."])
    guide.append([])
    guide.append(["Kolom", "Wajib", "Isi"])
    for column in sheet.columns:
        guide.append([column.name, "ya" if column.required else "tidak", column.help])
    guide.column_dimensions["C"].width = 70
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
