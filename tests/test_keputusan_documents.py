"""The six Keputusan rendered from their samples, read back as a user would."""

import re

import pytest

from docgen.config import Settings
from docgen.pipeline import Pipeline
from docgen.registry import REGISTRY
from tests.conftest import docx_text, open_docx, pdf_fonts, pdf_reader, pdf_text

SK_TYPES = ["sk-kbk", "sk-agen-perubahan", "sk-role-model", "sk-tim-pembinaan",
            "sk-core-values", "keputusan-penghargaan"]
BUPATI_TYPES = ("sk-tim-pembinaan", "keputusan-penghargaan")
F4_PT = (215 / 25.4 * 72, 330 / 25.4 * 72)
A4_PT = (210 / 25.4 * 72, 297 / 25.4 * 72)


@pytest.fixture(scope="module")
def rendered(pipeline):
    """name -> (docx bytes, pdf bytes) for every Keputusan sample."""
    result = {}
    for name in SK_TYPES:
        docx = pipeline.render_docx(name, REGISTRY.get(name).load_sample()).docx
        result[name] = (docx, pipeline.to_pdf(docx))
    return result


def diktum_labels(text: str) -> list[str]:
    return re.findall(r"^(KE[A-Z ]+?)\n:", text, flags=re.M)


def page_texts(pdf: bytes) -> list[str]:
    return pdf_text(pdf).split("\f")


@pytest.mark.parametrize("name", SK_TYPES)
def test_pdf_is_f4_with_bookman_substitute_and_page_numbers(rendered, name):
    _, pdf = rendered[name]
    reader = pdf_reader(pdf)
    assert len(reader.pages) >= 2
    for page in reader.pages:
        box = page.mediabox
        assert float(box.width) == pytest.approx(F4_PT[0], abs=1)
        assert float(box.height) == pytest.approx(F4_PT[1], abs=1)
    fonts = pdf_fonts(pdf)
    assert fonts and all(f.startswith("URWBookman") for f in fonts), fonts
    pages = page_texts(pdf)
    assert not re.search(r"-\s*1\s*-", pages[0])
    for number, text in enumerate(pages[1:], start=2):
        if text.strip():
            assert re.match(rf"-\s*{number}\s*-", text.strip()), text[:80]


@pytest.mark.parametrize("name", SK_TYPES)
def test_diktum_ordinals_are_generated_in_order(rendered, name):
    docx, _ = rendered[name]
    text = docx_text(docx)
    labels = diktum_labels(text)
    expected = ["KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "KEENAM", "KETUJUH",
                "KEDELAPAN"][:len(labels)]
    assert labels == expected and len(labels) >= 4
    assert "Keputusan ini mulai berlaku sejak tanggal ditetapkan" in text


@pytest.mark.parametrize("name", ["sk-kbk", "sk-agen-perubahan", "sk-tim-pembinaan",
                                  "sk-core-values", "keputusan-penghargaan"])
def test_each_lampiran_starts_a_page_and_ends_signed(rendered, name):
    _, pdf = rendered[name]
    pages = page_texts(pdf)
    starts = [i for i, text in enumerate(pages)
              if re.search(r"^\s*(-\s*\d+\s*-\s*)?LAMPIRAN( [IV]+)?\s*$", text, flags=re.M)]
    assert starts, "no LAMPIRAN header at the top of a page"
    for start in starts:
        head = [line.strip() for line in pages[start].splitlines() if line.strip()][:3]
        assert any(line.startswith("LAMPIRAN") for line in head), head
        assert re.search(r"NOMOR\s*:", pages[start]) and re.search(r"TANGGAL\s*:", pages[start])
    tail = "".join(pages[starts[-1]:])
    assert "BUPATI PURBALINGGA" in tail if name in BUPATI_TYPES else "NIP." in tail


def test_sk_kbk_content(rendered):
    docx, pdf = rendered["sk-kbk"]
    text = docx_text(docx)
    sample = REGISTRY.get("sk-kbk").load_sample()
    assert "KEPUTUSAN KEPALA DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU " \
           "KABUPATEN PURBALINGGA" in text
    assert "NOMOR : 800/215/2024" in text
    assert "pada tanggal 15 Maret 2024" in text
    assert "NIP. 19740706 199311 1 001" in text
    assert "\u201cKBK SEMAR\u201d" in text and sample["yel_yel"] in text
    assert "Peraturan Bupati Purbalingga Nomor 11 Tahun 2020" in text
    for task in ("menyusun rencana aksi implementasi budaya kerja;",
                 "menyediakan fasilitas untuk kegiatan KBK;",
                 "bekerjasama dengan seluruh anggota KBK."):
        assert task in text
    document = open_docx(docx)
    susunan = next(t for t in document.tables if t.rows[0].cells[1].text == "NAMA")
    rows = [[c.text for c in row.cells] for row in susunan.rows[1:]]
    assert len(rows) == len(sample["susunan"])
    assert [r[4] for r in rows] == ["Penanggung Jawab", "Ketua", "Sekretaris"] + \
        ["Anggota"] * (len(rows) - 3)
    # the NIP is kept on one line by no-break spaces
    assert rows[1][1:3] == ["Dra. SRI WAHYUNI", "19690412\u00a0199203\u00a02\u00a0004"]
    assert len(document.inline_shapes) == 2  # lambang + bagan organisasi
    assert "BAGAN ORGANISASI KELOMPOK BUDAYA KERJA" in pdf_text(pdf)


