"""Persistence (SQLAlchemy 2 + Alembic): models, sessions, repository functions.

Kept apart from ``docgen.web``: the CLI uses it too, and the domain never imports it.
"""

from docgen.storage.db import Database
from docgen.storage.models import ROLES, UNIT_ROLES, ApiToken, Document, Unit, Upload, User

__all__ = ["Database", "ROLES", "UNIT_ROLES", "ApiToken", "Document", "Unit", "Upload", "User"]
