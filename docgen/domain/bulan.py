"""Months of a schedule: chosen from a list (Form A) or named in an older free text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Literal

NamaBulan = Literal["januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus",
                   "september", "oktober", "november", "desember"]
BULAN: tuple[str, ...] = NamaBulan.__args__  # type: ignore[attr-defined]
SETAHUN = list(range(1, 13))
_SINGKATAN = {"feb": 2, "pebruari": 2, "agu": 8, "ags": 8, "agt": 8, "sept": 9, "nop": 11}
_RENTANG = re.compile(r"\s(-|\u2013|s\.?\s?d\.?|sampai|hingga)\s")


def bulan_dalam_teks(waktu: str) -> list[int]:
    """The months (1-12) a free-text schedule falls in: 'Maret dan September' -> [3, 9],
    'Januari - Juni' -> 1..6, no month named ('Setiap Rabu') -> every month."""
    text = f" {waktu.lower()} "
    months = bulan_disebut(text)
    if not months:
        return SETAHUN
    if len(months) >= 2 and _RENTANG.search(text):
        first, last = months[0], months[-1]
        return [n for n in range(1, 13)
                if (first <= n <= last if first <= last else n >= first or n <= last)]
    return sorted(months)


def bulan_disebut(text: str) -> list[int]:
    """The months named in a text, in order of appearance (1-12)."""
    named = sorted((m.start(), number) for number, name in _nama_bulan()
                   for m in [re.search(rf"\b{name}\b", text.lower())] if m)
    return list(dict.fromkeys(number for _, number in named))


def _nama_bulan() -> list[tuple[int, str]]:
    names = [(i, name) for i, name in enumerate(BULAN, start=1)]
    names += [(i, name[:3]) for i, name in enumerate(BULAN, start=1) if name != "mei"]
    return names + [(n, name) for name, n in _SINGKATAN.items()]


def nama_bulan(numbers: list[int]) -> str:
    """[3, 4, 5] -> 'Maret \u2013 Mei'; [3, 9] -> 'Maret dan September'."""
    names = [BULAN[n - 1].capitalize() for n in sorted(set(numbers))]
    if len(names) >= 3 and sorted(set(numbers)) == list(range(min(numbers), max(numbers) + 1)):
        return f"{names[0]} \u2013 {names[-1]}"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " dan " + names[-1]


def jadwal_bulan(jadwal: str | None, bulan: Sequence[str], tahun: int) -> str:
    """'Setiap Rabu, Maret \u2013 Mei 2024'; a schedule naming its months is kept as typed."""
    if jadwal and bulan_disebut(jadwal):
        return jadwal
    months = nama_bulan([BULAN.index(b) + 1 for b in bulan])
    return f"{jadwal}, {months} {tahun}" if jadwal else f"{months} {tahun}"


def bulan_kegiatan(row: dict[str, Any]) -> list[int]:
    """The months (1-12) of a stored Form A row, chosen or (older drafts) typed."""
    if isinstance(row.get("bulan"), list):
        return [BULAN.index(b) + 1 for b in row["bulan"] if b in BULAN]
    return bulan_dalam_teks(str(row.get("waktu") or ""))
