"""candidate search keys: index the name and phone, and keep the last four phone digits

HR officers find a candidate by name prefix, by full phone number or by the last four digits
("尾号") read out on the phone. The first schema scanned the table for these.

Revision ID: 0002
Revises: 0001
"""
import re

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("candidates", schema=None) as batch_op:
        batch_op.add_column(sa.Column("phone_tail", sa.String(length=4), nullable=True))
        batch_op.create_index(batch_op.f("ix_candidates_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_candidates_phone"), ["phone"], unique=False)
        batch_op.create_index(batch_op.f("ix_candidates_phone_tail"), ["phone_tail"], unique=False)

    conn = op.get_bind()
    candidates = sa.table("candidates", sa.column("id", sa.Integer), sa.column("phone", sa.String),
                          sa.column("phone_tail", sa.String))
    rows = conn.execute(sa.select(candidates.c.id, candidates.c.phone).where(candidates.c.phone.is_not(None)))
    updates = []
    for row in rows:
        digits = re.sub(r"\D", "", row.phone or "")
        if len(digits) >= 4:
            updates.append({"cid": row.id, "tail": digits[-4:]})
    if updates:
        conn.execute(candidates.update().where(candidates.c.id == sa.bindparam("cid"))
                     .values(phone_tail=sa.bindparam("tail")), updates)


def downgrade() -> None:
    with op.batch_alter_table("candidates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_candidates_phone_tail"))
        batch_op.drop_index(batch_op.f("ix_candidates_phone"))
        batch_op.drop_index(batch_op.f("ix_candidates_name"))
        batch_op.drop_column("phone_tail")
