"""The job queue: Huey, embedded or on Redis, and its consumer inside the app process.

- ``DOCGEN_JOBS_URL`` unset: ``SqliteHuey`` in ``<data_dir>/jobs/huey.sqlite`` (one
  machine; every worker process of the app shares the file). Set to ``redis://...``:
  ``RedisHuey`` (several machines; ``pip install 'docgen[redis]'``).
- ``Runner.start()`` (``docgen serve``, each gunicorn worker) first recovers the jobs a
  dead process left behind, then starts ``THREADS`` consumer threads; ``stop()`` lets
  the running jobs stop between two documents, joins the threads and queues those jobs
  again (another worker process sharing the queue goes on with them at once).
- Recovery: a job ``running`` under the claim of a process that is gone (same machine,
  its pid dead, or this process's stopped runner) is queued again, at most
  ``MAX_RESUMES`` times, then failed with a message; a ``queued`` job missing from the
  queue (a queue file lost) is enqueued again. A second copy of a job in the queue does
  nothing: a worker only takes a job nobody has claimed.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
from typing import Any

from huey import Huey, RedisHuey, SqliteHuey
from huey.consumer import Consumer
from sqlalchemy import select, update

from docgen.config import Settings
from docgen.jobs import work
from docgen.jobs.model import Job, JobStatus
from docgen.pipeline import Pipeline
from docgen.storage import Database, Document, User

log = logging.getLogger(__name__)
TASK = "docgen.jobs.run"
THREADS = 2  # jobs at once per process; their PDFs share the converter pool
MAX_RESUMES = 3  # a job that stopped the process this often is failed, not resumed again
LIVE: set[str] = set()  # the claims of the runners started, not yet stopped, in this process
GIVEN_UP = ("Pekerjaan terhenti {n} kali karena server dimulai ulang di tengah pekerjaan; "
            "pekerjaan dihentikan. Silakan ajukan lagi.")
INPUTS_GONE = ("Pekerjaan terhenti karena server dimulai ulang, dan dokumen yang dipilih "
               "sudah tidak ada lagi: pekerjaan tidak dapat dilanjutkan.")


def make_huey(settings: Settings) -> Huey:
    if settings.jobs_url:
        return RedisHuey("docgen", url=settings.jobs_url, results=False)
    folder = settings.data_dir / "jobs"
    folder.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("docgen", filename=str(folder / "huey.sqlite"), results=False)


class _Consumer(Consumer):
    def _set_signal_handlers(self) -> None:
        """The app's process keeps its own signal handlers (waitress, gunicorn)."""


class Runner:
    """The app's queue: ``enqueue`` from requests, ``start``/``stop`` with the server."""

    def __init__(self, settings: Settings, database: Database, pipeline: Pipeline):
        token = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
        self.context = work.Context(settings, database, pipeline, token)
        self._huey: Huey | None = None
        self._task: Any = None
        self.consumer: Consumer | None = None

    @property
    def huey(self) -> Huey:
        if self._huey is None:  # the queue file is made when first used
            self._huey = make_huey(self.context.settings)
            self._task = self._huey.task(name=TASK)(self._run)
        return self._huey

    def _run(self, job_id: str) -> None:
        work.run(self.context, job_id)

    def enqueue(self, job_id: str) -> None:
        if self.huey is not None:  # the task is registered with the queue
            self._task(job_id)

    def start(self) -> None:
        LIVE.add(self.context.token)
        for job_id in recover(self.context.database, self.pending()):
            self.enqueue(job_id)
        self.consumer = _Consumer(self.huey, workers=THREADS, worker_type="thread",
                                  periodic=False, max_delay=1.0)
        self.consumer.start()

    def stop(self) -> None:
        """Running jobs stop after their current document; once the threads are done
        their claims are released and the jobs queued again, for another process (or
        this one's next start) to go on with: a stop for a restart costs no resume."""
        self.context.stopping.set()
        if self.consumer is not None:
            self.consumer.stop(graceful=True)
            self.consumer = None
            for job_id in release(self.context.database, self.context.token):
                self.enqueue(job_id)
        LIVE.discard(self.context.token)

    def pending(self) -> set[str]:
        """The ids of the jobs waiting in the queue."""
        return {str(task.args[0]) for task in self.huey.pending() if task.args}


def release(database: Database, token: str) -> list[str]:
    """The jobs claimed by ``token``, unclaimed and queued again."""
    with database.session() as session:
        ids = list(session.scalars(select(Job.id).where(Job.claimed_by == token)))
        session.execute(update(Job).where(Job.claimed_by == token).values(
            claimed_by=None, status=JobStatus.QUEUED))
    return ids


def recover(database: Database, pending: set[str]) -> list[str]:
    """The jobs to enqueue again at start-up; those that cannot go on are failed."""
    again = []
    with database.session() as session:
        unfinished = session.scalars(select(Job).where(
            Job.status.in_((JobStatus.QUEUED, JobStatus.RUNNING)))).all()
        for job in unfinished:
            if job.claimed_by is None:
                if job.id not in pending:
                    again.append(job.id)
            elif _dead(job.claimed_by):
                message = _why_not(session, job)
                values: dict[str, Any] = (
                    {"status": JobStatus.FAILED, "message": message} if message else
                    {"status": JobStatus.QUEUED, "resumed": job.resumed + 1})
                taken = session.execute(update(Job).where(
                    Job.id == job.id, Job.claimed_by == job.claimed_by).values(
                    claimed_by=None, **values))
                if taken.rowcount and not message:  # type: ignore[attr-defined]
                    log.warning("job %s resumed (left by %s)", job.id, job.claimed_by)
                    again.append(job.id)
    return again


def _why_not(session: Any, job: Job) -> str:
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
    """Whether the process behind a claim is gone (a claim of another machine: unknown,
    left alone; see the README on several machines)."""
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
