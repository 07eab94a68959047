"""Engine, sessions and migrations (Alembic, run programmatically on start)."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")
MIGRATION_LOCK_KEY = 0x646F6367656E  # "docgen": PostgreSQL advisory lock of migrate()


def engine_url(url: str) -> str:
    """``url`` with PostgreSQL's driver spelled out: ``postgresql://`` (and Heroku-style
    ``postgres://``) mean psycopg 3, the driver of docgen's ``postgres`` extra, not
    SQLAlchemy's default psycopg2."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", engine_url(url).replace("%", "%%"))
    return config


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


class Database:
    """One engine and session factory per app; ``migrate()`` brings the schema to head."""

    def __init__(self, url: str):
        self.url = url
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        # pre-ping: a pooled connection a restarted server closed is replaced, not used
        self.engine: Engine = create_engine(
            engine_url(url), pool_pre_ping=not url.startswith("sqlite"))
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    def migrate(self) -> None:
        """Upgrade to head, one process at a time (gunicorn workers, several machines):
        a SQLite file behind a file lock, PostgreSQL behind a transaction-level advisory
        lock (released by the commit; its DDL is transactional)."""
        config = alembic_config(self.url)
        sqlite = self.engine.dialect.name == "sqlite"
        with self._migration_lock(), self.engine.connect() as connection:
            if sqlite:  # SQLite's way to recreate a referenced table (batch migrations):
                connection.exec_driver_sql("PRAGMA foreign_keys=OFF")  # off outside a
                connection.commit()  # transaction, every reference checked before commit
            try:
                with connection.begin():
                    if self.engine.dialect.name == "postgresql":
                        connection.exec_driver_sql(
                            f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")
                    config.attributes["connection"] = connection
                    command.upgrade(config, "head")
                    if sqlite and connection.exec_driver_sql(
                            "PRAGMA foreign_key_check").first() is not None:
                        raise RuntimeError("migration left a broken foreign key")
            finally:
                if sqlite:
                    connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                    connection.commit()

    @contextmanager
    def _migration_lock(self) -> Iterator[None]:
        if not self.url.startswith("sqlite:///") or self.url.endswith(":memory:"):
            yield
            return
        lock_path = Path(self.url.removeprefix("sqlite:///") + ".migrate.lock")
        with lock_path.open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed on success, rolled back on error."""
        session = self.sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
