"""the electronic archive and the data lifecycle (issue 13)

- user_keys: each user's Ed25519 signing key, the private half wrapped under the password;
  signatures: one per signed decision (scheduling changes, offer steps, purge steps);
- archive_records gain why a dossier was made, the digest of the record it was made from, its
  size, pages, formation date, printed retention and department code; archive_exports is the
  register of exported packages;
- retention_policies gain the record class they govern and the day they count from;
  purge_requests / purge_decisions (two people, through a chain) and purge_tombstones (counts and
  dates of what a purge removed); candidates gain purged_at;
- personal_data_requests gain owner, channel, details, outcome and the answer, and an index on
  (status, due_at) for the minute job's overdue check;
- backup_runs: every backup, scheduled or not, and its verification;
- notices gain an index for one user's unread notices, newest first (the minute tick).

Revision ID: 0014
Revises: 0013
"""
import sqlalchemy as sa
from alembic import op

from desktop.core.model.base import UTCDateTime

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('backup_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('started_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('finished_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('trigger', sa.String(length=20), nullable=False),
    sa.Column('tier', sa.String(length=10), nullable=False),
    sa.Column('path', sa.String(length=500), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('verified', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('error', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_backup_runs'))
    )
    with op.batch_alter_table('backup_runs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_backup_runs_started_at'), ['started_at'], unique=False)

    op.create_table('archive_exports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('exported_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('exported_by_id', sa.Integer(), nullable=True),
    sa.Column('exported_by_label', sa.String(length=100), nullable=False),
    sa.Column('date_from', sa.Date(), nullable=True),
    sa.Column('date_to', sa.Date(), nullable=True),
    sa.Column('department_code', sa.String(length=40), nullable=False),
    sa.Column('destination', sa.String(length=500), nullable=False),
    sa.Column('dossier_count', sa.Integer(), nullable=False),
    sa.Column('package_sha256', sa.String(length=64), nullable=False),
    sa.Column('record_ids', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['exported_by_id'], ['users.id'], name=op.f('fk_archive_exports_exported_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_archive_exports'))
    )
    op.create_table('purge_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('record_class', sa.String(length=30), nullable=False),
    sa.Column('candidate_ids', sa.JSON(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('content_sha256', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('proposed_by_id', sa.Integer(), nullable=True),
    sa.Column('proposed_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('chain_id', sa.Integer(), nullable=True),
    sa.Column('current_step', sa.Integer(), nullable=False),
    sa.Column('step_due_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('decided_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('executed_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['chain_id'], ['approval_chains.id'], name=op.f('fk_purge_requests_chain_id_approval_chains')),
    sa.ForeignKeyConstraint(['proposed_by_id'], ['users.id'], name=op.f('fk_purge_requests_proposed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_purge_requests'))
    )
    with op.batch_alter_table('purge_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_purge_requests_status'), ['status'], unique=False)

    op.create_table('signatures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subject', sa.String(length=30), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('signer_id', sa.Integer(), nullable=False),
    sa.Column('key_id', sa.String(length=32), nullable=False),
    sa.Column('content_sha256', sa.String(length=64), nullable=False),
    sa.Column('verdict', sa.String(length=20), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('signed_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('signature', sa.String(length=128), nullable=False),
    sa.ForeignKeyConstraint(['signer_id'], ['users.id'], name=op.f('fk_signatures_signer_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signatures'))
    )
    with op.batch_alter_table('signatures', schema=None) as batch_op:
        batch_op.create_index('ix_signatures_subject', ['subject', 'subject_id'], unique=False)

    op.create_table('user_keys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('key_id', sa.String(length=32), nullable=False),
    sa.Column('public_key', sa.String(length=64), nullable=False),
    sa.Column('wrapped_private', sa.JSON(), nullable=False),
    sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('issued_by_id', sa.Integer(), nullable=True),
    sa.Column('retired_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('retired_reason', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['issued_by_id'], ['users.id'], name=op.f('fk_user_keys_issued_by_id_users')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_keys_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_keys')),
    sa.UniqueConstraint('key_id', name=op.f('uq_user_keys_key_id'))
    )
    with op.batch_alter_table('user_keys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_keys_user_id'), ['user_id'], unique=False)

    op.create_table('purge_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('purge_request_id', sa.Integer(), nullable=False),
    sa.Column('step_position', sa.Integer(), nullable=False),
    sa.Column('approver_id', sa.Integer(), nullable=False),
    sa.Column('approver_role', sa.String(length=32), nullable=False),
    sa.Column('verdict', sa.String(length=20), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('decided_at', UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['approver_id'], ['users.id'], name=op.f('fk_purge_decisions_approver_id_users')),
    sa.ForeignKeyConstraint(['purge_request_id'], ['purge_requests.id'], name=op.f('fk_purge_decisions_purge_request_id_purge_requests')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_purge_decisions'))
    )
    with op.batch_alter_table('purge_decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_purge_decisions_purge_request_id'), ['purge_request_id'], unique=False)

    op.create_table('purge_tombstones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=True),
    sa.Column('purge_request_id', sa.Integer(), nullable=True),
    sa.Column('record_class', sa.String(length=30), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('purged_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('purged_by_id', sa.Integer(), nullable=True),
    sa.Column('counts', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], name=op.f('fk_purge_tombstones_candidate_id_candidates'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['purge_request_id'], ['purge_requests.id'], name=op.f('fk_purge_tombstones_purge_request_id_purge_requests')),
    sa.ForeignKeyConstraint(['purged_by_id'], ['users.id'], name=op.f('fk_purge_tombstones_purged_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_purge_tombstones'))
    )
    with op.batch_alter_table('purge_tombstones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_purge_tombstones_candidate_id'), ['candidate_id'], unique=False)

    with op.batch_alter_table('archive_records', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reason', sa.String(length=20), nullable=False, server_default=""))
        batch_op.add_column(sa.Column('source_sha256', sa.String(length=64), nullable=False, server_default=""))
        batch_op.add_column(sa.Column('size_bytes', sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column('pages', sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column('formed_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('retention_label', sa.String(length=40), nullable=False, server_default=""))
        batch_op.add_column(sa.Column('department_code', sa.String(length=40), nullable=False, server_default=""))
        batch_op.create_index(batch_op.f('ix_archive_records_formed_on'), ['formed_on'], unique=False)

    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('purged_at', UTCDateTime(timezone=True), nullable=True))

    with op.batch_alter_table('personal_data_requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('owner_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('channel', sa.String(length=20), nullable=False, server_default=""))
        batch_op.add_column(sa.Column('details', sa.JSON(), nullable=False, server_default="{}"))
        batch_op.add_column(sa.Column('outcome', sa.String(length=20), nullable=False, server_default=""))
        batch_op.add_column(sa.Column('answer', sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column('answered_at', UTCDateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_personal_data_requests_owner_id_users'), 'users', ['owner_id'], ['id'])
        batch_op.create_index('ix_personal_data_requests_status_due', ['status', 'due_at'], unique=False)

    with op.batch_alter_table('retention_policies', schema=None) as batch_op:
        batch_op.add_column(sa.Column('record_class', sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column('starts_from', sa.String(length=20), nullable=False, server_default="closed"))
        batch_op.create_unique_constraint(batch_op.f('uq_retention_policies_record_class'), ['record_class'])

    # the minute tick's unread notices of one user, newest first
    op.create_index("ix_notices_user_seen_created", "notices", ["user_id", "seen_at", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_notices_user_seen_created", table_name="notices")
    with op.batch_alter_table("retention_policies") as batch:
        batch.drop_constraint(op.f("uq_retention_policies_record_class"), type_="unique")
        batch.drop_column("starts_from")
        batch.drop_column("record_class")
    with op.batch_alter_table("personal_data_requests") as batch:
        batch.drop_index("ix_personal_data_requests_status_due")
        batch.drop_constraint(op.f("fk_personal_data_requests_owner_id_users"), type_="foreignkey")
        for column in ("answered_at", "answer", "outcome", "details", "channel", "owner_id"):
            batch.drop_column(column)
    with op.batch_alter_table("candidates") as batch:
        batch.drop_column("purged_at")
    with op.batch_alter_table("archive_records") as batch:
        batch.drop_index(op.f("ix_archive_records_formed_on"))
        for column in ("department_code", "retention_label", "formed_on", "pages", "size_bytes",
                       "source_sha256", "reason"):
            batch.drop_column(column)
    for table in ("purge_tombstones", "purge_decisions", "user_keys", "signatures", "purge_requests",
                  "archive_exports", "backup_runs"):
        op.drop_table(table)
