"""The ``paraf_steps`` table (migration 0008), registered with ``docgen.storage.models.Base``
(imported at the end of ``docgen.storage.models``).

One row per step of a final document's paraf chain (``docgen.domain.paraf``), created
when the document is marked final: the step as the data described it then (tahap, peran,
jabatan: a later change of ``paraf.yaml`` does not change a running chain) and what was
recorded (status, who, when, the send-back note). User names are kept as text too: the
record outlives a renamed account.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from docgen.storage.models import Base, utcnow


class ParafStep(Base):
    __tablename__ = "paraf_steps"
    __table_args__ = (UniqueConstraint("document_id", "urutan"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    urutan: Mapped[int] = mapped_column(Integer)
    tahap: Mapped[str] = mapped_column(String(20))  # konseptor | pemeriksa | penandatangan
    peran: Mapped[str] = mapped_column(String(30))  # a role, or "penyusun" (the author)
    jabatan: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(15), default="menunggu")
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor: Mapped[str | None] = mapped_column(String(80))
    actor_nama: Mapped[str | None] = mapped_column(String(200))
    acted_at: Mapped[dt.datetime | None] = mapped_column()
    catatan: Mapped[str | None] = mapped_column(Text)
    # the draft version made when this step sent the document back
    new_document_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
