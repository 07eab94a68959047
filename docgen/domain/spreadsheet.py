"""Respondents' answers for the Laporan Evaluasi from an XLSX or CSV file, and the blank XLSX.

Layout (one respondent per row, first row = header, column order free, header names
case-insensitive): ``jabatan, q1, q2, ..., q32, keterangan``. Each q cell holds 1-4;
``keterangan`` may be empty or left out; completely empty rows are skipped. CSV may be
separated by commas or semicolons (Excel in Indonesian locale) and be UTF-8 (with or
without BOM). A bad cell is reported as ``baris 7, kolom q12: nilai harus 1–4``.

The number of questions and the answer range come from a regulation snapshot (the
``regulation`` argument; None: the bundled one).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from docgen.domain import evaluasi
from docgen.domain.errors import FieldError, InputError
from docgen.domain.regulation import Regulation

JENIS = "laporan-evaluasi"
MAX_ROWS = 2000
BLANK_ROWS = 300


def _snapshot(regulation: Regulation | None) -> Regulation:
    return regulation or Regulation.bundled()


def kolom_pertanyaan(regulation: Regulation | None = None) -> list[str]:
    count = evaluasi.jumlah_pertanyaan(_snapshot(regulation))
    return [f"q{i}" for i in range(1, count + 1)]


def header(regulation: Regulation | None = None) -> list[str]:
    return ["jabatan", *kolom_pertanyaan(regulation), "keterangan"]


def with_responden(type_name: str, data: Any, path: Path | str,
                   regulation: Regulation | None = None) -> Any:
    """INPUT of ``laporan-evaluasi`` with ``responden`` read from a spreadsheet file."""
    if type_name != JENIS:
        raise InputError([FieldError("--responden", f"hanya untuk jenis {JENIS}")])
    respondents = read_responden(path, regulation)
    return {**data, "responden": respondents} if isinstance(data, dict) else data


def read_responden(path: Path | str,
                   regulation: Regulation | None = None) -> list[dict[str, Any]]:
    """Respondents (``{jabatan, jawaban, keterangan}``) from ``.xlsx`` or ``.csv``."""
    path = Path(path)
    if not path.is_file():
        raise InputError([FieldError("responden", f"berkas tidak ditemukan: {path}")])
    return parse_responden(path.read_bytes(), path.name, regulation)


def parse_responden(data: bytes, filename: str,
                    regulation: Regulation | None = None) -> list[dict[str, Any]]:
    """Same as ``read_responden`` for uploaded bytes; the extension picks the reader."""
    suffix = Path(filename).suffix.lower()
    if suffix == ".xlsx":
        rows = _xlsx_rows(data, filename)
    elif suffix == ".csv":
        rows = _csv_rows(data, filename)
    else:
        raise InputError([FieldError("responden", f"{filename}: berkas jawaban harus .xlsx "
                                     "atau .csv")])
    return _respondents(rows, _snapshot(regulation))


def _xlsx_rows(data: bytes, filename: str) -> list[list[Any]]:
    from openpyxl import load_workbook

    _refuse_dtd(data, filename)
    unreadable = InputError([FieldError("responden", f"{filename} bukan berkas XLSX yang "
                                        "dapat dibaca")])
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise unreadable from None
    try:  # read-only: the sheet's XML is parsed here, row by row
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True,
                                                     max_row=MAX_ROWS + 1)]
    except Exception:
        raise unreadable from None
    finally:
        book.close()


def _refuse_dtd(data: bytes, filename: str) -> None:
    """InputError if any part of the XLSX declares a DTD (``<!DOCTYPE``): entity
    declarations are how XML bombs and external entities get in, and a real workbook has
    none. Each part is read only up to its root element, entities never expanded; a part
    that is not XML is left to openpyxl."""
    from lxml import etree

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        return  # openpyxl says it cannot read it
    with archive:
        for name in archive.namelist():
            try:
                with archive.open(name) as part:
                    events = etree.iterparse(part, events=("start",), load_dtd=False,
                                             resolve_entities=False, no_network=True)
                    _event, root = next(iter(events))
                    doctype = root.getroottree().docinfo.doctype
            except Exception:  # not XML (or damaged): openpyxl decides
                continue
            if doctype:
                raise InputError([FieldError("responden", (
                    f"{filename}: bagian {name} memuat deklarasi DTD/DOCTYPE yang tidak "
                    "diizinkan; simpan ulang berkas dari Excel atau LibreOffice"))])


def _csv_rows(data: bytes, filename: str) -> list[list[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([FieldError("responden", f"{filename}: CSV harus berenkode UTF-8")]
                         ) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _columns(header_row: Iterable[Any], regulation: Regulation) -> dict[str, int]:
    names: dict[str, int] = {}
    for index, value in enumerate(header_row):
        if not _blank(value):
            names.setdefault(str(value).strip().lower(), index)
    missing = [name for name in header(regulation)[:-1] if name not in names]
    if missing:
        shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
        raise InputError([FieldError("baris 1", "baris judul harus memuat kolom jabatan, "
                                     f"q1 ... q32 dan keterangan; tidak ada: {shown}")])
    return names


def _answer(value: Any, low: int, high: int) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = value
    else:
        try:
            number = float(str(value).strip().replace(",", "."))
        except ValueError:
            return None
    if number != int(number) or not low <= number <= high:
        return None
    return int(number)


def _respondent(row: list[Any], line: int, cols: dict[str, int],
                errors: list[FieldError], regulation: Regulation) -> dict[str, Any]:
    def cell(name: str) -> Any:
        index = cols.get(name)
        return row[index] if index is not None and index < len(row) else None

    low, high = evaluasi.nilai_range(regulation)
    jabatan = cell("jabatan")
    if _blank(jabatan):
        errors.append(FieldError(f"baris {line}, kolom jabatan", "wajib diisi"))
    jawaban = []
    for name in kolom_pertanyaan(regulation):
        value = cell(name)
        answer = None if _blank(value) else _answer(value, low, high)
        if answer is None:
            problem = "wajib diisi" if _blank(value) else f"bukan {value!r}"
            errors.append(FieldError(f"baris {line}, kolom {name}",
                                     f"nilai harus {low}\u2013{high} ({problem})"))
        jawaban.append(answer)
    keterangan = cell("keterangan")
    return {"jabatan": "" if _blank(jabatan) else str(jabatan).strip(), "jawaban": jawaban,
            "keterangan": None if _blank(keterangan) else str(keterangan).strip()}


def _respondents(rows: list[list[Any]], regulation: Regulation) -> list[dict[str, Any]]:
    if not rows:
        raise InputError([FieldError("baris 1", "berkas kosong; baris judul tidak ada")])
    cols = _columns(rows[0], regulation)
    errors: list[FieldError] = []
    result = []
    for line, row in enumerate(rows[1:], start=2):
        if all(_blank(v) for v in row):
            continue
        if line > MAX_ROWS + 1:
            errors.append(FieldError(f"baris {line}", f"maksimal {MAX_ROWS} responden"))
            break
        result.append(_respondent(row, line, cols, errors, regulation))
    if not result and not errors:
        errors.append(FieldError("baris 2", "belum ada responden (satu responden per baris)"))
    if errors:
        raise InputError(errors)
    return result


def blank_xlsx(regulation: Regulation | None = None) -> bytes:
    """The blank answer sheet: header row, 1-4 validation on q1..q32, a Petunjuk sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    regulation = _snapshot(regulation)
    count = evaluasi.jumlah_pertanyaan(regulation)
    book = Workbook()
    sheet = book.active
    sheet.title = "Jawaban"
    sheet.append(header(regulation))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 40
    last_q = get_column_letter(1 + count)
    for index in range(2, count + 2):
        sheet.column_dimensions[get_column_letter(index)].width = 5
    sheet.column_dimensions[get_column_letter(count + 2)].width = 40
    low, high = evaluasi.nilai_range(regulation)
    rule = DataValidation(type="whole", operator="between", formula1=str(low),
                          formula2=str(high), allow_blank=True, showErrorMessage=True,
                          errorTitle="Nilai tidak valid",
                          error=f"Isi dengan bilangan bulat {low} sampai {high}.")
    rule.add(f"B2:{last_q}{BLANK_ROWS + 1}")
    sheet.add_data_validation(rule)
    _petunjuk(book.create_sheet("Petunjuk"), regulation)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _petunjuk(sheet: Any, regulation: Regulation) -> None:  # openpyxl Worksheet
    from openpyxl.styles import Alignment, Font

    sheet.append(["Satu responden per baris di lembar 'Jawaban'. Kolom jabatan = nama jabatan "
                  "responden; q1..q32 = jawaban 1-4; keterangan boleh kosong."])
    sheet.append([])
    sheet.append(["Kolom", "Pertanyaan", "1", "2", "3", "4"])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for q in evaluasi.pertanyaan_list(regulation):
        sheet.append([f"q{q.nomor}", q.teks, *q.skala])
    sheet.column_dimensions["B"].width = 90
    for row in sheet.iter_rows(min_row=4, min_col=2, max_col=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
