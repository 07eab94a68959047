"""Hostile inputs for every registered document type, derived from its JSON Schema.

The fuzz tests (``tests/test_fuzz_inputs.py``: validation layer and CLI;
``tests/web/test_fuzz_api.py``: JSON API) start from a type's valid sample and change
places in it. *Where* comes from the schema walked along the sample (every property,
item, map entry, and the optional properties the sample leaves out); *what* comes from
that place's constraints: texts with XML-special, XML-illegal, bidi-control, zero-width
and emoji characters, texts at, just past and far past ``maxLength``, lists of 0-500
items and just past ``minItems``/``maxItems``, numbers at and past ``minimum``/
``maximum`` (NaN, infinities, 10**400), dates at the calendar's ends, wrong types,
missing and unknown keys. A field added to an input model is fuzzed without touching
the tests.

Each change (``Mutation``) says what the answer must be: ``refuse`` when the value
breaks the schema for certain (the answer must then be a refusal naming that field);
otherwise either answer is right, as long as a refusal names fields and an accepted
document carries the text that was typed (``text``).
"""

from __future__ import annotations

import copy
import itertools
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from hypothesis import assume
from hypothesis import strategies as st

from docgen.domain.errors import InputError, field_path
from docgen.registry import REGISTRY

Path = tuple[str | int, ...]
DELETE = object()  # Mutation.value: remove the key

# --- hostile text ------------------------------------------------------------------------
# Characters XML 1.0 cannot carry (a DOCX is XML): C0 controls but tab/LF/CR, U+FFFE/FFFF,
# lone surrogates. Each must be refused naming the field.
ILLEGAL = ("\x00", "\x01", "\x08", "\x0b", "\x0c", "\x0e", "\x1b", "\x1f", "\ufffe",
           "\uffff", "\ud800", "\udbff", "\udc00", "\udfff")
# Legal but hostile pieces: XML/Jinja syntax, bidi controls, zero-width characters, emoji
# (with modifiers, ZWJ sequences, flags), combining marks, other scripts, whitespace, the
# edges of the legal ranges.
TOKENS = (
    "<", ">", "&", '"', "'", "&amp;", "&#0;", "&lt;w:t&gt;", "<w:t>", "</w:p>", "]]>",
    "<!--", "<![CDATA[x]]>", "<!DOCTYPE x [<!ENTITY e 'x'>]>", "{{ 7*7 }}", "{% if x %}",
    "{#", "}}", "${x}", "%s", "\\", "\\n",
    "\u202e", "\u202d", "\u200f", "\u061c", "\u2066", "\u2069",
    "\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\u00ad",
    "\U0001f600", "\U0001f44d\U0001f3fd", "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "\U0001f1ee\U0001f1e9", "\U0001f54c", "\U0001d54f",
    "e\u0301", "\ua997\ua9ae", "\u0645\u0631\u062d\u0628\u0627", "\u05e9\u05dc\u05d5\u05dd",
    "\u4e2d\u6587", "\u00d1and\u00fa", "\u00df",
    "\t", "\n", "\r\n", " ", "  ", "\u00a0", "\u3000",
    "\ud7ff", "\ue000", "\ufffd", "\U0010fffd", "\x7f", "\x85",
    "Purbalingga", "ASN", "2024", "-", "Drs.", "KBK",
)
# single code points to fill long texts (length counts code points, as pydantic does)
FILL = ("x", "<", "&", "\u202e", "\u200b", "\U0001f600", "\u00e9", " ", "\ufffd")
LONG_EXTRA = (2, 10)  # "far past": this many times the limit
HUGE_TEXT = 300_000  # the yel_yel


hostile_text = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=12).map("".join)


def _printable(text: str) -> str:
    """A drawn text with something left after trimming (pydantic strips whitespace)."""
    return text if text.strip() else f"x{text}x"


