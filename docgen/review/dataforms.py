"""Forms for the list-shaped parts of a regulation data set (a row per item).

Every list of texts in a data set (Menimbang, Mengingat, tugas ``butir``, petunjuk, ...)
becomes a ``ListField`` shown with the Pasal/Lampiran of its table (the nearest ``ref``);
rows can be changed, added and removed. Lists of items with a ``teks`` (the questionnaire's
questions) keep their number of rows and let only the wording change. ``apply`` writes the
form back into the YAML text, which then takes the same path as a typed YAML (safe
loading, schema, consistency check, draft, four-eyes approval). Numbers and bands (bobot,
batas) are not in the forms: they stay YAML. No Flask here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from docgen.review import safeyaml

DATA_TITLES = {
    "dasar_hukum": "Dasar hukum (Mengingat)",
    "keputusan_default": "Menimbang dan Mengingat baku setiap Keputusan",
    "tugas": "Tugas dan peran",
    "kuesioner": "Kuesioner evaluasi (Lampiran IV)",
    "scored_card": "Scored Card: indikator, bobot dan kategori",
    "kbk_forms": "Formulir KBK (Form A dan B)",
    "susunan_kbk": "Susunan KBK",
    "istilah": "Istilah asing (cetak miring/tebal)",
    "paraf": "Alur paraf dan tanda tangan",
}
KEY_NAMES = {"menimbang": "Menimbang", "mengingat": "Mengingat", "butir": "butir",
             "petunjuk": "Petunjuk pengisian", "pengantar": "Pengantar", "label": "Pilihan",
             "miring": "Dicetak miring", "tebal": "Dicetak tebal",
             "pertanyaan": "Pertanyaan", "panduan": "Panduan"}
Path = tuple[str | int, ...]


@dataclass
class ListField:
    key: str  # the form field's name
    path: Path
    title: str
    ref: str
    items: list[str]
    texts_only: bool = False  # items are mappings: only their ``teks`` can change
    choices: list[tuple[str, str]] = field(default_factory=list)  # (value, shown text)


def load(text: str) -> Any:
    return safeyaml.load(text)


def list_fields(data: Any, legal_bases: Mapping[str, str] | None = None,
                titles: Mapping[str, str] | None = None) -> list[ListField]:
    """Every editable list of ``data`` in document order (``legal_bases``: key -> citation,
    offered as the choices of a ``mengingat`` list; ``titles``: names of keys such as
    document types, for the headings)."""
    found: list[ListField] = []
    names = {**KEY_NAMES, **(titles or {})}

    def walk(node: Any, path: Path, ref: str) -> None:
        if isinstance(node, dict):
            ref = str(node.get("ref", ref))
            for key, value in node.items():
                walk(value, (*path, key), ref)
        elif isinstance(node, list) and node and all(isinstance(i, str) for i in node):
            found.append(_field(len(found), path, ref, list(node), legal_bases, names))
        elif isinstance(node, list) and node and all(
                isinstance(i, dict) and isinstance(i.get("teks"), str) for i in node):
            found.append(ListField(f"f{len(found)}", path, _title(path, names), ref,
                                   [i["teks"] for i in node], texts_only=True))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, (*path, index), ref)

    walk(data, (), "")
    return found


def _field(index: int, path: Path, ref: str, items: list[str],
           legal_bases: Mapping[str, str] | None, names: Mapping[str, str]) -> ListField:
    choices = (sorted(legal_bases.items(), key=lambda kv: kv[0])
               if legal_bases and path and path[-1] == "mengingat" else [])
    return ListField(f"f{index}", path, _title(path, names), ref, items, choices=choices)


def _title(path: Path, names: Mapping[str, str]) -> str:
    parts = []
    for part in path:
        if isinstance(part, int):
            parts.append(f"no. {part + 1}")
        else:
            parts.append(names.get(part, part.replace("_", " ")))
    return " › ".join(parts)


def apply(text: str, rows: Callable[[str], list[str]],
          change: Callable[[ListField, list[str]], list[str]] | None = None) -> str:
    """``text`` with every list replaced by the form's rows (``rows(field.key)``; blank
    rows dropped; ``change`` may add or remove a row first) as YAML text."""
    data = load(text)
    for item in list_fields(data):
        values = [" ".join(v.split()) for v in rows(item.key)]
        if change is not None:
            values = change(item, values)
        target = _at(data, item.path[:-1])
        if item.texts_only:
            for entry, value in zip(target[item.path[-1]], values, strict=False):
                entry["teks"] = value
        else:
            target[item.path[-1]] = [v for v in values if v]
    return dump(data, text)


def _at(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]
    return data


def dump(data: Any, original: str) -> str:
    """YAML of ``data``, led by the comment block at the top of ``original``."""
    head = []
    for line in original.splitlines():
        if not line.startswith("#"):
            break
        head.append(line)
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=4096,
                          default_flow_style=False)
    return "\n".join([*head, body]) if head else body


def legal_bases(text: str) -> dict[str, str]:
    """key -> citation text of the ``dasar_hukum`` YAML ``text`` (empty if unreadable)."""
    try:
        data = load(text)
    except yaml.YAMLError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v.get("teks", "")) for k, v in data.items() if isinstance(v, dict)}
