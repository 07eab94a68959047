"""Legal review in a real browser: upload a reworded SK KBK template, diff, four eyes,
approval by a second Bagian Hukum user, new documents use it, old finals keep theirs,
and the verification page of a final PDF."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from docgen.registry import REGISTRY
from docgen.review.archive import sha256
from tests.browser.conftest import login, screenshot
from tests.conftest import docx_text
from tests.web.conftest import reworded_template

NEW_WORDING = "satuan kerja yang dipimpin oleh"
SK_KBK_MENIMBANG = "Keputusan tentang Pembentukan Kelompok Budaya Kerja › Menimbang"
OLD_WORDING = "Anggaran Pendapatan dan Belanja Daerah Kabupaten Purbalingga melalui"


def _csrf(page: Page) -> str:
    return page.locator("input[name=csrf_token]").first.get_attribute("value")


def _logout(page: Page) -> None:
    page.click("button:has-text('Keluar')")
    page.wait_for_url(re.compile(r"/masuk"))


def _download(page: Page, selector: str) -> bytes:
    with page.expect_download() as info:
        page.click(selector)
    return Path(info.value.path()).read_bytes()


def test_reworded_template_four_eyes_new_and_old_documents(page, live, tmp_path):
    bundled_sha = sha256(REGISTRY.get("sk-kbk").template.read_bytes())
    changed = reworded_template()
    upload = tmp_path / "sk-kbk-redaksi-baru.docx"
    upload.write_bytes(changed)

    # 1. Bagian Hukum (user 1) uploads the reworded template and sees the diff
    login(page, live, "hukum")
    page.click("nav a:has-text('Tinjauan')")
    page.click("a:has-text('Keputusan tentang Pembentukan Kelompok Budaya Kerja')")
    page.set_input_files("#berkas", str(upload))
    page.fill("#catatan", "Diktum pembiayaan: DPA satuan kerja")
    page.click("button:has-text('Unggah dan periksa')")
    page.wait_for_url(re.compile(r"/tinjauan/templat/sk-kbk/banding\?lama=1&baru=2$"))
    expect(page.locator(".flash-success")).to_contain_text("versi 2 lolos pemeriksaan")
    expect(page.locator("table.diff ins").first).to_contain_text(NEW_WORDING)
    expect(page.locator("table.diff del").first).to_contain_text(OLD_WORDING)
    expect(page.locator("#placeholder-berubah")).to_contain_text("penandatangan.jabatan")
    approve = page.locator("#setujui")
    expect(approve).to_be_disabled()
    expect(page.locator("#empat-mata")).to_contain_text("prinsip empat mata")
    screenshot(page, "review-1-diff-uploader")

    # ... and cannot approve it alone, even by posting the form directly
    response = page.request.post(f"{live.url}/tinjauan/templat/sk-kbk/2/setujui",
                                 form={"csrf_token": _csrf(page)})
    assert response.status == 403
    assert "persetujuan harus diberikan orang lain (prinsip empat mata)" in response.text()
    _logout(page)

    # 2. Bagian Hukum user 2 reads the wording and approves
    login(page, live, "hukum2")
    page.goto(f"{live.url}/tinjauan")
    expect(page.locator("#menunggu-persetujuan")).to_contain_text("Templat sk-kbk · versi 2")
    page.click("#menunggu-persetujuan a:has-text('Templat sk-kbk')")
    page.wait_for_url(f"{live.url}/tinjauan/templat/sk-kbk/2")
    expect(page.locator("#redaksi")).to_contain_text(NEW_WORDING)
    expect(page.locator("#redaksi")).to_contain_text("[Menimbang: setiap butir]")
    expect(page.locator("#redaksi")).not_to_contain_text("{%")
    expect(page.locator("#kode-templat")).to_be_hidden()
    page.click("summary:has-text('Lihat kode templat')")
    expect(page.locator("#kode-templat")).to_contain_text("{%tr for item in menimbang %}")
    expect(page.locator("iframe.preview")).to_be_visible()
    preview = page.request.get(live.url + page.locator("iframe.preview").get_attribute("src"))
    assert preview.status == 200 and preview.body().startswith(b"%PDF")
    screenshot(page, "review-2-version-wording")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#setujui")
    expect(page.locator(".flash-success")).to_contain_text("disetujui dan berlaku")
    page.goto(f"{live.url}/tinjauan/templat/sk-kbk")
    expect(page.locator("#versi-2")).to_contain_text("Berlaku")
    expect(page.locator("#versi-1")).to_contain_text("Tidak berlaku")
    screenshot(page, "review-3-versions")
    _logout(page)

    # 3. admin_unit creates a new SK KBK: version 2 wording, named in its archive entry
    login(page, live, "a_admin")
    page.goto(f"{live.url}/dokumen/baru/sk-kbk")
    page.fill("#f-nomor", "800/202/2024")
    page.fill("#f-tanggal", "2024-06-03")
    page.fill("#f-nama_kbk", "KBK ANGGREK")
    page.fill("#f-yel_yel", "Anggrek melayani sepenuh hati!")
    for index, (nama, nip, jabatan) in enumerate((
            ("Dra. SRI WAHYUNI", "19690412 199203 2 004", "Sekretaris Dinas"),
            ("BAMBANG HERMAWAN, S.Sos.", "19780921 200604 1 007", "Kasubbag Umum"),
            ("RINA KUSUMASTUTI, S.E.", "19830517 200903 2 002", "Kabid Pelayanan")), 1):
        page.fill(f"#f-susunan-{index}-nama", nama)
        page.fill(f"#f-susunan-{index}-nip", nip)
        page.fill(f"#f-susunan-{index}-jabatan", jabatan)
    page.click("button.primary:has-text('Simpan draf')")
    page.wait_for_url(re.compile(r"/dokumen/\d+$"))
    docx = _download(page, "a.button:has-text('Unduh DOCX')")
    text = docx_text(docx)
    assert f"{NEW_WORDING} Kepala Dinas Penanaman Modal" in text and OLD_WORDING not in text
    page.click("a.button:has-text('Riwayat')")  # the archive is on the Riwayat page
    arsip = page.locator("#arsip")
    expect(arsip.locator(".template-used")).to_contain_text("templat versi 2")
    expect(arsip.locator(".template-used")).to_contain_text(sha256(changed))
    row = arsip.locator("table.archive-list tbody tr").filter(has_text="unduh")
    expect(row.first).to_contain_text("versi 2")
    expect(row.first).to_contain_text(sha256(changed))
    expect(row.first).to_contain_text(sha256(docx))

    page.go_back()
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button:has-text('Simpan dan tandai final')")
    expect(page.locator(".flash-success")).to_contain_text("ditandai final")
    final_pdf = _download(page, "a.button:has-text('Unduh PDF')")
    page.click("a.button:has-text('Riwayat')")
    expect(arsip.locator("table.archive-list tbody tr").first).to_contain_text("Final")
    expect(arsip.locator("table.archive-list tbody tr").first).to_contain_text("versi 2")
    screenshot(page, "review-4-new-document-archive")
    verify_url = arsip.locator("a[href^='/verifikasi/']").get_attribute("href")

    # 4. the older final document still renders with and names version 1
    page.goto(f"{live.url}/dokumen/{live.documents['a_sk_kbk']}/riwayat")
    expect(page.locator("#arsip .template-used")).to_contain_text("templat versi 1")
    expect(page.locator("#arsip .template-used")).to_contain_text(bundled_sha)
    page.goto(f"{live.url}/dokumen/{live.documents['a_sk_kbk']}")
    old_text = docx_text(_download(page, "a.button:has-text('Unduh DOCX')"))
    assert OLD_WORDING in old_text and NEW_WORDING not in old_text

    # 5. anyone can check the new final's PDF on its verification page (QR target)
    _logout(page)
    page.goto(live.url + verify_url)
    expect(page.locator("h1")).to_contain_text("Dokumen terdaftar")
    good = tmp_path / "sk-final.pdf"
    good.write_bytes(final_pdf)
    page.set_input_files("#berkas", str(good))
    page.click("button:has-text('Periksa')")
    expect(page.locator("#hasil-verifikasi")).to_contain_text("Cocok: berkas identik")
    expect(page.locator(".facts")).to_contain_text("800/202/2024")
    expect(page.locator(".facts")).to_contain_text("3 Juni 2024")
    expect(page.locator("body")).not_to_contain_text("KBK ANGGREK")
    screenshot(page, "review-5-verification-ok")
    bad = tmp_path / "sk-final-diubah.pdf"
    changed_pdf = bytearray(final_pdf)
    changed_pdf[len(changed_pdf) // 2] ^= 0x01
    bad.write_bytes(bytes(changed_pdf))
    page.set_input_files("#berkas", str(bad))
    page.click("button:has-text('Periksa')")
    expect(page.locator("#hasil-verifikasi")).to_contain_text("Tidak cocok")
    screenshot(page, "review-6-verification-modified")


def test_rejected_upload_data_check_and_audit_pages(page, live, tmp_path):
    login(page, live, "hukum")
    page.goto(f"{live.url}/tinjauan")
    expect(page.locator("h1")).to_contain_text("Tinjauan redaksi")
    screenshot(page, "review-7-index")

    # a template reaching for Python internals: rejected, the paragraph quoted, nothing kept
    payload = "Ketentuan {{ ''.__class__.__mro__ }} berlaku sejak ditetapkan"
    upload = tmp_path / "sk-role-model-jahat.docx"
    upload.write_bytes(reworded_template("sk-role-model", prefix="", extra=(payload,)))
    page.goto(f"{live.url}/tinjauan/templat/sk-role-model")
    page.set_input_files("#berkas", str(upload))
    page.click("button:has-text('Unggah dan periksa')")
    expect(page.locator(".flash-error")).to_contain_text("tidak ada yang disimpan")
    expect(page.locator(".problem-message")).to_contain_text("__class__, __mro__")
    expect(page.locator(".problem-context")).to_contain_text(payload)
    expect(page.locator(".versions-table tbody tr")).to_have_count(1)
    screenshot(page, "review-8-upload-rejected")

    # scored card weights that no longer add up: the check says why, nothing is stored
    page.goto(f"{live.url}/tinjauan/data/scored_card")
    text = page.locator("#teks").input_value()
    page.fill("#teks", text.replace("{kode: integritas_1, bobot: 4,",
                                    "{kode: integritas_1, bobot: 6,"))
    page.click("button:has-text('Periksa')")
    expect(page.locator(".error-summary")).to_contain_text("berjumlah 22, harus 20")
    expect(page.locator("#perubahan-perhitungan")).to_contain_text(
        "bobot integritas_1: 4 \u2192 6")
    screenshot(page, "review-9-data-check")
    page.click("button:has-text('Ajukan versi baru')")
    expect(page.locator(".flash-error")).to_contain_text("tidak ada yang disimpan")
    expect(page.locator(".versions-table tbody tr")).to_have_count(1)

    page.goto(f"{live.url}/audit")
    expect(page.locator("table.audit")).to_contain_text("Menandai final")  # the fixture's
    screenshot(page, "review-10-audit")


def test_menimbang_edited_as_a_form_at_both_widths(page, live):
    login(page, live, "hukum")
    page.goto(f"{live.url}/tinjauan/data/keputusan_default")
    page.click("a:has-text('Ubah dengan formulir')")
    field = page.locator("fieldset.list-field", has_text=SK_KBK_MENIMBANG)
    expect(field.locator(".legal-ref")).to_contain_text("Pasal 8 huruf c")
    rows = field.locator("textarea")
    expect(rows).to_have_count(3)
    field.locator("button:has-text('Tambah baris')").click()
    field = page.locator("fieldset.list-field", has_text=SK_KBK_MENIMBANG)
    expect(field.locator("textarea")).to_have_count(4)
    field.locator("textarea").nth(3).fill("bahwa butir tambahan dari formulir;")
    screenshot(page, "review-11-data-form")
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "review-12-data-form-375")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.fill("#catatan", "Menimbang ditambah")
    page.click("button:has-text('Ajukan versi baru')")
    page.wait_for_url(re.compile(r"/tinjauan/data/keputusan_default/2$"))
    expect(page.locator(".flash-success")).to_contain_text("disimpan sebagai draf")
    expect(page.locator("#perbedaan")).to_contain_text("bahwa butir tambahan dari formulir;")
    page.goto(f"{live.url}/tinjauan")
    expect(page.locator("a.badge-draft")).to_contain_text("1 draf (versi 2)")
    page.goto(f"{live.url}/tinjauan/templat/sk-kbk/1")
    screenshot(page, "review-13-wording-readable")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, "review-14-wording-375")
    page.goto(f"{live.url}/tinjauan")
    screenshot(page, "review-15-index-375")
