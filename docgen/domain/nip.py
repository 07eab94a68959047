"""NIP (Nomor Induk Pegawai): 18 digits, shown as 8 6 1 3.

Layout (PP 11/2017 practice): tanggal lahir YYYYMMDD, TMT CPNS YYYYMM, jenis kelamin
(1 laki-laki, 2 perempuan), nomor urut 3 digits.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class NIP:
    digits: str

    @property
    def tanggal_lahir(self) -> dt.date:
        return dt.date(int(self.digits[0:4]), int(self.digits[4:6]), int(self.digits[6:8]))

    @property
    def tmt(self) -> tuple[int, int]:
        return int(self.digits[8:12]), int(self.digits[12:14])

    @property
    def jenis_kelamin(self) -> str:
        return "laki-laki" if self.digits[14] == "1" else "perempuan"

    def formatted(self) -> str:
        d = self.digits
        return f"{d[0:8]} {d[8:14]} {d[14]} {d[15:18]}"

    def __str__(self) -> str:
        return self.formatted()


def parse_nip(raw: str) -> NIP:
    """Parse and validate a NIP; raise ValueError with an Indonesian message."""
    digits = re.sub(r"[\s.]", "", str(raw))
    if not digits.isdigit():
        raise ValueError("NIP hanya boleh berisi angka")
    if len(digits) != 18:
        raise ValueError(f"NIP harus 18 digit, bukan {len(digits)}")
    try:
        birth = dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise ValueError("NIP: 8 digit pertama bukan tanggal lahir yang valid (YYYYMMDD)") from None
    tmt_year, tmt_month = int(digits[8:12]), int(digits[12:14])
    if not 1 <= tmt_month <= 12:
        raise ValueError("NIP: digit 13-14 bukan bulan TMT yang valid (01-12)")
    if tmt_year < birth.year + 15:
        raise ValueError("NIP: tahun TMT (digit 9-12) tidak mungkin sebelum usia 15 tahun")
    if digits[14] not in "12":
        raise ValueError("NIP: digit ke-15 (jenis kelamin) harus 1 atau 2")
    return NIP(digits)


def format_nip(raw: str) -> str:
    return parse_nip(raw).formatted()


def nip_utuh(raw: str) -> str:
    """The formatted NIP with no-break spaces: a table cell never wraps it."""
    return format_nip(raw).replace(" ", "\u00a0")
