"""minute job indexes: the minute job looks up offers by status and reply deadline (the 24 h
reminder, expiry) and by status and approval step deadline (escalation) — without these indexes
SQLite walked every application to find the (usually no) offers due —, each desktop's tick reads
its user's alerts of the last quarter hour (alerts by user and time), and the reminder engine reads
the interviews not marked confirmed ahead of now (interviews by status and start) and the open
questions whose reminder or deadline came (questions by status, reminded/escalated, time).

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
    op.create_index("ix_alerts_user_raised", "alerts", ["user_id", "raised_at"])
    op.create_index("ix_interviews_status_starts", "interviews", ["status", "starts_at"])
    op.create_index("ix_candidate_questions_open_due", "candidate_questions", ["status", "escalated_at", "due_at"])
    op.create_index("ix_candidate_questions_open_remind", "candidate_questions",
                    ["status", "reminded_at", "remind_at"])


def downgrade() -> None:
    op.drop_index("ix_candidate_questions_open_remind", table_name="candidate_questions")
    op.drop_index("ix_candidate_questions_open_due", table_name="candidate_questions")
    op.drop_index("ix_interviews_status_starts", table_name="interviews")
    op.drop_index("ix_alerts_user_raised", table_name="alerts")
    op.drop_index("ix_offers_status_step_due_at", table_name="offers")
    op.drop_index("ix_offers_status_reply_by", table_name="offers")
