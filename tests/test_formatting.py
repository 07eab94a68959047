import datetime as dt
from decimal import Decimal

import pytest

from docgen.domain.formatting import (
    DiktumCounter,
    angka_terbilang,
    desimal,
    huruf,
    ordinal_diktum,
    romawi,
    round_half_up,
    tanggal_panjang,
    terbilang,
)
from docgen.domain.nip import format_nip, parse_nip


@pytest.mark.parametrize("date, text", [
    (dt.date(2024, 3, 15), "15 Maret 2024"),
    (dt.date(2021, 11, 23), "23 November 2021"),
    (dt.date(2020, 1, 2), "2 Januari 2020"),
    (dt.date(2024, 8, 17), "17 Agustus 2024"),
])
def test_tanggal_uses_indonesian_month_names(date, text):
    assert tanggal_panjang(date) == text


@pytest.mark.parametrize("n, text", [(1, "satu"), (11, "sebelas"), (23, "dua puluh tiga"),
                                     (100, "seratus"), (2024, "dua ribu dua puluh empat")])
def test_terbilang(n, text):
    assert terbilang(n) == text


def test_angka_terbilang():
    assert angka_terbilang(2) == "2 (dua)"


@pytest.mark.parametrize("n, roman", [(1, "I"), (4, "IV"), (5, "V"), (9, "IX"), (14, "XIV")])
def test_romawi(n, roman):
    assert romawi(n) == roman


@pytest.mark.parametrize("n, label", [(1, "KESATU"), (2, "KEDUA"), (4, "KEEMPAT"),
                                      (10, "KESEPULUH"), (11, "KESEBELAS"),
                                      (12, "KEDUA BELAS"), (21, "KEDUA PULUH SATU")])
def test_ordinal_diktum(n, label):
    assert ordinal_diktum(n) == label


def test_diktum_counter_numbers_and_refers():
    diktum = DiktumCounter()
    assert diktum("bentuk") == "KESATU"
    assert diktum() == "KEDUA"
    assert diktum.ref("bentuk") == "KESATU"
    with pytest.raises(KeyError):
        diktum.ref("belum")


def test_huruf():
    assert [huruf(i) for i in (0, 1, 25, 26)] == ["a", "b", "z", "aa"]


@pytest.mark.parametrize("value, places, expected", [
    (11.5, 0, Decimal("12")), (12.5, 0, Decimal("13")), (17.49, 0, Decimal("17")),
    (2.675, 2, Decimal("2.68")),
])
def test_round_half_up_is_not_bankers(value, places, expected):
    assert round_half_up(value, places) == expected


def test_desimal_uses_decimal_comma():
    assert desimal(11.5) == "11,50"
    assert desimal(Decimal("1234.5")) == "1.234,50"


def test_nip_formats_8_6_1_3():
    assert format_nip("197407061993111001") == "19740706 199311 1 001"
    assert format_nip("19740706 199311 1 001") == "19740706 199311 1 001"
    nip = parse_nip("197407061993111001")
    assert nip.tanggal_lahir == dt.date(1974, 7, 6)
    assert nip.tmt == (1993, 11)
    assert nip.jenis_kelamin == "laki-laki"


@pytest.mark.parametrize("raw, message", [
    ("19740706199311100", "18 digit"),
    ("1974070619931110011", "18 digit"),
    ("19740706199311A001", "angka"),
    ("197413061993111001", "tanggal lahir"),
    ("197402301993111001", "tanggal lahir"),
    ("197407061993131001", "bulan TMT"),
    ("197407061993113001", "jenis kelamin"),
    ("197407061980111001", "usia 15"),
])
def test_nip_rejects_invalid(raw, message):
    with pytest.raises(ValueError, match=message):
        parse_nip(raw)
