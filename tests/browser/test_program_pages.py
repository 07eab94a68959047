"""The program pages (issue 12) in Chromium at desk and phone width: no sideways page
scroll, the matrix scrolls in its own box with the unit column kept, axe-core finds no
serious violation; screenshots in /tmp/shots/program-*.png."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page
from werkzeug.serving import make_server

from docgen.config import Settings
from docgen.storage import repo
from docgen.storage.seed import DEMO_UNITS
from docgen.web import create_app
from tests.browser.conftest import Live, login
from tests.browser.test_evaluasi_pages import serious_axe_violations
from tests.web.conftest import PASSWORD, USERS, sample, store_emblems

SHOTS = Path("/tmp/shots")
PAGES = {"dokumen": "/program?tahun=2024", "nilai": "/program/nilai?tahun=2024",
         "gelar": "/program/gelar?tahun=2024"}
EXTRA_UNITS = [DEMO_UNITS[2], {**DEMO_UNITS[0], "nama": "Dinas Kesehatan", "singkatan": "DK"},
               {**DEMO_UNITS[1], "nama": "Kecamatan Bojongsari Kabupaten Purbalingga",
                "singkatan": "KB"}]


def _store(session, type_name: str, unit_id: int, data: dict, final: bool) -> None:
    document = repo.create_document(session, type_name, unit_id, None, data)
    if final:  # marked without rendering: the pages read status and data only
        repo.mark_final(document, None, "0" * 64)


def _dated(type_name: str, tanggal: str, **changes) -> dict:
    data = {**sample(type_name), "tanggal": tanggal, **changes}
    return data


def _year_of_documents(app) -> dict[str, int]:
    with app.extensions["docgen"].database.session() as session:
        units = [repo.create_unit(session, **DEMO_UNITS[0]).id,
                 repo.create_unit(session, **DEMO_UNITS[1]).id,
                 *(repo.create_unit(session, **u).id for u in EXTRA_UNITS)]
        for name, (role, unit) in USERS.items():
            repo.create_user(session, name, PASSWORD, role,
                             units[0 if unit == "A" else 1] if unit else None)
        card = sample("scored-card")
        for unit_id, value, final in zip(units, (50, 49.99, 80, 88.4, 72.5),
                                          (True, True, False, True, True), strict=True):
            capaian = {code: value for code in card["capaian"]}
            _store(session, "scored-card", unit_id,
                   _dated("scored-card", "2024-12-01", capaian=capaian), final)
        for unit_id in units[::2]:
            _store(session, "sk-kbk", unit_id, _dated("sk-kbk", "2024-02-01"), True)
            _store(session, "kbk-form-a", unit_id, _dated("kbk-form-a", "2024-02-10"), False)
        _store(session, "laporan-evaluasi", units[3], _dated("laporan-evaluasi", "2024-11-29"),
               True)
        _store(session, "monev-rencana-tindak", units[0],
               _dated("monev-rencana-tindak", "2024-12-10"), False)
    return {"A": units[0], "B": units[1]}


@pytest.fixture(scope="module")
def program_live(tmp_path_factory) -> Iterator[Live]:
    """A server of its own: the shared ``live`` keeps its two units for the other tests."""
    app = create_app(Settings(data_dir=tmp_path_factory.mktemp("program")))
    store_emblems(app)
    units = _year_of_documents(app)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Live(f"http://127.0.0.1:{server.server_port}", app, units, {})
    server.shutdown()
    thread.join(10)


def _overflow(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


@pytest.mark.parametrize("width", [1280, 375])
def test_the_program_pages_fit_and_pass_axe(page: Page, program_live, width):
    login(page, program_live, "admin")
    page.set_viewport_size({"width": width, "height": 900})
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in PAGES.items():
        page.goto(f"{program_live.url}{path}")
        page.wait_for_load_state("load")
        assert _overflow(page) == 0, (name, width)
        assert serious_axe_violations(page) == [], (name, width)
        page.screenshot(path=str(SHOTS / f"program-{name}-{width}.png"), full_page=True)


def test_the_matrix_scrolls_in_its_box_with_the_unit_column_kept(page: Page, program_live):
    login(page, program_live, "pembinaan")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{program_live.url}{PAGES['dokumen']}")
    box = page.locator(".matrix-wrap")
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")
    unit = page.locator(".matrix tbody th").first
    left = unit.bounding_box()["x"]
    box.evaluate("e => { e.scrollLeft = 400; }")
    assert box.evaluate("e => e.scrollLeft") > 0
    assert abs(unit.bounding_box()["x"] - left) < 1  # sticky: it did not move
    assert _overflow(page) == 0
    page.screenshot(path=str(SHOTS / "program-dokumen-375-scrolled.png"), full_page=True)
