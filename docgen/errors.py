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


class NotFound(ServiceError):
    """The thing does not exist, or the acting user may not know that it does."""

    status = 404


class Forbidden(ServiceError):
    """The acting user's role does not allow this."""

    status = 403


class Conflict(ServiceError):
    """The thing is in a state that does not allow this (e.g. a final document)."""

    status = 409
