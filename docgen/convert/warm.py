"""Warm backend: a unoserver (LibreOffice kept running) that we start, watch and stop.

unoserver's server needs Debian's ``uno`` module, so it runs under the system Python
(``settings.system_python``) with only the unoserver package on its path, while this
process talks to it over XML-RPC. Each conversion has a timeout; on a hang or crash the
whole process group is killed and a fresh LibreOffice started. After
``converter_restart_after`` conversions LibreOffice is recycled.

unoserver, oosplash and soffice.bin die with this process, even on ``kill -9``
(``docgen.convert.processes``: a process group, a parent-death signal that
``unoserver_main`` answers by killing its group). Each unoserver runs in a folder of its
own under ``<data_dir>/converter`` (the temp dir when there is no data dir yet, e.g. a
CLI render), with its own LibreOffice profile and ports, so several run side by side
(``docgen.convert.pool``); a start first cleans up what a crashed predecessor left there.
"""

from __future__ import annotations

import atexit
import http.client
import logging
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import xmlrpc.client
from collections import deque
from importlib import metadata
from pathlib import Path

from docgen.config import Settings
from docgen.convert import PDFA_VERSION, ConversionError, processes
from docgen.convert.soffice import libreoffice_env

log = logging.getLogger(__name__)
START_TIMEOUT = 90.0
SERVER_SCRIPT = Path(__file__).with_name("unoserver_main.py")
# sent to unoserver when docgen dies; unoserver_main kills its group on it
PARENT_DIED = signal.SIGUSR1
PDF_OPTIONS = ["ReduceImageResolution=false"]
# PDF/A-2b (finals' archival copy): unoserver passes "Name=2" as a long in FilterData
PDFA_OPTIONS = [*PDF_OPTIONS, f"SelectPdfVersion={PDFA_VERSION}"]


_HANDED_OUT: deque[int] = deque(maxlen=64)  # ports just given: not given twice at once
_PORTS_LOCK = threading.Lock()


def free_port() -> int:
    with _PORTS_LOCK:
        while True:
            with socket.socket() as sock:
                sock.bind(("127.0.0.1", 0))
                port = sock.getsockname()[1]
            if port not in _HANDED_OUT:
                _HANDED_OUT.append(port)
                return port


class _TimeoutTransport(xmlrpc.client.Transport):
    def __init__(self, timeout: float):
        super().__init__()
        self.timeout = timeout

    def make_connection(self, host):
        connection = super().make_connection(host)
        connection.timeout = self.timeout
        return connection


def _unoserver_path(target: Path) -> Path:
    """A directory holding only the unoserver package and its metadata."""
    dist = metadata.distribution("unoserver")
    package = Path(str(dist.locate_file("unoserver")))
    target.mkdir(parents=True, exist_ok=True)
    (target / "unoserver").symlink_to(package)
    # the .dist-info folder (unoserver reads its own version); importlib.metadata keeps
    # it in the private ``_path`` of the PathDistribution it returns
    info = Path(str(dist._path))  # type: ignore[attr-defined]
    (target / info.name).symlink_to(info)
    return target


