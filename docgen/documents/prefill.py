"""Initial data of a new document: data typed once is reused.

``initial_data`` merges, in order: the schema's own defaults, the unit record (kop and
head of unit), the Keputusan defaults (menimbang/mengingat), then the per-type prefillers
in ``PREFILLERS``, which look up the unit's latest documents of other types. Everything is
fitted to the target schema, so a prefiller can never add a field the model rejects, and
types that are not registered (yet) are simply skipped. Regulation data (defaults,
suggested KBK composition, the form's fields) come from ``Context.regulation``, the
snapshot the document renders with.
"""

from __future__ import annotations

import copy
import datetime as dt
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from docgen.documents.schema_form import Spec, build_form
from docgen.domain.regulation import Regulation
from docgen.registry import REGISTRY, DocumentType

log = logging.getLogger(__name__)
KABUPATEN = "Kabupaten Purbalingga"


@dataclass
class Context:
    doc_type: DocumentType
    unit: Any  # docgen.storage.Unit or None (documents of the Kabupaten)
    # type name -> data of the unit's latest document
    latest: Callable[[str], dict[str, Any] | None]
    regulation: Regulation
    params: dict[str, str] = field(default_factory=dict)
    hints: dict[str, str] = field(default_factory=dict)  # input path -> placeholder text
    # year -> docgen.documents.rekap.Rekap (the Kabupaten's recap; None for other roles)
    ranking: Callable[[int], Any] | None = None

    @property
    def unit_name(self) -> str:
        return f"{self.unit.nama} {KABUPATEN}" if self.unit else KABUPATEN


Prefiller = Callable[[Context], dict[str, Any]]
PREFILLERS: dict[str, list[Prefiller]] = {}


def prefiller(*type_names: str) -> Callable[[Prefiller], Prefiller]:
    def register(function: Prefiller) -> Prefiller:
        for name in type_names:
            REGISTRY.get(name)  # a misspelt type fails at import, never silently
            PREFILLERS.setdefault(name, []).append(function)
        return function
    return register


def initial_data(ctx: Context) -> dict[str, Any]:
    spec = build_form(ctx.doc_type.schema(ctx.regulation))
    data = schema_defaults(spec)
    steps = [today_fields, unit_fields, keputusan_defaults, kbk_carry_over,
             *PREFILLERS.get(ctx.doc_type.name, [])]
    for step in steps:
        try:
            merge(data, step(ctx))
        except Exception:  # a prefill is a convenience: never block a new document
            log.exception("prefill %s for %s failed", step.__name__, ctx.doc_type.name)
    fitted: dict[str, Any] = fit(data, spec)
    return fitted


def merge(target: dict[str, Any], update: dict[str, Any]) -> None:
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            merge(target[key], value)
        elif value not in (None, "", [], {}):
            target[key] = copy.deepcopy(value)


def fit(value: Any, spec: Spec) -> Any:
    """Keep only what the spec has a field for (recursively)."""
    if spec.kind == "object" and isinstance(value, dict):
        children = {c.name: c for c in spec.children}
        return {k: fit(v, children[k]) for k, v in value.items() if k in children}
    if spec.kind == "table" and isinstance(value, list):
        row = Spec(spec.name, spec.label, "object", children=spec.children)
        return [fit(item, row) for item in value if isinstance(item, dict)]
    return value


def schema_defaults(spec: Spec) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for child in spec.children:
        if child.default not in (None, [], {}):
            data[child.name] = copy.deepcopy(child.default)
        elif child.kind == "object":
            nested = schema_defaults(child)
            if nested:
                data[child.name] = nested
    return data


def _properties(ctx: Context) -> set[str]:
    return set(ctx.doc_type.schema(ctx.regulation).get("properties", {}))


# -- every type ------------------------------------------------------------------------
UNIT_TEXT_FIELDS = ("unit_kerja", "nama_unit", "unit", "satuan_unit_kerja")
HEAD_FIELDS = ("penandatangan", "pimpinan")  # the head of the unit signs or approves


def today_fields(ctx: Context) -> dict[str, Any]:
    """Today's date, and the year and month asked for (?tahun=2024&bulan=3) or current."""
    today = dt.date.today()
    props = _properties(ctx)
    values = {"tanggal": today.isoformat(), "tahun": _int(ctx.params.get("tahun"), today.year),
              "bulan": _int(ctx.params.get("bulan"), today.month)}
    return {key: value for key, value in values.items() if key in props}


def _int(raw: str | None, default: int) -> int:
    return int(raw) if raw and raw.isdigit() else default


def unit_fields(ctx: Context) -> dict[str, Any]:
    if ctx.unit is None:
        return {}
    props = _properties(ctx)
    data: dict[str, Any] = {}
    if "perangkat_daerah" in props:
        data["perangkat_daerah"] = ctx.unit.perangkat_daerah()
    for name in HEAD_FIELDS:
        if name in props:
            data[name] = ctx.unit.kepala()
    for name in UNIT_TEXT_FIELDS:
        if name in props:
            data[name] = ctx.unit_name
    return data


def keputusan_defaults(ctx: Context) -> dict[str, Any]:
    """Menimbang/mengingat of a Keputusan type, filled in when every placeholder is known."""
    entry = ctx.regulation.load("keputusan_default").get(ctx.doc_type.name)
    if not entry:
        return {}
    values = {"unit": ctx.unit_name,
              "jabatan": (ctx.unit.kepala_jabatan if ctx.unit else None) or "Bupati Purbalingga"}
    data: dict[str, Any] = {"mengingat": [ctx.regulation.dasar_hukum(k)
                                          for k in entry["mengingat"]]}
    try:
        data["menimbang"] = [text.format(**values) for text in entry["menimbang"]]
    except KeyError:  # a placeholder typed later (e.g. {nama_kbk}): the model fills it in
        shown = _Unknown(values)
        ctx.hints["menimbang"] = "\n".join(t.format_map(shown) for t in entry["menimbang"])
    return data


