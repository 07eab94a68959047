"""Issue 11 items 2, 3, 10, 11, 13 in Chromium: a save redirects and a reload posts
nothing, Enter moves on, the buttons wait for the save, a removed row can be brought
back, the list is searched through the URL, the preview sits beside the form."""

from __future__ import annotations

import re

import sqlalchemy as sa
from playwright.sync_api import Page, expect

from docgen.storage.models import Document
from tests.browser.conftest import login, screenshot


def _documents(live) -> int:
    with live.app.extensions["docgen"].database.session() as session:
        return session.scalar(sa.select(sa.func.count(Document.id)))


def _no_sideways_scroll(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= \
        page.evaluate("window.innerWidth")


def test_enter_moves_on_save_redirects_reload_posts_nothing_and_undo_a_row(page, live):
    login(page, live, "a_admin")
    page.goto(f"{live.url}/dokumen/baru/sk-kbk")
    page.fill("#f-nomor", "800/999/2026")
    page.press("#f-nomor", "Enter")  # moves to the next field, saves nothing
    expect(page.locator("#f-tanggal")).to_be_focused()
    assert page.url.endswith("/dokumen/baru/sk-kbk")

    rows = page.locator("[data-row]:visible")
    before = rows.count()
    third = page.locator("#f-susunan-2-nama").input_value()
    page.locator("[data-row]:visible").nth(2).locator("[data-remove-row]").click()
    expect(rows).to_have_count(before - 1)
    undo = page.locator("button:has-text('Batalkan hapus')")
    expect(undo).to_be_focused()
    expect(page.locator(".row-undo")).to_contain_text("Baris 3")
    undo.click()
    expect(rows).to_have_count(before)
    expect(page.locator("#f-susunan-2-nama")).to_have_value(third)

    page.fill("#f-yel_yel", "")  # still a required field empty: saved with errors
    # what the buttons look like once the save has started (kept across the navigation)
    page.evaluate("""() => window.addEventListener("submit", (event) => {
        const buttons = [...event.target.querySelectorAll("button[type=submit]")];
        sessionStorage.setItem("saving", JSON.stringify({
            disabled: buttons.map((b) => b.disabled),
            label: event.target.querySelector("button.primary").textContent}));
    })""")
    count = _documents(live)
    page.dblclick("button.primary:has-text('Simpan draf')")  # an impatient double click
    page.wait_for_url(re.compile(r"/dokumen/\d+$"))
    saving = page.evaluate("JSON.parse(sessionStorage.getItem('saving'))")
    assert saving["label"] == "Menyimpan…" and all(saving["disabled"])
    expect(page.locator(".error-summary")).to_contain_text("wajib diisi")
    expect(page.locator("#f-yel_yel")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("a.no-download")).to_be_visible()
    page.reload()
    expect(page.locator("#f-nomor")).to_have_value("800/999/2026")
    assert _documents(live) == count + 1  # one draft: neither the double click nor reload
    screenshot(page, "issue11-document-with-errors-1280")


def test_preview_beside_the_form_and_the_riwayat_page(page, live):
    login(page, live, "a_admin")
    doc_id = live.documents["a_form_a"]
    page.goto(f"{live.url}/dokumen/{doc_id}")
    form = page.locator(".doc-form").bounding_box()
    preview = page.locator(".doc-preview").bounding_box()
    assert preview["x"] > form["x"] + form["width"] - 1  # side by side at 1280 px
    assert "SHA-256" not in page.locator("main").inner_text()
    screenshot(page, "issue11-document-preview-beside-1280")
    page.click("a.button:has-text('Riwayat')")
    expect(page.locator("h1")).to_have_text("Riwayat dan arsip")
    expect(page.locator("table.archive-list tbody tr").first).to_contain_text("Final")
    screenshot(page, "issue11-riwayat-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    _no_sideways_scroll(page)
    screenshot(page, "issue11-riwayat-375")
    page.goto(f"{live.url}/dokumen/{doc_id}")
    preview = page.locator(".doc-preview").bounding_box()
    form = page.locator(".doc-form").bounding_box()
    assert preview["y"] > form["y"] + form["height"] - 1  # stacked on a phone
    screenshot(page, "issue11-document-375")


def test_the_list_is_searched_through_the_url(page, live):
    login(page, live, "admin")
    page.fill("#q", "Kalimanah")
    page.select_option("#jenis", "sk-kbk")
    page.select_option("#status", "final")
    page.click("button:has-text('Cari')")
    expect(page).to_have_url(re.compile(r"q=Kalimanah.*jenis=sk-kbk.*status=final"))
    listed = page.locator("table.document-list tbody tr")
    expect(listed).to_have_count(1)
    expect(listed.first).to_contain_text("Kalimanah")
    screenshot(page, "issue11-list-search-1280")
    bookmarked = page.url
    page.goto(f"{live.url}/dokumen")
    page.goto(bookmarked)  # a bookmark gives the same list, the filters filled in
    expect(page.locator("#q")).to_have_value("Kalimanah")
    expect(listed).to_have_count(1)
    page.click("a:has-text('Hapus saringan')")
    expect(page).to_have_url(f"{live.url}/dokumen")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(bookmarked)
    screenshot(page, "issue11-list-search-375")
    search = page.locator("form.filters").bounding_box()
    assert search["x"] + search["width"] <= 375
