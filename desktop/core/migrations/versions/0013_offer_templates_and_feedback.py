"""offer templates per post type, and the feedback summary HR approves

- positions gain post_type (岗位类别: management 管理岗位, professional 专业技术岗位, skilled
  工勤技能岗位, or an institution's own code; "" when not set), which chooses the offer template;
- offer_templates: per post type (or the default for every type when post_type is NULL) the salary
  structure's lines, probation, work place, days to reply and days to the start, the letter's text;
  an offer remembers the template it was drafted from;
- round_decisions gain the written feedback summary for the candidate, who approved it and when
  (feedback visibility "summary": the feedback goes out once HR approved the summary).

Revision ID: 0013
Revises: 0012
"""
import sqlalchemy as sa
from alembic import op

from desktop.core.model.base import UTCDateTime

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def _time(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, UTCDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    with op.batch_alter_table("positions") as batch:
        batch.add_column(sa.Column("post_type", sa.String(length=40), nullable=False, server_default=""))
    op.create_table(
        "offer_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("post_type", sa.String(length=40), nullable=True),
        sa.Column("pay", sa.JSON(), nullable=False),
        sa.Column("probation_months", sa.Integer(), nullable=False),
        sa.Column("work_place", sa.String(length=200), nullable=False),
        sa.Column("reply_days", sa.Integer(), nullable=False),
        sa.Column("start_days", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _time("created_at", False),
        _time("updated_at", False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["updated_by_id"], ["users.id"], name=op.f("fk_offer_templates_updated_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offer_templates")),
        sa.UniqueConstraint("name", name=op.f("uq_offer_templates_name")),
    )
    with op.batch_alter_table("offers") as batch:
        batch.add_column(sa.Column("template_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(op.f("fk_offers_template_id_offer_templates"), "offer_templates",
                                 ["template_id"], ["id"])
    with op.batch_alter_table("round_decisions") as batch:
        batch.add_column(sa.Column("feedback_summary", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("summary_approved_by_id", sa.Integer(), nullable=True))
        batch.add_column(_time("summary_approved_at"))
        batch.create_foreign_key(op.f("fk_round_decisions_summary_approved_by_id_users"), "users",
                                 ["summary_approved_by_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("round_decisions") as batch:
        batch.drop_constraint(op.f("fk_round_decisions_summary_approved_by_id_users"), type_="foreignkey")
        for column in ("summary_approved_at", "summary_approved_by_id", "feedback_summary"):
            batch.drop_column(column)
    with op.batch_alter_table("offers") as batch:
        batch.drop_constraint(op.f("fk_offers_template_id_offer_templates"), type_="foreignkey")
        batch.drop_column("template_id")
    op.drop_table("offer_templates")
    with op.batch_alter_table("positions") as batch:
        batch.drop_column("post_type")
