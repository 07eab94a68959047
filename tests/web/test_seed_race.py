"""Servers starting at once on an empty data directory (issue 10, finding 12): every one
comes up, the demo units and users are created once, by one of them."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from docgen.storage import ROLES, Database, repo
from docgen.storage.seed import DEMO_UNITS, DEMO_USERS, seed_demo
from tests.web.test_serve import _free_port, _wait_ready

STARTS = 3
DEMO_LINE = re.compile(rf"^\s+(\S+)\s+({'|'.join(ROLES)})\s+\S+$", re.MULTILINE)


def _counts(url: str) -> tuple[int, int]:
    database = Database(url)
    try:
        with database.session() as session:
            return len(repo.list_units(session)), len(repo.list_users(session))
    finally:
        database.dispose()


def test_concurrent_migrate_and_seed_on_an_empty_database_create_the_demo_once(tmp_path):
    """What ``docgen serve`` does before serving, in threads released together."""
    url = f"sqlite:///{tmp_path / 'docgen.sqlite'}"
    barrier = threading.Barrier(STARTS)

    def start() -> list[tuple[str, str, str]]:
        database = Database(url)
        try:
            barrier.wait()
            database.migrate()
            with database.session() as session:
                return seed_demo(session)
        finally:
            database.dispose()

    with ThreadPoolExecutor(STARTS) as pool:
        results = [future.result() for future in
                   [pool.submit(start) for _ in range(STARTS)]]
    seeded = [r for r in results if r]
    assert len(seeded) == 1 and results.count([]) == STARTS - 1
    assert [u[:2] for u in seeded[0]] == [u[:2] for u in DEMO_USERS]
    assert _counts(url) == (len(DEMO_UNITS), len(DEMO_USERS))


@pytest.mark.slow
def test_servers_started_at_once_on_an_empty_data_directory_all_come_up(tmp_path):
    data_dir = tmp_path / "instance"
    env = {**os.environ, "DOCGEN_DATA_DIR": str(data_dir),
           # no LibreOffice for this test: an external converter nobody listens on
           "DOCGEN_CONVERTER_EXTERNAL": "1", "DOCGEN_CONVERTER_PORT": str(_free_port())}
    docgen = Path(sys.executable).with_name("docgen")
    ports = [_free_port() for _ in range(STARTS)]
    processes = [subprocess.Popen([str(docgen), "serve", "--port", str(port)], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  text=True, start_new_session=True) for port in ports]
    outputs = []
    try:
        for port, process in zip(ports, processes, strict=True):
            _wait_ready(f"http://127.0.0.1:{port}/masuk", process)
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            outputs.append(process.communicate()[0])
    for output in outputs:
        assert "Traceback" not in output and "IntegrityError" not in output, output
    printed = [DEMO_LINE.findall(output) for output in outputs]
    assert sorted(len(users) for users in printed) == [0] * (STARTS - 1) + [len(DEMO_USERS)]
    assert _counts(f"sqlite:///{data_dir / 'docgen.sqlite'}") == (len(DEMO_UNITS),
                                                                   len(DEMO_USERS))
