"""The command line with bad input and a failing disk, as the IT office meets them: absurd import files
are refused before any work with a clear message, settings of the wrong type or size are refused, a
full disk is named (with its own exit code) instead of "an unexpected error", and stored names
cannot inject terminal escapes into `users list`."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from sqlalchemy import event, text
from sqlalchemy.pool import Pool

from desktop.cli import EXIT_CODES
from desktop.core import errors
from desktop.core.storage.database import open_embedded
from test_cli_support import PASSPHRASE, cli, database, fingerprint, template  # noqa: F401  (fixtures)

GENERIC = "意外错误"


@pytest.fixture
def unlocked(monkeypatch):
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)


# --- config import --------------------------------------------------------------------------------------

def test_a_deeply_nested_settings_file_is_refused_in_words(cli, database, unlocked, tmp_path):  # noqa: F811
    path, _ = database
    nested = tmp_path / "nested.json"
    nested.write_text('{"office.name": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    before = fingerprint(path.parent)
    result = cli("--db", path, "config", "import", nested)
    assert result.code == 2
    assert "嵌套层次过深" in result.err and GENERIC not in result.err
    assert fingerprint(path.parent) == before


def test_a_settings_file_of_megabytes_is_refused_before_it_is_read(cli, database, unlocked, tmp_path):  # noqa: F811
    path, _ = database
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"office.name": "院" * (1024 * 1024)}, ensure_ascii=False), encoding="utf-8")
    result = cli("--db", path, "config", "import", big)
    assert result.code == 2
    assert "超过 256 KB" in result.err


@pytest.mark.parametrize("value, words", [
    ({"x": 1}, "office.name：值必须是一段文字。"),
    (["滨江医院"], "office.name：值必须是一段文字。"),
    ("院" * 101, "office.name：值过长（最多 100 个字符）。"),
    ("滨江医院\u001b[2J", "office.name：值含有控制字符或不可见字符"),
])
def test_an_imported_setting_of_the_wrong_type_or_size_imports_nothing(cli, database, unlocked, tmp_path, value,
                                                                       words):  # noqa: F811
    path, _ = database
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"institution": {"notify.contact_name": "李老师", "office.name": value}}),
                     encoding="utf-8")
    result = cli("--db", path, "config", "import", wrong)
    assert result.code == 1
    assert words in result.err
    assert cli("--db", path, "config", "get", "notify.contact_name").out.strip() == ""


def test_config_set_refuses_a_megabyte_name(cli, database, unlocked):  # noqa: F811
    path, _ = database
    result = cli("--db", path, "config", "set", "office.name", "院" * (1024 * 1024))
    assert result.code == 1 and "最多 100 个字符" in result.err
    assert cli("--db", path, "config", "get", "office.name").out.strip() == ""


# --- holidays import ---------------------------------------------------------------------------------

def _calendar(tmp_path: Path, start: str, end: str) -> Path:
    path = tmp_path / "holidays.ics"
    path.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n"
                    "UID:span@example.cn\r\nDTSTAMP:20260101T000000Z\r\n"
                    f"DTSTART;VALUE=DATE:{start}\r\nDTEND;VALUE=DATE:{end}\r\nSUMMARY:放假\r\n"
                    "END:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("start, end, words", [
    ("00010101", "99991231", "第 7 行，DTSTART 中的日期不在 1900 年至 2200 年之间"),
    ("20260101", "20300101", "有一个事件长于 366 天"),
])
def test_a_holiday_spanning_centuries_is_refused_at_once(cli, database, unlocked, tmp_path, start, end,
                                                         words):  # noqa: F811
    path, _ = database
    started = time.monotonic()
    result = cli("--db", path, "holidays", "import", _calendar(tmp_path, start, end))
    assert time.monotonic() - started < 10
    assert result.code == 1
    assert words in result.err and GENERIC not in result.err
    assert cli("--db", path, "holidays", "list").out.strip() == ""


# --- a full disk ------------------------------------------------------------------------------------

@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_exporting_to_a_full_disk_is_named_with_its_own_exit_code(cli, database, unlocked):  # noqa: F811
    path, _ = database
    result = cli("--db", path, "config", "export", "/dev/full")
    assert result.code == EXIT_CODES[errors.DiskFull] == 10
    assert "磁盘已满" in result.err and GENERIC not in result.err
    english = cli("--db", path, "config", "export", "/dev/full", lang="en")
    assert "The disk is full" in english.err


@pytest.fixture
def full_database():
    """Every new connection may not grow its database file by a single page: SQLite answers a write
    with its own "database or disk is full", as on a disk with no space left."""
    def cap(dbapi_connection, _record):
        if type(dbapi_connection).__module__.startswith("sqlcipher3"):
            pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(Pool, "connect", cap)
    yield
    event.remove(Pool, "connect", cap)


def test_a_write_to_a_full_database_is_named_and_changes_nothing(cli, database, unlocked, tmp_path,
                                                                 full_database):  # noqa: F811
    path, _ = database
    fixtures = Path(__file__).parent.parent / "fixtures" / "ical"
    result = cli("--db", path, "holidays", "import", fixtures / "holidays_cn_2026.ics")
    assert result.code == 10, result.err
    assert "磁盘已满" in result.err and "数据库保持原状" in result.err and GENERIC not in result.err


def test_other_file_system_failures_get_their_own_words_and_code(cli, database, unlocked, tmp_path):  # noqa: F811
    path, _ = database
    long_name = tmp_path / ("x" * 300 + ".json")
    result = cli("--db", path, "config", "export", long_name)
    assert result.code == EXIT_CODES[errors.StorageFailed]
    assert "系统错误 ENAMETOOLONG" in result.err and GENERIC not in result.err


# --- printing stored names ----------------------------------------------------------------------------

def test_users_list_escapes_control_characters_of_stored_names(cli, database, unlocked):  # noqa: F811
    path, _ = database
    db = open_embedded(path, passphrase=PASSPHRASE)
    try:   # a name stored before names were checked, or written around the application
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE users SET display_name = :name WHERE username = 'admin'"),
                         {"name": "管理员\x1b]0;owned\x07\x1b[2J\n伪造行\u202e"})
    finally:
        db.dispose()
    result = cli("--db", path, "users", "list")
    assert result.code == 0
    assert "\x1b" not in result.out and "\x07" not in result.out and "\u202e" not in result.out
    assert "管理员\\x1b]0;owned\\x07\\x1b[2J\\x0a伪造行\\u202e" in result.out
    assert not any(line.startswith("伪造行") for line in result.out.splitlines())


def test_users_add_refuses_a_name_with_escapes(cli, database, unlocked, monkeypatch):  # noqa: F811
    path, _ = database
    monkeypatch.setenv("INTERVIEWDESK_USER_PASSWORD", "Li-na-pass-1")
    result = cli("--db", path, "users", "add", "lina", "--name", "李\x1b[31m娜", "--role", "interviewer")
    assert result.code == 1
    assert "显示名：含有控制字符或不可见字符" in result.err
    assert "\x1b" not in result.err


def test_a_name_with_undecodable_bytes_is_refused_in_words(cli, database, unlocked, monkeypatch):  # noqa: F811
    """Bytes the terminal's encoding cannot decode reach Python as lone surrogates ("\\udcff")."""
    path, _ = database
    monkeypatch.setenv("INTERVIEWDESK_USER_PASSWORD", "Li-na-pass-1")
    result = cli("--db", path, "users", "add", "lina", "--name", "李\udcff娜", "--role", "interviewer")
    assert result.code == 1
    assert "显示名：含有无法保存的损坏字符，请重新输入" in result.err and GENERIC not in result.err
    result = cli("--db", path, "config", "set", "office.name", "滨江\udcff医院")
    assert result.code == 1 and "office.name：值含有无法保存的损坏字符" in result.err


