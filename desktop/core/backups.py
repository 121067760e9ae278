"""Backups that run by themselves (issue 13 §6): a daily backup at a set time to a set folder,
verified after writing, recorded in backup_runs and the audit log, rotated (rotation.py).

A run has three steps, so that no database lock is held while the file is written:
  1. `claim_due` / `claim_now` — one short write: the run's row, status "running". Every desktop and
     the scheduled command ask; the table lock (PostgreSQL) or the write lock (SQLite) lets one win,
     and the others find its row and stay quiet.
  2. `perform` — writes and verifies the file, touching no row (an encrypted SQLCipher copy, or
     pg_dump on a server).
  3. `finish` — one short write: the outcome on the row, the audit entry, and the rotation.

Due: the last scheduled moment (today's `backup.time` in the office's time zone, or yesterday's
before it) has no successful backup since, so a desktop that was off at that time catches up when
it starts. A failed scheduled run is retried an hour later; a run whose desktop died is taken over
after three hours.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from desktop.core import anchors, audit, rotation, settings
from desktop.core.errors import BackupExists, BackupFailed, BackupInProgress, DeskError
from desktop.core.model import AuditEntry, BackupRun
from desktop.core.permissions import Action, require
from desktop.core.storage import server_backup
from desktop.core.storage.database import Actor, Database, sqlcipher_key_of
from desktop.core.storage.keys import key_file_for

# who writes the scheduled runs in the audit log, whoever is signed in at the desktop that runs them
SCHEDULER = Actor(user_id=None, username="backup", display_name="定时备份 (scheduled backup)", system=True)
STALE_RUN = timedelta(hours=3)      # a "running" row this old belongs to a desktop that died
RETRY_AFTER = timedelta(hours=1)    # a failed scheduled run is tried again after this
WARN_AFTER = timedelta(days=2)      # the Today page warns after two days without a good backup
# The backup set the schedule keeps and rotates: scheduled runs and "back up now" (立即备份, or `db backup`
# without a destination). A backup the command line writes to a place of its own ("command") is the
# administrator's to keep and is never removed.
ROTATED = ("scheduled", "manual")


@dataclass(frozen=True)
class BackupRunInfo:
    id: int
    started_at: datetime
    finished_at: datetime | None
    trigger: str
    tier: str
    path: str
    size: int
    sha256: str
    verified: bool
    status: str
    error: str

    @classmethod
    def of(cls, run: BackupRun) -> "BackupRunInfo":
        return cls(run.id, run.started_at, run.finished_at, run.trigger, run.tier, run.path, run.size_bytes,
                   run.sha256, run.verified, run.status, run.error)


@dataclass(frozen=True)
class Claim:
    run_id: int
    folder: Path
    trigger: str
    dest: Path | None = None         # a file name chosen on the command line


@dataclass(frozen=True)
class Outcome:
    path: Path | None = None
    size: int = 0
    sha256: str = ""
    verified: bool = False
    reason: str = ""                 # empty when the backup was written and verified
    anchor: anchors.Anchor | None = None


@dataclass(frozen=True)
class BackupStatus:
    enabled: bool
    time: str
    folder: str                      # as configured ("" = the default)
    effective_folder: str            # where backups go ("" = nowhere yet: a server without a folder)
    last_success: BackupRunInfo | None
    last_failure: BackupRunInfo | None
    kept: tuple[BackupRunInfo, ...]  # the backups the rotation keeps, newest first
    quiet_days: int                  # whole days since the last good backup (or since the log began)
    warn: bool


# --- where and when -------------------------------------------------------------------------------

def default_folder(db: Database) -> Path | None:
    """Beside the embedded database; a server database has no default (its folder is set in Settings)."""
    return db.path.parent / "backups" / "scheduled" if db.is_embedded and db.path is not None else None


def _folder(session: Session, default: Path | None) -> Path | None:
    configured = str(settings.institution_value(session, "backup.folder") or "").strip()
    return Path(configured).expanduser() if configured else default


def _zone(session: Session) -> ZoneInfo:
    return ZoneInfo(str(settings.institution_value(session, "office.timezone") or "Asia/Shanghai"))


def last_slot(session: Session, now: datetime) -> datetime:
    """The latest scheduled moment at or before `now` (UTC)."""
    zone = _zone(session)
    hour, minute = map(int, str(settings.institution_value(session, "backup.time")).split(":"))
    local = now.astimezone(zone)
    slot = datetime.combine(local.date(), time(hour, minute), tzinfo=zone)
    if slot > local:
        slot = datetime.combine(local.date() - timedelta(days=1), time(hour, minute), tzinfo=zone)
    return slot.astimezone(timezone.utc)


def _lock_runs(session: Session) -> None:
    """Claims are taken one at a time: on PostgreSQL a table lock that only other claims wait for
    (readers go on); an embedded write already holds SQLite's write lock (BEGIN IMMEDIATE)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("LOCK TABLE backup_runs IN SHARE ROW EXCLUSIVE MODE"))


