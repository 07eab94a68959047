"""The recap's charts as ``Figure`` descriptions (drawn by ``docgen.render``), and the
averages they show. Only final scored cards count here: a chart reported to the Bupati
rests on final documents (the tables beside it show the drafts, marked).

- ``rata_nilai``: per core value, the mean subtotal over the units (out of the value's
  weight in Lampiran I);
- ``rata_jenis``: per unit kind, the mean scored-card total (out of 100), with the
  category boundaries of Pasal 16(1)a drawn as lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from docgen.documents.rekap import Rekap, ScoredCardResult
from docgen.domain import scored_card
from docgen.domain.figures import Figure, FigureKind
from docgen.domain.formatting import desimal, round_half_up
from docgen.domain.program import JENIS_LABEL
from docgen.domain.regulation import Regulation

WIDTH_MM = 250


@dataclass(frozen=True)
class Rata:
    label: str
    rata: Decimal  # two decimals
    maksimum: Decimal
    jumlah: int  # units averaged

    @property
    def teks(self) -> str:
        return desimal(self.rata, 2)


def final_cards(rekap: Rekap) -> list[tuple[str, ScoredCardResult]]:
    """(unit kind, scored card) of every unit whose counted scored card is final."""
    return [(u.jenis, u.scored_card) for u in rekap.units
            if u.scored_card is not None and u.scored_card.status == "final"]


def rata_nilai(rekap: Rekap, regulation: Regulation) -> list[Rata]:
    cards = [card for _jenis, card in final_cards(rekap)]
    if not cards:
        return []
    weights: dict[str, Decimal] = {}
    for sub in scored_card.sub_unsur_list(regulation):
        weights[sub.nilai] = weights.get(sub.nilai, Decimal(0)) + sub.bobot
    return [Rata(name, _mean([c.subtotal.get(name, Decimal(0)) for c in cards]),
                 weights.get(name, Decimal(0)), len(cards))
            for name in scored_card.nilai_names(regulation)]


def rata_jenis(rekap: Rekap) -> list[Rata]:
    by_kind: dict[str, list[Decimal]] = {}
    for jenis, card in final_cards(rekap):
        by_kind.setdefault(jenis, []).append(card.total)
    order = list(JENIS_LABEL)
    kinds = sorted(by_kind, key=lambda k: order.index(k) if k in order else len(order))
    return [Rata(f"{JENIS_LABEL.get(k, k)} ({len(by_kind[k])} unit)", _mean(by_kind[k]),
                 Decimal(100), len(by_kind[k])) for k in kinds]


def grafik_nilai(rekap: Rekap, regulation: Regulation) -> Figure | None:
    rows = rata_nilai(rekap, regulation)
    if not rows:
        return None
    top = max(r.maksimum for r in rows)
    return _bars(f"Rata-rata subtotal per nilai budaya kerja (scored card final, "
                 f"{rows[0].jumlah} unit)", rows, top, [], "nilai (maks. bobot nilai)")


def grafik_jenis(rekap: Rekap, regulation: Regulation) -> Figure | None:
    rows = rata_jenis(rekap)
    if not rows:
        return None
    lines = [[float(k.minimum), f"{k.kode} \u2265 {desimal(k.minimum, 0)}"]
             for k in scored_card.kategori_list(regulation) if k.minimum > 0]
    return _bars("Rata-rata nilai scored card per jenis unit (scored card final)",
                 rows, Decimal(100), lines, "nilai scored card (0\u2013100)")


def _bars(judul: str, rows: list[Rata], maksimum: Decimal, garis: list[list[object]],
          satuan: str) -> Figure:
    data = {"judul": judul, "label": [r.label for r in rows],
            "nilai": [float(r.rata) for r in rows], "teks": [r.teks for r in rows],
            "maksimum": float(maksimum), "garis": garis, "satuan": satuan}
    return Figure(FigureKind.GRAFIK_BATANG, data, WIDTH_MM)  # the height follows the bars


def _mean(values: list[Decimal]) -> Decimal:
    return round_half_up(sum(values, Decimal(0)) / len(values), 2)
