"""The regulation's tables in ``docgen/domain/data``, as one immutable snapshot value.

Each table carries the Pasal/Lampiran it comes from (``ref``); code asks a ``Regulation``
for tables by name instead of writing their contents as literals.

- ``Regulation.bundled()``: the bundled files (version 1 of each table), one shared value.
- ``Regulation.from_texts({name: yaml_text})``: reviewed versions (the web app's approved
  ones) over the bundled files. This module knows no database: it takes plain text.

A snapshot never changes: it holds every table's text, parses and checks each one lazily
once (``data_schemas``; a bad text raises ``DataSetError`` naming the set and the path of
the bad key) and keeps its parsed tables and derived values (``cached``) to itself. Two
snapshots can be used at the same time (two requests, two threads).

Pydantic models that need the tables while validating take the snapshot from the
validation context (``model_validate(data, context=validation_context(reg))``, read with
``of(info)``; without a context the bundled snapshot is used).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

import yaml

from docgen.domain import data_schemas, legal_bases

DATA_DIR = Path(__file__).with_name("data")
MARKER_STATUS = "dilengkapi_bagian_hukum"  # text lost in the OCR copy: never invented
CONFIRM_STATUS = legal_bases.CONFIRM_STATUS  # fact not in the seed: to be confirmed
T = TypeVar("T")


class DataSetError(ValueError):
    """A data set that does not parse or does not match its schema."""

    def __init__(self, name: str, messages: list[str]) -> None:
        self.name, self.messages = name, messages
        super().__init__("; ".join(messages))


def names() -> list[str]:
    """The data sets there are (one ``data/<name>.yaml`` each)."""
    return sorted(p.stem for p in DATA_DIR.glob("*.yaml"))


def bundled_text(name: str) -> str:
    """The text of the bundled file ``data/<name>.yaml`` (version 1)."""
    return (DATA_DIR / f"{name}.yaml").read_text(encoding="utf-8")


def parse(name: str, text: str) -> Any:
    """The parsed, schema-checked contents of a data set text (raises ``DataSetError``)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DataSetError(name, [f"{name}: bukan YAML yang valid ({exc})"]) from None
    problems = data_schemas.problems(name, data)
    if problems:
        raise DataSetError(name, problems)
    return data


