"""Signing in, web sessions and password changes, without Flask.

A web session names its user as ``"<id>:<session_version>"`` (what the signed cookie
keeps). Raising the user's ``session_version`` (sign-out, password change, deactivation)
ends every session signed in before, wherever a copy of its cookie went. A session also
carries when it started and when it was last used; the server refuses it ``idle`` after
its last use or ``absolute`` after its start (``SessionPolicy``), whatever the cookie
says. Signing in is throttled (``docgen.accounts.throttle``) and costs one password hash
whether or not the user exists (``docgen.accounts.passwords.verify``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from docgen.accounts import clock, passwords, throttle
from docgen.accounts.access import NOT_FOUND, Actor
from docgen.config import Settings
from docgen.domain.errors import FieldError, InputError
from docgen.errors import NotFound
from docgen.storage import repo, review_repo
from docgen.storage.models import User

WRONG_CURRENT = "Kata sandi sekarang salah."
SAME_AS_CURRENT = "Kata sandi baru harus berbeda dari kata sandi sekarang."
NOT_REPEATED = "Ulangan kata sandi baru tidak sama dengan kata sandi baru."


@dataclass(frozen=True)
class SessionPolicy:
    idle: dt.timedelta
    absolute: dt.timedelta

    @classmethod
    def of(cls, settings: Settings) -> SessionPolicy:
        return cls(dt.timedelta(minutes=settings.session_idle_minutes),
                   dt.timedelta(hours=settings.session_max_hours))

    def problem(self, started: object, seen: object, now: dt.datetime) -> str | None:
        """Why a session that started at ``started`` and was last used at ``seen`` (epoch
        seconds, as the cookie keeps them) is over now, else ``None``."""
        if not isinstance(started, int) or not isinstance(seen, int):
            return "Sesi Anda tidak lagi berlaku."
        if now - clock.from_epoch(started) >= self.absolute:
            return (f"Sesi Anda berakhir karena sudah {_hours(self.absolute)} sejak "
                    "masuk.")
        if now - clock.from_epoch(seen) >= self.idle:
            return (f"Sesi Anda berakhir karena tidak ada aktivitas selama "
                    f"{_minutes(self.idle)}.")
        return None


def _hours(span: dt.timedelta) -> str:
    return f"{span.total_seconds() / 3600:g} jam"


def _minutes(span: dt.timedelta) -> str:
    return f"{span.total_seconds() / 60:g} menit"


def session_id(user: User) -> str:
    return f"{user.id}:{user.session_version}"


def end_sessions(user: User) -> None:
    """Every session of ``user`` signed in until now is refused from now on."""
    user.session_version = (user.session_version or 0) + 1


class SignInService:
    def __init__(self, session: Session, settings: Settings) -> None:
        self.session = session
        self.throttle = throttle.Policy.of(settings)
        self.lifetime = SessionPolicy.of(settings)

    def sign_in(self, username: str, password: str, address: str | None) -> User | None:
        """The active user with this name and password, else ``None`` (never says which
        was wrong); ``throttle.Throttled`` while the name or the address is locked."""
        now = clock.now()
        keys = [throttle.key_of(throttle.USERNAME, username),
                throttle.key_of(throttle.ADDRESS, address)]
        throttle.check(self.session, self.throttle, keys, now)
        user = repo.get_user(self.session, username) if username else None
        matches = passwords.verify(user.password_hash if user else None, password)
        if user is None or not user.active or not matches:
            throttle.record(self.session, self.throttle, keys, now)
            return None
        throttle.clear(self.session, *keys[0])
        return user

    def session_user(self, value: str) -> User | None:
        """The active user a session names, if its version is still the user's."""
        user_id, _, version = value.partition(":")
        if not (user_id.isdigit() and version.isdigit()):
            return None
        user = self.session.get(User, int(user_id))
        if user is None or not user.active or user.session_version != int(version):
            return None
        return user

    def session_problem(self, started: object, seen: object) -> str | None:
        return self.lifetime.problem(started, seen, clock.now())

    def sign_out(self, actor: Actor) -> None:
        user = self.session.get(User, actor.id)
        if user is not None:
            end_sessions(user)
            self.session.flush()

    def change_password(self, actor: Actor, current: str, new: str, repeated: str,
                        address: str | None) -> User:
        """Set a new password (checked by the rule) after the current one is confirmed;
        every session of the user ends (the caller signs the current one in again).
        A wrong current password counts as a failed sign-in."""
        user = self.session.get(User, actor.id)
        if user is None or not user.active:
            raise NotFound(NOT_FOUND)
        now = clock.now()
        keys = [throttle.key_of(throttle.USERNAME, user.username),
                throttle.key_of(throttle.ADDRESS, address)]
        throttle.check(self.session, self.throttle, keys, now)
        errors = self._password_errors(user, current, new, repeated)
        if errors:
            if errors[0].message == WRONG_CURRENT:
                throttle.record(self.session, self.throttle, keys, now)
            raise InputError(errors)
        repo.set_password(user, new)
        end_sessions(user)
        review_repo.add_audit(self.session, "password_change", f"pengguna {user.username}",
                              actor.username, user.id)
        return user

    def _password_errors(self, user: User, current: str, new: str, repeated: str
                         ) -> list[FieldError]:
        if not passwords.verify(user.password_hash, current):
            return [FieldError("current_password", WRONG_CURRENT)]
        errors = ([FieldError("new_password", SAME_AS_CURRENT)] if new == current else
                  passwords.password_errors(new, user.username, "new_password",
                                            "Kata sandi baru"))
        if new != repeated:
            errors.append(FieldError("new_password_repeat", NOT_REPEATED))
        return errors
