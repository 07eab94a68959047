"""Real browser (Debian's Chromium via Playwright) against a live server."""

from __future__ import annotations

import re
from pathlib import Path

import docx
from playwright.sync_api import Page, expect

from docgen.config import PROJECT_ROOT
from docgen.domain import laporan_evaluasi
from docgen.domain.regulation import Regulation
from docgen.domain.spreadsheet import parse_responden
from tests.browser.conftest import login, screenshot
from tests.conftest import docx_text, pdf_text

RESPONDEN_XLSX = PROJECT_ROOT / "samples" / "laporan-evaluasi-responden.xlsx"


def _fill_row(page: Page, index: int, nama: str, nip: str, jabatan: str,
              kedudukan: str | None = None) -> None:
    page.fill(f"#f-susunan-{index}-nama", nama)
    page.fill(f"#f-susunan-{index}-nip", nip)
    page.fill(f"#f-susunan-{index}-jabatan", jabatan)
    if kedudukan:
        page.select_option(f"#f-susunan-{index}-kedudukan", kedudukan)


def test_admin_unit_creates_an_sk_kbk_with_a_fix_preview_and_download(page, live):
    login(page, live, "a_admin")
    page.click("a:has-text('Keputusan tentang Pembentukan Kelompok Budaya Kerja')")
    expect(page.locator("#f-perangkat_daerah-nama")).to_have_value(
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu")
    page.fill("#f-nomor", "800/101/2024")
    page.fill("#f-tanggal", "2024-04-01")
    page.fill("#f-nama_kbk", "KBK MELATI")
    page.fill("#f-yel_yel", "Melayani dengan hati!")
    _fill_row(page, 1, "Dra. SRI WAHYUNI", "19690412 199203 2 004", "Sekretaris Dinas")
    _fill_row(page, 2, "BAMBANG HERMAWAN, S.Sos.", "1978 0921", "Kasubbag Umum")
    _fill_row(page, 3, "RINA KUSUMASTUTI, S.E.", "19830517 200903 2 002", "Kabid Pelayanan")
    add = page.locator("#f-susunan > button[data-add-row]")
    for _ in range(3):
        add.click()
    _fill_row(page, 4, "AGUS PRIYONO, S.T.", "19800203 200501 1 011", "Kabid Penanaman Modal",
              "anggota")
    _fill_row(page, 5, "DEWI LESTARI, S.Kom.", "", "Pranata Komputer", "anggota")
    _fill_row(page, 6, "DIHAPUS", "", "Sementara", "anggota")
    page.locator("#f-susunan tr[data-row]").nth(6).locator("[data-remove-row]").click()
    expect(page.locator("#f-susunan tr[data-row]")).to_have_count(6)

    page.click("button.primary:has-text('Simpan draf')")
    expect(page.locator("#err-f-susunan-2-nip")).to_contain_text("NIP harus 18 digit, bukan 8")
    expect(page.locator(".error-summary")).to_contain_text(
        "Susunan baris 3 (Sekretaris) \u00b7 NIP: NIP harus 18 digit")
    expect(page.locator("#f-susunan tr[data-row]")).to_have_count(6)
    expect(page.locator("#f-susunan-4-nama")).to_have_value("AGUS PRIYONO, S.T.")
    expect(page.locator("#f-susunan-5-nama")).to_have_value("DEWI LESTARI, S.Kom.")
    expect(page.locator("#f-susunan-2-nip")).to_have_value("1978 0921")
    expect(page.locator("#f-nama_kbk")).to_have_value("KBK MELATI")
    assert "DIHAPUS" not in page.content()
    screenshot(page, "1-sk-kbk-field-error")

    page.fill("#f-susunan-2-nip", "19780921 200604 1 007")
    page.click("button.primary:has-text('Simpan draf')")
    page.wait_for_url(re.compile(r"/dokumen/\d+$"))
    expect(page.locator(".flash-success")).to_contain_text("Isian lengkap")
    iframe = page.locator("iframe.preview")
    expect(iframe).to_be_visible()
    preview = page.request.get(live.url + iframe.get_attribute("src"))
    assert preview.status == 200 and preview.headers["content-type"] == "application/pdf"
    assert "DRAF" in pdf_text(preview.body())
    screenshot(page, "2-sk-kbk-saved-preview")

    with page.expect_download() as info:
        page.click("a.button:has-text('Unduh DOCX')")
    download = info.value
    assert download.suggested_filename.endswith("-draf.docx")
    path = Path(download.path())
    document = docx.Document(str(path))
    assert document.paragraphs
    text = docx_text(path.read_bytes()).replace("\u00a0", " ")  # NIPs: no-break spaces
    assert text.startswith("DRAF \u2013 belum final")  # a draft's DOCX says so
    for name in ("KBK MELATI", "AGUS PRIYONO, S.T.", "DEWI LESTARI, S.Kom.",
                 "19780921 200604 1 007"):
        assert name in text


def test_sekretaris_uploads_questionnaire_answers(page, live):
    login(page, live, "a_sek")
    page.goto(f"{live.url}/dokumen/baru/laporan-evaluasi")
    expect(page.locator("#f-penanggung_jawab-nama")).to_have_value("Dra. SRI WAHYUNI")
    page.fill("#f-penanggung_jawab-pangkat_golongan", "Pembina (IV/a)")
    page.click("button.primary:has-text('Simpan draf')")  # no respondents yet: still saved
    expect(page.locator(".flash-warning")).to_contain_text("Draf disimpan")
    page.set_input_files("#berkas-responden", str(RESPONDEN_XLSX))
    page.click("button:has-text('Unggah dan baca')")
    expect(page.locator(".flash-success")).to_contain_text("responden dibaca")

    rows = parse_responden(RESPONDEN_XLSX.read_bytes(), RESPONDEN_XLSX.name)
    expected = laporan_evaluasi.build_context(laporan_evaluasi.LaporanEvaluasi.model_validate(
        {"unit_kerja": "x", "tanggal": "2024-01-01", "responden": rows,
         "penanggung_jawab": {"nama": "x", "jabatan": "x", "pangkat_golongan": "x",
                              "nip": "19690412 199203 2 004"}}), Regulation.bundled())
    table = page.locator("#hasil table")
    expect(table.locator("tbody tr")).to_have_count(len(rows))
    footer = table.locator("tfoot th")
    rata = expected["rata"]
    expect(footer).to_have_text(["", "RATA-RATA", rata["ts1"], rata["ka1"], rata["ts2"],
                                 rata["ka2"], rata["ts3"], rata["ka3"]])
    first = expected["responden"][0]
    expect(table.locator("tbody tr").first.locator("td")).to_have_text(
        [str(first["no"]), first["jabatan"], first["ts1"], first["ka1"], first["ts2"],
         first["ka2"], first["ts3"], first["ka3"]])
    screenshot(page, "3-laporan-evaluasi-computed")

    with page.expect_download() as info:
        page.click("a.button:has-text('Unduh DOCX')")
    text = docx_text(Path(info.value.path()).read_bytes())
    assert "RATA-RATA" in text
    for key in ("ts1", "ts2", "ts3", "ka1", "ka3"):
        assert rata[key] in text


def test_monthly_report_with_two_photos(page, live, tmp_path):
    from PIL import Image

    photos = []
    for i, color in enumerate(((30, 120, 200), (200, 120, 30))):
        path = tmp_path / f"foto{i}.jpg"
        Image.new("RGB", (640, 480), color).save(path, "JPEG")
        photos.append(path)
    login(page, live, "a_sek")
    page.goto(f"{live.url}/dokumen/baru/laporan-bulanan-kbk?tahun=2024&bulan=3")
    expect(page.locator("#f-nama_kbk")).to_have_value("KBK SEMAR")
    expect(page.locator("#f-kegiatan-0-kegiatan")).not_to_have_value("")
    page.fill("#f-tanggal", "2024-03-31")
    add = page.locator("#f-dokumentasi > button[data-add-row]")
    for index, (photo, caption) in enumerate(zip(photos, ("Apel pagi", "Rapat KBK"),
                                                 strict=True)):
        add.click()
        page.set_input_files(f"#f-dokumentasi-{index}-foto", str(photo))
        page.fill(f"#f-dokumentasi-{index}-keterangan", caption)
    page.click("button.primary:has-text('Simpan draf')")
    page.wait_for_url(re.compile(r"/dokumen/\d+$"))
    expect(page.locator("#f-dokumentasi img.thumb")).to_have_count(2)
    screenshot(page, "4-laporan-bulanan-photos")
    with page.expect_download() as info:
        page.click("a.button:has-text('Unduh DOCX')")
    data = Path(info.value.path()).read_bytes()
    assert len(docx.Document(Path(info.value.path())).inline_shapes) >= 2
    assert "Rapat KBK" in docx_text(data)


def test_bagian_hukum_reads_two_units_and_cannot_edit(page, live):
    login(page, live, "hukum")
    for key in ("a_sk_kbk", "b_sk_kbk", "b_draft"):
        expect(page.locator(f"a[href='/dokumen/{live.documents[key]}']")).to_have_count(1)
    for key, nama in (("a_sk_kbk", "KBK SEMAR"), ("b_sk_kbk", "KBK KALIMANAH")):
        page.goto(f"{live.url}/dokumen/{live.documents[key]}")
        expect(page.locator("#f-nama_kbk")).to_have_value(nama)
        expect(page.locator("#f-nama_kbk")).to_be_disabled()
        expect(page.locator("button:has-text('Simpan draf')")).to_have_count(0)
        expect(page.locator("button:has-text('Buat versi baru')")).to_have_count(0)
    page.goto(f"{live.url}/dokumen/{live.documents['b_draft']}")
    expect(page.locator(".flash-info")).to_contain_text("hanya dapat membaca")
    screenshot(page, "5-bagian-hukum-read-only")
    token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    response = page.request.post(f"{live.url}/dokumen/{live.documents['b_draft']}",
                                 form={"csrf_token": token, "unit_kerja": "diubah"})
    assert response.status == 403


def test_unit_b_user_gets_403_or_404_on_every_document_url_of_unit_a(page, live):
    login(page, live, "b_admin")
    token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    doc = live.documents["a_sk_kbk"]
    for path in (f"/dokumen/{doc}", f"/dokumen/{doc}/pratinjau.pdf",
                 f"/dokumen/{doc}/unduh.docx", f"/dokumen/{doc}/unduh.pdf"):
        response = page.goto(live.url + path)
        assert response.status == 404, path
    expect(page.locator("h1")).to_contain_text("Tidak ditemukan")
    screenshot(page, "6-cross-unit-404")
    for path, form in ((f"/dokumen/{doc}", {"nomor": "1"}),
                       (f"/dokumen/{doc}", {"_action": "final"}),
                       (f"/dokumen/{doc}/final", {}), (f"/dokumen/{doc}/versi-baru", {}),
                       (f"/dokumen/{doc}/hapus", {}),
                       ("/dokumen/zip", {"ids": str(doc), "format": "docx"}),
                       (f"/dokumen/{doc}/unggah/responden", {})):
        response = page.request.post(live.url + path, form={"csrf_token": token, **form})
        assert response.status in (403, 404), path
    page.goto(f"{live.url}/dokumen")
    expect(page.locator(f"a[href='/dokumen/{doc}']")).to_have_count(0)


def test_nested_rows_and_code_keyed_tables_work_in_the_browser(page, live):
    """Form B: card rows with a nested fieldset, and B-2 rows keyed by the problem's code."""
    login(page, live, "a_sek")
    page.goto(f"{live.url}/dokumen/baru/kbk-form-b")
    page.fill("#f-tanggal", "2024-05-02")
    page.locator("#f-masalah > button[data-add-row]").click()
    page.fill("#f-masalah-0-kode", "M1")
    page.fill("#f-masalah-0-masalah", "Antrean layanan panjang")
    page.fill("#f-masalah-0-dampak", "Pemohon menunggu lama")
    page.fill("#f-masalah-0-sebab_akibat-method", "Alur layanan belum ringkas")
    page.select_option("#f-masalah-0-kategori", "penting")
    page.locator("#f-prioritas > button[data-add-row]").click()
    page.fill("#f-prioritas-0-__key__", "M9")  # no such problem in B-1
    page.fill("#f-prioritas-0-usulan_pemecahan", "Sistem antrean daring")
    page.click("button.primary:has-text('Simpan draf')")
    expect(page.locator("#err-f-prioritas-0-__key__, #f-prioritas .errors").first
           ).to_contain_text("M9")
    expect(page.locator("#f-masalah-0-sebab_akibat-method")).to_have_value(
        "Alur layanan belum ringkas")
    page.fill("#f-prioritas-0-__key__", "M1")
    page.click("button.primary:has-text('Simpan draf')")
    page.wait_for_url(re.compile(r"/dokumen/\d+$"))
    expect(page.locator(".flash-success")).to_contain_text("Isian lengkap")
    screenshot(page, "7-kbk-form-b-nested")
