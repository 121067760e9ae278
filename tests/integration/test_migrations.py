"""Upgrading a database written by an older InterviewDesk: from every earlier revision, with real
rows, a backup first, nothing lost; and a database from a newer program is left alone."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

import psycopg
import pytest
from sqlalchemy import inspect, select, text

from desktop.core.audit import verify_chain
from desktop.core.errors import NewerSchema
from desktop.core.model import Department
from desktop.core.paths import app_dirs
from desktop.core.storage import admin, health, migrate
from desktop.core.storage.database import create_embedded, open_embedded, open_server, sqlcipher_key_of
from storage_helpers import PASSPHRASE, PG_ADMIN_DSN, add_people, fingerprint, server_url

CANDIDATES_0001 = [  # (name, phone, expected phone_tail after 0002)
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


def populate_0001(db, now: datetime) -> None:
    """Rows as the program of revision 0001 wrote them: candidates have no phone_tail yet."""
    with db.session(write=True) as s:      # departments are unchanged since 0001: the ORM can write them
        s.add(Department(name="人事处", code="RS", created_at=now))
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
        for name, phone, _tail in CANDIDATES_0001:
            conn.execute(text(
                "INSERT INTO candidates (name, gender, phone, email, education, school, major, years_experience, "
                "experience, skills, resume_summary, source_channel, department_id, talent_pool_consent, "
                "restricted, reschedule_count, no_show_count, late_count, created_at, updated_at, version) "
                "VALUES (:name, 'unspecified', :phone, NULL, 'master', '北京大学', '', 3, '', '', '', '校园招聘', 1, "
                "false, false, 0, 0, 0, :now, :now, 1)"), {"name": name, "phone": phone, "now": now})
        conn.execute(text("INSERT INTO applications (candidate_id, position_id, stage, applied_at, version) "
                          "SELECT id, 1, 'applied', :now, 1 FROM candidates"), {"now": now})


def populate_0002(db, now: datetime) -> None:
    """Rows as the program of revision 0002 wrote them: phone tails kept, no confirmation deadlines."""
    populate_0001(db, now)
    with db.engine.begin() as conn:
        for name, _phone, tail in CANDIDATES_0001:
            conn.execute(text("UPDATE candidates SET phone_tail = :tail WHERE name = :name"),
                         {"tail": tail, "name": name})


POPULATE = {"0001": populate_0001, "0002": populate_0002}
# What each revision's successor added, to show the backup really is the old schema.
ADDED_LATER = {"0001": ("candidates", "phone_tail"), "0002": ("interviews", "confirmation_due_at")}
OLDER = migrate.all_revisions()[:-1]


def snapshot(conn) -> dict[str, list]:
    return {
        "candidates": [tuple(r) for r in conn.execute(text("SELECT id, name, phone FROM candidates ORDER BY id"))],
        "applications": [tuple(r) for r in conn.execute(
            text("SELECT id, candidate_id, position_id, stage FROM applications ORDER BY id"))],
        "users": [tuple(r) for r in conn.execute(text("SELECT id, username FROM users ORDER BY id"))],
        "positions": [tuple(r) for r in conn.execute(text("SELECT id, code FROM positions ORDER BY id"))],
    }


@pytest.mark.parametrize("revision", OLDER)
def test_upgrade_from_every_older_revision_keeps_rows_and_backs_up_first(empty_db, clock, revision):
    db = empty_db
    migrate.upgrade(db, revision)
    assert migrate.current_revision(db) == revision
    if revision not in POPULATE:
        pytest.fail(f"add a populate function with rows valid at revision {revision}")
    POPULATE[revision](db, clock.now())
    with db.engine.connect() as conn:
        before = snapshot(conn)
    assert len(before["candidates"]) == len(CANDIDATES_0001)

    state = migrate.ensure_current(db, admin.pre_migration_backup)

    head = migrate.head_revision()
    assert state.current == head and migrate.current_revision(db) == head
    with db.engine.connect() as conn:
        assert snapshot(conn) == before
        tails = [r[0] for r in conn.execute(text("SELECT phone_tail FROM candidates ORDER BY id"))]
    assert tails == [tail for _n, _p, tail in CANDIDATES_0001]
    with db.session() as s:
        assert verify_chain(s).ok
    assert health.check(db).ok
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
                table, column = ADDED_LATER[revision]
                assert column not in {c["name"] for c in inspect(conn).get_columns(table)}
        finally:
            old.dispose()
    else:
        with db.engine.connect() as conn:
            schemas = [s for s in inspect(conn).get_schema_names() if s.startswith("idbackup_")]
            assert schemas == [f"idbackup_before_upgrade_{revision}_20261123t010000z"]
            conn.execute(text(f'SET search_path TO "{schemas[0]}"'))
            assert snapshot(conn) == before
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == revision
            table, column = ADDED_LATER[revision]
            assert column not in {c["name"] for c in inspect(conn).get_columns(table, schemas[0])}


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
