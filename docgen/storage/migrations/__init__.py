"""Alembic migrations of the docgen database (run by Database.migrate)."""
