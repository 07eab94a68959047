"""The regency's program recap as a workbook (``rekap_xlsx``) and the words the recap's
pages and workbook share: short names of the unit document types, the category as
printed ("A (Sangat Baik)"), why a unit may not enter the Gelar Budaya Kerja (Pasal
16(1)d.2), the years that have documents.

Sheets: Dokumen (units x document types, a counts block below), Nilai (the ranking with
the subtotal per value in Lampiran I order), Evaluasi (the Laporan Evaluasi's averages),
Agen Perubahan (capaian, ranked), Gelar (eligible first, then the others with the reason).
Numbers are numbers (two-decimal format), never text.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from docgen.accounts.access import Actor
from docgen.documents.rekap import Rekap, ScoredCardResult, UnitRecap, rekap
from docgen.domain import scored_card
from docgen.domain.formatting import desimal, round_half_up
from docgen.domain.program import JENIS_LABEL
from docgen.domain.regulation import Regulation
from docgen.registry import REGISTRY

SINGKAT = {  # short column heads; the full title is REGISTRY's
    "sk-kbk": "SK KBK", "sk-agen-perubahan": "SK Agen Perubahan",
    "sk-role-model": "SK Role Model", "sk-core-values": "SK Core Values",
    "rencana-tindak": "Rencana Tindak", "monev-rencana-tindak": "Monev Rencana Tindak",
    "kbk-form-a": "Form A", "kbk-form-b": "Form B", "kuesioner-evaluasi": "Kuesioner",
    "laporan-evaluasi": "Laporan Evaluasi", "scored-card": "Scored Card",
    "laporan-bulanan-kbk": "Laporan Bulanan KBK",
}
STATUS = {"final": "Final", "draft": "Draf", None: "—"}
NUMBER = "0.00"
HEAD_FILL = PatternFill("solid", fgColor="DCE6F0")


def singkat(type_name: str) -> str:
    return SINGKAT.get(type_name) or REGISTRY.get(type_name).title


def judul(type_name: str) -> str:
    return REGISTRY.get(type_name).title


def jenis_label(jenis: str | None) -> str:
    return JENIS_LABEL.get(jenis, jenis) if jenis else "semua jenis unit"


def kategori_teks(card: ScoredCardResult) -> str:
    return f"{card.kategori} ({card.sebutan})" if card.sebutan else card.kategori


def gelar_teks(unit: UnitRecap) -> str:
    """The ranking's Gelar column: Layak, a draft that would be, or Tidak."""
    card = unit.scored_card
    if unit.gelar:
        return "Layak"
    if card is not None and card.status != "final" and card.layak_gelar:
        return "Belum: scored card masih draf"
    return "Tidak"


def alasan_tidak_layak(unit: UnitRecap) -> str:
    """Why ``unit`` may not enter the Gelar (Pasal 16(1)d.2), in the page's words."""
    card = unit.scored_card
    if card is None:
        if unit.dokumen.get("scored-card") == "draft":
            return "scored card masih draf dan capaiannya belum lengkap"
        return "belum ada scored card"
    total = f"total {desimal(card.total, 2)}"
    if card.status != "final":
        return f"scored card baru draf ({total}, kategori {kategori_teks(card)})"
    return f"kategori {kategori_teks(card)}, {total}"


def nama_berkas(tahun: int) -> str:
    return f"rekap-program-budaya-kerja-{tahun}.xlsx"


def rekap_xlsx(actor: Actor, session: Session, regulation: Regulation, tahun: int,
               jenis: str | None = None) -> bytes:
    """The year's recap as an XLSX workbook (``Forbidden`` as ``rekap``)."""
    return workbook_bytes(rekap(actor, session, regulation, tahun, jenis), regulation)


def workbook_bytes(recap: Rekap, regulation: Regulation) -> bytes:
    book = Workbook()
    title = f"Program Budaya Kerja Tahun {recap.tahun} — {jenis_label(recap.jenis)}"
    _dokumen(_sheet(book, "Dokumen", title), recap)
    _nilai(_sheet(book, "Nilai", title), recap, regulation)
    _evaluasi(_sheet(book, "Evaluasi", title), recap)
    _agen(_sheet(book, "Agen Perubahan", title), recap)
    _gelar(_sheet(book, "Gelar", title), recap)
    del book[book.sheetnames[0]]  # the default empty sheet
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet(book: Workbook, name: str, title: str) -> Worksheet:
    sheet = book.create_sheet(name)
    sheet["A1"] = f"{title}: {name}"
    sheet["A1"].font = Font(bold=True, size=13)
    return sheet


HEAD_ROW = 3


