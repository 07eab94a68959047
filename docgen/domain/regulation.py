"""Read-only access to the regulation's tables in ``docgen/domain/data``.

Each table carries the Pasal/Lampiran it comes from (``ref``); code asks for tables by
name here instead of writing their contents as literals.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).with_name("data")


@cache
def load(name: str) -> Any:
    """The parsed contents of ``data/<name>.yaml`` (cached, treat as read-only)."""
    with (DATA_DIR / f"{name}.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


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
