"""LibreOffice processes that die with docgen, and a start that cleans up after a crash.

- ``launch`` starts a child in a session (process group) of its own with a parent-death
  signal (Linux ``PR_SET_PDEATHSIG``). Linux sends that signal when the *thread* that
  forked the child ends, so every child is forked by one launcher thread that lives as
  long as this process, never by a request or warm-up thread.
- ``end_group`` stops a child's whole group: oosplash and soffice.bin outlive their
  parent otherwise.
- Each running unoserver has a runtime folder ``<data_dir>/converter/<owner>-*`` holding
  its profile and ``processes.json`` (owner pid and start time, process group).
  ``sweep`` kills what a dead owner left running there (only processes of the recorded
  group whose command line names that folder) and removes the folder with the stale
  profile and its lock file.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
RECORD = "processes.json"
_LAUNCHER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="docgen-launcher")


def die_with_parent(sig: int) -> Callable[[], None] | None:
    """A ``preexec_fn`` making the child receive ``sig`` when this process (its forking
    thread) ends; None where there is no prctl (not Linux)."""
    if not sys.platform.startswith("linux"):
        return None
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    parent = os.getpid()

    def preexec() -> None:
        prctl(PR_SET_PDEATHSIG, sig)
        if os.getppid() != parent:  # the parent died before the signal was armed
            os._exit(1)

    return preexec


STOP_GRACE_SECONDS = 1.5


def launch(command: list[str], death_signal: int, **popen: Any) -> subprocess.Popen:
    """``Popen`` in a new session, receiving ``death_signal`` when this process dies."""
    def spawn() -> subprocess.Popen:
        return subprocess.Popen(command, start_new_session=True,
                                preexec_fn=die_with_parent(death_signal), **popen)

    return _LAUNCHER.submit(spawn).result()


def end_group(process: subprocess.Popen, marker: str) -> None:
    """Stop ``process`` and its group: SIGTERM (continuing stopped members), then SIGKILL
    what lingers. Once the leader is gone its group id may be reused, so from then on
    only members whose command line contains ``marker`` are killed."""
    if process.poll() is None:
        for sig in (signal.SIGTERM, signal.SIGCONT):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, sig)
        # LibreOffice's profile is thrown away with its folder, so a clean exit buys
        # nothing: wait briefly (unoserver alone takes ~10 s to honour SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(STOP_GRACE_SECONDS)
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(5)
    kill_members(process.pid, marker)


def marker(runtime: Path) -> str:
    """What the command lines of a runtime folder's processes contain: its last two path
    parts (unoserver gets the path, LibreOffice a ``file://`` URL of it)."""
    return f"/{runtime.parent.name}/{runtime.name}/"


def members(group: int, marker: str) -> list[int]:
    """Live processes of ``group`` whose command line contains ``marker``."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[2]) == group and marker.encode() in cmdline:
            found.append(int(entry.name))
    return found


def kill_members(group: int, marker: str, wait: float = 5.0) -> None:
    """SIGKILL ``members(group, marker)`` and wait (up to ``wait`` s) until they are gone."""
    deadline = time.monotonic() + wait
    while (pids := members(group, marker)) and time.monotonic() < deadline:
        for pid in pids:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        time.sleep(0.05)


# -- the record of a runtime folder -----------------------------------------------------
def _started(pid: int) -> int | None:
    """Start time (clock ticks after boot) of a live process, None if it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return None if fields[0] in ("Z", "X") else int(fields[19])


def record(runtime: Path, group: int | None = None) -> None:
    """Write ``processes.json``: this process as the owner, the child's group."""
    data = {"owner": os.getpid(), "owner_started": _started(os.getpid()), "group": group}
    tmp = runtime / f"{RECORD}.tmp"
    tmp.write_text(json.dumps(data))
    tmp.replace(runtime / RECORD)


def _abandoned(root: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    for path in sorted(root.glob(f"*/{RECORD}")):
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        if _started(int(data["owner"])) != data.get("owner_started"):
            yield path.parent, data


def sweep(root: Path) -> list[Path]:
    """Clean up after dead owners under ``root``: kill their leftover LibreOffice (same
    group and our folder in the command line) and remove their folders; returns them."""
    cleaned = []
    for runtime, data in _abandoned(root):
        group, ours = data.get("group"), marker(runtime)
        if group:
            kill_members(int(group), ours)
        if not group or not members(int(group), ours):
            shutil.rmtree(runtime, ignore_errors=True)
            cleaned.append(runtime)
    return cleaned
