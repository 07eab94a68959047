"""Typing less in a real Chromium: Agen Perubahan and the Role Model chosen from the unit's
KBK members (NIP and jabatan filled), Form B-2 codes offered from B-1 as they are typed,
'Salin sebagai dokumen tahun berikutnya' and the spreadsheet import on the document page."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import login, screenshot
from tests.web.conftest import sample

KBK = sample("sk-kbk")["susunan"]  # the final SK KBK of unit A in the live server


def _row(page, list_id: str, index: int) -> None:
    if page.locator(f"#f-{list_id}-{index}-nama").count() == 0:
        page.locator(f"#f-{list_id} > button[data-add-row]").click()


def test_agen_perubahan_is_chosen_from_the_units_kbk_members(page, live):
    login(page, live, "a_admin")
    page.goto(f"{live.url}/dokumen/baru/sk-agen-perubahan")
    _row(page, "agen", 0)
    name = page.locator("#f-agen-0-nama")
    expect(name).to_have_attribute("list", "pick-kbk-members")
    options = page.locator("#pick-kbk-members option")
    expect(options).to_have_count(len(KBK))
    member = KBK[2]
    name.fill(member["nama"])
    expect(page.locator("#f-agen-0-nip")).to_have_value(member["nip"])
    expect(page.locator("#f-agen-0-jabatan")).to_have_value(member["jabatan"])
    expect(page.locator("#f-agen .pick-hint")).to_contain_text("anggota KBK unit")
    # a row added in the page picks too
    page.locator("#f-agen > button[data-add-row]").click()
    last = page.locator("#f-agen [data-row]").last.locator("input[name$='.nama']")
    last.fill(KBK[3]["nama"])
    expect(page.locator("#f-agen [data-row]").last.locator("input[name$='.nip']")
           ).to_have_value(KBK[3]["nip"])
    screenshot(page, "12-pick-agen-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, "12-pick-agen-375")


def test_role_model_is_chosen_from_the_members(page, live):
    login(page, live, "a_admin")
    page.goto(f"{live.url}/dokumen/baru/sk-role-model")
    head = KBK[0]
    page.fill("#f-penandatangan-nama", head["nama"])
    expect(page.locator("#f-penandatangan-nip")).to_have_value(head["nip"])
    expect(page.locator("#f-penandatangan-jabatan")).to_have_value(head["jabatan"])


def test_form_b_rows_are_offered_b1s_codes_as_they_are_typed(page, live):
    login(page, live, "a_sek")
    page.goto(f"{live.url}/dokumen/baru/kbk-form-b")
    page.locator("#f-masalah > button[data-add-row]").click()
    page.fill("#f-masalah-0-masalah", "Antrean layanan panjang")
    page.fill("#f-masalah-0-kode", "M1")
    page.locator("#f-masalah > button[data-add-row]").click()
    page.fill("#f-masalah-1-kode", "M2")
    page.locator("#f-prioritas > button[data-add-row]").click()
    key = page.locator("#f-prioritas-0-__key__")
    expect(key).to_have_attribute("list", "pick-kode-b1")
    values = page.locator("#pick-kode-b1 option").evaluate_all(
        "options => options.map(o => [o.value, o.label])")
    assert values == [["M1", "Antrean layanan panjang"], ["M2", "M2"]]
    screenshot(page, "12-form-b-codes-1280")


def test_copy_as_next_year_and_the_import_box(page, live):
    login(page, live, "a_admin")
    page.goto(f"{live.url}/dokumen/{live.documents['a_sk_kbk']}")
    button = page.locator("button:has-text('Salin sebagai dokumen tahun berikutnya')")
    expect(button).to_be_visible()
    screenshot(page, "12-copy-button-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, "12-copy-button-375")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.set_viewport_size({"width": 1280, "height": 900})
    button.click()
    page.wait_for_url(re.compile(r"/dokumen/\d+$"))
    assert page.url != f"{live.url}/dokumen/{live.documents['a_sk_kbk']}"
    expect(page.locator(".flash-success")).to_contain_text("Salinan untuk tahun berikutnya")
    expect(page.locator("#f-nomor")).to_have_value("")
    expect(page.locator("#f-nama_kbk")).to_have_value("KBK SEMAR")
    expect(page.locator("#impor-baris")).to_contain_text("Impor Susunan KBK")
    screenshot(page, "12-copied-draft-import-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, "12-copied-draft-import-375")
    token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    page.request.post(page.url + "/hapus", form={"csrf_token": token})  # leave no extra doc
