"""A pool of warm LibreOffice processes behind the fair scheduler, with the real
LibreOffice: two documents converted at the same time by two processes, a hung or killed
process replaced while the other serves, fairness across the pool, no LibreOffice left
after a stop or a ``kill -9``, ``docgen converter --count``, and the settings' messages.

Each backend is wrapped in ``Timed`` (it only notes when a conversion began and ended, who
asked, and which process did it): the conversions are LibreOffice's own."""

from __future__ import annotations

import contextlib
import copy
import io
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path

import docx
import pytest

from docgen.config import Settings, SettingsError
from docgen.convert import ConversionError, make_converter
from docgen.convert.fair import FairConverter, as_requester, current_requester
from docgen.convert.soffice import SofficeConverter
from docgen.convert.warm import UnoserverConverter
from docgen.pipeline import Pipeline
from docgen.registry import REGISTRY
from tests.conftest import pdf_text
from tests.test_converter import group_alive, processes_with
from tests.test_converter_fair import wait_for


@dataclass
class Span:
    backend: int
    requester: str
    label: str
    began: float
    ended: float = 0.0
    error: Exception | None = None


class Timed:
    """A converter of the pool, noting each conversion's span."""

    def __init__(self, inner: UnoserverConverter, index: int, spans: list[Span]):
        self.inner, self.index, self.spans = inner, index, spans

    def start(self) -> None:
        self.inner.start()

    def stop(self) -> None:
        self.inner.stop()

    def convert(self, docx_bytes: bytes) -> bytes:
        span = Span(self.index, current_requester(), LABELS.get(docx_bytes, "?"),
                    time.monotonic())
        self.spans.append(span)
        try:
            return self.inner.convert(docx_bytes)
        except Exception as exc:
            span.error = exc
            raise
        finally:
            span.ended = time.monotonic()


LABELS: dict[bytes, str] = {}  # DOCX -> a name for the test's spans


def sk_kbk(pipeline: Pipeline, member: str) -> bytes:
    data = copy.deepcopy(REGISTRY.get("sk-kbk").load_sample())
    data["susunan"][3]["nama"] = member
    docx_bytes = pipeline.render_docx("sk-kbk", data).docx
    LABELS[docx_bytes] = member
    return docx_bytes


def long_docx(label: str, paragraphs: int = 1500) -> bytes:
    """A plain DOCX of some 55 pages: seconds of LibreOffice work."""
    document = docx.Document()
    for n in range(paragraphs):
        document.add_paragraph(f"{label} {n}: " + "teks panjang pengisi halaman " * 14)
    out = io.BytesIO()
    document.save(out)
    LABELS[out.getvalue()] = label
    return out.getvalue()


@pytest.fixture(scope="module")
def pool_settings(tmp_path_factory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("pool"), converters=2,
                    converter_queue_per_user=10, converter_wait_seconds=120)


@pytest.fixture(scope="module")
def pool(pool_settings):
    """Two warm LibreOffice (``make_converter``'s) behind the fair scheduler, timed."""
    spans: list[Span] = []
    made = make_converter(pool_settings)
    assert isinstance(made, FairConverter)
    backends = [Timed(inner, index, spans) for index, inner in enumerate(made.converters)]
    scheduler = FairConverter.for_settings(pool_settings, backends)
    scheduler.start()
    yield scheduler, spans
    scheduler.stop()


@pytest.fixture(scope="module")
def renderer(pool_settings) -> Pipeline:
    return Pipeline(pool_settings)


