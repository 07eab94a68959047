"""Input errors: one shape (field path + Indonesian message) for CLI, API and web."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from docgen.domain.common import karakter_ilegal


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class InputError(Exception):
    """Raised when input does not satisfy a document type's model."""

    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


_MESSAGES = {
    "missing": "wajib diisi",
    "string_type": "harus berupa teks",
    "string_too_short": "wajib diisi",
    "int_type": "harus berupa bilangan bulat",
    "int_parsing": "harus berupa bilangan bulat",
    "int_from_float": "harus berupa bilangan bulat",
    "int_parsing_size": "bilangan terlalu besar",
    "finite_number": "harus berupa angka biasa (bukan NaN atau tak hingga)",
    "float_type": "harus berupa angka",
    "float_parsing": "harus berupa angka",
    "bool_type": "harus berupa ya/tidak (true/false)",
    "bool_parsing": "harus berupa ya/tidak (true/false)",
    "date_type": "harus berupa tanggal (format YYYY-MM-DD)",
    "date_parsing": "tanggal tidak valid (format YYYY-MM-DD)",
    "date_from_datetime_parsing": "tanggal tidak valid (format YYYY-MM-DD)",
    "date_from_datetime_inexact": "harus berupa tanggal tanpa jam (YYYY-MM-DD)",
    "list_type": "harus berupa daftar",
    "dict_type": "harus berupa objek",
    "model_type": "harus berupa objek",
    "extra_forbidden": "isian tidak dikenal",
    "url_parsing": "alamat tidak valid",
}


def _message(error: ErrorDetails) -> str:
    kind = error["type"]
    ctx: dict[str, Any] = error.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "literal_error":
        return f"harus salah satu dari: {ctx.get('expected', '')}".replace("'", "")
    if kind == "enum":
        return f"harus salah satu dari: {ctx.get('expected', '')}".replace("'", "")
    if kind == "too_short":
        return f"minimal {ctx.get('min_length')} isian"
    if kind == "too_long":
        return f"maksimal {ctx.get('max_length')} isian"
    if kind == "string_too_long":
        return f"maksimal {ctx.get('max_length')} karakter"
    if kind in ("greater_than_equal", "greater_than"):
        return f"tidak boleh kurang dari {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"tidak boleh lebih dari {ctx.get('le', ctx.get('lt'))}"
    if kind == "string_pattern_mismatch":
        return "format tidak valid"
    if kind == "string_unicode":  # a lone surrogate (JSON "\ud800"): not text at all
        return _surrogate_message(error.get("input"))
    return _MESSAGES.get(kind, error["msg"])


def _surrogate_message(value: object) -> str:
    """The message of the XML character check (``common.tolak_karakter_ilegal``) for
    the lone surrogate pydantic refuses before that check runs."""
    found = karakter_ilegal(value) if isinstance(value, str) else None
    return found or "teks berisi karakter yang tidak diizinkan"


SHOWN = 60  # characters of a typed text repeated in a field path or a message


def shown(text: str) -> str:
    """A typed text repeated in a field path or message: as it is when it is a short
    line of visible characters, else escaped (``\\n``, ``\\u202e``) and cut short, so that
    a refusal stays one readable line."""
    if text.isprintable() and len(text) <= SHOWN:
        return text
    return json.dumps(text[:SHOWN])[1:-1] + ("\u2026" if len(text) > SHOWN else "")


def field_path(loc: tuple[int | str, ...]) -> str:
    """('susunan', 2, 'nip') -> 'susunan[2].nip'. A typed key (of a map such as Form B's
    ``prioritas``) that is not a short line of visible characters is quoted and escaped
    by ``shown``: ``prioritas["M1\\nX"]``."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif shown(str(part)) == str(part):
            path += ("." if path else "") + str(part)
        else:
            path += f'["{shown(str(part))}"]'
    return path or "(input)"


def from_validation_error(exc: ValidationError) -> InputError:
    errors = [FieldError(field_path(e["loc"]), _message(e)) for e in exc.errors()]
    return InputError(errors)