def _running(session: Session, now: datetime) -> BackupRun | None:
    """A run in progress elsewhere; runs older than STALE_RUN are marked interrupted on the way."""
    found = None
    for run in session.scalars(select(BackupRun).where(BackupRun.status == "running")):
        if run.started_at <= now - STALE_RUN:
            run.status, run.error, run.finished_at = "failed", "interrupted", now
        else:
            found = run
    return found


def _is_due(session: Session, now: datetime) -> bool:
    slot = last_slot(session, now)
    done = session.scalar(select(func.count()).select_from(BackupRun).where(
        BackupRun.trigger.in_(ROTATED), BackupRun.status.in_(("ok", "pruned")), BackupRun.started_at >= slot))
    if done:
        return False
    failed = session.scalar(select(func.count()).select_from(BackupRun).where(
        BackupRun.trigger == "scheduled", BackupRun.status == "failed", BackupRun.started_at > now - RETRY_AFTER))
    return not failed


def _start(session: Session, trigger: str, folder: Path, now: datetime, dest: Path | None = None) -> Claim:
    run = BackupRun(started_at=now, trigger=trigger, tier="daily", path=str(dest or folder)[:500], status="running")
    session.add(run)
    session.flush()
    return Claim(run.id, folder, trigger, dest)


def claim_due(session: Session, default: Path | None) -> Claim | None:
    """The scheduled run, when it is due, enabled and has a folder, and no one else is at it."""
    if not settings.institution_value(session, "backup.enabled"):
        return None
    folder = _folder(session, default)
    if folder is None:
        return None
    now = session.info["clock"].now()
    _lock_runs(session)
    if _running(session, now) is not None or not _is_due(session, now):
        return None
    return _start(session, "scheduled", folder, now)


def claim_now(session: Session, actor: Actor, default: Path | None, *, dest: Path | None = None) -> Claim:
    """A backup asked for now: into the backup folder (立即备份, `db backup`; administrators only),
    or to `dest`, a file or folder named on the command line (kept out of the rotation)."""
    require(session, actor, Action.SETTINGS_MANAGE)
    target, name = (dest, None) if dest is None or dest.is_dir() else (dest.parent, dest)
    target = target or _folder(session, default)
    if target is None:
        raise BackupFailed("no backup folder", reason="no_folder")
    if name is not None and (name.exists() or _companion(name).exists()):
        raise BackupExists(name.name)
    now = session.info["clock"].now()
    _lock_runs(session)
    if _running(session, now) is not None:
        raise BackupInProgress("a backup is running")
    return _start(session, "manual" if dest is None else "command", target, now, name)


# --- writing the file ---------------------------------------------------------------------------------

def _reason(exc: BaseException) -> str:
    if isinstance(exc, DeskError):
        return str(exc.params.get("reason") or exc.code)
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            return "disk_full"
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return "folder_unwritable"
        if exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.EHOSTUNREACH, errno.ENETUNREACH):
            return "folder_missing"
    return "write_failed"


