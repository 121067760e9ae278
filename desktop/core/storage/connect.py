"""Which database to open, and opening it at the current schema.

The command line and the app resolve the target the same way: an explicit --db/--db-url, else the
machine settings (database.url, database.path), else the default file in the user data folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from desktop.core import settings
from desktop.core.clock import Clock
from desktop.core.errors import DatabaseDamaged, DatabaseExists
from desktop.core.model import Setting
from desktop.core.paths import AppDirs
from desktop.core.storage import migrate
from desktop.core.storage.database import Database, create_embedded, open_embedded, open_server
from desktop.core.storage.keys import check_passphrase, key_file_for


@dataclass(frozen=True)
class Target:
    path: Path | None = None
    url: str | None = field(default=None, repr=False)

    @property
    def is_server(self) -> bool:
        return self.url is not None

    def describe(self) -> str:
        """For messages and logs: the file path, or the server URL without its password."""
        if self.url:
            return make_url(self.url).render_as_string(hide_password=True)
        return str(self.path)

    def __repr__(self) -> str:
        return f"Target({self.describe()})"

    def exists(self) -> bool:
        return True if self.url else bool(self.path and self.path.exists())

    @classmethod
    def resolve(cls, dirs: AppDirs, db_path: str | None = None, db_url: str | None = None) -> "Target":
        if db_url:
            return cls(url=db_url)
        if db_path:
            return cls(path=Path(db_path).expanduser())
        machine = settings.read_machine(dirs.machine_settings)
        if machine.get("database.url"):
            return cls(url=machine["database.url"])
        if machine.get("database.path"):
            return cls(path=Path(machine["database.path"]).expanduser())
        return cls(path=dirs.default_database)


def _pre_migration_backup(db: Database, label: str) -> tuple[Any, list[str]]:
    """The copy before an upgrade, then the older copies rotated (7 daily, 4 weekly, 12 monthly).
    Returns the copy's report and the names of the copies removed."""
    from desktop.core.storage import admin  # maintenance code, loaded only when a migration is due

    report = admin.pre_migration_backup(db, label)
    return report, admin.prune_pre_migration(db, _office_zone(db))


def _record_pre_migration(db: Database, taken: tuple[Any, list[str]]) -> None:
    """Once the schema has the table for it: the copy in backup_runs and the audit log."""
    from desktop.core import backups

    with db.session(migrate.UPGRADE_ACTOR, write=True) as session:
        backups.record_pre_migration(session, *taken)


def _office_zone(db: Database) -> ZoneInfo:
    """The office's time zone as the (not yet upgraded) database stores it; Asia/Shanghai otherwise."""
    try:
        with db.engine.connect() as conn:
            stored = conn.execute(select(Setting.value).where(Setting.key == "office.timezone")).scalar()
        return ZoneInfo(str(stored if isinstance(stored, str) else "Asia/Shanghai"))
    except (SQLAlchemyError, ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("Asia/Shanghai")


def open_target(target: Target, *, passphrase: str | None = None, recovery_key: str | None = None,
                keystore: Any = None, clock: Clock | None = None, maintain: bool = True) -> Database:
    """Open an existing database and bring its schema to this program's version (after a backup).
    Only `initialise` creates: an embedded file without a schema is damaged, not new. `maintain=False`
    (the health checks) skips refreshing the planner's statistics, which writes to the file.
    `keystore`: this computer's key store, for the key file's OS slot (no passphrase asked)."""
    if target.url:
        db = open_server(target.url, clock=clock)
    else:
        assert target.path is not None
        db = open_embedded(target.path, passphrase=passphrase, recovery_key=recovery_key, keystore=keystore,
                           clock=clock)
    try:
        if db.is_embedded and migrate.is_empty(db):
            raise DatabaseDamaged("no_schema")
        taken: list[tuple[Any, list[str]]] = []
        migrate.ensure_current(db, lambda d, label: taken.append(_pre_migration_backup(d, label)))
        if taken:
            _record_pre_migration(db, taken[0])
        if maintain:
            db.optimise()
    except BaseException:
        db.dispose()
        raise
    return db


def initialise(target: Target, *, passphrase: str | None = None,
               clock: Clock | None = None) -> tuple[Database, str | None]:
    """Create the database (a new encrypted file, or the schema in an empty server database).
    Returns the database and, for a new file, the recovery key to show once."""
    if target.url:
        db = open_server(target.url, clock=clock)
        if not migrate.is_empty(db):
            db.dispose()
            raise DatabaseExists(target.describe())
        migrate.upgrade(db)
        return db, None
    assert target.path is not None
    if target.path.exists() or key_file_for(target.path).exists():
        raise DatabaseExists(target.path.name)
    check_passphrase(passphrase or "")
    db, recovery = create_embedded(target.path, passphrase or "", clock=clock)
    migrate.upgrade(db)
    return db, recovery