# --- where: the schema walked along the sample --------------------------------------------
@dataclass(frozen=True)
class Slot:
    path: Path
    spec: Mapping[str, Any]  # the schema of the place ($ref resolved, null branch dropped)
    nullable: bool
    required: bool  # the key is required in its object (list items: True)
    present: bool  # the sample has a value here
    value: Any = None  # the sample's value


def resolve(root: Mapping[str, Any], node: Mapping[str, Any]
            ) -> tuple[Mapping[str, Any], bool]:
    """(schema of the node's non-null value, whether null is allowed)."""
    if "$ref" in node:
        return resolve(root, root["$defs"][node["$ref"].rsplit("/", 1)[-1]])
    if "anyOf" in node:
        branches = [resolve(root, b) for b in node["anyOf"]]
        values = [spec for spec, _ in branches if spec.get("type") != "null"]
        nullable = len(values) < len(branches) or any(n for _, n in branches)
        merged = {k: v for k, v in node.items() if k != "anyOf"}
        return {**(values[0] if values else {}), **merged}, nullable
    return node, False


MISSING = object()
ITEMS_WALKED = 3  # of a list: the first two items and the last (32 answers x N respondents
# would otherwise crowd out every other field)


def _walk(root, node, value, path: Path, required: bool, out: list[Slot]) -> None:
    spec, nullable = resolve(root, node)
    present = value is not MISSING
    out.append(Slot(path, spec, nullable, required, present, None if not present else value))
    if not present or value is None:
        return
    if spec.get("type") == "object" and isinstance(value, dict):
        needed = set(spec.get("required", ()))
        for name, child in spec.get("properties", {}).items():
            _walk(root, child, value.get(name, MISSING), (*path, name), name in needed, out)
        extra = spec.get("additionalProperties")
        if isinstance(extra, Mapping):
            for key in list(value)[:ITEMS_WALKED]:
                _walk(root, extra, value[key], (*path, key), False, out)
    elif spec.get("type") == "array" and isinstance(value, list) and "items" in spec:
        indexes = sorted({*range(min(2, len(value))), len(value) - 1} - {-1})
        for index in indexes[:ITEMS_WALKED]:
            _walk(root, spec["items"], value[index], (*path, index), True, out)


@cache
def slots_of(type_name: str) -> tuple[Slot, ...]:
    doc_type = REGISTRY.get(type_name)
    schema = doc_type.schema()
    out: list[Slot] = []
    _walk(schema, schema, doc_type.load_sample(), (), True, out)
    return tuple(out)


@cache
def schema_fields(type_name: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """(every field path of the schema with ``[*]`` for items, the paths of maps)."""
    schema = REGISTRY.get(type_name).schema()
    fields: set[str] = set()
    maps: list[str] = []

    def walk(node, path: str, depth: int) -> None:
        spec, _ = resolve(schema, node)
        fields.add(path or "(input)")
        if depth > 12:
            return
        for name, child in spec.get("properties", {}).items():
            walk(child, f"{path}.{name}" if path else name, depth + 1)
        if "items" in spec:
            walk(spec["items"], f"{path}[*]", depth + 1)
        if isinstance(spec.get("additionalProperties"), Mapping):
            maps.append(path)

    walk(schema, "", 0)
    return frozenset(fields), tuple(maps)


# --- what: values from the place's constraints ------------------------------------------
@dataclass(frozen=True)
class Mutation:
    path: Path
    value: Any
    refuse: bool  # must be refused, naming field_path(path) or a field inside it
    note: str
    text: str | None = field(default=None)  # typed text an accepted document must show

    @property
    def field(self) -> str:
        return field_path(self.path)

    def __repr__(self) -> str:
        shown = "DELETE" if self.value is DELETE else repr(self.value)
        if len(shown) > 120:
            shown = f"{shown[:100]}...<{len(shown)} chars>"
        return f"Mutation({self.field!r}, {self.note}, {shown}, refuse={self.refuse})"

    def apply(self, data: Any) -> Any:
        """``data`` changed here (in place); unchanged if the place is gone (another
        mutation of a combined input removed or retyped its parent)."""
        if not self.path:
            return copy.deepcopy(self.value)
        parent, last = value_at(data, self.path[:-1]), self.path[-1]
        if self.value is DELETE:
            if isinstance(parent, dict):
                parent.pop(last, None)
        elif value_at(parent, (last,)) is not MISSING or isinstance(parent, dict):
            parent[last] = copy.deepcopy(self.value)
        return data


def value_at(data: Any, path: Path) -> Any:
    """The value at ``path`` in ``data``, or MISSING."""
    for part in path:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part, MISSING)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return MISSING
    return data


