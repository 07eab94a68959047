"""Benchmark: a draft's preview PDF served from the cache vs made the first time, in one run.

    .venv/bin/python bench/bench_preview_cache.py [--runs 20]

A throw-away data directory, one unit, one admin_unit user signed in (Flask test client)
and one sk-kbk draft (20 members). Measures GET /dokumen/<id>/pratinjau.pdf:

- the first preview (render, convert, layout check, watermark, cache), against the same
  work done directly by the pipeline without the web app: the cache must not slow the
  first one down (ratio ~1);
- the cached preview (from memory), median of ``--runs``: target <= 20 ms;
- the cached preview after a restart of the app (from the disk cache).

Each answer is recorded in the archive as served (one row and an audit event), as in use.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bench_render import members_input  # bench/ is on the path when run as a script

from docgen.config import Settings
from docgen.storage import repo
from docgen.storage.seed import DEMO_UNITS
from docgen.web import create_app

TARGET_MS = 20.0
PASSWORD = "bench-rahasia-2026"
FIRSTS = 5  # first previews of distinct drafts, median


def _app(folder: Path):
    settings = replace(Settings.from_env(), data_dir=folder)
    app = create_app(settings, WTF_CSRF_ENABLED=False)
    app.extensions["docgen"].pipeline.converter.start()
    return app


def _signed_in(app):
    client = app.test_client()
    response = client.post("/masuk", data={"username": "bench", "password": PASSWORD})
    assert response.status_code in (302, 303), response.status_code
    return client


def _get(client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    seconds = time.perf_counter() - started
    assert response.status_code == 200 and response.data.startswith(b"%PDF"), response.status
    return seconds


def _direct(pipeline, data: dict) -> float:
    """Seconds for the same work by the pipeline alone (render, convert, check)."""
    started = time.perf_counter()
    pipeline.to_signable_pdf(pipeline.render_docx("sk-kbk", data).docx)
    return time.perf_counter() - started


def run(runs: int) -> int:
    with tempfile.TemporaryDirectory(prefix="docgen-bench-preview-") as name:
        folder = Path(name)
        app = _app(folder)
        with app.extensions["docgen"].database.session() as session:
            unit = repo.create_unit(session, **DEMO_UNITS[0])
            repo.create_user(session, "bench", PASSWORD, "admin_unit", unit.id)
            data = members_input(20)
            doc_id = repo.create_document(session, "sk-kbk", unit.id, None, data).id
            others = [repo.create_document(session, "sk-kbk", unit.id, None,
                                           {**data, "nomor": f"800/{n}/2026"}).id
                      for n in range(FIRSTS)]
        pipeline = app.extensions["docgen"].pipeline
        direct = statistics.median(_direct(pipeline, {**data, "nomor": f"800/{n}/2025"})
                                   for n in range(FIRSTS + 1))
        client = _signed_in(app)
        first = statistics.median(_get(client, f"/dokumen/{other}/pratinjau.pdf")
                                  for other in others)
        url = f"/dokumen/{doc_id}/pratinjau.pdf"
        _get(client, url)
        cached = statistics.median(_get(client, url) for _ in range(runs))
        pipeline.close()
        app = _app(folder)  # a restart: the memory cache is empty, the disk cache is not
        client = _signed_in(app)
        disk = _get(client, url)
        app.extensions["docgen"].pipeline.close()
    print(f"{'measure':56} {'median':>10} {'baseline':>10} {'ratio':>8}")
    print(f"{'first preview, sk-kbk 20 members (web app, median of 5)':56} {first * 1000:8.1f}ms "
          f"{direct * 1000:8.1f}ms {first / direct:7.2f}x the pipeline alone")
    print(f"{'cached preview (memory)':56} {cached * 1000:8.1f}ms {first * 1000:8.1f}ms "
          f"{first / cached:7.1f}x faster than the first")
    print(f"{'cached preview after a restart (disk)':56} {disk * 1000:8.1f}ms "
          f"{first * 1000:8.1f}ms {first / disk:7.1f}x faster than the first")
    print(f"  target: cached <= {TARGET_MS:.0f} ms: "
          f"{'met' if cached * 1000 <= TARGET_MS else 'NOT met'}")
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    return run(parser.parse_args(argv).runs)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
