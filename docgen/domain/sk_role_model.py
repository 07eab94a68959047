"""sk-role-model: Keputusan tentang Penetapan Role Model (Pasal 7(1), Lampiran II A.1).

The Role Model is the head of the unit (Lampiran II huruf A angka 1), who also signs.
"""

from __future__ import annotations

from typing import Any

from docgen.domain.keputusan import KeputusanKepalaBase, kepala_context
from docgen.domain.regulation import Regulation

# the tugas.yaml keys this type reads
TUGAS_KEYS = ("role_model_pengertian", "role_model_agen_peran", "role_model_agen_tugas")


class SkRoleModel(KeputusanKepalaBase):
    """Input of the Keputusan naming the head of the unit as Role Model."""

    DOC_TYPE = "sk-role-model"


def build_context(model: SkRoleModel, regulation: Regulation) -> dict[str, Any]:
    unit = model.perangkat_daerah
    tentang = f"Penetapan Role Model di Lingkungan {unit.nama_lengkap}"
    return {
        **kepala_context(model, tentang, [], regulation),
        "pengertian": regulation.butir("role_model_pengertian")[0],
        "peran": regulation.butir("role_model_agen_peran"),
        "tugas": regulation.butir("role_model_agen_tugas"),
    }
