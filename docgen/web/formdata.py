"""Posted form -> input dict (through the form Spec), row actions, and error placement.

Input names are the FieldError paths themselves (``susunan[2].nip``), so an error from
``DocumentType.parse`` lands next to the input that produced it. Dicts keyed by a code
("map" specs) are shown as rows with a key column: ``to_view`` turns them into lists and
error paths like ``prioritas.M1.tujuan`` are translated to the row (``prioritas[0]``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from babel.numbers import format_decimal

from docgen.documents.schema_form import KEY, Spec
from docgen.domain.bulan import bulan_dalam_teks
from docgen.domain.errors import FieldError

_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
FileSink = Callable[[str], "str | None"]  # input path -> stored upload reference or None


def join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def tokens(path: str) -> list[str | int]:
    return [m.group(1) if m.group(1) is not None else int(m.group(2))
            for m in _TOKEN.finditer(path)]


def input_id(path: str) -> str:
    return "f-" + re.sub(r"[^A-Za-z0-9_]+", "-", path).strip("-")


def value_at(data: Any, path: str) -> Any:
    for token in tokens(path):
        if isinstance(token, int):
            data = data[token] if isinstance(data, list) and token < len(data) else None
        else:
            data = data.get(token) if isinstance(data, dict) else None
        if data is None:
            return None
    return data


# -- stored data <-> what the form shows -------------------------------------------------
def to_view(spec: Spec, data: Any) -> Any:
    """Data as the form shows it: maps become lists of rows with a key column, numbers
    are written the Indonesian way (87,5)."""
    if spec.kind in ("integer", "number") or (spec.kind == "lines" and spec.item_kind != "text"):
        return number_text(data)
    if spec.kind == "object" and isinstance(data, dict):
        data = _from_older_fields(spec, data)
        children = {c.name: c for c in spec.children}
        return {k: to_view(children[k], v) if k in children else v for k, v in data.items()}
    if spec.kind in ("table", "map"):
        row_spec = Spec(spec.name, spec.label, "object", children=spec.children)
        if spec.kind == "map" and isinstance(data, dict):
            data = [_map_row(key, value) for key, value in data.items()]
        if isinstance(data, list):
            return [to_view(row_spec, row) for row in data]
    return data


def _from_older_fields(spec: Spec, data: dict[str, Any]) -> dict[str, Any]:
    """A draft saved before a field replaced an older one (``x-from``) shows that text in
    it; a choice of months is read from the months the text names (Form A 'waktu')."""
    data = dict(data)
    for child in spec.children:
        older = data.get(child.source) if child.source else None
        if child.name in data or not isinstance(older, str):
            continue
        if child.kind == "choices":
            chosen = [n for n in bulan_dalam_teks(older) if n <= len(child.options)]
            data[child.name] = [child.options[n - 1][0] for n in chosen]
        else:
            data[child.name] = older
    return data


def number_text(value: Any) -> Any:
    """80.0 -> '80', 87.5 -> '87,5' (lists item by item; integers and anything else as
    they are)."""
    if isinstance(value, list):
        return [number_text(item) for item in value]
    if not isinstance(value, float):
        return value
    return format_decimal(value, locale="id", group_separator=False, decimal_quantization=False)


def _map_row(key: str, value: Any) -> dict[str, Any]:
    return {KEY: key, **value} if isinstance(value, dict) else {KEY: key, "__value__": value}


# -- reading a post ------------------------------------------------------------------
def collect(spec: Spec, form, prefix: str = "", files: FileSink | None = None
            ) -> dict[str, Any]:
    """The input dict of an object spec from a posted MultiDict (blank values omitted)."""
    result: dict[str, Any] = {}
    for child in spec.children:
        path = join(prefix, child.name)
        value = _collect_field(child, form, path, files)
        if value is not _MISSING:
            result[child.name] = value
    return result


class _Missing:
    pass


_MISSING = _Missing()


def _collect_field(spec: Spec, form, path: str, files: FileSink | None) -> Any:
    if spec.kind == "object":
        value = collect(spec, form, path, files)
        return value if value or spec.required else _MISSING
    if spec.kind == "table":
        return _collect_rows(spec, form, path, files)
    if spec.kind == "map":
        return _rows_to_map(_collect_rows(spec, form, path, files))
    if spec.kind == "lines" and f"{path}.__grid__" in form:  # a grid of choices per item
        return _indexed(spec, form, path)
    if spec.kind == "checkbox":
        return path in form
    if spec.kind == "choices":
        chosen = [v for v in form.getlist(path) if v.strip()]
        return chosen if chosen or not spec.nullable else _MISSING
    if spec.kind == "file":
        stored = files(path) if files else None
        raw = stored or form.get(path, "")
        return raw if raw.strip() else _MISSING
    raw = form.get(path, "")
    if spec.kind == "lines":
        return _lines(spec, raw)
    if not raw.strip():
        return _MISSING
    if spec.kind in ("integer", "number"):
        return _number(raw.strip(), spec.kind)
    if spec.kind == "json":
        try:
            return json.loads(raw)
        except json.JSONDecodeError:
            return raw
    return raw


def _collect_rows(spec: Spec, form, path: str, files: FileSink | None) -> list[dict]:
    pattern = re.compile(re.escape(path) + r"\[(\d+)\]")
    indices = sorted({int(m.group(1)) for key in form for m in [pattern.match(key)] if m})
    rows = []
    for index in indices:
        row = collect(spec, form, f"{path}[{index}]", files)
        if any(v not in (False, [], {}) for v in row.values()):
            rows.append(row)
    return rows


def _rows_to_map(rows: list[dict[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for row in rows:
        key = str(row.pop(KEY, "")).strip()
        result[key] = row.pop("__value__") if "__value__" in row else row
    return result


def _indexed(spec: Spec, form, path: str) -> Any:
    """Items posted one input each (``jawaban[16]``); an unanswered one is None, so the
    model can name it. ``path.__grid__`` holds how many items the grid shows."""
    shown = form.get(f"{path}.__grid__", "")
    count = min(int(shown), 1000) if shown.isdigit() else 0
    raw = [form.get(f"{path}[{i}]", "").strip() for i in range(count)]
    if not any(raw):
        return _MISSING
    return [_number(item, spec.item_kind) if item else None for item in raw]


def _lines(spec: Spec, raw: str) -> Any:
    """One item per line; numbers may also be separated by spaces (or commas if integer)."""
    if spec.item_kind == "integer":
        parts = re.split(r"[\s,;]+", raw)
    elif spec.item_kind == "number":
        parts = re.split(r"[\s;]+", raw)
    else:
        parts = raw.splitlines()
    items = [part.strip() for part in parts if part.strip()]
    if not items:
        return _MISSING if spec.nullable or spec.required else []
    if spec.item_kind in ("integer", "number"):
        return [_number(item, spec.item_kind) for item in items]
    return items


def _number(raw: str, kind: str) -> Any:
    """'87,5' and '87.5' -> 87.5; '1.250,5' -> 1250.5; '80' -> 80 (an integer) ."""
    text = raw.replace(".", "").replace(",", ".") if "," in raw else raw
    try:
        return int(text) if kind == "integer" else float(text)
    except ValueError:
        return raw  # kept as typed; the model reports it


# -- add/remove row buttons (work without JavaScript too) -------------------------------
def remove_row(form, row_path: str) -> None:
    """Drop every posted value of one row (``susunan[2]``) from a mutable MultiDict."""
    for key in [k for k in form if k == row_path or k.startswith((row_path + ".",
                                                                   row_path + "["))]:
        form.poplist(key)


def add_row(view: dict[str, Any], table_path: str) -> None:
    """Append an empty row to the rows at ``table_path`` in view data."""
    parts = tokens(table_path)
    container: Any = view
    for part in parts[:-1]:
        container = value_at(container, f"[{part}]" if isinstance(part, int) else part)
    if isinstance(container, dict):
        rows = container.get(parts[-1])
        container[parts[-1]] = [*rows, {}] if isinstance(rows, list) else [{}]


# -- where errors go -------------------------------------------------------------------
def input_paths(spec: Spec, view: Any, prefix: str = "",
                aliases: dict[str, str] | None = None) -> dict[str, Spec]:
    """Every path the form has an input or group for (``view`` is the root view data).

    ``aliases`` (if given) receives ``prioritas.M1`` -> ``prioritas[0]`` for map rows.
    """
    paths: dict[str, Spec] = {}
    for child in spec.children:
        path = join(prefix, child.name)
        paths[path] = child
        if child.kind == "object":
            paths.update(input_paths(child, view, path, aliases))
        elif child.is_rows:
            rows = value_at(view, path)
            for i in range(len(rows) if isinstance(rows, list) else 0):
                row_path = f"{path}[{i}]"
                paths.update(input_paths(child, view, row_path, aliases))
                if child.kind == "map" and aliases is not None and isinstance(rows[i], dict):
                    aliases[f"{path}.{rows[i].get(KEY, '')}"] = row_path
    return paths


def place_errors(spec: Spec, view: dict, errors: list[FieldError]
                 ) -> tuple[dict[str, list[str]], list[str]]:
    """(messages by input path, messages with no input) for rendering."""
    aliases: dict[str, str] = {}
    paths = input_paths(spec, view, aliases=aliases)
    by_path: dict[str, list[str]] = {}
    general: list[str] = []
    for error in errors:
        field = _unalias(error.field, aliases)
        target, rest = _nearest(field, paths)
        if target is None:
            label = "" if error.field == "(input)" else f"{error.field}: "
            general.append(label + error.message)
            continue
        message = error.message
        if rest:
            first = tokens(rest)[0] if tokens(rest) else None
            where = f"baris {first + 1}" if isinstance(first, int) else rest.lstrip(".")
            message = f"{where}: {message}"
        by_path.setdefault(target, []).append(message)
    return by_path, general


def _unalias(field: str, aliases: dict[str, str]) -> str:
    for alias in sorted(aliases, key=len, reverse=True):
        if field == alias or field.startswith((alias + ".", alias + "[")):
            return aliases[alias] + field[len(alias):]
    return field


def _nearest(field: str, paths: dict[str, Spec]) -> tuple[str | None, str]:
    current = field
    while current:
        if current in paths:
            return current, field[len(current):]
        cut = max(current.rfind("."), current.rfind("["))
        current = current[:cut] if cut > 0 else ""
    return None, field

