"""Opening the database: one SQLCipher file (embedded default) or a PostgreSQL server (LAN mode).

The SQLCipher key is set on every new connection in SQLAlchemy's `do_connect` event with
`set_key`, as a raw key, so neither the passphrase nor the key ever appears in SQL text or a URL.
"""

from __future__ import annotations

import random
import time
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
    DatabaseBusy, DatabaseDamaged, DatabaseExists, DatabaseMissing, DatabaseUnreachable, StaleWrite, WrongPassphrase,
)
from desktop.core.failures import integrity_failure
from desktop.core.storage import switch
from desktop.core.storage.files import check_database_file
from desktop.core.storage.keys import KeyFile, MasterKey, key_file_for, new_master_key, new_recovery_key
from desktop.core.storage.netshare import refuse_network_path

BUSY_TIMEOUT_MS = 10_000      # SQLite's own wait for a lock, per attempt
# How long a writer waits its turn in all: several programs on one file (the app, a scheduled
# `outbox run`, an admin's command) each hold the write lock briefly, and SQLite's busy handler is
# not fair, so one attempt of 10 s can lose every time. Between attempts a writer backs off.
WRITE_WAIT_SECONDS = 120.0
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CORRUPT, SQLITE_NOTADB = 5, 6, 11, 26
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


