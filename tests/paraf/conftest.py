"""A documents database without Flask for the paraf chain: units A and B, the author
(admin_unit), the unit's sekretaris_unit and pimpinan_unit (two: the first signs), the
Kabupaten's author, Bagian Hukum and the Bupati."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.documents.conftest import World, build_world

USERS = {  # username -> (role, unit, nama)
    "a_admin": ("admin_unit", "A", "RINA KUSUMASTUTI, S.E."),
    "a_admin2": ("admin_unit", "A", None),
    "a_sekunit": ("sekretaris_unit", "A", "Dra. SRI WAHYUNI"),
    "a_kepala": ("pimpinan_unit", "A", "ATO SUSANTO, AP., M.Si."),
    "a_kepala2": ("pimpinan_unit", "A", None),
    "a_sek": ("sekretaris_kbk", "A", None),
    "b_sekunit": ("sekretaris_unit", "B", None),
    "b_kepala": ("pimpinan_unit", "B", None),
    "admin": ("admin_kabupaten", None, "BAMBANG HERMAWAN, S.Sos."),
    "hukum": ("bagian_hukum", None, "AGUS PRIYONO, S.H."),
    "bupati": ("bupati", None, "DYAH HAYUNING PRATIWI"),
}


@pytest.fixture()
def world(tmp_path: Path, monkeypatch) -> Iterator[World]:
    yield from build_world(tmp_path, monkeypatch, USERS)
