"""scheduling: the candidate's confirmation deadline per interview, a room/time index, the default
approval chain

The reminder engine looks up interviews whose confirmation deadline has passed; the conflict
check and slot finder look up a room's bookings by time. Every institution starts with the
default chain (department leader approves, personnel office files, supervising leader confirms),
which admins then adapt in Settings.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

import desktop.core.model.base

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("interviews", schema=None) as batch_op:
        batch_op.add_column(sa.Column("confirmation_due_at", desktop.core.model.base.UTCDateTime(timezone=True),
                                      nullable=True))
        batch_op.create_index(batch_op.f("ix_interviews_confirmation_due_at"), ["confirmation_due_at"], unique=False)
        batch_op.create_index("ix_interviews_room_starts", ["room_id", "starts_at"], unique=False)

    conn = op.get_bind()
    chains = sa.table("approval_chains", sa.column("id", sa.Integer), sa.column("name", sa.String),
                      sa.column("department_id", sa.Integer), sa.column("change_kind", sa.String),
                      sa.column("allow_same_day_apply", sa.Boolean), sa.column("is_active", sa.Boolean),
                      sa.column("version", sa.Integer))
    steps = sa.table("approval_steps", sa.column("chain_id", sa.Integer), sa.column("position", sa.Integer),
                     sa.column("kind", sa.String), sa.column("role", sa.String),
                     sa.column("deadline_minutes", sa.Integer))
    exists = conn.execute(sa.select(chains.c.id).where(chains.c.department_id.is_(None),
                                                       chains.c.change_kind.is_(None))).first()
    if exists is None:
        conn.execute(chains.insert().values(name="默认审批链", department_id=None, change_kind=None,
                                            allow_same_day_apply=False, is_active=True, version=1))
        chain_id = conn.execute(sa.select(chains.c.id).where(chains.c.department_id.is_(None),
                                                             chains.c.change_kind.is_(None))).scalar_one()
        conn.execute(steps.insert(), [
            {"chain_id": chain_id, "position": 1, "kind": "approve", "role": "dept_leader", "deadline_minutes": 60},
            {"chain_id": chain_id, "position": 2, "kind": "file", "role": "personnel_office", "deadline_minutes": 60},
            {"chain_id": chain_id, "position": 3, "kind": "confirm", "role": "director", "deadline_minutes": 60},
        ])


def downgrade() -> None:
    with op.batch_alter_table("interviews", schema=None) as batch_op:
        batch_op.drop_index("ix_interviews_room_starts")
        batch_op.drop_index(batch_op.f("ix_interviews_confirmation_due_at"))
        batch_op.drop_column("confirmation_due_at")
