"""Upgrading a database written by an older InterviewDesk: from every earlier revision, with real
rows, a backup first, nothing lost; and a database from a newer program is left alone."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import psycopg
import pytest
from sqlalchemy import inspect, select, text

from desktop.core.audit import verify_chain
from desktop.core.errors import NewerSchema
from desktop.core.model import AuditEntry, Department
from desktop.core.paths import app_dirs
from desktop.core.storage import admin, health, migrate
from desktop.core.storage.database import create_embedded, open_embedded, open_server, sqlcipher_key_of
from storage_helpers import PASSPHRASE, PG_ADMIN_DSN, add_people, fingerprint, server_url

CANDIDATES = [  # (name, phone, expected phone_tail after 0002)
    ("张伟", "138-0013-8000", "8000"),
    ("王芳", "+86 139 1234 5678", "5678"),
    ("李娜", "13700001111", "1111"),
    ("刘洋", None, None),
    ("陈静", "12", None),            # too short to have a tail
]


@pytest.fixture(params=["sqlcipher", "postgresql"])
def empty_db(request, tmp_path, clock):
    """A database with no schema at all, on each backend."""
    if request.param == "sqlcipher":
        db, _recovery = create_embedded(tmp_path / "db" / "interviewdesk.db", PASSPHRASE, clock=clock)
        yield db
        db.dispose()
        return
    name = f"idtest_mig_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    db = open_server(server_url(name), clock=clock)
    yield db
    db.dispose()
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _populate(db, now: datetime, *, with_phone_tail: bool) -> None:
    """Rows as an older program wrote them, in SQL valid at revisions 0001 and 0002."""
    with db.session(write=True) as s:      # departments are unchanged since 0001: the ORM can write them
        s.add(Department(name="人事处", code="RS", created_at=now))
    tail_column, tail_value = (", phone_tail", ", :tail") if with_phone_tail else ("", "")
    with db.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO users (username, display_name, department_id, password_hash, is_active, "
            "must_change_password, failed_logins, created_at, version) "
            "VALUES ('wangfang', '王芳', 1, 'x', true, false, 0, :now, 1)"), {"now": now})
        conn.execute(text(
            "INSERT INTO positions (code, title, department_id, headcount, education, min_years, skills, "
            "description, status, created_at, updated_at, version) "
            "VALUES ('RS-2026-01', '人事专员', 1, 2, 'bachelor', 1, 'Excel', '', 'open', :now, :now, 1)"),
            {"now": now})
        conn.execute(text("INSERT INTO rounds (position_id, sequence, name, kind, duration_minutes) "
                          "VALUES (1, 1, '初试', 'hr', 30)"))
        conn.execute(text("INSERT INTO rooms (name, location, capacity, is_active, version) "
                          "VALUES ('第一会议室', '行政楼 301', 8, true, 1)"))
        for name, phone, tail in CANDIDATES:
            conn.execute(text(
                "INSERT INTO candidates (name, gender, phone, email, education, school, major, years_experience, "
                "experience, skills, resume_summary, source_channel, department_id, talent_pool_consent, "
                f"restricted, reschedule_count, no_show_count, late_count, created_at, updated_at, version{tail_column}) "
                "VALUES (:name, 'unspecified', :phone, NULL, 'master', '北京大学', '', 3, '', '', '', '校园招聘', 1, "
                f"false, false, 0, 0, 0, :now, :now, 1{tail_value})"), {"name": name, "phone": phone, "now": now,
                                                                        "tail": tail})
        conn.execute(text("INSERT INTO applications (candidate_id, position_id, stage, applied_at, version) "
                          "SELECT id, 1, 'interviewing', :now, 1 FROM candidates"), {"now": now})
        for app_id in conn.execute(text("SELECT id FROM applications ORDER BY id")).scalars().all():
            conn.execute(text(
                "INSERT INTO interviews (uid, application_id, round_id, starts_at, duration_minutes, mode, room_id, "
                "status, sequence, hr_owner_id, notes, created_at, version) VALUES (:uid, :app, 1, :starts, 30, "
                "'onsite', 1, 'scheduled', 0, 1, '', :now, 1)"),
                {"uid": f"iv-{app_id}@interviewdesk", "app": app_id, "starts": now + timedelta(days=1, hours=app_id),
                 "now": now})


def populate_0001(db, now: datetime) -> None:
    """Candidates of revision 0001 have no phone_tail column yet: 0002 must backfill it."""
    _populate(db, now, with_phone_tail=False)


def populate_0002(db, now: datetime) -> None:
    """From 0002 on the program writes phone_tail itself."""
    _populate(db, now, with_phone_tail=True)


def populate_0003(db, now: datetime) -> None:
    """0003 added the confirmation deadline; 0004 adds tables only and must keep every row."""
    _populate(db, now, with_phone_tail=True)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE interviews SET confirmation_due_at = :due"), {"due": now + timedelta(hours=1)})


def populate_0004(db, now: datetime) -> None:
    """0005 adds the pinyin sort key (backfilled from the names) and closes finished applications;
    0006 gives change requests a reason category and decisions their channel: a request with a
    decision written at 0004 must come through (the decision counts as given in the app); 0007
    starts comparing records with the audit log, so rows written without entries (busy
    times from a calendar file) are adopted as they are at the upgrade; 0008 gives users a language column
    that starts empty."""
    populate_0003(db, now)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE applications SET stage = 'rejected' WHERE id = 1"))
        conn.execute(text(
            "INSERT INTO change_requests (interview_id, kind, requested_by_party, requested_by_id, reason, before, "
            "proposed, status, chain_id, current_step, applied_early, created_at, version) VALUES (1, 'reschedule', "
            "'candidate', 1, '候选人有考试', '{}', '{}', 'pending', 1, 2, false, :now, 1)"), {"now": now})
        conn.execute(text(
            "INSERT INTO decisions (change_request_id, step_position, approver_id, approver_role, verdict, comment, "
            "decided_at, change_sha256) VALUES (1, 1, 1, 'dept_leader', 'approved', '同意', :now, :sha)"),
            {"now": now, "sha": "0" * 64})
        conn.execute(text("INSERT INTO busy_blocks (user_id, room_id, starts_at, ends_at, summary, source, "
                          "source_uid, imported_at) VALUES (1, NULL, :start, :end, '外出', 'wang.ics', 'u1', :now)"),
                     {"start": now + timedelta(days=2), "end": now + timedelta(days=2, hours=1), "now": now})


def populate_0005(db, now: datetime) -> None:
    """Rows valid at 0005, 0006 and 0007 alike: the later revisions add the change request's reason
    category, the decision's channel, the audit log's baseline and the user's language to them."""
    populate_0004(db, now)


