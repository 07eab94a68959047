"""The inputs an uploaded template is rendered with: the sample, and two made from it.

- ``data contoh``: the type's sample as shipped;
- ``data minimal``: every optional field left out and every list as short as the type
  allows (fields whose absence the template must handle);
- ``daftar terpanjang``: every list grown (to its ``maxItems``, else ``LONGEST`` at the top
  level and ``LONGEST_NESTED`` inside another list) by repeating items (the work a long
  document makes the template do).

Both are made from the sample one change at a time, guided by the type's JSON Schema, and
each change is kept only if the input still validates (so the rules between fields, such
as "exactly one Ketua", keep holding). Figures are replaced by a small placeholder image:
a template is checked, not the drawing.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from docgen.domain.errors import InputError
from docgen.domain.figures import Figure
from docgen.domain.regulation import Regulation
from docgen.registry import DocumentType
from docgen.render.figures import ASSETS
from docgen.render.images import DocxImage

LONGEST = 100
LONGEST_NESTED = 10
Schema = dict[str, Any]
Valid = Callable[[Any], bool]


def inputs(doc_type: DocumentType, regulation: Regulation) -> list[tuple[str, Any]]:
    """(label, raw input) of every input the check renders with."""
    sample = doc_type.load_sample()
    schema = doc_type.schema(regulation)

    def valid(data: Any) -> bool:
        try:
            doc_type.parse(data, regulation)
        except InputError:
            return False
        return True

    minimal, longest = copy.deepcopy(sample), copy.deepcopy(sample)
    _shrink(minimal, minimal, schema, schema, valid)
    _grow(longest, longest, schema, schema, valid, nested=False)
    return [("data contoh", sample), ("data minimal", minimal),
            ("daftar terpanjang", longest)]


def context(doc_type: DocumentType, data: Any, regulation: Regulation) -> dict[str, Any]:
    """The render context of ``data`` with every figure a placeholder image."""
    built: dict[str, Any] = _placeholder_figures(doc_type.context(data, regulation))
    return built


def _placeholder_figures(value: Any) -> Any:
    if isinstance(value, Figure):
        data = (ASSETS / "lambang-daerah.png").read_bytes()
        return DocxImage(data, value.max_width_mm, value.max_height_mm, name=value.kind)
    if isinstance(value, dict):
        return {key: _placeholder_figures(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_placeholder_figures(item) for item in value]
    return value


# -- walking the input along its schema ------------------------------------------------
def _resolve(node: Any, root: Schema) -> Schema:
    while isinstance(node, dict) and "$ref" in node:
        node = root.get("$defs", {}).get(node["$ref"].rsplit("/", 1)[-1], {})
    return node if isinstance(node, dict) else {}


def _branch(node: Any, value: Any, root: Schema) -> Schema:
    """The schema of ``value``: for ``anyOf``, the branch of the value's JSON type."""
    node = _resolve(node, root)
    options = node.get("anyOf") or node.get("oneOf")
    if options is None:
        return node
    kind = "object" if isinstance(value, dict) else "array" if isinstance(value, list) else ""
    return next((branch for branch in map(lambda b: _resolve(b, root), options)
                 if kind and branch.get("type") == kind), {})


def _child(node: Schema, key: str) -> Any:
    return (node.get("properties") or {}).get(key, node.get("additionalProperties") or {})


def _shrink(root_value: Any, value: Any, node: Any, root: Schema, valid: Valid) -> None:
    node = _branch(node, value, root)
    if isinstance(value, dict):
        required = set(node.get("required") or ())
        for key in [k for k in value if k not in required and node.get("properties")]:
            saved = value.pop(key)
            if not valid(root_value):
                value[key] = saved
        for key, item in value.items():
            _shrink(root_value, item, _child(node, key), root, valid)
    elif isinstance(value, list):
        saved = list(value)
        for size in range(int(node.get("minItems", 0)), len(saved)):
            value[:] = saved[:size]
            if valid(root_value):
                break
        else:
            value[:] = saved
        for item in value:
            _shrink(root_value, item, node.get("items") or {}, root, valid)


def _grow(root_value: Any, value: Any, node: Any, root: Schema, valid: Valid,
          nested: bool) -> None:
    node = _branch(node, value, root)
    if isinstance(value, dict):
        for key, item in value.items():
            _grow(root_value, item, _child(node, key), root, valid, nested)
    elif isinstance(value, list) and value:
        for item in value:
            _grow(root_value, item, node.get("items") or {}, root, valid, True)
        saved = list(value)
        extra = int(node.get("maxItems", LONGEST_NESTED if nested else LONGEST)) - len(saved)
        for make in (_repeat_last, _cycle, _distinct):
            if extra <= 0:
                return
            value[:] = saved + make(saved, extra)
            if valid(root_value):
                return
        value[:] = saved


def _repeat_last(items: list[Any], extra: int) -> list[Any]:
    return [copy.deepcopy(items[-1]) for _ in range(extra)]


def _cycle(items: list[Any], extra: int) -> list[Any]:
    return [copy.deepcopy(items[i % len(items)]) for i in range(extra)]


def _distinct(items: list[Any], extra: int) -> list[Any]:
    """Copies of the last item with every text numbered (for fields that must differ)."""
    return [_numbered(items[-1], number) for number in range(2, extra + 2)]


def _numbered(value: Any, number: int) -> Any:
    if isinstance(value, str):
        return f"{value} {number}"
    if isinstance(value, dict):
        return {key: _numbered(item, number) for key, item in value.items()}
    if isinstance(value, list):
        return [_numbered(item, number) for item in value]
    return value