def mutated(sample: Any, mutations: list[Mutation]) -> Any:
    data = copy.deepcopy(sample)
    for mutation in mutations:
        data = mutation.apply(data)
    return data


def kind_of(spec: Mapping[str, Any]) -> str:
    if "enum" in spec or "const" in spec:
        return "enum"
    kind = spec.get("type", "any")
    if kind == "string":
        if spec.get("format") in ("date", "date-time"):
            return "date"
        if "contentEncoding" in spec:
            return "base64"
        return "text" if "maxLength" in spec else "code"  # code: NIP, no length of its own
    if kind == "object" and isinstance(spec.get("additionalProperties"), Mapping):
        return "map"
    return kind


def texts(slot: Slot) -> st.SearchStrategy[Mutation]:
    spec, path = slot.spec, slot.path
    limit = spec.get("maxLength")
    needed = spec.get("minLength", 0) > 0
    checked = kind_of(spec) in ("text", "map")
    choices = [
        hostile_text.map(lambda t: Mutation(path, t, False, "hostile",
                                            t.strip() if checked else None)),
        st.builds(lambda a, bad, b: Mutation(path, f"x{a}{bad}{b}x", True, "illegal"),
                  hostile_text, st.sampled_from(ILLEGAL), hostile_text),
        st.sampled_from(["", " ", " \t\r\n ", "\u3000"]).map(
            lambda t: Mutation(path, t, needed and checked, "blank")),
    ]
    if limit is not None:
        choices.append(st.builds(
            lambda fill, n: Mutation(path, _long(fill, n), n > limit, f"length {n}",
                                     _long(fill, n) if n <= limit and checked else None),
            st.sampled_from(FILL),
            st.sampled_from([limit - 1, limit, limit + 1, *(limit * k + 1 for k in LONG_EXTRA),
                             HUGE_TEXT])))
    return st.one_of(choices)


def _long(fill: str, length: int) -> str:
    return "A" + (fill * length)[:max(length - 2, 0)] + "Z"


def enums(slot: Slot) -> st.SearchStrategy[Mutation]:
    allowed = list(slot.spec.get("enum", [slot.spec.get("const")]))
    return st.one_of(
        st.sampled_from(allowed).map(lambda v: Mutation(slot.path, v, False, "enum")),
        st.sampled_from([str(v).upper() for v in allowed if str(v).upper() != v]
                        + [f" {allowed[0]}x", "tidak_ada"]).map(
            lambda v: Mutation(slot.path, v, True, "not in enum")),
    )


ODD_DATES = ("2024-02-30", "2024-13-01", "2023-02-29", "15-03-2024", "2024/03/15",
             "2024-3-5", "20240315", "2024-03-15T00:00:00", "2024-03-15T10:30:00",
             "2024-03-15T00:00:00Z", "+02024-03-15", "99999-01-01", "0000-01-01",
             "2024-W11-5", "kemarin", "2024-03-15\x00")


def dates(slot: Slot) -> st.SearchStrategy[Mutation]:
    return st.one_of(
        st.dates().map(lambda d: Mutation(slot.path, d.isoformat(), False, "date")),
        st.sampled_from(["0001-01-01", "9999-12-31", "1970-01-01", "2100-12-31"]).map(
            lambda d: Mutation(slot.path, d, False, "edge date")),
        st.sampled_from(ODD_DATES).map(lambda d: Mutation(slot.path, d, False, "odd date")),
        st.sampled_from([0, 86400, -1, 10**12, 1.5]).map(
            lambda d: Mutation(slot.path, d, False, "number as date")),
    )


