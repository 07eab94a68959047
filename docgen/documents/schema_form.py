"""A form description built from a document type's JSON schema (no per-type code).

``build_form(schema)`` turns the pydantic JSON schema into a tree of ``Spec`` nodes:
objects become fieldsets, lists of objects repeated rows, lists of scalars one-per-line
textareas, enums selects, dates date inputs, booleans checkboxes. The same tree renders
the form (templates/_form.html) and reads the posted values back (formdata.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCALARS = ("text", "textarea", "integer", "number", "date", "select", "checkbox", "file",
           "choices")
KIND_ORDER = {"object": 1, "table": 2, "map": 2, "lines": 3, "json": 4}
KEY = "__key__"  # the key column of a "map" (a dict keyed by code) in the form
LABELS = {"nip": "NIP", "email": "E-mail", "no": "No.", "url": "URL", "kbk": "KBK",
          "sk": "SK", "ts": "TS", "yel": "Yel", "dprd": "DPRD", "uptd": "UPTD", "rsud": "RSUD",
          "asn": "ASN", "pd": "PD"}
LONG_TEXT = 1000  # a string whose maxLength is above this gets a textarea


@dataclass
class Spec:
    name: str
    label: str
    kind: str  # a SCALARS member ("choices": several of options), or "object", "table", "map",
    # "lines", "json"
    required: bool = False
    nullable: bool = False
    help: str | None = None
    options: list[tuple[str, str]] = field(default_factory=list)
    children: list[Spec] = field(default_factory=list)  # object fields / row columns
    item_kind: str = "text"  # for "lines": text, integer or number
    minimum: float | None = None
    maximum: float | None = None
    min_items: int = 0
    default: Any = None
    source: str | None = None  # an older field read into this one (``x-from``, form_view)
    widget: str | None = None  # a custom widget template (``x-widget`` in the schema)
    widget_data: Any = None  # what that widget needs (``x-widget-data``)

    @property
    def is_scalar(self) -> bool:
        return self.kind in SCALARS

    @property
    def is_rows(self) -> bool:
        return self.kind in ("table", "map")

    @property
    def compact_rows(self) -> bool:
        """Rows of few scalar columns are laid out as a table, others as cards."""
        return all(c.is_scalar and c.kind != "choices" for c in self.children) \
            and len(self.children) <= 7


def build_form(schema: dict[str, Any]) -> Spec:
    root = _object("", "", schema, schema.get("$defs", {}), required=True)
    return root


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target = defs[node["$ref"].rsplit("/", 1)[-1]]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    if "allOf" in node and len(node["allOf"]) == 1:
        inner = _resolve(node["allOf"][0], defs)
        node = {**inner, **{k: v for k, v in node.items() if k != "allOf"}}
    return node


def _unwrap_nullable(node: dict[str, Any], defs: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    options = node.get("anyOf") or node.get("oneOf")
    if not options:
        return node, node.get("type") == "null"
    non_null = [o for o in options if o.get("type") != "null"]
    if len(non_null) != 1:
        return node, len(non_null) < len(options)
    inner = _resolve(non_null[0], defs)
    outer = {k: v for k, v in node.items() if k not in ("anyOf", "oneOf")}
    return {**inner, **outer}, len(non_null) < len(options)


def label_of(name: str, node: dict[str, Any]) -> str:
    if name.lower() in LABELS:
        return LABELS[name.lower()]
    title = node.get("title") or name.replace("_", " ").capitalize()
    words = [LABELS.get(w.lower(), w) for w in title.split()]
    return " ".join(words)


def option_label(value: Any) -> str:
    """'sekretariat_dprd' -> 'Sekretariat DPRD' (abbreviations in capitals)."""
    words = [LABELS.get(w.lower(), w) for w in str(value).replace("_", " ").split(" ")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _object(name: str, label: str, node: dict[str, Any], defs: dict[str, Any],
            required: bool) -> Spec:
    node = _resolve(node, defs)
    props = node.get("properties", {})
    needed = set(node.get("required", []))
    children = [_field(key, props[key], defs, key in needed) for key in props]
    children.sort(key=lambda c: KIND_ORDER.get(c.kind, 0))
    return Spec(name, label, "object", required=required, children=children)


def _field(name: str, raw: dict[str, Any], defs: dict[str, Any], required: bool) -> Spec:
    help_text = raw.get("description")  # only the field's own description, not the class's
    node, nullable = _unwrap_nullable(_resolve(raw, defs), defs)
    label = label_of(name, raw)  # a $ref's own title is the class name: use the field's
    spec = _typed(name, label, node, defs, required)
    if spec.kind == "date" and help_text:  # the date picker shows the date its own way
        help_text = help_text.replace(" (YYYY-MM-DD)", "").replace("(YYYY-MM-DD)", "") or None
    spec.nullable, spec.help = nullable, help_text
    spec.default = raw.get("default", node.get("default"))
    spec.source = raw.get("x-from")
    spec.widget = raw.get("x-widget", node.get("x-widget"))
    spec.widget_data = raw.get("x-widget-data", node.get("x-widget-data"))
    return spec


def _typed(name: str, label: str, node: dict[str, Any], defs: dict[str, Any],
           required: bool) -> Spec:
    kind = node.get("type")
    if "enum" in node or "const" in node:
        values = node.get("enum", [node.get("const")])
        return Spec(name, label, "select", required,
                    options=[(str(v), option_label(v)) for v in values])
    if kind == "object" and isinstance(node.get("additionalProperties"), dict):
        return _map(name, label, node, defs, required)
    if kind == "object" or "properties" in node:
        spec = _object(name, label, node, defs, required)
        return spec if spec.children else Spec(name, label, "json", required)
    if kind == "array":
        return _array(name, label, node, defs, required)
    if kind == "boolean":
        return Spec(name, label, "checkbox", required)
    if kind in ("integer", "number"):
        return Spec(name, label, kind, required, minimum=_bound(node, "minimum"),
                    maximum=_bound(node, "maximum"))
    if kind == "string":
        if node.get("format") == "date":
            return Spec(name, label, "date", required)
        if node.get("contentEncoding") == "base64":
            return Spec(name, label, "file", required)
        long_text = node.get("maxLength", 0) > LONG_TEXT or node.get("format") == "textarea"
        return Spec(name, label, "textarea" if long_text else "text", required)
    return Spec(name, label, "json", required)


def _bound(node: dict[str, Any], key: str) -> float | None:
    exclusive = node.get(f"exclusive{key.capitalize()}")
    return node.get(key, exclusive)


def _map(name: str, label: str, node: dict[str, Any], defs: dict[str, Any], required: bool) -> Spec:
    """A dict keyed by a code: rows with a key column, like a table."""
    value = _resolve(node["additionalProperties"], defs)
    key_node = _resolve(node.get("propertyNames", {}), defs)
    key = Spec(KEY, key_node.get("title") or "Kode", "text", True,
               help=key_node.get("description"))
    if value.get("type") == "object" or "properties" in value:
        row = _object(name, label, value, defs, True)
        return Spec(name, label, "map", required, children=[key, *row.children])
    item = _typed("__value__", "Nilai", value, defs, True)
    return Spec(name, label, "map", required, children=[key, item])


def _array(name: str, label: str, node: dict[str, Any], defs: dict[str, Any],
           required: bool) -> Spec:
    items, _ = _unwrap_nullable(_resolve(node.get("items", {}), defs), defs)
    min_items = node.get("minItems", 0)
    if items.get("type") == "object" or "properties" in items:
        row = _object(name, label, items, defs, True)
        if row.children:
            return Spec(name, label, "table", required, children=row.children,
                        min_items=min_items)
    if "enum" in items:
        return Spec(name, label, "choices", required, min_items=min_items,
                    options=[(str(v), option_label(v)) for v in items["enum"]])
    if items.get("type") in ("string", "integer", "number"):
        item_kind = items["type"] if items["type"] != "string" else "text"
        return Spec(name, label, "lines", required, item_kind=item_kind, min_items=min_items)
    return Spec(name, label, "json", required, min_items=min_items)
