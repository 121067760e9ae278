"""Making a purge physical, and the database's size before and after.

A row updated or deleted by SQL is gone for queries, not yet for the disk:

- SQLCipher: the old page images stay in the write-ahead log until it is checkpointed, and freed
  cells and pages keep their bytes (encrypted, but readable to anyone with the key) until they are
  reused. Connections run with `secure_delete` on (desktop/core/storage/database.py), which zeroes
  freed content as it is freed; after a purge the WAL is checkpointed and truncated, the file is
  rebuilt by VACUUM (every page written afresh, free pages dropped) and the WAL truncated again.
- PostgreSQL: an UPDATE leaves the old tuple version in the table until VACUUM marks its space
  free; VACUUM (not FULL: that would lock the tables against the office) runs on every table. What
  VACUUM frees is overwritten when the space is reused, and the server's WAL segments keep the old
  versions until they are recycled (min_wal_size / checkpoints) — the administrator's backups and
  WAL archive hold them as long as they are kept. This is said in the Data maintenance tab.

compact(db) -> Compacted(before, after, complete) runs outside any unit of work (VACUUM cannot run
in a transaction); the UI runs it on the write thread after the purge's transaction committed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import text

from desktop.core.model import Base
from desktop.core.storage.database import Database

CHECKPOINT_TRIES = 20


@dataclass(frozen=True)
class Compacted:
    before: int          # bytes: the file and its WAL (SQLCipher) or pg_database_size (PostgreSQL)
    after: int
    complete: bool       # False: another program held the log open, so old pages may remain in it


def size_of(db: Database) -> int:
    if db.is_embedded:
        wal = db.path.with_name(db.path.name + "-wal")
        return db.path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
    with db.engine.connect() as conn:
        return int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar())


def _checkpoint(cursor) -> bool:
    """Checkpoint and truncate the WAL; True when every frame was written back and the log emptied
    (a reader of another program may hold old frames for a moment: retried, then given up)."""
    for _attempt in range(CHECKPOINT_TRIES):
        busy, _frames, _done = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if not busy:
            return True
        time.sleep(0.1)
    return False


def compact(db: Database) -> Compacted:
    before = size_of(db)
    if db.is_embedded:
        complete = _compact_file(db)
    else:
        complete = _vacuum_server(db)
    return Compacted(before, size_of(db), complete)


def _compact_file(db: Database) -> bool:
    conn = db.raw_connection()
    try:
        raw = conn.driver_connection
        cursor = raw.cursor()
        cursor.execute("PRAGMA temp_store = MEMORY")    # VACUUM's copy stays in memory, never a clear temp file
        try:
            first = _checkpoint(cursor)
            cursor.execute("VACUUM")
            return _checkpoint(cursor) and first
        finally:
            cursor.execute("PRAGMA temp_store = DEFAULT")
            cursor.close()
    finally:
        conn.close()


def _vacuum_server(db: Database) -> bool:
    tables = [t.name for t in Base.metadata.sorted_tables]
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for name in tables:
            conn.execute(text(f'VACUUM (ANALYZE) "{name}"'))
    return True
