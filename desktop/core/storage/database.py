"""Opening the database: one SQLCipher file (embedded default) or a PostgreSQL server (LAN mode).

The SQLCipher key is set on every new connection in SQLAlchemy's `do_connect` event with
`set_key`, as a raw key, so neither the passphrase nor the key ever appears in SQL text or a URL.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.orm import Session, sessionmaker

from desktop.core import audit
from desktop.core.clock import Clock, SystemClock
from desktop.core.errors import (
    DatabaseExists, DatabaseMissing, DatabaseUnreachable, DuplicateRecord, StaleWrite, WrongPassphrase,
)
from desktop.core.storage.keys import KeyFile, MasterKey, key_file_for, new_master_key, new_recovery_key
from desktop.core.storage.netshare import refuse_network_path

BUSY_TIMEOUT_MS = 10_000
# SQLite's page cache holds decrypted pages: a hit costs no decryption, a miss costs AES + HMAC of a
# page. 32 MiB per connection keeps the candidate list and its indexes of a large office (100,000
# candidates) in cache, so paging and searching stay as fast as on a plain file (bench/bench_storage.py).
CACHE_SIZE_KIB = 32 * 1024


@dataclass(frozen=True)
class Actor:
    """Who is acting: a logged-in user, or the command line run by the IT office (`system`)."""

    user_id: int | None
    username: str
    display_name: str = ""
    department_id: int | None = None
    grants: tuple[tuple[str, int | None], ...] = ()  # (role, department id or None for institution-wide)
    system: bool = False

    @classmethod
    def command_line(cls) -> "Actor":
        return cls(user_id=None, username="cli", display_name="命令行 (IT)", system=True)

    @property
    def label(self) -> str:
        return self.display_name or self.username


def open_sqlcipher_connection(path: Path, key: MasterKey) -> sqlcipher.Connection:
    """A keyed connection, verified to decrypt, in WAL mode with synchronous=FULL and foreign keys.

    Verification reads page 1 before anything is written, so a wrong key leaves the file untouched.
    """
    conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False,
                             timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.set_key(key.sqlcipher_literal())
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError:
        conn.close()
        raise WrongPassphrase("database did not decrypt") from None
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute(f"PRAGMA cache_size = -{CACHE_SIZE_KIB}")
    return conn


@dataclass(eq=False)
class Database:
    """An open database: the engine, how to make units of work, and where it lives."""

    engine: Engine = field(repr=False)
    kind: str                      # "sqlcipher" or "postgresql"
    path: Path | None = None       # the SQLCipher file
    clock: Clock = field(default_factory=SystemClock, repr=False)
    _key: MasterKey | None = field(default=None, repr=False)
    # The external calendar (scheduling.provider.CalendarProvider) the composition root installs when a
    # calendar server is configured; read-only checks find it in session.info["calendar"].
    calendar: Any = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        audit.install(self._sessions)

    def __repr__(self) -> str:
        where = str(self.path) if self.path else self.engine.url.render_as_string(hide_password=True)
        return f"Database({self.kind}, {where})"

    @property
    def is_embedded(self) -> bool:
        return self.kind == "sqlcipher"

    @property
    def key_file(self) -> Path | None:
        return key_file_for(self.path) if self.path else None

    @contextmanager
    def session(self, actor: Actor | None = None, *, write: bool = False) -> Iterator[Session]:
        """One unit of work. Writes commit when the block ends without error; reads never commit.

        Embedded writes take SQLite's write lock at BEGIN (IMMEDIATE) so that two writers never
        deadlock on upgrading a read lock, and the audit chain sees a stable head.
        """
        session = self._sessions()
        session.info["actor"] = actor or Actor.command_line()
        session.info["clock"] = self.clock
        if self.calendar is not None:
            session.info["calendar"] = self.calendar
        try:
            if write and self.kind == "sqlcipher":
                session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
            yield session
            if write:
                session.commit()
            else:
                session.rollback()
        except StaleDataError as exc:
            session.rollback()
            raise StaleWrite("record changed by someone else") from exc
        except IntegrityError as exc:
            session.rollback()
            raise DuplicateRecord("constraint violated") from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def raw_connection(self) -> Any:
        """A DBAPI connection for maintenance (checks, backup); the caller closes it."""
        return self.engine.raw_connection()

    def optimise(self) -> None:
        """Keep the query planner's statistics current (SQLite's `PRAGMA optimize`): without them it
        may walk a department's every application instead of one week's interviews. Cheap when
        nothing changed; PostgreSQL's autovacuum does this on a server."""
        if self.kind != "sqlcipher":
            return
        with self.engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA analysis_limit = 1000")
            conn.exec_driver_sql("PRAGMA optimize = 0x10002")

    def dispose(self) -> None:
        self.engine.dispose()


