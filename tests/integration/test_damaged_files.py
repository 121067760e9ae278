"""A database or key file that is not what it should be: every command and the app's unlock say it
is damaged and what to do, with their own exit code, never "unexpected error, your data is safe",
and never change a byte. Only `init` creates a database."""

from __future__ import annotations

import json
import sqlite3
import time

import pytest

from desktop.core.errors import DatabaseDamaged, KeyFileDamaged
from desktop.core.storage.connect import Target
from desktop.core.storage.database import create_embedded, open_embedded
from desktop.core.storage.keys import key_file_for
from desktop.ui.login import open_and_inspect
from storage_helpers import PAGE, flip
from test_cli_support import PASSPHRASE, cli, database, fingerprint, template  # noqa: F401  (fixtures)

GENERIC_ZH = "您的数据是安全的"
DAMAGED_ZH = "数据库文件已损坏"
RESTORE_ZH = "interviewdesk db restore"
EXIT_DAMAGED, EXIT_KEY_FILE = 3, 4

COMMANDS = {
    "db check": ["db", "check"],
    "audit verify": ["audit", "verify"],
    "users list": ["users", "list"],
    "db backup": ["db", "backup", "{backups}"],
    "db rekey": ["db", "rekey"],
    "outbox run": ["outbox", "run"],
}


def _empty(path):
    path.write_bytes(b"")
    return "文件为空"


def _cut_mid_page(path):
    data = path.read_bytes()
    path.write_bytes(data[:PAGE + 1000])
    return "文件不完整"


def _text_file(path):
    path.write_text("面试安排 2026-12-01\n" * 300, encoding="utf-8")
    return "不完整"      # 6600 bytes: not whole pages


def _plain_sqlite(path):
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    return "不是面试协同台数据库"


DAMAGE = [_empty, _cut_mid_page, _text_file, _plain_sqlite]


@pytest.mark.parametrize("damage", DAMAGE)
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_damaged_database_file_is_named_by_every_command_and_left_byte_identical(
        cli, database, tmp_path, monkeypatch, command, damage):
    path, _recovery = database
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("INTERVIEWDESK_NEW_PASSPHRASE", "Another-passphrase-2")
    reason = damage(path)
    (tmp_path / "backups").mkdir()
    before = fingerprint(tmp_path)

    result = cli("--db", path, *[a.format(backups=tmp_path / "backups") for a in COMMANDS[command]])

    assert result.code == EXIT_DAMAGED, result.text
    assert DAMAGED_ZH in result.err and reason in result.err and RESTORE_ZH in result.err
    assert GENERIC_ZH not in result.text and "检查通过" not in result.text
    assert fingerprint(tmp_path) == before


def test_an_empty_file_is_never_turned_into_a_new_database_by_the_app(database, tmp_path, clock):
    path, _recovery = database
    path.write_bytes(b"")
    before = fingerprint(tmp_path)

    with pytest.raises(DatabaseDamaged) as refused:
        open_and_inspect(Target(path=path), clock, passphrase=PASSPHRASE)   # what the unlock dialog runs

    assert refused.value.params["reason"] == "empty"
    assert fingerprint(tmp_path) == before


def test_a_database_without_any_schema_is_damaged_not_new(cli, tmp_path, monkeypatch, clock):
    """A file that decrypts but holds nothing (e.g. creation died before the schema) is not
    silently given a fresh, empty schema."""
    path = tmp_path / "office" / "interviewdesk.db"
    create_embedded(path, PASSPHRASE, clock=clock)[0].dispose()
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    before = fingerprint(tmp_path)

    result = cli("--db", path, "db", "check")

    assert result.code == EXIT_DAMAGED, result.text
    assert "文件中没有面试协同台的数据" in result.err
    assert fingerprint(tmp_path) == before


def test_init_still_creates_and_refuses_an_existing_empty_file(cli, tmp_path, monkeypatch):
    path = tmp_path / "office" / "interviewdesk.db"
    path.parent.mkdir()
    path.write_bytes(b"")
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("INTERVIEWDESK_ADMIN_PASSWORD", "Admin-pass-1")

    assert cli("--db", path, "init", "--admin", "admin").code == 1     # "a database already exists there"
    assert path.read_bytes() == b""
    path.unlink()
    assert cli("--db", path, "init", "--admin", "admin").code == 0


def test_the_message_is_english_when_the_interface_is(cli, database, monkeypatch):
    path, _recovery = database
    path.write_bytes(b"")
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)

    result = cli("--db", path, "db", "check", lang="en")

    assert result.code == EXIT_DAMAGED
    assert "The database file is damaged: the file is empty (0 bytes)" in result.err


# --- the key file ------------------------------------------------------------------------------------

def _not_utf8(keys):
    keys.write_bytes(b"\xff\xfe\x00k\x00e\x00y")
    return "不是 UTF-8 文本"


def _json_array(keys):
    keys.write_text("[1, 2, 3]", encoding="utf-8")
    return "不符合密钥文件格式"


