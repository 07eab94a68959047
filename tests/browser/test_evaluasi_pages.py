"""The evaluation pages in a real browser: the scored card's result as capaian are typed,
a paper questionnaire typed in the answer grid, the answer sheet on the new page
(issue 11 items 4 and 5)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from docgen.config import PROJECT_ROOT
from docgen.domain import scored_card
from docgen.domain.regulation import Regulation
from tests.browser.conftest import login, screenshot

RESPONDEN_XLSX = PROJECT_ROOT / "samples" / "laporan-evaluasi-responden.xlsx"
AXE = PROJECT_ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"


def serious_axe_violations(page: Page) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now."""
    # evaluated through the browser's debugging protocol: the page's CSP stays in force
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    found = page.evaluate("async () => (await axe.run()).violations")
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in found
            if v["impact"] in ("serious", "critical")]


def _codes() -> list[str]:
    return scored_card.codes(Regulation.bundled())


def test_scored_card_result_follows_the_capaian_as_typed(page: Page, live):
    login(page, live, "a_sek")
    page.goto(f"{live.url}/dokumen/baru/scored-card")
    result = page.locator("[data-sc-hasil]")
    expect(result.locator("[data-sc-total]").first).to_have_text("–")
    page.fill("#f-capaian-integritas_1", "50")
    page.fill("#f-capaian-integritas_2b", "87,5")  # a decimal comma, as people type it
    expect(result.locator("[data-sc-subtotal='Integritas']")).to_have_text("5,50")
    expect(result.locator("[data-sc-status]")).to_contain_text(
        f"{len(_codes()) - 2} capaian belum diisi")
    for code in _codes():
        page.fill(f"#f-capaian-{code}", "80")
    expect(result.locator("[data-sc-total]").first).to_have_text("80,00")
    expect(result.locator("[data-sc-kategori]")).to_have_text("A (Sangat Baik)")
    expect(result.locator("[data-sc-gelar]")).to_have_text("Boleh mengikuti")
    assert serious_axe_violations(page) == []
    screenshot(page, "11-4-scored-card-1280")
    for code in _codes():
        page.fill(f"#f-capaian-{code}", "49,99")
    expect(result.locator("[data-sc-total]").first).to_have_text("49,99")
    expect(result.locator("[data-sc-kategori]")).to_have_text("C (Cukup)")
    expect(result.locator("[data-sc-gelar]")).to_have_text("Belum boleh mengikuti")
    # a total of 74,995 prints as 75,00 and is category A, in the page as on the server
    for code in _codes():
        page.fill(f"#f-capaian-{code}", "74,995")
    server = scored_card.hitung({code: 74.995 for code in _codes()}, Regulation.bundled())
    assert (str(server.total), server.kategori.kode) == ("75.00", "A")
    expect(result.locator("[data-sc-total]").first).to_have_text("75,00")
    expect(result.locator("[data-sc-kategori]")).to_have_text("A (Sangat Baik)")
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "11-4-scored-card-375")


def test_a_paper_questionnaire_is_typed_in_the_grid(page: Page, live):
    login(page, live, "a_sek")
    page.goto(f"{live.url}/dokumen/baru/laporan-evaluasi")
    page.fill("#f-penanggung_jawab-pangkat_golongan", "Pembina (IV/a)")
    if page.locator("#f-responden-0-jabatan").count() == 0:
        page.locator("#f-responden > button[data-add-row]").click()
    page.fill("#f-responden-0-jabatan", "Kepala Seksi")
    grid = page.locator("#f-responden-0-jawaban")
    expect(grid.locator("[data-kg-count]")).to_have_text("32 pertanyaan belum dijawab")
    grid.locator("input[type=radio]").first.focus()
    answers = [(i % 4) + 1 for i in range(31)]  # the last one left out on purpose
    for answer in answers:
        page.keyboard.press(str(answer))
    expect(grid.locator("[data-kg-count]")).to_have_text("1 pertanyaan belum dijawab")
    screenshot(page, "11-5-kuesioner-grid-1280")
    page.click("button.primary:has-text('Simpan draf')")
    expect(page.locator(".error-summary")).to_contain_text(
        "Jawaban: pertanyaan 32: belum diisi")
    expect(page.locator(".error-summary")).to_contain_text("Responden baris 1")
    assert serious_axe_violations(page) == []
    grid = page.locator("#f-responden-0-jawaban")
    expect(grid.locator("input[name='responden[0].jawaban[16]'][value='1']")).to_be_checked()
    grid.locator("label:has(input[name='responden[0].jawaban[31]'][value='2'])").click()
    expect(grid.locator("[data-kg-count]")).to_have_text("semua pertanyaan terjawab")
    page.click("button.primary:has-text('Simpan draf')")
    expect(page.locator(".flash").first).to_contain_text("Draf disimpan")
    expect(page.locator("body")).not_to_contain_text("belum diisi")
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "11-5-kuesioner-grid-375")


def test_answer_sheet_is_accepted_on_the_new_page(page: Page, live):
    login(page, live, "a_sek")
    page.goto(f"{live.url}/dokumen/baru/laporan-evaluasi")
    expect(page.locator("[data-kg-unggah]")).to_contain_text("Punya berkas jawaban kuesioner?")
    page.fill("#f-penanggung_jawab-pangkat_golongan", "Pembina (IV/a)")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, "11-5-laporan-evaluasi-baru-375")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.set_input_files("#berkas-responden-baru", str(RESPONDEN_XLSX))
    page.click("button.primary:has-text('Simpan draf')")  # the sheet goes with any save
    page.wait_for_url(re.compile(r".*/dokumen/\d+$"))
    expect(page.locator(".flash-success")).to_contain_text(
        "responden dibaca dari laporan-evaluasi-responden.xlsx")
    expect(page.locator("#f-penanggung_jawab-pangkat_golongan")).to_have_value("Pembina (IV/a)")
    expect(page.locator("#f-responden-1-jabatan")).not_to_have_value("")
    screenshot(page, "11-5-laporan-evaluasi-unggah-1280")
