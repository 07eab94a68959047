"""The Jinja environment every template renders in: sandboxed, immutable, metered.

``MeteredEnvironment`` is Jinja's ``ImmutableSandboxedEnvironment`` (no Python
internals, no ``list.append``/``dict.update`` on values, autoescaping, ``StrictUndefined``)
that also keeps every render within ``docgen.render.budget``:

- every ``{% for %}`` iterates through ``budget.metered_items`` (the loop is rewritten
  when the template is compiled), every call and attribute lookup is one operation;
- values are bounded: ``*``, ``**``, ``%`` and ``~`` check their operands, the filters
  and the ``str`` methods that can build large values (``center``, ``replace``, ``join``,
  ``format`` ...) check their arguments before they run, and every call's and filter's
  result is checked (``budget.check_result``);
- ``lipsum`` (which can write unbounded text) is not available.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from jinja2 import StrictUndefined, nodes, pass_context
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from docgen.render import budget

LOOP_FILTER = "_docgen_metered"  # wraps the iterable of every {% for %}


def _check_power(left: Any, right: Any) -> None:
    budget.check_power(left, right)
    if isinstance(left, int) and isinstance(right, int) and \
            left.bit_length() * abs(right) > 64 * budget.MAX_SIZE:
        raise budget.too_big(f"pangkat {right} dari bilangan sebesar ini")


_BINOP_CHECKS: dict[str, Callable[[Any, Any], None]] = {
    "*": budget.check_repeat, "**": _check_power, "%": budget.check_format}


def _check_indent(value: Any, width: Any = 4, *_: Any, **__: Any) -> None:
    if isinstance(width, str):
        budget.check_replace(value, "\n", "\n" + width)
    else:
        budget.check_width(width)


def _check_wordwrap(value: Any, width: Any = 79, break_long_words: Any = True,
                    wrapstring: Any = None, *_: Any, **__: Any) -> None:
    if isinstance(value, str) and isinstance(wrapstring, str) and isinstance(width, int):
        lines = len(value) // max(width, 1) + 1
        if len(value) + lines * len(wrapstring) > budget.MAX_SIZE:
            raise budget.too_big("hasil wordwrap")


def _check_sum(iterable: Any, attribute: Any = None, start: Any = 0) -> None:
    if not isinstance(start, int | float):
        raise budget.too_big("sum hanya untuk bilangan")


# filter name -> check of (value, *args, **kwargs) before it runs
_FILTER_CHECKS: dict[str, Callable[..., None]] = {
    "center": lambda value, width=80, *_, **__: budget.check_width(width),
    "indent": _check_indent,
    "format": budget.check_format,
    "replace": budget.check_replace,
    "batch": lambda value, linecount, *_, **__: budget.check_width(linecount),
    "slice": lambda value, slices, *_, **__: budget.check_width(slices),
    "wordwrap": _check_wordwrap,
    "sum": _check_sum,
}
_WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill"})


def _guarded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` with its arguments checked before and its result checked after."""
    check = _FILTER_CHECKS.get(name)
    skip = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        if check is not None:
            check(*args[skip:], **kwargs)
        if name == "join" and len(args) > skip:
            separator = args[skip + 1] if len(args) > skip + 1 else kwargs.get("d", "")
            args = (*args[:skip], budget.checked_join(str(separator), args[skip]),
                    *args[skip + 1:])
        return budget.check_result(function(*args, **kwargs))

    return guarded


def _check_str_method(method: Any, args: tuple[Any, ...]) -> tuple[Any, ...]:
    """Check a ``str`` method call that can build a large value; the args to call with."""
    target = getattr(method, "__wrapped__", method)  # the sandbox wraps str.format
    text, name = getattr(target, "__self__", None), getattr(target, "__name__", "")
    if not isinstance(text, str):
        return args
    if name in ("format", "format_map"):
        budget.check_format(text)
    elif name in _WIDTH_METHODS and args:
        budget.check_width(args[0])
    elif name == "expandtabs":
        budget.check_width(text.count("\t") * (args[0] if args else 8))
    elif name == "replace" and len(args) >= 2:
        budget.check_replace(text, *args[:3])
    elif name == "join" and args:
        return (budget.checked_join(text, args[0]), *args[1:])
    return args


@pass_context
def _metered_loop(context: Context, iterable: Any) -> Any:
    return budget.metered_items(iterable)


class _MeteredCodeGenerator(CodeGenerator):
    """``a ~ b`` builds its string through ``environment.sized`` (size-checked)."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.sized(")
        super().visit_Concat(node, frame)
        self.write(")")


class MeteredEnvironment(ImmutableSandboxedEnvironment):
    """See the module docstring; ``filters``: extra filters (e.g. docgen's ``huruf``)."""

    code_generator_class = _MeteredCodeGenerator
    intercepted_binops = frozenset(_BINOP_CHECKS)

    def __init__(self, filters: Mapping[str, Callable[..., Any]] | None = None):
        super().__init__(autoescape=True, undefined=StrictUndefined)
        self.globals.pop("lipsum", None)
        self.filters.update(filters or {})
        self.filters = {name: _guarded_filter(name, function)
                        for name, function in self.filters.items()}
        self.filters[LOOP_FILTER] = _metered_loop

    def _generate(self, source: nodes.Template, name: str | None, filename: str | None,
                  defer_init: bool = False) -> str:
        for loop in source.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, LOOP_FILTER, [], [], None, None,
                                     lineno=loop.iter.lineno)
        return super()._generate(source, name, filename, defer_init=defer_init)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        _BINOP_CHECKS[operator](left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any,  # noqa: N805
             **kwargs: Any) -> Any:
        budget.tick()
        args = _check_str_method(__obj, args)
        return budget.check_result(super().call(__context, __obj, *args, **kwargs))

    def getattr(self, obj: Any, attribute: str) -> Any:
        budget.tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        budget.tick()
        return super().getitem(obj, argument)

    def sized(self, value: Any) -> Any:
        return budget.check_result(value)
