"""Shared fixtures: a real SQLCipher file and a real PostgreSQL database, both at the head schema.

PostgreSQL runs on 127.0.0.1:5432 with trust authentication; each test gets a database of its own,
created from a template that is migrated once per session, and dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from datetime import datetime, timezone
from pathlib import Path

import psycopg
import pytest

from desktop.core.clock import ManualClock
from desktop.core.storage import migrate
from desktop.core.storage.database import Database, create_embedded, open_server

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PG_ADMIN_DSN = os.environ.get("INTERVIEWDESK_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
PASSPHRASE = "Test-passphrase-1"
START = datetime(2026, 11, 23, 1, 0, tzinfo=timezone.utc)  # 09:00 in Shanghai


def _pg_admin(sql: str) -> None:
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(sql)


def pg_url(name: str) -> str:
    base = PG_ADMIN_DSN.rsplit("/", 1)[0]
    return f"{base}/{name}"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own InterviewDesk home: no test touches the real user folders."""
    home = tmp_path / "home"
    monkeypatch.setenv("INTERVIEWDESK_HOME", str(home))
    monkeypatch.delenv("INTERVIEWDESK_PASSPHRASE", raising=False)
    return home


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture(scope="session")
def pg_template() -> str:
    name = f"idtest_tpl_{uuid.uuid4().hex[:8]}"
    _pg_admin(f'CREATE DATABASE "{name}"')
    db = open_server(pg_url(name))
    migrate.upgrade(db)
    db.dispose()
    yield name
    _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_database(pg_template: str):
    """A fresh PostgreSQL database name at the head schema; dropped after the test."""
    name = f"idtest_{uuid.uuid4().hex[:12]}"
    _pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"')
    yield name
    _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def embedded_path(tmp_path: Path) -> Path:
    return tmp_path / "db" / "interviewdesk.db"


def _open(backend: str, request: pytest.FixtureRequest, clock: ManualClock) -> Database:
    if backend == "sqlcipher":
        path = request.getfixturevalue("embedded_path")
        db, _recovery = create_embedded(path, PASSPHRASE, clock=clock)
        migrate.upgrade(db)
        return db
    name = request.getfixturevalue("pg_database")
    return open_server(pg_url(name), clock=clock)


@pytest.fixture(params=["sqlcipher", "postgresql"])
def db(request: pytest.FixtureRequest, clock: ManualClock) -> Database:
    """The same test on both backends: an encrypted SQLCipher file and a PostgreSQL database."""
    database = _open(request.param, request, clock)
    yield database
    database.dispose()


@pytest.fixture
def embedded_db(request: pytest.FixtureRequest, clock: ManualClock) -> Database:
    database = _open("sqlcipher", request, clock)
    yield database
    database.dispose()
