"""Each role's main job done as a person does it in Chromium, counted (issue 11, Proof).

A ``Counter`` wraps the page and counts what a person does: a click (or the OK of a
confirmation question), a field filled or an option chosen (one each), a key pressed, a file
chosen. Wall seconds run from the home page after login to the job done, with the
server and LibreOffice warmed up first. Each test checks that the job succeeded and
that it takes no more actions than measured (a small margin); seconds are recorded in
``out/role_jobs.json`` and printed in the terminal summary, never asserted.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from playwright.sync_api import Dialog, Page, expect

from docgen.config import PROJECT_ROOT
from docgen.storage.models import DataVersionRow, Document
from tests.browser.conftest import login

RESULTS = PROJECT_ROOT / "out" / "role_jobs.json"
MARGIN = 3  # actions a slightly different path may take; more means the job got longer
MEASURED: list[dict[str, object]] = []
SUSUNAN = (("BAMBANG HERMAWAN, S.Sos.", "19780921 200604 1 007", "Kasubbag Umum"),
           ("RINA KUSUMASTUTI, S.E.", "19830517 200903 2 002", "Kabid Pelayanan"),
           ("AGUS PRIYONO, S.T.", "19800203 200501 1 011", "Kabid Penanaman Modal"))


class Counter:
    """The page's user actions, counted, and the wall time since ``start``."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.actions = 0
        self.started = time.perf_counter()
        page.on("dialog", self._confirm)

    def _confirm(self, dialog: Dialog) -> None:
        """The OK of an "are you sure?" question."""
        self.actions += 1
        dialog.accept()

    def seconds(self) -> float:
        return round(time.perf_counter() - self.started, 1)

    def click(self, selector: str) -> None:
        self.actions += 1
        self.page.locator(selector).first.click()

    def open(self, url: str) -> None:
        """A link followed (or a bookmark): one click."""
        self.actions += 1
        self.page.goto(url)

    def fill(self, selector: str, value: str) -> None:
        self.actions += 1
        self.page.fill(selector, value)

    def press_keys(self, keys: list[str]) -> None:
        self.actions += len(keys)
        for key in keys:
            self.page.keyboard.press(key)

    def download(self, selector: str) -> bytes:
        self.actions += 1
        with self.page.expect_download() as info:
            self.page.locator(selector).first.click()
        return Path(info.value.path()).read_bytes()


class Summary:
    """Prints the measured jobs under pytest's terminal summary."""

    def pytest_terminal_summary(self, terminalreporter) -> None:
        terminalreporter.section("role jobs (actions, seconds)")
        for row in MEASURED:
            terminalreporter.write_line(_line(row))


def _line(row: dict[str, object]) -> str:
    return f"{row['job']:<42} {row['actions']:>4} actions {row['seconds']:>6} s"


@pytest.fixture(scope="module", autouse=True)
def results(request, live, browser) -> Iterator[None]:
    """Warm the server and LibreOffice up; write the measurements at the end."""
    context = browser.new_context()
    warm = context.new_page()
    login(warm, live, "a_admin")
    preview = warm.request.get(f"{live.url}/dokumen/{live.documents['a_sk_kbk']}/unduh.pdf")
    assert preview.status == 200
    context.close()
    request.config.pluginmanager.register(Summary(), "role-jobs-summary")
    yield
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(MEASURED, indent=2), encoding="utf-8")


def _record(job: str, counter: Counter) -> int:
    row = {"job": job, "actions": counter.actions, "seconds": counter.seconds()}
    MEASURED.append(row)
    print("\n" + _line(row))
    return counter.actions


def _document(live, doc_id: int) -> Document:
    with live.app.extensions["docgen"].database.session() as session:
        document = session.get(Document, doc_id)
        session.expunge(document)
        return document


def _saved_id(page: Page) -> int:
    return int(re.search(r"/dokumen/(\d+)$", page.url).group(1))


def test_admin_unit_makes_an_sk_kbk_final_and_downloads_the_pdf(page, live):
    login(page, live, "a_admin")
    job = Counter(page)
    job.click("a:has-text('Keputusan tentang Pembentukan Kelompok Budaya Kerja')")
    job.fill("#f-nomor", "800/310/2026")
    job.fill("#f-tanggal", "2026-12-01")
    job.fill("#f-nama_kbk", "KBK MELATI")
    job.fill("#f-yel_yel", "Melayani dengan hati!")
    for index, (nama, nip, jabatan) in enumerate(SUSUNAN, 1):  # row 0: the head, prefilled
        job.fill(f"#f-susunan-{index}-nama", nama)
        job.fill(f"#f-susunan-{index}-nip", nip)
        job.fill(f"#f-susunan-{index}-jabatan", jabatan)
    job.click("button:has-text('Simpan dan tandai final')")
    expect(page.locator(".flash-success")).to_contain_text("ditandai final")
    pdf = job.download("a.button:has-text('Unduh PDF')")
    actions = _record("admin_unit: SK KBK final + PDF", job)
    assert pdf.startswith(b"%PDF")
    assert _document(live, _saved_id(page)).status == "final"
    assert actions <= 16 + MARGIN


