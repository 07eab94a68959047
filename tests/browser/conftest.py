"""A live docgen server in a thread (real CSRF, real LibreOffice) and Debian's Chromium."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from werkzeug.serving import make_server

from docgen.config import PROJECT_ROOT, Settings
from docgen.storage import repo
from docgen.storage.seed import DEMO_UNITS
from docgen.web import create_app
from tests.web.conftest import PASSWORD, USERS, add_document, sample, store_emblems

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SCREENSHOTS = PROJECT_ROOT / "out" / "screenshots"


@dataclass
class Live:
    url: str
    app: object
    units: dict[str, int]
    documents: dict[str, int]


@pytest.fixture(scope="package")
def live(tmp_path_factory, converter) -> Iterator[Live]:
    data_dir = tmp_path_factory.mktemp("live")
    app = create_app(Settings(data_dir=data_dir), shared_converter=converter)
    store_emblems(app)  # uploaded by admin_kabupaten before any final (Pengaturan > Lambang)
    with app.extensions["docgen"].database.session() as session:
        units = {"A": repo.create_unit(session, **DEMO_UNITS[0]).id,
                 "B": repo.create_unit(session, **DEMO_UNITS[1]).id}
        for name, (role, unit) in USERS.items():
            repo.create_user(session, name, PASSWORD, role, units[unit] if unit else None)
    b_kbk = sample("sk-kbk")
    b_kbk.update(nama_kbk="KBK KALIMANAH", perangkat_daerah={
        "nama": "Kecamatan Kalimanah", "jenis": "kecamatan"})
    documents = {
        "a_sk_kbk": add_document(app, "sk-kbk", units["A"], sample("sk-kbk"), final=True),
        "a_form_a": add_document(app, "kbk-form-a", units["A"], sample("kbk-form-a"),
                                 final=True),
        "b_sk_kbk": add_document(app, "sk-kbk", units["B"], b_kbk, final=True),
        "b_draft": add_document(app, "laporan-evaluasi", units["B"],
                                sample("laporan-evaluasi")),
    }
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Live(f"http://127.0.0.1:{server.server_port}", app, units, documents)
    server.shutdown()
    thread.join(10)


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """Package scope: Playwright's sync API keeps an event loop running in the main
    thread while it is open; closed after these tests, later tests (pyHanko's
    asyncio.run) find none."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID",
                                  accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    # assertions wait as long as actions: approving a template re-checks it in a child
    # process and renders its sample to PDF, several seconds on a busy 2-core machine
    expect.set_options(timeout=30_000)
    yield page
    context.close()


def login(page: Page, live: Live, username: str) -> None:
    page.goto(f"{live.url}/masuk")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button:has-text('Masuk')")
    page.wait_for_url(f"{live.url}/dokumen")


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
