"""audit anchors and digests: where the chain's head was published, the digest key of a server
database, and an index for folding each record's audit entries

The head of the audit chain is published to witnesses outside the database (the archive office's
mailbox or OA, an anchor folder, backups); `audit_anchors` remembers when each went out. Personal
and secret fields are recorded in the log only masked, with a keyed digest so that `db check` can
compare live rows with the log; on PostgreSQL the digest key is a random secret kept in
`audit_keys` (an embedded file derives it from its master key).

Revision ID: 0007
Revises: 0006
"""
import secrets

import sqlalchemy as sa
from alembic import op

from desktop.core.model.base import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_anchors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("made_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("witness", sa.String(length=20), nullable=False),
        sa.Column("target", sa.String(length=500), nullable=False),
        sa.Column("outbox_entry_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["outbox_entry_id"], ["outbox_entries.id"],
                                name=op.f("fk_audit_anchors_outbox_entry_id_outbox_entries")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_anchors")),
    )
    op.create_index(op.f("ix_audit_anchors_made_at"), "audit_anchors", ["made_at"], unique=False)
    keys = op.create_table(
        "audit_keys",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("secret", sa.String(length=128), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_audit_keys")),
    )
    op.create_index("ix_audit_log_entity_record", "audit_log", ["entity", "entity_id", "seq"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.bulk_insert(keys, [{"name": "field_digest", "secret": secrets.token_hex(32)}])


def downgrade() -> None:
    op.drop_index("ix_audit_log_entity_record", table_name="audit_log")
    op.drop_table("audit_keys")
    op.drop_index(op.f("ix_audit_anchors_made_at"), table_name="audit_anchors")
    op.drop_table("audit_anchors")
