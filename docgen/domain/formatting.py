"""Indonesian formatting helpers used by every document type."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_decimal
from num2words import num2words

_ROMAN = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]


def tanggal_panjang(value: dt.date) -> str:
    """15 Maret 2024 (Indonesian month names, no leading zero)."""
    return format_date(value, "d MMMM y", locale="id")


def bulan_tahun(value: dt.date) -> str:
    """Maret 2024."""
    return format_date(value, "MMMM y", locale="id")


def terbilang(number: int) -> str:
    """23 -> 'dua puluh tiga'."""
    return str(num2words(number, lang="id"))


def angka_terbilang(number: int) -> str:
    """2 -> '2 (dua)', the usual way of writing counts in a Keputusan."""
    return f"{number} ({terbilang(number)})"


def romawi(number: int) -> str:
    """Roman numeral, for LAMPIRAN I, II, ..."""
    if number < 1:
        raise ValueError("angka romawi harus lebih dari 0")
    parts = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        parts.append(letters * count)
    return "".join(parts)


def ordinal_diktum(number: int) -> str:
    """1 -> KESATU, 2 -> KEDUA, 11 -> KESEBELAS, 12 -> KEDUA BELAS."""
    if number < 1:
        raise ValueError("nomor diktum harus lebih dari 0")
    if number == 1:
        return "KESATU"
    return ("KE" + terbilang(number)).upper()


def huruf(index: int) -> str:
    """0 -> 'a', 25 -> 'z', 26 -> 'aa' (list letters of a Keputusan)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def round_half_up(value: float | Decimal, places: int = 0) -> Decimal:
    """Commercial rounding (halves up), never banker's rounding."""
    quantum = Decimal(1).scaleb(-places)
    return Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def desimal(value: float | Decimal, places: int = 2) -> str:
    """11.5 -> '11,50' (Indonesian decimal comma, fixed places)."""
    rounded = round_half_up(value, places)
    pattern = "#,##0." + "0" * places if places else "#,##0"
    return format_decimal(rounded, format=pattern, locale="id")


class DiktumCounter:
    """Generates diktum ordinals in the order a template renders them.

    ``{{ diktum('susunan') }}`` prints the next ordinal (KESATU, KEDUA, ...) and remembers
    it under a key, ``{{ diktum.ref('susunan') }}`` prints the ordinal of an earlier diktum.
    Ordinals are therefore never typed in a template or an input.
    """

    def __init__(self) -> None:
        self._count = 0
        self._keys: dict[str, str] = {}

    def __call__(self, key: str | None = None) -> str:
        self._count += 1
        label = ordinal_diktum(self._count)
        if key:
            self._keys[key] = label
        return label

    def ref(self, key: str) -> str:
        try:
            return self._keys[key]
        except KeyError:
            raise KeyError(f"diktum '{key}' belum ditetapkan sebelum dirujuk") from None

    @property
    def count(self) -> int:
        return self._count


def nama_kbk_lengkap(nama: str) -> str:
    """'SEMAR' -> 'Kelompok Budaya Kerja "SEMAR"'; a name that already says KBK or
    Kelompok Budaya Kerja stands alone ('KBK SEMAR'), never 'Kelompok Budaya Kerja KBK'."""
    words = nama.strip().split()
    if words and (words[0].upper() == "KBK" or nama.strip().upper().startswith(
            "KELOMPOK BUDAYA KERJA")):
        return nama.strip()
    return f"Kelompok Budaya Kerja \u201c{nama.strip()}\u201d"
