"""`interviewdesk db …` and a wrong passphrase: the health check, changing the passphrase, backup
and restore, and that a wrong passphrase on any command says so and leaves every file as it was."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from desktop.core.storage.database import open_embedded
from desktop.core.storage.keys import key_file_for
from test_cli_support import (  # noqa: F401  (fixtures)
    PASSPHRASE, WRONG_PASSPHRASE_ZH, cli, database, fingerprint, sha256, template,
)

NEW_PASSPHRASE = "Another-passphrase-2"


def test_db_check_passes_on_a_sound_database_and_fails_on_a_broken_audit_chain(cli, database, monkeypatch):
    path, _recovery = database
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    sound = cli("--db", path, "db", "check")
    assert sound.code == 0, sound.err
    assert "检查通过" in sound.out

    db = open_embedded(path, passphrase=PASSPHRASE)
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE seq = 2"))
    db.dispose()
    broken = cli("--db", path, "db", "check")
    assert broken.code == 1
    assert "审计日志哈希链已断裂" in broken.out and "#2" in broken.out


def test_db_rekey_replaces_the_passphrase(cli, database, monkeypatch):
    path, _recovery = database
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("INTERVIEWDESK_NEW_PASSPHRASE", NEW_PASSPHRASE)
    changed = cli("--db", path, "db", "rekey")
    assert changed.code == 0, changed.err

    old = cli("--db", path, "audit", "verify")
    assert old.code == 1 and WRONG_PASSPHRASE_ZH in old.err
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", NEW_PASSPHRASE)
    assert cli("--db", path, "audit", "verify").code == 0


def test_db_rekey_with_the_recovery_key_when_the_passphrase_is_lost(cli, database, tmp_path, monkeypatch):
    path, recovery = database
    key_file = tmp_path / "recovery.txt"
    key_file.write_text(recovery.lower().replace("-", " ") + "\n", encoding="utf-8")
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", "forgotten-passphrase-9")
    monkeypatch.setenv("INTERVIEWDESK_NEW_PASSPHRASE", NEW_PASSPHRASE)
    changed = cli("--db", path, "--recovery-key-file", key_file, "db", "rekey")
    assert changed.code == 0, changed.err
    assert "恢复密钥" in changed.out
    open_embedded(path, passphrase=NEW_PASSPHRASE).dispose()


def test_db_rekey_refuses_a_weak_new_passphrase_and_keeps_the_key_file(cli, database, monkeypatch):
    path, _recovery = database
    before = sha256(key_file_for(path))
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("INTERVIEWDESK_NEW_PASSPHRASE", "abcdefghijk")
    weak = cli("--db", path, "db", "rekey")
    assert weak.code == 1 and "强度不足" in weak.err
    assert sha256(key_file_for(path)) == before


def test_db_backup_and_restore_bring_back_the_earlier_state(cli, database, tmp_path, monkeypatch):
    path, _recovery = database
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("INTERVIEWDESK_USER_PASSWORD", "Start-pass-1")
    folder = tmp_path / "backups"
    folder.mkdir()
    made = cli("--db", path, "db", "backup", folder)
    assert made.code == 0, made.err
    (backup,) = folder.glob("*.db")
    assert key_file_for(backup).exists()
    assert cli("--db", path, "db", "backup", backup).code == 1  # never overwrites

    assert cli("--db", path, "users", "add", "late.comer", "--name", "后来者", "--role", "reception").code == 0
    assert "late.comer" in cli("--db", path, "users", "list").out

    restored = cli("--db", path, "db", "restore", backup)
    assert restored.code == 0, restored.err
    assert "late.comer" not in cli("--db", path, "users", "list").out
    assert cli("--db", path, "audit", "verify").code == 0


def test_db_restore_refuses_a_damaged_backup_and_keeps_the_database(cli, database, tmp_path, monkeypatch):
    path, _recovery = database
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    backup = tmp_path / "copy.db"
    assert cli("--db", path, "db", "backup", backup).code == 0
    data = bytearray(backup.read_bytes())
    data[-300:-280] = bytes(b ^ 0xFF for b in data[-300:-280])
    backup.write_bytes(bytes(data))
    before = fingerprint(path.parent)

    refused = cli("--db", path, "db", "restore", backup)
    assert refused.code == 1 and "备份未通过校验" in refused.err
    assert fingerprint(path.parent) == before


def test_server_databases_have_no_passphrase_or_file_restore(cli, pg_database, monkeypatch):
    from factories import pg_url

    for args in (["db", "rekey"], ["db", "restore", "x.db"]):
        result = cli("--db-url", pg_url(pg_database), *args)
        assert result.code == 1 and "pg_dump" in result.err


WITH_DATABASE = {
    "demo": ["demo"],
    "users list": ["users", "list"],
    "users add": ["users", "add", "new.user", "--name", "新用户", "--role", "interviewer"],
    "users disable": ["users", "disable", "admin"],
    "users reset-password": ["users", "reset-password", "admin"],
    "config set": ["config", "set", "office.name", "某医院"],
    "audit verify": ["audit", "verify"],
    "db check": ["db", "check"],
    "db rekey": ["db", "rekey"],
    "db backup": ["db", "backup", "{backup}"],
    "db restore": ["db", "restore", "{backup}"],
}


@pytest.mark.parametrize("command", list(WITH_DATABASE))
def test_a_wrong_passphrase_is_named_and_changes_no_file(cli, database, tmp_path, monkeypatch, command):
    path, _recovery = database
    backup = tmp_path / "backups" / "before.db"
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    if command == "db restore":
        assert cli("--db", path, "db", "backup", backup).code == 0
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", "wrong-passphrase-1")
    monkeypatch.setenv("INTERVIEWDESK_NEW_PASSPHRASE", NEW_PASSPHRASE)
    monkeypatch.setenv("INTERVIEWDESK_USER_PASSWORD", "Start-pass-1")
    before = fingerprint(tmp_path)

    result = cli("--db", path, *[a.format(backup=backup) for a in WITH_DATABASE[command]])

    assert result.code == 1
    assert result.err.strip() == WRONG_PASSPHRASE_ZH
    assert result.out == ""
    assert fingerprint(tmp_path) == before
