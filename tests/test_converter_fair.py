"""The fair scheduler in front of the converter: round robin across users, bounded queues,
a time budget for waiting, Retry-After.

The scheduling is tested on an inner converter that a test lets finish (the scheduler's
logic, not LibreOffice); tests/web/test_converter_fairness.py floods the real API with
the real LibreOffice behind it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from docgen.config import Settings
from docgen.convert import ConversionError
from docgen.convert.fair import UNKEYED, FairConverter, as_requester, current_requester
from docgen.errors import Busy, Unavailable


class Gated:
    """A converter whose conversions wait until the test lets them finish (all, or one
    job by its DOCX bytes); it records which jobs it converted, in order."""

    def __init__(self) -> None:
        self.done: list[bytes] = []
        self.running = 0
        self.most_at_once = 0
        self._released: set[bytes] = set()
        self._all = False
        self._changed = threading.Condition()

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def release(self, job: bytes | None = None) -> None:
        with self._changed:
            if job is None:
                self._all = True
            else:
                self._released.add(job)
            self._changed.notify_all()

    def convert(self, docx: bytes) -> bytes:
        with self._changed:
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
            try:
                if not self._changed.wait_for(lambda: self._all or docx in self._released, 10):
                    raise AssertionError("the test never let the job finish")
            finally:
                self.running -= 1
            if docx == b"boom":
                raise RuntimeError("LibreOffice crashed")
            self.done.append(docx)
            return b"%PDF " + docx


def fair(*inner, per_requester: int = 3, queue_max: int = 30,
         wait_seconds: float = 10.0) -> FairConverter:
    return FairConverter(inner or [Gated()], per_requester=per_requester,
                         queue_max=queue_max, wait_seconds=wait_seconds)


class Jobs:
    """Conversions submitted from threads, each as a requester; their results/errors."""

    def __init__(self, scheduler: FairConverter):
        self.scheduler = scheduler
        self.results: dict[bytes, bytes | Exception] = {}
        self.threads: list[threading.Thread] = []

    def submit(self, key: str | None, job: bytes, queued: int | None = None) -> None:
        def run() -> None:
            with as_requester(key):
                try:
                    self.results[job] = self.scheduler.convert(job)
                except Exception as exc:  # noqa: BLE001 (the test inspects it)
                    self.results[job] = exc

        thread = threading.Thread(target=run)
        thread.start()
        self.threads.append(thread)
        if queued is not None:  # wait until the job is in the queue (or done)
            wait_for(lambda: self.scheduler.waiting() >= queued or job in self.results)

    def join(self) -> None:
        for thread in self.threads:
            thread.join(15)


def wait_for(condition: Callable[[], bool], seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.01)


def test_a_user_arriving_behind_a_flood_goes_next():
    scheduler = fair()
    inner = scheduler.converters[0]
    jobs = Jobs(scheduler)
    jobs.submit("user:A", b"A1")
    wait_for(lambda: inner.running == 1)
    for n, job in enumerate((b"A2", b"A3", b"A4"), start=1):
        jobs.submit("user:A", job, queued=n)
    jobs.submit("user:B", b"B1", queued=4)
    jobs.submit("user:C", b"C1", queued=5)
    jobs.submit("user:B", b"B2", queued=6)
    inner.release()
    jobs.join()
    # A's running job, then each user in turn: B, C, A, B, then A's remaining jobs
    assert inner.done == [b"A1", b"B1", b"C1", b"A2", b"B2", b"A3", b"A4"]
    assert all(jobs.results[job] == b"%PDF " + job for job in inner.done)


def test_a_users_fourth_waiting_job_is_refused_with_429_and_retry_after():
    scheduler = fair(per_requester=3)
    inner = scheduler.converters[0]
    jobs = Jobs(scheduler)
    jobs.submit("user:A", b"A1")
    wait_for(lambda: inner.running == 1)
    for n, job in enumerate((b"A2", b"A3", b"A4"), start=1):
        jobs.submit("user:A", job, queued=n)
    with as_requester("user:A"), pytest.raises(Busy) as refused:
        scheduler.convert(b"A5")
    assert refused.value.status == 429
    assert refused.value.message.startswith("Terlalu banyak permintaan PDF sedang menunggu")
    assert int(refused.value.headers["Retry-After"]) >= 1
    assert isinstance(refused.value, ConversionError)  # "no PDF now" wherever that is handled
    jobs.submit("user:B", b"B1", queued=4)  # another user still gets in
    inner.release()
    jobs.join()
    assert b"A5" not in inner.done and len(inner.done) == 5
    assert scheduler.waiting() == 0


def test_a_request_let_in_is_not_refused_its_next_conversion():
    """A request's second conversion (a signature page moved, the next PDF of a ZIP)
    waits its turn even when the user's queue is full by then."""
    scheduler = fair(per_requester=1)
    inner = scheduler.converters[0]
    jobs = Jobs(scheduler)

    def request_with_two_conversions() -> None:
        with as_requester("user:A"):
            jobs.results[b"A1"] = scheduler.convert(b"A1")
            try:
                jobs.results[b"A1b"] = scheduler.convert(b"A1b")
            except Exception as exc:  # noqa: BLE001 (the test inspects it)
                jobs.results[b"A1b"] = exc

    first = threading.Thread(target=request_with_two_conversions)
    first.start()
    wait_for(lambda: inner.running == 1)
    jobs.submit("user:C", b"C1", queued=1)
    jobs.submit("user:A", b"A2", queued=2)  # A's queue is full now
    inner.release(b"A1")  # C goes next; A's request asks for its second conversion
    wait_for(lambda: scheduler.waiting("user:A") == 2)
    inner.release()
    first.join(10)
    jobs.join()
    assert jobs.results[b"A1b"] == b"%PDF A1b"
    assert inner.done == [b"A1", b"C1", b"A2", b"A1b"]