def _name(db: Database, claim: Claim, zone: ZoneInfo) -> Path:
    if claim.dest is not None:
        return claim.dest
    stamp = db.clock.now().astimezone(zone).strftime("%Y%m%d-%H%M%S")
    suffix = ".db" if db.is_embedded else server_backup.SUFFIX
    path, n = claim.folder / f"interviewdesk-{stamp}{suffix}", 1
    while path.exists() or _companion(path).exists():
        n += 1
        path = claim.folder / f"interviewdesk-{stamp}-{n}{suffix}"
    return path


def _companion(path: Path) -> Path:
    """The file that belongs to a backup: its key file with manifest, or a dump's manifest."""
    return server_backup.manifest_for(path) if path.suffix == server_backup.SUFFIX else key_file_for(path)


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)
    _companion(path).unlink(missing_ok=True)


def perform(db: Database, claim: Claim, zone: ZoneInfo) -> Outcome:
    """Write the backup into the claimed folder and verify it; touches no row. A copy that fails
    its verification is removed (it would only look like a backup)."""
    path = None
    try:
        if not claim.folder.is_dir():
            claim.folder.mkdir(parents=True, exist_ok=True)
        path = _name(db, claim, zone)
        if db.is_embedded:
            from desktop.core.storage import admin   # the copying and checking code: loaded by the first backup

            report = admin.backup(db, path, db.clock)
            check = admin.verify_written(report.path, sqlcipher_key_of(db))
            problems, anchor = check.problems, report.anchor
        else:
            report = server_backup.dump(db, path)
            problems, anchor = server_backup.verify_dump(report.path).problems, None
    except (DeskError, OSError) as exc:
        return Outcome(path, reason=_reason(exc))
    if problems:
        _remove(report.path)
        return Outcome(report.path, reason="verify:" + ",".join(problems))
    return Outcome(report.path, report.size, report.sha256, True, "", anchor)


def finish(session: Session, claim: Claim, outcome: Outcome) -> BackupRunInfo:
    """Record the outcome (row and audit entry); after a good backup, rotate."""
    run = session.get(BackupRun, claim.run_id)
    now = session.info["clock"].now()
    run.finished_at = now
    run.path = str(outcome.path or claim.folder)[:500]
    run.size_bytes, run.sha256, run.verified = outcome.size, outcome.sha256, outcome.verified
    run.status = "ok" if not outcome.reason else "failed"
    run.error = outcome.reason
    if outcome.reason:
        audit.record(session, "backup_failed", "BackupRun", run.id, trigger=run.trigger, folder=str(claim.folder),
                     reason=outcome.reason)
    else:
        audit.record(session, "backup_written", "BackupRun", run.id, trigger=run.trigger, path=run.path,
                     size=run.size_bytes, sha256=run.sha256, verified=True)
        if outcome.anchor is not None:     # its manifest is a witness of the audit head
            anchors.record_witness(session, outcome.anchor, "backup", run.path)
        if run.trigger in ROTATED:
            rotate(session)
    session.flush()
    return BackupRunInfo.of(run)


def rotate(session: Session) -> tuple[BackupRunInfo, ...]:
    """Remove the backups no tier keeps (rotation.py); mark their rows "pruned". A file that cannot
    be removed now (a share offline) stays in the set and is tried again after the next backup."""
    runs = list(session.scalars(select(BackupRun).where(BackupRun.status == "ok", BackupRun.trigger.in_(ROTATED))))
    decided = rotation.rotate(runs, lambda r: r.started_at, _zone(session))
    pruned = []
    for index, tier in decided.keep.items():
        runs[index].tier = tier
    for index in decided.drop:
        run = runs[index]
        try:
            _remove(Path(run.path))
        except OSError:
            continue
        run.status = "pruned"
        pruned.append(run)
    if pruned:
        audit.record(session, "backups_pruned", "BackupRun", "", count=len(pruned),
                     runs=",".join(str(r.id) for r in pruned))
    return tuple(BackupRunInfo.of(r) for r in pruned)


