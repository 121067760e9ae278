"""scorecards: versioned templates, criteria with weights and anchors, draft/submit/reopen, round decisions

- scorecard_templates: the scorecard of a round, or the institution's default per round kind, in
  versions (a version scores were submitted on is never changed), with the round's decision rule;
- scorecard_criteria and scores were never written before this revision (no service used them): they
  are made again, criteria belonging to a template version with a weight in percent and the anchors
  of 4, 7 and 10, scores nullable (a draft) with a comment;
- scorecards gain their template version, status (draft/submitted/reopened), autosave time and the
  reopening (who, when, why); a scorecard already submitted is marked submitted;
- round_decisions: the rule's proposal with its explanation, and HR's confirmation or override;
- contract_templates (structured labour contract templates in versions) and contract_documents (the
  issued signed PDF, the candidate's scan or signature image); contracts gain their template, when and
  by whom they were issued.

Revision ID: 0011
Revises: 0010
"""
import sqlalchemy as sa
from alembic import op

from desktop.core.model.base import UTCDateTime

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _time(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, UTCDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.drop_table("scores")
    op.drop_table("scorecard_criteria")
    op.create_table(
        "scorecard_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("line", sa.String(length=40), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=True),
        sa.Column("round_kind", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("pass_at", sa.Numeric(4, 2), nullable=False),
        sa.Column("fail_below", sa.Numeric(4, 2), nullable=False),
        sa.Column("automatic", sa.Boolean(), nullable=False),
        _time("created_at", nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"], ondelete="CASCADE",
                                name=op.f("fk_scorecard_templates_round_id_rounds")),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"],
                                name=op.f("fk_scorecard_templates_created_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scorecard_templates")),
        sa.UniqueConstraint("line", "revision", name=op.f("uq_scorecard_templates_line")),
    )
    op.create_index(op.f("ix_scorecard_templates_line"), "scorecard_templates", ["line"])
    op.create_index(op.f("ix_scorecard_templates_round_id"), "scorecard_templates", ["round_id"])
    op.create_table(
        "scorecard_criteria",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("weight", sa.Integer(), nullable=False),
        sa.Column("anchors", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["template_id"], ["scorecard_templates.id"], ondelete="CASCADE",
                                name=op.f("fk_scorecard_criteria_template_id_scorecard_templates")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scorecard_criteria")),
        sa.UniqueConstraint("template_id", "position", name=op.f("uq_scorecard_criteria_template_id")),
    )
    with op.batch_alter_table("scorecards") as batch:
        batch.add_column(sa.Column("template_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("status", sa.String(length=32), nullable=False, server_default="draft"))
        batch.add_column(_time("saved_at"))
        batch.add_column(_time("reopened_at"))
        batch.add_column(sa.Column("reopened_by_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("reopen_reason", sa.Text(), nullable=False, server_default=""))
        batch.create_foreign_key(op.f("fk_scorecards_template_id_scorecard_templates"), "scorecard_templates",
                                 ["template_id"], ["id"])
        batch.create_foreign_key(op.f("fk_scorecards_reopened_by_id_users"), "users", ["reopened_by_id"], ["id"])
        batch.create_index(op.f("ix_scorecards_template_id"), ["template_id"])
    op.execute("UPDATE scorecards SET status = 'submitted' WHERE submitted_at IS NOT NULL")
    op.create_table(
        "scores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scorecard_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["criterion_id"], ["scorecard_criteria.id"],
                                name=op.f("fk_scores_criterion_id_scorecard_criteria")),
        sa.ForeignKeyConstraint(["scorecard_id"], ["scorecards.id"], ondelete="CASCADE",
                                name=op.f("fk_scores_scorecard_id_scorecards")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scores")),
        sa.UniqueConstraint("scorecard_id", "criterion_id", name=op.f("uq_scores_scorecard_id")),
    )
    op.create_table(
        "round_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.Column("average", sa.Numeric(5, 2), nullable=True),
        sa.Column("proposed", sa.String(length=32), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        _time("proposed_at", nullable=False),
        sa.Column("outcome", sa.String(length=32), nullable=True),
        sa.Column("overridden", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        _time("decided_at"),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"],
                                name=op.f("fk_round_decisions_interview_id_interviews")),
        sa.ForeignKeyConstraint(["application_id"], ["applications.id"],
                                name=op.f("fk_round_decisions_application_id_applications")),
        sa.ForeignKeyConstraint(["template_id"], ["scorecard_templates.id"],
                                name=op.f("fk_round_decisions_template_id_scorecard_templates")),
        sa.ForeignKeyConstraint(["decided_by_id"], ["users.id"], name=op.f("fk_round_decisions_decided_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_round_decisions")),
        sa.UniqueConstraint("interview_id", name=op.f("uq_round_decisions_interview_id")),
    )
    op.create_index(op.f("ix_round_decisions_application_id"), "round_decisions", ["application_id"])
    with op.batch_alter_table("offers") as batch:   # issue 12 §3: the offer service
        batch.add_column(sa.Column("pay", sa.JSON(), nullable=False, server_default="[]"))
        batch.add_column(sa.Column("probation_months", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("work_place", sa.String(length=200), nullable=False, server_default=""))
        batch.add_column(_time("reply_by"))
        batch.add_column(sa.Column("chain_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("current_step", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(_time("step_due_at"))
        batch.add_column(sa.Column("answer_note", sa.Text(), nullable=False, server_default=""))
        batch.create_foreign_key(op.f("fk_offers_chain_id_approval_chains"), "approval_chains", ["chain_id"], ["id"])
    _contracts_upgrade()


def _contracts_upgrade() -> None:
    op.create_table(
        "contract_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("clauses", sa.JSON(), nullable=False),
        _time("created_at", nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"],
                                name=op.f("fk_contract_templates_created_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract_templates")),
        sa.UniqueConstraint("name", "version", name=op.f("uq_contract_templates_name")),
    )
    op.create_index(op.f("ix_contract_templates_name"), "contract_templates", ["name"])
    with op.batch_alter_table("contracts") as batch:
        batch.add_column(sa.Column("template_id", sa.Integer(), nullable=True))
        batch.add_column(_time("issued_at"))
        batch.add_column(sa.Column("issued_by_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_contracts_template_id_contract_templates"), "contract_templates",
                                 ["template_id"], ["id"])
        batch.create_foreign_key(op.f("fk_contracts_issued_by_id_users"), "users", ["issued_by_id"], ["id"])
    op.create_table(
        "contract_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("media_type", sa.String(length=50), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        _time("added_at", nullable=False),
        sa.Column("added_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["contract_id"], ["contracts.id"], ondelete="CASCADE",
                                name=op.f("fk_contract_documents_contract_id_contracts")),
        sa.ForeignKeyConstraint(["added_by_id"], ["users.id"], name=op.f("fk_contract_documents_added_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract_documents")),
    )
    op.create_index(op.f("ix_contract_documents_contract_id"), "contract_documents", ["contract_id"])


def _contracts_downgrade() -> None:
    op.drop_index(op.f("ix_contract_documents_contract_id"), table_name="contract_documents")
    op.drop_table("contract_documents")
    with op.batch_alter_table("contracts") as batch:
        batch.drop_constraint(op.f("fk_contracts_issued_by_id_users"), type_="foreignkey")
        batch.drop_constraint(op.f("fk_contracts_template_id_contract_templates"), type_="foreignkey")
        for column in ("issued_by_id", "issued_at", "template_id"):
            batch.drop_column(column)
    op.drop_index(op.f("ix_contract_templates_name"), table_name="contract_templates")
    op.drop_table("contract_templates")


def downgrade() -> None:
    _contracts_downgrade()
    with op.batch_alter_table("offers") as batch:
        batch.drop_constraint(op.f("fk_offers_chain_id_approval_chains"), type_="foreignkey")
        for column in ("answer_note", "step_due_at", "current_step", "chain_id", "reply_by", "work_place",
                       "probation_months", "pay"):
            batch.drop_column(column)
    op.drop_index(op.f("ix_round_decisions_application_id"), table_name="round_decisions")
    op.drop_table("round_decisions")
    op.drop_table("scores")
    with op.batch_alter_table("scorecards") as batch:
        batch.drop_index(op.f("ix_scorecards_template_id"))
        batch.drop_constraint(op.f("fk_scorecards_reopened_by_id_users"), type_="foreignkey")
        batch.drop_constraint(op.f("fk_scorecards_template_id_scorecard_templates"), type_="foreignkey")
        for column in ("reopen_reason", "reopened_by_id", "reopened_at", "saved_at", "status", "template_id"):
            batch.drop_column(column)
    op.drop_table("scorecard_criteria")
    op.drop_index(op.f("ix_scorecard_templates_round_id"), table_name="scorecard_templates")
    op.drop_index(op.f("ix_scorecard_templates_line"), table_name="scorecard_templates")
    op.drop_table("scorecard_templates")
    op.create_table(
        "scorecard_criteria",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("weight", sa.Numeric(precision=5, scale=2), nullable=False),
        sa.Column("max_score", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"], name=op.f("fk_scorecard_criteria_round_id_rounds"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scorecard_criteria")),
        sa.UniqueConstraint("round_id", "position", name=op.f("uq_scorecard_criteria_round_id")),
    )
    op.create_table(
        "scores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scorecard_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("remark", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["criterion_id"], ["scorecard_criteria.id"],
                                name=op.f("fk_scores_criterion_id_scorecard_criteria")),
        sa.ForeignKeyConstraint(["scorecard_id"], ["scorecards.id"], name=op.f("fk_scores_scorecard_id_scorecards"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scores")),
        sa.UniqueConstraint("scorecard_id", "criterion_id", name=op.f("uq_scores_scorecard_id")),
    )
