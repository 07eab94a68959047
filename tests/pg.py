"""A throw-away PostgreSQL server for the tests (Debian's ``postgresql`` package).

``PgServer`` runs ``initdb`` and ``pg_ctl`` from the installed PostgreSQL into a temporary
directory and listens on a free port of 127.0.0.1 (and a Unix socket in that directory);
no system service is used or needed. Root may not run PostgreSQL, so as root the server
runs as the ``postgres`` OS user (created by the Debian package), which owns the
directory. ``create_database()`` makes an empty database (``TEMPLATE template0``) for one
test, ``drop_database()`` removes it (closing what is still connected).

``DOCGEN_TEST_DATABASE=postgresql`` makes the suites' database fixtures use such a server
instead of a SQLite file (``./test.sh`` runs the database suites a second time so);
``tests/test_postgres.py`` always uses one.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import LiteralString

ENV = "DOCGEN_TEST_DATABASE"
SETUP_HINT = "PostgreSQL tidak terpasang: jalankan ./setup.sh --test (paket Debian postgresql)"
SUPERUSER = "postgres"


def on_postgres() -> bool:
    """True when this test run puts the suites' databases on PostgreSQL."""
    value = os.environ.get(ENV, "sqlite").strip().lower()
    if value not in ("sqlite", "postgresql", "postgres"):
        raise RuntimeError(f"{ENV}={value!r}: use sqlite or postgresql")
    return value != "sqlite"


def bindir() -> Path:
    """The folder of ``initdb``/``pg_ctl``; ``RuntimeError`` with the set-up hint if none."""
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                        key=lambda p: int(p.parent.parent.name) if
                        p.parent.parent.name.isdigit() else 0, reverse=True)
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path))
    try:
        import psycopg  # noqa: F401  (the driver docgen's postgres extra installs)
    except ImportError as exc:
        raise RuntimeError(f"{SETUP_HINT}; psycopg belum terpasang ({exc})") from None
    for initdb in candidates:
        if (initdb.parent / "pg_ctl").is_file():
            return initdb.parent
    raise RuntimeError(SETUP_HINT)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PgServer:
    """One PostgreSQL server in a temporary directory; ``start()``, ``stop()``."""

    def __init__(self) -> None:
        self.bindir = bindir()
        self.root = Path(tempfile.mkdtemp(prefix="docgen-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self._names = itertools.count(1)
        self._as_user: list[str] = []
        if os.geteuid() == 0:  # postgres refuses to run as root
            owner = pwd.getpwnam(SUPERUSER)
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
            self._as_user = ["runuser", "-u", SUPERUSER, "--"]

    def _run(self, *args: str) -> None:
        result = subprocess.run([*self._as_user, *args], capture_output=True, text=True,
                                timeout=120, cwd=self.root)
        if result.returncode != 0:
            raise RuntimeError(f"{args[0]} failed ({result.returncode}):\n"
                               f"{result.stdout}\n{result.stderr}")

    def start(self) -> PgServer:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", SUPERUSER,
                  "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")
        options = (f"-c listen_addresses=127.0.0.1 -c port={self.port} "
                   f"-c unix_socket_directories={self.root} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off "
                   "-c max_connections=200 -c shared_buffers=32MB")
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l",
                  str(self.root / "server.log"), "-o", options, "-w", "-t", "60", "start")
        return self

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                      "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, name: str = "postgres") -> str:
        """The SQLAlchemy URL of one database (psycopg 3)."""
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{name}"

    def _admin(self, statement: LiteralString, name: str) -> None:
        import psycopg
        from psycopg import sql

        with psycopg.connect(host="127.0.0.1", port=self.port, user=SUPERUSER,
                             dbname="postgres", autocommit=True) as connection:
            connection.execute(sql.SQL(statement).format(sql.Identifier(name)))

    def create_database(self) -> str:
        """A new empty database; returns its URL."""
        name = f"t{next(self._names)}"
        self._admin("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'", name)
        return self.url(name)

    def drop_database(self, url: str) -> None:
        self._admin("DROP DATABASE IF EXISTS {} WITH (FORCE)", url.rsplit("/", 1)[1])


@contextlib.contextmanager
def running_server() -> Iterator[PgServer]:
    server = PgServer()
    try:
        yield server.start()
    finally:
        server.stop()
