"""Legal bases by date, over the parsed ``dasar_hukum`` table (pure functions).

``Regulation`` (``docgen.domain.regulation``) calls these with its own table; nothing here
keeps state. ``citation_issues`` explains why a typed citation is out of date (revoked,
amendment missing, not yet enacted).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from docgen.domain import data_schemas
from docgen.domain.formatting import tanggal_panjang

CONFIRM_STATUS = "perlu_konfirmasi_bagian_hukum"  # fact not in the seed: to be confirmed
Identity = data_schemas.Identity
Bases = dict[str, Any]
_citations = data_schemas.citations


def day_of(tanggal: dt.date | None) -> dt.date:
    return tanggal or dt.date.today()


def identities(bases: Bases) -> dict[str, Identity]:
    """Key of each legal basis -> the identity of the instrument its ``teks`` cites first."""
    return {key: ident for key in bases for ident, _ in list(_citations(bases[key]["teks"]))[:1]}


def amended_base(bases: Bases) -> dict[str, str]:
    """Key of each amending instrument -> key of the instrument it amends."""
    return {change["oleh"]: key for key, entry in bases.items()
            for change in entry.get("perubahan") or []}


def identitas(bases: Bases, key: str) -> str:
    """How the instrument is named, e.g. 'Undang-Undang Nomor 5 Tahun 2014'."""
    teks = bases[key]["teks"]
    return next((written for _, written in _citations(teks)), teks)


def kutipan(bases: Bases, key: str, tanggal: dt.date | None = None) -> str:
    """The citation of instrument ``key`` valid on ``tanggal`` (default today)."""
    entry, day = bases[key], day_of(tanggal)
    text: str = entry["teks"]
    for version in entry.get("versi") or []:
        if version["berlaku_mulai"] <= day:
            text = version["teks"]
    return text


def in_force(bases: Bases, key: str, tanggal: dt.date | None = None) -> str:
    """``key``, or the key of the instrument that revoked it by ``tanggal``."""
    day, seen = day_of(tanggal), {key}
    while (revoked := bases[key].get("dicabut")) and revoked["sejak"] <= day:
        key = revoked["oleh"]
        if key in seen:
            break
        seen.add(key)
    return key


def citation_issues(bases: Bases, known: dict[str, Identity], amended: dict[str, str],
                    text: str, tanggal: dt.date | None = None) -> list[str]:
    """Why a typed citation is out of date on ``tanggal`` (texts start with its name).

    ``known``/``amended``: ``identities(bases)`` and ``amended_base(bases)`` (cached by the
    caller)."""
    cited = list(_citations(text))
    if not cited:
        return []
    day = day_of(tanggal)
    (ident, written), cited_ids = cited[0], {i for i, _ in cited}
    key = next((k for k, i in known.items() if i == ident), None)
    if key is None:
        return []
    entry, issues = bases[key], []
    enacted = entry.get("ditetapkan")
    if enacted and enacted > day:
        issues.append(f"{written}, yang baru ditetapkan pada {tanggal_panjang(enacted)}, "
                      "sesudah tanggal Keputusan ini")
    revoked = entry.get("dicabut")
    if revoked and revoked["sejak"] <= day:
        new = in_force(bases, key, day)
        issues.append(f"{written}, yang dicabut dengan {identitas(bases, revoked['oleh'])} "
                      f"sejak {tanggal_panjang(revoked['sejak'])}{_unconfirmed(revoked)}; "
                      f"gunakan: {kutipan(bases, new, day).rstrip(';. ')}")
        return issues
    base = amended.get(key, key)
    due = [p for p in bases[base].get("perubahan") or [] if p["sejak"] <= day]
    if due and known.get(due[-1]["oleh"]) not in cited_ids:
        amendment = due[-1]
        issues.append(f"{written} tanpa menyebut perubahannya dengan "
                      f"{identitas(bases, amendment['oleh'])} (berlaku sejak "
                      f"{tanggal_panjang(amendment['sejak'])}{_unconfirmed(amendment)}); "
                      f"gunakan: {kutipan(bases, base, day).rstrip(';. ')}")
    ends = entry.get("berakhir")
    if ends and ends["sejak"] <= day:
        issues.append(f"{written}: {ends['catatan']}")
    return issues


def _unconfirmed(fact: dict[str, Any]) -> str:
    return ", perlu konfirmasi Bagian Hukum" if fact.get("status") == CONFIRM_STATUS else ""


def keputusan_default(table: dict[str, Any], bases: Bases, doc_type: str,
                      tanggal: dt.date | None = None,
                      **values: str) -> tuple[list[str], list[str]]:
    """Default (menimbang, mengingat) of a Keputusan type dated ``tanggal`` (default today):
    each basis as valid then; a revoked one replaced, one not yet enacted left out."""
    entry, day = table[doc_type], day_of(tanggal)
    menimbang = [text.format(**values) for text in entry["menimbang"]]
    keys: list[str] = []
    for key in entry["mengingat"]:
        key = in_force(bases, key, day)
        enacted = bases[key].get("ditetapkan")
        if key not in keys and not (enacted and enacted > day):
            keys.append(key)
    return menimbang, [kutipan(bases, key, day) for key in keys]