def test_the_whole_queue_is_bounded_with_503():
    scheduler = fair(per_requester=3, queue_max=2)
    inner = scheduler.converters[0]
    jobs = Jobs(scheduler)
    jobs.submit("user:A", b"A1")
    wait_for(lambda: inner.running == 1)
    jobs.submit("user:B", b"B1", queued=1)
    jobs.submit("user:C", b"C1", queued=2)
    with as_requester("user:D"), pytest.raises(Unavailable) as refused:
        scheduler.convert(b"D1")
    assert refused.value.status == 503 and "Retry-After" in refused.value.headers
    inner.release()
    jobs.join()
    assert inner.done == [b"A1", b"B1", b"C1"]


def test_a_job_waiting_past_its_time_budget_gets_503_and_leaves_the_queue():
    scheduler = fair(wait_seconds=0.3)
    inner = scheduler.converters[0]
    jobs = Jobs(scheduler)
    jobs.submit("user:A", b"A1")
    wait_for(lambda: inner.running == 1)
    started = time.monotonic()
    with as_requester("user:B"), pytest.raises(Unavailable) as late:
        scheduler.convert(b"B1")
    assert 0.3 <= time.monotonic() - started < 2
    assert late.value.status == 503 and "antrean konversi" in late.value.message
    assert int(late.value.headers["Retry-After"]) >= 1
    assert scheduler.waiting() == 0
    inner.release()
    jobs.join()
    assert inner.done == [b"A1"]
    with as_requester("user:B"):  # the converter is free again
        assert scheduler.convert(b"B2") == b"%PDF B2"


def test_a_failed_conversion_frees_the_converter_for_the_next_job():
    scheduler = fair()
    inner = scheduler.converters[0]
    jobs = Jobs(scheduler)
    jobs.submit("user:A", b"boom")
    wait_for(lambda: inner.running == 1)
    jobs.submit("user:B", b"B1", queued=1)
    inner.release()
    jobs.join()
    assert isinstance(jobs.results[b"boom"], RuntimeError)
    assert jobs.results[b"B1"] == b"%PDF B1"


def test_jobs_are_dispatched_to_every_converter_of_a_pool():
    scheduler = fair(Gated(), Gated())
    jobs = Jobs(scheduler)
    for job in (b"A1", b"B1", b"C1"):
        jobs.submit(f"user:{job[:1].decode()}", job)
    wait_for(lambda: sum(c.running for c in scheduler.converters) == 2)
    wait_for(lambda: scheduler.waiting() == 1)
    for converter in scheduler.converters:
        converter.release()
    jobs.join()
    assert sorted(jobs.results) == [b"A1", b"B1", b"C1"]
    assert all(c.most_at_once == 1 for c in scheduler.converters)


def test_the_requester_is_per_context_and_unkeyed_work_shares_one_key():
    assert current_requester() == UNKEYED
    with as_requester("user:7"):
        assert current_requester() == "user:7"
        with as_requester(lambda: "unit:3"):
            assert current_requester() == "unit:3"
        seen: list[str] = []
        thread = threading.Thread(target=lambda: seen.append(current_requester()))
        thread.start()
        thread.join()
        assert seen == [UNKEYED]  # another thread (another request) is not user 7
        assert current_requester() == "user:7"
    assert current_requester() == UNKEYED


def test_settings_bound_the_queues(tmp_path):
    settings = Settings.from_env({"DOCGEN_CONVERTER_QUEUE_PER_USER": "2",
                                  "DOCGEN_CONVERTER_QUEUE_MAX": "9",
                                  "DOCGEN_CONVERTER_WAIT_SECONDS": "12.5"}, data_dir=tmp_path)
    scheduler = FairConverter.for_settings(settings, [Gated()])
    assert (scheduler.per_requester, scheduler.queue_max, scheduler.wait_seconds) == (2, 9, 12.5)
    from docgen.config import SettingsError

    with pytest.raises(SettingsError, match="DOCGEN_CONVERTER_QUEUE_PER_USER"):
        Settings.from_env({"DOCGEN_CONVERTER_QUEUE_PER_USER": "0"})
    with pytest.raises(SettingsError, match="DOCGEN_CONVERTER_WAIT_SECONDS"):
        Settings.from_env({"DOCGEN_CONVERTER_WAIT_SECONDS": "lama"})
