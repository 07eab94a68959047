"""What an uploaded template's code may contain, checked before anything runs.

Rendering proves only what the data it is given reaches; code behind
``{% if nomor == 'BOOM' %}`` never runs with the sample. So the parsed template is read:

- ``security``: no private or dunder names (``__class__``, ``_x``);
- ``unsafe``: no raw output (``|safe``, ``Markup``, ``{% autoescape false %}``, filters
  that write markup such as ``|urlize``); only the filters in ``FILTERS``;
- ``unbounded``: only the statements in ``_ALLOWED`` (no ``{% set %}...{% endset %}``,
  ``namespace`` assignments, ``{% call %}``, ``{% include %}``...: what could accumulate
  work or reach other templates), ``range()`` with literal numbers only, no ``recursive``
  loops, no macro that calls itself (directly or through others), and nested loops whose
  worst case (literal sizes, ``DATA_ITEMS`` per loop over data) stays within the
  operations a render may do.

Each problem names the paragraph (one engine source line per ``<w:p>``) it is in.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator

from jinja2 import nodes

from docgen.render.budget import DEFAULT_LIMITS
from docgen.render.engine import CompiledTemplate
from docgen.review.problems import Problem
from docgen.review.sandbox import SECURITY_MESSAGE
from docgen.review.wording import TAG_PATTERN

DATA_ITEMS = 100  # items assumed for a loop over data when estimating the worst case
MAX_ITERATIONS = DEFAULT_LIMITS.operations
FILTERS = frozenset({
    "abs", "attr", "capitalize", "center", "count", "d", "default", "dictsort", "e",
    "escape", "first", "float", "format", "groupby", "huruf", "indent", "int", "items",
    "join", "last", "length", "list", "lower", "map", "max", "min", "reject", "rejectattr",
    "replace", "reverse", "round", "select", "selectattr", "sort", "string", "striptags",
    "sum", "title", "trim", "truncate", "unique", "upper", "wordcount", "wordwrap"})
_RAW_OUTPUT = ("nilai harus selalu di-escape agar tidak dapat menyisipkan XML ke dalam "
               "dokumen")
_ALLOWED = (nodes.Output, nodes.If, nodes.For, nodes.Assign, nodes.With, nodes.Macro,
            nodes.Scope)
_STATEMENTS = {
    nodes.AssignBlock: "{% set %}\u2026{% endset %}", nodes.NSRef: "namespace (ns.x = \u2026)",
    nodes.CallBlock: "{% call %}", nodes.FilterBlock: "{% filter %}",
    nodes.Block: "{% block %}", nodes.Extends: "{% extends %}",
    nodes.Include: "{% include %}", nodes.Import: "{% import %}",
    nodes.FromImport: "{% from \u2026 import %}", nodes.ScopedEvalContextModifier:
    "{% autoescape %}", nodes.EvalContextModifier: "{% autoescape %}"}
_DUNDER = re.compile(r"__\w*__")


def line_text(source: str | None, lineno: int | None) -> str:
    """Visible text of one line of an engine source (one line per ``<w:p>``)."""
    lines = (source or "").splitlines()
    if not lineno or not 0 < lineno <= len(lines):
        return ""
    return html.unescape(re.sub(r"<[^>]+>", "", lines[lineno - 1])).strip()


def paragraph_with(texts: list[str], name: str) -> str:
    """The first paragraph whose Jinja tags mention ``name``."""
    word = re.compile(rf"(?<![\w.]){re.escape(name)}(?!\w)" if name[:1].isalpha()
                      else re.escape(name))
    for text in texts:
        if any(word.search(tag) for tag in TAG_PATTERN.findall(text)):
            return text
    return ""


def code_problems(compiled: CompiledTemplate, texts: list[str]) -> list[Problem]:
    """Security problems first (nothing else matters then), else unsafe/unbounded code."""
    trees = [(part.source, compiled.env.parse(part.source)) for part in compiled.parts]
    security = _security_problems([tree for _, tree in trees], texts)
    if security:
        return security
    problems: list[Problem] = []
    for source, tree in trees:
        problems += [Problem(code, message, _paragraph(texts, line_text(source, node.lineno)))
                     for code, message, node in _findings(tree)]
    return _unique(problems)


def _paragraph(texts: list[str], line: str) -> str:
    """The paragraph a source line comes from (its text as Word shows it: a line loses
    markup-like text such as ``'<w:p>'`` inside a tag)."""
    return next((text for text in texts
                 if line and (line in text or line in re.sub(r"<[^>]+>", "", text))), line)


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: list[Problem] = []
    for problem in problems:
        if problem not in seen:
            seen.append(problem)
    return seen


def _findings(tree: nodes.Template) -> Iterator[tuple[str, str, nodes.Node]]:
    yield from _unsafe(tree)
    yield from _statements(tree)
    yield from _ranges(tree)
    macros = {m.name: m for m in tree.find_all(nodes.Macro)}
    cycles = list(_recursive_macros(macros))
    yield from cycles
    if not cycles:
        yield from _too_many_iterations(tree, macros)


# -- security --------------------------------------------------------------------------
def _security_problems(trees: list[nodes.Template], texts: list[str]) -> list[Problem]:
    """Expressions naming private or dunder attributes, by paragraph."""
    by_paragraph: dict[str, list[str]] = {}
    for tree in trees:
        for name in _private_names(tree):
            names = by_paragraph.setdefault(paragraph_with(texts, name), [])
            if name not in names:
                names.append(name)
    return [Problem("security", f"{SECURITY_MESSAGE}: "
                                + ", ".join(sorted(names, key=lambda n: paragraph.find(n))),
                    paragraph)
            for paragraph, names in by_paragraph.items()]


def _private_names(tree: nodes.Template) -> list[str]:
    names = []
    for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Const)):
        if isinstance(node, nodes.Getattr) and node.attr.startswith("_"):
            names.append(node.attr)
        elif isinstance(node, nodes.Const) and isinstance(node.value, str):
            names.extend(_DUNDER.findall(node.value))
        elif (isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const)
              and isinstance(node.arg.value, str) and node.arg.value.startswith("_")):
            names.append(node.arg.value)
    return names


# -- raw output ------------------------------------------------------------------------
def _unsafe(tree: nodes.Template) -> Iterator[tuple[str, str, nodes.Node]]:
    for name in tree.find_all(nodes.Name):
        if name.name.lower() == "markup":
            yield "unsafe", f"Markup tidak diizinkan dalam templat: {_RAW_OUTPUT}", name
    for node in tree.find_all(nodes.Filter):
        yield from _filter_finding(node, node.name)
        if node.name == "map" and node.args:
            mapped = node.args[0]
            if isinstance(mapped, nodes.Const) and isinstance(mapped.value, str):
                yield from _filter_finding(node, mapped.value)
            else:
                yield "unsafe", "filter |map hanya boleh dengan nama filter tertulis", node


def _filter_finding(node: nodes.Node, name: str) -> Iterator[tuple[str, str, nodes.Node]]:
    if name == "safe":
        yield "unsafe", f"filter |safe tidak diizinkan dalam templat: {_RAW_OUTPUT}", node
    elif name not in FILTERS:
        yield "unsafe", (f"filter |{name} tidak diizinkan dalam templat (yang boleh: "
                         f"{', '.join(sorted(FILTERS))})"), node


# -- statements and loops --------------------------------------------------------------
def _statements(tree: nodes.Template) -> Iterator[tuple[str, str, nodes.Node]]:
    for node in tree.find_all(nodes.Node):
        if isinstance(node, nodes.ScopedEvalContextModifier | nodes.EvalContextModifier):
            yield "unsafe", (f"blok {{% autoescape %}} tidak diizinkan dalam templat: "
                             f"{_RAW_OUTPUT}"), node
        elif isinstance(node, nodes.For) and node.recursive:
            yield "unbounded", ("perulangan recursive tidak diizinkan dalam templat "
                                "(jumlah langkahnya tidak terbatas)"), node
        elif isinstance(node, nodes.NSRef) or (isinstance(node, nodes.Stmt)
                                               and not isinstance(node, _ALLOWED)):
            label = _STATEMENTS.get(type(node), type(node).__name__)
            yield "unbounded", f"perintah {label} tidak diizinkan dalam templat", node


def _ranges(tree: nodes.Template) -> Iterator[tuple[str, str, nodes.Node]]:
    for call in tree.find_all(nodes.Call):
        if _is_range(call) and _range_size(call) is None:
            yield "unbounded", ("range() hanya boleh dengan angka tertulis, mis. range(5) "
                                "(bukan variabel atau hasil hitungan)"), call


def _is_range(node: nodes.Node) -> bool:
    return (isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name)
            and node.node.name == "range")


def _range_size(call: nodes.Call) -> int | None:
    values = [a.value for a in call.args if isinstance(a, nodes.Const)]
    if (call.kwargs or call.dyn_args or call.dyn_kwargs or len(values) != len(call.args)
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in values)):
        return None
    try:
        return len(range(*values))
    except (TypeError, ValueError):
        return None


def _bound(node: nodes.Node) -> int:
    """How many items a loop over ``node`` runs at most (data: ``DATA_ITEMS``)."""
    if isinstance(node, nodes.Call) and _is_range(node):
        return _range_size(node) or 0
    if isinstance(node, nodes.List | nodes.Tuple | nodes.Dict):
        return len(node.items)
    if isinstance(node, nodes.Const) and hasattr(node.value, "__len__"):
        return len(node.value)
    if isinstance(node, nodes.Filter) and node.node is not None:
        return _bound(node.node)
    return DATA_ITEMS


def _called_macros(node: nodes.Node, macros: dict[str, nodes.Macro]) -> set[str]:
    return {c.node.name for c in node.find_all(nodes.Call)
            if isinstance(c.node, nodes.Name) and c.node.name in macros}


def _recursive_macros(macros: dict[str, nodes.Macro]
                      ) -> Iterator[tuple[str, str, nodes.Node]]:
    calls = {name: _called_macros(macro, macros) for name, macro in macros.items()}
    for name, macro in macros.items():
        seen, todo = set(), list(calls[name])
        while todo:
            other = todo.pop()
            if other == name:
                yield "unbounded", (f"makro {name} memanggil dirinya sendiri (rekursi) dan "
                                    "tidak diizinkan dalam templat"), macro
                break
            if other not in seen:
                seen.add(other)
                todo.extend(calls[other])


def _too_many_iterations(tree: nodes.Template, macros: dict[str, nodes.Macro]
                         ) -> Iterator[tuple[str, str, nodes.Node]]:
    costs: dict[str, int] = {}

    def cost(name: str) -> int:
        if name not in costs:
            costs[name] = _worst(macros[name], 1, macros, cost)[0]
        return costs[name]

    worst, node = _worst(tree, 1, macros, cost)
    if worst > MAX_ITERATIONS:
        yield "unbounded", (f"perulangan bertingkat dapat berjalan hingga "
                            f"{worst:,} kali".replace(",", ".")
                            + f" (batas {MAX_ITERATIONS:,})".replace(",", ".")
                            + "; kurangi tingkat atau ukuran perulangan"), node


def _worst(node: nodes.Node, factor: int, macros: dict[str, nodes.Macro],
           cost: Callable[[str], int]) -> tuple[int, nodes.Node]:
    """(most iterations any code under ``node`` runs, the node where that happens)."""
    best = (factor, node)
    for child in node.iter_child_nodes():
        if isinstance(child, nodes.Macro):
            continue  # costed where it is called
        inner = factor
        if isinstance(child, nodes.For):
            inner = factor * max(_bound(child.iter), 1)
            best = max(best, (inner, child), key=lambda pair: pair[0])
        elif isinstance(child, nodes.Call) and isinstance(child.node, nodes.Name) \
                and child.node.name in macros:
            best = max(best, (factor * cost(child.node.name), child), key=lambda p: p[0])
        found = _worst(child, inner, macros, cost)
        best = max(best, found, key=lambda pair: pair[0])
        if best[0] > MAX_ITERATIONS:
            return best
    return best
