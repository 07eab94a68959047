"""document ids are never reused: documents.id AUTOINCREMENT on SQLite

Without AUTOINCREMENT SQLite hands out ``max(rowid) + 1``, so deleting the newest draft
gave its number (and its URL ``/dokumen/<id>``) to the next document. The table is
recreated (Alembic batch mode) with ``sqlite_autoincrement``; the ids kept so far stay and
SQLite's ``sqlite_sequence`` starts at the largest one. Other databases use sequences,
which never go back: nothing to do there.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _recreate_documents(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    # uploads, archive entries and documents.parent_id refer to documents: this runs
    # with foreign keys off (``Database.migrate``), which checks them all before commit
    with op.batch_alter_table("documents", recreate="always",
                              table_kwargs={"sqlite_autoincrement": autoincrement}):
        pass


def upgrade() -> None:
    _recreate_documents(True)


def downgrade() -> None:
    _recreate_documents(False)
