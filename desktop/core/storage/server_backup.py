"""Backups of a server (PostgreSQL) database with the server's own tool, pg_dump.

The dump is taken from a snapshot exported by a REPEATABLE READ transaction in which the row counts
are read too, so the manifest describes exactly what the dump holds while the office keeps working.
pg_dump gets the connection through libpq's environment variables (PGHOST, PGPASSWORD, …), never
on its command line, where other users of the computer could read the password.

Beside `<name>.dump` (pg_dump's custom format), `<name>.dump.json` is the manifest: time, schema
revision, server version, row counts, SHA-256 and size. `verify_dump` checks the digest and reads
the dump's table of contents with pg_restore: every table counted must have its data in the dump.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import inspect, text

from desktop.core.errors import BackupExists, BackupFailed, ServerBackupUnsupported
from desktop.core.storage.database import Database
from desktop.core.storage.files import fsync_file, sha256_of, write_atomic
from desktop.core.storage.keys import fsync_dir

MANIFEST_FORMAT = "interviewdesk-server-backup/1"
SUFFIX = ".dump"
TOOL_SECONDS = 6 * 3600     # a dump of a large office takes minutes; a hung server must not hold a run forever


@dataclass(frozen=True)
class DumpReport:
    path: Path
    manifest: Path
    created_at: datetime
    revision: str | None
    row_counts: dict[str, int]
    sha256: str
    size: int


@dataclass(frozen=True)
class DumpCheck:
    path: Path
    problems: tuple[str, ...]      # manifest_missing, sha256, unreadable, tables_missing
    row_counts: dict[str, int]

    @property
    def ok(self) -> bool:
        return not self.problems


def manifest_for(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise ServerBackupUnsupported(f"{name} not found", reason="tool_missing", tool=name)
    return found


def _major(tool: str) -> int:
    out = subprocess.run([tool, "--version"], capture_output=True, text=True, errors="replace", timeout=60).stdout
    found = re.search(r"\s(\d+)(?:\.\d+)?", out)
    return int(found.group(1)) if found else 0


def check_tools(db: Database) -> str:
    """pg_dump's path, once it is known to be there and not older than the server (an older pg_dump
    refuses a newer server). Raises ServerBackupUnsupported with reason tool_missing or tool_old."""
    pg_dump = _tool("pg_dump")
    _tool("pg_restore")
    with db.engine.connect() as conn:
        server = int(conn.execute(text("SHOW server_version_num")).scalar_one()) // 10000
    tool = _major(pg_dump)
    if tool < server:
        raise ServerBackupUnsupported("pg_dump older than the server", reason="tool_old", tool=str(tool),
                                      server=str(server))
    return pg_dump


def _environment(db: Database) -> dict[str, str]:
    """libpq's variables for the database's URL (host, port, user, password, name, TLS options)."""
    url = db.engine.url
    env = dict(os.environ)     # PGPASSFILE, PGSSLROOTCERT … set for the task's user still apply
    for name, value in (("PGHOST", url.host), ("PGPORT", url.port), ("PGUSER", url.username),
                        ("PGPASSWORD", url.password), ("PGDATABASE", url.database)):
        if value:
            env[name] = str(value)
    for option, value in url.query.items():
        if isinstance(value, str) and re.fullmatch(r"ssl\w+|target_session_attrs|gss\w+", option):
            env["PG" + option.upper()] = value
    env["PGAPPNAME"] = "InterviewDesk backup"
    return env


def dump(db: Database, dest: Path) -> DumpReport:
    """Write `dest` (custom format) and its manifest; never overwrites, leaves nothing behind on failure."""
    dest = Path(dest)
    if db.is_embedded:
        raise ValueError("not a server database")
    pg_dump = check_tools(db)
    manifest_path = manifest_for(dest)
    if dest.exists() or manifest_path.exists():
        raise BackupExists(dest.name)
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)
    created_at = db.clock.now()
    wrote_manifest = False
    try:
        with db.engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn, conn.begin():
            snapshot = conn.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            schema = conn.execute(text("SELECT current_schema()")).scalar_one()
            quote = conn.dialect.identifier_preparer.quote
            tables = sorted(inspect(conn).get_table_names(schema=schema))
            counts = {t: conn.execute(text(f"SELECT count(*) FROM {quote(schema)}.{quote(t)}")).scalar_one()
                      for t in tables}
            revision = (conn.execute(text(f"SELECT version_num FROM {quote(schema)}.alembic_version")).scalar()
                        if "alembic_version" in tables else None)
            server = conn.execute(text("SHOW server_version")).scalar_one()
            # the whole database but the pre-migration copies (idbackup_* schemas, admin.py), so that
            # it restores into a new, empty database as it comes
            done = subprocess.run([pg_dump, "--format=custom", f"--snapshot={snapshot}",
                                   "--exclude-schema=idbackup_*", f"--file={partial}"], env=_environment(db),
                                  capture_output=True, text=True, errors="replace", timeout=TOOL_SECONDS)
        if done.returncode != 0:
            full = "No space left on device" in done.stderr
            raise BackupFailed("pg_dump failed", reason="disk_full" if full else "tool_failed", tool="pg_dump",
                               code=done.returncode)
        fsync_file(partial)
        digest, size = sha256_of(partial)
        manifest = {"format": MANIFEST_FORMAT, "created_at": created_at.astimezone(timezone.utc).isoformat(),
                    "schema": schema, "revision": revision, "server_version": server, "row_counts": counts,
                    "sha256": digest, "size": size}
        write_atomic(manifest_path, json.dumps(manifest, indent=2))
        wrote_manifest = True
        os.replace(partial, dest)
        fsync_dir(dest.parent)
    except BaseException:
        partial.unlink(missing_ok=True)
        if wrote_manifest:
            manifest_path.unlink(missing_ok=True)
        raise
    return DumpReport(dest, manifest_path, created_at, revision, counts, digest, size)


def verify_dump(path: Path) -> DumpCheck:
    """The dump's SHA-256 against its manifest, and pg_restore's reading of its table of contents:
    every table the manifest counted has its data in the dump."""
    path = Path(path)
    problems: list[str] = []
    try:
        manifest = json.loads(manifest_for(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = None
    if not isinstance(manifest, dict):
        return DumpCheck(path, ("manifest_missing",), {})
    counts = dict(manifest.get("row_counts") or {})
    if sha256_of(path)[0] != manifest.get("sha256"):
        problems.append("sha256")
    # a damaged dump may list bytes that are not text: they must not stop the check
    listed = subprocess.run([_tool("pg_restore"), "--list", str(path)], capture_output=True, text=True,
                            errors="replace", timeout=TOOL_SECONDS)
    if listed.returncode != 0:
        problems.append("unreadable")
    else:
        with_data = set(re.findall(r"TABLE DATA \S+ (\S+) ", listed.stdout))
        if set(counts) - with_data:
            problems.append("tables_missing")
    return DumpCheck(path, tuple(problems), counts)