def _sqlcipher_engine(path: Path, key: MasterKey) -> Engine:
    engine = create_engine("sqlite+pysqlite:///" + path.as_posix(), module=sqlcipher, pool_pre_ping=False,
                           pool_size=5, max_overflow=5)

    @event.listens_for(engine, "do_connect")
    def _connect(dialect: Any, conn_rec: Any, cargs: Any, cparams: Any) -> sqlcipher.Connection:
        return open_sqlcipher_connection(path, key)

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def create_embedded(path: Path, passphrase: str, *, clock: Clock | None = None) -> tuple[Database, str]:
    """Create a new encrypted file and its key file. Returns the database and the recovery key,
    which is shown to the admin once and never stored in clear."""
    path = Path(path)
    refuse_network_path(path)
    if path.exists() or key_file_for(path).exists():
        raise DatabaseExists(path.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    master = new_master_key()
    recovery = new_recovery_key()
    open_sqlcipher_connection(path, master).close()
    KeyFile.create(master, passphrase, recovery).write(key_file_for(path))
    return Database(_sqlcipher_engine(path, master), "sqlcipher", path, clock or SystemClock(), master), recovery


def unlock_master_key(path: Path, *, passphrase: str | None = None, recovery_key: str | None = None,
                      keystore: Any = None) -> MasterKey:
    """With `keystore` (core.storage.os_slot.KeyStore): this computer's OS slot, no passphrase."""
    keys = KeyFile.read(key_file_for(path))
    if keystore is not None:
        from desktop.core.storage import os_slot

        return os_slot.unlock(keys, keystore)
    if recovery_key is not None:
        return keys.unlock_with_recovery_key(recovery_key)
    return keys.unlock(passphrase or "")


def open_embedded(path: Path, *, passphrase: str | None = None, recovery_key: str | None = None,
                  keystore: Any = None, clock: Clock | None = None) -> Database:
    """Open an existing encrypted file; refuses network shares and never creates or alters a file
    when the key is wrong."""
    path = Path(path)
    refuse_network_path(path)
    if not path.is_file():
        raise DatabaseMissing(path.name)
    master = unlock_master_key(path, passphrase=passphrase, recovery_key=recovery_key, keystore=keystore)
    open_sqlcipher_connection(path, master).close()  # verify before handing out an engine
    return Database(_sqlcipher_engine(path, master), "sqlcipher", path, clock or SystemClock(), master)


def open_server(url: str, *, clock: Clock | None = None) -> Database:
    """PostgreSQL through psycopg 3. The URL may carry a password; it is never shown or logged."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if not parsed.drivername.startswith("postgresql"):
        raise DatabaseUnreachable("only PostgreSQL servers are supported", url=parsed.render_as_string())
    engine = create_engine(parsed, pool_pre_ping=True, pool_size=5, max_overflow=5,
                           connect_args={"connect_timeout": 10, "application_name": "InterviewDesk"})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError:
        engine.dispose()
        raise DatabaseUnreachable("server did not answer",
                                  url=parsed.render_as_string(hide_password=True)) from None
    return Database(engine, "postgresql", None, clock or SystemClock())


def sqlcipher_key_of(db: Database) -> MasterKey:
    if db._key is None:
        raise ValueError("not an embedded database")
    return db._key

