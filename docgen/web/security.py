"""Secret key, login, security headers and who may read or change what."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, abort
from flask_login import LoginManager, UserMixin

from docgen.registry import REGISTRY, DocumentType
from docgen.storage.models import UNIT_ROLES, Document, User

GLOBAL_READERS = ("admin_kabupaten", "bagian_hukum")
ROLE_LABELS = {
    "admin_kabupaten": "Admin Kabupaten",
    "admin_unit": "Admin Unit",
    "sekretaris_kbk": "Sekretaris KBK",
    "bagian_hukum": "Bagian Hukum",
}
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
class CurrentUser(UserMixin):
    """A detached snapshot of the logged-in user (no database session needed)."""

    id: int
    username: str
    role: str
    unit_id: int | None
    unit_label: str | None
    nama: str | None

    @classmethod
    def of(cls, user: User) -> CurrentUser:
        return cls(user.id, user.username, user.role, user.unit_id,
                   user.unit.label if user.unit else None, user.nama)

    def get_id(self) -> str:
        return str(self.id)

    @property
    def role_label(self) -> str:
        return ROLE_LABELS.get(self.role, self.role)

    @property
    def reads_all(self) -> bool:
        return self.role in GLOBAL_READERS

    @property
    def owner_unit_id(self) -> int | None:
        """The unit a document this user creates belongs to (None: the Kabupaten)."""
        return self.unit_id if self.role in UNIT_ROLES else None


def draftable_types(user: CurrentUser) -> list[DocumentType]:
    return [t for t in REGISTRY if user.role in t.roles]


def can_read(user: CurrentUser, document: Document) -> bool:
    if user.reads_all:
        return True
    return user.role in UNIT_ROLES and document.unit_id == user.unit_id


def can_edit_type(user: CurrentUser, document: Document) -> bool:
    """May this user change documents of this kind of this owner (status aside)?"""
    if document.type_name not in REGISTRY or user.role == "bagian_hukum":
        return False
    drafts = user.role in REGISTRY.get(document.type_name).roles
    return drafts and can_read(user, document) and document.unit_id == user.owner_unit_id


def can_edit(user: CurrentUser, document: Document) -> bool:
    return not document.is_final and can_edit_type(user, document)


def require_read(user: CurrentUser, document: Document | None) -> Document:
    """404 for a missing document or one of another unit (its existence is not revealed)."""
    if document is None or not can_read(user, document):
        abort(404)
    return document


def require_edit(user: CurrentUser, document: Document | None) -> Document:
    require_read(user, document)
    if not can_edit_type(user, document):
        abort(403)
    return document


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
