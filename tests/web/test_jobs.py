"""Background jobs with progress (issue 13): a ZIP of many documents and the printed
recap made by real Huey consumer threads in the test app (SQLite queue in the data
directory), real LibreOffice; progress, access, a failure's message, and a job resumed
after its process stopped mid-way, each document produced once."""

from __future__ import annotations

import io
import threading
import time
import zipfile

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from docgen.jobs.model import Job
from docgen.storage.models import ArchiveEntry
from tests.conftest import pdf_text
from tests.web.conftest import add_document, bearer, login, make_app, sample

TIMEOUT = 180  # seconds for a job of five PDFs on a busy machine


def start(app):
    runner = app.extensions["docgen_jobs"]
    runner.start()
    return runner


@pytest.fixture()
def jobs(app):
    """The app's job consumer threads, started and stopped with the test."""
    runner = start(app)
    yield runner
    runner.stop()


def five(app, world, finals: int = 2, count: int = 5) -> list[int]:
    """Five (``count``) Keputusan of unit A, the first ``finals`` of them final (served
    from the archive), the others drafts (rendered, each render recorded in the archive)."""
    return [add_document(app, "sk-kbk", world.units["A"], _numbered(n), final=n < finals)
            for n in range(count)]


def _numbered(n: int) -> dict:
    """The sample with a number of its own: no two documents share a cached PDF."""
    data = sample("sk-kbk")
    data["nomor"] = f"800/{n + 1:03d}/2026"
    return data


def wait(client, url: str, **headers: str) -> dict:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        state = client.get(url, headers=headers).get_json()
        if state["status"] in ("done", "failed"):
            return state
        time.sleep(0.3)
    raise AssertionError(f"job not finished: {state}")


def check_zip(data: bytes, ids: list[int]) -> None:
    bundle = zipfile.ZipFile(io.BytesIO(data))
    names = bundle.namelist()
    assert len(names) == len(ids) and all(n.endswith(".pdf") for n in names)
    for doc_id in ids:
        (name,) = [n for n in names if f"-{doc_id}-v1" in n]
        pdf = bundle.read(name)
        assert len(PdfReader(io.BytesIO(pdf)).pages) >= 1
        assert "KBK SEMAR" in pdf_text(pdf)
        assert ("DRAF" in pdf_text(pdf)) == name.endswith("-draf.pdf")


def zip_renders(app, ids: list[int]) -> dict[int, int]:
    """How often each document was rendered for a ZIP (its archive entries)."""
    with app.extensions["docgen"].database.session() as session:
        entries = session.scalars(select(ArchiveEntry).where(
            ArchiveEntry.purpose == "zip")).all()
        return {i: sum(1 for e in entries if e.document_id == i) for i in ids}


def test_zip_of_five_as_a_job_on_the_web(app, client, world, jobs):
    ids = five(app, world)
    login(client, "a_admin")
    response = client.post("/dokumen/zip", data={"ids": [str(i) for i in ids],
                                                 "format": "pdf"})
    assert response.status_code == 303
    page_url = response.headers["Location"]
    assert page_url.startswith("/pekerjaan/")
    page = client.get(page_url).get_data(as_text=True)
    assert "<progress" in page and "job.js" in page and "Muat ulang" in page
    state = wait(client, page_url + ".json")
    assert (state["status"], state["done"], state["total"]) == ("done", 5, 5)
    page = client.get(page_url).get_data(as_text=True)
    assert "5 dari 5 dokumen" in page and "Unduh hasil" in page
    result = client.get(state["result_url"])
    assert result.status_code == 200
    assert "dokumen-budaya-kerja.zip" in result.headers["Content-Disposition"]
    check_zip(result.data, ids)
    assert zip_renders(app, ids[2:]) == {i: 1 for i in ids[2:]}  # the drafts
    listing = client.get("/pekerjaan").get_data(as_text=True)
    assert "ZIP 5 dokumen (PDF)" in listing and "Selesai" in listing
    # another unit's user: the job and its result do not exist for them
    client.post("/keluar")
    login(client, "b_admin")
    for url in (page_url, page_url + ".json", state["result_url"]):
        assert client.get(url).status_code == 404
    assert "ZIP 5 dokumen" not in client.get("/pekerjaan").get_data(as_text=True)
    client.post("/keluar")
    login(client, "admin")  # a role that reads everything may look
    assert client.get(page_url + ".json").get_json()["status"] == "done"


