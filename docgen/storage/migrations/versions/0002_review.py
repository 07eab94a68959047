"""legal review: template_versions, data_versions, archive_entries, audit_events

Revision ID: 0002
Revises: 0001
Create Date: 2024-07-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _version_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("author_id", sa.Integer(), sa.ForeignKey("users.id")),
        sa.Column("author", sa.String(80), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("approved_by_id", sa.Integer(), sa.ForeignKey("users.id")),
        sa.Column("approved_by", sa.String(80)),
        sa.Column("approved_at", sa.DateTime()),
        sa.Column("retired_at", sa.DateTime()),
    ]


def upgrade() -> None:
    op.create_table(
        "template_versions",
        *_version_columns(),
        sa.Column("type_name", sa.String(60), nullable=False, index=True),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.UniqueConstraint("type_name", "number"),
    )
    op.create_table(
        "data_versions",
        *_version_columns(),
        sa.Column("name", sa.String(60), nullable=False, index=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.UniqueConstraint("name", "number"),
    )
    op.create_table(
        "archive_entries",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(), index=True),
        sa.Column("document_version", sa.Integer()),
        sa.Column("verification_id", sa.String(24)),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("purpose", sa.String(20), nullable=False),
        sa.Column("format", sa.String(4), nullable=False),
        sa.Column("type_name", sa.String(60), nullable=False),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), index=True),
        sa.Column("unit", sa.String(200), nullable=False),
        sa.Column("author_id", sa.Integer(), sa.ForeignKey("users.id")),
        sa.Column("author", sa.String(80), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("input_data", sa.JSON(), nullable=False),
        sa.Column("input_sha256", sa.String(64), nullable=False),
        sa.Column("template_version_id", sa.Integer(), sa.ForeignKey("template_versions.id"),
                  nullable=False),
        sa.Column("template_number", sa.Integer(), nullable=False),
        sa.Column("template_sha256", sa.String(64), nullable=False),
        sa.Column("output_sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary()),
        sa.UniqueConstraint("verification_id", "format"),
    )
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("created_at", sa.DateTime(), nullable=False, index=True),
        sa.Column("actor_id", sa.Integer(), sa.ForeignKey("users.id")),
        sa.Column("actor", sa.String(80), nullable=False),
        sa.Column("action", sa.String(30), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), index=True),
        sa.Column("document_id", sa.Integer()),
        sa.Column("archive_entry_id", sa.Integer(), sa.ForeignKey("archive_entries.id")),
        sa.Column("detail", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    for table in ("audit_events", "archive_entries", "data_versions", "template_versions"):
        op.drop_table(table)
