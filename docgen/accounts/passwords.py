"""Passwords: the rule a new one must satisfy, and checking one at the same cost whether
the user exists or not.

Hashes are werkzeug.security's (scrypt, salted; ``repo.generate_password_hash``). The
rule (NIST SP 800-63B, OWASP ASVS 2.1, kept short): at least ``MIN_LENGTH`` characters,
not only spaces, not the user name (what is left without it must still be
``MIN_LENGTH`` long), not a well-known password (a word of ``COMMON`` with digits and
signs around it counts as that word), not a few characters repeated, letters and digits,
or a passphrase of ``PASSPHRASE_LENGTH`` characters or more (letters only is fine then).
Messages start with the field's label.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from werkzeug.security import check_password_hash

from docgen.domain.errors import FieldError
from docgen.storage import repo

MIN_LENGTH = 10
PASSPHRASE_LENGTH = 15
MAX_LENGTH = 200
MIN_DISTINCT = 5
# Well-known passwords and the words they are made of (Indonesian ones first); compared
# with letters and digits only, lower case, digits at either end removed.
COMMON = frozenset({
    "rahasia", "rahasiaku", "katasandi", "katakunci", "sandi", "kunci", "masuk", "admin",
    "administrator", "adminadmin", "pengguna", "user", "purbalingga", "pemkab",
    "pemkabpurbalingga", "pemda", "kabupaten", "bupati", "sekretaris", "dokumen",
    "docgen", "budayakerja", "indonesia", "indonesiaraya", "merdeka", "pancasila",
    "garuda", "bismillah", "alhamdulillah", "sayang", "sayangku", "cinta", "cintaku",
    "jakarta", "selamat", "selamatdatang", "password", "passw0rd", "passwort", "welcome",
    "letmein", "iloveyou", "changeme", "default", "login", "qwerty", "qwertyuiop",
    "qwertz", "asdfgh", "asdfghjkl", "asdfasdf", "zxcvbnm", "qazwsx", "qwe", "abc",
    "abcdef", "abcdefgh", "abcdefghij", "abcd", "monkey", "dragon", "football",
    "baseball", "master", "superman", "sunshine", "princess",
})


def password_errors(password: str, username: str, field: str = "password",
                    label: str = "Kata sandi") -> list[FieldError]:
    """The one error of a new password (``field`` named, message starting with
    ``label``), else ``[]``."""
    problem = _problem(password, username)
    return [FieldError(field, f"{label} {problem}")] if problem else []


def _problem(password: str, username: str) -> str | None:
    if not password.strip():
        return "wajib diisi dan tidak boleh hanya spasi."
    if len(password) < MIN_LENGTH:
        return f"minimal {MIN_LENGTH} karakter (sekarang {len(password)})."
    if len(password) > MAX_LENGTH:
        return f"maksimal {MAX_LENGTH} karakter."
    name = username.strip().casefold()
    if name and len(password.casefold().replace(name, "")) < MIN_LENGTH:
        return ("tidak boleh berupa nama pengguna (dengan atau tanpa sedikit tambahan); "
                f"tanpa nama pengguna harus tetap {MIN_LENGTH} karakter atau lebih.")
    if _is_common(password):
        return "terlalu umum dan mudah ditebak; pilih yang lain."
    if len(set(password.casefold())) < MIN_DISTINCT:
        return (f"terlalu berulang; pakai paling sedikit {MIN_DISTINCT} karakter yang "
                "berbeda.")
    if not any(c.isalpha() for c in password):
        return "harus memuat huruf."
    if len(password) < PASSPHRASE_LENGTH and not any(c.isdigit() for c in password):
        return (f"harus memuat huruf dan angka, atau berupa frasa paling sedikit "
                f"{PASSPHRASE_LENGTH} karakter.")
    return None


def _letters_digits(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def _is_common(password: str) -> bool:
    core = _letters_digits(password)
    trimmed = core.strip("0123456789")
    return core in COMMON or trimmed in COMMON or _is_doubled(trimmed)


def _is_doubled(text: str) -> bool:
    """"rahasiarahasia": a common word typed twice."""
    half, rest = divmod(len(text), 2)
    return bool(text) and not rest and text[:half] == text[half:] and text[:half] in COMMON


# -- checking ----------------------------------------------------------------------------
def verify(password_hash: str | None, password: str) -> bool:
    """Does ``password`` match ``password_hash``? With no hash (no such user) a stored
    dummy hash of the same kind is checked all the same, so that an unknown user name
    takes as long to refuse as a wrong password of a known one."""
    if password_hash is None:
        check_password_hash(_dummy_hash(repo.generate_password_hash), password)
        return False
    return check_password_hash(password_hash, password)


@functools.lru_cache(maxsize=4)
def _dummy_hash(make_hash: Callable[[str], str]) -> str:
    """A hash made the way users' hashes are made now (same method, same cost)."""
    return make_hash("tidak-ada-pengguna-dengan-nama-ini")