POPULATE = {"0001": populate_0001, "0002": populate_0002, "0003": populate_0003, "0004": populate_0004,
            "0005": populate_0005, "0006": populate_0005,
            "0007": populate_0005, "0008": populate_0005, "0009": populate_0005,
            "0010": populate_0005, "0011": populate_0005, "0012": populate_0005, "0013": populate_0005,
            "0014": populate_0005, "0015": populate_0005, "0016": populate_0005}
OLDER = migrate.all_revisions()[:-1]


def snapshot(conn) -> dict[str, list]:
    def rows(sql: str) -> list[tuple]:
        return [tuple(r) for r in conn.execute(text(sql))]

    return {
        "candidates": rows("SELECT id, name, phone FROM candidates ORDER BY id"),
        "applications": rows("SELECT id, candidate_id, position_id, stage FROM applications ORDER BY id"),
        "interviews": rows("SELECT id, uid, application_id, room_id, starts_at, status FROM interviews ORDER BY id"),
        "users": rows("SELECT id, username FROM users ORDER BY id"),
        "positions": rows("SELECT id, code FROM positions ORDER BY id"),
        "rooms": rows("SELECT id, name FROM rooms ORDER BY id"),
    }


def columns(conn, schema: str | None = None) -> dict[str, set[str]]:
    found = inspect(conn)
    return {t: {c["name"] for c in found.get_columns(t, schema)} for t in ("candidates", "interviews")}