def test_zip_of_five_as_a_job_in_the_api(app, client, world, jobs, runner):
    ids = five(app, world)
    token = runner("create-token", "a_admin").output.strip()
    response = client.post("/api/v1/jobs", json={"kind": "zip", "ids": ids, "format": "pdf"},
                           headers=bearer(token))
    assert response.status_code == 202, response.get_json()
    location = response.headers["Location"]
    body = response.get_json()
    assert location == f"/api/v1/jobs/{body['id']}"
    assert (body["total"], body["result_url"]) == (5, None)
    assert body["status"] in ("queued", "running")
    seen = []
    deadline = time.monotonic() + TIMEOUT
    while (state := client.get(location, headers=bearer(token)).get_json())["status"] \
            not in ("done", "failed") and time.monotonic() < deadline:
        seen.append(state["done"])
        time.sleep(0.2)
    assert state == {"id": body["id"], "kind": "zip", "status": "done", "done": 5,
                     "total": 5, "result_url": f"{location}/result", "message": None}
    assert seen == sorted(seen)  # progress only goes up
    result = client.get(state["result_url"], headers=bearer(token))
    assert result.status_code == 200
    check_zip(result.data, ids)
    other = runner("create-token", "b_admin").output.strip()
    assert client.get(location, headers=bearer(other)).status_code == 404
    assert client.get(f"{location}/result", headers=bearer(other)).status_code == 404
    bad = client.post("/api/v1/jobs", json={"kind": "zip", "ids": [], "format": "pdf"},
                      headers=bearer(token))
    assert bad.status_code == 422
    foreign = add_document(app, "sk-kbk", world.units["B"], sample("sk-kbk"))
    refused = client.post("/api/v1/jobs", json={"kind": "zip", "ids": [ids[0], foreign]},
                          headers=bearer(token))
    assert refused.status_code == 404


def test_a_job_stopped_midway_is_resumed_at_the_next_start(app, client, world, data_dir,
                                                           request):
    """The server stops (as for a restart) after 2 of 5 documents: its worker finishes
    the parts in the making (one per converter), starts no other, and the job is queued
    again; the next app on the same data directory goes on with it: the missing parts are
    produced, the others not again. (A
    server killed mid-job: ``test_serve_killed_mid_job_resumes_it_on_restart``.)"""
    ids = five(app, world, finals=0)
    first = start(app)
    halted = threading.Event()

    def halt_after_two(job_id: str, done: int) -> None:
        if done == 2:
            first.context.stopping.set()
            halted.set()

    first.context.after_part = halt_after_two
    login(client, "a_admin")
    page_url = client.post("/dokumen/zip", data={"ids": [str(i) for i in ids],
                                                 "format": "pdf"}).headers["Location"]
    assert halted.wait(TIMEOUT)
    first.stop()
    job_id = page_url.rsplit("/", 1)[1]
    parts = data_dir / "jobs" / job_id / "parts"
    before = {p.name: p.stat().st_mtime_ns for p in parts.iterdir()}
    # the parts in the making when the stop came (one per converter) are finished and kept
    assert 2 <= len(before) <= 5 and set(before) <= {f"{i}.pdf" for i in ids}
    state = client.get(page_url + ".json").get_json()
    assert (state["status"], state["done"]) == ("queued", 2)

    again = make_app(data_dir, request)  # the restarted server
    second = start(again)
    browser = again.test_client()
    login(browser, "a_admin")
    try:
        state = wait(browser, page_url + ".json")
    finally:
        second.stop()
    assert (state["status"], state["done"], state["total"]) == ("done", 5, 5)
    after = {p.name: p.stat().st_mtime_ns for p in parts.iterdir()}
    assert sorted(after) == sorted(f"{i}.pdf" for i in ids)
    assert {name: after[name] for name in before} == before  # not produced again
    assert zip_renders(app, ids) == {i: 1 for i in ids}
    with again.extensions["docgen"].database.session() as session:
        assert session.get(Job, job_id).resumed == 0  # a stop, not a crash


def test_a_failed_job_shows_its_message(app, client, world):
    """A document deleted after the ZIP was asked for: the job fails with the reason."""
    from docgen.storage import Document

    ids = five(app, world)
    login(client, "a_admin")
    page_url = client.post("/dokumen/zip", data={"ids": [str(i) for i in ids],
                                                 "format": "docx"}).headers["Location"]
    with app.extensions["docgen"].database.session() as session:
        session.delete(session.get(Document, ids[3]))
    runner = start(app)
    try:
        state = wait(client, page_url + ".json")
    finally:
        runner.stop()
    assert state["status"] == "failed" and state["result_url"] is None
    message = f"Dokumen nomor {ids[3]} tidak ada lagi atau tidak dapat Anda buka"
    assert state["message"].startswith(message)
    page = client.get(page_url).get_data(as_text=True)
    assert message in page and "Gagal" in page and "Unduh hasil" not in page
    assert client.get(page_url + "/hasil").status_code == 404
    # asking for a document that is already gone is refused at once: nothing queued
    assert client.post("/dokumen/zip", data={"ids": [str(i) for i in ids],
                                             "format": "pdf"}).status_code == 404


def test_printed_recap_as_a_job(app, client, world, jobs):
    login(client, "pembinaan")
    response = client.post("/program/rekap-pdf", data={
        "tahun": "2026", "jenis": "", "jabatan": "SEKRETARIS DAERAH",
        "nama": "Ir. BUDI SANTOSO, M.Si.", "nip": "", "format": "pdf", "latar": "1"})
    assert response.status_code == 303
    state = wait(client, response.headers["Location"] + ".json")
    assert (state["status"], state["done"], state["total"]) == ("done", 1, 1), state
    pdf = client.get(state["result_url"])
    assert "rekap-program-budaya-kerja-2026.pdf" in pdf.headers["Content-Disposition"]
    text = pdf_text(pdf.data)
    assert "BUDI SANTOSO" in text and "2026" in text
    client.post("/keluar")
    login(client, "a_admin")  # a unit's user: no recap job of their own
    assert client.get(response.headers["Location"]).status_code == 404


