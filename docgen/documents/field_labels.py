"""Field paths as people read them: ``susunan[11].nip`` -> "Susunan baris 12 · NIP".

The API and the stored errors keep the machine path (rows counted from 0); everything a
person reads on a page, in a flash message or in a ZIP's list of skipped documents
names the field by its form label and counts rows from 1, as the form does.
"""

from __future__ import annotations

import re

from docgen.documents.schema_form import Spec
from docgen.domain.errors import FieldError

_TOKEN = re.compile(r"\[(\d+)\]|([^.\[\]]+)")
SEPARATOR = " \u00b7 "


def human_path(spec: Spec, path: str) -> str:
    """The labels along ``path`` in ``spec``, a row index as "baris <n + 1>"."""
    parts: list[str] = []
    node: Spec | None = spec
    for index, name in _TOKEN.findall(path):
        if index:
            row = f"baris {int(index) + 1}"
            parts[-1:] = [f"{parts[-1]} {row}"] if parts else [row]
            continue
        child = next((c for c in node.children if c.name == name), None) if node else None
        parts.append(child.label if child is not None and child.label else name)
        node = child
    return SEPARATOR.join(parts) or path


def human_error(spec: Spec, error: FieldError) -> str:
    return f"{human_path(spec, error.field)}: {error.message}"
