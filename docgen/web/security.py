"""Secret key, login sessions and security headers; who may read or change what is
``docgen.accounts.access``.

A session is signed in by ``start_session`` and checked on every request by
``load_session_user`` (Flask-Login's user loader): the user's ``session_version`` must
still be the one signed in with (sign-out, a password change and deactivation raise it),
the session must have been used within ``DOCGEN_SESSION_IDLE_MINUTES`` and started within
``DOCGEN_SESSION_MAX_HOURS`` (times kept in the signed cookie, judged by the server's
clock). Too many failed sign-ins or bad API tokens answer 429 with ``Retry-After``.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask, flash, session
from flask_login import LoginManager, UserMixin, login_user, logout_user
from werkzeug.exceptions import TooManyRequests

from docgen.accounts import clock
from docgen.accounts.access import (  # noqa: F401  (the web's names for the rules)
    ROLE_LABELS,
    Actor,
    Role,
    can_edit,
    can_edit_type,
    can_read,
    draftable_types,
    require_edit,
    require_read,
)
from docgen.accounts.throttle import Throttled
from docgen.storage.models import User
from docgen.web import errors
from docgen.web.context import accounts

CSP = ("default-src 'self'; img-src 'self' data:; object-src 'self'; frame-src 'self'; "
       "frame-ancestors 'self'; base-uri 'self'; form-action 'self'")


def secret_key(explicit: str | None, data_dir: Path) -> str:
    """The configured key, else one generated once into <data_dir>/secret_key (0600)."""
    if explicit:
        return explicit
    path = data_dir / "secret_key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip()


@dataclass
class CurrentUser(Actor, UserMixin):
    """The logged-in user as Flask-Login keeps it: an ``Actor`` (what services take).
    Its id in the session names the user's ``session_version`` too (``sessions``)."""

    session_version: int = 0

    @classmethod
    def of(cls, user: User) -> CurrentUser:
        actor = Actor.of(user)
        return cls(actor.id, actor.username, actor.role, actor.unit_id, actor.unit_label,
                   actor.nama, user.session_version)

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"


# -- sessions: who (the user's session version) and when (started, last used) ------------
STARTED, SEEN = "docgen_started", "docgen_seen"
LOGIN_KEYS = ("_user_id", "_fresh", "_id", STARTED, SEEN)
ENDED = "Sesi Anda telah diakhiri (keluar, kata sandi diganti, atau akun dinonaktifkan)."


def start_session(user: User) -> None:
    """Sign ``user`` in on a fresh session (nothing of the anonymous one is kept)."""
    session.clear()
    login_user(CurrentUser.of(user))
    session[STARTED] = session[SEEN] = clock.epoch(clock.now())


def renew_session(user: User) -> None:
    """Sign the current session in again after ``user``'s session version changed (a
    password change): its start, and so its absolute lifetime, stay."""
    started = session.get(STARTED)
    start_session(user)
    if isinstance(started, int):
        session[STARTED] = started


def end_session() -> None:
    logout_user()
    for key in LOGIN_KEYS:
        session.pop(key, None)


def load_session_user(user_id: str) -> CurrentUser | None:
    """Flask-Login's user loader: the user while the session holds (their version,
    active, not idle too long, not too old), else the session ends here, with why."""
    sign_in = accounts().sign_in
    user = sign_in.session_user(user_id)
    problem = ENDED if user is None else sign_in.session_problem(session.get(STARTED),
                                                                 session.get(SEEN))
    if user is None or problem is not None:
        for key in LOGIN_KEYS:
            session.pop(key, None)
        flash(problem or ENDED, "info")
        return None
    session[SEEN] = clock.epoch(clock.now())
    return CurrentUser.of(user)


def too_many_attempts(exc: Throttled) -> Any:
    """429 with ``Retry-After``: JSON under /api, else the error page."""
    return errors.handle(TooManyRequests(exc.message, retry_after=exc.retry_after))


def init_security(app: Flask, load_user: Callable[[str], CurrentUser | None]) -> None:
    login = LoginManager(app)
    login.login_view = "auth.login"
    login.login_message = "Silakan masuk terlebih dahulu."
    login.login_message_category = "info"
    login.user_loader(load_user)
    app.register_error_handler(Throttled, too_many_attempts)

    @app.after_request
    def headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "SAMEORIGIN"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers.setdefault("Cache-Control", "no-store")
        return response