def numbers(slot: Slot) -> st.SearchStrategy[Mutation]:
    spec, path = slot.spec, slot.path
    integer = spec.get("type") == "integer"
    low, high = spec.get("minimum"), spec.get("maximum")
    ok_values: list[Any] = [v for v in (low, high) if v is not None]
    bad_values: list[Any] = [math.nan, math.inf, -math.inf, 10**400, -(10**400), 1e308,
                             "lima", "1,5", "50%"]
    if low is not None:
        bad_values += [low - 1, low - (1 if integer else 1e-9), -(10**30)]
    if high is not None:
        bad_values += [high + 1, high + (1 if integer else 1e-9), 10**30, 2**63]
    if integer:
        bad_values += [(low or 0) + 0.5]
        inside = st.integers(low if low is not None else -(2**53),
                             high if high is not None else 2**53)
    else:
        ok_values += [v for v in (-0.0, 5e-324) if (low is None or v >= low)]
        inside = st.floats(low if low is not None else -1e12,
                           high if high is not None else 1e12, allow_nan=False)
    return st.one_of(
        inside.map(lambda v: Mutation(path, v, False, "in range")),
        st.sampled_from(ok_values or [0]).map(lambda v: Mutation(path, v, False, "limit")),
        st.sampled_from(bad_values).map(lambda v: Mutation(path, v, True, "past limit")),
        st.sampled_from([True, False, str(low if low is not None else 0), f" {high} ",
                         float(low if low is not None else 0)]).map(
            lambda v: Mutation(path, v, False, "lax number")),
    )


def booleans(slot: Slot) -> st.SearchStrategy[Mutation]:
    return st.sampled_from([True, False, 0, 1, 2, -1, 0.5, "ya", "true", "no", "", "1"]).map(
        lambda v: Mutation(slot.path, v, False, "boolean"))


def arrays(slot: Slot, root: Mapping[str, Any]) -> st.SearchStrategy[Mutation]:
    spec, path = slot.spec, slot.path
    low, high = spec.get("minItems", 0), spec.get("maxItems")
    items = slot.value if isinstance(slot.value, list) and slot.value else [
        example_of(root, spec["items"])]
    sizes = st.one_of(st.sampled_from(sorted({0, 1, max(low - 1, 0), low, 500,
                                              *((high, high + 1) if high else ())})),
                      st.integers(0, 500))

    def resized(n: int) -> Mutation:
        return Mutation(path, list(itertools.islice(itertools.cycle(items), n)),
                        n < low or (high is not None and n > high), f"{n} items")

    choices = [sizes.map(resized)]
    item_spec, _ = resolve(root, spec["items"])
    if item_spec.get("type") == "string" and kind_of(item_spec) == "text":
        choices.append(st.lists(hostile_text.map(_printable), min_size=max(low, 1),
                                max_size=max(low, 12)).map(
            lambda v: Mutation(path, v, high is not None and len(v) > high, "hostile items")))
    return st.one_of(choices)


def objects(slot: Slot, root: Mapping[str, Any]) -> st.SearchStrategy[Mutation]:
    spec, path = slot.spec, slot.path
    needed = bool(spec.get("required"))
    choices = [
        st.just(Mutation(path, {}, needed, "empty object")),
        st.sampled_from(["tidak_dikenal", "<x>", "\u202eevil", "a" * 600]).map(
            lambda key: Mutation((*path, key), "x", True, "unknown key")),
    ]
    if not slot.present:
        choices.append(st.just(Mutation(path, example_of(root, spec), False, "added")))
    return st.one_of(choices)


