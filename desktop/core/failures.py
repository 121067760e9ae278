"""What a failure of the database or the operating system means, as one of core's typed errors.

The drivers say it in their own words (SQLite: "database or disk is full"; PostgreSQL: SQLSTATE
53100; the OS: errno ENOSPC). Here they become errors that the UI and the command line word for
people and give their own exit code, instead of "an unexpected error occurred".

Only the kind of failure is kept: driver messages may quote values (PostgreSQL's DETAIL line names
the offending key, which can be a phone number), so nothing of them goes into the typed error.
Locking and damaged-file errors ("database is locked", "malformed") are left to the storage layer.
"""

from __future__ import annotations

import errno

from sqlalchemy.exc import DBAPIError, IntegrityError, StatementError

from desktop.core.errors import (
    ConstraintFailed, DatabaseOperationFailed, DatabaseUnreachable, DeskError, DiskFull, DuplicateRecord,
    OutOfResources, ReadOnlyStorage, ReferenceMissing, StillReferenced, StorageAccessDenied, StorageFailed,
    StorageIOError,
)

_OS_ERRORS: dict[int, type[DeskError]] = {
    errno.ENOSPC: DiskFull, errno.EDQUOT: DiskFull, errno.EFBIG: DiskFull,
    errno.EACCES: StorageAccessDenied, errno.EPERM: StorageAccessDenied,
    errno.EROFS: ReadOnlyStorage,
    errno.EIO: StorageIOError,
    errno.ENOMEM: OutOfResources, errno.EMFILE: OutOfResources, errno.ENFILE: OutOfResources,
}

# SQLite result codes (primary part of the extended code) and what they mean here.
_SQLITE: dict[int, type[DeskError]] = {
    13: DiskFull,              # SQLITE_FULL
    8: ReadOnlyStorage,        # SQLITE_READONLY
    10: StorageIOError,        # SQLITE_IOERR
    7: OutOfResources,         # SQLITE_NOMEM
    14: StorageAccessDenied,   # SQLITE_CANTOPEN
    3: StorageAccessDenied,    # SQLITE_PERM
    18: DatabaseOperationFailed,  # SQLITE_TOOBIG
}
_SQLITE_TEXT: dict[str, type[DeskError]] = {
    "database or disk is full": DiskFull,
    "attempt to write a readonly database": ReadOnlyStorage,
    "disk i/o error": StorageIOError,
    "out of memory": OutOfResources,
    "unable to open database file": StorageAccessDenied,
    "too many sql variables": DatabaseOperationFailed,
}
_LEFT_TO_STORAGE = ("database is locked", "database table is locked", "malformed", "not a database")

# PostgreSQL SQLSTATE classes and codes.
_POSTGRES: dict[str, type[DeskError]] = {
    "53100": DiskFull, "53200": OutOfResources, "53300": OutOfResources, "53400": OutOfResources,
    "25006": ReadOnlyStorage, "42501": StorageAccessDenied, "58030": StorageIOError,
    "57014": DatabaseOperationFailed,      # statement cancelled or timed out
}
_POSTGRES_CLASSES: dict[str, type[DeskError]] = {
    "08": DatabaseUnreachable, "57": DatabaseUnreachable, "53": OutOfResources, "54": DatabaseOperationFailed,
    "58": StorageIOError, "XX": DatabaseOperationFailed,
}


def typed_failure(error: BaseException) -> DeskError | None:
    """The typed error for a raw failure of the database or the OS, or None when it is neither (a
    programming error stays unexpected) or belongs to the storage layer (locks, damaged files)."""
    if isinstance(error, DeskError):
        return error
    if isinstance(error, StatementError) and not _from_driver(error.orig):
        return None                      # wraps something else: a programming error stays unexpected
    if isinstance(error, IntegrityError):
        return integrity_failure(error)
    if isinstance(error, DBAPIError) and error.orig is not None:
        return _driver_failure(error.orig, error.connection_invalidated)
    if isinstance(error, StatementError) and error.orig is not None:
        return typed_failure(error.orig)
    if isinstance(error, OSError) and error.errno is not None:
        kind = _OS_ERRORS.get(error.errno)
        name = errno.errorcode.get(error.errno, str(error.errno))
        return (kind or StorageFailed)(f"os error {name}", errno=name)
    if _from_driver(error):
        return _driver_failure(error, False)
    if isinstance(error, MemoryError):
        return OutOfResources("out of memory")
    return None


