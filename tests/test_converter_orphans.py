"""No LibreOffice outlives docgen: killing the process that started a converter (even with
``kill -9``) ends unoserver, oosplash and soffice.bin, and a start cleans up what a
crashed predecessor left, never touching processes that are not its own."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from docgen.config import Settings
from docgen.convert import processes
from docgen.convert.warm import UnoserverConverter
from tests.test_converter import processes_with

# a docgen process that starts a converter, says where it runs, and waits to be killed
OWNER = """
import sys, time
from pathlib import Path
from docgen.config import Settings
from docgen.convert.warm import UnoserverConverter

converter = UnoserverConverter(Settings(data_dir=Path(sys.argv[1])))
converter.start()
print(converter.pid, converter._runtime, flush=True)
time.sleep(300)
"""


def start_owner(data_dir: Path) -> tuple[subprocess.Popen, int, Path]:
    data_dir.mkdir(parents=True, exist_ok=True)
    owner = subprocess.Popen([sys.executable, "-c", OWNER, str(data_dir)],
                             stdout=subprocess.PIPE, text=True)
    line = owner.stdout.readline() if owner.stdout else ""
    assert line, f"the converter did not start (exit {owner.wait()})"
    group, runtime = line.split()
    return owner, int(group), Path(runtime)


def wait_gone(marker: str, seconds: float) -> dict[int, str]:
    deadline = time.monotonic() + seconds
    while (left := processes_with(marker)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def test_kill_9_of_docgen_ends_its_libreoffice(tmp_path):
    owner, group, runtime = start_owner(tmp_path / "data")
    try:
        running = set(processes_with(str(runtime)).values())
        assert {"oosplash", "soffice.bin"} <= running, running
        owner.kill()  # SIGKILL: docgen runs no cleanup of its own
        owner.wait()
        assert wait_gone(str(runtime), 5) == {}
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL)


def test_a_start_cleans_up_after_a_crashed_predecessor(tmp_path):
    data_dir = tmp_path / "data"
    owner, group, runtime = start_owner(data_dir)
    converter = UnoserverConverter(Settings(data_dir=data_dir))
    try:
        os.killpg(group, signal.SIGSTOP)  # its LibreOffice hangs, then docgen crashes
        owner.kill()
        owner.wait()
        time.sleep(1)
        left = processes_with(str(runtime))
        assert {"oosplash", "soffice.bin"} <= set(left.values()), left  # what was left
        converter.start()
        assert processes_with(str(runtime)) == {}
        assert not runtime.exists()  # its profile (and the profile's lock) removed
        assert converter.pid is not None and converter.pid != group
    finally:
        converter.stop()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL)


def test_the_cleanup_kills_nothing_that_is_not_its_own(tmp_path):
    """A record whose group now holds an unrelated process (the pid was reused): the
    process lives; a live owner's folder is left alone."""
    root = tmp_path / "converter"
    gone = subprocess.Popen(["true"])
    gone.wait()
    unrelated = subprocess.Popen(["sleep", "30"], start_new_session=True)
    try:
        crashed = root / f"{gone.pid}-abc"
        crashed.mkdir(parents=True)
        (crashed / processes.RECORD).write_text(json.dumps(
            {"owner": gone.pid, "owner_started": 1, "group": unrelated.pid}))
        alive = root / f"{os.getpid()}-def"
        alive.mkdir()
        processes.record(alive, group=unrelated.pid)
        assert processes.sweep(root) == [crashed]
        time.sleep(0.2)
        assert unrelated.poll() is None
        assert not crashed.exists() and alive.exists()
    finally:
        unrelated.kill()
        unrelated.wait()
