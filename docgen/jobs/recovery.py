"""Keeping jobs alive across processes and machines: claims, leases, recovery, clean-up.

A running job is claimed by one process (``Job.claimed_by`` = ``host:pid:token``) whose
runner refreshes ``updated_at`` of its claims every few seconds (``heartbeat``): that is
the claim's lease. Any runner, on any machine sharing the database, takes a job over
(``recover``) when

- its claim's process is gone (same machine: the pid is dead; this process: its runner
  stopped), found at once, or
- its lease ran out: nothing refreshed it for ``DOCGEN_JOB_LEASE_SECONDS`` (a machine
  that died, a process frozen or cut off from the database).

Taking over unclaims the job and queues it again (``resumed`` + 1), at most
``MAX_RESUMES`` times, then fails it with a message; a job whose owner or inputs are
gone is failed at once. The process that lost a claim notices at its next progress
write (``work.Stopped``) and stops. ``forget_old`` deletes the files of jobs finished
more than ``DOCGEN_JOB_RETENTION_DAYS`` ago; their rows stay, with a message.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import socket
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from docgen.jobs import work
from docgen.jobs.model import Job, JobStatus
from docgen.storage import Database, Document, User
from docgen.storage.models import utcnow

log = logging.getLogger(__name__)
MAX_RESUMES = 3  # a job that stopped its process this often is failed, not resumed again
LIVE: set[str] = set()  # the claims of the runners started, not yet stopped, in this process
GIVEN_UP = ("Pekerjaan terhenti {n} kali karena server dimulai ulang di tengah pekerjaan; "
            "pekerjaan dihentikan. Silakan ajukan lagi.")
INPUTS_GONE = ("Pekerjaan terhenti karena server dimulai ulang, dan dokumen yang dipilih "
               "sudah tidak ada lagi: pekerjaan tidak dapat dilanjutkan.")
FORGOTTEN = "Berkas hasil pekerjaan ini sudah dihapus (disimpan {days} hari); ajukan lagi."
UNFINISHED = (JobStatus.QUEUED, JobStatus.RUNNING)


def new_claim(token: str) -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{token}"


def heartbeat(database: Database, claim: str) -> None:
    """Renew the lease of every job ``claim`` runs."""
    with database.session() as session:
        session.execute(update(Job).where(Job.claimed_by == claim)
                        .values(updated_at=utcnow()))


def release(database: Database, claim: str) -> list[str]:
    """The jobs claimed by ``claim``, unclaimed and queued again (a clean stop)."""
    with database.session() as session:
        ids = list(session.scalars(select(Job.id).where(Job.claimed_by == claim)))
        session.execute(update(Job).where(Job.claimed_by == claim).values(
            claimed_by=None, status=JobStatus.QUEUED))
    return ids


def recover(database: Database, lease: dt.timedelta,
            pending: set[str] | None = None) -> list[str]:
    """The jobs to enqueue again: those whose claim is dead or whose lease ran out, and
    (given ``pending``, the ids in the queue) unclaimed ones missing from the queue."""
    again = []
    with database.session() as session:
        for job in session.scalars(select(Job).where(Job.status.in_(UNFINISHED))).all():
            if job.claimed_by is None:
                if pending is not None and job.id not in pending:
                    again.append(job.id)
            elif _left(job, lease) and _take_over(session, job):
                again.append(job.id)
    return again


def _left(job: Job, lease: dt.timedelta) -> bool:
    """Whether the process that claimed ``job`` is gone or silent past the lease."""
    assert job.claimed_by is not None
    return _dead(job.claimed_by) or job.updated_at < utcnow() - lease


def _take_over(session: Session, job: Job) -> bool:
    """Unclaim ``job`` (queued again, or failed with the reason); True when queued again
    by this call (another runner may have taken it over first)."""
    message = _why_not(session, job)
    values: dict[str, Any] = (
        {"status": JobStatus.FAILED, "message": message} if message else
        {"status": JobStatus.QUEUED, "resumed": job.resumed + 1})
    taken = session.execute(update(Job).where(
        Job.id == job.id, Job.claimed_by == job.claimed_by).values(
        claimed_by=None, updated_at=utcnow(), **values))
    if not taken.rowcount or message:  # type: ignore[attr-defined]
        return False
    log.warning("job %s resumed (left by %s)", job.id, job.claimed_by)
    return True


def _why_not(session: Session, job: Job) -> str:
    """Why a job left behind cannot be resumed ("" when it can)."""
    if job.resumed >= MAX_RESUMES:
        return GIVEN_UP.format(n=job.resumed + 1)
    owner = session.get(User, job.owner_id)
    if owner is None or not owner.active:
        return work.GONE
    if job.kind == "zip" and any(session.get(Document, i) is None for i in job.params["ids"]):
        return INPUTS_GONE
    return ""


def _dead(claim: str) -> bool:
    """Whether the process behind a claim is known to be gone (a claim of another
    machine: unknown here; its lease tells)."""
    host, _, rest = claim.partition(":")
    pid, _, _token = rest.partition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return claim not in LIVE
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def forget_old(database: Database, data_dir: Path, days: int) -> int:
    """Delete the folders of jobs finished more than ``days`` ago (and of jobs no longer
    in the database); a done job's page then says its file was deleted. How many."""
    folders = {path.name: path for path in (data_dir / "jobs").glob("*") if path.is_dir()}
    if not folders:
        return 0
    cutoff = utcnow() - dt.timedelta(days=days)
    with database.session() as session:
        jobs = {job.id: job for job in session.scalars(
            select(Job).where(Job.id.in_(list(folders))))}
        gone = [name for name in folders if name not in jobs
                or (jobs[name].finished and jobs[name].updated_at < cutoff)]
        for name in gone:
            shutil.rmtree(folders[name], ignore_errors=True)
            job = jobs.get(name)
            if job is not None and job.status == JobStatus.DONE:
                job.result, job.message = None, FORGOTTEN.format(days=days)
    return len(gone)
