"""calendars and messages: meetings kept in Exchange per interview and mailbox, the read-back state
per mailbox, busy times imported from calendar files, admins' message templates

The Exchange provider updates only the fields that changed and resolves a stale ChangeKey by
refreshing, so it remembers each meeting it wrote. Busy times from an interviewer's exported
calendar count in the conflict check. Message templates override the default texts.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

from desktop.core.model.base import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("mailbox", sa.String(length=254), nullable=False),
        sa.Column("item_id", sa.String(length=512), nullable=False),
        sa.Column("change_key", sa.String(length=512), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("sent", sa.JSON(), nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], name=op.f("fk_calendar_items_interview_id_interviews")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_items")),
        sa.UniqueConstraint("interview_id", "mailbox", name=op.f("uq_calendar_items_interview_id")),
    )
    op.create_index(op.f("ix_calendar_items_interview_id"), "calendar_items", ["interview_id"], unique=False)
    op.create_table(
        "calendar_sync_states",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mailbox", sa.String(length=254), nullable=False),
        sa.Column("sync_state", sa.Text(), nullable=False),
        sa.Column("synced_at", UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_sync_states")),
        sa.UniqueConstraint("mailbox", name=op.f("uq_calendar_sync_states_mailbox")),
    )
    op.create_table(
        "busy_blocks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("room_id", sa.Integer(), nullable=True),
        sa.Column("starts_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("summary", sa.String(length=200), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("source_uid", sa.String(length=255), nullable=False),
        sa.Column("imported_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_busy_blocks_user_id_users")),
        sa.ForeignKeyConstraint(["room_id"], ["rooms.id"], name=op.f("fk_busy_blocks_room_id_rooms")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_busy_blocks")),
    )
    op.create_index("ix_busy_blocks_user_starts", "busy_blocks", ["user_id", "starts_at"], unique=False)
    op.create_index("ix_busy_blocks_room_starts", "busy_blocks", ["room_id", "starts_at"], unique=False)
    op.create_table(
        "message_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event", sa.String(length=40), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("locale", sa.String(length=10), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["updated_by_id"], ["users.id"], name=op.f("fk_message_templates_updated_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_templates")),
        sa.UniqueConstraint("event", "channel", "locale", name=op.f("uq_message_templates_event")),
    )


def downgrade() -> None:
    op.drop_table("message_templates")
    op.drop_index("ix_busy_blocks_room_starts", table_name="busy_blocks")
    op.drop_index("ix_busy_blocks_user_starts", table_name="busy_blocks")
    op.drop_table("busy_blocks")
    op.drop_table("calendar_sync_states")
    op.drop_index(op.f("ix_calendar_items_interview_id"), table_name="calendar_items")
    op.drop_table("calendar_items")
