"""signing: signers' certificates (encrypted PKCS#12), trust roots, signatures
(``docgen.signing.model``)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "certificates",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False,
                  index=True),
        sa.Column("subject", sa.String(500), nullable=False),
        sa.Column("nama", sa.String(200), nullable=False),
        sa.Column("nip", sa.String(30)),
        sa.Column("issuer", sa.String(500), nullable=False),
        sa.Column("serial", sa.String(80), nullable=False),
        sa.Column("not_before", sa.DateTime(), nullable=False),
        sa.Column("not_after", sa.DateTime(), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False, index=True),
        sa.Column("encrypted_p12", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(80), nullable=False),
        sa.Column("replaced_at", sa.DateTime()),
    )
    op.create_table(
        "trust_roots",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("subject", sa.String(500), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False, unique=True),
        sa.Column("der", sa.LargeBinary(), nullable=False),
        sa.Column("not_after", sa.DateTime(), nullable=False),
        sa.Column("added_by", sa.String(80), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "signatures",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(), nullable=False, index=True, unique=True),
        sa.Column("verification_id", sa.String(24), index=True),
        sa.Column("archive_entry_id", sa.Integer(), sa.ForeignKey("archive_entries.id"),
                  nullable=False),
        sa.Column("certificate_id", sa.Integer(), sa.ForeignKey("certificates.id"),
                  nullable=False),
        sa.Column("signer_id", sa.Integer(), sa.ForeignKey("users.id")),
        sa.Column("signer", sa.String(80), nullable=False),
        sa.Column("level", sa.String(12), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("signed_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("signatures")
    op.drop_table("trust_roots")
    op.drop_table("certificates")
