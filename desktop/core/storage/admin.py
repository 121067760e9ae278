"""Looking after the stored data: backups, their verification and restore, passphrase changes and
the automatic copy taken before a schema upgrade. Health checks live in `health.py`.

A backup of the embedded database is an encrypted SQLCipher file under the same master key, made
with `sqlcipher_export` inside one read transaction, so the running program keeps working and the
copy holds exactly what was committed when it started. Beside it, `<backup>.keys` is the key file
of the moment plus a manifest (time, schema revision, row counts, SHA-256 of the file) sealed with
an HMAC under a key derived from the master key: a backup restores only if all of it holds.

Keys are bound as SQL parameters, never formatted into SQL text, and never logged.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import inspect, text

from desktop.core import rotation
from desktop.core.anchors import Anchor
from desktop.core.clock import Clock
from desktop.core.errors import (
    BackupExists, BackupFailed, BackupInvalid, DatabaseInUse, DatabaseMissing, KeyFileDamaged, KeyFileMissing,
    ServerBackupUnsupported, WrongPassphrase,
)
from desktop.core.paths import app_dirs
from desktop.core.storage import switch
from desktop.core.storage.database import (
    Database, primary_code, open_sqlcipher_connection, sqlcipher_key_of, verify_decrypts,
)
from desktop.core.storage.files import check_database_file, fsync_file, refuse_if_in_use, sha256_of, write_atomic
from desktop.core.storage.health import CheckReport, check  # noqa: F401  (admin.check is the public name)
from desktop.core.storage.keys import (
    KeyFile, MasterKey, check_passphrase, fsync_dir, key_file_for, read_key_file_text,
)
from desktop.core.storage.netshare import refuse_network_path

MANIFEST_FORMAT = "interviewdesk-backup/1"


@dataclass(frozen=True)
class BackupReport:
    path: Path
    key_file: Path
    created_at: datetime
    revision: str | None
    row_counts: dict[str, int]
    sha256: str
    size: int
    anchor: Anchor | None = None    # the audit chain's head in the copy, also sealed in the manifest


@dataclass(frozen=True)
class SchemaSnapshot:
    """A server database's pre-migration copy: every table copied into `schema`."""

    schema: str
    created_at: datetime
    revision: str | None
    row_counts: dict[str, int]


@dataclass(frozen=True)
class BackupCheck:
    """What `verify_backup` found. `problems` holds codes: manifest_missing, manifest_tampered, sha256,
    does_not_decrypt, unreadable, integrity, cipher_integrity, foreign_keys, row_counts."""

    path: Path
    problems: tuple[str, ...]
    created_at: datetime | None
    revision: str | None
    expected_counts: dict[str, int]
    row_counts: dict[str, int]
    sha256: str

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class RestoreReport:
    target: Path
    key_file: Path
    kept_key_file: bool   # the target's own key file already unlocked the restored data
    check: BackupCheck


@dataclass(frozen=True)
class RekeyReport:
    key_file: Path
    unlocked_with: str    # "passphrase" or "recovery_key"


# --- backup ----------------------------------------------------------------------------------------

def backup(db: Database, dest: Path, clock: Clock) -> BackupReport:
    """Write an encrypted copy of the embedded database to `dest` and its key file with manifest to
    `dest.keys`. Safe while the program runs; never overwrites."""
    if not db.is_embedded:
        raise ServerBackupUnsupported("back up server databases with pg_dump on the server")
    dest = Path(dest)
    dest_keys = key_file_for(dest)
    if dest.exists() or dest_keys.exists():
        raise BackupExists(dest.name)
    key = sqlcipher_key_of(db)
    source_keys = json.loads(read_key_file_text(db.key_file))
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)   # left by an interrupted run; it is ours by name
    created_at = clock.now()
    wrote_keys = False
    try:
        revision, counts, head = _export(db.path, key, partial)
        fsync_file(partial)
        digest, size = sha256_of(partial)
        anchor = Anchor(head[0], head[1], created_at) if head else None
        manifest = {"format": MANIFEST_FORMAT, "created_at": created_at.astimezone(timezone.utc).isoformat(),
                    "source": db.path.name, "revision": revision, "row_counts": counts,
                    "sha256": digest, "size": size, "audit_anchor": anchor.as_dict() if anchor else None}
        manifest["mac"] = _manifest_mac(key, manifest)
        write_atomic(dest_keys, json.dumps(source_keys | {"backup": manifest}, indent=2))
        wrote_keys = True
        os.replace(partial, dest)
        fsync_dir(dest.parent)
    except BaseException:
        partial.unlink(missing_ok=True)
        if wrote_keys:
            dest_keys.unlink(missing_ok=True)
        raise
    return BackupReport(dest, dest_keys, created_at, revision, counts, digest, size, anchor)