@dataclass(frozen=True, eq=False)
class Regulation:
    """One immutable snapshot of every data set (name -> YAML text)."""

    texts: Mapping[str, str]
    _memo: dict[Any, Any] = field(default_factory=dict, init=False, repr=False)

    @classmethod
    def bundled(cls) -> Regulation:
        """The bundled files (one shared instance)."""
        return _bundled()

    @classmethod
    def from_texts(cls, texts: Mapping[str, str]) -> Regulation:
        """These texts (name -> YAML) over the bundled files; unknown names raise KeyError."""
        unknown = set(texts) - set(names())
        if unknown:
            raise KeyError(f"data peraturan tidak dikenal: {', '.join(sorted(unknown))}")
        if not texts:
            return cls.bundled()
        bundled = cls.bundled().texts
        return cls(MappingProxyType({name: texts.get(name, bundled[name]) for name in names()}))

    # -- caching --------------------------------------------------------------------------
    def cached(self, func: Callable[[Regulation], T]) -> T:
        """``func(self)``, computed once per snapshot (``func`` must not change it)."""
        try:
            value: T = self._memo[func]
        except KeyError:
            value = self._memo.setdefault(func, func(self))
        return value

    def _keyed(self, key: tuple[str, ...], compute: Callable[[], T]) -> T:
        try:
            value: T = self._memo[key]
        except KeyError:
            value = self._memo.setdefault(key, compute())
        return value

    # -- the tables -----------------------------------------------------------------------
    def source(self, name: str) -> str:
        """The YAML text of data set ``name`` in this snapshot."""
        return self.texts[name]

    def digest(self, name: str) -> str:
        """SHA-256 of the text of ``name`` (a cache key for values built from it)."""
        return self._keyed(("digest", name), lambda: hashlib.sha256(
            self.texts[name].encode("utf-8")).hexdigest())

    def fingerprint(self) -> str:
        """SHA-256 over every data set's digest: equal for snapshots of equal texts."""
        return self._keyed(("fingerprint",), lambda: hashlib.sha256("".join(
            f"{name}:{self.digest(name)};" for name in sorted(self.texts)).encode()).hexdigest())

    def load(self, name: str) -> Any:
        """The parsed contents of data set ``name`` (parsed once; treat as read-only).

        Raises ``DataSetError`` when the text is not YAML or does not match the schema."""
        if name not in self.texts:
            raise KeyError(f"data peraturan tidak dikenal: {name}")
        return self._keyed(("load", name), lambda: parse(name, self.texts[name]))

    def butir(self, key: str) -> list[str]:
        """The numbered items of a tugas/peran/kriteria list in ``tugas.yaml``."""
        return list(self.load("tugas")[key]["butir"])

    def tugas_tim_pembinaan(self) -> dict[str, str]:
        return dict(self.load("tugas")["tim_pembinaan"]["per_kedudukan"])

    def susunan_kbk(self, jenis: str) -> dict[str, str]:
        return dict(self.load("susunan_kbk")["jenis"][jenis])

    def kuesioner(self) -> dict[str, Any]:
        """Lampiran IV: questions, scales, category bands (``data/kuesioner.yaml``)."""
        data: dict[str, Any] = self.load("kuesioner")
        return data

    def scored_card(self) -> dict[str, Any]:
        """Lampiran I weights and sub-behaviours, Pasal 16(1)a categories."""
        data: dict[str, Any] = self.load("scored_card")
        return data

    def kbk_forms(self) -> dict[str, Any]:
        """Titles and lists of the KBK and Agen Perubahan forms (``kbk_forms.yaml``)."""
        data: dict[str, Any] = self.load("kbk_forms")
        return data

    def istilah(self) -> dict[str, list[str]]:
        """Foreign terms printed in italics (``miring``) and in bold (``tebal``)."""
        data = self.load("istilah")
        return {"miring": list(data["miring"]), "tebal": list(data["tebal"])}

    def emphasis(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(italic terms, bold terms) as the template engine takes them."""
        terms = self.istilah()
        return tuple(terms["miring"]), tuple(terms["tebal"])

    # -- legal bases by date (``legal_bases``) --------------------------------------------
    def identitas(self, key: str) -> str:
        return legal_bases.identitas(self.load("dasar_hukum"), key)

    def kutipan(self, key: str, tanggal: dt.date | None = None) -> str:
        return legal_bases.kutipan(self.load("dasar_hukum"), key, tanggal)

    def in_force(self, key: str, tanggal: dt.date | None = None) -> str:
        return legal_bases.in_force(self.load("dasar_hukum"), key, tanggal)

    def dasar_hukum(self, key: str, tanggal: dt.date | None = None) -> str:
        """The citation to use for legal basis ``key`` on ``tanggal`` (default today)."""
        return self.kutipan(self.in_force(key, tanggal), tanggal)

    def citation_issues(self, text: str, tanggal: dt.date | None = None) -> list[str]:
        """Why a typed citation is out of date on ``tanggal`` (texts start with its name)."""
        bases = self.load("dasar_hukum")
        known = self._keyed(("identities",), lambda: legal_bases.identities(bases))
        amended = self._keyed(("amended",), lambda: legal_bases.amended_base(bases))
        return legal_bases.citation_issues(bases, known, amended, text, tanggal)

    def keputusan_default(self, doc_type: str, tanggal: dt.date | None = None,
                          **values: str) -> tuple[list[str], list[str]]:
        """Default (menimbang, mengingat) of a Keputusan type dated ``tanggal``."""
        return legal_bases.keputusan_default(self.load("keputusan_default"),
                                             self.load("dasar_hukum"), doc_type, tanggal,
                                             **values)

    def atas_nama_bupati(self, doc_type: str) -> bool:
        """Whether the head of a unit signs this Keputusan type a.n. Bupati (Pasal 9(2))."""
        setting = (self.load("keputusan_default").get(doc_type) or {}).get("atas_nama_bupati")
        return bool(setting and setting["aktif"])

    # -- markers for the legal section ----------------------------------------------------
    def _marked(self, status: str) -> list[dict[str, Any]]:
        return [{"data_set": name, "kode": node.get("kode", path), "ref": ref,
                 "status": status, "fragmen_ocr": node.get("fragmen_ocr"),
                 "catatan": node.get("catatan")}
                for name in names() for node, ref, path in _walk(self.load(name))
                if node.get("status") == status]

    def missing_texts(self) -> list[dict[str, Any]]:
        """Every text lost in the OCR copy (status dilengkapi_bagian_hukum), across the
        sets: data set, code, ref and the readable OCR fragment (None when none)."""
        return [{k: item[k] for k in ("data_set", "kode", "ref", "fragmen_ocr")}
                for item in self._marked(MARKER_STATUS)]

    def unconfirmed_facts(self) -> list[dict[str, Any]]:
        """Dates and numbers not in the seed (status perlu_konfirmasi_bagian_hukum)."""
        return [{k: item[k] for k in ("data_set", "kode", "ref", "catatan")}
                for item in self._marked(CONFIRM_STATUS)]

    def marker_texts(self) -> list[str]:
        """Every marker a data set can print in place of a lost text (``penanda_hilang``)."""
        return sorted({node["penanda_hilang"] for name in names()
                       for node, _, _ in _walk(self.load(name))
                       if isinstance(node.get("penanda_hilang"), str)})


@cache
def _bundled() -> Regulation:
    return Regulation(MappingProxyType({name: bundled_text(name) for name in names()}))


def validation_context(regulation: Regulation | None) -> dict[str, Regulation]:
    """The pydantic validation context that hands ``regulation`` to the models."""
    return {"regulation": regulation or Regulation.bundled()}


def of(info: Any) -> Regulation:
    """The snapshot in a pydantic ``ValidationInfo``'s context (else the bundled one)."""
    context = getattr(info, "context", None) or {}
    found = context.get("regulation") if isinstance(context, dict) else None
    return found if isinstance(found, Regulation) else Regulation.bundled()


def _walk(node: Any, ref: str | None = None, where: str = ""
          ) -> Iterator[tuple[dict[str, Any], str, str]]:
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
