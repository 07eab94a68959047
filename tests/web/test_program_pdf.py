"""/program/rekap-pdf: the printed recap of a year, signed by the Ketua Tim Pembinaan,
read back from the real LibreOffice PDF (pdftotext, pypdf) and layout-checked."""

from __future__ import annotations

import io
import re

import pytest

from docgen.layout import check_pdf
from docgen.storage import repo
from docgen.storage.seed import DEMO_UNITS
from tests.conftest import docx_text, pdf_reader, pdf_text
from tests.web.conftest import add_document, login, sample

URL = "/program/rekap-pdf"
SIGNER = {"jabatan": "Ketua Tim Pembinaan dan Pengendalian Budaya Kerja Kabupaten Purbalingga",
          "nama": "Ir. BUDI SANTOSO, M.M.", "nip": "197407061993111001"}


def _stored(app, type_name: str, unit_id: int | None, data: dict, final: bool) -> None:
    """Stored directly (a scored card's bundled data prints markers that block a real
    final on purpose, see test_api_rekap); the recap reads the status and the data."""
    with app.extensions["docgen"].database.session() as session:
        document = repo.create_document(session, type_name, unit_id, None, data)
        if final:
            repo.mark_final(document, None, "0" * 64)


def _card(value: float, tanggal: str = "2024-11-01") -> dict:
    data = sample("scored-card")
    data["capaian"] = {code: value for code in data["capaian"]}
    data["tanggal"] = tanggal
    return data


def _sk_tim(nama: str) -> dict:
    data = sample("sk-tim-pembinaan")
    for member in data["susunan"]:
        if member["kedudukan"] == "ketua":
            member["nama"] = nama
    return data


@pytest.fixture()
def year(app, world) -> dict[str, int]:
    """A: final scored card 88,40 (A, Gelar), Laporan Evaluasi and Monev drafts; B: final
    62,50 (B, Gelar), SK KBK draft; C: a draft scored card of 80 (A, not final); the Tim's
    Keputusan final, its Ketua named."""
    with app.extensions["docgen"].database.session() as session:
        unit_c = repo.create_unit(session, **DEMO_UNITS[2]).id
    a, b = world.units["A"], world.units["B"]
    _stored(app, "scored-card", a, _card(88.4), final=True)
    add_document(app, "laporan-evaluasi", a, sample("laporan-evaluasi"))
    add_document(app, "monev-rencana-tindak", a, sample("monev-rencana-tindak"))
    _stored(app, "scored-card", b, _card(62.5), final=True)
    add_document(app, "sk-kbk", b, sample("sk-kbk"))
    _stored(app, "scored-card", unit_c, _card(80), final=False)
    _stored(app, "sk-tim-pembinaan", None, _sk_tim("Ir. BUDI SANTOSO, M.M."), final=True)
    return {"A": a, "B": b, "C": unit_c}


def _pdf(client, **fields) -> bytes:
    response = client.post(URL, data={"tahun": "2024", "jenis": "", **SIGNER, **fields,
                                      "format": "pdf"})
    assert response.status_code == 200, response.data[:800]
    assert response.mimetype == "application/pdf"
    tahun = fields.get("tahun", "2024")
    assert f"rekap-program-budaya-kerja-{tahun}.pdf" in response.headers["Content-Disposition"]
    return response.data


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_the_form_is_prefilled_from_the_keputusan_of_the_tim(app, client, year):
    login(client, "pembinaan")
    page = client.get(f"{URL}?tahun=2024").get_data(as_text=True)
    assert 'value="Ir. BUDI SANTOSO, M.M."' in page
    assert f'value="{SIGNER["jabatan"]}"' in page and 'value="2024"' in page
    assert "Asisten Administrasi Umum" in page  # whom the Keputusan names as Ketua
    older = {**_sk_tim("Dra. SITI AMINAH"), "tanggal": "2023-01-10"}
    _stored(app, "sk-tim-pembinaan", None, older, final=True)  # made final later, older date
    _stored(app, "sk-tim-pembinaan", None, _sk_tim("DRAF SAJA"), final=False)
    page = client.get(URL).get_data(as_text=True)
    assert 'value="Ir. BUDI SANTOSO, M.M."' in page and "SITI" not in page
    assert "DRAF SAJA" not in page


