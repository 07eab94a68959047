"""Issue 13, item 5: the deployment for several processes or machines, as it is run.

One PostgreSQL, one Redis (the job queue), one converter pool (``docgen converter``) and
two ``docgen serve`` processes, each started in its own working directory, sharing the
database, the queue, the pool and the file folder (DOCGEN_DATA_DIR: uploads and job
results; on several machines a shared volume). The test drives the API against both,
kills the server that runs a batch job in the middle of it (SIGKILL: no clean stop, its
claim is left behind) and shows that the other server takes the job over, completes it,
loses nothing and makes no document twice.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text

from docgen.cli import cli
from tests import pg, redis_server
from tests.web.conftest import sample
from tests.web.test_serve import _free_port, _wait_ready

DOCUMENTS = 16
TIMEOUT = 240


def _docgen(env: dict[str, str], *args: str) -> str:
    result = CliRunner().invoke(cli, list(args), env=env)
    assert result.exit_code == 0, result.output
    return result.output


def _serve(env: dict[str, str], folder: Path, port: int) -> subprocess.Popen:
    folder.mkdir()
    docgen = Path(sys.executable).with_name("docgen")
    return subprocess.Popen([str(docgen), "serve", "--port", str(port)], cwd=folder,
                            env={**env, "TMPDIR": str(folder)}, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)


def _call(base: str, token: str, path: str, body: dict | None = None, raw: bool = False):
    request = urllib.request.Request(
        base + path, data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="GET" if body is None else "POST")
    with urllib.request.urlopen(request, timeout=60) as response:
        data = response.read()
        return response.status, data if raw else json.loads(data)


def _converter_pool(env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    first = _free_port()
    docgen = Path(sys.executable).with_name("docgen")
    process = subprocess.Popen([str(docgen), "converter", "--count", "2", "--port",
                                str(first)], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    assert process.stdout is not None
    ready = process.stdout.readline()
    ports = f"{first},{first + 1}"
    assert f"DOCGEN_CONVERTER_PORTS={ports}" in ready, ready
    return process, ports


def _stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> str:
    if process.poll() is None:
        os.killpg(process.pid, sig)
    output, _ = process.communicate(timeout=60)
    return output or ""


def _claimed_by(engine, job_id: str) -> str | None:
    with engine.connect() as connection:
        return connection.execute(text("SELECT claimed_by FROM jobs WHERE id = :id"),
                                  {"id": job_id}).scalar()


@pytest.mark.slow
def test_two_servers_share_database_queue_and_pool_and_survive_a_killed_worker(tmp_path):
    with pg.running_server() as database, redis_server.running_server() as redis:
        shared = tmp_path / "shared-files"
        env = {**os.environ, "DOCGEN_DATA_DIR": str(shared),
               "DOCGEN_DATABASE_URL": database.create_database(),
               "DOCGEN_JOBS_URL": redis.url, "DOCGEN_SECRET_KEY": "uji-" + "k" * 40,
               "DOCGEN_JOB_LEASE_SECONDS": "20"}
        pool, ports = _converter_pool(env)
        env.update(DOCGEN_CONVERTER_EXTERNAL="1", DOCGEN_CONVERTER_PORTS=ports)
        servers: dict[str, subprocess.Popen] = {}
        try:
            bases = {}
            for name in ("a", "b"):  # started together: migrations and demo data race
                port = _free_port()
                servers[name] = _serve(env, tmp_path / f"work-{name}", port)
                bases[name] = f"http://127.0.0.1:{port}"
            for name, base in bases.items():
                _wait_ready(base + "/masuk", servers[name])
            token = _docgen(env, "create-token", "dpmptsp").strip()
            survivor = _drive_both_and_kill_the_worker(env, bases, servers, token, shared)
        finally:
            logs = {name: _stop(process) for name, process in servers.items()}
            _stop(pool)
    assert "Traceback" not in logs[survivor], logs[survivor]
    assert "resumed (left by" in logs[survivor]


def _drive_both_and_kill_the_worker(env, bases, servers, token, shared) -> str:
    ids = []
    for index in range(DOCUMENTS):  # documents made on both servers, read on the other
        data = sample("sk-kbk")
        data["nomor"] = f"800/{index + 1:03d}/2026"
        maker, reader = ("a", "b") if index % 2 else ("b", "a")
        status, body = _call(bases[maker], token, "/api/v1/documents",
                             {"type": "sk-kbk", "data": data})
        assert status == 201, body
        ids.append(body["id"])
        assert _call(bases[reader], token, f"/api/v1/documents/{body['id']}")[1][
            "data"]["nomor"] == data["nomor"]
    status, body = _call(bases["a"], token, "/api/v1/jobs",
                         {"kind": "zip", "ids": ids, "format": "pdf"})
    assert status == 202
    job = f"/api/v1/jobs/{body['id']}"
    engine = create_engine(env["DOCGEN_DATABASE_URL"])
    deadline = time.monotonic() + TIMEOUT
    while (state := _call(bases["b"], token, job)[1])["done"] < 2:
        assert time.monotonic() < deadline and state["status"] != "failed", state
        time.sleep(0.05)
    claim = _claimed_by(engine, body["id"])
    assert claim is not None, state
    worker = next(name for name, process in servers.items() if f":{process.pid}:" in claim)
    survivor = "b" if worker == "a" else "a"
    _stop(servers[worker], signal.SIGKILL)  # the worker running the job dies mid-batch
    parts = shared / "jobs" / body["id"] / "parts"
    before = {p.name: p.stat().st_mtime_ns for p in parts.glob("*.pdf")}
    assert 2 <= len(before) < DOCUMENTS, "the job ended before its worker was killed"

    deadline = time.monotonic() + TIMEOUT
    while (state := _call(bases[survivor], token, job)[1])["status"] not in ("done",
                                                                             "failed"):
        assert time.monotonic() < deadline, state
        time.sleep(0.2)
    assert (state["status"], state["done"], state["total"]) == ("done", DOCUMENTS,
                                                                DOCUMENTS), state
    bundle = zipfile.ZipFile(io.BytesIO(_call(bases[survivor], token, job + "/result",
                                              raw=True)[1]))
    names = bundle.namelist()
    assert len(names) == DOCUMENTS == len(set(names))  # every document, each once
    assert all(bundle.read(name).startswith(b"%PDF") for name in names)
    after = {p.name: p.stat().st_mtime_ns for p in parts.glob("*.pdf")}
    assert sorted(after) == sorted(f"{i}.pdf" for i in ids)
    assert {name: after[name] for name in before} == before  # made once, not again
    with engine.connect() as connection:
        resumed, claimed = connection.execute(text(
            "SELECT resumed, claimed_by FROM jobs WHERE id = :id"), {"id": body["id"]}).one()
        renders = Counter(connection.execute(text(
            "SELECT document_id FROM archive_entries WHERE purpose = 'zip'")).scalars())
    assert (resumed, claimed) == (1, None)
    assert all(renders[int(name.split(".")[0])] == 1 for name in before), renders
    assert all(1 <= renders[i] <= 2 for i in ids), renders  # at most the in-flight twice
    engine.dispose()
    return survivor
