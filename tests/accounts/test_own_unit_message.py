"""A refused unit name is repeated readable and short (found by the fuzz test)."""

from __future__ import annotations

import pytest

from docgen.accounts.access import require_own_unit
from docgen.errors import Forbidden


@pytest.mark.parametrize("typed", ["Dinas X" * 50_000, "Dinas\x00\u202eX"])
def test_another_units_name_is_shown_escaped_and_cut_short(typed):
    with pytest.raises(Forbidden) as refused:
        require_own_unit({"perangkat_daerah": {"nama": typed}}, "Dinas Kesehatan")
    message = refused.value.message
    assert len(message) < 400 and message.isprintable()
    assert "perangkat_daerah.nama" in message and "Dinas Kesehatan" in message
