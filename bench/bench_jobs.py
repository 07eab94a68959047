"""Benchmark: 100 sk-kbk PDFs (20 members each) through one background job, in one run.

    .venv/bin/python bench/bench_jobs.py [--documents N]

A throw-away data directory with one unit and N draft sk-kbk documents; an admin_unit
user submits the ZIP-of-PDFs job as the web app does (``docgen.jobs.service.submit``,
commit, enqueue), and the app's own job runner (Huey consumer threads, the converter pool
of DOCGEN_CONVERTERS warm LibreOffice) makes it. Prints the seconds from submit to done
(target: 100 PDFs in <= 20 s on the 2-core machine), the PDFs per second, and the ratio
against the same documents converted one after another on one warm LibreOffice.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bench_render import members_input  # bench/ is on the path when run as a script

from docgen.accounts.access import Actor
from docgen.config import Settings
from docgen.jobs import service
from docgen.storage import repo
from docgen.storage.seed import DEMO_UNITS
from docgen.web import create_app

TARGET_SECONDS = 20.0


def prepare(app, count: int) -> tuple[Actor, list[int]]:
    database = app.extensions["docgen"].database
    with database.session() as session:
        unit = repo.create_unit(session, **DEMO_UNITS[0])
        user = repo.create_user(session, "bench", "bench-rahasia-2026", "admin_unit", unit.id)
        ids = []
        for n in range(count):
            data = members_input(20)
            data["susunan"][3]["nama"] = f"ANGGOTA BENCH {n}"
            ids.append(repo.create_document(session, "sk-kbk", unit.id, user.id, data).id)
        return Actor.of(user), ids


def run_job(app, actor: Actor, ids: list[int]) -> float:
    database, runner = app.extensions["docgen"].database, app.extensions["docgen_jobs"]
    started = time.perf_counter()
    with database.session() as session:
        job = service.submit(actor, session, "zip", {"ids": ids, "format": "pdf"})
        job_id = job.id
    runner.enqueue(job_id)
    while True:
        with database.session() as session:
            job = service.get(actor, session, job_id)
            if job.status in ("done", "failed"):
                if job.status == "failed":
                    raise RuntimeError(f"job failed: {job.message}")
                return time.perf_counter() - started
        time.sleep(0.1)


def sequential(app, ids: list[int], sample: int) -> float:
    """Seconds per PDF rendered and converted one after another (render + convert)."""
    pipeline = app.extensions["docgen"].pipeline
    database = app.extensions["docgen"].database
    with database.session() as session:
        documents = [repo.get_document(session, doc_id).data for doc_id in ids[:sample]]
    started = time.perf_counter()
    for data in documents:
        pipeline.to_pdf(pipeline.render_docx("sk-kbk", data).docx)
    return (time.perf_counter() - started) / len(documents)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="docgen-bench-jobs-") as folder:
        settings = replace(Settings.from_env(), data_dir=Path(folder))
        app = create_app(settings)
        app.extensions["docgen"].pipeline.converter.start()
        runner = app.extensions["docgen_jobs"]
        runner.start()
        try:
            actor, ids = prepare(app, args.documents)
            each = sequential(app, ids, 10)
            seconds = run_job(app, actor, ids)
        finally:
            runner.stop()
            app.extensions["docgen"].pipeline.close()
    count = len(ids)
    print(f"{'measure':56} {'median':>10} {'baseline':>10} {'ratio':>8}")
    print(f"{f'{count} sk-kbk PDFs (20 members) as one job':56} {seconds:9.1f}s "
          f"{each * count:9.1f}s {each * count / seconds:7.2f}x one after another")
    print(f"  {count / seconds:.2f} PDF/s with {settings.converters} converters; target "
          f"<= {TARGET_SECONDS:.0f} s: {'met' if seconds <= TARGET_SECONDS else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