class _Unknown(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return f"\u2039{key.replace('_', ' ')}\u203a"


# -- data of the unit's KBK reused by every later KBK document -------------------------
KBK_SOURCE = "sk-kbk"
KBK_FIELDS = ("nama_kbk", "yel_yel", "susunan")
KBK_MEMBERS = ("penanggung_jawab", "ketua", "sekretaris")


def kbk_carry_over(ctx: Context) -> dict[str, Any]:
    """The KBK's name and members from the unit's SK KBK, for fields of the same name."""
    if ctx.doc_type.name == KBK_SOURCE or KBK_SOURCE not in REGISTRY:
        return {}
    source = ctx.latest(KBK_SOURCE)
    if not source:
        return {}
    props = _properties(ctx)
    data = {key: source[key] for key in KBK_FIELDS if key in props and key in source}
    members = source.get("susunan") or []
    for kedudukan in KBK_MEMBERS:
        person = next((m for m in members if m.get("kedudukan") == kedudukan), None)
        for name in (kedudukan, f"{kedudukan}_kbk"):
            if person and name in props:
                data[name] = {k: v for k, v in person.items() if k != "kedudukan"}
    return data


# -- per type --------------------------------------------------------------------------
HEAD_KEDUDUKAN = {"uptd": "ketua"}  # where the head of the unit stands in its KBK


@prefiller("sk-kbk")
def suggested_kbk(ctx: Context) -> dict[str, Any]:
    from docgen.domain.sk_kbk import suggested_susunan

    if ctx.unit is None:
        return {}
    rows = suggested_susunan(ctx.unit.jenis, ctx.regulation)
    head = ctx.unit.kepala()
    where = HEAD_KEDUDUKAN.get(ctx.unit.jenis, "penanggung_jawab")
    for index, row in enumerate(rows):
        # the suggested jabatan is a hint shown in the empty field, never a printed value
        ctx.hints[f"susunan[{index}].jabatan"] = row.pop("jabatan")
        if row["kedudukan"] == where and head.get("nama"):
            row.update({k: head[k] for k in ("nama", "nip", "jabatan") if head.get(k)})
    return {"susunan": rows}


# penanggung jawab evaluasi (Lampiran IV petunjuk): the KBK's ketua (Sekretaris Dinas/Badan,
# Sekretaris Kecamatan) except in a UPTD, where it is the Kasubbag Tata Usaha (sekretaris)
EVALUATOR_KEDUDUKAN = {"uptd": "sekretaris"}


@prefiller("laporan-evaluasi")
def evaluator(ctx: Context) -> dict[str, Any]:
    source = ctx.latest(KBK_SOURCE) if KBK_SOURCE in REGISTRY else None
    if ctx.unit is None or not source:
        return {}
    kedudukan = EVALUATOR_KEDUDUKAN.get(ctx.unit.jenis, "ketua")
    person = next((m for m in source.get("susunan") or []
                   if m.get("kedudukan") == kedudukan), None)
    if not person:
        return {}
    return {"penanggung_jawab": {k: person[k] for k in ("nama", "nip", "jabatan")
                                 if person.get(k)}}


# -- Form A's activities of a month -> that month's report ------------------------------
FORM_A = "kbk-form-a"
MONTHS = [("januari", "jan"), ("februari", "feb", "pebruari"), ("maret", "mar"),
          ("april", "apr"), ("mei",), ("juni", "jun"), ("juli", "jul"),
          ("agustus", "agu", "ags", "agt"), ("september", "sep", "sept"),
          ("oktober", "okt"), ("november", "nov", "nop"), ("desember", "des")]
RANGE = re.compile(r"\s(-|\u2013|s\.?\s?d\.?|sampai|hingga)\s")


def months_named(text: str) -> list[int]:
    """Months named in a free-text schedule, in order of appearance (1-12)."""
    found = []
    for number, names in enumerate(MONTHS, start=1):
        for name in names:
            match = re.search(rf"\b{name}\b", text.lower())
            if match:
                found.append((match.start(), number))
                break
    return [number for _, number in sorted(found)]


def in_month(waktu: str, bulan: int) -> bool:
    """Does a Form A schedule ('Setiap Rabu', 'Maret 2024', 'Januari - Juni') fall in it?"""
    named = months_named(waktu)
    if not named:
        return True  # a recurring activity without months: every month
    if bulan in named:
        return True
    if len(named) >= 2 and RANGE.search(f" {waktu.lower()} "):
        first, last = named[0], named[-1]
        return first <= bulan <= last if first <= last else bulan >= first or bulan <= last
    return False


@prefiller("laporan-bulanan-kbk")
def month_activities(ctx: Context) -> dict[str, Any]:
    source = ctx.latest(FORM_A) if FORM_A in REGISTRY else None
    if not source:
        return {}
    bulan = _int(ctx.params.get("bulan"), dt.date.today().month)
    from docgen.domain.bulan import bulan_kegiatan
    from docgen.domain.kbk_forms import waktu_baris

    rows = [{"kegiatan": k.get("kegiatan"), "tema": k.get("tema"),
             "jadwal": waktu_baris(k, source.get("tahun"))}
            for k in source.get("kegiatan") or [] if bulan in bulan_kegiatan(k)]
    return {"kegiatan": [{key: v for key, v in row.items() if v} for row in rows]}
