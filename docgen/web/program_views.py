"""What the program pages show, arranged from a ``Rekap`` for their templates (no
computation of scores here: ``documents.rekap``, ``program_figures`` and ``domain.program``
compute; this picks, orders and words)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask import current_app, url_for
from flask_login import current_user

from docgen.accounts.units import JENIS
from docgen.documents import program_figures, program_xlsx
from docgen.documents.rekap import Rekap
from docgen.domain import scored_card
from docgen.domain.formatting import desimal
from docgen.domain.program import JENIS_LABEL
from docgen.domain.regulation import Regulation
from docgen.registry import REGISTRY

PDF_ENDPOINT = "program_pdf.form"
PENGHARGAAN = "keputusan-penghargaan"
PAGES = (("dokumen", "Dokumen", "program.index"),
         ("nilai", "Nilai dan peringkat", "program.nilai"),
         ("gelar", "Gelar Budaya Kerja", "program.gelar"))


def common(recap: Rekap, page: str, years: list[int]) -> dict[str, Any]:
    """The header every program page shares: filters, the three pages, the exports."""
    args: dict[str, Any] = {"tahun": recap.tahun}
    if recap.jenis:
        args["jenis"] = recap.jenis
    exports = [("Unduh XLSX", url_for("program.xlsx", **args))]
    if PDF_ENDPOINT in current_app.view_functions:
        exports.append(("Rekap PDF untuk dicetak", url_for(PDF_ENDPOINT, **args)))
    if recap.tahun not in years:
        years = sorted([*years, recap.tahun], reverse=True)
    return {"page": page, "pages": PAGES, "years": years, "args": args, "exports": exports,
            "jenis_options": [(j, JENIS_LABEL.get(j, j)) for j in JENIS],
            "filter_label": program_xlsx.jenis_label(recap.jenis),
            "singkat": program_xlsx.singkat, "judul": program_xlsx.judul,
            "jenis_label": program_xlsx.jenis_label, "desimal": desimal,
            "kategori_teks": program_xlsx.kategori_teks}


def nilai(recap: Rekap, regulation: Regulation) -> dict[str, Any]:
    rata_nilai = program_figures.rata_nilai(recap, regulation)
    rata_jenis = program_figures.rata_jenis(recap)
    evaluasi = [u for u in recap.units if u.evaluasi is not None]
    first = evaluasi[0].evaluasi if evaluasi else None
    return {"nilai_names": scored_card.nilai_names(regulation),
            "ranked": recap.ranked_units(), "gelar_teks": program_xlsx.gelar_teks,
            "evaluasi": evaluasi, "kelompok": first.nilai.kelompok if first else (),
            "tanpa_evaluasi": [u for u in recap.units if u.evaluasi is None],
            "agen": recap.ranked_agen(),
            "agen_belum": [a for a in recap.agen if a.capaian.rata_rata is None],
            "rata_nilai": rata_nilai, "rata_jenis": rata_jenis,
            "alt_nilai": _alt("Grafik batang rata-rata subtotal per nilai budaya kerja",
                              rata_nilai),
            "alt_jenis": _alt("Grafik batang rata-rata nilai scored card per jenis unit",
                              rata_jenis)}


def _alt(title: str, rows: list[program_figures.Rata]) -> str:
    if not rows:
        return ""
    values = "; ".join(f"{r.label} {r.teks} dari {_angka(r.maksimum)}" for r in rows)
    return f"{title} (scored card final): {values}."


def _angka(value: Decimal) -> str:
    return desimal(value, 0) if value == value.to_integral_value() else desimal(value, 2)


def gelar(recap: Rekap) -> dict[str, Any]:
    others = sorted((u for u in recap.units if not u.gelar), key=lambda u: u.nama)
    keputusan = None
    if PENGHARGAAN in REGISTRY and current_user.role == "admin_kabupaten":
        keputusan = url_for("documents.new", type_name=PENGHARGAAN, tahun=recap.tahun)
    return {"layak": recap.gelar_units(),
            "tidak": [(u, program_xlsx.alasan_tidak_layak(u)) for u in others],
            "keputusan_url": keputusan}
