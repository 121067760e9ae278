"""offer deadline indexes: the minute job looks up offers by status and reply deadline (the 24 h
reminder, expiry) and by status and approval step deadline (escalation); without these indexes
SQLite walked every application to find the (usually no) offers due.

Revision ID: 0012
Revises: 0011
"""
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_offers_status_reply_by", "offers", ["status", "reply_by"])
    op.create_index("ix_offers_status_step_due_at", "offers", ["status", "step_due_at"])


def downgrade() -> None:
    op.drop_index("ix_offers_status_step_due_at", table_name="offers")
    op.drop_index("ix_offers_status_reply_by", table_name="offers")
