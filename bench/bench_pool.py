"""Benchmark: PDF throughput of a pool of 2 warm LibreOffice against 1, in one run.

    .venv/bin/python bench/bench_pool.py [--quick] [--documents N] [--rounds R]

The same batch of N sk-kbk DOCX (20 members each, rendered once beforehand) is converted
from 4 threads at once through ``make_converter`` (the fair scheduler in front of the
pool) with DOCGEN_CONVERTERS=1 and with DOCGEN_CONVERTERS=2. Both pools are started first
(the idle one costs memory, not CPU) and measured in alternate rounds, so drift hits both
alike; prints the median PDFs/second of each and the ratio (target: >= 1.6x on 2 cores).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from dataclasses import replace

from bench_render import members_input  # bench/ is on the path when run as a script

from docgen.config import Settings
from docgen.convert import Converter, make_converter
from docgen.pipeline import Pipeline

THREADS = 4


def batch(settings: Settings, count: int) -> list[bytes]:
    """``count`` distinct sk-kbk DOCX of 20 members."""
    pipeline = Pipeline(settings)
    documents = []
    for n in range(count):
        data = members_input(20)
        data["susunan"][3]["nama"] = f"ANGGOTA BENCH {n}"
        documents.append(pipeline.render_docx("sk-kbk", data).docx)
    return documents


def convert_all(converter: Converter, documents: list[bytes]) -> float:
    """Seconds to convert every document from ``THREADS`` threads sharing one list."""
    pending = list(documents)
    lock = threading.Lock()
    failures: list[BaseException] = []

    def work() -> None:
        while True:
            with lock:
                if not pending:
                    return
                docx = pending.pop()
            try:
                if not converter.convert(docx).startswith(b"%PDF"):
                    raise RuntimeError("not a PDF")
            except BaseException as exc:  # noqa: BLE001 (reported below)
                failures.append(exc)
                return

    threads = [threading.Thread(target=work) for _ in range(THREADS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    return time.perf_counter() - started


def pool_of(settings: Settings, size: int, documents: list[bytes]) -> Converter:
    converter = make_converter(replace(settings, converters=size,
                                       converter_queue_per_user=THREADS,
                                       converter_queue_max=THREADS,
                                       converter_wait_seconds=600))
    converter.start()
    convert_all(converter, documents[:THREADS])  # warm-up: every process converts once
    return converter


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer documents and rounds")
    parser.add_argument("--documents", type=int, default=None, help="batch size (40)")
    parser.add_argument("--rounds", type=int, default=None, help="alternate rounds (3)")
    args = parser.parse_args(argv)
    count = args.documents or (12 if args.quick else 40)
    rounds = args.rounds or (1 if args.quick else 3)
    settings = Settings.from_env()
    documents = batch(settings, count)
    one, two = pool_of(settings, 1, documents), pool_of(settings, 2, documents)
    try:
        times: dict[int, list[float]] = {1: [], 2: []}
        for _ in range(rounds):
            times[1].append(convert_all(one, documents))
            times[2].append(convert_all(two, documents))
    finally:
        one.stop()
        two.stop()
    rate = {size: count / statistics.median(seconds) for size, seconds in times.items()}
    print(f"{'measure':56} {'median':>10} {'baseline':>10} {'ratio':>8}")
    print(f"{f'{count} sk-kbk PDFs (20 members), {THREADS} threads, 2 converters':56} "
          f"{rate[2]:6.2f}PDF/s {rate[1]:6.2f}PDF/s {rate[2] / rate[1]:7.2f}x one converter")
    print(f"  rounds (s): 1 converter {', '.join(f'{t:.1f}' for t in times[1])}; "
          f"2 converters {', '.join(f'{t:.1f}' for t in times[2])}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
