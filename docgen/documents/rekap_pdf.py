"""The printed recap of the program (issue 12): the year's ``rekap`` as a DOCX rendered
from ``templates/laporan/rekap-program.docx`` and converted to a checked PDF, signed by
the Ketua Tim Pembinaan.

Same access rule as the recap (``rekap`` raises ``Forbidden``); the same render engine
as every document (sandboxed, autoescaping, strict, metered) and the pipeline's
converter (the fair scheduler, queued as the requesting user's in the web app) with the
layout check and the re-pagination of a lone signature (``Pipeline.to_signable_pdf``).
The charts are ``program_figures``'; a year without a final scored card prints a
sentence instead. Nothing is stored: the recap is a report of the moment ("keadaan per
tanggal …"), printed again whenever needed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from docgen.accounts.access import Actor, require_role
from docgen.documents import program_figures
from docgen.documents.rekap import READERS, AgenRecap, Rekap, UnitRecap, rekap, unit_types
from docgen.domain import evaluasi, scored_card
from docgen.domain.figures import Figure
from docgen.domain.formatting import desimal, tanggal_panjang
from docgen.domain.nip import nip_utuh
from docgen.domain.program import JENIS_LABEL
from docgen.domain.program_laporan import KETUA_TIM, TANDA, PenandatanganRekap, singkatan
from docgen.domain.regulation import Regulation
from docgen.layout.model import LayoutProblem
from docgen.pipeline import Pipeline
from docgen.registry import REGISTRY, TEMPLATES
from docgen.render import TemplateRenderError, figures
from docgen.render.engine import compile_template
from docgen.storage import Document, repo

TEMPLATE = TEMPLATES / "laporan" / "rekap-program.docx"
SK_TIM = "sk-tim-pembinaan"
STATUS = {"final": "final", "draft": "draf"}
WIB = dt.timezone(dt.timedelta(hours=7))  # Purbalingga's time: the date printed


@dataclass(frozen=True)
class SignerDefault:
    """The form's first values and where they come from (None: no final Keputusan)."""

    values: dict[str, str]
    sumber: str | None


@dataclass(frozen=True)
class PrintedRecap:
    docx: bytes
    pdf: bytes
    problems: list[LayoutProblem]


def today() -> dt.date:
    """The date of printing in Purbalingga (WIB)."""
    return dt.datetime.now(WIB).date()


def default_signer(actor: Actor, session: Session) -> SignerDefault:
    """The Ketua of the latest final Keputusan forming the Tim Pembinaan (by its date,
    then when it was made final): their name where the Keputusan gives it. The NIP is not
    in the Keputusan: the form asks for it."""
    require_role(actor, *READERS)
    finals = [d for d in repo.list_documents(session, type_names=[SK_TIM]) if d.is_final]
    values = {"jabatan": KETUA_TIM, "nama": "", "nip": ""}
    if not finals:
        return SignerDefault(values, None)
    latest = max(finals, key=_sk_rank)
    data = latest.data or {}
    ketua = next((m for m in data.get("susunan") or []
                  if isinstance(m, dict) and m.get("kedudukan") == "ketua"), {})
    values["nama"] = str(ketua.get("nama") or "").strip()
    return SignerDefault(values, _sumber(data, str(ketua.get("jabatan") or "").strip()))


def _sk_rank(document: Document) -> tuple[Any, ...]:
    tanggal = (document.data or {}).get("tanggal")
    return (tanggal if isinstance(tanggal, str) else "",
            document.finalized_at or document.updated_at, document.id)


def _sumber(data: dict[str, Any], jabatan: str) -> str:
    nomor, tanggal = data.get("nomor") or "…", data.get("tanggal")
    try:
        tanggal = tanggal_panjang(dt.date.fromisoformat(str(tanggal)))
    except ValueError:
        tanggal = "…"
    return (f"Keputusan Bupati Purbalingga Nomor {nomor} tanggal {tanggal}: Ketua Tim "
            f"{jabatan or '(jabatan tidak tercantum)'}")


def render_docx(actor: Actor, session: Session, regulation: Regulation, pipeline: Pipeline,
                tahun: int, jenis: str | None, signer: PenandatanganRekap,
                tanggal: dt.date) -> bytes:
    """The recap's DOCX (raises ``Forbidden`` for a role that may not read the recap)."""
    result = rekap(actor, session, regulation, tahun, jenis)
    charts = (program_figures.grafik_nilai(result, regulation),
              program_figures.grafik_jenis(result, regulation))
    context = build_context(result, regulation, signer, tanggal, charts)
    context = figures.resolve(context, pipeline.settings)
    compiled = compile_template(TEMPLATE)
    return compiled.render(context, pipeline.settings.paper, regulation.emphasis())


def render_recap(actor: Actor, session: Session, regulation: Regulation, pipeline: Pipeline,
                 tahun: int, jenis: str | None, signer: PenandatanganRekap,
                 tanggal: dt.date) -> PrintedRecap:
    """The DOCX and its PDF through the converter, layout-checked (a lone signature is
    moved with the content above it, as for every signable document)."""
    docx = render_docx(actor, session, regulation, pipeline, tahun, jenis, signer, tanggal)
    signable = pipeline.to_signable_pdf(docx)
    return PrintedRecap(signable.docx, signable.pdf, list(signable.problems))