def run_all(jobs: list[tuple[str, bytes]], scheduler: FairConverter,
            results: dict[str, bytes | Exception]) -> list[threading.Thread]:
    """Start each (requester, docx) job in a thread of its own, all at the same moment."""
    barrier = threading.Barrier(len(jobs))

    def run(key: str, docx_bytes: bytes) -> None:
        with as_requester(key):
            barrier.wait()
            try:
                results[LABELS[docx_bytes]] = scheduler.convert(docx_bytes)
            except Exception as exc:  # noqa: BLE001 (the test inspects it)
                results[LABELS[docx_bytes]] = exc

    threads = [threading.Thread(target=run, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    return threads


def join(threads: list[threading.Thread], seconds: float = 120) -> None:
    for thread in threads:
        thread.join(seconds)
        assert not thread.is_alive(), "a conversion did not end"


def test_two_converters_convert_two_documents_at_the_same_time(pool, renderer):
    scheduler, spans = pool
    spans.clear()
    results: dict[str, bytes | Exception] = {}
    jobs = [("user:1", sk_kbk(renderer, "SERENTAK-1")),
            ("user:2", sk_kbk(renderer, "SERENTAK-2"))]
    join(run_all(jobs, scheduler, results))
    for label in ("SERENTAK-1", "SERENTAK-2"):
        result = results[label]
        assert isinstance(result, bytes), result
        assert label in pdf_text(result)
    one, two = spans
    assert {one.backend, two.backend} == {0, 1}  # one job on each LibreOffice
    assert one.began < two.ended and two.began < one.ended  # both in flight together


def test_a_flood_on_the_pool_lets_another_user_go_next(pool):
    """A's four long jobs take both processes and wait; B's job runs on whichever process
    frees first, before A's waiting ones."""
    scheduler, spans = pool
    spans.clear()
    results: dict[str, bytes | Exception] = {}
    flood = [("user:A", long_docx(f"BANJIR-{n}")) for n in range(4)]
    threads = run_all(flood, scheduler, results)
    wait_for(lambda: scheduler.running() == 2 and scheduler.waiting("user:A") == 2, 30)
    threads += run_all([("user:B", long_docx("GILIRAN-B", 200))], scheduler, results)
    wait_for(lambda: scheduler.waiting("user:B") == 1 or "GILIRAN-B" in results, 10)
    join(threads, 240)
    assert all(isinstance(result, bytes) for result in results.values()), results
    order = [span.label for span in sorted(spans, key=lambda s: s.began)]
    assert order.index("GILIRAN-B") == 2, order  # after the two running, before the rest
    first_two = sorted(spans, key=lambda s: s.began)[:2]
    b_span = next(span for span in spans if span.label == "GILIRAN-B")
    freed = min(first_two, key=lambda s: s.ended)
    assert b_span.backend == freed.backend and b_span.began >= freed.ended
    assert "GILIRAN-B" in pdf_text(results["GILIRAN-B"])  # type: ignore[arg-type]


def test_a_hung_process_is_replaced_while_the_other_keeps_serving(pool, renderer):
    scheduler, spans = pool
    backends = [backend.inner for backend in scheduler.converters]  # type: ignore[attr-defined]
    for backend in backends:
        backend.timeout = 8
    try:
        spans.clear()
        hung = backends[1]
        first, restarts = hung.pid, hung.restarts
        assert first is not None
        os.killpg(first, signal.SIGSTOP)  # its LibreOffice stops answering
        results: dict[str, bytes | Exception] = {}
        threads = run_all([("user:1", sk_kbk(renderer, "MACET-1")),
                           ("user:2", sk_kbk(renderer, "MACET-2"))],
                          scheduler, results)
        wait_for(lambda: len(results) == 1, 30)  # the healthy process's job is done
        hang = next(span for span in spans if span.backend == 1)
        served = []
        for n in range(3):  # meanwhile the other process serves one job after another
            served.append(scheduler.convert(sk_kbk(renderer, f"LANCAR-{n}")))
        assert hang.ended == 0.0  # all while the hung one still hung
        join(threads)
        assert isinstance(results[hang.label], ConversionError)
        assert all(span.backend == 0 for span in spans if span.label.startswith("LANCAR-"))
        assert [pdf_text(pdf).count("LANCAR-") for pdf in served] == [1, 1, 1]
        assert hung.restarts == restarts + 1 and hung.pid not in (None, first)
        assert not group_alive(first)
        spans.clear()  # both serve again
        join(run_all([("user:1", sk_kbk(renderer, "PULIH-1")),
                      ("user:2", sk_kbk(renderer, "PULIH-2"))], scheduler, results))
        assert {span.backend for span in spans} == {0, 1}
        assert all(span.error is None for span in spans)
    finally:
        for backend in backends:
            backend.timeout = backend.settings.converter_timeout


def test_a_killed_process_is_replaced_silently(pool, renderer):
    scheduler, spans = pool
    backends = [backend.inner for backend in scheduler.converters]  # type: ignore[attr-defined]
    killed = backends[0].pid
    assert killed is not None
    os.killpg(killed, signal.SIGKILL)  # unoserver, oosplash and soffice.bin
    wait_for(lambda: not group_alive(killed), 10)
    spans.clear()
    results: dict[str, bytes | Exception] = {}
    join(run_all([("user:1", sk_kbk(renderer, "BANGKIT-1")),
                  ("user:2", sk_kbk(renderer, "BANGKIT-2"))], scheduler, results))
    assert all(isinstance(result, bytes) for result in results.values()), results
    assert {span.backend for span in spans} == {0, 1}
    assert backends[0].pid not in (None, killed)


def runtime_of(converter: UnoserverConverter) -> Path:
    runtime = converter._runtime
    assert runtime is not None
    return runtime


def test_each_process_has_its_own_folder_profile_and_port_and_a_stop_ends_all(tmp_path):
    settings = Settings(data_dir=tmp_path, converters=2)
    pool = make_converter(settings)
    backends = pool.converters  # type: ignore[attr-defined]
    started = time.monotonic()
    pool.start()
    try:
        runtimes = [runtime_of(backend) for backend in backends]
        assert len({backend.port for backend in backends}) == 2
        assert runtimes[0] != runtimes[1] and runtimes[0].parent == tmp_path / "converter"
        for runtime in runtimes:
            assert (runtime / "profile").is_dir()
            assert {"oosplash", "soffice.bin"} <= set(processes_with(str(runtime)).values())
    finally:
        stopping = time.monotonic()
        pool.stop()
    print(f"pool of 2 started in {stopping - started:.1f}s")
    assert time.monotonic() - stopping < 6  # both stopped together
    assert processes_with(str(tmp_path / "converter")) == {}
    assert not any(runtime.exists() for runtime in runtimes)


OWNER = """
import sys, time
from pathlib import Path
from docgen.config import Settings
from docgen.convert import make_converter

pool = make_converter(Settings(data_dir=Path(sys.argv[1]), converters=2))
pool.start()
print(*(str(c._runtime) for c in pool.converters), flush=True)
time.sleep(300)
"""


def test_kill_9_of_a_pools_owner_ends_every_libreoffice_of_it(tmp_path):
    owner = subprocess.Popen([sys.executable, "-c", OWNER, str(tmp_path)],
                             stdout=subprocess.PIPE, text=True)
    try:
        line = owner.stdout.readline() if owner.stdout else ""
        runtimes = line.split()
        assert len(runtimes) == 2, f"the pool did not start (exit {owner.poll()})"
        for runtime in runtimes:
            assert "soffice.bin" in processes_with(runtime).values()
    finally:
        owner.kill()
        owner.wait()
    deadline = time.monotonic() + 5
    while processes_with(str(tmp_path / "converter")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert processes_with(str(tmp_path / "converter")) == {}
    pool = make_converter(Settings(data_dir=tmp_path, converters=1))
    with pool:  # a start sweeps the dead owner's folders
        assert not any(Path(runtime).exists() for runtime in runtimes)


def _unoserver_on(port: int) -> int:
    """The process (group) id of the unoserver listening on ``port``."""
    for pid, name in processes_with("unoserver_main.py").items():
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        if str(port).encode() in cmdline and name.startswith("python"):
            return pid
    raise AssertionError(f"no unoserver on port {port}")


def test_converter_command_serves_a_pool_and_restarts_a_dead_process(tmp_path, renderer):
    from tests.web.test_serve import _free_port

    first = _free_port()
    docgen = Path(sys.executable).with_name("docgen")
    process = subprocess.Popen([str(docgen), "converter", "--count", "2", "--port", str(first)],
                               env={**os.environ, "DOCGEN_DATA_DIR": str(tmp_path)},
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True)
    lines: list[str] = []
    try:
        assert process.stdout is not None
        ready = process.stdout.readline()
        ports = f"{first},{first + 1}"
        assert "siap" in ready and f"DOCGEN_CONVERTER_PORTS={ports}" in ready, ready
        assert "DOCGEN_CONVERTER_EXTERNAL=1" in ready
        reader = threading.Thread(target=lambda: lines.extend(process.stdout or []),
                                  daemon=True)
        reader.start()
        worker = make_converter(Settings.from_env({
            "DOCGEN_DATA_DIR": str(tmp_path), "DOCGEN_CONVERTER_EXTERNAL": "1",
            "DOCGEN_CONVERTER_PORTS": ports}))
        assert [c.port for c in worker.converters] == [first, first + 1]  # type: ignore
        dead = _unoserver_on(first + 1)
        os.killpg(dead, signal.SIGKILL)
        wait_for(lambda: any("memulai ulang" in line for line in lines), 15)
        wait_for(lambda: _try_info(worker.converters[1]), 90)  # type: ignore[attr-defined]
        results: dict[str, bytes | Exception] = {}
        join(run_all([("user:1", sk_kbk(renderer, "BERSAMA-1")),
                      ("user:2", sk_kbk(renderer, "BERSAMA-2"))], worker, results))
        assert all(isinstance(result, bytes) for result in results.values()), results
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            raise
    assert process.returncode == 0, lines
    assert processes_with(str(tmp_path / "converter")) == {}


def _try_info(converter: UnoserverConverter) -> bool:
    with contextlib.suppress(Exception):
        converter._proxy(2).info()
        return True
    return False


# -- settings --------------------------------------------------------------------------
@pytest.mark.parametrize("value, message", [
    ("0", "DOCGEN_CONVERTERS: harus 1–16, bukan 0"),
    ("17", "DOCGEN_CONVERTERS: harus 1–16, bukan 17"),
    ("dua", "DOCGEN_CONVERTERS: bukan bilangan bulat 'dua'"),
])
def test_a_bad_pool_size_is_refused_naming_the_variable(value, message):
    with pytest.raises(SettingsError) as info:
        Settings.from_env({"DOCGEN_CONVERTERS": value})
    assert str(info.value) == message


def test_the_pool_size_defaults_to_the_cpu_cores():
    assert Settings.from_env({}).converters == max(1, min(16, os.cpu_count() or 1))
    assert Settings.from_env({"DOCGEN_CONVERTERS": " 3 "}).converters == 3


def test_external_pool_addresses_and_ports_of_a_local_pool():
    settings = Settings.from_env({"DOCGEN_CONVERTER_EXTERNAL": "1",
                                  "DOCGEN_CONVERTER_HOST": "10.0.0.5",
                                  "DOCGEN_CONVERTER_PORTS": "2003, 10.0.0.6:2004"})
    external = make_converter(settings).converters  # type: ignore[attr-defined]
    assert [(c.host, c.port) for c in external] == [("10.0.0.5", 2003), ("10.0.0.6", 2004)]
    single = make_converter(replace(settings, converter_ports=(), converter_port=2010))
    assert [(c.host, c.port) for c in single.converters] == [("10.0.0.5", 2010)]  # type: ignore
    local = make_converter(Settings(converters=3, converter_port=2003))
    assert [c.port for c in local.converters] == [2003, 2004, 2005]  # type: ignore
    cold = make_converter(Settings(converters=3, converter="soffice"))
    assert [type(c) for c in cold.converters] == [SofficeConverter]  # type: ignore
    with pytest.raises(SettingsError, match="DOCGEN_CONVERTER_PORTS: bukan port atau "
                                            "host:port 'dua'"):
        Settings.from_env({"DOCGEN_CONVERTER_PORTS": "2003,dua"})