def _export(source: Path, key: MasterKey, target: Path) -> tuple[str | None, dict[str, int], tuple[int, str] | None]:
    """sqlcipher_export into `target` under the same key, with the row counts and the revision read
    from the copy in the same transaction (so they describe exactly what was copied)."""
    try:
        conn = open_sqlcipher_connection(source, key)
    except WrongPassphrase:
        raise BackupFailed("source database did not open") from None
    try:
        conn.execute("ATTACH DATABASE ? AS bk KEY ?", (str(target), key.sqlcipher_literal().decode("ascii")))
        try:
            conn.execute("BEGIN")  # deferred: a read snapshot of main; writers go on meanwhile (WAL)
            try:
                conn.execute("SELECT sqlcipher_export('bk')").fetchall()
                counts = _row_counts(conn, "bk")
                revision = _revision(conn, "bk")
                head = _audit_head(conn, "bk")
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:   # SQLite may already have rolled back (disk full, I/O error)
                    conn.execute("ROLLBACK")
                raise
        finally:
            conn.execute("DETACH DATABASE bk")
    except sqlcipher.Error as exc:
        reason = _EXPORT_FAILURES.get(primary_code(exc), "write_failed")
        raise BackupFailed(f"export failed: {type(exc).__name__}", reason=reason) from None
    finally:
        conn.close()
    return revision, counts, head


# SQLite's result codes of a failed export: the disk is full, or the folder does not let it write
_EXPORT_FAILURES = {13: "disk_full", 8: "folder_unwritable", 14: "folder_unwritable"}


def _audit_head(conn: sqlcipher.Connection, schema: str) -> tuple[int, str] | None:
    """The copy's audit head (seq, hash): the anchor its manifest carries (desktop/core/anchors.py)."""
    found = conn.execute(f"SELECT 1 FROM {schema}.sqlite_master WHERE type = 'table' AND name = 'audit_head'")
    if found.fetchone() is None:
        return None
    row = conn.execute(f"SELECT seq, hash FROM {schema}.audit_head WHERE id = 1").fetchone()
    return (int(row[0]), str(row[1])) if row and row[0] else None


def _row_counts(conn: sqlcipher.Connection, schema: str = "main") -> dict[str, int]:
    names = [r[0] for r in conn.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {name: conn.execute(f"SELECT count(*) FROM {schema}.{_quote(name)}").fetchone()[0] for name in names}


def _revision(conn: sqlcipher.Connection, schema: str = "main") -> str | None:
    found = conn.execute(f"SELECT 1 FROM {schema}.sqlite_master WHERE type = 'table' AND name = 'alembic_version'")
    if found.fetchone() is None:
        return None
    row = conn.execute(f"SELECT version_num FROM {schema}.alembic_version").fetchone()
    return row[0] if row else None


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _manifest_mac(key: MasterKey, manifest: dict) -> str:
    mac_key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                   info=b"interviewdesk backup manifest").derive(key.raw)
    body = json.dumps({k: v for k, v in manifest.items() if k != "mac"}, sort_keys=True, separators=(",", ":"))
    return hmac.new(mac_key, body.encode("utf-8"), hashlib.sha256).hexdigest()


# --- verify and restore -----------------------------------------------------------------------------

def verify_backup(backup_path: Path, passphrase: str | None = None, recovery_key: str | None = None) -> BackupCheck:
    """Check a backup with its own key file without changing a byte of it: manifest seal, SHA-256,
    decryption, integrity and cipher (page HMAC) checks, foreign keys and row counts."""
    check, _master, _keys_text = _verify(Path(backup_path), passphrase, recovery_key)
    return check


def verify_written(backup_path: Path, key: MasterKey) -> BackupCheck:
    """The same checks with the master key the running program holds (a scheduled backup is verified
    right after writing, when nobody is there to type the passphrase)."""
    path = Path(backup_path)
    if not path.is_file():
        raise DatabaseMissing(path.name)
    return _check(path, key, read_key_file_text(key_file_for(path)))


def _verify(path: Path, passphrase: str | None, recovery_key: str | None) -> tuple[BackupCheck, MasterKey, str]:
    if not path.is_file():
        raise DatabaseMissing(path.name)
    keys_text = read_key_file_text(key_file_for(path))
    keys = KeyFile.from_json(keys_text, key_file_for(path).name)
    master = keys.unlock_with_recovery_key(recovery_key) if recovery_key is not None else keys.unlock(passphrase or "")
    return _check(path, master, keys_text), master, keys_text


