"""The eight working papers: samples to DOCX and PDF, page setup, and the CLI on bad input."""

import copy
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from docgen.domain import spreadsheet
from docgen.registry import REGISTRY
from docgen.render.engine import compile_template
from tests.conftest import open_docx, pdf_fonts, pdf_reader, pdf_text

WORKING_PAPERS = ["rencana-tindak", "monev-rencana-tindak", "kbk-form-a", "kbk-form-b",
                  "kuesioner-evaluasi", "laporan-evaluasi", "scored-card",
                  "laporan-bulanan-kbk"]
F4_MM = (215, 330)
DOCGEN = str(Path(sys.executable).with_name("docgen"))
TEXT_CM = {True: 28.0, False: 16.5}


@pytest.fixture(scope="module")
def rendered(pipeline):
    """name -> (docx, pdf) of every sample (one PDF conversion each)."""
    result = {}
    for name in WORKING_PAPERS:
        docx = pipeline.render_docx(name, REGISTRY.get(name).load_sample()).docx
        result[name] = (docx, pipeline.to_pdf(docx))
    return result


@pytest.mark.parametrize("name", WORKING_PAPERS)
def test_registered_with_template_sample_and_exact_variables(name):
    doc_type = REGISTRY.get(name)
    assert doc_type.folder == "docx" and doc_type.template.is_file()
    context = doc_type.context(doc_type.load_sample())
    assert compile_template(doc_type.template).variables == set(context)


