"""The steps of a job, run by a worker thread of the queue (``docgen.jobs.queue``).

A worker claims the job (``claimed_by``: its process), then produces each document's
output as a part file ``jobs/<id>/parts/<doc-id>.<fmt>`` (written atomically, skipped
when present: a resumed job goes on where it stopped, and no document is produced
twice), updating ``done`` after each one; a document that cannot be rendered gets a
``.skip`` part with the reason, listed in the ZIP's TIDAK-DISERTAKAN.txt as the
synchronous ZIP does. Each step is its own transaction on its own session. A refusal or
an input that is gone fails the job with an Indonesian ``message``.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import io
import logging
import threading
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from docgen.accounts.access import Actor
from docgen.accounts.emblems import stored_emblems
from docgen.config import Settings
from docgen.convert import ConversionError
from docgen.convert.fair import as_requester
from docgen.documents import rekap_pdf
from docgen.documents.names import file_stem
from docgen.documents.previews import PreviewCache
from docgen.documents.services import FORMATS, DocumentService
from docgen.domain.errors import InputError
from docgen.domain.program_laporan import penandatangan
from docgen.errors import Forbidden, NotFound
from docgen.fileio import write_atomic
from docgen.jobs.model import Job, JobStatus
from docgen.jobs.service import job_dir
from docgen.pipeline import Pipeline
from docgen.render import TemplateRenderError
from docgen.review.catalog import RegulationCache
from docgen.storage import Database, User
from docgen.storage.models import utcnow

log = logging.getLogger(__name__)
ZIP_NAME = "dokumen-budaya-kerja.zip"
SKIPPED = "TIDAK-DISERTAKAN.txt"
INTERNAL = ("Pekerjaan gagal karena kesalahan sistem; coba lagi atau hubungi admin "
            "kabupaten.")
GONE = "Akun pemilik pekerjaan ini tidak aktif lagi: pekerjaan dihentikan."


class Stopped(Exception):
    """The worker stops between documents (the app is shutting down, or the claim was
    taken over): the job stays claimed and is resumed at the next start."""


class Failed(Exception):
    """The job cannot be done: its ``message`` is shown to the user."""


@dataclass
class Context:
    """What a worker needs, built once per process from the app's settings."""

    settings: Settings
    database: Database
    pipeline: Pipeline
    token: str  # this process's claim: host:pid:random
    stopping: threading.Event = field(default_factory=threading.Event)
    regulations: RegulationCache = field(default_factory=RegulationCache)
    previews: PreviewCache = field(default_factory=PreviewCache)
    after_part: Callable[[str, int], None] | None = None  # hook: (job id, done)


def run(ctx: Context, job_id: str) -> None:
    """Do the job unless another worker has it or it is finished."""
    job = _claim(ctx, job_id)
    if job is None:
        return
    steps = {"zip": _zip, "rekap-pdf": _rekap}[job.kind]
    try:
        with as_requester(f"user:{job.owner_id}"):
            steps(ctx, job)
    except Stopped:
        log.info("job %s stopped at %s; resumed at the next start", job_id, job.done)
    except Failed as exc:
        _finish(ctx, job_id, JobStatus.FAILED, message=str(exc))
    except Exception:
        log.exception("job %s failed", job_id)
        _finish(ctx, job_id, JobStatus.FAILED, message=INTERNAL)


def _claim(ctx: Context, job_id: str) -> Job | None:
    with ctx.database.session() as session:
        claimed = session.execute(
            update(Job).where(Job.id == job_id, Job.claimed_by.is_(None),
                              Job.status.in_((JobStatus.QUEUED, JobStatus.RUNNING)))
            .values(claimed_by=ctx.token, status=JobStatus.RUNNING, updated_at=utcnow()))
        job = session.get(Job, job_id) if claimed.rowcount else None  # type: ignore[attr-defined]
        if job is not None:
            session.expunge(job)
        return job


def _progress(session: Session, ctx: Context, job_id: str, **values: Any) -> None:
    """Record progress while the claim is still this process's (else ``Stopped``)."""
    changed = session.execute(update(Job).where(Job.id == job_id, Job.claimed_by == ctx.token)
                              .values(updated_at=utcnow(), **values))
    if not changed.rowcount:  # type: ignore[attr-defined]
        raise Stopped(job_id)


def _finish(ctx: Context, job_id: str, status: JobStatus, **values: Any) -> None:
    with ctx.database.session() as session:
        session.execute(update(Job).where(Job.id == job_id, Job.claimed_by == ctx.token)
                        .values(status=status, claimed_by=None, updated_at=utcnow(),
                                **values))


@contextmanager
def _services(ctx: Context, owner_id: int) -> Iterator[tuple[Session, Actor, DocumentService]]:
    """A session (committed at the end of the step), the owner as an ``Actor`` with the
    role they have now, and the documents service on the approved regulation."""
    with ctx.database.session() as session:
        user = session.get(User, owner_id)
        if user is None or not user.active:
            raise Failed(GONE)
        service = DocumentService(session, ctx.pipeline, ctx.settings,
                                  ctx.regulations.current(session), stored_emblems(session),
                                  ctx.previews)
        yield session, Actor.of(user), service


def _step_done(ctx: Context, job: Job, done: int) -> None:
    if ctx.after_part is not None:
        ctx.after_part(job.id, done)
    if ctx.stopping.is_set():
        raise Stopped(job.id)


