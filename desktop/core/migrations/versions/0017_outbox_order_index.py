"""outbox order index: the claim checks that no older entry of the same interview and recipient
is still waiting or under way (a cancellation never overtakes its booking). Through the index on
interview_id alone it read every entry the interview ever had, sent ones included; with the
recipient in the index it reads the few of that interview and recipient. The composite index
replaces the single-column one, which it covers. Measured in bench_mail (800 queued messages over
12 interviews): a claim of eight 1.77 -> 1.09 ms of CPU (issue 14).

Revision ID: 0017
Revises: 0016
"""
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_outbox_entries_interview_recipient", "outbox_entries", ["interview_id", "recipient"])
    op.drop_index("ix_outbox_entries_interview_id", table_name="outbox_entries")


def downgrade() -> None:
    op.create_index("ix_outbox_entries_interview_id", "outbox_entries", ["interview_id"])
    op.drop_index("ix_outbox_entries_interview_recipient", table_name="outbox_entries")