def test_many_modest_repeat_rules_cannot_add_up_to_millions_of_days(cli, database, unlocked, tmp_path):  # noqa: F811
    path, _ = database
    events = "".join(f"BEGIN:VEVENT\r\nUID:r{n}@example.cn\r\nDTSTAMP:20260101T000000Z\r\n"
                     f"DTSTART;VALUE=DATE:{2026 + n % 5}0101\r\nRRULE:FREQ=DAILY;COUNT=3000\r\nSUMMARY:假{n}\r\n"
                     "END:VEVENT\r\n" for n in range(400))
    calendar = tmp_path / "rules.ics"
    calendar.write_text(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{events}END:VCALENDAR\r\n",
                        encoding="utf-8")
    started = time.monotonic()
    result = cli("--db", path, "holidays", "import", calendar)
    assert time.monotonic() - started < 10
    assert result.code == 1 and "重复规则产生的事件过多" in result.err


def test_a_calendar_file_of_gigabytes_is_refused_without_reading_it(cli, database, unlocked, tmp_path):  # noqa: F811
    path, _ = database
    huge = tmp_path / "huge.ics"
    with open(huge, "wb") as file:     # sparse: takes no disk space, but would take 4 GB of memory to read
        file.truncate(4 * 1024 ** 3)
    started = time.monotonic()
    result = cli("--db", path, "holidays", "import", huge)
    assert time.monotonic() - started < 5
    assert result.code == 1 and "文件超过 10 MB" in result.err
