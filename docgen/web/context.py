"""Request state of the web app: the app's shared ``State``, the request's database
session (one transaction per request: committed in ``commit_db``, closed at teardown)
and regulation snapshot; render input and names.

Rendering and the archive of outputs: ``docgen.web.archiving``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import current_app, g
from sqlalchemy.orm import Session

from docgen.config import Settings
from docgen.domain.regulation import Regulation
from docgen.pipeline import Pipeline
from docgen.storage import Database, Document
from docgen.web.previews import PreviewCache
from docgen.web.versioning import RegulationCache


@dataclass
class State:
    settings: Settings
    database: Database
    pipeline: Pipeline
    previews: PreviewCache = field(default_factory=PreviewCache)
    regulations: RegulationCache = field(default_factory=RegulationCache)

    @property
    def archive_dir(self) -> Path:
        return self.settings.data_dir / "archive"

    @property
    def upload_dir(self) -> Path:
        return self.settings.data_dir / "uploads"


def state() -> State:
    return current_app.extensions["docgen"]


def db() -> Session:
    """The request's session (closed, uncommitted work rolled back, at teardown)."""
    if "db_session" not in g:
        g.db_session = state().database.sessions()
    return g.db_session


def regulation() -> Regulation:
    """The request's regulation snapshot: the data set versions approved when it first
    asked (the same value for the whole request, whatever is approved meanwhile)."""
    if "regulation" not in g:
        g.regulation = state().regulations.current(db())
    return g.regulation


def commit_db(response: Any) -> Any:
    """One transaction per request: what the request wrote is committed before the
    response leaves (a failed commit is an error response, never a false success).
    A request that failed was rolled back by ``docgen.web.errors`` before this runs."""
    session = g.get("db_session")
    if session is not None:
        session.commit()
    return response


def close_db(_exc: BaseException | None = None) -> None:
    """Teardown: whatever was not committed is rolled back with the session's close."""
    session = g.pop("db_session", None)
    if session is not None:
        session.close()


# -- rendering -------------------------------------------------------------------------
def render_input(document: Document) -> dict[str, Any]:
    """The document's data as the pipeline takes it (uploaded files resolved)."""
    from docgen.web.uploads import resolve_files

    return resolve_files(document.data, document.unit_id)


def file_stem(document: Document) -> str:
    unit = document.unit.singkatan or document.unit.nama if document.unit else "kabupaten"
    safe = "".join(c if c.isalnum() else "-" for c in unit).strip("-").lower()
    status = "" if document.is_final else "-draf"
    return f"{document.type_name}-{safe}-{document.id}-v{document.version}{status}"


DESCRIBE_FIELDS = ("nomor", "nama_kbk", "judul", "periode", "bulan", "tahun", "tanggal")


def describe(data: dict[str, Any]) -> str:
    """A short title for lists: the first identifying field that is filled in."""
    for key in DESCRIBE_FIELDS:
        value = data.get(key)
        if isinstance(value, str | int) and str(value).strip():
            return f"{key.replace('_', ' ').capitalize()}: {value}"
    return ""
