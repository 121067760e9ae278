"""candidate list indexes: the list sorted by name pages through (name_sort_key, id), and a
name-prefix search sorted by name finds its matches and their pinyin order in (name, name_sort_key,
id) -- neither reads a row before the page is chosen (issue 14). They replace the indexes on the
name and on the sort key alone, of which they are extensions (PostgreSQL needs the id in the index
for the tie-break; SQLite keeps it there anyway).

Revision ID: 0015
Revises: 0014
"""
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_candidates_name_sort_key_id", "candidates", ["name_sort_key", "id"])
    op.create_index("ix_candidates_name_sorted", "candidates", ["name", "name_sort_key", "id"])
    op.drop_index("ix_candidates_name_sort_key", table_name="candidates")
    op.drop_index("ix_candidates_name", table_name="candidates")


def downgrade() -> None:
    op.create_index("ix_candidates_name", "candidates", ["name"])
    op.create_index("ix_candidates_name_sort_key", "candidates", ["name_sort_key"])
    op.drop_index("ix_candidates_name_sorted", table_name="candidates")
    op.drop_index("ix_candidates_name_sort_key_id", table_name="candidates")
