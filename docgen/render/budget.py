"""Bounds on the work one render may do, whatever the template and the data.

A render runs inside ``metered(limits)``: every loop iteration, call and attribute lookup
of the template code is one operation (``tick``), every chunk the template writes counts
towards the output (``write``), and both check the wall-clock deadline. Over a limit,
``BudgetExceeded`` (an Indonesian message) stops the render at once, so a template that
loops for hours or writes gigabytes fails in seconds instead of holding a worker.

Expressions are bounded too (``check_*``): a value one expression builds (``'x' * n``,
``s ~ s``, ``|join``, ``|replace``, ``.center(n)``, a format width ...) may not exceed
``MAX_SIZE`` characters or items, checked *before* the value is built where the size can
be known in advance, so no single step can exhaust memory.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from jinja2.exceptions import SecurityError

MB = 1024 * 1024
MAX_SIZE = 100_000  # characters/items one expression may build
MAX_EXPONENT = 64
_TIME_CHECK_EVERY = 1024  # operations between two looks at the clock
_BIG_NUMBER = re.compile(r"\d{6,}")


@dataclass(frozen=True)
class RenderLimits:
    """What one render (all parts of one DOCX) may use."""

    seconds: float = 20.0  # wall clock
    operations: int = 2_000_000  # loop iterations + calls + attribute lookups
    output_chars: int = 16_000_000  # XML characters the template code writes
    docx_bytes: int = 100 * MB  # the finished DOCX (images included)


DEFAULT_LIMITS = RenderLimits()


class BudgetExceeded(RuntimeError):
    """A render went over one of its ``RenderLimits``; ``str(exc)`` is Indonesian."""


class TooBig(SecurityError):
    """An expression would build a value beyond ``MAX_SIZE``."""


def too_big(what: str) -> TooBig:
    return TooBig(f"ekspresi templat menghasilkan nilai terlalu besar ({what})")


def _thousands(number: float) -> str:
    return f"{number:,.0f}".replace(",", ".")


class Budget:
    """The work left to one render."""

    __slots__ = ("chars", "deadline", "limits", "operations", "writes")

    def __init__(self, limits: RenderLimits):
        self.limits = limits
        self.deadline = time.monotonic() + limits.seconds
        self.operations = 0
        self.chars = 0
        self.writes = 0

    def tick(self) -> None:
        self.operations += 1
        if self.operations > self.limits.operations:
            raise BudgetExceeded(
                f"templat menjalankan lebih dari {_thousands(self.limits.operations)} "
                "langkah (perulangan atau pemanggilan terlalu banyak); pembuatan dokumen "
                "dihentikan")
        if self.operations % _TIME_CHECK_EVERY == 0:
            self.check_time()

    def write(self, size: int) -> None:
        self.chars += size
        if self.chars > self.limits.output_chars:
            raise BudgetExceeded(
                f"templat menulis lebih dari {_thousands(self.limits.output_chars)} karakter; "
                "pembuatan dokumen dihentikan")
        self.writes += 1
        if self.writes % _TIME_CHECK_EVERY == 0:
            self.check_time()

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise BudgetExceeded(
                f"pembuatan dokumen melebihi batas waktu {self.limits.seconds:g} detik; "
                "dihentikan")

    def check_docx(self, size: int) -> None:
        if size > self.limits.docx_bytes:
            raise BudgetExceeded(
                f"dokumen yang dihasilkan terlalu besar ({size / MB:.1f} MB; batas "
                f"{self.limits.docx_bytes / MB:.0f} MB)".replace(".", ","))


_ACTIVE: ContextVar[Budget | None] = ContextVar("docgen_render_budget", default=None)


@contextmanager
def metered(limits: RenderLimits = DEFAULT_LIMITS) -> Iterator[Budget]:
    """Run the enclosed render with a fresh budget of ``limits``."""
    budget = Budget(limits)
    token = _ACTIVE.set(budget)
    try:
        yield budget
    finally:
        _ACTIVE.reset(token)


def tick() -> None:
    """One operation of the active render (none active: nothing is counted)."""
    budget = _ACTIVE.get()
    if budget is not None:
        budget.tick()


def metered_items(iterable: Iterable[Any]) -> Iterator[Any]:
    """``iterable``, one operation per item (what every ``{% for %}`` iterates)."""
    for item in iterable:
        tick()
        yield item


# -- sizes of expressions ----------------------------------------------------------------

def check_result(value: Any) -> Any:
    """``value`` unless it is a string or collection larger than ``MAX_SIZE``."""
    if isinstance(value, str | list | tuple | dict | set) and len(value) > MAX_SIZE:
        raise too_big(f"{_thousands(len(value))} karakter/butir")
    return value


def check_repeat(left: Any, right: Any) -> None:
    for seq, times in ((left, right), (right, left)):
        if (isinstance(seq, str | list | tuple) and isinstance(times, int)
                and len(seq) * times > MAX_SIZE):
            raise too_big(f"{len(seq)} \u00d7 {times}")


def check_power(left: Any, right: Any) -> None:
    if isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
        raise too_big(f"pangkat {right}")


def check_format(text: Any, *_: Any) -> None:
    """A format string (``%``, ``|format``, ``.format``) may not ask for a huge width."""
    if isinstance(text, str) and any(int(n) > MAX_SIZE for n in _BIG_NUMBER.findall(text)):
        raise too_big("lebar format")


def check_width(width: Any) -> None:
    if isinstance(width, int) and width > MAX_SIZE:
        raise too_big(f"lebar {width}")


def check_replace(text: Any, old: Any, new: Any, count: Any = None) -> None:
    if not (isinstance(text, str) and isinstance(old, str) and isinstance(new, str)):
        return
    found = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    if len(text) + found * (len(new) - len(old)) > MAX_SIZE:
        raise too_big("hasil replace")


def checked_join(separator: str, items: Iterable[Any]) -> list[Any]:
    """``items`` as a list, after checking that joining them stays within ``MAX_SIZE``."""
    values = list(items)
    check_result(values)
    size = len(separator) * max(len(values) - 1, 0)
    for value in values:
        size += len(value) if isinstance(value, str) else len(str(value))
        if size > MAX_SIZE:
            raise too_big("hasil join")
    return values
