"""A migrated database and actors, without any Flask app or request context."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy.orm import Session

from docgen.accounts.access import Actor, Role
from docgen.accounts.services import AccountService
from docgen.config import Settings
from docgen.storage import Database, repo
from docgen.storage.seed import DEMO_UNITS

PASSWORD = "kata-sandi-uji"


@dataclass
class Accounts:
    session: Session
    service: AccountService
    units: dict[str, int]
    actors: dict[str, Actor]


@pytest.fixture()
def database(tmp_path, database_for) -> Iterator[Database]:
    database = Database(database_for(tmp_path) or f"sqlite:///{tmp_path / 'accounts.sqlite'}")
    database.migrate()
    yield database
    database.dispose()


@pytest.fixture()
def accounts(database, tmp_path) -> Iterator[Accounts]:
    """Units A and B, an admin_kabupaten, an admin_unit of A, a sekretaris_kbk of A; one
    session, left uncommitted (the test commits when it means to)."""
    with database.sessions() as session:
        units = {"A": repo.create_unit(session, **DEMO_UNITS[0]).id,
                 "B": repo.create_unit(session, **DEMO_UNITS[1]).id}
        actors = {}
        for name, role, unit in (("admin", Role.ADMIN_KABUPATEN, None),
                                 ("a_admin", Role.ADMIN_UNIT, "A"),
                                 ("a_sek", Role.SEKRETARIS_KBK, "A")):
            user = repo.create_user(session, name, PASSWORD, role,
                                    units[unit] if unit else None)
            actors[name] = Actor.of(user)
        session.commit()
        yield Accounts(session, AccountService(session, Settings(data_dir=tmp_path)), units,
                       actors)


class FakeClock:
    """The time ``docgen.accounts.clock.now`` answers: moved by the test, never slept."""

    def __init__(self, start: dt.datetime = dt.datetime(2025, 1, 6, 8, 0)):
        self.moment = start

    def __call__(self) -> dt.datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += dt.timedelta(**delta)


@pytest.fixture()
def fake_clock(monkeypatch) -> FakeClock:
    from docgen.accounts import clock

    fake = FakeClock()
    monkeypatch.setattr(clock, "now", fake)
    return fake
