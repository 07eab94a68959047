"""Conversions served fairly: one requester's many or long jobs cannot hold everyone up.

``FairConverter`` wraps the converter(s) that do the work behind the same ``Converter``
protocol (several: a pool, ``docgen.convert.pool``; a job goes to whichever is free).
A conversion runs at once when a converter is free; otherwise it waits in its
requester's queue and, whenever a converter frees, the waiting requester served least
recently goes next (round robin; one never served goes first). So while user A has three
jobs waiting and user B asks for one, B's job runs right after A's current one.

Bounds, from the settings:

- ``converter_queue_per_user``: jobs one requester may have waiting; one more is refused
  with ``ConverterBusy`` (HTTP 429, ``Retry-After``).
- ``converter_queue_max``: jobs waiting in all; one more is refused with
  ``ConverterUnavailable`` (503, ``Retry-After``).
- ``converter_wait_seconds``: the time budget for waiting; a job not started by then
  leaves the queue with ``ConverterUnavailable`` (503). A conversion itself is bounded
  by ``converter_timeout`` (the backend kills LibreOffice past it).

The bounds let requests in: a request's further conversions, once its first ran (a
signature page moved, the next PDF of a ZIP), wait their turn without being refused.

Both refusals are ``docgen.errors`` service errors (status, message, Retry-After) and
``ConversionError``s, so whatever carries on without a PDF carries on (a document page
without its preview, a ZIP listing what it lacks, a final refused for now).

The requester is set per request or command with ``as_requester("user:12")`` (a key, or
a function giving it when a job is queued); jobs without one share ``UNKEYED``. It is a
``ContextVar``, so each thread (each web request) has its own.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from docgen.config import Settings
from docgen.convert import ConversionError, Converter
from docgen.errors import Busy, Unavailable

Requester = str | Callable[[], str | None] | None
UNKEYED = "(tanpa pengguna)"  # the CLI, background work
REMEMBERED = 4096  # requesters whose last service is remembered (least recent dropped)
BUSY = "Terlalu banyak permintaan PDF sedang menunggu; coba lagi sebentar lagi."
FULL = "Layanan PDF sedang penuh; coba lagi sebentar lagi."
LATE = "PDF belum dapat dibuat: antrean konversi lebih dari {seconds:g} detik; coba lagi " \
       "sebentar lagi."


class ConverterBusy(Busy, ConversionError):
    """The requester has as many PDF jobs waiting as allowed (429)."""


class ConverterUnavailable(Unavailable, ConversionError):
    """The queue is full, or the job waited past its time budget (503)."""


@dataclass
class _Binding:
    """The requester of a block of work (a web request, a command)."""

    key: Requester
    admitted: bool = False  # a job of it ran: its next ones are no new request

    def resolve(self) -> str:
        return (self.key() if callable(self.key) else self.key) or UNKEYED


REQUESTER: ContextVar[_Binding | None] = ContextVar("docgen_requester", default=None)


@contextmanager
def as_requester(key: Requester) -> Iterator[None]:
    """Conversions in this block are queued as ``key``'s (e.g. "user:12", "unit:3"; or a
    function giving the key when a job is queued)."""
    token = REQUESTER.set(_Binding(key))
    try:
        yield
    finally:
        REQUESTER.reset(token)


def current_requester() -> str:
    binding = REQUESTER.get()
    return binding.resolve() if binding is not None else UNKEYED


@dataclass(eq=False)
class _Job:
    key: str
    seq: int
    converter: Converter | None = None
    granted: threading.Event = field(default_factory=threading.Event)


class FairConverter:
    """Round robin across requesters in front of one or more converters."""

    def __init__(self, converters: Sequence[Converter], *, per_requester: int,
                 queue_max: int, wait_seconds: float):
        if not converters:
            raise ValueError("FairConverter needs at least one converter")
        self.converters = tuple(converters)
        self.per_requester = per_requester
        self.queue_max = queue_max
        self.wait_seconds = wait_seconds
        self._idle = list(self.converters)
        self._waiting: dict[str, deque[_Job]] = {}
        self._last_served: OrderedDict[str, int] = OrderedDict()
        self._ticks = 0
        self._mean_seconds = 1.0  # running mean of a conversion, for Retry-After
        self._lock = threading.Lock()

    @classmethod
    def for_settings(cls, settings: Settings, converters: Sequence[Converter]
                     ) -> FairConverter:
        return cls(converters, per_requester=settings.converter_queue_per_user,
                   queue_max=settings.converter_queue_max,
                   wait_seconds=settings.converter_wait_seconds)

    # -- the Converter protocol ----------------------------------------------------------
    def start(self) -> None:
        """Start every converter, in parallel (``docgen.convert.pool.at_once``)."""
        from docgen.convert.pool import at_once

        at_once(self.converters, "start")

    def stop(self) -> None:
        from docgen.convert.pool import at_once

        at_once(self.converters, "stop")

    def __enter__(self) -> FairConverter:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def convert(self, docx: bytes, *, pdfa: bool = False) -> bytes:
        """Convert (``pdfa``: as PDF/A-2b) when it is this requester's turn. A block's
        first job is bounded by the requester's queue; its further ones (a re-paginated
        signature page, the next PDF of a ZIP) belong to a request already let in and are
        not refused for it."""
        binding = REQUESTER.get() or _Binding(None)
        converter = self._acquire(binding.resolve(), follow_up=binding.admitted)
        binding.admitted = True
        started = time.monotonic()
        try:
            # the keyword only when asked: a plain conversion calls convert(docx) as before
            return converter.convert(docx, pdfa=True) if pdfa else converter.convert(docx)
        finally:
            self._release(converter, time.monotonic() - started)

    # -- what is running and waiting -----------------------------------------------------
    def running(self) -> int:
        """Conversions running now."""
        with self._lock:
            return len(self.converters) - len(self._idle)

    def waiting(self, key: str | None = None) -> int:
        """Jobs waiting (of ``key``, or in all)."""
        with self._lock:
            return len(self._waiting.get(key, ())) if key is not None else self._waiting_count()

    def _waiting_count(self) -> int:
        """Jobs waiting in all (the caller holds the lock)."""
        return sum(len(jobs) for jobs in self._waiting.values())

    # -- scheduling ----------------------------------------------------------------------
    def _acquire(self, key: str, follow_up: bool) -> Converter:
        with self._lock:
            if self._idle:  # nobody waits while a converter is idle
                self._served(key)
                return self._idle.pop()
            job = self._enqueue(key, follow_up)
        if job.granted.wait(self.wait_seconds):
            assert job.converter is not None
            return job.converter
        with self._lock:
            if job.converter is not None:  # granted just as the budget ran out
                return job.converter
            self._withdraw(job)
            retry = self._retry_after()
        raise ConverterUnavailable(LATE.format(seconds=self.wait_seconds), retry)

    def _enqueue(self, key: str, follow_up: bool) -> _Job:
        """Queue a job; a new request's only within the bounds (a follow-up's always: at
        most one per request already let in, so the queue stays bounded)."""
        own = self._waiting.get(key, deque())
        if not follow_up and len(own) >= self.per_requester:
            raise ConverterBusy(BUSY, self._retry_after())
        if not follow_up and self._waiting_count() >= self.queue_max:
            raise ConverterUnavailable(FULL, self._retry_after())
        self._ticks += 1
        job = _Job(key, self._ticks)
        self._waiting.setdefault(key, own).append(job)
        return job

    def _withdraw(self, job: _Job) -> None:
        jobs = self._waiting[job.key]
        jobs.remove(job)
        if not jobs:
            del self._waiting[job.key]

    def _release(self, converter: Converter, seconds: float) -> None:
        with self._lock:
            self._mean_seconds += (seconds - self._mean_seconds) / 5
            self._idle.append(converter)
            while self._idle and self._waiting:
                job = self._next_job()
                job.converter = self._idle.pop()
                job.granted.set()

    def _next_job(self) -> _Job:
        """The oldest job of the waiting requester served least recently."""
        key = min(self._waiting, key=lambda k: (self._last_served.get(k, 0),
                                                self._waiting[k][0].seq))
        jobs = self._waiting[key]
        job = jobs.popleft()
        if not jobs:
            del self._waiting[key]
        self._served(key)
        return job

    def _served(self, key: str) -> None:
        self._ticks += 1
        self._last_served[key] = self._ticks
        self._last_served.move_to_end(key)
        if len(self._last_served) > REMEMBERED:
            self._last_served.popitem(last=False)

    def _retry_after(self) -> int:
        """Seconds until the queue as it stands has likely been worked off (at least 1)."""
        ahead = self._waiting_count() + 1
        return max(1, math.ceil(self._mean_seconds * ahead / len(self.converters)))
