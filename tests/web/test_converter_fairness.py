"""A flood of PDF requests from one user through the real API and the real LibreOffice:
its 4th waiting job is refused (429: JSON under /api, a page elsewhere, Retry-After; the
document page still opens, without its preview) and another user's PDF is served before
the flood's remaining jobs."""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable
from typing import Any

import docx
import pytest

from docgen.config import Settings
from docgen.convert.fair import FairConverter, as_requester
from docgen.storage.seed import DEMO_UNITS
from docgen.web import create_app
from tests.conftest import pdf_text
from tests.test_converter_fair import wait_for
from tests.web.conftest import add_document, bearer, login, sample


def long_docx(paragraphs: int = 3000) -> bytes:
    """A plain DOCX of some 110 pages: seconds of real LibreOffice work."""
    document = docx.Document()
    for n in range(paragraphs):
        document.add_paragraph(f"Paragraf {n}: " + "teks panjang pengisi halaman " * 14)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture()
def app(data_dir, converter):
    """The web app with the real LibreOffice behind the fair scheduler (3 waiting jobs
    per user)."""
    settings = Settings(data_dir=data_dir, converter_queue_per_user=3)
    scheduler = FairConverter.for_settings(settings, [converter])
    return create_app(settings, shared_converter=scheduler, TESTING=True,
                      WTF_CSRF_ENABLED=False)


def test_one_users_flood_does_not_hold_up_another_users_pdf(app, world, runner):
    scheduler = app.extensions["docgen"].pipeline.converter
    tokens = {name: runner("create-token", name).output.strip()
              for name in ("a_admin", "b_admin")}
    flooder = f"user:{world.users['a_admin']}"
    unit_b = sample("sk-kbk")
    unit_b["perangkat_daerah"] = {**unit_b["perangkat_daerah"], "nama": DEMO_UNITS[1]["nama"]}
    finished: dict[str, tuple[float, Any]] = {}

    def render(name: str, data: dict) -> Any:
        return app.test_client().post("/api/v1/documents/sk-kbk/render?format=pdf",
                                      json=data, headers=bearer(tokens[name]))

    def run(label: str, job: Callable[[], Any]) -> threading.Thread:
        def finish() -> None:
            result = job()
            finished[label] = (time.monotonic(), result)

        thread = threading.Thread(target=finish)
        thread.start()
        return thread

    def holding() -> bytes:  # A's long conversion, running when the others arrive
        with as_requester(flooder):
            return scheduler.convert(long_docx())

    warm = app.test_client().post("/api/v1/documents/sk-kbk/render?format=docx",
                                  json=sample("sk-kbk"), headers=bearer(tokens["a_admin"]))
    assert warm.status_code == 200  # templates and data loaded: the flood queues quickly
    browser = app.test_client()  # A in the browser too: the same user, the same queue
    login(browser, "a_admin")
    doc_id = add_document(app, "sk-kbk", world.units["A"], sample("sk-kbk"))
    threads = [run("A0", holding)]
    wait_for(lambda: scheduler.running() == 1)
    for n in range(1, 4):
        threads.append(run(f"A{n}", lambda: render("a_admin", sample("sk-kbk"))))
        wait_for(lambda n=n: scheduler.waiting(flooder) == n, 10)
    assert "A0" not in finished, "the long conversion ended before the flood was queued"
    refused = render("a_admin", sample("sk-kbk"))  # A's 4th waiting job
    assert refused.status_code == 429 and refused.is_json, refused.data[:300]
    assert refused.json["errors"][0]["message"].startswith("Terlalu banyak permintaan PDF")
    assert int(refused.headers["Retry-After"]) >= 1
    page = browser.get(f"/dokumen/{doc_id}/unduh.pdf")
    assert page.status_code == 429 and page.mimetype == "text/html"
    assert "Terlalu banyak permintaan PDF" in page.get_data(as_text=True)
    assert int(page.headers["Retry-After"]) >= 1
    shown = browser.get(f"/dokumen/{doc_id}")  # the document page, without its preview
    assert shown.status_code == 200
    assert "Terlalu banyak permintaan PDF" in shown.get_data(as_text=True)
    threads.append(run("B1", lambda: render("b_admin", unit_b)))
    wait_for(lambda: scheduler.waiting() == 4, 10)
    assert "A0" not in finished, "the long conversion ended before B's job was queued"
    for thread in threads:
        thread.join(60)
    b_done, b_response = finished["B1"]
    assert b_response.status_code == 200, b_response.data[:300]
    assert "KBK SEMAR" in pdf_text(b_response.data)
    for label in ("A1", "A2", "A3"):
        a_done, a_response = finished[label]
        assert a_response.status_code == 200, a_response.data[:300]
        assert b_done < a_done, f"B's PDF finished after {label}"
