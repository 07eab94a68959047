"""gunicorn settings and hooks for docgen, loaded with ``-c python:docgen.web.gunicorn_conf``
(options given on gunicorn's command line win over these).

- The master checks the DOCGEN_* settings (exits with one line per bad variable, like
  ``docgen serve``) and prepares the data directory once before forking (migrations, the
  bundled templates, the generated secret key), so workers starting together find it ready.
- Each worker (threaded, like waitress in ``docgen serve``) starts its own pool of warm
  LibreOffice in the background once booted and stops it, with its whole process group,
  when the worker exits. Unless DOCGEN_CONVERTERS is set, the CPU cores are shared out:
  each worker's pool gets cores ÷ workers processes (at least one), so ``-w 2`` on two
  cores runs two LibreOffice, not four. With DOCGEN_CONVERTER_EXTERNAL=1 the workers use
  a shared ``docgen converter`` pool instead.
- Each worker runs the background jobs' consumer threads (``docgen.jobs.queue``).
- Listens on DOCGEN_HOST:DOCGEN_PORT (default 127.0.0.1:8000) unless ``-b`` is given; on
  SIGTERM a worker finishes its requests (up to one conversion timeout) first.
"""

from __future__ import annotations

import os
import threading
from typing import Any

from docgen.config import Settings, SettingsError

try:
    _settings = Settings.from_env()
except SettingsError as exc:
    raise SystemExit(str(exc)) from None

bind = [f"{_settings.host}:{_settings.port}"]
worker_class = "gthread"
threads = 4
graceful_timeout = int(_settings.converter_timeout) + 10
preload_app = False  # every worker builds its app (and its converter) after the fork
control_socket_disable = True  # recent gunicorn: no control socket shared in $HOME


def on_starting(server: Any) -> None:
    """In the master, before any worker: the database migrated, the bundled templates
    registered and the secret key generated, once; and the workers' share of the CPU
    cores for their converter pools (inherited through the environment)."""
    from docgen.config_values import default_converters
    from docgen.web import create_app

    if not os.environ.get("DOCGEN_CONVERTERS"):
        share = max(1, default_converters() // max(1, int(server.cfg.workers)))
        os.environ["DOCGEN_CONVERTERS"] = str(share)

    prepared = create_app(_settings)
    prepared.extensions["docgen"].database.dispose()  # no connection crosses the fork


def post_worker_init(worker: Any) -> None:
    pipeline = _pipeline(worker)
    if pipeline is not None:
        threading.Thread(target=_warm_up, args=(pipeline, worker.log), daemon=True,
                         name="docgen-converter-warm-up").start()
    jobs = getattr(getattr(worker, "wsgi", None), "extensions", {}).get("docgen_jobs")
    if jobs is not None:  # background jobs: consumer threads in each worker
        jobs.start()


def worker_exit(server: Any, worker: Any) -> None:
    jobs = getattr(getattr(worker, "wsgi", None), "extensions", {}).get("docgen_jobs")
    if jobs is not None:
        jobs.stop()
    pipeline = _pipeline(worker)
    if pipeline is not None:
        pipeline.close()


def _pipeline(worker: Any) -> Any:
    """The docgen pipeline of the app this worker loaded (None before it loaded one)."""
    extensions = getattr(getattr(worker, "wsgi", None), "extensions", {})
    state = extensions.get("docgen")
    return state.pipeline if state is not None else None


def _warm_up(pipeline: Any, log: Any) -> None:
    """Start LibreOffice now so that the first PDF is quick."""
    try:
        pipeline.converter.start()
    except Exception as exc:  # the first conversion retries and reports the error
        log.warning("LibreOffice belum dapat dijalankan: %s", exc)
