"""Prefill of a new keputusan-penghargaan from the year's recap (``documents.rekap``).

The year is ``?tahun=`` else the current one (the Gelar is held for the year just
evaluated). Only final documents count: a Keputusan must rest on final Scored Cards and
final monev. The KBKs are the units that may enter the Gelar (``Rekap.gelar_units``: a
final Scored Card of category A or B), highest total first, ranked 1..n; the user keeps
the winners the Gelar's assessment chose. The agents are the best three with a final monev
rencana tindak (``Rekap.ranked_agen``). Imported by ``services`` (which registers it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from docgen.accounts.access import Actor, Role
from docgen.documents.prefill import KABUPATEN, Context, prefiller
from docgen.documents.rekap import Rekap, rekap
from docgen.domain.regulation import Regulation

TYPE_NAME = "keputusan-penghargaan"
AGEN_TERBAIK = 3  # the agents proposed: the best three


def ranking_for(actor: Actor, session: Session, regulation: Regulation
                ) -> Callable[[int], Rekap] | None:
    """The recap of a year for the Kabupaten's admin (who drafts the Keputusan), else None."""
    if actor.role != Role.ADMIN_KABUPATEN:
        return None

    def ranking(tahun: int) -> Rekap:
        return rekap(actor, session, regulation, tahun)

    return ranking


@prefiller(TYPE_NAME)
def winners(ctx: Context) -> dict[str, Any]:
    if ctx.ranking is None:
        return {}
    raw = ctx.params.get("tahun")
    recap: Rekap = ctx.ranking(int(raw) if raw and raw.isdigit() else dt.date.today().year)
    kbk = [{"peringkat": rank, "unit_kerja": f"{unit.nama} {KABUPATEN}",
            "nilai": float(unit.scored_card.total)}
           for rank, unit in enumerate(recap.gelar_units(), start=1) if unit.scored_card]
    final = [a for a in recap.ranked_agen() if a.status == "final"][:AGEN_TERBAIK]
    agen = [{"peringkat": rank, "nama": a.capaian.nama, "nip": a.capaian.nip,
             "jabatan": a.capaian.jabatan, "unit_kerja": f"{a.unit_nama} {KABUPATEN}",
             "capaian": float(a.capaian.rata_rata or 0)}
            for rank, a in enumerate(final, start=1)]
    return {"pemenang_kbk": kbk, "agen_perubahan_terbaik": agen}
