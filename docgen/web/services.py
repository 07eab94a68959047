"""What the views share: the request's database session, rendering, archive, watermark."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import current_app, g
from sqlalchemy.orm import Session

from docgen.config import Settings
from docgen.pipeline import Pipeline
from docgen.registry import REGISTRY
from docgen.storage import Database, Document, repo
from docgen.web import watermark


@dataclass
class State:
    settings: Settings
    database: Database
    pipeline: Pipeline

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


def close_db(_exc: BaseException | None = None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()


# -- rendering -------------------------------------------------------------------------
def render_input(document: Document) -> dict[str, Any]:
    """The document's data as the pipeline takes it (uploaded files resolved)."""
    from docgen.web.uploads import resolve_files

    return resolve_files(document.data, document.unit_id)


def render_docx(document: Document) -> bytes:
    """A final document's archived DOCX, or a draft rendered now (raises InputError)."""
    if document.is_final and document.archive_path:
        path = state().archive_dir / document.archive_path
        if path.exists():
            return path.read_bytes()
    return state().pipeline.render_docx(document.type_name, render_input(document)).docx


def render_pdf(document: Document) -> bytes:
    """PDF of a document; a draft's carries the diagonal DRAF watermark."""
    if document.is_final and document.archive_path:
        cached = state().archive_dir / (Path(document.archive_path).stem + ".pdf")
        if cached.exists():
            return cached.read_bytes()
        pdf = state().pipeline.to_pdf(render_docx(document))
        cached.write_bytes(pdf)
        return pdf
    return watermark.stamp(state().pipeline.to_pdf(render_docx(document)))


def finalize(document: Document) -> None:
    """Validate, render and archive the DOCX, then mark the document final."""
    REGISTRY.get(document.type_name).parse(render_input(document))
    rendered = state().pipeline.render_docx(document.type_name, render_input(document))
    name = f"{document.id}-v{document.version}-{hashlib.sha256(rendered.docx).hexdigest()[:12]}"
    state().archive_dir.mkdir(parents=True, exist_ok=True)
    (state().archive_dir / f"{name}.docx").write_bytes(rendered.docx)
    repo.mark_final(document, f"{name}.docx", rendered.template_sha256)


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
