"""Sign-in throttling: failed sign-ins are counted per user name and per client address
(passwords), and per client address (API tokens), over a sliding window, in the database
(table ``auth_failures``) so that every worker process counts the same failures.

Once a key has ``limit`` failures in the window it is locked: every attempt is refused
with ``Throttled`` (HTTP 429, ``retry_after`` seconds) without checking the password,
the right one included, until the oldest of those failures leaves the window. A refused
attempt is not counted, so the lock ends on time however hard it is hammered. A
successful sign-in clears its user name's failures (not its address's).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from docgen.config import Settings
from docgen.errors import ServiceError
from docgen.storage.models import AuthFailure

USERNAME, ADDRESS, TOKEN = "username", "address", "token"
KEY_LENGTH = 200
MESSAGES = {
    USERNAME: "Terlalu banyak percobaan masuk yang gagal untuk nama pengguna ini.",
    ADDRESS: "Terlalu banyak percobaan masuk yang gagal dari alamat jaringan Anda.",
    TOKEN: "Terlalu banyak token API yang tidak valid dari alamat jaringan Anda.",
}


class Throttled(ServiceError):
    """Too many failures: wait ``retry_after`` seconds (the web answers 429 with a
    ``Retry-After`` header; the message says how many minutes)."""

    status = 429

    def __init__(self, scope: str, retry_after: int):
        minutes = max(1, math.ceil(retry_after / 60))
        super().__init__(f"{MESSAGES[scope]} Demi keamanan, tunggu {minutes} menit lalu "
                         "coba lagi.")
        self.scope, self.retry_after = scope, retry_after


@dataclass(frozen=True)
class Policy:
    limits: dict[str, int]  # scope -> failures allowed in the window
    window: dt.timedelta

    @classmethod
    def of(cls, settings: Settings) -> Policy:
        per_address = settings.login_max_failures_per_address
        return cls({USERNAME: settings.login_max_failures, ADDRESS: per_address,
                    TOKEN: per_address}, dt.timedelta(minutes=settings.login_lockout_minutes))


def key_of(scope: str, value: str | None) -> tuple[str, str]:
    """(scope, key): user names compared as typed apart from case and outer spaces."""
    text = (value or "-").strip()
    return scope, (text.casefold() if scope == USERNAME else text)[:KEY_LENGTH]


def check(session: Session, policy: Policy, keys: Iterable[tuple[str, str]],
          now: dt.datetime) -> None:
    """``Throttled`` for the first locked key (the longest wait if several are)."""
    waits = [(wait, scope) for scope, key in keys
             if (wait := locked_for(session, policy, scope, key, now)) is not None]
    if waits:
        wait, scope = max(waits)
        raise Throttled(scope, wait)


def locked_for(session: Session, policy: Policy, scope: str, key: str, now: dt.datetime
               ) -> int | None:
    """Seconds until ``key`` may try again, ``None`` when it is not locked."""
    limit = policy.limits[scope]
    times = list(session.scalars(
        select(AuthFailure.created_at)
        .where(AuthFailure.scope == scope, AuthFailure.key == key,
               AuthFailure.created_at > now - policy.window)
        .order_by(AuthFailure.created_at)))
    if len(times) < limit:
        return None
    unlocked_at = times[len(times) - limit] + policy.window
    return max(1, math.ceil((unlocked_at - now).total_seconds()))


def record(session: Session, policy: Policy, keys: Iterable[tuple[str, str]],
           now: dt.datetime) -> None:
    """Count one failure for each key; failures older than the window are dropped."""
    session.execute(delete(AuthFailure).where(AuthFailure.created_at <= now - policy.window))
    session.add_all(AuthFailure(scope=scope, key=key, created_at=now) for scope, key in keys)
    session.flush()


def clear(session: Session, scope: str, key: str) -> None:
    session.execute(delete(AuthFailure).where(AuthFailure.scope == scope,
                                              AuthFailure.key == key))
