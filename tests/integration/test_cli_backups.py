"""`interviewdesk db backup` as a scheduled task runs it: into the backup folder, only when due, on
the embedded file and on a server (pg_dump); and `db restore` leaves its entry in the audit log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop.core.model import AuditEntry, BackupRun
from desktop.core.storage import server_backup
from desktop.core.storage.database import open_embedded, open_server
from desktop.core.storage.keys import key_file_for
from factories import pg_url
from test_cli_support import PASSPHRASE, cli, database, template  # noqa: F401  (fixtures)


def _rows(db) -> list[tuple[str, str, bool]]:
    with db.session() as s:
        return [(r.trigger, r.status, r.verified) for r in s.scalars(select(BackupRun).order_by(BackupRun.id))]


def _actions(db) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))


def test_the_scheduled_task_backs_up_into_the_folder_once_a_day(cli, database, tmp_path, monkeypatch, clock):
    path, _recovery = database
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    folder = tmp_path / "share"
    assert cli("--db", path, "config", "set", "backup.folder", folder).code == 0

    first = cli("--db", path, "db", "backup", "--if-due")
    assert first.code == 0, first.err
    assert "通过校验" in first.out or "verified" in first.out
    again = cli("--db", path, "db", "backup", "--if-due")
    assert again.code == 0 and len(list(folder.glob("*.db"))) == 1
    clock.advance(timedelta(days=1))
    assert cli("--db", path, "db", "backup", "--if-due").code == 0
    assert len(list(folder.glob("*.db"))) == 2 and len(list(folder.glob("*.db.keys"))) == 2
    one_off = tmp_path / "usb" / "before-audit.db"
    assert cli("--db", path, "db", "backup", one_off).code == 0

    db = open_embedded(path, passphrase=PASSPHRASE, clock=clock)
    try:
        assert _rows(db) == [("scheduled", "ok", True), ("scheduled", "ok", True), ("command", "ok", True)]
        assert _actions(db).count("backup_written") == 3
    finally:
        db.dispose()
    assert cli("--db", path, "db", "backup", "--if-due", one_off).code == 2


def test_a_restore_is_in_the_restored_databases_audit_log(cli, database, tmp_path, monkeypatch):
    path, _recovery = database
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    backup = tmp_path / "copy.db"
    assert cli("--db", path, "db", "backup", backup).code == 0
    assert cli("--db", path, "db", "restore", backup).code == 0
    db = open_embedded(path, passphrase=PASSPHRASE)
    try:
        with db.session() as s:
            entry = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
            assert entry.action == "backup_restored" and entry.changes["backup"] == str(backup)
    finally:
        db.dispose()
    assert cli("--db", path, "audit", "verify").code == 0


@pytest.mark.skipif(server_backup.shutil.which("pg_dump") is None, reason="pg_dump not installed")
def test_a_server_database_is_backed_up_with_pg_dump(cli, pg_database, tmp_path, clock):
    url = pg_url(pg_database)
    folder = tmp_path / "server-backups"
    assert cli("--db-url", url, "config", "set", "backup.folder", folder).code == 0
    made = cli("--db-url", url, "db", "backup", "--if-due", lang="en")
    assert made.code == 0, made.err
    assert "Backup written and verified" in made.out and "pg_restore" in made.out
    (dump,) = folder.glob("*.dump")
    assert server_backup.verify_dump(dump).ok and server_backup.manifest_for(dump).exists()
    assert not key_file_for(dump).exists()
    db = open_server(url, clock=clock)
    try:
        assert _rows(db) == [("scheduled", "ok", True)]
    finally:
        db.dispose()