def test_admin_unit_renews_last_years_sk_kbk_as_a_copy(page, live):
    """The same job for a unit with last year's SK KBK final: copied, not retyped."""
    login(page, live, "a_admin")
    job = Counter(page)
    job.click(f"a[href='/dokumen/{live.documents['a_sk_kbk']}']")
    job.click("button:has-text('Salin sebagai dokumen tahun berikutnya')")
    expect(page.locator(".flash-success")).to_contain_text("Salinan untuk tahun berikutnya")
    job.fill("#f-nomor", "800/311/2025")
    job.fill("#f-tanggal", "2025-04-01")
    job.click("button:has-text('Simpan dan tandai final')")
    expect(page.locator(".flash-success")).to_contain_text("ditandai final")
    pdf = job.download("a.button:has-text('Unduh PDF')")
    actions = _record("admin_unit: SK KBK, copy of last year", job)
    assert pdf.startswith(b"%PDF")
    document = _document(live, _saved_id(page))
    assert (document.status, document.data["nama_kbk"]) == ("final", "KBK SEMAR")
    assert actions <= 6 + MARGIN


def test_sekretaris_makes_the_monthly_report_final(page, live):
    login(page, live, "a_sek")
    job = Counter(page)
    job.open(f"{live.url}/dokumen/baru/laporan-bulanan-kbk?tahun=2024&bulan=3")  # Form A's
    expect(page.locator("#f-kegiatan-0-kegiatan")).not_to_have_value("")
    job.fill("#f-tanggal", "2024-03-31")
    job.click("button:has-text('Simpan dan tandai final')")
    expect(page.locator(".flash-success")).to_contain_text("ditandai final")
    actions = _record("sekretaris_kbk: laporan bulanan final", job)
    assert _document(live, _saved_id(page)).status == "final"
    assert actions <= 3 + MARGIN


def _answers(respondent: int) -> list[str]:
    return [str((respondent + question) % 4 + 1) for question in range(32)]


def test_sekretaris_types_three_questionnaires_in_the_grid(page, live):
    login(page, live, "a_sek")
    job = Counter(page)
    job.click("a:has-text('Laporan Evaluasi')")
    job.fill("#f-penanggung_jawab-pangkat_golongan", "Pembina (IV/a)")
    for index, jabatan in enumerate(("Kepala Seksi", "Staf Pelayanan", "Bendahara")):
        if page.locator(f"#f-responden-{index}-jabatan").count() == 0:
            job.click("#f-responden > button[data-add-row]")
        job.fill(f"#f-responden-{index}-jabatan", jabatan)
        job.click(f"#f-responden-{index}-jawaban input[type=radio]")  # the grid's first
        job.press_keys(_answers(index))
        expect(page.locator(f"#f-responden-{index}-jawaban [data-kg-count]")).to_have_text(
            "semua pertanyaan terjawab")
    job.click("button.primary:has-text('Simpan draf')")
    page.wait_for_url(re.compile(r"/dokumen/\d+$"))
    expect(page.locator("#hasil table tbody tr")).to_have_count(3)
    actions = _record("sekretaris_kbk: laporan evaluasi, 3 resp.", job)
    data = _document(live, _saved_id(page)).data
    assert [r["jawaban"] for r in data["responden"]] == [
        [int(a) for a in _answers(i)] for i in range(3)]
    assert actions <= 108 + MARGIN  # 3 per respondent plus the 32 answers


def _propose_data_set(page: Page, live) -> None:
    """Setup, not counted: "hukum" proposes a new version of the Keputusan defaults."""
    login(page, live, "hukum")
    page.goto(f"{live.url}/tinjauan/data/keputusan_default")
    page.click("a:has-text('Ubah dengan formulir')")
    field = page.locator("fieldset.list-field").first
    field.locator("textarea").first.fill(
        field.locator("textarea").first.input_value() + " (redaksi disetujui)")
    page.fill("#catatan", "Redaksi Menimbang diperbaiki")
    page.click("button:has-text('Ajukan versi baru')")
    expect(page.locator(".flash-success")).to_contain_text("disimpan sebagai draf")
    page.click("button:has-text('Keluar')")
    page.wait_for_url(re.compile(r"/masuk"))


def _approved_by(live, name: str) -> list[str | None]:
    with live.app.extensions["docgen"].database.session() as session:
        return list(session.scalars(sa.select(DataVersionRow.approved_by).where(
            DataVersionRow.name == name, DataVersionRow.status == "approved")))


def test_bagian_hukum_approves_a_colleagues_data_set_draft(page, live):
    _propose_data_set(page, live)
    login(page, live, "hukum2")
    job = Counter(page)
    job.click("nav a:has-text('Menunggu persetujuan')")
    job.click("#menunggu-persetujuan a:has-text('Data')")
    expect(page.locator("#setujui")).to_be_enabled()
    job.click("#setujui")
    expect(page.locator(".flash-success")).to_contain_text("disetujui")
    actions = _record("bagian_hukum: approve data-set draft", job)
    assert "hukum2" in _approved_by(live, "keputusan_default")
    assert actions <= 4 + MARGIN