def _from_driver(error: BaseException | None) -> bool:
    return error is not None and type(error).__module__.startswith(("sqlcipher3", "sqlite3", "psycopg"))


def _driver_failure(orig: BaseException, invalidated: bool) -> DeskError | None:
    state = getattr(orig, "sqlstate", None)
    if state:                                  # PostgreSQL
        kind = _POSTGRES.get(state) or _POSTGRES_CLASSES.get(state[:2])
        if kind is None:
            return DatabaseUnreachable("connection lost", sqlstate=state) if invalidated else None
        return kind(f"server error {state}", sqlstate=state)
    if type(orig).__module__.startswith("psycopg"):
        # without an SQLSTATE, psycopg's operational errors are the client's: the connection failed
        return DatabaseUnreachable("connection failed") if type(orig).__name__ == "OperationalError" else None
    text = str(orig).splitlines()[0].lower() if str(orig) else ""
    if any(part in text for part in _LEFT_TO_STORAGE):
        return None
    code = getattr(orig, "sqlite_errorcode", None)
    kind = _SQLITE.get(code & 0xFF) if isinstance(code, int) else None
    kind = kind or next((k for part, k in _SQLITE_TEXT.items() if part in text), None)
    if kind is None:
        if type(orig).__name__ == "OperationalError" and _from_driver(orig):
            kind = DatabaseOperationFailed
        else:
            return None
    return kind(f"database error {getattr(orig, 'sqlite_errorname', '') or type(orig).__name__}")


def integrity_failure(error: IntegrityError) -> DeskError:
    """A broken rule of the schema, told apart: a value that must be unique is taken (DuplicateRecord,
    naming the column when the driver does), a reference to a record that does not exist
    (ReferenceMissing), a record still referenced by others when deleting it (StillReferenced), or
    another rule (ConstraintFailed)."""
    orig = error.orig
    state = getattr(orig, "sqlstate", None)
    name = str(getattr(orig, "sqlite_errorname", "") or "")
    first = str(orig).splitlines()[0] if orig is not None and str(orig) else ""
    deleting = (error.statement or "").lstrip().upper().startswith("DELETE")
    if state == "23505" or name in ("SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY") or \
            (not state and "UNIQUE constraint failed" in first):
        return DuplicateRecord("constraint violated", **_unique_field(orig, first))
    if state == "23503" or name == "SQLITE_CONSTRAINT_FOREIGNKEY" or \
            (not state and "FOREIGN KEY constraint failed" in first):
        if deleting or "update or delete on table" in first:
            return StillReferenced("record still referenced")
        return ReferenceMissing("referenced record missing", **_reference(orig))
    return ConstraintFailed("constraint violated")


def _unique_field(orig: BaseException | None, first: str) -> dict[str, str]:
    """The column of a unique rule: SQLite names it in the message ("UNIQUE constraint failed:
    users.username"), PostgreSQL in the diagnostics (only the column name is kept, never the value)."""
    if "UNIQUE constraint failed:" in first:
        columns = [c.strip().rpartition(".")[2] for c in first.split(":", 1)[1].split(",")]
        return {"field": columns[-1]} if columns and columns[-1] else {}
    diag = getattr(orig, "diag", None)
    column = getattr(diag, "column_name", None) if diag is not None else None
    return {"field": column} if column else {}


def _reference(orig: BaseException | None) -> dict[str, str]:
    """Which reference is missing, where PostgreSQL says so: "fk_candidates_department_id_..." or the
    default "<table>_<column>_fkey" name a column such as department_id."""
    diag = getattr(orig, "diag", None)
    constraint = str(getattr(diag, "constraint_name", "") or "") if diag is not None else ""
    for column in ("department_id", "position_id", "candidate_id", "room_id", "user_id", "round_id",
                   "application_id", "interview_id"):
        if column in constraint:
            return {"field": column}
    return {}
