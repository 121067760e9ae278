"""applications and pinyin order: an application's source and closing time and its timeline of stage
moves; candidates sorted by a stored pinyin key

Officers apply a candidate to a position and move the application through its stages (待定, 拟录用,
已录用, 未录用); each move is kept on the application's timeline. Candidate names sorted by code point
put 张 before 李; a pinyin key, computed by the program and indexed, lets the database sort and page
them in the order officers expect. Existing candidates get their key here. Searches by phone or ID
number are audited and limited per user: an index finds one user's recent searches in the log.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

from desktop.core.model.base import UTCDateTime
from desktop.core.sortkeys import KEY_LENGTH, name_sort_key

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

SORT_KEY_TYPE = sa.String(KEY_LENGTH).with_variant(sa.String(KEY_LENGTH, collation="C"), "postgresql")


def upgrade() -> None:
    # The server defaults stay: removing them would make SQLite copy the tables, which their foreign
    # keys refuse; the program always writes both columns itself.
    with op.batch_alter_table("candidates", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name_sort_key", SORT_KEY_TYPE, nullable=False, server_default=""))
    conn = op.get_bind()
    candidates = sa.table("candidates", sa.column("id", sa.Integer), sa.column("name", sa.String),
                          sa.column("name_sort_key", sa.String))
    rows = conn.execute(sa.select(candidates.c.id, candidates.c.name)).all()
    updates = [{"cid": row.id, "key": name_sort_key(row.name)} for row in rows]
    if updates:
        conn.execute(candidates.update().where(candidates.c.id == sa.bindparam("cid"))
                     .values(name_sort_key=sa.bindparam("key")), updates)
    with op.batch_alter_table("candidates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_candidates_name_sort_key"), ["name_sort_key"], unique=False)

    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source", sa.String(length=50), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("closed_at", UTCDateTime(timezone=True), nullable=True))
    applications = sa.table("applications", sa.column("stage", sa.String), sa.column("applied_at", UTCDateTime()),
                            sa.column("closed_at", UTCDateTime()))
    conn.execute(applications.update().where(applications.c.stage.in_(("hired", "rejected", "withdrawn")))
                 .values(closed_at=applications.c.applied_at))

    op.create_table(
        "application_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_label", sa.String(length=100), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["application_id"], ["applications.id"],
                                name=op.f("fk_application_events_application_id_applications")),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"], name=op.f("fk_application_events_actor_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_events")),
    )
    op.create_index(op.f("ix_application_events_application_id"), "application_events", ["application_id"],
                    unique=False)
    # Searches by phone or ID number are audited and limited per user and hour: counted on this index.
    op.create_index("ix_audit_log_actor_action_at", "audit_log", ["actor_id", "action", "at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_audit_log_actor_action_at", table_name="audit_log")
    op.drop_index(op.f("ix_application_events_application_id"), table_name="application_events")
    op.drop_table("application_events")
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_column("closed_at")
        batch_op.drop_column("source")
    with op.batch_alter_table("candidates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_candidates_name_sort_key"))
        batch_op.drop_column("name_sort_key")
