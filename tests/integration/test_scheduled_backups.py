"""Backups that run by themselves: at the set time, catching up a missed day, one desktop at a time,
verified, recorded in backup_runs and the audit log, rotated; failures recorded and warned about."""

from __future__ import annotations

import os
import subprocess
import threading
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from desktop.core import backups, settings
from desktop.core.errors import BackupFailed, BackupInProgress, PermissionDenied
from desktop.core.model import AuditEntry, BackupRun, Role
from desktop.core.storage import admin, server_backup
from desktop.core.storage.database import Actor, open_embedded, open_server
from desktop.core.storage.keys import key_file_for
from desktop.ui.messages import describe
from factories import PASSPHRASE, PG_ADMIN_DSN, add_user, pg_url
from storage_helpers import add_people, fingerprint

SHANGHAI = ZoneInfo("Asia/Shanghai")
SYSTEM = Actor.command_line()


def _local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=SHANGHAI).astimezone(timezone.utc)


def _set(db, **values) -> None:
    with db.session(SYSTEM, write=True) as s:
        for key, value in values.items():
            settings.store_institution(s, key.replace("_", ".", 1), value, "test")


def _runs(db) -> list[backups.BackupRunInfo]:
    with db.session() as s:
        return [backups.BackupRunInfo.of(r) for r in s.scalars(select(BackupRun).order_by(BackupRun.id))]


def _audit(db, action: str) -> list[tuple[str, dict]]:
    """(entity id, details) of the audit entries of `action`, oldest first."""
    with db.session() as s:
        return [(e.entity_id, e.changes) for e in
                s.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq))]


@pytest.fixture
def folder(tmp_path) -> Path:
    return tmp_path / "share" / "backups"


def test_the_scheduled_backup_runs_at_its_time_and_once(embedded_db, clock, folder):
    db = embedded_db
    add_people(db, clock)
    _set(db, backup_folder=str(folder), backup_time="12:30")
    monday = date(2026, 11, 23)
    clock.set(_local(monday, 12, 30))
    first = backups.run(db, SYSTEM)                       # the first ever: the 12:30 slot of today
    assert first is not None and first.status == "ok" and first.verified
    clock.set(_local(monday + timedelta(days=1), 12, 29))
    assert backups.run(db, SYSTEM) is None                # one minute early: yesterday's slot is done
    clock.set(_local(monday + timedelta(days=1), 12, 30))
    second = backups.run(db, SYSTEM)
    assert second is not None and second.trigger == "scheduled"
    clock.advance(timedelta(minutes=1))
    assert backups.run(db, SYSTEM) is None                # once per day

    path = Path(second.path)
    assert path.parent == folder and path.name == "interviewdesk-20261124-123000.db"
    check = admin.verify_backup(path, passphrase=PASSPHRASE)
    assert check.ok and check.sha256 == second.sha256 and path.stat().st_size == second.size
    copy = open_embedded(path, passphrase=PASSPHRASE)
    try:
        with copy.session() as s:
            assert s.scalar(select(BackupRun.status).where(BackupRun.id == second.id)) == "running"
    finally:
        copy.dispose()
    rows = _runs(db)
    assert [(r.trigger, r.status, r.verified) for r in rows] == [("scheduled", "ok", True)] * 2
    assert rows[1].finished_at == clock.now() - timedelta(minutes=1) and rows[1].sha256 == second.sha256
    written = _audit(db, "backup_written")
    assert [entity for entity, _ in written] == [str(first.id), str(second.id)]
    assert written[1][1]["sha256"] == second.sha256 and written[1][1]["trigger"] == "scheduled"


def test_a_missed_day_is_caught_up_when_the_program_starts(db, clock, folder):
    _set(db, backup_folder=str(folder))
    clock.set(_local(date(2026, 11, 23), 12, 45))
    assert backups.run(db, SYSTEM) is not None
    clock.set(_local(date(2026, 11, 26), 8, 5))           # off on Tuesday and Wednesday; started Thursday 08:05
    caught_up = backups.run(db, SYSTEM)
    assert caught_up is not None and caught_up.status == "ok"
    assert backups.run(db, SYSTEM) is None                 # Wednesday's slot is now covered
    clock.set(_local(date(2026, 11, 26), 12, 30))
    assert backups.run(db, SYSTEM) is not None             # and Thursday's comes at its time
    runs = _runs(db)
    assert [r.status for r in runs] == ["ok", "pruned", "ok"]     # a day keeps its newest backup
    assert not Path(runs[1].path).exists() and Path(runs[2].path).exists()


