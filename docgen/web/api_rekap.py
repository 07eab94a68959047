"""GET /api/v1/rekap?tahun=YYYY: the year's recap of every unit (``documents.rekap``).

admin_kabupaten and bagian_hukum only (403 otherwise, from the service); the year is
required (400 when missing or not four digits).
"""

from __future__ import annotations

from flask import Blueprint, g, jsonify, request

from docgen.documents.rekap import UnitRecap, rekap
from docgen.domain.errors import FieldError
from docgen.web.api import token_required
from docgen.web.context import db, regulation
from docgen.web.errors import json_errors

bp = Blueprint("api_rekap", __name__, url_prefix="/api/v1")


@bp.get("/rekap")
@token_required
def show():
    tahun = request.args.get("tahun", "").strip()
    if not (tahun.isdigit() and len(tahun) == 4):
        return json_errors(400, [FieldError("tahun", "tahun wajib diisi: empat angka, "
                                                     "mis. ?tahun=2024")])
    result = rekap(g.api_user, db(), regulation(), int(tahun))
    return jsonify({"tahun": result.tahun, "units": [_unit(u) for u in result.units],
                    "peringkat": result.peringkat})


def _unit(unit: UnitRecap) -> dict:
    card = unit.scored_card
    return {"unit_id": unit.unit_id, "nama": unit.nama, "jenis": unit.jenis,
            "dokumen": unit.dokumen,
            "scored_card": None if card is None else {
                "total": float(card.total), "kategori": card.kategori, "status": card.status},
            "gelar": unit.gelar}
