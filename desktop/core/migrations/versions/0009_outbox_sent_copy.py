"""outbox: a copy of what went out

The 发件箱 viewer showed a sent message rendered again from the templates as they are now, so a
template edited later changed what HR read. Each entry now keeps what its recipient got (e-mail
bytes, SMS text, OA title and text), written when it is sent.

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox_entries") as batch:
        batch.add_column(sa.Column("sent_copy", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox_entries") as batch:
        batch.drop_column("sent_copy")