def test_a_disabled_schedule_runs_nothing(db, clock, folder):
    _set(db, backup_folder=str(folder), backup_enabled=False)
    clock.advance(timedelta(days=3))
    assert backups.run(db, SYSTEM) is None and _runs(db) == []


def test_only_one_of_several_desktops_runs_it(db, clock, folder, request):
    _set(db, backup_folder=str(folder))
    other = (open_embedded(db.path, passphrase=PASSPHRASE, clock=clock) if db.is_embedded
             else open_server(db.engine.url.render_as_string(hide_password=False), clock=clock))
    request.addfinalizer(other.dispose)
    claims, start = [], threading.Barrier(2)

    def desktop(database):
        start.wait()
        with database.session(SYSTEM, write=True) as s:
            claims.append(backups.claim_due(s, backups.default_folder(database)))

    threads = [threading.Thread(target=desktop, args=(d,)) for d in (db, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(c is None for c in claims) == [False, True]
    with other.session(SYSTEM, write=True) as s, pytest.raises(BackupInProgress):
        backups.claim_now(s, SYSTEM, folder)
    clock.advance(backups.STALE_RUN + timedelta(minutes=1))   # the claimer died: the next desktop takes over
    with other.session(SYSTEM, write=True) as s:
        assert backups.claim_due(s, None) is not None
    assert [r.error for r in _runs(db)] == ["interrupted", ""]


def _fake_backup(db, claim: backups.Claim) -> backups.Outcome:
    """A small file and its companion in place of the database copy: the rotation is the subject."""
    stamp = db.clock.now().astimezone(SHANGHAI).strftime("%Y%m%d")
    path = claim.folder / (f"interviewdesk-{stamp}.db" if db.is_embedded else f"interviewdesk-{stamp}.dump")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(stamp)
    companion = key_file_for(path) if db.is_embedded else server_backup.manifest_for(path)
    companion.write_text("{}")
    return backups.Outcome(path, len(stamp), "0" * 64, True)


def test_rotation_over_four_hundred_days_keeps_exactly_the_right_files(db, clock, folder):
    _set(db, backup_folder=str(folder))
    first, last = date(2026, 1, 1), date(2027, 2, 4)
    day = first
    while day <= last:
        clock.set(_local(day, 12, 30))
        with db.session(SYSTEM, write=True) as s:
            claim = backups.claim_due(s, None)
        assert claim is not None, day
        with db.session(SYSTEM, write=True) as s:
            backups.finish(s, claim, _fake_backup(db, claim))
        day += timedelta(days=1)

    kept_days = ({last - timedelta(days=n) for n in range(7)} | {date(2027, 1, 24), date(2027, 1, 17)}
                 | {date(2026, m + 1, 1) - timedelta(days=1) for m in range(3, 12)} | {date(2026, 12, 31)})
    suffix, companion = (".db", ".db.keys") if db.is_embedded else (".dump", ".dump.json")
    expected = {f"interviewdesk-{d:%Y%m%d}{ext}" for d in kept_days for ext in (suffix, companion)}
    assert set(fingerprint(folder)) == expected
    rows = _runs(db)
    assert len([r for r in rows if r.status == "ok"]) == 19 and len([r for r in rows if r.status == "pruned"]) == 381
    with db.session() as s:
        status = backups.status(s, None)
    tiers = {Path(r.path).stem[-8:]: r.tier for r in status.kept}
    assert tiers["20270204"] == "monthly" and tiers["20270124"] == "weekly" and tiers["20270201"] == "daily"
    assert tiers["20260331"] == "monthly" and "20260228" not in tiers
    assert _audit(db, "backups_pruned")


def test_an_unwritable_folder_is_a_failed_run_worded_and_warned_after_two_days(db, clock, read_only_folder):
    _set(db, backup_folder=str(read_only_folder / "backups"))
    with pytest.raises(BackupFailed) as failed:
        backups.run(db, SYSTEM)
    assert failed.value.params["reason"] == "folder_unwritable"
    assert "不允许写入" in describe(failed.value) or "does not allow writing" in describe(failed.value)
    (run,) = _runs(db)
    assert run.status == "failed" and run.error == "folder_unwritable" and not run.verified
    assert _audit(db, "backup_failed")[0][1]["reason"] == "folder_unwritable"
    assert list(read_only_folder.iterdir()) == []

    assert backups.run(db, SYSTEM) is None                 # retried an hour later, not every minute
    clock.advance(backups.RETRY_AFTER + timedelta(minutes=1))
    with pytest.raises(BackupFailed):
        backups.run(db, SYSTEM)

    with db.session() as s:
        assert not backups.status(s, None).warn
    clock.advance(timedelta(days=2))
    with db.session() as s:
        status = backups.status(s, None)
    assert status.warn and status.quiet_days == 2 and status.last_success is None
    assert status.last_failure is not None and status.last_failure.error == "folder_unwritable"


def test_two_days_without_a_good_backup_warn(db, clock, folder):
    _set(db, backup_folder=str(folder))
    clock.set(_local(date(2026, 11, 23), 12, 30))
    backups.run(db, SYSTEM)
    # Tuesday's and Wednesday's 12:30 passed without a backup: warned from Wednesday 12:30 on
    for since, warn in ((timedelta(hours=47), False), (timedelta(days=2), False), (timedelta(days=2, minutes=1), True)):
        clock.set(_local(date(2026, 11, 23), 12, 30) + since)
        with db.session() as s:
            assert backups.status(s, None).warn is warn, since
    _set(db, backup_enabled=False)
    with db.session() as s:
        assert not backups.status(s, None).warn


def test_back_up_now_is_for_administrators(db, clock, folder):
    officer = add_user(db, "hr.officer", [(Role.HR_OFFICER, None)])
    with db.session(officer, write=True) as s, pytest.raises(PermissionDenied):
        backups.claim_now(s, officer, folder)


@pytest.mark.skipif(server_backup.shutil.which("pg_dump") is None, reason="pg_dump not installed")
def test_a_server_backup_is_a_verified_dump_that_restores(pg_database, clock, folder, tmp_path):
    db = open_server(pg_url(pg_database), clock=clock)
    scratch = f"{pg_database}_restored"
    try:
        add_people(db, clock)
        _set(db, backup_folder=str(folder))
        info = backups.run(db, SYSTEM, scheduled=False)
        assert info.status == "ok" and info.verified and info.path.endswith(".dump")
        dump = Path(info.path)
        check = server_backup.verify_dump(dump)
        assert check.ok and check.row_counts["candidates"] == 4

        import psycopg
        with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{scratch}"')
        restored = subprocess.run(["pg_restore", "--no-owner", "--exit-on-error", "-d", pg_url(scratch)
                                   .replace("+psycopg", ""), str(dump)], capture_output=True, text=True)
        assert restored.returncode == 0, restored.stderr
        again = open_server(pg_url(scratch), clock=clock)
        try:
            with again.session() as s:
                names = sorted(s.scalars(select(AuditEntry.action)).all())
                assert "backup_written" not in names          # the dump holds what was committed before
        finally:
            again.dispose()

        data = bytearray(dump.read_bytes())
        data[len(data) // 2] ^= 0xFF
        dump.write_bytes(bytes(data))
        assert "sha256" in server_backup.verify_dump(dump).problems
    finally:
        db.dispose()
        import psycopg
        with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


def test_copies_taken_before_upgrades_are_rotated_alike(db, clock):
    """Fifteen upgrades over a year and a half: the copies before them are kept by the same tiers."""
    from desktop.core.paths import app_dirs

    days = [date(2025, 1, 6) + timedelta(days=37 * n) for n in range(15)]       # 6 Jan 2025 .. 8 Jun 2026
    for day in days:
        clock.set(_local(day, 10))
        admin.pre_migration_backup(db, "before-upgrade-0013")
    removed = admin.prune_pre_migration(db, SHANGHAI)

    if db.is_embedded:
        left = sorted(p.name for p in app_dirs().migration_backups.glob("*.db"))
        assert all(key_file_for(app_dirs().migration_backups / name).exists() for name in left)
        assert not [p for p in app_dirs().migration_backups.glob("*.keys") if p.name[:-5] not in left]
    else:
        from sqlalchemy import inspect
        with db.engine.connect() as conn:
            left = sorted(n for n in inspect(conn).get_schema_names() if n.startswith("idbackup_"))
    stamps = sorted(name.split("-")[-1][:8] if db.is_embedded else name.split("_")[-1][:8] for name in left)
    # every copy is in its own day, week and month: the newest 12 months' copies stay (the last
    # 7 and 4 are among them); the 3 older ones go
    assert stamps == [f"{d:%Y%m%d}" for d in days[3:]]
    assert len(removed) == 3


def test_a_server_desktop_without_pg_dump_records_why(pg_database, clock, folder, monkeypatch):
    """Back up now on a desktop without the PostgreSQL client tools: a failed run that says so."""
    db = open_server(pg_url(pg_database), clock=clock)
    try:
        _set(db, backup_folder=str(folder))
        monkeypatch.setenv("PATH", str(folder))           # no pg_dump on this computer's path
        with pytest.raises(BackupFailed) as failed:
            backups.run(db, SYSTEM, scheduled=False)
        assert failed.value.params["reason"] == "tool_missing"
        assert "pg_dump is not installed" in describe(failed.value) or "没有安装 pg_dump" in describe(failed.value)
        assert [(r.trigger, r.status, r.error) for r in _runs(db)] == [("manual", "failed", "tool_missing")]
    finally:
        db.dispose()


@pytest.fixture(params=["sqlcipher", "postgresql"])
def at_0013(request, tmp_path, clock):
    """A database of the previous release (revision 0013), as a Target."""
    import uuid

    import psycopg

    from desktop.core.storage import migrate
    from desktop.core.storage.connect import Target
    from desktop.core.storage.database import create_embedded

    if request.param == "sqlcipher":
        path = tmp_path / "db" / "interviewdesk.db"
        db, _recovery = create_embedded(path, PASSPHRASE, clock=clock)
        target, name = Target(path=path), None
    else:
        name = f"idtest_bk_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        db, target = open_server(pg_url(name), clock=clock), Target(url=pg_url(name))
    migrate.upgrade(db, "0013")
    db.dispose()
    yield target
    if name:
        with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_copy_before_an_upgrade_is_recorded_once_the_table_exists(at_0013, clock):
    from desktop.core.storage.connect import open_target

    db = open_target(at_0013, passphrase=PASSPHRASE, clock=clock)
    try:
        (run,) = _runs(db)
        assert (run.trigger, run.status) == ("pre_migration", "ok")
        if db.is_embedded:
            assert Path(run.path).is_file() and run.verified and run.sha256 and "before-upgrade-0013" in run.path
        else:
            assert run.path.startswith("idbackup_before_upgrade_0013_")
        ((entity, changes),) = _audit(db, "backup_written")
        assert entity == str(run.id) and changes["trigger"] == "pre_migration"
        with db.session() as s:
            assert backups.status(s, None).last_success is None     # not one of the daily backups
    finally:
        db.dispose()


@pytest.fixture
def small_disk(tmp_path):
    """A folder on a disk with room for less than one backup (a 256 KiB tmpfs; root only)."""
    folder = tmp_path / "small"
    folder.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small disk here")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


def test_a_full_disk_is_a_failed_run_that_leaves_nothing_behind(embedded_db, clock, small_disk):
    db = embedded_db
    add_people(db, clock)
    _set(db, backup_folder=str(small_disk))
    with pytest.raises(BackupFailed) as failed:
        backups.run(db, SYSTEM, scheduled=False)
    assert failed.value.params["reason"] == "disk_full"
    assert "disk is full" in describe(failed.value) or "磁盘已满" in describe(failed.value)
    assert list(small_disk.iterdir()) == []                    # no partial copy, no key file
    assert [(r.status, r.error) for r in _runs(db)] == [("failed", "disk_full")]


def test_the_backup_folder_is_a_whole_path():
    from desktop.core.errors import InvalidSetting

    spec = settings.spec_of("backup.folder")
    for whole in ("D:\\备份", "\\\\fileserver\\hr$\\备份", "/mnt/share/backups", ""):
        assert spec.parse(whole) == whole
    with pytest.raises(InvalidSetting) as refused:
        spec.parse("backups")
    assert refused.value.params["reason"] == "whole_path"
    assert "whole path" in describe(refused.value) or "完整路径" in describe(refused.value)