def maps(slot: Slot, root: Mapping[str, Any]) -> st.SearchStrategy[Mutation]:
    spec, path = slot.spec, slot.path
    entries = slot.value if isinstance(slot.value, dict) else {}
    entry = next(iter(entries.values()), None) or example_of(root, spec["additionalProperties"])
    limit = spec.get("propertyNames", {}).get("maxLength", 10**6)

    def keyed(key: str, bad: bool) -> Mutation:
        return Mutation((*path, key), entry, bad, "new key")

    return st.one_of(
        st.just(Mutation(path, {}, False, "empty map")),
        hostile_text.map(lambda k: keyed(k, False)),
        st.builds(lambda a, bad: keyed(f"k{a}{bad}k", True), hostile_text,
                  st.sampled_from(ILLEGAL)),
        st.sampled_from([limit + 1, HUGE_TEXT]).map(lambda n: keyed(_long("x", n), True)),
        st.just(keyed("", True)),
    )


WRONG_TYPES: tuple[Any, ...] = (None, True, 0, -1, 1.5, "", "teks", [], ["x"], {},
                                {"a": 1}, [[[[[[[[[[[]]]]]]]]]]])


def _surely_wrong(spec: Mapping[str, Any], value: Any, nullable: bool) -> bool:
    """Would every model refuse ``value`` for a place of this schema (lax mode aside)?"""
    kind = kind_of(spec)
    if value is None:
        return not nullable
    container = isinstance(value, list | dict)
    if kind == "enum":
        return value not in spec.get("enum", [spec.get("const")])
    if kind in ("text", "code", "base64"):
        return not isinstance(value, str)
    if kind in ("date", "integer", "number", "boolean"):
        return container
    if kind == "array":
        return not isinstance(value, list)
    if kind in ("object", "map"):
        return not isinstance(value, dict)
    return False


def wrong_types(slot: Slot) -> st.SearchStrategy[Mutation]:
    return st.sampled_from(WRONG_TYPES).map(lambda v: Mutation(
        slot.path, v, _surely_wrong(slot.spec, v, slot.nullable), f"{type(v).__name__} value"))


def removal(slot: Slot) -> st.SearchStrategy[Mutation]:
    """The key removed: a required one must be missed; an optional one takes its default."""
    return st.just(Mutation(slot.path, DELETE, slot.required and "default" not in slot.spec,
                            "removed"))


def example_of(root: Mapping[str, Any], node: Mapping[str, Any]) -> Any:
    """A plain value of a schema node (items for an empty list, an absent object)."""
    spec, _ = resolve(root, node)
    kind = kind_of(spec)
    if "default" in spec:
        return copy.deepcopy(spec["default"])
    if kind == "enum":
        return list(spec.get("enum", [spec.get("const")]))[0]
    if kind == "object":
        return {name: example_of(root, child) for name, child in spec["properties"].items()
                if name in spec.get("required", ())}
    if kind == "array":
        return [example_of(root, spec["items"]) for _ in range(spec.get("minItems", 0))]
    if kind in ("integer", "number"):
        return spec.get("minimum", 1)
    return {"date": "2024-03-15", "boolean": False, "map": {}, "code": "19740706 199311 1 001",
            "base64": ""}.get(kind, "Contoh isian")


