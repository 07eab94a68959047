"""gunicorn for real, as the README runs it in production: two workers on an empty data
directory, the login page, a PDF through the API, SIGTERM; no LibreOffice is left."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pypdf
import pytest

from docgen.registry import REGISTRY

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _processes() -> dict[int, tuple[int, str, str]]:
    """pid -> (parent pid, state, command line) of every process, from /proc."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, IndexError):
            continue  # ended meanwhile
        found[int(stat.parent.name)] = (int(fields[1]), fields[0], command)
    return found


def _libreoffices_under(root: int) -> dict[int, str]:
    """pid -> profile folder of the live soffice.bin processes descending from ``root``."""
    table = _processes()
    profiles = {}
    for pid, (_, state, command) in table.items():
        ancestor = pid
        while ancestor in table and ancestor not in (root, 0, 1):
            ancestor = table[ancestor][0]
        if ancestor == root and state != "Z" and "soffice.bin" in command:
            profiles[pid] = next(arg for arg in command.split() if arg.startswith(
                "-env:UserInstallation=")).removeprefix("-env:UserInstallation=file://")
    return profiles


def _one_per_worker(root: int) -> dict[int, str] | None:
    found = _libreoffices_under(root)
    return found if len(found) == 2 else None


def _alive(pids: set[int], profiles: set[str]) -> list[str]:
    """Live (not zombie) processes among ``pids`` or naming one of ``profiles`` (soffice,
    oosplash and unoserver all name it)."""
    return [command for pid, (_, state, command) in _processes().items()
            if state != "Z" and (pid in pids or any(p in command for p in profiles))]


def _docgen(data_dir: Path, *args: str, stdin: str | None = None) -> str:
    result = subprocess.run([str(BIN / "docgen"), *args], input=stdin, text=True,
                            capture_output=True, timeout=60,
                            env={**os.environ, "DOCGEN_DATA_DIR": str(data_dir)})
    assert result.returncode == 0, result.stderr
    return result.stdout


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")


def _wait_for(predicate, seconds: float, what: str, process: subprocess.Popen):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, f"gunicorn stopped: {process.stdout.read()}"
        try:
            value = predicate()
        except OSError:
            value = None
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"gunicorn: {what} not within {seconds} s")


def _render_pdf(base: str, token: str) -> bytes:
    body = json.dumps(REGISTRY.get("sk-tim-pembinaan").load_sample()).encode()
    request = urllib.request.Request(
        f"{base}/api/v1/documents/sk-tim-pembinaan/render?format=pdf", body,
        {"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == "application/pdf"
        return response.read()


@pytest.mark.slow
def test_gunicorn_two_workers_serve_and_stop_with_their_libreoffice(tmp_path):
    data_dir, port = tmp_path / "data", _free_port()  # the data directory does not exist
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "python:docgen.web.gunicorn_conf", "docgen.web.wsgi:app",
         "-w", "2", "-b", f"127.0.0.1:{port}"],
        env={**os.environ, "DOCGEN_DATA_DIR": str(data_dir)}, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        status, page = _wait_for(lambda: _get(f"{base}/masuk"), 60, "/masuk", process)
        assert status == 200 and 'name="csrf_token"' in page and "Masuk" in page

        _docgen(data_dir, "create-user", "bupati", "--role", "admin_kabupaten",
                stdin="Kata-Sandi-Gunicorn-2026\n")
        pdf = _render_pdf(base, _docgen(data_dir, "create-token", "bupati").strip())
        text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
        assert "KEPUTUSAN BUPATI PURBALINGGA" in text
        assert "TIM PEMBINAAN DAN PENGENDALIAN BUDAYA KERJA" in text

        # each worker started its own LibreOffice (one profile per worker)
        libreoffices = _wait_for(lambda: _one_per_worker(process.pid), 60,
                                 "a LibreOffice per worker", process)
        assert len(set(libreoffices.values())) == 2
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            output, _ = process.communicate(timeout=90)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            output, _ = process.communicate()
            raise AssertionError("gunicorn did not stop on SIGTERM") from None
    assert process.returncode == 0, output
    assert "Shutting down: Master" in output
    assert _alive(set(libreoffices), set(libreoffices.values())) == []
