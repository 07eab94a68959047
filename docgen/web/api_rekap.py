"""GET /api/v1/rekap?tahun=YYYY: the year's recap of every unit (``documents.rekap``).

admin_kabupaten, bagian_hukum and tim_pembinaan only (403 otherwise, from the service);
the year is required (400 when missing or not four digits); ``jenis`` keeps the units of
one kind (400 for an unknown kind). Beside the fields of the issue's table, each unit
carries the ids of the documents that count, the scored card's subtotals per value and
the Laporan Evaluasi's averages; ``agen_perubahan`` lists every agent's capaian, ranked.
"""

from __future__ import annotations

from flask import Blueprint, g, jsonify, request

from docgen.accounts.units import JENIS
from docgen.documents.rekap import AgenRecap, EvaluasiResult, UnitRecap, rekap
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
    jenis = request.args.get("jenis", "").strip() or None
    if jenis is not None and jenis not in JENIS:
        return json_errors(400, [FieldError("jenis", f"jenis unit tidak dikenal: pilih "
                                                     f"{', '.join(JENIS)}")])
    result = rekap(g.api_user, db(), regulation(), int(tahun), jenis)
    return jsonify({"tahun": result.tahun, "units": [_unit(u) for u in result.units],
                    "peringkat": result.peringkat,
                    "agen_perubahan": [_agen(a) for a in result.ranked_agen()]})


def _unit(unit: UnitRecap) -> dict:
    card = unit.scored_card
    return {"unit_id": unit.unit_id, "nama": unit.nama, "jenis": unit.jenis,
            "dokumen": unit.dokumen, "dokumen_id": unit.dokumen_id,
            "scored_card": None if card is None else {
                "total": float(card.total), "kategori": card.kategori, "status": card.status,
                "sebutan": card.sebutan, "document_id": card.document_id,
                "subtotal": {name: float(value) for name, value in card.subtotal.items()}},
            "laporan_evaluasi": _evaluasi(unit.evaluasi),
            "laporan_bulanan_final": list(unit.bulan_final),
            "gelar": unit.gelar}


def _evaluasi(result: EvaluasiResult | None) -> dict | None:
    if result is None:
        return None
    return {"status": result.status, "document_id": result.document_id,
            "jumlah_responden": result.nilai.jumlah_responden,
            "kelompok": [{"kode": k.kode, "rata": float(round(k.rata, 2)),
                          "kategori": k.kategori} for k in result.nilai.kelompok]}


def _agen(agen: AgenRecap) -> dict:
    capaian = agen.capaian
    return {"unit_id": agen.unit_id, "nama": capaian.nama, "nip": capaian.nip,
            "jabatan": capaian.jabatan,
            "capaian": None if capaian.rata_rata is None else float(capaian.rata_rata),
            "terukur": capaian.terukur, "jumlah": capaian.jumlah, "status": agen.status,
            "document_id": agen.document_id}
