"""What the application services raise besides input errors; the web maps them once
(``docgen.web.errors``: 404 / 403 pages and JSON), the CLI prints them (exit 2).

Input errors are ``docgen.domain.errors.InputError``; render and conversion errors come
from ``docgen.render`` and ``docgen.convert``.
"""

from __future__ import annotations


class ServiceError(Exception):
    """A request the acting user cannot have; ``message`` is Indonesian."""

    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    @property
    def headers(self) -> dict[str, str]:
        """HTTP headers the answer carries besides the body (none by default)."""
        return {}


class NotFound(ServiceError):
    """The thing does not exist, or the acting user may not know that it does."""

    status = 404


class Forbidden(ServiceError):
    """The acting user's role does not allow this."""

    status = 403


class Conflict(ServiceError):
    """The thing is in a state that does not allow this (e.g. a final document)."""

    status = 409


class RetryLater(ServiceError):
    """Refused for now, not for good: the answer says after how many seconds to retry."""

    status = 503

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after

    @property
    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)}


class Busy(RetryLater):
    """Too many of the requester's own jobs are waiting already (e.g. PDF conversions)."""

    status = 429


class Unavailable(RetryLater):
    """The service cannot take this now (its queue is full, or the wait ran over its
    time budget)."""

    status = 503
