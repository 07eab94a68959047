"""``check_template`` in a child process with a time and memory limit.

The sandbox stops template code from reaching Python internals and from building huge
values, but not from looping for hours (``{% for i in range(99999) %}{% for j in
range(99999) %}``). A web request handling an upload should call
``check_template_isolated``: the check runs in a fresh process that is killed at the
deadline, and the upload is rejected with a clear message.
"""

from __future__ import annotations

import multiprocessing
import resource
from multiprocessing.connection import Connection
from pathlib import Path

from docgen.review.archive import sha256
from docgen.review.checks import CheckReport, check_template
from docgen.review.problems import Problem

DEFAULT_TIMEOUT = 30.0  # seconds
DEFAULT_MEMORY_MB = 1024  # for the check itself, on top of the loaded libraries


def _preload() -> None:
    """Import the heavy libraries (and let OpenBLAS reserve its buffers) before the limit."""
    import matplotlib.backends.backend_agg  # noqa: F401
    import matplotlib.figure  # noqa: F401
    import numpy  # noqa: F401


def _child(conn: Connection, type_name: str, data: bytes, memory_mb: int, cpu_s: int) -> None:
    _preload()
    memory = _address_space() + memory_mb * 1024 * 1024  # memory_mb on top of the libraries
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 1))
    try:
        report = check_template(type_name, data)
    except MemoryError:
        report = _failed(type_name, data, "resource", "pemeriksaan templat memakai memori "
                                                     "melebihi batas; berkas ditolak")
    conn.send(report)
    conn.close()


def _address_space() -> int:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * resource.getpagesize()


def _failed(type_name: str, data: bytes, code: str, message: str) -> CheckReport:
    return CheckReport(type_name, sha256(data), len(data), (Problem(code, message),))


def check_template_isolated(type_name: str, data: bytes, timeout: float = DEFAULT_TIMEOUT,
                            memory_mb: int = DEFAULT_MEMORY_MB) -> CheckReport:
    """Same report as ``check_template``; a ``timeout``/``resource`` problem if the child
    runs too long or dies."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, daemon=True,
                              args=(sender, type_name, data, memory_mb, int(timeout) + 1))
    process.start()
    sender.close()
    try:
        if receiver.poll(timeout):
            return receiver.recv()
    except EOFError:  # the child died without an answer (killed by a limit)
        return _failed(type_name, data, "resource", "pemeriksaan templat dihentikan karena "
                                                    "melebihi batas sumber daya; berkas ditolak")
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join(5)
    return _failed(type_name, data, "timeout",
                   f"pemeriksaan templat melebihi batas waktu {timeout:g} detik (mungkin "
                   "perulangan yang sangat besar); berkas ditolak")
