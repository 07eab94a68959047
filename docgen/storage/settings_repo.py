"""Image settings uploaded in the app (the emblems of the kop), newest row per key in use.

Earlier rows are kept: who uploaded which emblem when stays on record (with the audit
event). The checks of an upload live in ``docgen.web.emblems``; these functions only read
and write rows."""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from docgen.storage.models import SettingsImage

EMBLEM_KEYS = ("lambang_daerah", "lambang_negara")


def current_image(session: Session, key: str) -> SettingsImage | None:
    query = (select(SettingsImage).where(SettingsImage.key == key)
             .order_by(SettingsImage.id.desc()).limit(1))
    return session.scalar(query)


def current_images(session: Session, keys: tuple[str, ...] = EMBLEM_KEYS
                   ) -> dict[str, SettingsImage | None]:
    return {key: current_image(session, key) for key in keys}


def store_image(session: Session, key: str, content: bytes, content_type: str, width: int,
                height: int, uploaded_by: str, uploaded_by_id: int | None = None
                ) -> SettingsImage:
    row = SettingsImage(key=key, content=content, content_type=content_type,
                        sha256=hashlib.sha256(content).hexdigest(), width=width,
                        height=height, uploaded_by=uploaded_by,
                        uploaded_by_id=uploaded_by_id)
    session.add(row)
    session.flush()
    return row


def delete_images(session: Session, key: str) -> int:
    """Remove every stored version of ``key`` (the settings fallback applies again)."""
    rows = list(session.scalars(select(SettingsImage).where(SettingsImage.key == key)))
    for row in rows:
        session.delete(row)
    return len(rows)
