"""What changes when a document is copied as next year's document ("Salin sebagai dokumen
tahun berikutnya"): per document type, each field that holds a date, a year or a number
of the document, and what happens to it; everything else is kept as it was.

``COPY_RULES`` is the table (data, one entry per type). ``time_fields(schema)`` finds
the fields the table must speak about from the type's JSON Schema (``format: date``, and
names such as ``tahun``, ``nomor``, ``periode``, ``waktu``) with the action it suggests;
the tests walk the registry so a new type, or a new such field, says what is missing.
Paths: ``jangka_waktu.mulai`` (an object's field), ``kegiatan[].tanggal_pelaksanaan``
(every row of a list), ``rencana_tindak{}.waktu`` (every value of a map keyed by code).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

CLEAR = "kosongkan"  # removed: a new number is given to the new document
NEXT_YEAR = "tahun_berikut"  # a date a year later, a year + 1, years in a text + 1
KEEP = "tetap"
ACTIONS = (CLEAR, NEXT_YEAR, KEEP)
TIME_WORDS = ("tanggal", "tahun", "nomor", "periode", "bulan", "mulai", "selesai", "waktu")
YEAR_IN_TEXT = re.compile(r"(?<!\d)(20\d\d)(?!\d)")

_KEPUTUSAN = {"nomor": CLEAR, "tanggal": NEXT_YEAR}
COPY_RULES: dict[str, dict[str, str]] = {
    "sk-kbk": _KEPUTUSAN,
    "sk-agen-perubahan": {**_KEPUTUSAN, "jangka_waktu.mulai": NEXT_YEAR,
                          "jangka_waktu.selesai": NEXT_YEAR},
    "sk-role-model": _KEPUTUSAN,
    "sk-tim-pembinaan": _KEPUTUSAN,
    "sk-core-values": _KEPUTUSAN,
    "keputusan-penghargaan": {**_KEPUTUSAN, "tahun": NEXT_YEAR},
    "rencana-tindak": {"tahun": NEXT_YEAR, "tanggal": NEXT_YEAR,
                       "rencana[].waktu": NEXT_YEAR},
    "monev-rencana-tindak": {"tahun": NEXT_YEAR, "tanggal": NEXT_YEAR,
                             "periode": NEXT_YEAR},
    "kbk-form-a": {"tahun": NEXT_YEAR, "tanggal": NEXT_YEAR, "kegiatan[].bulan[]": KEEP},
    "kbk-form-b": {"tanggal": NEXT_YEAR, "tanggal_pemantauan": NEXT_YEAR,
                   "rencana_tindak{}.waktu": NEXT_YEAR},
    "kuesioner-evaluasi": {"tanggal": NEXT_YEAR},
    "laporan-evaluasi": {"tanggal": NEXT_YEAR},
    "scored-card": {"tanggal": NEXT_YEAR, "periode": NEXT_YEAR},
    "laporan-bulanan-kbk": {"tahun": NEXT_YEAR, "bulan": KEEP, "tanggal": NEXT_YEAR,
                            "kegiatan[].tanggal_pelaksanaan": NEXT_YEAR},
}


# -- finding the fields in a schema ---------------------------------------------------
def time_fields(schema: dict[str, Any]) -> dict[str, str]:
    """Every scalar field of ``schema`` that holds a date, a year or a number, with the
    action suggested by its format and name (path -> action)."""
    found: dict[str, str] = {}
    _walk(schema, schema.get("$defs", {}), "", found)
    return found


def _resolved(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = {**defs[node["$ref"].rsplit("/", 1)[-1]],
                **{k: v for k, v in node.items() if k != "$ref"}}
    options = [o for o in node.get("anyOf", node.get("allOf", []))
               if o.get("type") != "null"]
    if len(options) == 1:
        return {**_resolved(options[0], defs), **{k: v for k, v in node.items()
                                                  if k not in ("anyOf", "allOf")}}
    return node


def _walk(node: dict[str, Any], defs: dict[str, Any], path: str, found: dict[str, str]) -> None:
    node = _resolved(node, defs)
    kind = node.get("type")
    if kind == "object" or "properties" in node:
        for name, child in node.get("properties", {}).items():
            _walk(child, defs, f"{path}.{name}" if path else name, found)
        extra = node.get("additionalProperties")
        if isinstance(extra, dict):
            _walk(extra, defs, f"{path}{{}}", found)
    elif kind == "array" and isinstance(node.get("items"), dict):
        _walk(node["items"], defs, f"{path}[]", found)
    elif path:
        action = _suggested(path.rsplit(".", 1)[-1], node)
        if action:
            found[path] = action


def _suggested(name: str, node: dict[str, Any]) -> str | None:
    if node.get("format") == "date":
        return NEXT_YEAR
    if not any(word in name for word in TIME_WORDS):
        return None
    if "nomor" in name and node.get("type") == "string":
        return CLEAR
    if "bulan" in name:  # a month (number or name) stays the same month
        return KEEP
    return NEXT_YEAR


# -- applying them ----------------------------------------------------------------------
def rules_for(type_name: str, schema: dict[str, Any]) -> dict[str, str]:
    """The table's rules of a type over what its schema suggests."""
    return {**time_fields(schema), **COPY_RULES.get(type_name, {})}


def next_year_data(rules: dict[str, str], data: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of ``data`` with the rules applied (values that do not read as a date
    or a year are kept as typed)."""
    copied: dict[str, Any] = _deep_copy(data)
    for path, action in rules.items():
        if action != KEEP:
            _apply(copied, _segments(path), action)
    return copied


def _deep_copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _deep_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_deep_copy(v) for v in value]
    return value


def _segments(path: str) -> list[str]:
    """'kegiatan[].waktu' -> ['kegiatan', '[]', 'waktu']."""
    return [part for part in re.split(r"\.|(\[\]|\{\})", path) if part]


def _apply(node: Any, segments: list[str], action: str) -> None:
    head, rest = segments[0], segments[1:]
    if head in ("[]", "{}"):
        children = node if isinstance(node, list) else (
            list(node.values()) if isinstance(node, dict) else [])
        for child in children:
            _apply(child, rest, action)
        return
    if not isinstance(node, dict) or head not in node:
        return
    if rest:
        _apply(node[head], rest, action)
    elif action == CLEAR:
        del node[head]
    else:
        node[head] = next_year(node[head])


def next_year(value: Any) -> Any:
    """A date (``YYYY-MM-DD``) a year later (29 Feb -> 28 Feb), a year + 1, each year
    2000-2099 in a text + 1; anything else unchanged."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value + 1
    if not isinstance(value, str):
        return value
    text = value.strip()
    if text.isdigit() and len(text) == 4:
        return str(int(text) + 1)
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return YEAR_IN_TEXT.sub(lambda m: str(int(m.group(1)) + 1), value)
    if day.month == 2 and day.day == 29:
        day = day.replace(day=28)
    return day.replace(year=day.year + 1).isoformat()