def primary_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of a driver error (SQLITE_FULL, SQLITE_BUSY …), or None."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def open_sqlcipher_connection(path: Path, key: MasterKey, *, create: bool = False) -> sqlcipher.Connection:
    """A keyed connection, verified to decrypt, in WAL mode with synchronous=FULL and foreign keys.

    Verification reads page 1 before anything is written, so a wrong key leaves the file untouched.
    An existing path must hold a database (an empty file would silently become a new one); only
    `create=True` may start a new file.
    """
    if not create:
        check_database_file(path)
    conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False,
                             timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.set_key(key.sqlcipher_literal())
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as exc:
        conn.close()
        if primary_code(exc) in (SQLITE_BUSY, SQLITE_LOCKED):   # held exclusively by another program
            raise DatabaseBusy(BUSY_TIMEOUT_MS / 1000) from None
        raise WrongPassphrase("database did not decrypt") from None
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    # Freed cells are zeroed where that costs no extra write (FAST): a purged value does not linger
    # in the pages the purge rewrites; freed whole pages are dropped by the VACUUM that follows every
    # purge (desktop/core/lifecycle/compaction.py). ON (zeroing every freed page as it is freed) made
    # every desktop's minute job 15 % slower at p95 (bench/bench_minute_job.py) for no gain here.
    conn.execute("PRAGMA secure_delete = FAST")
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
    # How long (seconds) a write waits for its turn before DatabaseBusy; read when a write starts.
    write_wait: float = field(default_factory=lambda: WRITE_WAIT_SECONDS, repr=False)
    _digest_key: bytes | None = field(default=None, repr=False)

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
        """One unit of work. Writes commit when the block ends without error; reads never write.

        Embedded writes take SQLite's write lock at BEGIN (IMMEDIATE) so that two writers never
        deadlock on upgrading a read lock, and the audit chain sees a stable head. A writer that
        finds the lock taken waits its turn (see `_take_write_lock`). An embedded read ends with a
        rollback. On PostgreSQL a read is a READ ONLY transaction (a write in it is an error) and
        ends with COMMIT, which for a transaction that cannot write is the same as a rollback: psycopg
        drops every prepared statement of the connection after a ROLLBACK (DEALLOCATE ALL), so with
        reads rolled back the server parsed and planned every statement of the app again.
        """
        session = self._sessions()
        session.info["actor"] = actor or Actor.command_line()
        session.info["clock"] = self.clock
        session.info["write"] = write     # services that must record a read (audited searches) check it
        session.info["audit_key"] = self._audit_digest_key
        if self.calendar is not None:
            session.info["calendar"] = self.calendar
        try:
            server_read = not write and self.kind == "postgresql"
            if write and self.kind == "sqlcipher":
                self._take_write_lock(session)
            elif server_read:
                session.connection(execution_options={"postgresql_readonly": True})
            yield session
            if write:
                session.commit()
            elif server_read:
                session.expunge_all()   # what the block changed in loaded objects is dropped, as by a rollback
                session.commit()
            else:
                session.rollback()
        except StaleDataError as exc:
            session.rollback()
            raise StaleWrite("record changed by someone else") from exc
        except IntegrityError as exc:
            session.rollback()
            raise integrity_failure(exc) from exc   # unique, reference or other rule, told apart
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def _take_write_lock(self, session: Session) -> None:
        """BEGIN IMMEDIATE, retried with a growing, jittered pause until `write_wait` has passed.
        Nothing has been written when the lock is not had, so giving up loses nothing: the caller
        gets DatabaseBusy, which names the lock."""
        started = time.monotonic()
        deadline = started + self.write_wait
        pause = 0.05
        while True:
            remaining = deadline - time.monotonic()
            wait_ms = int(max(0.0, min(remaining, BUSY_TIMEOUT_MS / 1000)) * 1000)
            try:
                session.connection(execution_options={"sqlite_begin": "IMMEDIATE", "sqlite_busy_ms": wait_ms})
                return
            except DatabaseBusy:
                session.rollback()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DatabaseBusy(time.monotonic() - started)
            time.sleep(min(remaining, pause * random.uniform(0.5, 1.5)))
            pause = min(pause * 2, 1.0)

    def _audit_digest_key(self, session: Session) -> bytes | None:
        """The key of the audit log's field digests (desktop/core/audit.py), looked up once."""
        if self._digest_key is None:
            self._digest_key = (audit.derived_digest_key(self._key.raw) if self._key is not None
                                else audit.stored_digest_key(session))
        return self._digest_key

    def raw_connection(self) -> Any:
        """A DBAPI connection for maintenance (checks, backup); the caller closes it."""
        return self.engine.raw_connection()

    def optimise(self) -> None:
        """Keep the query planner's statistics current (SQLite's `PRAGMA optimize`): without them it
        may walk a department's every application instead of one week's interviews. Cheap when
        nothing changed; PostgreSQL's autovacuum does this on a server."""
        if self.kind != "sqlcipher":
            return
        try:
            with self.engine.begin() as conn:
                conn.exec_driver_sql("PRAGMA busy_timeout = 0")   # statistics are not worth waiting for
                try:
                    conn.exec_driver_sql("PRAGMA analysis_limit = 1000")
                    conn.exec_driver_sql("PRAGMA optimize = 0x10002")
                finally:
                    conn.exec_driver_sql(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        except DatabaseBusy:
            pass   # another program is writing: the statistics are refreshed at the next start

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
        options = conn.get_execution_options()
        mode = options.get("sqlite_begin", "DEFERRED")
        wait_ms = options.get("sqlite_busy_ms")
        if wait_ms is None or int(wait_ms) == BUSY_TIMEOUT_MS:     # the connection's own wait: as it is
            conn.exec_driver_sql(f"BEGIN {mode}")
            return
        conn.exec_driver_sql(f"PRAGMA busy_timeout = {int(wait_ms)}")
        try:
            conn.exec_driver_sql(f"BEGIN {mode}")
        finally:
            conn.exec_driver_sql(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    @event.listens_for(engine, "handle_error")
    def _typed(context: Any) -> BaseException | None:
        """SQLite's "database is locked" and "database disk image is malformed" as the typed errors
        the command line and the app word (instead of an unexpected error that calls data safe)."""
        code = primary_code(context.original_exception)
        if code in (SQLITE_BUSY, SQLITE_LOCKED):
            return DatabaseBusy(BUSY_TIMEOUT_MS / 1000)
        if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
            return DatabaseDamaged("malformed")
        return None

    return engine


def create_embedded(path: Path, passphrase: str, *, clock: Clock | None = None) -> tuple[Database, str]:
    """Create a new encrypted file and its key file. Returns the database and the recovery key,
    which is shown to the admin once and never stored in clear."""
    path = Path(path)
    refuse_network_path(path)
    switch.settle(path)   # a restore onto this path that was decided before a crash comes first
    if path.exists() or key_file_for(path).exists():
        raise DatabaseExists(path.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    master = new_master_key()
    recovery = new_recovery_key()
    open_sqlcipher_connection(path, master, create=True).close()
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
    switch.settle(path)              # a restore interrupted here is finished or rolled back first
    check_database_file(path)        # before asking Argon2 for anything
    master = unlock_master_key(path, passphrase=passphrase, recovery_key=recovery_key, keystore=keystore)
    verify_decrypts(path, master)    # before handing out an engine
    return Database(_sqlcipher_engine(path, master), "sqlcipher", path, clock or SystemClock(), master)


def verify_decrypts(path: Path, master: MasterKey) -> None:
    """The key file opened (its AES-GCM seal proves the passphrase right), so a file that does not
    decrypt with the key it gave is damaged, or the key file belongs to another database."""
    try:
        open_sqlcipher_connection(path, master).close()
    except WrongPassphrase:
        raise DatabaseDamaged("does_not_decrypt") from None


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

