"""API tokens: made for a number of days, listed, revoked; checked with throttling.

A token is printed once when it is made; only its SHA-256 is stored, with its first
characters (``prefix``) to recognise it in lists. It works until it expires or is
revoked, never after: deactivating a user revokes every token they have, so activating
them again revives none. An admin_kabupaten manages everybody's tokens; a user their own.
Bad tokens are counted per client address (``docgen.accounts.throttle``): past the limit
the API answers 429 until the window passes.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from docgen.accounts import clock, throttle
from docgen.accounts.access import NOT_FOUND, Actor, Role, require_role
from docgen.config import Settings
from docgen.domain.errors import FieldError, InputError
from docgen.errors import NotFound
from docgen.storage import repo, review_repo, token_repo
from docgen.storage.models import ApiToken, User

MAX_DAYS = 3650
DEACTIVATED = "pengguna dinonaktifkan"
REVOKED = "dicabut"


def status(row: ApiToken, now: dt.datetime) -> str:
    """"aktif", "dicabut" or "kedaluwarsa", as the token list shows it."""
    if row.revoked_at is not None:
        return "dicabut"
    if row.expires_at is None or row.expires_at <= now:
        return "kedaluwarsa"
    return "aktif"


class TokenService:
    def __init__(self, session: Session, settings: Settings) -> None:
        self.session = session
        self.settings = settings
        self.throttle = throttle.Policy.of(settings)

    def create(self, actor: Actor, username: str, days: int | None = None) -> str:
        """A new token of ``username`` valid for ``days`` (default: the setting
        ``token_days``); printed once."""
        user = self._user(actor, username)
        days = self.settings.token_days if days is None else days
        if not 1 <= days <= MAX_DAYS:
            raise InputError([FieldError("days", f"Masa berlaku token harus 1–{MAX_DAYS} "
                                                 f"hari, bukan {days}.")])
        now = clock.now()
        token = token_repo.create_token(self.session, user, now + dt.timedelta(days=days), now)
        self._audit(actor, "token_create", user, f"{token[:10]}…, berlaku {days} hari")
        return token

    def tokens(self, actor: Actor, username: str | None = None) -> list[ApiToken]:
        """Tokens of ``username`` (everybody's for an admin_kabupaten when ``None``)."""
        if username is None:
            require_role(actor, Role.ADMIN_KABUPATEN)
            return token_repo.list_tokens(self.session)
        return token_repo.list_tokens(self.session, self._user(actor, username).id)

    def revoke(self, actor: Actor, token_id: int, reason: str = REVOKED) -> ApiToken:
        """Revoke one token (revoking a revoked one changes nothing)."""
        row = token_repo.get_token(self.session, token_id)
        if row is None:
            raise NotFound(NOT_FOUND)
        self._user(actor, row.user.username)
        if row.revoked_at is None:
            self._mark_revoked(row, actor, reason)
            self._audit(actor, "token_revoke", row.user, f"{row.prefix}…: {reason}")
        return row

    def revoke_all(self, actor: Actor, username: str, reason: str = REVOKED) -> list[ApiToken]:
        """Revoke every token of ``username`` still in force; the ones revoked."""
        now = clock.now()
        rows = [r for r in self.tokens(actor, username) if status(r, now) == "aktif"]
        for row in rows:
            self.revoke(actor, row.id, reason)
        return rows

    def user_for_token(self, token: str, address: str | None) -> User | None:
        """The user of a token in force (its use recorded), else ``None`` with the failure
        counted; ``throttle.Throttled`` while the address is locked."""
        now = clock.now()
        keys = [throttle.key_of(throttle.TOKEN, address)]
        throttle.check(self.session, self.throttle, keys, now)
        user = token_repo.user_for_token(self.session, token, now)
        if user is None:
            throttle.record(self.session, self.throttle, keys, now)
        return user

    def _user(self, actor: Actor, username: str) -> User:
        """The user whose tokens ``actor`` manages: anyone's for an admin_kabupaten,
        else only their own."""
        if actor.username != username:
            require_role(actor, Role.ADMIN_KABUPATEN)
        user = repo.get_user(self.session, username)
        if user is None:
            raise NotFound(f"pengguna {username} tidak ditemukan")
        return user

    def _mark_revoked(self, row: ApiToken, actor: Actor, reason: str) -> None:
        row.revoked_at = clock.now()
        row.revoked_by = actor.username
        row.revoked_reason = reason[:200]
        self.session.flush()

    def _audit(self, actor: Actor, action: str, user: User, detail: str) -> None:
        review_repo.add_audit(self.session, action, f"token API {user.username}",
                              actor.username, actor.id or None, unit_id=user.unit_id,
                              detail=detail)