@pytest.mark.parametrize("revision", OLDER)
def test_upgrade_from_every_older_revision_keeps_rows_and_backs_up_first(empty_db, clock, revision):
    db = empty_db
    migrate.upgrade(db, revision)
    assert migrate.current_revision(db) == revision
    if revision not in POPULATE:
        pytest.fail(f"add a populate function with rows valid at revision {revision}")
    POPULATE[revision](db, clock.now())
    with db.engine.connect() as conn:
        before, old_columns = snapshot(conn), columns(conn)
    assert len(before["candidates"]) == len(CANDIDATES) == len(before["interviews"])

    state = migrate.ensure_current(db, admin.pre_migration_backup)

    head = migrate.head_revision()
    assert state.current == head and migrate.current_revision(db) == head
    with db.engine.connect() as conn:
        assert snapshot(conn) == before
        tails = [r[0] for r in conn.execute(text("SELECT phone_tail FROM candidates ORDER BY id"))]
        default_chains = conn.execute(text("SELECT count(*) FROM approval_chains "
                                           "WHERE department_id IS NULL AND change_kind IS NULL")).scalar()
    assert tails == [tail for _n, _p, tail in CANDIDATES]
    assert default_chains == 1
    if OLDER.index(revision) <= OLDER.index("0004"):   # rows written before 0005 get its backfill
        with db.engine.connect() as conn:   # 0005: every existing name gets its pinyin key
            by_pinyin = conn.execute(text("SELECT name FROM candidates ORDER BY name_sort_key")).scalars().all()
            closed = conn.execute(text("SELECT id FROM applications WHERE closed_at IS NOT NULL")).scalars().all()
        assert by_pinyin == ["陈静", "李娜", "刘洋", "王芳", "张伟"]
        assert closed == ([1] if revision == "0004" else [])
    if revision in ("0004", "0005"):
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT channel FROM decisions")).scalars().all() == ["app"]
            assert conn.execute(text("SELECT reason_code FROM change_requests")).scalars().all() == [None]
    with db.session() as s:
        assert verify_chain(s).ok
        adopted = s.scalars(select(AuditEntry.entity).where(AuditEntry.action == "baseline",
                                                            AuditEntry.actor_name == "upgrade")).all()
    # rows written without entries (here: by SQL) are adopted as they are, once, at the upgrade past 0007
    # (rows written by SQL once a database compares records with the log are what db check is for)
    if OLDER.index(revision) < OLDER.index("0007"):
        assert adopted.count("Candidate") == len(CANDIDATES) and adopted.count("Interview") == len(CANDIDATES)
        assert health.check(db).ok
    else:
        assert adopted == [] and not health.check(db).ok
    with db.engine.connect() as conn:  # 0003 gives every institution the default approval chain
        steps = conn.execute(text("SELECT s.kind, s.role FROM approval_steps s JOIN approval_chains c "
                                  "ON c.id = s.chain_id WHERE c.department_id IS NULL ORDER BY s.position")).all()
    assert [tuple(r) for r in steps] == [("approve", "dept_leader"), ("file", "personnel_office"),
                                         ("confirm", "director")]

    if db.is_embedded:
        backups = sorted(app_dirs().migration_backups.glob("*.db"))
        assert [b.name for b in backups] == [f"interviewdesk-before-upgrade-{revision}-20261123T010000Z.db"]
        assert admin.verify_backup(backups[0], passphrase=PASSPHRASE).ok
        old = open_embedded(backups[0], passphrase=PASSPHRASE)
        try:
            assert sqlcipher_key_of(old).raw == sqlcipher_key_of(db).raw
            assert migrate.current_revision(old) == revision
            with old.engine.connect() as conn:
                assert snapshot(conn) == before
                assert columns(conn) == old_columns      # the old schema, not the upgraded one
        finally:
            old.dispose()
    else:
        with db.engine.connect() as conn:
            schemas = [s for s in inspect(conn).get_schema_names() if s.startswith("idbackup_")]
            assert schemas == [f"idbackup_before_upgrade_{revision}_20261123t010000z"]
            conn.execute(text(f'SET search_path TO "{schemas[0]}"'))
            assert snapshot(conn) == before
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == revision
            assert columns(conn, schemas[0]) == old_columns


def test_a_new_empty_database_is_created_without_a_backup(empty_db):
    state = migrate.ensure_current(empty_db, admin.pre_migration_backup)
    assert state.up_to_date
    assert not app_dirs().migration_backups.exists()
    if not empty_db.is_embedded:
        with empty_db.engine.connect() as conn:
            assert not [s for s in inspect(conn).get_schema_names() if s.startswith("idbackup_")]


def test_two_backups_in_the_same_second_do_not_collide(db, clock):
    first = admin.pre_migration_backup(db, "before-upgrade-0002")
    second = admin.pre_migration_backup(db, "before-upgrade-0002")
    if db.is_embedded:
        assert first.path != second.path and first.path.exists() and second.path.exists()
    else:
        assert first.schema != second.schema
        with db.engine.connect() as conn:
            assert {first.schema, second.schema} <= set(inspect(conn).get_schema_names())


def test_a_database_from_a_newer_program_is_refused_and_left_alone(db, clock):
    add_people(db, clock)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9f3c0ffee123'"))
    assert "schema_unknown" in health.check(db).problems

    if db.is_embedded:
        path = db.path
        db.dispose()
        before = fingerprint(path.parent)
        db = open_embedded(path, passphrase=PASSPHRASE)
        try:
            with pytest.raises(NewerSchema):
                migrate.ensure_current(db, admin.pre_migration_backup)
        finally:
            db.dispose()
        assert fingerprint(path.parent) == before
    else:
        with db.engine.connect() as conn:
            schemas, rows = inspect(conn).get_schema_names(), snapshot(conn)
        with pytest.raises(NewerSchema):
            migrate.ensure_current(db, admin.pre_migration_backup)
        with db.engine.connect() as conn:
            assert inspect(conn).get_schema_names() == schemas and snapshot(conn) == rows
            assert conn.execute(select(text("version_num")).select_from(text("alembic_version"))).scalar() \
                == "9f3c0ffee123"
    assert not app_dirs().migration_backups.exists()


def test_the_migrated_schema_is_the_model(db):
    """Every table, column, index and constraint the model declares is what the migrations built."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from desktop.core.model import Base

    with db.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert [d for d in differences if not (isinstance(d, tuple) and d[0] == "remove_table"
                                           and d[1].name == "alembic_version")] == []