def _table(sheet: Worksheet, heads: Sequence[str], rows: Sequence[Sequence[Any]],
           widths: Sequence[int], numeric: Sequence[int] = ()) -> None:
    """Header row 3, the rows below, frozen under the header and right of column A."""
    for col, head in enumerate(heads, start=1):
        cell = sheet.cell(HEAD_ROW, col, head)
        cell.font, cell.fill = Font(bold=True), HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(rows, start=HEAD_ROW + 1):
        for col, value in enumerate(row, start=1):
            cell = sheet.cell(r, col, value)
            if col - 1 in numeric and isinstance(value, float):
                cell.number_format = NUMBER
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = sheet.cell(HEAD_ROW + 1, 2)


def _dokumen(sheet: Worksheet, recap: Rekap) -> None:
    heads = ["Unit", "Jenis", *(singkat(t) for t in recap.types)]
    rows = [[u.nama, jenis_label(u.jenis), *(STATUS[u.dokumen.get(t)] for t in recap.types)]
            for u in recap.units]
    _table(sheet, heads, rows, [40, 18, *([14] * len(recap.types))])
    below = HEAD_ROW + len(rows) + 2
    for offset, (key, label) in enumerate((("final", "Jumlah final"), ("draft", "Jumlah draf"),
                                           ("none", "Jumlah belum ada"))):
        sheet.cell(below + offset, 1, label).font = Font(bold=True)
        for col, type_name in enumerate(recap.types, start=3):
            sheet.cell(below + offset, col, recap.counts(type_name)[key])


def _nilai(sheet: Worksheet, recap: Rekap, regulation: Regulation) -> None:
    names = scored_card.nilai_names(regulation)
    rows = []
    for rank, unit in enumerate(recap.ranked_units(), start=1):
        card = unit.scored_card
        assert card is not None  # ranked units all have one
        rows.append([rank, unit.nama, jenis_label(unit.jenis),
                     *(float(card.subtotal.get(n, 0)) for n in names), float(card.total),
                     kategori_teks(card), STATUS[card.status],
                     gelar_teks(unit)])
    numeric = range(3, 4 + len(names))
    _table(sheet, ["Peringkat", "Unit", "Jenis", *names, "Total", "Kategori", "Status",
                   "Gelar Budaya Kerja"], rows,
           [10, 40, 18, *([12] * len(names)), 10, 18, 9, 12], numeric)
    sheet.freeze_panes = "C4"


def _evaluasi(sheet: Worksheet, recap: Rekap) -> None:
    units = [u for u in recap.units if u.evaluasi is not None]
    groups = units[0].evaluasi.nilai.kelompok if units and units[0].evaluasi else ()
    heads = ["Unit", "Jenis"]
    for group in groups:
        heads += [f"{group.kode}. {group.judul}: rata-rata", f"{group.kode}: kategori"]
    rows = []
    for unit in units:
        assert unit.evaluasi is not None
        row: list[Any] = [unit.nama, jenis_label(unit.jenis)]
        for kelompok in unit.evaluasi.nilai.kelompok:
            row += [float(round_half_up(kelompok.rata, 2)), kelompok.kategori]
        rows.append([*row, unit.evaluasi.nilai.jumlah_responden, STATUS[unit.evaluasi.status]])
    _table(sheet, [*heads, "Jumlah responden", "Status"], rows,
           [40, 18, *([16] * (2 * len(groups))), 12, 9], range(2, 2 + 2 * len(groups), 2))


def _agen(sheet: Worksheet, recap: Rekap) -> None:
    rows = [[rank, a.capaian.nama, a.capaian.nip or "", a.unit_nama,
             float(a.capaian.rata_rata or 0), a.capaian.terukur, a.capaian.jumlah,
             STATUS[a.status]] for rank, a in enumerate(recap.ranked_agen(), start=1)]
    _table(sheet, ["Peringkat", "Nama", "NIP", "Unit", "Capaian (%)", "Baris terukur",
                   "Jumlah baris", "Status"], rows, [10, 32, 22, 40, 12, 12, 12, 9], (4,))
    sheet.freeze_panes = "C4"


def _gelar(sheet: Worksheet, recap: Rekap) -> None:
    rows: list[list[Any]] = []
    for unit in recap.gelar_units():
        card = unit.scored_card
        assert card is not None
        rows.append([unit.nama, jenis_label(unit.jenis), float(card.total),
                     kategori_teks(card), "Layak mengikuti Gelar Budaya Kerja"])
    for unit in sorted((u for u in recap.units if not u.gelar), key=lambda u: u.nama):
        card = unit.scored_card
        rows.append([unit.nama, jenis_label(unit.jenis),
                     float(card.total) if card else None,
                     kategori_teks(card) if card else "",
                     f"Tidak layak: {alasan_tidak_layak(unit)}"])
    _table(sheet, ["Unit", "Jenis", "Total", "Kategori", "Keterangan (Pasal 16 ayat (1) "
                   "huruf d angka 2)"], rows, [40, 18, 10, 18, 60], (2,))
