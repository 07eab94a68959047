"""A pool of warm LibreOffice processes, the converters behind the fair scheduler.

- Started by docgen (the default): ``DOCGEN_CONVERTERS`` unoservers (default: one per CPU
  core), each in a runtime folder of its own (profile, log, ``processes.json``) under
  ``<data_dir>/converter`` and on ports of its own: free ones, or DOCGEN_CONVERTER_PORT,
  +1, ... when that is set (``docgen converter --port 2003 --count 2``: 2003 and 2004).
  The per-conversion timeout, the restart after a crash or hang and the recycling after
  ``converter_restart_after`` conversions apply to each process on its own.
- Started elsewhere (``DOCGEN_CONVERTER_EXTERNAL=1``): one converter per address of
  ``DOCGEN_CONVERTER_PORTS`` (ports on DOCGEN_CONVERTER_HOST and/or ``host:port``), else
  the single DOCGEN_CONVERTER_HOST:DOCGEN_CONVERTER_PORT.
- The cold backend (``DOCGEN_CONVERTER=soffice``) stays one converter: it starts a fresh
  LibreOffice per document anyway.

``at_once`` starts (or stops) every process of a pool in parallel, so N take about the
time of one. A process is started when first needed too: a command converting one
document starts one LibreOffice, not the pool.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from docgen.config import Settings
from docgen.config_values import address
from docgen.convert.warm import UnoserverConverter


def unoserver_pool(settings: Settings) -> list[UnoserverConverter]:
    """The warm converters the settings ask for (not started)."""
    if settings.converter_external:
        return [UnoserverConverter(settings, port=port, host=host)
                for host, port in external_addresses(settings)]
    first = settings.converter_port
    return [UnoserverConverter(settings, port=first + index if first else 0)
            for index in range(settings.converters)]


def external_addresses(settings: Settings) -> list[tuple[str, int]]:
    """(host, port) of each process of a pool started elsewhere."""
    if settings.converter_ports:
        return [address(entry, settings.converter_host) for entry in settings.converter_ports]
    return [(settings.converter_host, settings.converter_port)]


def at_once(converters: Sequence[Any], method: str) -> None:
    """Call ``method`` ("start", "stop") of every converter in parallel threads; the first
    error is raised once all have ended."""
    calls: list[Callable[[], None]] = [getattr(c, method) for c in converters]
    if len(calls) == 1:
        calls[0]()
        return
    errors: list[BaseException] = []

    def run(call: Callable[[], None]) -> None:
        try:
            call()
        except BaseException as exc:  # noqa: BLE001 (raised in the caller's thread)
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(call,), name=f"docgen-converter-{method}")
               for call in calls]
    try:
        for thread in threads:
            thread.start()
    except RuntimeError:  # no new threads (interpreter shutting down): one after another
        for call, thread in zip(calls, threads, strict=True):
            if thread.ident is None:
                run(call)
    for thread in threads:
        if thread.ident is not None:
            thread.join()
    if errors:
        raise errors[0]
