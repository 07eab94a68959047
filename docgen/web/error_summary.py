"""The box above a document form: every message, saying whose field it is."""

from __future__ import annotations

from typing import Any

from docgen.documents.schema_form import Spec
from docgen.web.formdata import input_id, input_paths, join, tokens, value_at


def error_summary(spec: Spec, view: Any, by_path: dict[str, list[str]]
                  ) -> list[tuple[str, str]]:
    """(anchor id, 'Susunan baris 2 (Sekretaris) · Nama: wajib diisi') per message."""
    paths = input_paths(spec, view)
    return [(input_id(path), f"{full_label(path, paths, view)}: {message}")
            for path, messages in by_path.items() for message in messages]


def full_label(path: str, paths: dict[str, Spec], view: Any) -> str:
    """Where a field is, as a person reads it: rows counted from 1 and named by their
    first chosen or typed value ('Susunan baris 2 (Sekretaris) · Nama')."""
    parts: list[str] = []
    current = ""
    for token in tokens(path):
        current = f"{current}[{token}]" if isinstance(token, int) else join(current, token)
        if isinstance(token, int):
            row = f"baris {token + 1}{_row_caption(paths, current, view)}"
            parts[-1:] = [f"{parts[-1]} {row}" if parts else row]
        elif current in paths and (paths[current].is_rows or current == path):
            parts.append(paths[current].label)
    return " \u00b7 ".join(parts) or path


def _row_caption(paths: dict[str, Spec], row_path: str, view: Any) -> str:
    """' (Sekretaris)': the row's first chosen option, else its first short text."""
    table = paths.get(row_path.rsplit("[", 1)[0])
    row = value_at(view, row_path)
    if table is None or not isinstance(row, dict):
        return ""
    for kinds in (("select",), ("text",)):
        for column in (c for c in table.children if c.kind in kinds):
            value = row.get(column.name)
            if isinstance(value, str) and value.strip():
                text = dict(column.options).get(value, value.strip())
                return f" ({text[:40]})"
    return ""
