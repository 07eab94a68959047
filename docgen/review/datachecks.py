"""Consistency checks for a new version of a regulation data file (docgen/domain/data).

``check_regulation_data(name, text)`` returns the problems that block approval. First the
data set's strict schema (``docgen.domain.data_schemas``: unknown keys, e.g. the junk key a
flow mapping cut at an unquoted comma makes, and wrong types are refused, with the path of
the bad key); then the numbers that drive computation are checked against the regulation:

- ``scored_card``: sub-behaviour weights add up to 20 per value and 100 in all (Lampiran I);
  category bands (``min``, checked from the top) strictly descending, starting at 0;
- ``kuesioner``: questions numbered 1..n, groups partitioning them, each group's category
  bands (``[lo, hi, kategori]``, inclusive) contiguous and covering exactly the group's
  possible totals (questions x 1..4);
- ``keputusan_default``: cited legal bases exist, only known ``{placeholders}``;
- ``dasar_hukum``: amendments and revocations name existing bases, each text version names
  the latest amendment in force on its date, no two bases cite the same instrument;
- every set: no code that a template or model reads, or that the version in use carries
  (scored-card sub-behaviour codes), is removed or renamed (``datacodes``).

The checks compare with ``current``, the regulation snapshot in use (the approved
versions; None: the bundled files).

Other files are checked by their schema only.
``computation_changes(name, old, new)`` lists the numbers a new version changes.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from typing import Any

import yaml

from docgen.domain import data_schemas
from docgen.domain.regulation import Regulation
from docgen.review.datacodes import code_problems
from docgen.review.problems import Problem
from docgen.review.safeyaml import RefusedYaml
from docgen.review.safeyaml import load as load_yaml

SC_WEIGHT_PER_VALUE = 20  # Lampiran I: each of the five values weighs 20
SC_WEIGHT_TOTAL = 100
SC_RANGE = (0, 100)
KEPUTUSAN_PLACEHOLDERS = {"unit", "jabatan", "nama_kbk"}


def _problem(message: str) -> Problem:
    return Problem("data", message)


def parse(name: str, text: str) -> tuple[Any, list[Problem]]:
    """The parsed data set (anchors and aliases refused, ``safeyaml``), or the problem."""
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (baris {mark.line + 1}, kolom {mark.column + 1})" if mark else ""
        if isinstance(exc, RefusedYaml):
            return None, [_problem(f"{name}.yaml: {exc}{where}")]
        return None, [_problem(f"{name}.yaml bukan YAML yang valid{where}")]
    if not isinstance(data, dict) or not data:
        return None, [_problem(f"{name}.yaml harus berisi pemetaan (kunci: nilai)")]
    return data, []


def check_regulation_data(name: str, text: str,
                          current: Regulation | None = None) -> list[Problem]:
    """Problems of ``text`` as the next version of data set ``name``, compared with the
    snapshot in use ``current`` (None: the bundled files)."""
    data, problems = parse(name, text)
    if problems:
        return problems
    schema_problems = data_schemas.problems(name, data)
    if schema_problems:
        return [_problem(m) for m in schema_problems]
    current = current or Regulation.bundled()
    checker = _CHECKERS.get(name)
    try:
        messages = checker(data, current) if checker is not None else []
        return [_problem(m) for m in messages + code_problems(name, data, current)]
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        return [_problem(f"struktur {name}.yaml tidak dikenali ({type(exc).__name__}: {exc})")]


# -- scored card -----------------------------------------------------------------------

def _leaf_weights(node: dict) -> list[tuple[str, float]]:
    """(kode, bobot) of the sub-behaviours of a value (an indicator without sub counts)."""
    leaves = []
    for indikator in node.get("indikator", []):
        subs = indikator.get("sub") or [indikator]
        leaves += [(str(s.get("kode", indikator.get("nomor"))), s["bobot"]) for s in subs]
    return leaves


def _scored_card(data: dict, current: Regulation) -> list[str]:
    messages = []
    for key, expected in (("bobot_nilai", SC_WEIGHT_PER_VALUE), ("bobot_total", SC_WEIGHT_TOTAL)):
        if key in data and data[key] != expected:
            messages.append(f"{key} = {data[key]}, padahal Lampiran I menetapkan {expected}")
    total: float = 0
    codes: list[str] = []
    for value in data["nilai"]:
        leaves = _leaf_weights(value)
        subtotal = sum(weight for _, weight in leaves)
        total += subtotal
        codes += [code for code, _ in leaves]
        if subtotal != SC_WEIGHT_PER_VALUE:
            messages.append(f"bobot nilai {value.get('nama')} berjumlah {subtotal}, "
                            f"harus {SC_WEIGHT_PER_VALUE}")
        messages += [f"bobot {code} harus bilangan positif" for code, w in leaves
                     if not isinstance(w, int | float) or w <= 0]
    if total != SC_WEIGHT_TOTAL:
        messages.append(f"jumlah seluruh bobot {total}, harus {SC_WEIGHT_TOTAL}")
    messages += [f"kode sub unsur {c} dipakai lebih dari sekali"
                 for c in sorted({c for c in codes if codes.count(c) > 1})]
    return messages + _min_bands(data.get("kategori", {}), data.get("gelar_budaya_kerja"))


def _min_bands(kategori: dict, gelar: dict | None) -> list[str]:
    bands = kategori.get("batas", []) if isinstance(kategori, dict) else kategori
    if not bands:
        return ["kategori Scored Card tidak ada"]
    mins = [band["min"] for band in bands]
    codes = [band["kode"] for band in bands]
    messages = []
    if any(a <= b for a, b in zip(mins, mins[1:], strict=False)):
        messages.append(f"batas bawah kategori harus urut menurun tanpa tumpang tindih "
                        f"(diperiksa dari atas): {mins}")
    if min(mins) != SC_RANGE[0]:
        messages.append(f"kategori terendah harus mulai dari {SC_RANGE[0]} agar seluruh "
                        f"rentang {SC_RANGE[0]}-{SC_RANGE[1]} tercakup (sekarang {min(mins)})")
    if max(mins) > SC_RANGE[1]:
        messages.append(f"batas kategori {max(mins)} di luar rentang nilai {SC_RANGE[1]}")
    if len(set(codes)) != len(codes):
        messages.append(f"kode kategori ganda: {codes}")
    unknown = set((gelar or {}).get("kategori_boleh", [])) - set(codes)
    if unknown:
        messages.append(f"gelar_budaya_kerja memakai kategori yang tidak ada: {sorted(unknown)}")
    return messages


# -- kuesioner -------------------------------------------------------------------------

def _kuesioner(data: dict, current: Regulation) -> list[str]:
    skor, questions = data["skor"], data["pertanyaan"]
    low, high, count = skor["nilai_min"], skor["nilai_max"], skor["jumlah_pertanyaan"]
    numbers = [q["nomor"] for q in questions]
    messages = []
    if not low < high:
        messages.append(f"nilai_min ({low}) harus lebih kecil dari nilai_max ({high})")
    if numbers != list(range(1, count + 1)):
        messages.append(f"pertanyaan harus bernomor 1 sampai {count} berurutan "
                        f"(jumlah_pertanyaan), sekarang {len(numbers)} butir")
    scales = data.get("skala", {})
    for q in questions:
        labels = scales.get(q.get("skala"), {}).get("label")
        if labels is None:
            messages.append(f"pertanyaan {q['nomor']}: skala {q.get('skala')} tidak dikenal")
        elif len(labels) != high - low + 1:
            messages.append(f"skala {q['skala']} harus punya {high - low + 1} label")
    return messages + _groups(data, low, high, count)


def _groups(data: dict, low: int, high: int, count: int) -> list[str]:
    messages, expected_first = [], 1
    codes = {k["kode"] for k in data.get("kategori", [])}
    for group in data["kelompok"]:
        first, last = group["butir"]
        if first != expected_first:
            messages.append(f"kelompok {group['kode']} harus mulai dari butir {expected_first}")
        expected_first = last + 1
        size = last - first + 1
        bands = [(b[0], b[1], b[2]) if isinstance(b, list | tuple)
                 else (b["min"], b["max"], b["kode"]) for b in group["batas"]]
        messages += _contiguous_bands(f"kelompok {group['kode']}", bands,
                                      size * low, size * high)
        messages += [f"kelompok {group['kode']}: kategori {c} tidak dikenal"
                     for _, _, c in bands if codes and c not in codes]
    if expected_first != count + 1:
        messages.append(f"kelompok harus mencakup butir 1 sampai {count}")
    return messages


def _contiguous_bands(label: str, bands: list[tuple], low: int, high: int) -> list[str]:
    """Inclusive integer bands must tile [low, high] exactly, in order."""
    if not bands:
        return [f"{label}: tabel kategori kosong"]
    messages = []
    if bands[0][0] != low or bands[-1][1] != high:
        messages.append(f"{label}: kategori harus mencakup seluruh total skor {low}-{high} "
                        f"(sekarang {bands[0][0]}-{bands[-1][1]})")
    for lo, hi, code in bands:
        if lo > hi:
            messages.append(f"{label}: rentang {code} terbalik ({lo}-{hi})")
    for (_, hi, a), (lo, _, b) in zip(bands, bands[1:], strict=False):
        if lo != hi + 1:
            kind = "celah" if lo > hi + 1 else "tumpang tindih"
            messages.append(f"{label}: ada {kind} antara kategori {a} (s.d. {hi}) dan {b} "
                            f"(mulai {lo})")
    return messages


# -- keputusan_default -----------------------------------------------------------------

def _keputusan_default(data: dict, current: Regulation) -> list[str]:
    known_bases = set(current.load("dasar_hukum"))
    messages = []
    for doc_type, entry in data.items():
        for key in entry.get("mengingat", []):
            if key not in known_bases:
                messages.append(f"{doc_type}: dasar hukum {key} tidak ada di dasar_hukum.yaml")
        for text in entry.get("menimbang", []):
            messages += [f"{doc_type}: {m}" for m in _placeholder_problems(text)]
    return messages


def _placeholder_problems(text: str) -> list[str]:
    try:
        fields = {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
    except ValueError as exc:
        return [f"kurung kurawal tidak seimbang dalam menimbang ({exc})"]
    return [f"placeholder {{{f}}} tidak dikenal (pilih: "
            f"{', '.join('{' + p + '}' for p in sorted(KEPUTUSAN_PLACEHOLDERS))})"
            for f in sorted(fields - KEPUTUSAN_PLACEHOLDERS)]


# -- dasar_hukum -----------------------------------------------------------------------

def _dasar_hukum(data: dict, current: Regulation) -> list[str]:
    messages: list[str] = []
    seen: dict[data_schemas.Identity | None, str] = {}
    first = {key: next(data_schemas.citations(entry["teks"]), (None, None))[0]
             for key, entry in data.items()}
    for key, entry in data.items():
        ident = first[key]
        if ident is None:
            messages.append(f"{key}: teks tidak menyebut jenis, nomor dan tahun peraturan")
        elif ident in seen:
            messages.append(f"{key}: mengutip peraturan yang sama dengan {seen[ident]}")
        seen.setdefault(ident, key)
        links = [("perubahan", p["oleh"]) for p in entry.get("perubahan") or []]
        if entry.get("dicabut"):
            links.append(("dicabut", entry["dicabut"]["oleh"]))
        messages += [f"{key}: {label} oleh {other} tidak ada di dasar_hukum.yaml"
                     for label, other in links if other not in data]
        for version in entry.get("versi") or []:
            due = [p["oleh"] for p in entry.get("perubahan") or []
                   if p["sejak"] <= version["berlaku_mulai"] and p["oleh"] in data]
            named = {i for i, _ in data_schemas.citations(version["teks"])}
            if due and first[due[-1]] not in named:
                messages.append(f"{key}: versi berlaku mulai {version['berlaku_mulai']} tidak "
                                f"menyebut perubahan terakhirnya ({due[-1]})")
    return messages


_CHECKERS: dict[str, Callable[[dict, Regulation], list[str]]] = {
    "scored_card": _scored_card, "kuesioner": _kuesioner,
    "keputusan_default": _keputusan_default, "dasar_hukum": _dasar_hukum}


# -- what changed ----------------------------------------------------------------------

def computation_numbers(name: str, data: dict) -> dict[str, Any]:
    """The numbers of ``data`` that drive computation, by a readable path."""
    if name == "scored_card":
        numbers = {f"bobot {code}": w for value in data.get("nilai", [])
                   for code, w in _leaf_weights(value)}
        kategori = data.get("kategori", {})
        bands = kategori.get("batas", []) if isinstance(kategori, dict) else kategori
        numbers.update({f"kategori {b.get('kode')} min": b.get("min") for b in bands})
        return numbers
    if name == "kuesioner":
        return {f"kelompok {g.get('kode')} batas": [list(b) if isinstance(b, list | tuple)
                                                   else b for b in g.get("batas", [])]
                for g in data.get("kelompok", [])} | {
            f"skor {k}": v for k, v in data.get("skor", {}).items() if k != "catatan"}
    return {}


def computation_changes(name: str, old_text: str, new_text: str) -> list[str]:
    """Human-readable list of computation numbers that differ between two versions."""
    (old, _), (new, _) = parse(name, old_text), parse(name, new_text)
    before = computation_numbers(name, old or {})
    after = computation_numbers(name, new or {})
    return [f"{key}: {before.get(key, '-')} \u2192 {after.get(key, '-')}"
            for key in sorted(set(before) | set(after)) if before.get(key) != after.get(key)]
