"""pyHanko's synchronous API runs ``asyncio.run()``, which refuses to start in a thread
whose event loop is already running (an async host, Playwright's sync API in the same
process). ``outside_event_loop`` runs such a call in a helper thread then, unchanged
otherwise."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def outside_event_loop(function: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            asyncio.get_running_loop()
        except RuntimeError:  # no loop running here: call it as it is
            return function(*args, **kwargs)
        with ThreadPoolExecutor(1, thread_name_prefix="docgen-pyhanko") as pool:
            return pool.submit(function, *args, **kwargs).result()

    return wrapper
