"""Schema migrations with Alembic, from the first schema on.

Opening a database whose schema is older than this program backs it up first (an encrypted copy
beside the file for the embedded database, a copy of every table in a backup schema on a server)
and then upgrades it. A database written by a newer program is refused rather than guessed at.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

from desktop.core.errors import NewerSchema
from desktop.core.storage.database import Actor, Database

if TYPE_CHECKING:
    from alembic.config import Config

UPGRADE_ACTOR = Actor(user_id=None, username="upgrade", display_name="升级 (upgrade)", system=True)

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
VERSION_TABLE = "alembic_version"       # Alembic's, one row: the revision the schema is at
_REVISION = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\s*=\s*(?:None|['\"]([^'\"]+)['\"])", re.MULTILINE)


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


@lru_cache(maxsize=1)
def _chain() -> tuple[str, ...]:
    """Every revision, oldest first, read from the scripts' `revision` and `down_revision` lines.
    Starting the program only needs to know whether the schema is current, which needs no Alembic
    (a large import); Alembic is loaded when a migration actually runs. The scripts ship with the
    program and never change while it runs: read them once."""
    parents: dict[str, str | None] = {}
    for script in sorted((MIGRATIONS / "versions").glob("*.py")):
        source = script.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN_REVISION.search(source)
        if revision is None or down is None:
            raise RuntimeError(f"migration script without revision lines: {script.name}")
        parents[revision.group(1)] = down.group(1)
    children = {parent: child for child, parent in parents.items()}
    if len(children) != len(parents):
        raise RuntimeError("the migration scripts do not form one line of revisions")
    order, current = [], children.get(None)
    while current is not None:
        order.append(current)
        current = children.get(current)
    if len(order) != len(parents):
        raise RuntimeError("the migration scripts do not form one line of revisions")
    return tuple(order)


def head_revision() -> str:
    return _chain()[-1]


def all_revisions() -> list[str]:
    """Every revision, oldest first."""
    return list(_chain())


def current_revision(db: Database) -> str | None:
    """The revision in Alembic's version table (None for a database without one): a plain query."""
    with db.engine.connect() as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return None
        return conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def is_empty(db: Database) -> bool:
    with db.engine.connect() as conn:
        return not inspect(conn).get_table_names()


def upgrade(db: Database, revision: str = "head") -> None:
    from alembic import command

    cfg = alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


@dataclass(frozen=True)
class SchemaState:
    current: str | None
    head: str

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


def schema_state(db: Database) -> SchemaState:
    current = current_revision(db)
    head = head_revision()
    if current is not None and current not in all_revisions():
        raise NewerSchema(f"unknown revision {current}", revision=current)
    return SchemaState(current, head)


def ensure_current(db: Database, backup: Callable[[Database, str], object]) -> SchemaState:
    """Bring an opened database to the head revision; `backup(db, label)` runs before any change
    to a database that already holds data. On a server, desktops starting at the same time take
    turns (an advisory lock), and the second finds the work done."""
    state = schema_state(db)
    if state.up_to_date:
        return state
    with _upgrade_lock(db):
        state = schema_state(db)
        if state.up_to_date:
            return state
        if state.current is not None or not is_empty(db):
            backup(db, f"before-upgrade-{state.current or 'unversioned'}")
        upgrade(db)
        _adopt_records(db, state.current)
    return schema_state(db)


def _adopt_records(db: Database, previous: str | None) -> None:
    """An existing database upgraded past the revision from which `db check` compares records with
    the audit log: its rows as they are now become the baseline (desktop/core/reconcile.py)."""
    from desktop.core import reconcile
    order = all_revisions()
    if previous is None or previous not in order or order.index(previous) >= order.index(
            reconcile.ADOPTED_AT_REVISION):
        return
    with db.session(write=True) as session:
        session.info["actor"] = UPGRADE_ACTOR
        reconcile.adopt(session)


@contextmanager
def _upgrade_lock(db: Database) -> Iterator[None]:
    if db.kind != "postgresql":
        yield
        return
    with db.engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(715518)"))
        conn.commit()
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(715518)"))
            conn.commit()