@pytest.mark.parametrize("name", WORKING_PAPERS)
def test_table_widths_add_up_to_the_text_width(name):
    doc_type = REGISTRY.get(name)
    document = open_docx(doc_type.template.read_bytes())
    section = document.sections[0]
    assert (section.page_width > section.page_height) is doc_type.landscape
    text_cm = (section.page_width - section.left_margin - section.right_margin) / 360000
    assert text_cm == pytest.approx(TEXT_CM[doc_type.landscape], abs=0.01)
    for table in document.tables:
        widths = [int(c.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w"))
                  for c in table._tbl.tblGrid.iterchildren()]
        assert sum(widths) / 567 <= text_cm + 0.01


@pytest.mark.parametrize("name", WORKING_PAPERS)
def test_pdf_page_size_fonts_and_page_numbers(rendered, name):
    _, pdf = rendered[name]
    landscape = REGISTRY.get(name).landscape
    width, height = (F4_MM[1], F4_MM[0]) if landscape else F4_MM
    reader = pdf_reader(pdf)
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(width / 25.4 * 72, abs=1)
        assert float(page.mediabox.height) == pytest.approx(height / 25.4 * 72, abs=1)
    fonts = pdf_fonts(pdf)
    arial = {f for f in fonts if f.startswith("LiberationSans")}
    assert arial, fonts
    # the questionnaire's check boxes come from a fallback font
    assert fonts - arial <= ({"DejaVuSans"} if name == "kuesioner-evaluasi" else set())
    pages = pdf_text(pdf).split("\f")
    for number, text in enumerate(pages[1:], start=2):
        if text.strip():
            assert text.strip().startswith(f"-{number}-") or f"- {number} -" in text[:200]


PDF_EXPECT = {
    "rencana-tindak": ["RENCANA TINDAK AGEN PERUBAHAN TAHUN 2024", "Menyetujui,",
                       "DEWI LESTARI, S.Kom."],
    "monev-rencana-tindak": ["MONEV RENCANA TINDAK AGEN PERUBAHAN TAHUN 2024",
                             "(capaian", "96,84", "83,33"],
    "kbk-form-a": ["JADWAL PELAKSANAAN INTERNALISASI BUDAYA KERJA", "Purbalingga, 8 Januari 2024"],
    "kbk-form-b": ["FORM B-1", "FORM B-2", "FORM B-3", "FORM B-4", "Man: Petugas loket"],
    "kuesioner-evaluasi": ["FORMULIR PERTANYAAN EVALUASI", "Komitmen dan konsistensi",
                           "Total skor kelompok I: 17"],
    "laporan-evaluasi": ["LAPORAN EVALUASI", "RATA-RATA", "19,38", "REKAPITULASI KATEGORI"],
    "scored-card": ["SCORED CARD", "JUMLAH", "Nilai Scored Card", "Sangat Baik"],
    "laporan-bulanan-kbk": ["RISALAH BUDAYA KERJA", "BULAN MARET 2024",
                            "DOKUMENTASI KEGIATAN", "BAMBANG HERMAWAN, S.Sos."],
}


@pytest.mark.parametrize("name", WORKING_PAPERS)
def test_pdf_text_as_a_reader_sees_it(rendered, name):
    text = " ".join(pdf_text(rendered[name][1]).split())
    for expected in PDF_EXPECT[name]:
        assert expected in text, expected


def test_pictures_are_embedded(rendered):
    assert len(open_docx(rendered["laporan-evaluasi"][0]).inline_shapes) == 1
    assert len(open_docx(rendered["laporan-bulanan-kbk"][0]).inline_shapes) == 3


# --- CLI on bad input: exit 2, field or cell named, no output file ----------------------

def run(tmp_path, *args):
    return subprocess.run([DOCGEN, *map(str, args)], capture_output=True, text=True,
                          cwd=tmp_path, env={**os.environ, "DOCGEN_DATA_DIR": str(tmp_path)})


def write_input(tmp_path, name, change) -> Path:
    data = copy.deepcopy(REGISTRY.get(name).load_sample())
    change(data)
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def set_answers(answers):
    return lambda d: d["responden"][2].update(jawaban=answers)


def drop_code(d):
    del d["capaian"]["inovatif_2b"]


BAD_INPUTS = [
    ("laporan-evaluasi", set_answers([2] * 31), "responden[2].jawaban", "tepat 32 jawaban"),
    ("laporan-evaluasi", set_answers([0] + [2] * 31), "responden[2].jawaban",
     "pertanyaan nomor 1 bernilai 0"),
    ("laporan-evaluasi", set_answers([2] * 31 + [5]), "responden[2].jawaban",
     "pertanyaan nomor 32 bernilai 5"),
    ("kuesioner-evaluasi", lambda d: d.update(jawaban=[1] * 31), "jawaban", "tepat 32"),
    ("scored-card", drop_code, "capaian.inovatif_2b", "wajib diisi"),
    ("scored-card", lambda d: d["capaian"].update(disiplin_1=120), "capaian.disiplin_1",
     "0\u2013100"),
    ("laporan-bulanan-kbk", lambda d: d["dokumentasi"][0].update(foto="JVBERi0xLjQK"),
     "dokumentasi[0].foto", "bukan gambar"),
    ("kbk-form-b", lambda d: d["prioritas"].update(M3={"usulan_pemecahan": "x"}),
     "prioritas.M3", "tidak diteruskan"),
]


@pytest.mark.parametrize(("name", "change", "field", "message"), BAD_INPUTS)
def test_cli_bad_input_exits_2_and_writes_nothing(tmp_path, name, change, field, message):
    path = write_input(tmp_path, name, change)
    out = tmp_path / "out.docx"
    result = run(tmp_path, "render", name, path, "-o", out)
    assert result.returncode == 2, result.stderr
    assert f"{field}: " in result.stderr and message in result.stderr, result.stderr
    assert not out.exists()
    assert not list(tmp_path.glob("*.part"))


def test_cli_malformed_spreadsheet_names_the_cell(tmp_path):
    book = load_workbook(io.BytesIO(spreadsheet.blank_xlsx()))
    sheet = book["Jawaban"]
    for jabatan in ("A", "B", "C", "D", "E"):
        sheet.append([jabatan, *([2] * 32)])
    sheet.append(["F", *([2] * 11), "lima", *([2] * 20)])
    book.save(tmp_path / "answers.xlsx")
    path = write_input(tmp_path, "laporan-evaluasi", lambda d: None)
    out = tmp_path / "out.pdf"
    result = run(tmp_path, "render", "laporan-evaluasi", path, "--responden", "answers.xlsx",
                 "-o", out)
    assert result.returncode == 2
    assert "baris 7, kolom q12: nilai harus 1\u20134" in result.stderr
    assert not out.exists()


def test_cli_blank_spreadsheet_then_render_from_it(tmp_path):
    blank = tmp_path / "kosong.xlsx"
    assert run(tmp_path, "blank-spreadsheet", blank).returncode == 0
    book = load_workbook(blank)
    book["Jawaban"].append(["Analis Perizinan", *([1] * 10), *([2] * 5), *([3] * 17), "ok"])
    book.save(blank)
    path = write_input(tmp_path, "laporan-evaluasi", lambda d: None)
    out = tmp_path / "laporan.docx"
    result = run(tmp_path, "render", "laporan-evaluasi", path, "--responden", blank, "-o", out)
    assert result.returncode == 0, result.stderr
    rows = [[c.text.strip() for c in r.cells] for r in open_docx(out.read_bytes()).tables[1].rows]
    assert rows[1][1:8] == ["Analis Perizinan", "10", "BAGUS", "10", "KURANG BAGUS", "51",
                            "TIDAK BAGUS"]
    assert len(rows) == 3  # header, the one respondent, RATA-RATA
