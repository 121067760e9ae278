"""interview day: match requirements, the interview room, candidate questions, survey, inbound texts

- position_requirements: a position's structured, weighted requirements (the match report);
  candidates gain certificates and the institution's own profile fields (profile_extra);
- rounds gain their closing checklist and the minimum of candidate questions (None: defaults);
- interviews gain started_at / ended_at / overtime_reason / next_step; interview_notes and
  checklist_ticks keep what happened in the room;
- candidate_questions (never written before this revision) is made again with the candidate, the
  topic, the source, the deadline, reminder, escalation, answer and SLA;
- survey_responses and inbound_messages keep candidates' replies, each read once;
- timeline_events gets an index on (interview_id, kind): the minute job asks whether an interview
  has been thanked, every minute, for every interview that ended today.

Revision ID: 0010
Revises: 0009
"""
import sqlalchemy as sa
from alembic import op

from desktop.core.model.base import UTCDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _time(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, UTCDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "position_requirements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["position_id"], ["positions.id"], ondelete="CASCADE",
                                name=op.f("fk_position_requirements_position_id_positions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_position_requirements")),
        sa.UniqueConstraint("position_id", "ordinal", name=op.f("uq_position_requirements_position_id")),
    )
    op.create_index(op.f("ix_position_requirements_position_id"), "position_requirements", ["position_id"])
    with op.batch_alter_table("candidates") as batch:
        batch.add_column(sa.Column("certificates", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("profile_extra", sa.JSON(), nullable=True))
    with op.batch_alter_table("rounds") as batch:
        batch.add_column(sa.Column("closing_checklist", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("min_questions", sa.Integer(), nullable=True))
    with op.batch_alter_table("interviews") as batch:
        batch.add_column(_time("started_at"))
        batch.add_column(_time("ended_at"))
        batch.add_column(sa.Column("overtime_reason", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("next_step", sa.Text(), nullable=False, server_default=""))
        batch.create_index(op.f("ix_interviews_ended_at"), ["ended_at"])

    op.create_table(
        "interview_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        _time("at", nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], ondelete="CASCADE",
                                name=op.f("fk_interview_notes_interview_id_interviews")),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_interview_notes_author_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interview_notes")),
    )
    op.create_index(op.f("ix_interview_notes_interview_id"), "interview_notes", ["interview_id"])
    op.create_table(
        "checklist_ticks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        _time("ticked_at", nullable=False),
        sa.Column("ticked_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], ondelete="CASCADE",
                                name=op.f("fk_checklist_ticks_interview_id_interviews")),
        sa.ForeignKeyConstraint(["ticked_by_id"], ["users.id"], name=op.f("fk_checklist_ticks_ticked_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_ticks")),
        sa.UniqueConstraint("interview_id", "ordinal", name=op.f("uq_checklist_ticks_interview_id")),
    )
    op.create_index(op.f("ix_checklist_ticks_interview_id"), "checklist_ticks", ["interview_id"])

    op.drop_index(op.f("ix_candidate_questions_interview_id"), table_name="candidate_questions")
    op.drop_table("candidate_questions")
    op.create_table(
        "candidate_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=True),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("topic", sa.String(length=32), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("message_id", sa.String(length=255), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        _time("asked_at", nullable=False),
        _time("due_at", nullable=False),
        _time("remind_at", nullable=False),
        _time("reminded_at"),
        _time("escalated_at"),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        _time("answered_at"),
        sa.Column("answered_by_id", sa.Integer(), nullable=True),
        sa.Column("sla_met", sa.Boolean(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["candidate_id"], ["candidates.id"], name=op.f("fk_candidate_questions_candidate_id_candidates")),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], name=op.f("fk_candidate_questions_interview_id_interviews")),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name=op.f("fk_candidate_questions_owner_id_users")),
        sa.ForeignKeyConstraint(["answered_by_id"], ["users.id"], name=op.f("fk_candidate_questions_answered_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_candidate_questions")),
        sa.UniqueConstraint("message_id", name=op.f("uq_candidate_questions_message_id")),
    )
    for column in ("candidate_id", "interview_id", "owner_id", "due_at", "remind_at", "status"):
        op.create_index(op.f(f"ix_candidate_questions_{column}"), "candidate_questions", [column])

    op.create_table(
        "survey_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        _time("received_at", nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("questions", sa.JSON(), nullable=False),
        sa.Column("message_id", sa.String(length=255), nullable=True),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], name=op.f("fk_survey_responses_interview_id_interviews")),
        sa.ForeignKeyConstraint(["candidate_id"], ["candidates.id"], name=op.f("fk_survey_responses_candidate_id_candidates")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_responses")),
        sa.UniqueConstraint("message_id", name=op.f("uq_survey_responses_message_id")),
    )
    op.create_index(op.f("ix_survey_responses_interview_id"), "survey_responses", ["interview_id"])
    op.create_index(op.f("ix_survey_responses_candidate_id"), "survey_responses", ["candidate_id"])

    op.create_table(
        "inbound_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("external_id", sa.String(length=255), nullable=False),
        _time("received_at", nullable=False),
        sa.Column("sender", sa.String(length=254), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=True),
        sa.Column("interview_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["candidate_id"], ["candidates.id"], name=op.f("fk_inbound_messages_candidate_id_candidates")),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], name=op.f("fk_inbound_messages_interview_id_interviews")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbound_messages")),
        sa.UniqueConstraint("channel", "external_id", name=op.f("uq_inbound_messages_channel")),
    )
    op.create_index(op.f("ix_inbound_messages_candidate_id"), "inbound_messages", ["candidate_id"])
    op.create_index(op.f("ix_inbound_messages_interview_id"), "inbound_messages", ["interview_id"])
    op.create_index("ix_timeline_events_interview_kind", "timeline_events", ["interview_id", "kind"])


def downgrade() -> None:
    op.drop_index("ix_timeline_events_interview_kind", table_name="timeline_events")
    for table in ("inbound_messages", "survey_responses", "candidate_questions", "checklist_ticks",
                  "interview_notes", "position_requirements"):
        op.drop_table(table)
    op.create_table(
        "candidate_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        _time("reply_due_at"),
        sa.Column("answer", sa.Text(), nullable=False),
        _time("answered_at"),
        sa.Column("status", sa.String(length=20), nullable=False),
        _time("created_at", nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], name=op.f("fk_candidate_questions_interview_id_interviews")),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name=op.f("fk_candidate_questions_owner_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_candidate_questions")),
    )
    op.create_index(op.f("ix_candidate_questions_interview_id"), "candidate_questions", ["interview_id"])
    with op.batch_alter_table("interviews") as batch:
        batch.drop_index(op.f("ix_interviews_ended_at"))
        for column in ("next_step", "overtime_reason", "ended_at", "started_at"):
            batch.drop_column(column)
    with op.batch_alter_table("rounds") as batch:
        batch.drop_column("min_questions")
        batch.drop_column("closing_checklist")
    with op.batch_alter_table("candidates") as batch:
        batch.drop_column("profile_extra")
        batch.drop_column("certificates")
