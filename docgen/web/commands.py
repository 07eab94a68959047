"""Web commands for the ``docgen`` CLI: serve, converter (the account commands are
``docgen.accounts.commands``).

All state (SQLite file, uploads, archive, secret key) lives under DOCGEN_DATA_DIR.
Several workers: ``gunicorn -c python:docgen.web.gunicorn_conf 'docgen.web.wsgi:app'``
(README, "Running in production with gunicorn"); ``docgen converter --port 2003`` serves
one LibreOffice that they share with ``DOCGEN_CONVERTER_EXTERNAL=1``.
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
    threading.Thread(target=_warm_up, args=(pipeline,), daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    click.echo(f"docgen berjalan di http://{settings.host}:{settings.port}/ "
               f"(data: {settings.data_dir.resolve()}); Ctrl+C untuk berhenti")
    try:
        waitress.serve(app, host=settings.host, port=settings.port, threads=threads,
                       ident="docgen")
    finally:
        pipeline.close()


def _warm_up(pipeline) -> None:
    """Start LibreOffice in the background so the first preview is quick."""
    try:
        pipeline.converter.start()
    except Exception as exc:  # the first conversion retries and reports the error
        click.echo(f"peringatan: LibreOffice belum dapat dijalankan: {exc}", err=True)


@click.command()
@click.option("--port", default=None, type=int,
              help=f"Port XML-RPC (bawaan: DOCGEN_CONVERTER_PORT atau {DEFAULT_CONVERTER_PORT})")
@click.pass_obj
def converter(settings: Settings, port: int | None) -> None:
    """Jalankan LibreOffice hangat (unoserver) di latar depan untuk beberapa worker."""
    from docgen.convert.warm import UnoserverConverter

    port = port or settings.converter_port or DEFAULT_CONVERTER_PORT
    settings = dataclasses.replace(settings, converter_port=port, converter_external=False)
    conv = UnoserverConverter(settings)
    conv.start()
    click.echo(f"unoserver siap di {settings.converter_host}:{port}; pakai "
               f"DOCGEN_CONVERTER_EXTERNAL=1 DOCGEN_CONVERTER_PORT={port}. Ctrl+C untuk berhenti")
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    try:
        while not stop.wait(2):
            process = conv._process
            if process is None or process.poll() is not None:
                click.echo("unoserver berhenti; memulai ulang", err=True)
                conv.restart()
    finally:
        conv.stop()