@pytest.mark.parametrize(("value", "message"), [
    ("http://10.0.0.7:6379/0", "DOCGEN_JOBS_URL: bukan alamat Redis 'http://10.0.0.7:6379/0'"),
    ("redis://10.0.0.7:port/0", "DOCGEN_JOBS_URL: port Redis tidak valid"),
])
def test_jobs_url_setting_is_checked(value, message):
    from docgen.config import Settings, SettingsError

    with pytest.raises(SettingsError) as failure:
        Settings.from_env({"DOCGEN_JOBS_URL": value})
    assert str(failure.value).startswith(message)


def test_redis_url_needs_the_redis_client(monkeypatch):
    """A good URL picks the Redis queue; without the redis package it is refused with the
    command that installs it."""
    import importlib.util

    from huey import RedisHuey

    from docgen.config import Settings, SettingsError
    from docgen.jobs.queue import make_huey

    settings = Settings.from_env({"DOCGEN_JOBS_URL": "redis://10.0.0.7:6379/0"})
    assert isinstance(make_huey(settings), RedisHuey)  # no connection until used
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "redis" else real(name, *a))
    with pytest.raises(SettingsError) as failure:
        Settings.from_env({"DOCGEN_JOBS_URL": "redis://10.0.0.7:6379/0"})
    assert str(failure.value).startswith(
        "DOCGEN_JOBS_URL: paket Python 'redis' belum terpasang")


def test_embedded_queue_lives_in_the_data_directory(data_dir):
    from huey import SqliteHuey

    from docgen.config import Settings
    from docgen.jobs.queue import make_huey

    settings = Settings.from_env({"DOCGEN_DATA_DIR": str(data_dir), "DOCGEN_JOBS_URL": ""})
    assert settings.jobs_url is None
    queue = make_huey(settings)
    assert isinstance(queue, SqliteHuey)
    assert queue.storage.filename == str(data_dir / "jobs" / "huey.sqlite")


# -- a real server killed in the middle of a job ---------------------------------------
def _call(base: str, token: str, path: str, body: dict | None = None, raw: bool = False):
    """(status, JSON answer) of the server's API; ``raw``: the answer's bytes."""
    import json
    import urllib.request

    request = urllib.request.Request(
        base + path, data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="GET" if body is None else "POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        data = response.read()
        return response.status, data if raw else json.loads(data)


def test_serve_killed_mid_job_resumes_it_on_restart(app, world, token, data_dir):
    """``docgen serve`` is killed (SIGKILL, with its LibreOffice) after 2 of 12 PDFs
    (enough that its pool of converters cannot finish them all before the kill); the
    next ``docgen serve`` on the same data directory finishes the job: the parts made
    before the kill are not made again, and the ZIP holds the twelve documents."""
    import os
    import signal

    from tests.web.test_serve import _free_port, _start, _wait_ready

    ids = five(app, world, finals=0, count=12)
    app.extensions["docgen"].database.dispose()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = _start(data_dir, port)
    try:
        _wait_ready(base + "/masuk", server)
        status, body = _call(base, token, "/api/v1/jobs",
                             {"kind": "zip", "ids": ids, "format": "pdf"})
        assert status == 202
        job = f"/api/v1/jobs/{body['id']}"
        deadline = time.monotonic() + TIMEOUT
        while (state := _call(base, token, job)[1])["done"] < 2:
            assert time.monotonic() < deadline and state["status"] != "failed", state
            time.sleep(0.05)
    finally:
        os.killpg(server.pid, signal.SIGKILL)
        server.communicate()
    assert state["done"] < len(ids), "the job ended before the server was killed"
    parts = data_dir / "jobs" / body["id"] / "parts"
    before = {p.name: p.stat().st_mtime_ns for p in parts.glob("*.pdf")}
    assert len(before) >= 2

    server = _start(data_dir, port)
    try:
        _wait_ready(base + "/masuk", server)
        deadline = time.monotonic() + TIMEOUT
        while (state := _call(base, token, job)[1])["status"] not in ("done", "failed"):
            assert time.monotonic() < deadline, state
            time.sleep(0.2)
        assert (state["status"], state["done"]) == ("done", len(ids)), state
        check_zip(_call(base, token, job + "/result", raw=True)[1], ids)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.communicate(timeout=60)
    after = {p.name: p.stat().st_mtime_ns for p in parts.glob("*.pdf")}
    assert sorted(after) == sorted(f"{i}.pdf" for i in ids)
    assert {name: after[name] for name in before} == before  # not produced again
    done_before = [int(name.split(".")[0]) for name in before]
    assert zip_renders(app, done_before) == {i: 1 for i in done_before}
    with app.extensions["docgen"].database.session() as session:
        assert session.get(Job, body["id"]).resumed == 1