def png_declaring(width: int, height: int, rows: bytes) -> bytes:
    """A greyscale PNG whose header says width x height, with ``rows`` as pixel data
    (a few rows of a huge image: a decompression bomb of a few hundred bytes)."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body)))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


@cache
def photo_values() -> tuple[tuple[str, str, bool], ...]:
    """(note, base64 text, must be refused) of photos: real ones, broken ones, and a PNG
    of 12000x12000 pixels in a few hundred bytes (decoding it would take 144 MB)."""
    import base64
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (3000, 40), (200, 30, 30)).save(out, "JPEG")
    b64 = base64.b64encode
    return (
        ("small png", b64(png_declaring(4, 3, b"\0" * 15)).decode(), False),
        ("wide jpeg", b64(out.getvalue()).decode(), False),
        ("data uri", "data:image/png;base64," + b64(png_declaring(2, 2, b"\0" * 6)).decode(),
         False),
        ("pixel bomb", b64(png_declaring(12000, 12000, b"\0" * 12001)).decode(), True),
        ("truncated png", b64(png_declaring(40, 40, b"\0" * 1640))[:60].decode(), True),
        ("not an image", b64(b"GIF89a<script>alert(1)</script>").decode(), True),
        ("svg", b64(b"<svg xmlns='http://www.w3.org/2000/svg'/>").decode(), True),
        ("bad base64", "bukan*base64", True),
    )


def photos(slot: Slot) -> st.SearchStrategy[Mutation]:
    return st.sampled_from(photo_values()).map(
        lambda p: Mutation(slot.path, p[1], p[2], p[0]))


def values_for(slot: Slot, root: Mapping[str, Any], valid_only: bool = False
               ) -> st.SearchStrategy[Mutation]:
    kind = kind_of(slot.spec)
    own = {"text": texts, "code": texts, "base64": texts, "enum": enums, "date": dates,
           "integer": numbers, "number": numbers, "boolean": booleans}.get(kind)
    choices = [own(slot)] if own else []
    if kind == "base64":
        choices.append(photos(slot))
    if kind == "array":
        choices.append(arrays(slot, root))
    elif kind == "object":
        choices.append(objects(slot, root))
    elif kind == "map":
        choices.append(maps(slot, root))
    if slot.path and not valid_only:
        choices.append(wrong_types(slot))
    if slot.path and not isinstance(slot.path[-1], int) \
            and not (valid_only and slot.required):  # list items are resized instead
        choices.append(removal(slot))
    return st.one_of(choices)


ROOT_VALUES = (None, [], "teks", 0, [{}], "{}")


@cache
def mutations(type_name: str, valid_only: bool = False, texts_only: bool = False
              ) -> st.SearchStrategy[Mutation]:
    """One change of the type's sample at a place drawn from the schema; ``valid_only``:
    only changes the schema allows (for the slower renders, which want documents);
    ``texts_only``: only of its texts (for PDFs, which should not convert 500 rows)."""
    root = REGISTRY.get(type_name).schema()
    places = tuple(s for s in slots_of(type_name)
                   if not texts_only or (kind_of(s.spec) == "text" and s.present))
    built: dict[int, st.SearchStrategy[Mutation]] = {}

    def at(index: int) -> st.SearchStrategy[Mutation]:  # built once per place
        if index not in built:
            built[index] = values_for(places[index], root, valid_only)
        return built[index]

    one = st.integers(0, len(places) - 1).flatmap(at)
    if valid_only:  # what the schema allows (the domain's own rules may still refuse)
        return one.filter(lambda m: not m.refuse)
    not_an_object = st.sampled_from(ROOT_VALUES).map(
        lambda v: Mutation((), v, True, "not an object"))
    return st.one_of(*[one] * 19, not_an_object)  # 1 in 20: the whole input



def mostly_valid(type_name: str) -> st.SearchStrategy[Mutation]:
    """Three in four changes the schema allows, for the renders (which want documents)."""
    valid, anything = mutations(type_name, valid_only=True), mutations(type_name)
    return st.integers(0, 3).flatmap(lambda i: anything if i == 0 else valid)


@st.composite
def valid_texts(draw: st.DrawFn) -> tuple[str, list[Mutation], Any]:
    """(type, changes, input): a type's sample with 1-3 of its texts hostile, that the
    validation layer accepts (for the few PDFs: each conversion is a document)."""
    type_name = draw(st.sampled_from(REGISTRY.names()), label="type")
    batch = draw(st.lists(mutations(type_name, valid_only=True, texts_only=True),
                          min_size=1, max_size=3), label="batch")
    data = mutated(REGISTRY.get(type_name).load_sample(), batch)
    try:
        REGISTRY.get(type_name).parse(json.loads(json.dumps(data)))
    except InputError:
        assume(False)
    return type_name, batch, data
