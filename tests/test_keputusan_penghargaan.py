"""keputusan-penghargaan: the Bupati's Keputusan on the Gelar winners and best agents,
rendered from the sample (and with 40 winners) through real LibreOffice, read back."""

import copy
import re

import pytest

from docgen.domain.errors import InputError
from docgen.layout import check_pdf
from docgen.registry import REGISTRY
from tests.conftest import docx_text, open_docx, pdf_text

NAME = "keputusan-penghargaan"
HEADER = re.compile(r"PERINGKAT\s+UNIT KERJA / NAMA KBK\s+NILAI\s+KATEGORI")


def _sample() -> dict:
    return copy.deepcopy(REGISTRY.get(NAME).load_sample())


def _forty() -> dict:
    data = _sample()
    data["pemenang_kbk"] = [
        {"peringkat": i + 1, "unit_kerja": f"Kecamatan Nomor {i + 1} Kabupaten Purbalingga",
         "nama_kbk": f"KBK {i + 1}", "nilai": round(95 - i * 0.5, 2)} for i in range(40)]
    return data


@pytest.fixture(scope="module")
def sample_render(pipeline):
    docx = pipeline.render_docx(NAME, _sample()).docx
    return docx, pipeline.to_pdf(docx)


def _errors(data: dict) -> list[str]:
    with pytest.raises(InputError) as caught:
        REGISTRY.get(NAME).parse(data)
    return [str(e) for e in caught.value.errors]


def test_sample_prints_winners_in_order_with_nilai_and_kategori(sample_render):
    docx, pdf = sample_render
    text = docx_text(docx)
    assert "PENETAPAN PEMENANG GELAR BUDAYA KERJA DAN AGEN PERUBAHAN TERBAIK TAHUN 2024" in text
    assert "sebagaimana tercantum dalam Lampiran I dan Agen Perubahan terbaik Tahun 2024 " \
           "sebagaimana tercantum dalam Lampiran II" in " ".join(text.split())
    assert "diberikan penghargaan sebagaimana ketentuan yang berlaku" in text
    printed = pdf_text(pdf)
    rows = [re.search(rf"^\s*{n}\s+{unit}.*?{nilai}\s+{kategori}", printed, re.M)
            for n, unit, nilai, kategori in (
                (1, "Dinas Penanaman Modal", "88,40", r"A \(Sangat Baik\)"),
                (2, "Kecamatan Kalimanah", "81,25", r"A \(Sangat Baik\)"),
                (3, "Dinas Kependudukan", "67,50", r"B \(Baik\)"))]
    assert all(rows), printed
    assert [m.start() for m in rows] == sorted(m.start() for m in rows)
    assert re.search(r"Rina Setyaningsih, S\.E\., M\.M\..*96,50 %", printed)
    assert "NIP. 19830412 200801 2 015" in printed
    assert printed.index("Rina Setyaningsih") < printed.index("Agus Priyanto")
    assert printed.count("DYAH HAYUNING PRATIWI") == 3  # the Keputusan and both lampiran
    assert check_pdf(pdf, docx) == []


def test_forty_winners_repeat_the_lampiran_header(pipeline):
    docx = pipeline.render_docx(NAME, _forty()).docx
    header_rows = open_docx(docx).element.body.xpath(".//w:trPr/w:tblHeader")
    assert len(header_rows) == 3  # the two lampiran tables and the paraf box
    pdf = pipeline.to_pdf(docx)
    assert check_pdf(pdf, docx) == []
    pages = pdf_text(pdf).split("\f")
    with_rows = [p for p in pages if "Kecamatan Nomor" in p]
    assert len(with_rows) >= 2
    assert all(HEADER.search(p) for p in with_rows), [p[:300] for p in with_rows]
    assert re.search(r"^\s*40\s+Kecamatan Nomor 40\b.*75,50\s+A", "\n".join(with_rows), re.M)


def test_only_agents_drops_the_kbk_lampiran(pipeline):
    data = {**_sample(), "pemenang_kbk": []}
    text = docx_text(pipeline.render_docx(NAME, data).docx)
    assert "TENTANG\nPENETAPAN AGEN PERUBAHAN TERBAIK TAHUN 2024" in text
    assert "LAMPIRAN\n" in text and "LAMPIRAN I" not in text
    assert "GELAR BUDAYA KERJA" not in text.split("MEMUTUSKAN")[1]


def test_kbk_below_the_gelar_categories_is_refused():
    data = _sample()
    data["pemenang_kbk"][2]["nilai"] = 49.99
    (error,) = _errors(data)
    assert error.startswith("pemenang_kbk")
    assert "nilai" in error and "kategori C" in error
    assert "Pasal 16 ayat (1) huruf d angka 2" in error


def test_peringkat_must_be_one_to_n_each_once():
    data = _sample()
    data["pemenang_kbk"][2]["peringkat"] = 2
    (error,) = _errors(data)
    assert error.startswith("pemenang_kbk") and "peringkat harus 1 sampai 3" in error


def test_more_than_two_decimals_and_empty_keputusan_are_refused():
    data = _sample()
    data["agen_perubahan_terbaik"][0]["capaian"] = 96.505
    assert any("dua angka di belakang koma" in e for e in _errors(data))
    assert any("sekurang-kurangnya satu pemenang" in e for e in _errors(
        {**_sample(), "pemenang_kbk": [], "agen_perubahan_terbaik": []}))


def test_ranking_against_the_totals_is_a_warning():
    doc_type = REGISTRY.get(NAME)
    data = _sample()
    data["pemenang_kbk"][2]["nilai"] = 90
    warnings = doc_type.warnings(doc_type.parse(data))
    assert any("peringkat 3" in w for w in warnings)
    assert doc_type.warnings(doc_type.parse(_sample())) == []
