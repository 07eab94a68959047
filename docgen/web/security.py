"""Secret key, login and security headers; who may read or change what is
``docgen.accounts.access``."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask
from flask_login import LoginManager, UserMixin

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
from docgen.storage.models import User

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


class CurrentUser(Actor, UserMixin):
    """The logged-in user as Flask-Login keeps it: an ``Actor`` (what services take)."""

    @classmethod
    def of(cls, user: User) -> CurrentUser:
        actor = Actor.of(user)
        return cls(actor.id, actor.username, actor.role, actor.unit_id, actor.unit_label,
                   actor.nama)

    def get_id(self) -> str:
        return str(self.id)


def init_security(app: Flask, load_user) -> None:
    login = LoginManager(app)
    login.login_view = "auth.login"
    login.login_message = "Silakan masuk terlebih dahulu."
    login.login_message_category = "info"
    login.user_loader(load_user)

    @app.after_request
    def headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "SAMEORIGIN"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers.setdefault("Cache-Control", "no-store")
        return response
