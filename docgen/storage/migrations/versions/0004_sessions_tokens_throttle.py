"""sessions, tokens, throttling: users.session_version, token expiry and revocation,
auth_failures (failed sign-ins counted per user name and client address)

Revision ID: 0004
Revises: 0003
Create Date: 2024-09-01
"""

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

EXISTING_TOKEN_DAYS = 90  # tokens made before expiry existed expire 90 days after creation


def upgrade() -> None:
    op.add_column("users", sa.Column("session_version", sa.Integer(), nullable=False,
                                     server_default="0"))
    op.add_column("api_tokens", sa.Column("expires_at", sa.DateTime()))
    op.add_column("api_tokens", sa.Column("revoked_at", sa.DateTime()))
    op.add_column("api_tokens", sa.Column("revoked_by", sa.String(80)))
    op.add_column("api_tokens", sa.Column("revoked_reason", sa.String(200)))
    _expire_existing_tokens()
    op.create_table(
        "auth_failures",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("scope", sa.String(10), nullable=False),
        sa.Column("key", sa.String(200), nullable=False, index=True),
        sa.Column("created_at", sa.DateTime(), nullable=False, index=True),
    )


def _expire_existing_tokens() -> None:
    tokens = sa.table("api_tokens", sa.column("id", sa.Integer()),
                      sa.column("created_at", sa.DateTime()),
                      sa.column("expires_at", sa.DateTime()))
    connection = op.get_bind()
    for token_id, created in connection.execute(sa.select(tokens.c.id, tokens.c.created_at)):
        connection.execute(tokens.update().where(tokens.c.id == token_id).values(
            expires_at=created + dt.timedelta(days=EXISTING_TOKEN_DAYS)))


def downgrade() -> None:
    op.drop_table("auth_failures")
    with op.batch_alter_table("api_tokens") as batch:
        for column in ("revoked_reason", "revoked_by", "revoked_at", "expires_at"):
            batch.drop_column(column)
    with op.batch_alter_table("users") as batch:
        batch.drop_column("session_version")
