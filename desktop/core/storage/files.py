"""The database file as a file: is what lies at the path an InterviewDesk database at all, and does
another program have it open?

Both questions are answered without SQLite and without writing a byte: SQLite turns an empty file
into a new database the moment it opens one, and it would gladly open a file that another program
is about to lose under it.

Beside them, the few ways storage writes and checks a file durably (a backup, a staged restore, a
key file), kept in one place so that every copy is fsynced and hashed alike.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from desktop.core.errors import DatabaseDamaged, DatabaseInUse, DatabaseMissing

PAGE_SIZE = 4096                         # SQLCipher 4's page size; an encrypted file is whole pages
PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"  # an unencrypted SQLite file: not one of ours

# SQLite's lock bytes (os_unix.c / os_win.c). Every connection holds a SHARED lock in this range of
# the database file for as long as it is open in WAL mode, and a shared lock on the "dead man
# switch" byte of the -shm file; a writer holds the bytes before it.
PENDING_BYTE = 0x40000000
LOCK_RANGE = 512                         # PENDING, RESERVED and the 510 SHARED bytes
SHM_DMS_BYTE = 128


def check_database_file(path: Path) -> None:
    """Refuse, before SQLite sees it, a path that is missing or plainly not a database: an empty file
    (0 bytes), one that is not whole pages (truncated, or half-copied), or an unencrypted SQLite
    file. Whether the rest is sound only decryption can tell."""
    path = Path(path)
    if not path.is_file():
        raise DatabaseMissing(path.name)
    size = path.stat().st_size
    if size == 0:
        raise DatabaseDamaged("empty")
    with open(path, "rb") as fh:
        head = fh.read(len(PLAIN_SQLITE_HEADER))
    if head == PLAIN_SQLITE_HEADER:
        raise DatabaseDamaged("not_database")
    if size % PAGE_SIZE:
        raise DatabaseDamaged("truncated")


def refuse_if_in_use(path: Path) -> None:
    """Raise DatabaseInUse when another process has the database open. The check asks the operating
    system whether SQLite's lock bytes are free, so it sees every program that uses SQLite's normal
    locking. It must not run in a process that itself has connections to `path` (POSIX record
    locks are per process: closing our probe would drop that process's own SQLite locks)."""
    path = Path(path)
    if not path.exists():
        return
    shm = path.with_name(path.name + "-shm")
    probes = [(path, PENDING_BYTE, LOCK_RANGE)]
    if shm.exists():
        probes.append((shm, SHM_DMS_BYTE, 1))
    for file, start, length in probes:
        try:
            held = _range_is_locked(file, start, length)
        except FileNotFoundError:
            continue
        if held:
            raise DatabaseInUse(path.name)


if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _range_is_locked(file: Path, start: int, length: int) -> bool:
        fd = os.open(file, os.O_RDWR | os.O_BINARY)
        try:
            os.lseek(fd, start, os.SEEK_SET)
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, length)
            except OSError:
                return True
            os.lseek(fd, start, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, length)
            return False
        finally:
            os.close(fd)
else:
    import fcntl

    def _range_is_locked(file: Path, start: int, length: int) -> bool:
        fd = os.open(file, os.O_RDWR)
        try:
            try:
                fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, length, start, os.SEEK_SET)
            except OSError:
                return True
            fcntl.lockf(fd, fcntl.LOCK_UN, length, start, os.SEEK_SET)
            return False
        finally:
            os.close(fd)


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def write_synced(path: Path, content: str) -> None:
    """Write text (UTF-8) and fsync it before returning."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(content)
        fh.flush()
        os.fsync(fh.fileno())


def write_atomic(path: Path, content: str) -> None:
    """Replace `path` with `content` in one rename from a synced temporary sibling (`<name>.tmp`):
    a crash leaves the old file or the new one, never half of one. The caller syncs the folder."""
    tmp = path.with_name(path.name + ".tmp")
    write_synced(tmp, content)
    os.replace(tmp, path)


def sha256_of(path: Path) -> tuple[str, int]:
    """The file's SHA-256 (hex) and its size in bytes, read a MiB at a time."""
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size
