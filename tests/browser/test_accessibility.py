"""Every page of the app, as each role reaches it, checked by axe-core in the page at
1280 px and 375 px: no serious or critical violation, and no sideways scrolling on a phone.

The pages are found by walking the links each role sees from its starting pages (one page
per URL shape: /dokumen/7 and /dokumen/9 are the same page), so pages added later are
checked too. axe-core is the npm package installed by ``./setup.sh --test``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Page

from docgen.config import PROJECT_ROOT
from docgen.registry import REGISTRY
from tests.browser.conftest import Live, login, screenshot
from tests.web.conftest import user_for_type

AXE = PROJECT_ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (1280, 375)
BLOCKING = ("serious", "critical")
NOT_PAGES = re.compile(r"\.(pdf|docx|xlsx|yaml|png|css|js|svg)$|^/api/|^/keluar")
MAX_PAGES = 80  # per role: a walk that finds more has found a loop, not pages

SEEDS = {
    None: ["/masuk", "/verifikasi", "/halaman-yang-tidak-ada"],
    "a_admin": ["/dokumen", "/unit/kop", "/akun/kata-sandi"],
    "a_sek": ["/dokumen"],
    "admin": ["/dokumen", "/admin/unit", "/admin/unit/baru", "/admin/pengguna", "/admin/token",
              "/admin/pengaturan", "/audit", "/templat"],
    "hukum": ["/tinjauan", "/dokumen"],
    "pembinaan": ["/program", "/dokumen"],
}


def _seeds(user: str | None) -> list[str]:
    seeds = list(SEEDS[user])
    seeds += [f"/dokumen/baru/{t.name}" for t in REGISTRY if user_for_type(t.name) == user]
    return seeds


def _shape(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def _links(page: Page, live: Live) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    paths = []
    for href in hrefs:
        url = urlsplit(urljoin(page.url, href))
        if url.netloc == urlsplit(live.url).netloc and not NOT_PAGES.search(url.path):
            paths.append(url.path)
    return paths


def walk(page: Page, live: Live, user: str | None) -> list[str]:
    """The pages a user reaches from the starting pages, one per URL shape."""
    queue, seen, pages = _seeds(user), set(), []
    while queue and len(pages) < MAX_PAGES:
        path = queue.pop(0)
        if _shape(path) in seen:
            continue
        seen.add(_shape(path))
        response = page.goto(f"{live.url}{path}")
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        pages.append(path)
        queue += _links(page, live)
    return pages


def axe_violations(page: Page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {iframes: false, resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    return [v for v in result if v["impact"] in BLOCKING]


def overflow(page: Page) -> int:
    """How many pixels the page is wider than the window (0 = no sideways scrolling)."""
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def _check(page: Page, live: Live, user: str | None) -> Iterator[str]:
    if user:
        login(page, live, user)
    pages = walk(page, live, user)
    assert len(pages) >= len(_seeds(user)) - 1, pages
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for path in pages:
            page.goto(f"{live.url}{path}")
            for v in axe_violations(page):
                yield f"{width}px {path}: {v['impact']} {v['id']} ({v['help']}) at {v['targets']}"
            if width < 700 and overflow(page) > 0:
                screenshot(page, f"overflow-{user}-{_shape(path).strip('/').replace('/', '-')}")
                yield f"{width}px {path}: {overflow(page)} px wider than the window"


@pytest.fixture()
def page(browser) -> Iterator[Page]:
    """Like conftest's page, but letting the test inject axe-core past the app's CSP."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID",
                                  bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


def test_axe_core_is_installed():
    assert AXE.is_file(), "run ./setup.sh --test (installs axe-core with npm into .cache/npm)"


@pytest.mark.parametrize("user", list(SEEDS), ids=lambda u: u or "anonymous")
def test_every_page_passes_axe_and_fits_a_phone(page, live, user):
    problems = list(_check(page, live, user))
    assert not problems, "\n".join(problems)


def test_the_check_sees_a_violation_and_a_too_wide_page(page, live):
    """The harness itself: an unlabelled input and a too-wide box are reported."""
    page.set_viewport_size({"width": 375, "height": 900})
    page.goto(f"{live.url}/masuk")
    assert axe_violations(page) == [] and overflow(page) == 0
    page.evaluate("""() => {
        const main = document.querySelector('main');
        main.insertAdjacentHTML('beforeend',
            '<input type="text"><div style="width: 900px">breit</div>');
    }""")
    assert "label" in [v["id"] for v in axe_violations(page)]
    assert overflow(page) > 400


def test_rows_added_and_removed_in_the_browser_keep_their_row_in_the_label(page, live):
    login(page, live, "a_admin")
    page.goto(f"{live.url}/dokumen/baru/sk-kbk")
    rows = page.locator("#f-susunan tr[data-row]")
    count = rows.count()
    page.click("#f-susunan > button[data-add-row]")
    added = rows.nth(count).locator("input[name$='.nama']")
    assert added.get_attribute("aria-label") == f"Nama (baris {count + 1})"
    rows.nth(1).locator("[data-remove-row]").click()
    assert rows.nth(1).locator("input[name$='.nama']").get_attribute(
        "aria-label") == "Nama (baris 2)"
    assert rows.nth(count - 1).locator("input[name$='.nama']").get_attribute(
        "aria-label") == f"Nama (baris {count})"
    # the suggested jabatan is a placeholder, never a value that would print
    jabatan = rows.nth(1).locator("input[name$='.jabatan']")
    assert jabatan.input_value() == "" and jabatan.get_attribute("placeholder")
