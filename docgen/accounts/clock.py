"""The time the sign-in rules read (throttling, session lifetimes, token expiry): naive
UTC, as the database stores it. Every rule asks ``clock.now()`` at the moment it decides,
so a test moves time by replacing this one function (no sleeping)."""

from __future__ import annotations

import datetime as dt


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def epoch(moment: dt.datetime) -> int:
    """Whole seconds since 1970 of a naive UTC time (what a session cookie keeps)."""
    return int(moment.replace(tzinfo=dt.UTC).timestamp())


def from_epoch(seconds: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, dt.UTC).replace(tzinfo=None)