# -- context -------------------------------------------------------------------------------
def build_context(result: Rekap, regulation: Regulation, signer: PenandatanganRekap,
                  tanggal: dt.date, charts: tuple[Figure | None, Figure | None]
                  ) -> dict[str, Any]:
    """The template's context: every table row as printed text."""
    nilai = scored_card.nilai_names(regulation)
    groups = evaluasi.kelompok_list(regulation)
    _check_shape(len(result.types), len(nilai), len(groups))
    titles = {t: REGISTRY.get(t).title for t in result.types}
    return {
        "tahun": result.tahun, "tanggal": tanggal_panjang(tanggal),
        "jenis_label": JENIS_LABEL.get(result.jenis, result.jenis) if result.jenis else "",
        "kolom": [{"singkat": singkatan(t, titles[t]), "judul": titles[t]}
                  for t in result.types],
        "legenda": "Singkatan: " + "; ".join(f"{singkatan(t, titles[t])} = {titles[t]}"
                                             for t in result.types) + ".",
        "units": [{"no": i, "nama": u.nama, "tanda": [TANDA[u.dokumen.get(t)]
                                                      for t in result.types]}
                  for i, u in enumerate(result.units, 1)],
        "jumlah": _jumlah(result),
        "nilai": list(nilai),
        "peringkat": [_peringkat(i, u, nilai) for i, u in enumerate(result.ranked_units(), 1)],
        "tanpa_scored_card": "; ".join(u.nama for u in result.units if u.scored_card is None),
        "kategori_keterangan": _kategori(regulation),
        "grafik_nilai": charts[0], "grafik_jenis": charts[1],
        "kelompok": [{"kode": g.kode, "judul": g.singkat} for g in groups],
        "evaluasi": _evaluasi(result),
        "agen": [_agen(i, a) for i, a in enumerate(result.ranked_agen(), 1)],
        "gelar": [{"no": i, "nama": u.nama, "jenis": JENIS_LABEL.get(u.jenis, u.jenis),
                   "total": _total(u), "kategori": _kategori_unit(u)}
                  for i, u in enumerate(result.gelar_units(), 1)],
        "penandatangan": signer.context(),
    }


def _check_shape(types: int, nilai: int, groups: int) -> None:
    """The template has one column per unit type, value and evaluation group of the
    registry and the bundled regulation; another shape needs the template rewritten."""
    bundled = Regulation.bundled()
    expected = (len(unit_types()), len(scored_card.nilai_names(bundled)),
                len(evaluasi.kelompok_list(bundled)))
    if (types, nilai, groups) != expected:
        raise TemplateRenderError(
            "templat rekapitulasi tidak sesuai data regulasi yang berlaku (jumlah kolom "
            f"jenis dokumen/nilai/kelompok {types}/{nilai}/{groups}, templat "
            f"{expected[0]}/{expected[1]}/{expected[2]}); tulis ulang templatnya")


def _jumlah(result: Rekap) -> list[dict[str, Any]]:
    counts = [result.counts(t) for t in result.types]
    return [{"label": label, "nilai": [str(c[key]) for c in counts]}
            for label, key in (("Jumlah final (F)", "final"), ("Jumlah draf (D)", "draft"),
                               ("Jumlah belum ada (\u2013)", "none"))]


def _total(unit: UnitRecap) -> str:
    return desimal(unit.scored_card.total, 2) if unit.scored_card else ""


def _kategori_unit(unit: UnitRecap) -> str:
    card = unit.scored_card
    return f"{card.kategori} ({card.sebutan})" if card else ""


def _peringkat(no: int, unit: UnitRecap, nilai: tuple[str, ...] | list[str]
               ) -> dict[str, Any]:
    card = unit.scored_card
    assert card is not None  # ranked units have one
    if unit.gelar:
        gelar = "Ya"
    elif card.layak_gelar:
        gelar = "Belum (draf)"
    else:
        gelar = "Tidak"
    return {"no": no, "nama": unit.nama, "total": _total(unit),
            "subtotal": [desimal(card.subtotal.get(n, Decimal(0)), 2) for n in nilai],
            "kategori": _kategori_unit(unit), "status": STATUS.get(card.status, card.status),
            "gelar": gelar}


def _kategori(regulation: Regulation) -> str:
    parts = [f"{k.kode} = {k.sebutan} ({k.rentang})"
             for k in scored_card.kategori_list(regulation)]
    return ("Kategori scored card (Pasal 16 ayat (1) huruf a): " + "; ".join(parts) + ". "
            "Layak Gelar: scored card final berkategori A atau B; \u201cBelum (draf)\u201d: "
            "kategorinya memenuhi, tetapi scored card belum final.")


def _evaluasi(result: Rekap) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for unit in result.units:
        if unit.evaluasi is None:
            continue
        nilai = unit.evaluasi.nilai
        rows.append({"no": len(rows) + 1, "nama": unit.nama,
                     "kelompok": [{"teks": k.teks, "kategori": k.kategori}
                                  for k in nilai.kelompok],
                     "responden": str(nilai.jumlah_responden),
                     "status": STATUS.get(unit.evaluasi.status, unit.evaluasi.status)})
    return rows


def _agen(no: int, agen: AgenRecap) -> dict[str, Any]:
    c = agen.capaian
    nip = ""
    if c.nip:
        try:
            nip = nip_utuh(c.nip)
        except ValueError:
            nip = c.nip  # printed as typed in the monev (a draft may hold a wrong NIP)
    return {"no": no, "nama": c.nama, "nip": nip, "jabatan": c.jabatan, "unit": agen.unit_nama,
            "capaian": c.teks, "terukur": f"{c.terukur} dari {c.jumlah}",
            "status": STATUS.get(agen.status, agen.status)}
