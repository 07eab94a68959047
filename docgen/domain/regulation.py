"""Read-only access to the regulation's tables in ``docgen/domain/data``.

Each table carries the Pasal/Lampiran it comes from (``ref``); code asks for tables by
name here instead of writing their contents as literals.

The bundled files are version 1 of each table. A caller that keeps reviewed versions (the
web app's legal review) hands the approved texts to ``set_overrides``; ``load`` then reads
those instead of the files. The hook takes plain text: this module knows no database.
Every set is checked against its schema (``data_schemas``) when loaded: a bad bundled file
or override raises ``DataSetError`` naming the set and the path of the bad key.

Legal bases change over time: ``dasar_hukum(key, tanggal)`` and ``keputusan_default`` give
the citation valid on a document's date; ``citation_issues`` explains why a typed citation
is out of date (revoked, amendment missing, not yet enacted).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from docgen.domain import data_schemas
from docgen.domain.formatting import tanggal_panjang

DATA_DIR = Path(__file__).with_name("data")
_overrides: dict[str, str] = {}
_lock = threading.Lock()
_derived: list[Any] = []
MARKER_STATUS = "dilengkapi_bagian_hukum"  # text lost in the OCR copy: never invented
CONFIRM_STATUS = "perlu_konfirmasi_bagian_hukum"  # fact not in the seed: to be confirmed


class DataSetError(ValueError):
    """A data set that does not parse or does not match its schema."""

    def __init__(self, name: str, messages: list[str]) -> None:
        self.name, self.messages = name, messages
        super().__init__("; ".join(messages))


def derived(func):
    """``functools.cache`` for values computed from the tables (cleared with the tables).

    Caveat: a model built at import from a table (``scored_card.CapaianScoredCard``, one
    field per sub-behaviour code) keeps its fields; new codes need a restart.
    """
    cached = cache(func)
    _derived.append(cached)
    return cached


def names() -> list[str]:
    """The data sets there are (one ``data/<name>.yaml`` each)."""
    return sorted(p.stem for p in DATA_DIR.glob("*.yaml"))


def bundled_text(name: str) -> str:
    """The text of the bundled file ``data/<name>.yaml`` (version 1)."""
    return (DATA_DIR / f"{name}.yaml").read_text(encoding="utf-8")


def set_overrides(texts: Mapping[str, str]) -> None:
    """Use these YAML texts (name -> text) instead of the bundled files; {} resets."""
    global _overrides
    unknown = set(texts) - set(names())
    if unknown:
        raise KeyError(f"data peraturan tidak dikenal: {', '.join(sorted(unknown))}")
    with _lock:
        _overrides = dict(texts)
        load.cache_clear()
        for cached in _derived:
            cached.cache_clear()


def overrides() -> dict[str, str]:
    return dict(_overrides)


def source(name: str) -> str:
    """The YAML text ``load(name)`` parses: the override if set, else the bundled file."""
    text = _overrides.get(name)
    return text if text is not None else bundled_text(name)


@cache
def load(name: str) -> Any:
    """The parsed contents of data set ``name`` (cached, treat as read-only).

    Raises ``DataSetError`` when the text is not YAML or does not match the schema.
    """
    try:
        data = yaml.safe_load(source(name))
    except yaml.YAMLError as exc:
        raise DataSetError(name, [f"{name}: bukan YAML yang valid ({exc})"]) from None
    problems = data_schemas.problems(name, data)
    if problems:
        raise DataSetError(name, problems)
    return data


# -- legal bases by date ---------------------------------------------------------------
Identity = data_schemas.Identity
_citations = data_schemas.citations


def _day(tanggal: dt.date | None) -> dt.date:
    return tanggal or dt.date.today()


@derived
def _identities() -> dict[str, Identity]:
    """Key of each legal basis -> the identity of the instrument its ``teks`` cites first."""
    bases = load("dasar_hukum")
    return {key: ident for key in bases for ident, _ in list(_citations(bases[key]["teks"]))[:1]}


def identitas(key: str) -> str:
    """How the instrument is named, e.g. 'Undang-Undang Nomor 5 Tahun 2014'."""
    teks = load("dasar_hukum")[key]["teks"]
    return next((written for _, written in _citations(teks)), teks)


def kutipan(key: str, tanggal: dt.date | None = None) -> str:
    """The citation of instrument ``key`` valid on ``tanggal`` (default today)."""
    entry, day = load("dasar_hukum")[key], _day(tanggal)
    text = entry["teks"]
    for version in entry.get("versi") or []:
        if version["berlaku_mulai"] <= day:
            text = version["teks"]
    return text


def in_force(key: str, tanggal: dt.date | None = None) -> str:
    """``key``, or the key of the instrument that revoked it by ``tanggal``."""
    bases, day, seen = load("dasar_hukum"), _day(tanggal), {key}
    while (revoked := bases[key].get("dicabut")) and revoked["sejak"] <= day:
        key = revoked["oleh"]
        if key in seen:
            break
        seen.add(key)
    return key


def dasar_hukum(key: str, tanggal: dt.date | None = None) -> str:
    """The citation to use for legal basis ``key`` on ``tanggal`` (default today)."""
    return kutipan(in_force(key, tanggal), tanggal)


def citation_issues(text: str, tanggal: dt.date | None = None) -> list[str]:
    """Why a typed citation is out of date on ``tanggal`` (texts start with its name)."""
    cited = list(_citations(text))
    if not cited:
        return []
    bases, day = load("dasar_hukum"), _day(tanggal)
    (ident, written), cited_ids = cited[0], {i for i, _ in cited}
    key = next((k for k, i in _identities().items() if i == ident), None)
    if key is None:
        return []
    entry, issues = bases[key], []
    enacted = entry.get("ditetapkan")
    if enacted and enacted > day:
        issues.append(f"{written}, yang baru ditetapkan pada {tanggal_panjang(enacted)}, "
                      "sesudah tanggal Keputusan ini")
    revoked = entry.get("dicabut")
    if revoked and revoked["sejak"] <= day:
        new = in_force(key, day)
        issues.append(f"{written}, yang dicabut dengan {identitas(revoked['oleh'])} sejak "
                      f"{tanggal_panjang(revoked['sejak'])}{_unconfirmed(revoked)}; gunakan: "
                      f"{kutipan(new, day).rstrip(';. ')}")
        return issues
    base = _amended_base().get(key, key)
    due = [p for p in bases[base].get("perubahan") or [] if p["sejak"] <= day]
    if due and _identities().get(due[-1]["oleh"]) not in cited_ids:
        amendment = due[-1]
        issues.append(f"{written} tanpa menyebut perubahannya dengan "
                      f"{identitas(amendment['oleh'])} (berlaku sejak "
                      f"{tanggal_panjang(amendment['sejak'])}{_unconfirmed(amendment)}); "
                      f"gunakan: {kutipan(base, day).rstrip(';. ')}")
    ends = entry.get("berakhir")
    if ends and ends["sejak"] <= day:
        issues.append(f"{written}: {ends['catatan']}")
    return issues


def _unconfirmed(fact: dict) -> str:
    return ", perlu konfirmasi Bagian Hukum" if fact.get("status") == CONFIRM_STATUS else ""


@derived
def _amended_base() -> dict[str, str]:
    """Key of each amending instrument -> key of the instrument it amends."""
    return {change["oleh"]: key for key, entry in load("dasar_hukum").items()
            for change in entry.get("perubahan") or []}


def butir(key: str) -> list[str]:
    """The numbered items of a tugas/peran/kriteria list in ``tugas.yaml``."""
    return list(load("tugas")[key]["butir"])


def tugas_tim_pembinaan() -> dict[str, str]:
    return dict(load("tugas")["tim_pembinaan"]["per_kedudukan"])


def susunan_kbk(jenis: str) -> dict[str, str]:
    return dict(load("susunan_kbk")["jenis"][jenis])


def keputusan_default(doc_type: str, tanggal: dt.date | None = None,
                      **values: str) -> tuple[list[str], list[str]]:
    """Default (menimbang, mengingat) of a Keputusan type dated ``tanggal`` (default today):
    each basis as valid then; a revoked one replaced, one not yet enacted left out."""
    entry, day = load("keputusan_default")[doc_type], _day(tanggal)
    menimbang = [text.format(**values) for text in entry["menimbang"]]
    keys: list[str] = []
    for key in entry["mengingat"]:
        key = in_force(key, day)
        enacted = load("dasar_hukum")[key].get("ditetapkan")
        if key not in keys and not (enacted and enacted > day):
            keys.append(key)
    return menimbang, [kutipan(key, day) for key in keys]


def atas_nama_bupati(doc_type: str) -> bool:
    """Whether the head of a unit signs this Keputusan type a.n. Bupati (Pasal 9(2))."""
    setting = (load("keputusan_default").get(doc_type) or {}).get("atas_nama_bupati")
    return bool(setting and setting["aktif"])


def kuesioner() -> dict[str, Any]:
    """Lampiran IV: questions, scales, category bands (``data/kuesioner.yaml``)."""
    return load("kuesioner")


def scored_card() -> dict[str, Any]:
    """Lampiran I weights and sub-behaviours, Pasal 16(1)a categories (``scored_card.yaml``)."""
    return load("scored_card")


def kbk_forms() -> dict[str, Any]:
    """Titles and lists of the KBK and Agen Perubahan forms (``kbk_forms.yaml``)."""
    return load("kbk_forms")


def istilah() -> dict[str, list[str]]:
    """Foreign terms printed in italics (``miring``) and in bold (``tebal``)."""
    data = load("istilah")
    return {"miring": list(data["miring"]), "tebal": list(data["tebal"])}


# -- markers for the legal section -----------------------------------------------------
def _walk(node: Any, ref: str | None = None, where: str = "") -> Iterator[tuple[dict, str, str]]:
    """(mapping, nearest ref with the numbers below it, path) of every mapping in ``node``."""
    if isinstance(node, dict):
        if node.get("ref"):
            ref = str(node["ref"]).split(";")[0]
        else:
            ref = ref and ref + "".join(f" {label} {node[k]}" for k, label in
                                        (("nomor", "indikator" if "sub" in node else "nomor"),
                                         ("huruf", "huruf")) if k in node)
        yield node, ref or "", where
        for key, value in node.items():
            yield from _walk(value, ref, f"{where}.{key}" if where else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, ref, f"{where}[{index}]")


def _marked(status: str) -> list[dict[str, Any]]:
    return [{"data_set": name, "kode": node.get("kode", path), "ref": ref, "status": status,
             "fragmen_ocr": node.get("fragmen_ocr"), "catatan": node.get("catatan")}
            for name in names() for node, ref, path in _walk(load(name))
            if node.get("status") == status]


def missing_texts() -> list[dict[str, Any]]:
    """Every text lost in the OCR copy (status dilengkapi_bagian_hukum), across the sets:
    data set, code, ref and the readable OCR fragment (None when nothing was readable)."""
    return [{k: item[k] for k in ("data_set", "kode", "ref", "fragmen_ocr")}
            for item in _marked(MARKER_STATUS)]


def unconfirmed_facts() -> list[dict[str, Any]]:
    """Dates and numbers not in the seed (status perlu_konfirmasi_bagian_hukum)."""
    return [{k: item[k] for k in ("data_set", "kode", "ref", "catatan")}
            for item in _marked(CONFIRM_STATUS)]


def marker_texts() -> list[str]:
    """Every marker string a data set can print in place of a lost text (``penanda_hilang``)."""
    return sorted({node["penanda_hilang"] for name in names() for node, _, _ in _walk(load(name))
                   if isinstance(node.get("penanda_hilang"), str)})
