"""initial tables: units, users, documents, api_tokens, uploads

Revision ID: 0001
Revises:
Create Date: 2024-06-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


REQUIRED_TIMES = ("created_at", "updated_at")


def _timestamps(*names: str) -> list[sa.Column]:
    return [sa.Column(name, sa.DateTime(), nullable=name not in REQUIRED_TIMES)
            for name in names]


def upgrade() -> None:
    op.create_table(
        "units",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("nama", sa.String(200), nullable=False, unique=True),
        sa.Column("jenis", sa.String(40), nullable=False),
        sa.Column("singkatan", sa.String(40)),
        sa.Column("alamat", sa.String(300)),
        sa.Column("telepon", sa.String(60)),
        sa.Column("kode_pos", sa.String(10)),
        sa.Column("laman", sa.String(200)),
        sa.Column("email", sa.String(200)),
        sa.Column("kepala_nama", sa.String(200)),
        sa.Column("kepala_jabatan", sa.String(300)),
        sa.Column("kepala_pangkat", sa.String(100)),
        sa.Column("kepala_nip", sa.String(30)),
        *_timestamps("created_at"),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("username", sa.String(80), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(300), nullable=False),
        sa.Column("role", sa.String(30), nullable=False),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id")),
        sa.Column("nama", sa.String(200)),
        sa.Column("active", sa.Boolean(), nullable=False),
        *_timestamps("created_at"),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("type_name", sa.String(60), nullable=False, index=True),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), index=True),
        sa.Column("author_id", sa.Integer(), sa.ForeignKey("users.id")),
        sa.Column("judul", sa.String(300), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), sa.ForeignKey("documents.id")),
        sa.Column("archive_path", sa.String(300)),
        sa.Column("template_sha256", sa.String(64)),
        *_timestamps("created_at", "updated_at", "finalized_at"),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False,
                  index=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("prefix", sa.String(12), nullable=False),
        *_timestamps("created_at", "last_used_at"),
    )
    op.create_table(
        "uploads",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), index=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id"), index=True),
        sa.Column("author_id", sa.Integer(), sa.ForeignKey("users.id")),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("content_type", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        *_timestamps("created_at"),
    )


def downgrade() -> None:
    for table in ("uploads", "api_tokens", "documents", "users", "units"):
        op.drop_table(table)
