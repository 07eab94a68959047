"""The environment an uploaded template is checked in: the engine's sandbox, hardened.

``SandboxedEnvironment`` already refuses private/dunder attributes (``SecurityError``);
this one also refuses expressions that would make huge values (``'x' * 10**9``,
``2 ** 10**9``, ``'%999999999s' % x``, ``|center(10**9)``), so checking an upload cannot
exhaust memory. CPU time is bounded by running the check in a child process
(``docgen.review.isolation``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from jinja2 import StrictUndefined
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from docgen.render.engine import add_docgen_filters

SECURITY_MESSAGE = ("templat mencoba mengakses bagian internal Python; kode seperti ini "
                    "tidak diizinkan dalam templat")
MAX_SIZE = 100_000  # characters/items one expression may build
MAX_EXPONENT = 64
_WIDTH = re.compile(r"%[-+ #0]*(\d+)?(?:\.(\d+))?")


class TooBig(SecurityError):
    """An expression would build a value beyond the limits."""


def _too_big(message: str) -> TooBig:
    return TooBig(f"ekspresi templat menghasilkan nilai terlalu besar ({message})")


def _check_repeat(left: Any, right: Any) -> None:
    for seq, times in ((left, right), (right, left)):
        if (isinstance(seq, str | list | tuple) and isinstance(times, int)
                and len(seq) * times > MAX_SIZE):
            raise _too_big(f"{len(seq)} \u00d7 {times}")


def _check_power(left: Any, right: Any) -> None:
    if isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
        raise _too_big(f"pangkat {right}")


def _check_format(left: Any, right: Any) -> None:
    if isinstance(left, str):
        for width, precision in _WIDTH.findall(left):
            if int(width or 0) > MAX_SIZE or int(precision or 0) > MAX_SIZE:
                raise _too_big("lebar format")


_BINOP_CHECKS: dict[str, Callable[[Any, Any], None]] = {
    "*": _check_repeat, "**": _check_power, "%": _check_format}


def _capped_width(filter_function: Callable) -> Callable:
    """``center``/``indent`` with their width argument capped."""

    def capped(value, *args, **kwargs):
        width = args[0] if args else kwargs.get("width")
        if isinstance(width, int) and width > MAX_SIZE:
            raise _too_big(f"lebar {width}")
        return filter_function(value, *args, **kwargs)

    return capped


def _checked_format(filter_function: Callable) -> Callable:
    def checked(value, *args, **kwargs):
        _check_format(value, None)
        return filter_function(value, *args, **kwargs)

    return checked


class ReviewEnvironment(SandboxedEnvironment):
    """Sandboxed, autoescaping, StrictUndefined, with size limits on expressions."""

    intercepted_binops = frozenset(_BINOP_CHECKS)

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined)
        add_docgen_filters(self)
        for name in ("center", "indent"):
            self.filters[name] = _capped_width(self.filters[name])
        self.filters["format"] = _checked_format(self.filters["format"])

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        _BINOP_CHECKS[operator](left, right)
        return super().call_binop(context, operator, left, right)