def _check(path: Path, master: MasterKey, keys_text: str) -> BackupCheck:
    manifest = json.loads(keys_text).get("backup")
    problems: list[str] = []
    expected: dict[str, int] = {}
    created_at, revision, sealed = None, None, False
    if not isinstance(manifest, dict):
        problems.append("manifest_missing")
    elif not hmac.compare_digest(str(manifest.get("mac", "")), _manifest_mac(master, manifest)):
        problems.append("manifest_tampered")
    else:
        sealed = True
        expected = dict(manifest.get("row_counts") or {})
        revision = manifest.get("revision")
        created_at = datetime.fromisoformat(manifest["created_at"])
    digest, _size = sha256_of(path)
    if isinstance(manifest, dict) and manifest.get("sha256") != digest:
        problems.append("sha256")
    counts: dict[str, int] = {}
    try:
        conn = _open_read_only(path, master)
    except WrongPassphrase:
        problems.append("does_not_decrypt")
    else:
        try:
            for pragma, code in (("cipher_integrity_check", "cipher_integrity"), ("integrity_check", "integrity"),
                                 ("foreign_key_check", "foreign_keys")):
                try:
                    rows = conn.execute(f"PRAGMA {pragma}").fetchall()
                except sqlcipher.DatabaseError:
                    problems.append("unreadable")
                    continue
                if rows not in ([], [("ok",)]):
                    problems.append(code)
            try:
                counts = _row_counts(conn)
            except sqlcipher.DatabaseError:
                problems.append("unreadable")
            else:
                if sealed and counts != expected:
                    problems.append("row_counts")
        finally:
            conn.close()
    return BackupCheck(path, tuple(dict.fromkeys(problems)), created_at, revision, expected, counts, digest)


def _open_read_only(path: Path, key: MasterKey) -> sqlcipher.Connection:
    """A connection that cannot write: no journal-mode switch, no WAL files, no change to the file."""
    conn = sqlcipher.connect(path.resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None,
                             check_same_thread=False)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.set_key(key.sqlcipher_literal())
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError:
        conn.close()
        raise WrongPassphrase("database did not decrypt") from None
    return conn


def restore(backup_path: Path, target_path: Path, passphrase: str | None = None,
            recovery_key: str | None = None) -> RestoreReport:
    """Replace `target_path` (and its key file when needed) with a verified backup, crash-safe at
    every point (see switch.py). Refused with DatabaseInUse while another program has the target
    open; the caller has closed its own connections. If the backup does not verify, the target is
    left exactly as it was."""
    backup_path, target = Path(backup_path), Path(target_path)
    plan, check, keep_keys = prepare_restore(backup_path, target, passphrase, recovery_key)
    try:
        plan.run()
    except PermissionError:   # Windows refuses to replace a file another program opened meanwhile
        raise DatabaseInUse(target.name) from None
    return RestoreReport(target, key_file_for(target), keep_keys, check)


def prepare_restore(backup_path: Path, target: Path, passphrase: str | None = None,
                    recovery_key: str | None = None) -> tuple[switch.Switch, BackupCheck, bool]:
    """Everything a restore decides before it touches a file: the target is local and not in use,
    an earlier interrupted restore is settled, the backup verifies, and which key file stays."""
    refuse_network_path(target)
    switch.settle(target)
    refuse_if_in_use(target)
    check, master, keys_text = _verify(backup_path, passphrase, recovery_key)
    if not check.ok:
        raise BackupInvalid(", ".join(check.problems), problems=check.problems)
    keep_keys = _unlocks_same_master(key_file_for(target), master, passphrase, recovery_key)
    live_keys = None if keep_keys else KeyFile.from_json(keys_text).to_json()  # without the manifest
    return switch.Switch(target, backup_path, check.sha256, live_keys), check, keep_keys


def _unlocks_same_master(key_file: Path, master: MasterKey, passphrase: str | None, recovery_key: str | None) -> bool:
    try:
        keys = KeyFile.read(key_file)
        found = keys.unlock_with_recovery_key(recovery_key) if recovery_key is not None else keys.unlock(passphrase or "")
    except (KeyFileMissing, KeyFileDamaged, WrongPassphrase):
        return False
    return hmac.compare_digest(found.raw, master.raw)


# --- passphrase --------------------------------------------------------------------------------------

