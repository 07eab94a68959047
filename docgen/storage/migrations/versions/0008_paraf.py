"""paraf: the paraf chain of final documents (``docgen.paraf.model``)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "paraf_steps",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id"), nullable=False,
                  index=True),
        sa.Column("urutan", sa.Integer(), nullable=False),
        sa.Column("tahap", sa.String(20), nullable=False),
        sa.Column("peran", sa.String(30), nullable=False),
        sa.Column("jabatan", sa.String(200), nullable=False),
        sa.Column("status", sa.String(15), nullable=False),
        sa.Column("actor_id", sa.Integer(), sa.ForeignKey("users.id")),
        sa.Column("actor", sa.String(80)),
        sa.Column("actor_nama", sa.String(200)),
        sa.Column("acted_at", sa.DateTime()),
        sa.Column("catatan", sa.Text()),
        sa.Column("new_document_id", sa.Integer()),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("document_id", "urutan"),
    )


def downgrade() -> None:
    op.drop_table("paraf_steps")
