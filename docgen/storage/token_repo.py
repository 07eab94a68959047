"""API token queries: a token is stored as its SHA-256 (it is 256 random bits, so a fast
hash is enough) with its first characters to recognise it in lists."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from docgen.storage.models import ApiToken, User, utcnow

TOKEN_PREFIX = "dg_"


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(session: Session, user: User, expires_at: dt.datetime,
                 created_at: dt.datetime | None = None) -> str:
    """A new random token for ``user``, valid until ``expires_at``; only its SHA-256 is
    stored."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user.id, token_hash=_token_hash(token), prefix=token[:10],
                         created_at=created_at or utcnow(), expires_at=expires_at))
    session.flush()
    return token


def find_token(session: Session, token: str) -> ApiToken | None:
    return session.scalar(select(ApiToken).where(ApiToken.token_hash == _token_hash(token)))


def token_usable(row: ApiToken, now: dt.datetime) -> bool:
    """Not revoked, not expired (a token without expiry counts as expired), user active."""
    return (row.revoked_at is None and row.expires_at is not None and now < row.expires_at
            and row.user.active)


def user_for_token(session: Session, token: str, now: dt.datetime | None = None
                   ) -> User | None:
    """The user of a usable token (its last use recorded), else ``None``."""
    now = now or utcnow()
    row = find_token(session, token)
    if row is None or not token_usable(row, now):
        return None
    row.last_used_at = now
    return row.user


def list_tokens(session: Session, user_id: int | None = None) -> list[ApiToken]:
    """Tokens (of one user, or all), by user name then newest first."""
    query = (select(ApiToken).join(ApiToken.user)
             .order_by(User.username, ApiToken.created_at.desc(), ApiToken.id.desc()))
    if user_id is not None:
        query = query.where(ApiToken.user_id == user_id)
    return list(session.scalars(query))


def get_token(session: Session, token_id: int) -> ApiToken | None:
    return session.get(ApiToken, token_id)