def test_printed_recap_of_a_year(client, year):
    login(client, "pembinaan")
    pdf = _pdf(client)
    text = _flat(pdf_text(pdf))
    assert "REKAPITULASI PELAKSANAAN PENGEMBANGAN BUDAYA KERJA" in text
    assert "KABUPATEN PURBALINGGA TAHUN 2024" in text
    assert re.search(r"Keadaan per tanggal \d{1,2} \w+ 20\d\d", text)
    for unit in DEMO_UNITS[:3]:
        assert unit["nama"] in text
    assert "88,40" in text and "62,50" in text and "80,00" in text
    assert "A (Sangat Baik)" in text and "B (Baik)" in text and "Belum (draf)" in text
    assert "DEWI LESTARI, S.Kom." in text and "93,22 %" in text  # the agent's capaian
    assert "19,38" in text  # Laporan Evaluasi, Kelompok I
    gelar = text.split("V. KBK YANG DAPAT MENGIKUTI GELAR BUDAYA KERJA")[1]
    assert DEMO_UNITS[0]["nama"] in gelar and DEMO_UNITS[1]["nama"] in gelar
    assert DEMO_UNITS[2]["nama"] not in gelar  # a draft scored card
    assert "Jumlah: 2 dari 3 unit kerja." in gelar
    assert "KETUA TIM PEMBINAAN DAN PENGENDALIAN BUDAYA KERJA" in gelar
    assert "Ir. BUDI SANTOSO, M.M." in gelar and "NIP. 19740706 199311 1 001" in gelar
    assert "Grafik 1" in text and "Belum ada scored card final" not in text
    assert not check_pdf(pdf)
    reader = pdf_reader(pdf)
    box = reader.pages[0].mediabox
    mm = (float(box.width) * 25.4 / 72, float(box.height) * 25.4 / 72)
    assert abs(mm[0] - 330) < 1 and abs(mm[1] - 215) < 1  # F4 landscape


def test_forty_units_repeat_the_header_rows(app, world):
    """Every page continuing a table repeats its header; rows never split; the signature
    stands with the text above it (the layout check on the PDF and its DOCX)."""
    from docgen.accounts.access import Actor
    from docgen.documents import rekap_pdf
    from docgen.domain.program_laporan import PenandatanganRekap
    from docgen.domain.regulation import Regulation

    with app.extensions["docgen"].database.session() as session:
        ids = [repo.create_unit(session, nama=f"Kecamatan Uji Nomor {i:02d}",
                                jenis="kecamatan").id for i in range(38)]
    for i, unit_id in enumerate([*world.units.values(), *ids]):
        _stored(app, "scored-card", unit_id, _card(40 + i * 1.5), final=True)
    with app.app_context():
        state = app.extensions["docgen"]
        with state.database.session() as session:
            actor = Actor(1, "pembinaan", "tim_pembinaan", None)
            printed = rekap_pdf.render_recap(
                actor, session, Regulation.bundled(), state.pipeline, 2024, None,
                PenandatanganRekap(**SIGNER), rekap_pdf.today())
    assert printed.problems == [] and not check_pdf(printed.pdf, printed.docx)
    pages = [pdf_text(_page(printed.pdf, n)) for n in range(len(pdf_reader(printed.pdf).pages))]
    assert len(pages) >= 3
    matrix = [p for p in pages if "Kecamatan Uji Nomor" in p and "SK KBK" in p]
    assert len(matrix) >= 2  # the matrix runs over two pages, its header on both
    ranked = [p for p in pages if "Integritas" in p and "Kecamatan Uji Nomor" in p]
    assert len(ranked) >= 2


def _page(pdf: bytes, index: int) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_page(pdf_reader(pdf).pages[index])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_docx_for_editing_in_word(client, year):
    login(client, "hukum")
    response = client.post(URL, data={"tahun": "2024", **SIGNER, "format": "docx"})
    assert response.status_code == 200
    assert "rekap-program-budaya-kerja-2024.docx" in response.headers["Content-Disposition"]
    text = docx_text(response.data)
    assert "Ir. BUDI SANTOSO, M.M." in text and "NIP. 19740706 199311 1 001" in text
    assert DEMO_UNITS[0]["nama"] in text and "Jenis unit" not in text
    kecamatan = client.post(URL, data={"tahun": "2024", "jenis": "kecamatan", **SIGNER,
                                       "format": "docx"})
    text = docx_text(kecamatan.data)
    assert "Jenis unit: Kecamatan" in text and DEMO_UNITS[1]["nama"] in text
    assert DEMO_UNITS[0]["nama"] not in text


def test_a_year_without_a_final_scored_card_prints_a_sentence(client, year):
    login(client, "admin")
    text = _flat(pdf_text(_pdf(client, tahun="2031")))
    assert "Belum ada scored card final pada tahun ini; grafik belum dapat dibuat." in text
    assert "Jumlah: 0 dari 3 unit kerja." in text


def test_a_bad_signer_shows_the_form_again_with_the_typed_values(client, year):
    login(client, "pembinaan")
    response = client.post(URL, data={"tahun": "2024", "jabatan": SIGNER["jabatan"],
                                      "nama": "", "nip": "1974 0706", "format": "pdf"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "NIP penandatangan: NIP harus 18 digit, bukan 8" in page
    assert "Nama penandatangan: wajib diisi" in page
    assert 'value="1974 0706"' in page and f'value="{SIGNER["jabatan"]}"' in page
    bad_year = client.post(URL, data={"tahun": "24", **SIGNER, "format": "pdf"})
    assert bad_year.status_code == 422 and "Tahun: isi empat angka" in bad_year.get_data(
        as_text=True)


def test_units_may_not_print_the_recap(client, year):
    login(client, "a_admin")
    assert client.get(URL).status_code == 403
    assert client.post(URL, data={"tahun": "2024", **SIGNER}).status_code == 403
