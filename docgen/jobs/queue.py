"""The job queue: Huey, embedded or on Redis, and its consumer inside the app process.

- ``DOCGEN_JOBS_URL`` unset: ``SqliteHuey`` in ``<data_dir>/jobs/huey.sqlite`` (one
  machine; every worker process of the app shares the file). Set to ``redis://...``:
  ``RedisHuey`` (several processes or machines sharing one Redis and one database).
- ``Runner.start()`` (``docgen serve``, each gunicorn worker) first recovers the jobs a
  dead process left behind, then starts ``THREADS`` consumer threads and a keeper
  thread: every few seconds it renews the lease of this process's jobs and takes over
  the jobs of dead processes or run-out leases (``docgen.jobs.recovery``), and hourly
  deletes the files of old jobs. ``stop()`` lets the running jobs stop between two
  documents, joins the threads and queues those jobs again (another process sharing the
  queue goes on with them at once). A second copy of a job in the queue does nothing:
  a worker only takes a job nobody has claimed.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import threading
import time
from typing import Any

from huey import Huey, RedisHuey, SqliteHuey
from huey.consumer import Consumer

from docgen.config import Settings, SettingsError
from docgen.jobs import recovery, work
from docgen.pipeline import Pipeline
from docgen.storage import Database

log = logging.getLogger(__name__)
TASK = "docgen.jobs.run"
THREADS = 2  # jobs at once per process; their PDFs share the converter pool
CLEAN_EVERY = 3600.0  # seconds between two clean-ups of old jobs' files


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
        claim = recovery.new_claim(secrets.token_hex(4))
        self.context = work.Context(settings, database, pipeline, claim)
        self._huey: Huey | None = None
        self._task: Any = None
        self.consumer: Consumer | None = None
        self._keeper: threading.Thread | None = None
        self._cleaned = 0.0

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

    @property
    def lease(self) -> dt.timedelta:
        return dt.timedelta(seconds=self.context.settings.job_lease_seconds)

    def start(self) -> None:
        recovery.LIVE.add(self.context.token)
        try:
            pending = self.pending()
        except Exception as exc:  # the queue's Redis (or file) cannot be reached
            recovery.LIVE.discard(self.context.token)
            raise SettingsError(
                f"DOCGEN_JOBS_URL: antrean pekerjaan {self.context.settings.jobs_url or ''} "
                f"tidak dapat dihubungi ({exc}); jalankan Redis itu, atau kosongkan "
                "DOCGEN_JOBS_URL untuk antrean SQLite satu mesin") from exc
        for job_id in recovery.recover(self.context.database, self.lease, pending):
            self.enqueue(job_id)
        self.consumer = _Consumer(self.huey, workers=THREADS, worker_type="thread",
                                  periodic=False, max_delay=1.0)
        self.consumer.start()
        self._keeper = threading.Thread(target=self._keep, name="docgen-jobs-keeper",
                                        daemon=True)
        self._keeper.start()

    def stop(self) -> None:
        """Running jobs stop after their current document; once the threads are done
        their claims are released and the jobs queued again, for another process (or
        this one's next start) to go on with: a stop for a restart costs no resume."""
        self.context.stopping.set()
        if self._keeper is not None:
            self._keeper.join(timeout=30)
            self._keeper = None
        if self.consumer is not None:
            self.consumer.stop(graceful=True)
            self.consumer = None
            for job_id in recovery.release(self.context.database, self.context.token):
                self.enqueue(job_id)
        recovery.LIVE.discard(self.context.token)

    def _keep(self) -> None:
        """The keeper thread: ``tick`` every quarter lease (at most 5 s) until stopped."""
        interval = min(5.0, self.context.settings.job_lease_seconds / 4)
        while not self.context.stopping.wait(interval):
            try:
                self.tick()
            except Exception:  # a database hiccup must not end the keeper
                log.exception("job keeper")

    def tick(self) -> None:
        """Renew this process's leases, take over the jobs others left, clean up."""
        database = self.context.database
        recovery.heartbeat(database, self.context.token)
        for job_id in recovery.recover(database, self.lease):
            self.enqueue(job_id)
        if time.monotonic() - self._cleaned > CLEAN_EVERY:
            self._cleaned = time.monotonic()
            recovery.forget_old(database, self.context.settings.data_dir,
                                self.context.settings.job_retention_days)

    def pending(self) -> set[str]:
        """The ids of the jobs waiting in the queue."""
        return {str(task.args[0]) for task in self.huey.pending() if task.args}