def _absurd_memory_cost(keys):
    data = json.loads(keys.read_text(encoding="utf-8"))
    data["kdf"]["memory_cost"] = 2 ** 40          # a petabyte of Argon2 memory
    keys.write_text(json.dumps(data), encoding="utf-8")
    return "密钥派生参数超出范围"


def _absurd_time_cost(keys):
    data = json.loads(keys.read_text(encoding="utf-8"))
    data["kdf"]["time_cost"] = 10 ** 9
    keys.write_text(json.dumps(data), encoding="utf-8")
    return "密钥派生参数超出范围"


def _text_memory_cost(keys):
    data = json.loads(keys.read_text(encoding="utf-8"))
    data["kdf"]["memory_cost"] = "65536"
    keys.write_text(json.dumps(data), encoding="utf-8")
    return "不符合密钥文件格式"


@pytest.mark.parametrize("damage", [_not_utf8, _json_array, _absurd_memory_cost, _absurd_time_cost, _text_memory_cost])
@pytest.mark.parametrize("command", ["db check", "audit verify", "db rekey"])
def test_a_damaged_key_file_is_named_quickly_and_nothing_changes(cli, database, tmp_path, monkeypatch, command,
                                                                 damage):
    path, _recovery = database
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("INTERVIEWDESK_NEW_PASSPHRASE", "Another-passphrase-2")
    reason = damage(key_file_for(path))
    before = fingerprint(tmp_path)

    started = time.monotonic()
    result = cli("--db", path, *COMMANDS[command])

    assert time.monotonic() - started < 10     # Argon2 never ran with the absurd parameters
    assert result.code == EXIT_KEY_FILE, result.text
    assert "密钥文件" in result.err and "已损坏" in result.err and reason in result.err
    assert GENERIC_ZH not in result.text
    assert fingerprint(tmp_path) == before


def test_key_file_damage_is_typed_in_core(database):
    from desktop.core.storage.keys import KeyFile

    path, _recovery = database
    key_file_for(path).write_text('{"format": "interviewdesk-keys/1", "kdf": [], "slots": {}}', encoding="utf-8")
    with pytest.raises(KeyFileDamaged) as refused:
        KeyFile.read(key_file_for(path))
    assert refused.value.params == {"reason": "format", "name": key_file_for(path).name}


# --- a damaged page ------------------------------------------------------------------------------------

def _damage_audit_pages(path):
    """Flip bytes in the pages of the audit log's table (its root page holds a small log whole)."""
    db = open_embedded(path, passphrase=PASSPHRASE)
    try:
        with db.engine.connect() as conn:
            roots = conn.exec_driver_sql(
                "SELECT rootpage FROM sqlite_master WHERE tbl_name IN ('audit_log', 'audit_head')").scalars().all()
    finally:
        db.dispose()
    for root in roots:
        flip(path, (root - 1) * PAGE + 300)


@pytest.mark.parametrize("command, expected", [
    ("audit verify", "文件的部分内容无法读取"),
    ("db check", "检查未通过"),
])
def test_a_damaged_page_says_restore_from_backup_and_never_that_data_is_safe(cli, database, tmp_path, monkeypatch,
                                                                           command, expected):
    path, _recovery = database
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    for args in (["users", "add", "hr.li", "--name", "李华", "--role", "hr_officer"],):
        monkeypatch.setenv("INTERVIEWDESK_USER_PASSWORD", "Start-pass-1")
        assert cli("--db", path, *args).code == 0
    _damage_audit_pages(path)
    before = fingerprint(tmp_path)

    result = cli("--db", path, *COMMANDS[command])

    assert result.code == EXIT_DAMAGED, result.text
    assert expected in result.text and RESTORE_ZH in result.text
    assert GENERIC_ZH not in result.text
    assert fingerprint(tmp_path) == before


def _audit_log_page(path) -> int:
    """The audit log's root page: read by the checks, not when the file is opened (the file's last
    page may hold the schema, which every open reads)."""
    db = open_embedded(path, passphrase=PASSPHRASE)
    try:
        with db.engine.connect() as conn:
            return conn.exec_driver_sql("SELECT rootpage FROM sqlite_master WHERE name = 'audit_log'").scalar_one()
    finally:
        db.dispose()


def test_db_check_lists_what_a_damaged_page_breaks_and_exits_as_damaged(cli, database, tmp_path, monkeypatch):
    path, _recovery = database
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    flip(path, (_audit_log_page(path) - 1) * PAGE + 300)    # a data page: the file still opens
    before = fingerprint(tmp_path)

    result = cli("--db", path, "db", "check")

    assert result.code == EXIT_DAMAGED, result.text
    assert "检查未通过" in result.out and "加密数据页未通过认证校验" in result.out and RESTORE_ZH in result.out
    assert GENERIC_ZH not in result.text
    assert fingerprint(tmp_path) == before