def test_sk_core_values_reproduces_the_seed_keputusan(rendered):
    docx, pdf = rendered["sk-core-values"]
    text = docx_text(docx)
    for part in ("NOMOR : 503/1403/2021", "TENTANG",
                 "PENETAPAN CORE VALUES, EMPLOYER BRANDING DAN SLOGAN BUDAYA LAYANAN APARATUR "
                 "SIPIL NEGARA (ASN) DI LINGKUNGAN DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU "
                 "SATU PINTU KABUPATEN PURBALINGGA",
                 "DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU (DPMPTSP)",
                 "Telp./Fax. (0281) 891235", "Menimbang", "Mengingat", "Memperhatikan",
                 "MEMUTUSKAN:", "Menetapkan", "Surat Edaran Bupati Purbalingga Nomor 060/1823/2021",
                 "pada tanggal 23 November 2021", "ATO SUSANTO, AP., M.Si.", "Pembina Utama Muda",
                 "NIP. 19740706 199311 1 001", "A.\tCORE VALUES berAKHLAK",
                 "Employer Branding ASN adalah \u201cBangga Melayani Bangsa\u201d",
                 "Slogan Budaya Layanan ASN adalah \u201cSEMAR\u201d",
                 "Senyum Salam Sapa Sopan Santun",
                 "a.\tTim Internalisasi/Kelompok Budaya Kerja;",
                 "Peraturan Bupati Purbalingga Nomor 32 Tahun 2017 tentang Kode Etik"):
        assert part in text, part
    assert diktum_labels(text) == ["KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA"]
    assert "DIKTUM KETIGA dibentuk dengan Keputusan Kepala Dinas" in text
    assert len(re.findall(r"^\d+\.$", text, flags=re.M)) >= 12  # Mengingat 1..12
    assert "LAMPIRAN" in pdf_text(pdf) and "DENGAN RAHMAT" not in text


def test_sk_tim_pembinaan_is_a_bupati_keputusan(rendered):
    docx, _ = rendered["sk-tim-pembinaan"]
    text = docx_text(docx)
    assert "KEPUTUSAN BUPATI PURBALINGGA" in text
    assert "NOMOR 065/145 TAHUN 2024" in text  # the heading is in capitals throughout
    assert "DENGAN RAHMAT TUHAN YANG MAHA ESA" in text
    assert "BUPATI PURBALINGGA," in text and "DYAH HAYUNING PRATIWI" in text
    assert "Memotivasi ASN agar tetap bersemangat" in text  # Pasal 15 ayat (3) huruf f
    assert "NIP." not in text


def test_sk_agen_perubahan_lists_agents_and_term(rendered):
    docx, _ = rendered["sk-agen-perubahan"]
    text = docx_text(docx)
    assert "terhitung mulai tanggal 1 April 2024 sampai dengan tanggal 31 Maret 2025" in text
    assert "sebagai katalis" in text and "sebagai penghubung" in text
    agents = next(t for t in open_docx(docx).tables if t.rows[0].cells[1].text == "NAMA / NIP")
    assert len(agents.rows) == 1 + 3
    assert "NIP. 19900825\u00a0201503\u00a02\u00a0003" in agents.rows[1].cells[1].text


def test_sk_role_model_names_the_head(rendered):
    text = docx_text(rendered["sk-role-model"][0])
    assert "Nama\t:\tATO SUSANTO, AP., M.Si." in text
    assert "Role Model adalah Kepala Perangkat Daerah/Unit Kerja" in text


def test_paper_a4_by_setting(settings, converter):
    a4 = Pipeline(Settings(paper="A4", data_dir=settings.data_dir), converter)
    pdf = a4.render("sk-role-model", REGISTRY.get("sk-role-model").load_sample(), "pdf")
    box = pdf_reader(pdf).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A4_PT, abs=1)


def test_user_text_is_escaped_not_interpreted(pipeline):
    data = REGISTRY.get("sk-kbk").load_sample()
    data["perangkat_daerah"]["nama"] = "Bagian Hukum & Organisasi <Setda>"
    data["nama_kbk"] = "KBK {{ 7*7 }} \"Kompak\""
    docx = pipeline.render_docx("sk-kbk", data).docx
    text = docx_text(docx)
    assert "BAGIAN HUKUM & ORGANISASI <SETDA>" in text
    assert "KBK {{ 7*7 }} \"Kompak\"" in text and "KBK 49" not in text
    assert "BAGIAN HUKUM & ORGANISASI <SETDA>" in pdf_text(pipeline.to_pdf(docx))
