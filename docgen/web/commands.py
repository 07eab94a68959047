"""Web commands for the ``docgen`` CLI: serve, converter (the account commands are
``docgen.accounts.commands``).

All state (SQLite file, uploads, archive, secret key) lives under DOCGEN_DATA_DIR.
Several workers: ``gunicorn -c python:docgen.web.gunicorn_conf 'docgen.web.wsgi:app'``
(README, "Running in production with gunicorn"); ``docgen converter --port 2003 --count 2``
serves a pool of warm LibreOffice (ports 2003, 2004) that they share with
``DOCGEN_CONVERTER_EXTERNAL=1 DOCGEN_CONVERTER_PORTS=2003,2004``.
"""

from __future__ import annotations

import dataclasses
import signal
import sys
import threading

import click

from docgen.accounts.commands import open_database
from docgen.cli import SettingsFailed
from docgen.config import Settings, SettingsError
from docgen.storage.seed import seed_demo

DEFAULT_CONVERTER_PORT = 2003


@click.command()
@click.option("--host", default=None, help="Alamat (bawaan: DOCGEN_HOST atau 127.0.0.1)")
@click.option("--port", default=None, type=click.IntRange(1, 65535),
              help="Port (bawaan: DOCGEN_PORT atau 8000)")
@click.option("--threads", default=8, show_default=True, help="Thread waitress")
@click.pass_obj
def serve(settings: Settings, host: str | None, port: int | None, threads: int) -> None:
    """Jalankan aplikasi web (basis data dimigrasi, data demo pada start pertama)."""
    import waitress

    from docgen.web import create_app

    try:
        settings = settings.validated(host=host or settings.host, port=port or settings.port)
    except SettingsError as exc:
        raise SettingsFailed(exc) from None
    database = open_database(settings)
    with database.session() as session:
        created = seed_demo(session)
    database.dispose()
    if created:
        click.echo("Pengguna demo dibuat (kata sandi hanya ditampilkan sekali ini):")
        for username, role, password in created:
            click.echo(f"  {username:<20} {role:<16} {password}")
    app = create_app(settings)
    pipeline = app.extensions["docgen"].pipeline
    jobs = app.extensions["docgen_jobs"]
    jobs.start()  # background jobs: consumer threads in this process (docgen.jobs.queue)
    threading.Thread(target=_warm_up, args=(pipeline,), daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    click.echo(f"docgen berjalan di http://{settings.host}:{settings.port}/ "
               f"(data: {settings.data_dir.resolve()}); Ctrl+C untuk berhenti")
    try:
        waitress.serve(app, host=settings.host, port=settings.port, threads=threads,
                       ident="docgen")
    finally:
        jobs.stop()
        pipeline.close()


def _warm_up(pipeline) -> None:
    """Start LibreOffice in the background so the first preview is quick."""
    try:
        pipeline.converter.start()
    except Exception as exc:  # the first conversion retries and reports the error
        click.echo(f"peringatan: LibreOffice belum dapat dijalankan: {exc}", err=True)


@click.command()
@click.option("--port", default=None, type=click.IntRange(1, 65535),
              help=f"Port XML-RPC pertama (bawaan: DOCGEN_CONVERTER_PORT atau "
                   f"{DEFAULT_CONVERTER_PORT}); proses berikutnya memakai port +1, +2, ...")
@click.option("--count", default=None, type=click.IntRange(1, 16),
              help="Jumlah LibreOffice hangat (bawaan: DOCGEN_CONVERTERS, satu per inti CPU)")
@click.pass_obj
def converter(settings: Settings, port: int | None, count: int | None) -> None:
    """Jalankan kumpulan LibreOffice hangat (unoserver) di latar depan untuk beberapa
    worker dan mesin lain; proses yang mati dijalankan ulang."""
    from docgen.convert.pool import at_once, unoserver_pool

    port = port or settings.converter_port or DEFAULT_CONVERTER_PORT
    settings = dataclasses.replace(settings, converter_port=port, converter_external=False,
                                   converters=count or settings.converters)
    pool = unoserver_pool(settings)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    try:
        at_once(pool, "start")
        ports = ",".join(str(conv.port) for conv in pool)
        host = settings.converter_host
        if host in ("0.0.0.0", "::"):  # listening everywhere: workers need this machine's
            host = "<alamat-mesin-ini>"
        click.echo(f"unoserver siap di {settings.converter_host} port {ports} "
                   f"({len(pool)} proses); pakai di worker: DOCGEN_CONVERTER_EXTERNAL=1 "
                   f"DOCGEN_CONVERTER_HOST={host} DOCGEN_CONVERTER_PORTS={ports}. "
                   "Ctrl+C untuk berhenti")
        while not stop.wait(2):
            for conv in pool:
                if conv.pid is None and not stop.is_set():
                    _restart(conv)
    finally:
        at_once(pool, "stop")


def _restart(conv) -> None:
    """Start a pool's dead LibreOffice again (a failed start is tried on the next round)."""
    from docgen.convert import ConversionError

    click.echo(f"unoserver port {conv.port} berhenti; memulai ulang", err=True)
    try:
        conv.restart()
    except ConversionError as exc:
        click.echo(f"unoserver port {conv.port} belum dapat dijalankan: {exc}", err=True)