class UnoserverConverter:
    """One warm LibreOffice; ``port``/``host`` (default: the settings' converter port and
    host) set where it listens, or where the external one listens; port 0: a free one."""

    def __init__(self, settings: Settings, port: int | None = None, host: str | None = None):
        self.settings = settings
        self.conversions = 0
        self.restarts = 0
        self.timeout = settings.converter_timeout
        self._process: subprocess.Popen | None = None
        self._runtime: Path | None = None
        self._wanted_port = settings.converter_port if port is None else port
        self._port = self._wanted_port
        self.host = host or settings.converter_host
        self._lock = threading.RLock()
        self._stopping = threading.Event()  # set by stop(): a start in progress gives up
        atexit.register(self.stop)

    # -- lifecycle -------------------------------------------------------------------
    def start(self) -> None:
        with self._lock:
            if self.settings.converter_external:
                self._wait_ready(time.monotonic() + START_TIMEOUT)
                return
            if self._process is not None and self._process.poll() is None:
                return
            self.stop()  # a dead unoserver: end what it left, drop its folder
            self._spawn()

    def runtime_root(self) -> Path:
        """Where the runtime folders of this data dir's unoserver processes live."""
        if self.settings.data_dir.is_dir():
            return self.settings.data_dir.resolve() / "converter"
        return Path(tempfile.gettempdir()) / f"docgen-converter-{os.getuid()}"

    def _spawn(self) -> None:
        if shutil.which(self.settings.soffice) is None:
            raise ConversionError(
                f"LibreOffice ({self.settings.soffice}) tidak ditemukan; jalankan ./setup.sh")
        root = self.runtime_root()
        root.mkdir(parents=True, exist_ok=True)
        for folder in processes.sweep(root):
            log.warning("cleaned up after a crashed converter: %s", folder)
        self._runtime = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=root))
        processes.record(self._runtime)
        self._port = self._wanted_port or free_port()
        env = libreoffice_env()
        env["PYTHONPATH"] = str(_unoserver_path(self._runtime / "lib"))
        command = [
            self.settings.system_python, str(SERVER_SCRIPT),
            "--interface", self.host, "--port", str(self._port),
            "--uno-port", str(free_port()),
            "--user-installation", str(self._runtime / "profile"),
            "--executable", shutil.which(self.settings.soffice) or self.settings.soffice,
            "--quiet",
        ]
        log_file = (self._runtime / "unoserver.log").open("wb")
        with log_file:
            self._process = processes.launch(command, PARENT_DIED, env=env, stdout=log_file,
                                             stderr=log_file, stdin=subprocess.DEVNULL)
        processes.record(self._runtime, group=self._process.pid)
        self.conversions = 0
        try:
            self._wait_ready(time.monotonic() + START_TIMEOUT)
        except ConversionError:
            self.stop()
            raise

    def _proxy(self, timeout: float) -> xmlrpc.client.ServerProxy:
        url = f"http://{self.host}:{self._port}"
        return xmlrpc.client.ServerProxy(url, transport=_TimeoutTransport(timeout),
                                         allow_none=True)

    def _wait_ready(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            if self._stopping.is_set():
                raise ConversionError("LibreOffice dihentikan sebelum siap")
            if self._process is not None and self._process.poll() is not None:
                raise ConversionError(f"unoserver berhenti saat mulai: {self._log_tail()}")
            try:
                self._proxy(5).info()
                return
            except (OSError, http.client.HTTPException, xmlrpc.client.Error):
                time.sleep(0.25)
        raise ConversionError("unoserver tidak siap dalam batas waktu")

    def _log_tail(self) -> str:
        log_path = self._runtime / "unoserver.log" if self._runtime else None
        if log_path and log_path.exists():
            return log_path.read_text(errors="replace")[-500:]
        return ""

    def stop(self) -> None:
        # a start waiting for unoserver holds the lock for up to START_TIMEOUT: it sees
        # the event and gives up, so SIGTERM stops the server promptly
        self._stopping.set()
        with self._lock:
            self._stopping.clear()
            process, self._process = self._process, None
            if process is not None and self._runtime is not None:
                processes.end_group(process, processes.marker(self._runtime))
            if self._runtime is not None:
                shutil.rmtree(self._runtime, ignore_errors=True)
                self._runtime = None

    @property
    def port(self) -> int:
        """The XML-RPC port (0 until a start picked a free one)."""
        return self._port

    @property
    def pid(self) -> int | None:
        """Process (group) id of the managed unoserver, None when not running."""
        return self._process.pid if self._process and self._process.poll() is None else None

    def restart(self) -> None:
        with self._lock:
            self.stop()
            self.restarts += 1
            self.start()

    def __enter__(self) -> UnoserverConverter:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- work ------------------------------------------------------------------------
    def convert(self, docx: bytes, *, pdfa: bool = False) -> bytes:
        with self._lock:
            if not self.settings.converter_external:
                if self.conversions >= self.settings.converter_restart_after:
                    self.restart()
                self.start()
            try:
                # update_index=False: no tables of contents to refresh (~15% faster);
                # images keep their resolution (no resampling, ~7% faster, sharper charts)
                result = self._proxy(self.timeout).convert(
                    None, docx, None, "pdf", None, PDFA_OPTIONS if pdfa else PDF_OPTIONS,
                    False, None, None)
            except (OSError, http.client.HTTPException, xmlrpc.client.Error) as exc:
                log.warning("conversion failed (%s); restarting LibreOffice", exc)
                if not self.settings.converter_external:
                    self.restart()
                raise ConversionError(f"konversi PDF gagal atau melewati batas waktu: {exc}"
                                      ) from exc
            self.conversions += 1
            data = result.data if isinstance(result, xmlrpc.client.Binary) else result
            if not isinstance(data, bytes) or not data.startswith(b"%PDF"):
                raise ConversionError("LibreOffice tidak menghasilkan PDF")
            return data