def record_restore(session: Session, source: Path, made_at: datetime | None, sha256: str, *,
                   key_file_replaced: bool) -> None:
    """The audit entry of a restore, written into the restored database right after the switch."""
    audit.record(session, "backup_restored", "Database", "", backup=str(source)[:500],
                 made_at=made_at.isoformat() if made_at else "", sha256=sha256, key_file_replaced=key_file_replaced)


def record_pre_migration(session: Session, report: Any, removed: list[str]) -> BackupRunInfo:
    """The copy taken before a schema upgrade (admin.pre_migration_backup: a verified file, or a copy
    of every table in a schema on a server), recorded after the upgrade made the table for it; the
    earlier copies the rotation removed are marked pruned."""
    from desktop.core.storage import admin

    now = session.info["clock"].now()
    if isinstance(report, admin.BackupReport):
        run = BackupRun(started_at=report.created_at, finished_at=now, trigger="pre_migration", path=str(report.path),
                        size_bytes=report.size, sha256=report.sha256, verified=True, status="ok")
    else:
        run = BackupRun(started_at=report.created_at, finished_at=now, trigger="pre_migration",
                        path=report.schema, status="ok")
    session.add(run)
    session.flush()
    audit.record(session, "backup_written", "BackupRun", run.id, trigger="pre_migration", path=run.path,
                 size=run.size_bytes, sha256=run.sha256, verified=run.verified)
    gone = set(removed)
    for earlier in session.scalars(select(BackupRun).where(BackupRun.trigger == "pre_migration",
                                                           BackupRun.status == "ok")):
        if earlier.path in gone or Path(earlier.path).name in gone:
            earlier.status = "pruned"
    session.flush()
    return BackupRunInfo.of(run)


# --- one call for the command line and tests ------------------------------------------------------------

def run(db: Database, actor: Actor, *, scheduled: bool = True, dest: Path | None = None) -> BackupRunInfo | None:
    """Claim, write and record a backup in three units of work. `scheduled`: only when due (None
    when not); else now, into the backup folder or to `dest`. A failed backup is recorded, then
    raised as BackupFailed."""
    with db.session(actor, write=True) as session:
        claim = (claim_due(session, default_folder(db)) if scheduled else
                 claim_now(session, actor, default_folder(db), dest=dest))
        zone = _zone(session)
    if claim is None:
        return None
    outcome = perform(db, claim, zone)
    with db.session(actor, write=True) as session:
        info = finish(session, claim, outcome)
    if info.status != "ok":
        raise BackupFailed("backup failed", reason=info.error.split(":")[0], problems=info.error)
    return info


# --- what Settings and Today show -----------------------------------------------------------------------

def status(session: Session, default: Path | None) -> BackupStatus:
    now = session.info["clock"].now()
    enabled = bool(settings.institution_value(session, "backup.enabled"))
    folder = _folder(session, default)
    recent = select(BackupRun).where(BackupRun.trigger.in_(ROTATED)).order_by(BackupRun.started_at.desc()).limit(1)
    last_ok = session.scalar(recent.where(BackupRun.status.in_(("ok", "pruned"))))
    last_failed = session.scalar(recent.where(BackupRun.status == "failed"))
    kept = session.scalars(select(BackupRun).where(BackupRun.status == "ok", BackupRun.trigger.in_(ROTATED))
                           .order_by(BackupRun.started_at.desc())).all()
    since = last_ok.started_at if last_ok is not None else session.scalar(select(func.min(AuditEntry.at)))
    quiet = now - since if since is not None else timedelta(0)
    return BackupStatus(enabled, str(settings.institution_value(session, "backup.time")),
                        str(settings.institution_value(session, "backup.folder") or ""),
                        str(folder) if folder is not None else "",
                        BackupRunInfo.of(last_ok) if last_ok else None,
                        BackupRunInfo.of(last_failed) if last_failed and (
                            last_ok is None or last_failed.started_at > last_ok.started_at) else None,
                        tuple(BackupRunInfo.of(r) for r in kept), quiet.days, enabled and quiet > WARN_AFTER)