def rekey(path: Path, new_passphrase: str, passphrase: str | None = None,
          recovery_key: str | None = None) -> RekeyReport:
    """Change the passphrase: re-wrap the master key under the new one and replace the key file
    atomically. The old passphrase stops working; the recovery key keeps working."""
    check_passphrase(new_passphrase)   # the rule a new database's passphrase follows (>= 10 characters)
    path = Path(path)
    refuse_network_path(path)
    switch.settle(path)
    check_database_file(path)
    key_file = key_file_for(path)
    keys = KeyFile.read(key_file)
    if recovery_key is not None:
        master, used = keys.unlock_with_recovery_key(recovery_key), "recovery_key"
    else:
        master, used = keys.unlock(passphrase or ""), "passphrase"
    verify_decrypts(path, master)  # never re-wrap a key that does not open this file
    keys.with_passphrase(master, new_passphrase).write(key_file)
    return RekeyReport(key_file, used)


# --- before a schema upgrade ---------------------------------------------------------------------------

def pre_migration_backup(db: Database, label: str) -> BackupReport | SchemaSnapshot:
    """The `backup` callback of migrate.ensure_current: an encrypted file in the migration backups
    folder (embedded), or a copy of every table in a new schema of the same database (server)."""
    now = db.clock.now().astimezone(timezone.utc)
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    if db.is_embedded:
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", label).strip("-.") or "backup"
        folder = app_dirs().migration_backups
        name, n = f"{db.path.stem}-{safe}-{stamp}", 1
        dest = folder / f"{name}.db"
        while dest.exists() or key_file_for(dest).exists():
            n += 1
            dest = folder / f"{name}-{n}.db"
        report = backup(db, dest, db.clock)
        check = verify_written(report.path, sqlcipher_key_of(db))
        if not check.ok:    # no upgrade without a copy that restores
            raise BackupFailed("pre-migration backup failed its check", reason="verify", problems=check.problems)
        return report
    return _snapshot_schema(db, label, stamp.lower(), now)


_COPY_STAMP = re.compile(r"-(\d{8}T\d{6}Z)(?:-\d+)?\.db$")
_SCHEMA_STAMP = re.compile(r"^idbackup_\w*_(\d{8}t\d{6}z)(?:_\d+)?$")


def _stamp_time(stamp: str) -> datetime:
    return datetime.strptime(stamp.upper(), "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)


def prune_pre_migration(db: Database, zone: tzinfo) -> list[str]:
    """The copies taken before schema upgrades, rotated like the scheduled backups (rotation.py):
    this database's files in the migration backups folder, or its idbackup_* schemas on a server.
    Returns the names removed."""
    if db.is_embedded:
        folder = app_dirs().migration_backups
        copies = [(p, _COPY_STAMP.search(p.name)) for p in folder.glob(f"{db.path.stem}-*.db")] if folder.is_dir() else []
        found = [(p, _stamp_time(m.group(1))) for p, m in copies if m]
        decided = rotation.rotate(found, lambda c: c[1], zone)
        for index in decided.drop:
            found[index][0].unlink(missing_ok=True)
            key_file_for(found[index][0]).unlink(missing_ok=True)
        return [found[i][0].name for i in decided.drop]
    with db.engine.begin() as conn:
        quote = conn.dialect.identifier_preparer.quote
        schemas = [(n, _SCHEMA_STAMP.match(n)) for n in inspect(conn).get_schema_names()]
        found = [(n, _stamp_time(m.group(1))) for n, m in schemas if m]
        decided = rotation.rotate(found, lambda c: c[1], zone)
        for index in decided.drop:
            conn.execute(text(f"DROP SCHEMA {quote(found[index][0])} CASCADE"))
    return [found[i][0] for i in decided.drop]


def _snapshot_schema(db: Database, label: str, stamp: str, now: datetime) -> SchemaSnapshot:
    safe = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_") or "backup"
    base = f"idbackup_{safe}"[: 63 - len(stamp) - 4] + "_" + stamp
    # REPEATABLE READ: every table is copied from the same snapshot, whatever other clients do.
    with db.engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn, conn.begin():
        quote = conn.dialect.identifier_preparer.quote
        source = conn.execute(text("SELECT current_schema()")).scalar_one()
        taken = set(inspect(conn).get_schema_names())
        schema, n = base, 1
        while schema in taken:
            n += 1
            schema = f"{base}_{n}"
        tables = inspect(conn).get_table_names(schema=source)
        conn.execute(text(f"CREATE SCHEMA {quote(schema)}"))
        counts = {}
        for table in sorted(tables):
            conn.execute(text(f"CREATE TABLE {quote(schema)}.{quote(table)} AS TABLE {quote(source)}.{quote(table)}"))
            counts[table] = conn.execute(text(f"SELECT count(*) FROM {quote(schema)}.{quote(table)}")).scalar_one()
        revision = None
        if "alembic_version" in tables:
            revision = conn.execute(text(f"SELECT version_num FROM {quote(source)}.alembic_version")).scalar()
    return SchemaSnapshot(schema, now, revision, counts)
