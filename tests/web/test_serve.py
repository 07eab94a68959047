"""`docgen serve`, the main command, as a real process: migrate, seed, serve, stop."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(data_dir: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "DOCGEN_DATA_DIR": str(data_dir)}
    docgen = Path(sys.executable).with_name("docgen")
    return subprocess.Popen([str(docgen), "serve", "--port", str(port)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)


def _wait_ready(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stdout.read()
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.3)
    raise AssertionError("docgen serve did not answer in time")


def _stop(process: subprocess.Popen) -> str:
    process.send_signal(signal.SIGTERM)
    try:
        output, _ = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        raise AssertionError("docgen serve did not stop on SIGTERM") from None
    return output


def _libreoffice_of(data_dir: Path) -> list[int]:
    """Live processes whose command line names the data dir's converter folder."""
    marker = str(data_dir / "converter").encode()
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            if state != "Z" and marker in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def _wait_for_libreoffice(data_dir: Path) -> None:
    deadline = time.monotonic() + 60
    while len(_libreoffice_of(data_dir)) < 2 and time.monotonic() < deadline:
        time.sleep(0.3)
    assert _libreoffice_of(data_dir), "the warm LibreOffice never started"


def test_serve_starts_migrated_with_demo_users_and_keeps_data(tmp_path):
    data_dir = tmp_path / "instance"
    port = _free_port()
    process = _start(data_dir, port)
    try:
        _wait_ready(f"http://127.0.0.1:{port}/masuk", process)
        _wait_for_libreoffice(data_dir)
    finally:
        started = time.monotonic()
        output = _stop(process)
    # SIGTERM stops it promptly, LibreOffice included (issue 11: it took 8-12 s)
    assert time.monotonic() - started < 6, output
    assert process.returncode == 0, output
    assert _libreoffice_of(data_dir) == []
    users = re.findall(r"^\s+(\S+)\s+(admin_kabupaten|admin_unit|sekretaris_kbk|bagian_hukum)"
                       r"\s+(\S+)$", output, re.MULTILINE)
    assert {role for _, role, _ in users} == {"admin_kabupaten", "admin_unit",
                                              "sekretaris_kbk", "bagian_hukum"}
    assert (data_dir / "docgen.sqlite").exists()
    database = (data_dir / "docgen.sqlite").read_bytes()
    for _, _, password in users:
        assert password.encode() not in database

    process = _start(data_dir, port)  # second start: same data, no new demo users
    try:
        _wait_ready(f"http://127.0.0.1:{port}/masuk", process)
    finally:
        output = _stop(process)
    assert "Pengguna demo dibuat" not in output


def test_converter_command_serves_a_shared_libreoffice(tmp_path):
    """`docgen converter` in the foreground; a worker with CONVERTER_EXTERNAL uses it."""
    from docgen.config import Settings
    from docgen.convert.warm import UnoserverConverter
    from docgen.pipeline import Pipeline
    from tests.web.conftest import sample

    port = _free_port()
    docgen = Path(sys.executable).with_name("docgen")
    process = subprocess.Popen([str(docgen), "converter", "--port", str(port)],
                               env={**os.environ, "DOCGEN_DATA_DIR": str(tmp_path)},
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True)
    try:
        assert "siap" in process.stdout.readline()
        settings = Settings(data_dir=tmp_path, converter_external=True, converter_port=port)
        worker = UnoserverConverter(settings)
        pipeline = Pipeline(settings, worker)
        pdf = pipeline.to_pdf(pipeline.render_docx("sk-kbk", sample("sk-kbk")).docx)
        assert pdf.startswith(b"%PDF")
    finally:
        output = _stop(process)
    assert process.returncode == 0, output
