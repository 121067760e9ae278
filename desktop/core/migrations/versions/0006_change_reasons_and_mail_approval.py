"""changes: why a change was asked for (a category kept for analysis), how a decision was given
(in the app or by a reply to the approval mail), and the one-time codes approval mails carry

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

from desktop.core.model.base import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("change_requests") as batch:
        batch.add_column(sa.Column("reason_code", sa.String(length=32), nullable=True))
    with op.batch_alter_table("decisions") as batch:
        batch.add_column(sa.Column("channel", sa.String(length=16), nullable=False, server_default="app"))
    op.create_table(
        "approval_mail_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("change_request_id", sa.Integer(), nullable=False),
        sa.Column("step_position", sa.Integer(), nullable=False),
        sa.Column("approver_id", sa.Integer(), nullable=False),
        sa.Column("code_sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("used_at", UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["change_request_id"], ["change_requests.id"],
                                name=op.f("fk_approval_mail_codes_change_request_id_change_requests")),
        sa.ForeignKeyConstraint(["approver_id"], ["users.id"], name=op.f("fk_approval_mail_codes_approver_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_approval_mail_codes")),
        sa.UniqueConstraint("code_sha256", name=op.f("uq_approval_mail_codes_code_sha256")),
    )
    op.create_index(op.f("ix_approval_mail_codes_change_request_id"), "approval_mail_codes", ["change_request_id"],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_approval_mail_codes_change_request_id"), table_name="approval_mail_codes")
    op.drop_table("approval_mail_codes")
    with op.batch_alter_table("decisions") as batch:
        batch.drop_column("channel")
    with op.batch_alter_table("change_requests") as batch:
        batch.drop_column("reason_code")
