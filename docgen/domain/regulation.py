"""Read-only access to the regulation's tables in ``docgen/domain/data``.

Each table carries the Pasal/Lampiran it comes from (``ref``); code asks for tables by
name here instead of writing their contents as literals.

The bundled files are version 1 of each table. A caller that keeps reviewed versions (the
web app's legal review) hands the approved texts to ``set_overrides``; ``load`` then reads
those instead of the files. The hook takes plain text: this module knows no database.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).with_name("data")
_overrides: dict[str, str] = {}
_lock = threading.Lock()
_derived: list[Any] = []


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
    """The parsed contents of data set ``name`` (cached, treat as read-only)."""
    return yaml.safe_load(source(name))


def dasar_hukum(key: str) -> str:
    return load("dasar_hukum")[key]["teks"]


def butir(key: str) -> list[str]:
    """The numbered items of a tugas/peran/kriteria list in ``tugas.yaml``."""
    return list(load("tugas")[key]["butir"])


def tugas_tim_pembinaan() -> dict[str, str]:
    return dict(load("tugas")["tim_pembinaan"]["per_kedudukan"])


def susunan_kbk(jenis: str) -> dict[str, str]:
    return dict(load("susunan_kbk")["jenis"][jenis])


def keputusan_default(doc_type: str, **values: str) -> tuple[list[str], list[str]]:
    """Default (menimbang, mengingat) of a Keputusan type, placeholders filled in."""
    entry = load("keputusan_default")[doc_type]
    menimbang = [text.format(**values) for text in entry["menimbang"]]
    mengingat = [dasar_hukum(key) for key in entry["mengingat"]]
    return menimbang, mengingat


def kuesioner() -> dict[str, Any]:
    """Lampiran IV: questions, scales, category bands (``data/kuesioner.yaml``)."""
    return load("kuesioner")


def scored_card() -> dict[str, Any]:
    """Lampiran I weights and sub-behaviours, Pasal 16(1)a categories (``scored_card.yaml``)."""
    return load("scored_card")


def kbk_forms() -> dict[str, Any]:
    """Titles and lists of the KBK and Agen Perubahan forms (``kbk_forms.yaml``)."""
    return load("kbk_forms")
