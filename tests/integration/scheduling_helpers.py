"""Helpers shared by the scheduling tests.

Building the small hospital of tests/scheduling_world.py takes some twenty units of work. Each
test gets its own copy of a world built once per test run and backend: a copy of the encrypted
file (opened with the passphrase, as the app does) or a PostgreSQL database cloned from a template
database. Copies keep every id, so the World's actors and ids stay valid; only its Database is new."""

from __future__ import annotations

import dataclasses
import shutil
import uuid
from datetime import datetime
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select, text

from desktop.core.clock import Clock, ManualClock
from desktop.core.model import ApprovalChain, InterviewMode, Verdict
from desktop.core.scheduling import booking, changes
from desktop.core.storage.database import Actor, Database, open_embedded, open_server
from desktop.core.storage.keys import key_file_for

from factories import PASSPHRASE, PG_ADMIN_DSN, pg_url
from scheduling_world import STORY_DAY, World, build, local

BACKENDS = ["sqlcipher", "postgresql"]
_templates: dict[tuple[str, int], tuple[str, World]] = {}


def _pg_admin(sql: str) -> None:
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(sql)


def _copy_file(source: Path, target: Path) -> None:
    """An encrypted file and its key file, copied as they are (same key, same passphrase)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    shutil.copyfile(key_file_for(source), key_file_for(target))


def _template(request: pytest.FixtureRequest, backend: str, candidates: int) -> tuple[str, World]:
    """The world built once per run and backend, from the migrated templates of tests/conftest.py."""
    key = (backend, candidates)
    if key not in _templates:
        clock = ManualClock(local(STORY_DAY, 8, 0))
        if backend == "sqlcipher":
            path = request.getfixturevalue("tmp_path_factory").mktemp("world") / "world.db"
            _copy_file(request.getfixturevalue("sqlcipher_template"), path)
            db = open_embedded(path, passphrase=PASSPHRASE, clock=clock)
            world = build(db, candidates)
            with db.engine.connect() as conn:
                conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))  # everything in the file to copy
            location = str(path)
        else:
            location = f"idworld_{uuid.uuid4().hex[:10]}"
            _pg_admin(f'CREATE DATABASE "{location}" TEMPLATE "{request.getfixturevalue("pg_template")}"')
            request.config.add_cleanup(lambda: _pg_admin(f'DROP DATABASE IF EXISTS "{location}" WITH (FORCE)'))
            db = open_server(pg_url(location), clock=clock)
            world = build(db, candidates)
        db.dispose()
        _templates[key] = (location, world)
    return _templates[key]


def world_copy(request: pytest.FixtureRequest, backend: str, clock: Clock, candidates: int = 3) -> World:
    """A fresh copy of the world for one test, on `backend`; closed (and dropped) after the test."""
    location, world = _template(request, backend, candidates)
    if backend == "sqlcipher":
        path = request.getfixturevalue("tmp_path") / "db" / "interviewdesk.db"
        _copy_file(Path(location), path)
        db = open_embedded(path, passphrase=PASSPHRASE, clock=clock)
        request.addfinalizer(db.dispose)
    else:
        name = f"idtest_{uuid.uuid4().hex[:12]}"
        _pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{location}"')
        db = open_server(pg_url(name), clock=clock)

        def drop() -> None:
            db.dispose()
            _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        request.addfinalizer(drop)
    return dataclasses.replace(world, db=db)


def reopen(db: Database) -> Database:
    """Close every connection and open the same database again, as after restarting the app."""
    db.dispose()
    if db.is_embedded:
        return open_embedded(db.path, passphrase=PASSPHRASE, clock=db.clock)
    return open_server(db.engine.url.render_as_string(hide_password=False), clock=db.clock)


# --- acting in the world ------------------------------------------------------------------------

def book(w: World, candidate: int, start: datetime, *, interviewers: tuple[int, ...] | None = None,
         room: int | None = None, minutes: int = 30, reason: str = "", mode: InterviewMode = InterviewMode.ONSITE,
         external=None) -> booking.Booked:
    """HR books candidate number `candidate` (default: 王主任 in room 301)."""
    video = mode == InterviewMode.VIDEO
    with w.db.session(w.hr, write=True) as s:
        return booking.book(s, w.hr, booking.BookingInput(
            application_id=w.applications[candidate], round_id=w.round1, starts_at=start, duration_minutes=minutes,
            mode=mode, room_id=None if video else (room or w.room),
            video_link="https://meet.example.cn/x" if video else "",
            interviewer_ids=interviewers or (w.wang.user_id,)), override_reason=reason, external=external)


def act(w: World, actor: Actor, fn, *args, **kwargs):
    """`fn(session, actor, *args, **kwargs)` in one write transaction as `actor`, as the desktop calls a
    service; returns what it returns."""
    with w.db.session(actor, write=True) as s:
        return fn(s, actor, *args, **kwargs)


def request(w: World, data: changes.ChangeInput, actor: Actor | None = None) -> changes.RequestResult:
    with w.db.session(actor or w.hr, write=True) as s:
        return changes.request_change(s, actor or w.hr, data)


def decide(w: World, actor: Actor, request_id: int, verdict: Verdict, comment: str = "同意",
           step: int = 1) -> changes.DecisionResult:
    with w.db.session(actor, write=True) as s:
        return changes.decide(s, actor, request_id, verdict, comment, expected_step=step)


def approve_default_chain(w: World, request_id: int) -> None:
    """Department leader approves, personnel office files, director confirms."""
    decide(w, w.leader, request_id, Verdict.APPROVED, "同意", 1)
    decide(w, w.personnel, request_id, Verdict.FILED, "已备案", 2)
    decide(w, w.director, request_id, Verdict.CONFIRMED, "确认", 3)


def default_chain_id(w: World) -> int:
    with w.db.session() as s:
        return s.scalar(select(ApprovalChain.id).where(ApprovalChain.department_id.is_(None),
                                                       ApprovalChain.change_kind.is_(None)))
