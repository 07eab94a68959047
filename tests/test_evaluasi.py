"""Questionnaire scoring, Laporan Evaluasi averages and the respondents' spreadsheet."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from docgen.domain import evaluasi, spreadsheet
from docgen.domain.errors import InputError
from docgen.domain.regulation import Regulation
from docgen.registry import REGISTRY
from tests.conftest import docx_text, open_docx

REG = Regulation.bundled()

GROUP_SIZE = {"I": 10, "II": 5, "III": 17}

BOUNDARIES = [
    ("I", 10, "BAGUS"), ("I", 11, "BAGUS"), ("I", 12, "BELUM BAGUS"), ("I", 17, "BELUM BAGUS"),
    ("I", 18, "KURANG BAGUS"), ("I", 27, "KURANG BAGUS"), ("I", 28, "TIDAK BAGUS"),
    ("I", 40, "TIDAK BAGUS"),
    ("II", 5, "BAGUS"), ("II", 6, "BAGUS"), ("II", 7, "BELUM BAGUS"), ("II", 9, "BELUM BAGUS"),
    ("II", 10, "KURANG BAGUS"), ("II", 13, "KURANG BAGUS"), ("II", 14, "TIDAK BAGUS"),
    ("II", 20, "TIDAK BAGUS"),
    ("III", 17, "BAGUS"), ("III", 20, "BAGUS"), ("III", 21, "BELUM BAGUS"),
    ("III", 30, "BELUM BAGUS"), ("III", 31, "KURANG BAGUS"), ("III", 45, "KURANG BAGUS"),
    ("III", 46, "TIDAK BAGUS"), ("III", 68, "TIDAK BAGUS"),
]


def answers_with_total(group: str, total: int) -> list[int]:
    """32 answers: the given group sums to ``total``, the others are all 1."""
    size = GROUP_SIZE[group]
    values = [1] * size
    rest = total - size
    for i in range(size):
        add = min(3, rest)
        values[i] += add
        rest -= add
    assert rest == 0 and sum(values) == total
    first = evaluasi.kelompok(group, REG).pertama
    answers = [1] * 32
    answers[first - 1:first - 1 + size] = values
    return answers


@pytest.mark.parametrize(("group", "total", "label"), BOUNDARIES)
def test_every_category_boundary(group, total, label):
    result = evaluasi.skor(answers_with_total(group, total), REG)
    assert result.total[group] == total
    assert result.kategori[group].label == label


def test_groups_are_items_1_10_11_15_16_32():
    answers = list(range(1, 5)) * 8  # 1,2,3,4,1,2,...
    result = evaluasi.skor(answers, REG)
    assert result.total == {"I": sum(answers[0:10]), "II": sum(answers[10:15]),
                            "III": sum(answers[15:32])}


def test_scales_and_item_16_marked_in_data():
    questions = evaluasi.pertanyaan_list(REG)
    assert len(questions) == 32
    ya = {q.nomor for q in questions if q.skala[0] == "Ya"}
    assert ya == set(range(1, 16)) | {17, 21, 22, 23, 31}
    assert all(q.skala == ("Sangat Tinggi", "Tinggi", "Cukup", "Kurang")
               for q in questions if q.nomor not in ya)
    assert [q.nomor for q in questions if q.sumber_sekunder] == [16]


@pytest.mark.parametrize(("answers", "fragment"), [
    ([2] * 31, "tepat 32 jawaban"),
    ([2] * 33, "tepat 32 jawaban"),
    ([2] * 11 + [0] + [2] * 20, "pertanyaan nomor 12 bernilai 0"),
    ([5] + [2] * 31, "pertanyaan nomor 1 bernilai 5"),
])
def test_bad_answers_are_rejected(answers, fragment):
    with pytest.raises(ValueError, match=fragment):
        evaluasi.check_jawaban(answers, REG)


@pytest.mark.parametrize(("totals", "printed", "label"), [
    ([11, 12], "11,50", "BELUM BAGUS"),          # 11.5 -> 12
    ([11, 11, 12], "11,33", "BAGUS"),            # 11.33 -> 11
    ([17] * 51 + [16] * 49, "16,51", "BELUM BAGUS"),
    ([17] * 49 + [18] * 51, "17,51", "KURANG BAGUS"),  # 17.51 -> 18
    ([17] * 51 + [18] * 49, "17,49", "BELUM BAGUS"),   # 17.49 -> 17
])
def test_average_printed_with_comma_and_rounded_half_up_for_category(totals, printed, label):
    group = evaluasi.kelompok("I", REG)
    mean = evaluasi.rata_rata(totals)
    assert evaluasi.rata_rata_teks(mean) == printed
    assert evaluasi.kategori_rata_rata(group, mean).label == label


def test_average_is_exact_decimal():
    assert evaluasi.rata_rata([11, 12]) == Decimal("11.5")


def laporan_input(rows):
    sample = REGISTRY.get("laporan-evaluasi").load_sample()
    return {**sample, "responden": [{"jabatan": f"Responden {i}", "jawaban": a}
                                    for i, a in enumerate(rows, start=1)]}


def table_rows(docx: bytes, first_header: str) -> list[list[str]]:
    for tbl in open_docx(docx).tables:
        rows = [[c.text.strip() for c in r.cells] for r in tbl.rows]
        if rows and rows[0][0] == first_header:
            return rows
    raise AssertionError(f"no table starting with {first_header}")


def test_laporan_rows_and_rata_rata_read_back_from_docx(docx_pipeline):
    rows = [answers_with_total("I", 11), answers_with_total("I", 12)]
    docx = docx_pipeline.render_docx("laporan-evaluasi", laporan_input(rows)).docx
    table = table_rows(docx, "No")
    assert table[0] == ["No", "Responden", "TS I", "Ka I", "TS II", "Ka II", "TS III",
                        "Ka III", "Keterangan"]
    assert table[1][:8] == ["1", "Responden 1", "11", "BAGUS", "5", "BAGUS", "17", "BAGUS"]
    assert table[2][2:4] == ["12", "BELUM BAGUS"]
    rata = table[-1]
    assert rata[1] == "RATA-RATA"
    assert rata[2:8] == ["11,50", "BELUM BAGUS", "5,00", "BAGUS", "17,00", "BAGUS"]
    rekap = table_rows(docx, "Kategori")
    counts = {r[0].split("\n")[0]: (r[2], r[4], r[6]) for r in rekap[2:]}
    assert counts["BAGUS"] == ("1", "2", "2")
    assert counts["BELUM BAGUS"] == ("1", "0", "0")


def test_kuesioner_blank_and_filled(docx_pipeline):
    blank = docx_text(docx_pipeline.render_docx("kuesioner-evaluasi", {}).docx)
    assert blank.count("\u2612") == 0 and blank.count("\u2610") == 32 * 4
    for n in (1, 16, 32):
        assert f"{n}.\t" in blank
    for label in ("Tanggal", "Instansi", "Satuan/Unit Kerja", "Alamat Instansi"):
        assert label in blank
    assert blank.count("TOTAL SCORE") == 3
    sample = REGISTRY.get("kuesioner-evaluasi").load_sample()
    filled = docx_text(docx_pipeline.render_docx("kuesioner-evaluasi", sample).docx)
    assert filled.count("\u2612") == 32
    totals = evaluasi.skor(sample["jawaban"], REG).total
    for group, total in totals.items():
        assert f"Total skor kelompok {group}: {total}" in filled


# --- spreadsheet ------------------------------------------------------------------------

def workbook_bytes(rows, header=None) -> bytes:
    book = load_workbook(io.BytesIO(spreadsheet.blank_xlsx()))
    sheet = book["Jawaban"]
    if header is not None:
        sheet.delete_rows(1)
        sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_blank_xlsx_has_header_and_validation():
    book = load_workbook(io.BytesIO(spreadsheet.blank_xlsx()))
    sheet = book["Jawaban"]
    header = [c.value for c in sheet[1]]
    assert header == ["jabatan"] + [f"q{i}" for i in range(1, 33)] + ["keterangan"]
    rules = sheet.data_validations.dataValidation
    assert rules and rules[0].type == "whole"
    assert (rules[0].formula1, rules[0].formula2) == ("1", "4")


def test_xlsx_and_csv_are_read():
    data = workbook_bytes([["Kepala Bidang", *([2] * 32), "catatan"], [None] * 34,
                           ["Staf", *([1] * 32)]])
    result = spreadsheet.parse_responden(data, "jawaban.xlsx")
    assert [r["jabatan"] for r in result] == ["Kepala Bidang", "Staf"]
    assert result[0]["jawaban"] == [2] * 32 and result[0]["keterangan"] == "catatan"
    header = ";".join(spreadsheet.header())
    csv = f"\ufeff{header}\nAnalis;{';'.join(['3'] * 32)};\n".encode()
    assert spreadsheet.parse_responden(csv, "a.csv")[0]["jawaban"] == [3] * 32


def test_bad_cells_reported_by_row_and_column():
    bad = [["Kepala Bidang", *([2] * 32)], ["Analis", *([2] * 11), 5, *([2] * 20)],
           ["", *([1] * 31), "x"]]
    with pytest.raises(InputError) as info:
        spreadsheet.parse_responden(workbook_bytes(bad), "a.xlsx")
    messages = [str(e) for e in info.value.errors]
    assert "baris 3, kolom q12: nilai harus 1\u20134 (bukan 5)" in messages
    assert "baris 4, kolom jabatan: wajib diisi" in messages
    assert any(m.startswith("baris 4, kolom q32: nilai harus 1\u20134") for m in messages)


@pytest.mark.parametrize(("data", "name", "field"), [
    (b"not a zip", "a.xlsx", "responden"),
    (b"jabatan,q1\nA,1\n", "a.csv", "baris 1"),
    (b"", "a.csv", "baris 1"),
    (b"x", "a.ods", "responden"),
])
def test_malformed_files(data, name, field):
    with pytest.raises(InputError) as info:
        spreadsheet.parse_responden(data, name)
    assert info.value.errors[0].field == field