# -- zip ---------------------------------------------------------------------------------
def _zip(ctx: Context, job: Job) -> None:
    """The missing parts made by twice as many threads as the pool has converters (each
    in the job's requester context: while one thread's document is in LibreOffice, the
    other renders, checks and stamps the next, so the converters are never idle),
    progress recorded as each one is written."""
    parts = job_dir(ctx.settings.data_dir, job.id) / "parts"
    suffixes = FORMATS.get(job.params["format"], ("docx",))
    ids: list[int] = job.params["ids"]
    _step_done(ctx, job, job.done)
    missing = [i for i in ids if not _present(parts, i, suffixes)]
    done = len(ids) - len(missing)
    with ThreadPoolExecutor(max_workers=2 * max(1, ctx.settings.converters),
                            thread_name_prefix=f"docgen-job-{job.id[:8]}") as pool:
        futures: list[Future[None]] = [
            pool.submit(contextvars.copy_context().run, _zip_part, ctx, job, doc_id, parts,
                        suffixes) for doc_id in missing]
        try:
            for future in as_completed(futures):
                future.result()
                done += 1
                with ctx.database.session() as session:
                    _progress(session, ctx, job.id, done=done)
                _step_done(ctx, job, done)
        except BaseException:
            for future in futures:  # parts already being made are finished and kept
                future.cancel()
            raise
    with _services(ctx, job.owner_id) as (_, actor, service):
        stems = {i: file_stem(_readable(service, actor, i)) for i in ids}
    target = job_dir(ctx.settings.data_dir, job.id) / ZIP_NAME
    write_atomic(target, _bundle(parts, ids, suffixes, stems))
    _finish(ctx, job.id, JobStatus.DONE, done=len(ids),
            result=str(target.relative_to(ctx.settings.data_dir)))


def _present(parts: Path, doc_id: int, suffixes: tuple[str, ...]) -> bool:
    return (parts / f"{doc_id}.skip").is_file() or all(
        (parts / f"{doc_id}.{s}").is_file() for s in suffixes)


def _readable(service: DocumentService, actor: Actor, doc_id: int) -> Any:
    try:
        return service.get(actor, doc_id)
    except (NotFound, Forbidden):
        raise Failed(f"Dokumen nomor {doc_id} tidak ada lagi atau tidak dapat Anda buka: "
                     "pekerjaan dihentikan.") from None


def _zip_part(ctx: Context, job: Job, doc_id: int, parts: Path,
              suffixes: tuple[str, ...]) -> None:
    """One document's outputs as part files (or its ``.skip`` with the reason)."""
    with _services(ctx, job.owner_id) as (session, actor, service):
        document = _readable(service, actor, doc_id)
        outputs, reason = {}, None
        try:
            for suffix in suffixes:
                outputs[suffix] = service.render(actor, doc_id, suffix, "zip")
                session.commit()  # the archive entry; no write lock held while converting
        except InputError as exc:
            reason = f"{file_stem(document)}: {service.explain(document, exc)}"
        except (ConversionError, TemplateRenderError) as exc:
            reason = f"{file_stem(document)}: {exc}"
    if reason is not None:
        write_atomic(parts / f"{doc_id}.skip", reason.encode("utf-8"))
        return
    for suffix, data in outputs.items():
        write_atomic(parts / f"{doc_id}.{suffix}", data)


def _bundle(parts: Path, ids: list[int], suffixes: tuple[str, ...],
            stems: dict[int, str]) -> bytes:
    """The ZIP the synchronous download gives: ``<stem>.<fmt>`` per document and the
    reasons for those left out."""
    out, skipped = io.BytesIO(), []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
        for doc_id in ids:
            skip = parts / f"{doc_id}.skip"
            if skip.is_file():
                skipped.append(skip.read_text(encoding="utf-8"))
                continue
            for suffix in suffixes:
                bundle.write(parts / f"{doc_id}.{suffix}", f"{stems[doc_id]}.{suffix}")
        if skipped:
            bundle.writestr(SKIPPED, "Dokumen berikut belum dapat dibuat:\n"
                            + "\n".join(skipped) + "\n")
    return out.getvalue()


# -- the printed recap --------------------------------------------------------------------
def _rekap(ctx: Context, job: Job) -> None:
    params = job.params
    folder = job_dir(ctx.settings.data_dir, job.id)
    part = folder / "parts" / "rekap.pdf"
    if not part.is_file():
        with _services(ctx, job.owner_id) as (session, actor, _):
            try:
                pdf = rekap_pdf.render_recap(
                    actor, session, ctx.regulations.current(session), ctx.pipeline,
                    int(params["tahun"]), params.get("jenis") or None,
                    penandatangan(params["penandatangan"]),
                    dt.date.fromisoformat(params["tanggal"])).pdf
            except (Forbidden, NotFound) as exc:
                raise Failed(str(exc)) from None
            except InputError as exc:
                raise Failed("; ".join(e.message for e in exc.errors)) from None
            except (ConversionError, TemplateRenderError) as exc:
                raise Failed(f"PDF rekapitulasi tidak dapat dibuat: {exc}") from None
        write_atomic(part, pdf)
    with ctx.database.session() as session:
        _progress(session, ctx, job.id, done=1)
    target = folder / f"rekap-program-budaya-kerja-{params['tahun']}.pdf"
    write_atomic(target, part.read_bytes())
    _finish(ctx, job.id, JobStatus.DONE, result=str(target.relative_to(ctx.settings.data_dir)))
