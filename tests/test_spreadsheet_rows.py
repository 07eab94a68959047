"""Susunan KBK and Agen Perubahan read from XLSX/CSV (docgen.domain.spreadsheet_rows)."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import load_workbook

from docgen.domain.errors import InputError
from docgen.domain.spreadsheet_rows import AGEN, SUSUNAN, blank_xlsx, parse_rows
from docgen.registry import REGISTRY
from tests.web.conftest import sample

SUSUNAN_CSV = """Nama;NIP;Jabatan;Kedudukan
ATO SUSANTO, AP., M.Si.;19740706 199311 1 001;Kepala Dinas;Penanggung Jawab
Dra. SRI WAHYUNI;196904121992032004;Sekretaris Dinas;ketua
;;;
BUDI, S.E.;;Kepala Subbagian Umum;Sekretaris
SITI;;Pelaksana;anggota
"""


def errors_of(sheet, data: bytes, filename: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        parse_rows(sheet, data, filename)
    return [str(e) for e in caught.value.errors]


def test_susunan_from_csv_with_semicolons_fills_a_valid_sk_kbk():
    rows = parse_rows(SUSUNAN, SUSUNAN_CSV.encode("utf-8-sig"), "susunan.csv")
    assert [r["kedudukan"] for r in rows] == ["penanggung_jawab", "ketua", "sekretaris",
                                              "anggota"]
    assert rows[0] == {"nama": "ATO SUSANTO, AP., M.Si.", "nip": "197407061993111001",
                       "jabatan": "Kepala Dinas", "kedudukan": "penanggung_jawab"}
    assert "nip" not in rows[2]
    data = {**sample("sk-kbk"), "susunan": rows}
    model = REGISTRY.get("sk-kbk").parse(data)
    assert [m.nama for m in model.susunan][-1] == "SITI"


def test_bad_cells_are_named_by_row_and_column_counted_from_1():
    text = ("nama,nip,jabatan,kedudukan\n"
            "A,19740706199311100,Kepala,Ketua\n"
            "B,,,Bendahara\n")
    messages = errors_of(SUSUNAN, text.encode(), "s.csv")
    assert messages == [
        "baris 2, kolom nip: NIP harus 18 digit, bukan 17",
        "baris 3, kolom jabatan: wajib diisi",
        "baris 3, kolom kedudukan: harus salah satu dari Penanggung Jawab, Ketua, "
        "Sekretaris, Anggota (bukan 'Bendahara')",
    ]


def test_missing_header_column_is_reported_on_row_1():
    messages = errors_of(AGEN, b"nama,jabatan\nA,B\n", "agen.csv")
    assert messages == ["baris 1: baris judul harus memuat kolom nama, nip, pangkat_golongan, "
                        "jabatan, kriteria_a, kriteria_b, kriteria_c, kriteria_d, kriteria_e, "
                        "kriteria_f; tidak ada: nip, pangkat_golongan"]


def test_blank_sheet_round_trip_with_agen_criteria():
    book = load_workbook(io.BytesIO(blank_xlsx(AGEN)))
    sheet = book["Agen Perubahan"]
    assert [c.value for c in sheet[1]] == AGEN.header
    assert sheet["B2"].number_format == "@"  # NIP typed as text, never rounded
    assert "Petunjuk" in book.sheetnames
    sheet.append(["DEWI LESTARI, S.Kom.", "199008252015032003", "Penata Muda Tk. I (III/b)",
                  "Pranata Komputer", "ya", "ya", "Ya", "ya", "v", "ya"])
    out = io.BytesIO()
    book.save(out)
    rows = parse_rows(AGEN, out.getvalue(), "agen.xlsx")
    assert rows == [{"nama": "DEWI LESTARI, S.Kom.", "nip": "199008252015032003",
                     "pangkat_golongan": "Penata Muda Tk. I (III/b)",
                     "jabatan": "Pranata Komputer",
                     "kriteria": dict.fromkeys("abcdef", True)}]
    data = {**sample("sk-agen-perubahan"), "agen": rows}
    assert REGISTRY.get("sk-agen-perubahan").parse(data).agen[0].nip == "199008252015032003"


def test_nip_stored_as_a_number_is_refused_with_the_fix():
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(SUSUNAN.header)
    book.active.append(["A", 197407061993111001.0, "Kepala", "Ketua"])
    out = io.BytesIO()
    book.save(out)
    [message] = errors_of(SUSUNAN, out.getvalue(), "s.xlsx")
    assert message.startswith("baris 2, kolom nip: NIP harus diketik sebagai teks")


def test_xlsx_with_a_dtd_is_refused_naming_the_part():
    source = io.BytesIO(blank_xlsx(SUSUNAN))
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w") as new:
        for item in old.infolist():
            content = old.read(item.filename)
            if item.filename == "xl/workbook.xml":
                head, _, body = content.partition(b"?>") if content.startswith(b"<?xml") \
                    else (b"", b"", content)
                content = head + _ + b'<!DOCTYPE x [<!ENTITY a "b">]>' + body
            new.writestr(item, content)
    [message] = errors_of(SUSUNAN, out.getvalue(), "s.xlsx")
    assert "susunan: s.xlsx: bagian xl/workbook.xml memuat deklarasi DTD" in message


def test_other_files_and_empty_files():
    assert errors_of(SUSUNAN, b"x", "s.ods") == ["susunan: s.ods: berkas harus .xlsx atau .csv"]
    assert errors_of(SUSUNAN, b"nama,nip,jabatan,kedudukan\n", "s.csv") == [
        "baris 2: belum ada isian Susunan KBK (satu orang per baris)"]


def test_cli_writes_the_blank_sheets(tmp_path):
    from click.testing import CliRunner

    from docgen.cli import cli

    target = tmp_path / "agen.xlsx"
    result = CliRunner().invoke(cli, ["blank-spreadsheet", "--jenis", "agen", str(target)])
    assert result.exit_code == 0, result.output
    assert [c.value for c in load_workbook(target).active[1]] == AGEN.header
    result = CliRunner().invoke(cli, ["blank-spreadsheet", "--jenis", "susunan",
                                      str(tmp_path / "s.xlsx")])
    assert [c.value for c in load_workbook(tmp_path / "s.xlsx").active[1]] == SUSUNAN.header
    result = CliRunner().invoke(cli, ["blank-spreadsheet", str(tmp_path / "q.xlsx")])
    assert load_workbook(tmp_path / "q.xlsx").active["B1"].value == "q1"
