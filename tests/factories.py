"""Seed data for tests, made the way an office sets itself up: a department tree, staff with roles,
positions and candidates through the core services; interviews, change requests, outbox entries,
archive records and alerts through the ORM until their services exist.

Import it from any test module (`from factories import ...`): tests/ is on sys.path because
tests/conftest.py lives there. Every helper takes an open Database and commits its own unit of work.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import func, select

from desktop.core import accounts
from desktop.core.clock import Clock
from desktop.core.model import (
    Alert, Application, ApplicationStage, ArchiveRecord, AuditEntry, ChangeKind, ChangeRequest, ChangeStatus,
    Interview, InterviewParticipant, OutboxEntry, OutboxState, Party, Role, RoleGrant, Room, Round, User,
)
from desktop.core.services import candidates, departments, positions
from desktop.core.storage import migrate
from desktop.core.storage.database import Actor, Database, create_embedded, open_server
from desktop.core.validation import id_number_check_digit

PASSWORD = "Interview-2026"     # strong enough for the default policy (8 characters, two kinds)
SYSTEM = Actor.command_line()
PASSPHRASE = "Test-passphrase-1"
START = datetime(2026, 11, 23, 1, 0, tzinfo=timezone.utc)    # a Monday, 09:00 in Shanghai
PG_ADMIN_DSN = os.environ.get("INTERVIEWDESK_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


def pg_url(name: str) -> str:
    """The URL of database `name` on the test server."""
    return f"{PG_ADMIN_DSN.rsplit('/', 1)[0]}/{name}"


@contextmanager
def shared_database(kind: str, folder: Path, pg_template: str, clock: Clock) -> Iterator[Database]:
    """A database for the read-only tests of one module: seed once, query many times. `kind` is
    "sqlcipher" or "postgresql" (cloned from the session's migrated template), like the `db` fixture."""
    if kind == "sqlcipher":
        db, _recovery = create_embedded(folder / "shared.db", PASSPHRASE, clock=clock)
        migrate.upgrade(db)
        try:
            yield db
        finally:
            db.dispose()
        return
    name = f"idtest_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"')
    db = open_server(PG_ADMIN_DSN.rsplit("/", 1)[0] + "/" + name, clock=clock)
    try:
        yield db
    finally:
        db.dispose()
        with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- people and organisation --------------------------------------------------------------------

@dataclass(frozen=True)
class Departments:
    """内科 (A) with its sub-department 心内科, and the unrelated 外科 (B)."""

    a: int
    a_sub: int
    b: int


def department_tree(db: Database) -> Departments:
    with db.session(SYSTEM, write=True) as s:
        a = departments.create_department(s, SYSTEM, "内科", "NK")
        a_sub = departments.create_department(s, SYSTEM, "心内科", "XNK", parent_id=a)
        b = departments.create_department(s, SYSTEM, "外科", "WK")
    return Departments(a=a, a_sub=a_sub, b=b)


def id_number(born: date, area: str = "110101", sequence: str = "123") -> str:
    """A resident ID number that passes GB 11643 checks, for someone born on `born`."""
    first17 = f"{area}{born:%Y%m%d}{sequence}"
    return first17 + id_number_check_digit(first17)


def actor(role: Role | str, department_id: int | None, *, user_id: int | None = None,
          username: str = "") -> Actor:
    """A signed-in person holding one role, without an account row: cheap (no password hashing),
    for permission checks and for calling services as that role."""
    role = Role(role)
    return Actor(user_id=user_id, username=username or f"{role.value}_{department_id or 'all'}",
                 display_name=username or role.value, department_id=department_id,
                 grants=((role.value, department_id),))


@lru_cache(maxsize=None)
def _hash_of(password: str) -> str:
    return accounts.hash_password(password)


def add_user(db: Database, username: str, roles: list[tuple[Role, int | None]], *, password: str = PASSWORD,
             department_id: int | None = None, display_name: str = "") -> Actor:
    """A real account that can log in; returns its Actor. The Argon2id hash of each password is
    computed once per test run (hashing costs about 0.2 s), so the row is written through the ORM;
    tests of accounts.add_user itself call the service."""
    with db.session(SYSTEM, write=True) as s:
        user = User(username=username, display_name=display_name or username, password_hash=_hash_of(password),
                    department_id=department_id, created_at=s.info["clock"].now())
        user.grants = [RoleGrant(role=Role(role), department_id=dept) for role, dept in roles]
        s.add(user)
        s.flush()
        return accounts.actor_for_user(s, user.id)


# --- recruiting ---------------------------------------------------------------------------------

def add_position(db: Database, department_id: int, code: str, title: str = "", **fields: Any) -> int:
    data = positions.PositionInput(code=code, title=title or f"岗位 {code}", department_id=department_id, **fields)
    with db.session(SYSTEM, write=True) as s:
        return positions.create_position(s, SYSTEM, data)


def add_candidate(db: Database, name: str, department_id: int | None, **fields: Any) -> int:
    data = candidates.CandidateInput(name=name, department_id=department_id, **fields)
    with db.session(SYSTEM, write=True) as s:
        return candidates.create_candidate(s, SYSTEM, data)


def add_application(db: Database, candidate_id: int, position_id: int,
                    stage: ApplicationStage = ApplicationStage.APPLIED) -> int:
    with db.session(SYSTEM, write=True) as s:
        app = Application(candidate_id=candidate_id, position_id=position_id, stage=stage,
                          applied_at=s.info["clock"].now())
        s.add(app)
        s.flush()
        return app.id


# --- scheduling and delivery (ORM until their services exist) -----------------------------------

def add_room(db: Database, name: str) -> int:
    with db.session(SYSTEM, write=True) as s:
        room = Room(name=name)
        s.add(room)
        s.flush()
        return room.id


def add_interview(db: Database, application_id: int, starts_at: datetime, *, round_sequence: int = 1,
                  room_id: int | None = None, interviewer_ids: tuple[int, ...] = ()) -> int:
    with db.session(SYSTEM, write=True) as s:
        position_id = s.scalar(select(Application.position_id).where(Application.id == application_id))
        round_id = s.scalar(select(Round.id).where(Round.position_id == position_id,
                                                   Round.sequence == round_sequence))
        interview = Interview(uid=f"{uuid.uuid4()}@interviewdesk", application_id=application_id,
                              round_id=round_id, starts_at=starts_at, room_id=room_id,
                              created_at=s.info["clock"].now())
        interview.participants = [InterviewParticipant(user_id=u) for u in interviewer_ids]
        s.add(interview)
        s.flush()
        return interview.id


def add_change_request(db: Database, interview_id: int, *, kind: ChangeKind = ChangeKind.RESCHEDULE,
                       status: ChangeStatus = ChangeStatus.PENDING, reason: str = "候选人请求改时") -> int:
    with db.session(SYSTEM, write=True) as s:
        cr = ChangeRequest(interview_id=interview_id, kind=kind, requested_by_party=Party.CANDIDATE, reason=reason,
                           before={}, proposed={}, status=status, created_at=s.info["clock"].now())
        s.add(cr)
        s.flush()
        return cr.id


def add_outbox_entry(db: Database, recipient: str, *, interview_id: int | None = None, channel: str = "sms",
                     kind: str = "candidate_notice", state: OutboxState = OutboxState.PENDING) -> int:
    with db.session(SYSTEM, write=True) as s:
        entry = OutboxEntry(dedupe_key=uuid.uuid4().hex, interview_id=interview_id, channel=channel, kind=kind,
                            recipient=recipient, state=state, created_at=s.info["clock"].now())
        s.add(entry)
        s.flush()
        return entry.id


def add_archive_record(db: Database, code: str, title: str, application_id: int | None = None) -> int:
    with db.session(SYSTEM, write=True) as s:
        record = ArchiveRecord(archive_code=code, title=title, application_id=application_id,
                               created_at=s.info["clock"].now())
        s.add(record)
        s.flush()
        return record.id


def add_alert(db: Database, kind: str, *, interview_id: int | None = None, user_id: int | None = None) -> int:
    with db.session(SYSTEM, write=True) as s:
        alert = Alert(dedupe_key=uuid.uuid4().hex, kind=kind, interview_id=interview_id, user_id=user_id,
                      raised_at=s.info["clock"].now())
        s.add(alert)
        s.flush()
        return alert.id


# --- looking at what was stored -----------------------------------------------------------------

def count(db: Database, model: type) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


@dataclass(frozen=True)
class Audited:
    action: str
    entity: str
    entity_id: str
    actor_name: str
    changes: dict[str, Any]


def audit_entries(db: Database, *, action: str | None = None, entity: str | None = None) -> list[Audited]:
    """The audit log in order, optionally only one action or entity."""
    conditions = []
    if action:
        conditions.append(AuditEntry.action == action)
    if entity:
        conditions.append(AuditEntry.entity == entity)
    with db.session() as s:
        return [Audited(e.action, e.entity, e.entity_id, e.actor_name, e.changes)
                for e in s.scalars(select(AuditEntry).where(*conditions).order_by(AuditEntry.seq))]
