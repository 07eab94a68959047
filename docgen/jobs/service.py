"""Submitting and reading jobs: access is checked when a job is submitted (the same
rules as the synchronous ZIP and recap) and again by the worker for every document.

``submit`` adds the job and flushes; the caller commits and then enqueues it
(``Runner.enqueue``), so the worker always finds the row. ``get`` answers ``NotFound``
for a job that is not the actor's (unless the role reads everything), like documents.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from docgen.accounts.access import Actor, require_read, require_role
from docgen.accounts.units import JENIS
from docgen.documents.rekap import READERS, counted_ids, unit_types
from docgen.domain.errors import FieldError, InputError
from docgen.errors import NotFound
from docgen.jobs.model import Job, JobStatus
from docgen.registry import REGISTRY
from docgen.storage import repo

KINDS = {"zip": "ZIP dokumen", "rekap-pdf": "PDF rekapitulasi program",
         "jenis-dokumen": "ZIP satu jenis dokumen semua unit"}
FORMATS = ("docx", "pdf", "keduanya")
MAX_DOCUMENTS = 500  # documents in one ZIP job
RECENT = 30  # jobs on the list page
NOT_FOUND = "Pekerjaan yang diminta tidak ada, atau bukan milik Anda."
_ID = re.compile(r"[A-Za-z0-9_-]{8,32}")


def submit(actor: Actor, session: Session, kind: str, params: dict[str, Any]) -> Job:
    """A new queued job of ``kind`` for ``actor`` (``InputError`` for bad parameters,
    ``NotFound``/``Forbidden`` when the actor may not read an input)."""
    if kind == "jenis-dokumen":  # a ZIP of the documents the program recap counts
        batch = _type_batch(actor, session, params)
        params, total = _zip_params(actor, session, batch)
        kind, params = "zip", {**params, **{k: batch[k] for k in ("type", "tahun", "jenis")}}
    elif kind == "zip":
        params, total = _zip_params(actor, session, params)
    elif kind == "rekap-pdf":
        require_role(actor, *READERS)
        params, total = dict(params), 1
    else:
        raise InputError([FieldError("kind", f"jenis pekerjaan tidak dikenal: pilih "
                                             f"{' atau '.join(KINDS)}")])
    job = Job(id=secrets.token_urlsafe(12), kind=kind, owner_id=actor.id,
              unit_id=actor.owner_unit_id, params=params, status=JobStatus.QUEUED,
              done=0, total=total, message="", resumed=0)
    session.add(job)
    session.flush()
    return job


def _zip_params(actor: Actor, session: Session, params: dict[str, Any]
                ) -> tuple[dict[str, Any], int]:
    raw = params.get("ids")
    fmt = params.get("format", "docx")
    errors = []
    if not isinstance(raw, list) or not raw or not all(
            isinstance(i, int) and not isinstance(i, bool) for i in raw):
        errors.append(FieldError("ids", "ids: daftar nomor dokumen (minimal satu)"))
    elif len(raw) > MAX_DOCUMENTS:
        errors.append(FieldError("ids", f"ids: paling banyak {MAX_DOCUMENTS} dokumen"))
    if fmt not in FORMATS:
        errors.append(FieldError("format", f"format: pilih {', '.join(FORMATS)}"))
    if errors:
        raise InputError(errors)
    assert isinstance(raw, list)
    ids = list(dict.fromkeys(raw))  # each document once, in the order chosen
    for doc_id in ids:
        require_read(actor, repo.get_document(session, doc_id))
    return {"ids": ids, "format": fmt}, len(ids)


def _type_batch(actor: Actor, session: Session, params: dict[str, Any]) -> dict[str, Any]:
    """The ZIP parameters of "every unit's document of one type in one year"."""
    require_role(actor, *READERS)
    type_name, tahun, jenis = params.get("type"), params.get("tahun"), params.get("jenis")
    errors = []
    if type_name not in unit_types():
        errors.append(FieldError("type", "type: pilih salah satu jenis dokumen unit"))
    if not isinstance(tahun, int) or isinstance(tahun, bool) or not 2000 <= tahun <= 2100:
        errors.append(FieldError("tahun", "tahun: empat angka, mis. 2026"))
    if jenis and jenis not in JENIS:
        errors.append(FieldError("jenis", f"jenis unit tidak dikenal: pilih {', '.join(JENIS)}"))
    if errors:
        raise InputError(errors)
    ids = counted_ids(actor, session, int(str(tahun)), str(type_name), jenis or None)
    if not ids:
        raise InputError([FieldError("type", f"Belum ada unit yang memiliki dokumen "
                                             f"{REGISTRY.get(str(type_name)).title} "
                                             f"bertanggal tahun {tahun}.")])
    return {"ids": ids, "format": params.get("format", "pdf"), "type": type_name,
            "tahun": tahun, "jenis": jenis or None}


def get(actor: Actor, session: Session, job_id: str) -> Job:
    job = session.get(Job, job_id) if _ID.fullmatch(job_id) else None
    if job is None or (job.owner_id != actor.id and not actor.reads_all):
        raise NotFound(NOT_FOUND)
    return job


def recent(actor: Actor, session: Session, limit: int = RECENT) -> list[Job]:
    """The actor's own jobs, newest first."""
    query = (select(Job).where(Job.owner_id == actor.id)
             .order_by(Job.created_at.desc()).limit(limit))
    return list(session.scalars(query))


def job_dir(data_dir: Path, job_id: str) -> Path:
    return data_dir / "jobs" / job_id


def result_file(data_dir: Path, job: Job) -> Path:
    """The finished job's file (``NotFound`` before it is done or when it was removed)."""
    path = data_dir / job.result if job.status == JobStatus.DONE and job.result else None
    if path is None or not path.is_file():
        raise NotFound("Hasil pekerjaan ini belum tersedia.")
    return path


def describe(job: Job) -> str:
    """What the job makes, for its page and the list."""
    params = job.params
    if job.kind == "zip":
        fmt = {"keduanya": "DOCX dan PDF"}.get(params.get("format", ""),
                                               str(params.get("format", "")).upper())
        if params.get("type"):
            what = REGISTRY.get(params["type"]).title
            return f"ZIP {what} tahun {params.get('tahun')}: {job.total} unit ({fmt})"
        return f"ZIP {job.total} dokumen ({fmt})"
    return f"PDF rekapitulasi program tahun {params.get('tahun', '')}"
