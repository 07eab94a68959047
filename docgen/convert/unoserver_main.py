"""The unoserver process, run by Debian's Python (the one with ``uno``), not by docgen's.

It is ``python -m unoserver.server`` with one change: documents are loaded hidden, in a
frame of their own (``Hidden=True``). Without a visible view LibreOffice skips building
the window's layout state, which made each conversion about a third faster here
(measured: 6-page Keputusan 358 ms -> 210 ms over the bare UNO bridge).

This file imports nothing of docgen: it runs where only ``uno`` and unoserver exist.
"""

import sys

import uno  # noqa: F401  (installs the import hook for com.sun.star)
from com.sun.star.beans import PropertyValue
from unoserver import converter, server


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

if __name__ == "__main__":
    sys.exit(server.main())
