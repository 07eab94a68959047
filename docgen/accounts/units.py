"""What a unit record must satisfy: its kop (``PerangkatDaerah``) and its head
(``Penandatangan``) are checked with the same models the documents print them with."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import ValidationError

from docgen.domain.common import Penandatangan, PerangkatDaerah
from docgen.domain.errors import FieldError, from_validation_error
from docgen.storage.models import Unit

JENIS: list[str] = PerangkatDaerah.model_json_schema()["properties"]["jenis"]["enum"]
KOP_FIELDS: tuple[str, ...] = Unit.KOP_FIELDS
KEPALA_FIELDS: tuple[str, ...] = Unit.KEPALA_FIELDS
UNIT_FIELDS = [*KOP_FIELDS, *(f"kepala_{k}" for k in KEPALA_FIELDS)]
OWN_KOP_FIELDS = [f for f in KOP_FIELDS if f != "jenis"]  # what admin_unit may change
NAMA_TAKEN = "nama ini sudah dipakai unit lain"


def check_unit(values: Mapping[str, str]) -> list[FieldError]:
    """Field errors (Indonesian) of a whole unit record: kop, then head of unit."""
    errors = check_kop(values)
    kepala = {k: values[f"kepala_{k}"] for k in KEPALA_FIELDS}
    if any(kepala.values()):
        try:
            Penandatangan.model_validate(kepala)
        except ValidationError as exc:
            errors.extend(FieldError(f"kepala_{e.field}", e.message)
                          for e in from_validation_error(exc).errors)
    return errors


def check_kop(values: Mapping[str, str]) -> list[FieldError]:
    """Field errors of the kop (PerangkatDaerah, as printed in the documents)."""
    try:
        PerangkatDaerah.model_validate({k: values[k] or None for k in KOP_FIELDS})
    except ValidationError as exc:
        return list(from_validation_error(exc).errors)
    return []


def as_dict(errors: list[FieldError]) -> dict[str, str]:
    """``{field: message}`` as a form shows them (the last message of a field wins)."""
    return {e.field: e.message for e in errors}
