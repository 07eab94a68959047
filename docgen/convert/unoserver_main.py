"""The unoserver process, run by Debian's Python (the one with ``uno``), not by docgen's.

It is ``python -m unoserver.server`` with one change: documents are loaded hidden, in a
frame of their own (``Hidden=True``). Without a visible view LibreOffice skips building
the window's layout state, which made each conversion about a third faster here
(measured: 6-page Keputusan 358 ms -> 210 ms over the bare UNO bridge).

Its LibreOffice dies with it: soffice (oosplash) gets a parent-death signal, and when
docgen dies (the signal docgen arms for this process, ``PARENT_DIED``) or this server
ends, every other process of its group (soffice.bin, which oosplash forks and which
would outlive it) is killed. docgen starts it as the leader of a group of its own; run
any other way, it leaves the group alone.

This file imports nothing of docgen: it runs where only ``uno`` and unoserver exist.
"""

import ctypes
import os
import signal
import subprocess
import sys
from pathlib import Path

import uno  # noqa: F401  (installs the import hook for com.sun.star)
from com.sun.star.beans import PropertyValue
from unoserver import converter, server

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
PARENT_DIED = signal.SIGUSR1  # docgen.convert.warm.PARENT_DIED


class _HiddenDesktop:
    """The LibreOffice desktop, loading every document hidden in a new frame."""

    def __init__(self, desktop):
        self._desktop = desktop

    def loadComponentFromURL(self, url, frame, flags, properties):  # noqa: N802 (UNO name)
        hidden = PropertyValue(Name="Hidden", Value=True)
        return self._desktop.loadComponentFromURL(url, "_blank", flags,
                                                  (*properties, hidden))

    def __getattr__(self, name):
        return getattr(self._desktop, name)


_plain_init = converter.UnoConverter.__init__


def _init_hidden(self, *args, **kwargs):
    _plain_init(self, *args, **kwargs)
    self.desktop = _HiddenDesktop(self.desktop)


converter.UnoConverter.__init__ = _init_hidden


def _leads_group() -> bool:
    return os.getpgrp() == os.getpid()


def _end_group() -> None:
    """SIGKILL every other live process of our group (only if we lead it)."""
    if not _leads_group():
        return
    me, group = os.getpid(), os.getpgrp()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == group and int(stat.parent.name) != me and fields[0] != "Z":
                os.kill(int(stat.parent.name), signal.SIGKILL)
        except (OSError, ValueError):
            continue


def _parent_died(_signum, _frame):
    _end_group()
    os._exit(1)


class _DiesWithServer(subprocess.Popen):
    """Popen whose child (soffice, i.e. oosplash) gets SIGKILL when this server dies."""

    def __init__(self, *args, **kwargs):
        if sys.platform.startswith("linux") and kwargs.get("preexec_fn") is None:
            kwargs["preexec_fn"] = _death_signal(signal.SIGKILL)
        super().__init__(*args, **kwargs)


def _death_signal(sig):
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    parent = os.getpid()

    def preexec():
        prctl(PR_SET_PDEATHSIG, sig)
        if os.getppid() != parent:
            os._exit(1)

    return preexec


if __name__ == "__main__":
    signal.signal(PARENT_DIED, _parent_died)
    # unoserver starts soffice with subprocess.Popen
    subprocess.Popen = _DiesWithServer  # type: ignore[misc]
    try:
        sys.exit(server.main())
    finally:
        _end_group()
