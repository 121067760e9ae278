"""`interviewdesk holidays import | list`: an IT administrator loads the year's holiday calendar
into the database from the command line; a broken file is explained and imports nothing."""

from __future__ import annotations

from pathlib import Path

from test_cli_support import PASSPHRASE, cli, database, template  # noqa: F401  (fixtures)

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ical"


def test_a_holiday_calendar_is_imported_and_listed(cli, database, monkeypatch):  # noqa: F811
    path, _recovery = database
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    result = cli("--db", path, "holidays", "import", FIXTURES / "holidays_cn_2026.ics")
    assert result.code == 0 and "14" in result.out
    again = cli("--db", path, "holidays", "import", FIXTURES / "holidays_cn_2026.ics")
    assert again.code == 0 and "14" in again.out     # all unchanged now
    listed = cli("--db", path, "holidays", "list", "--year", "2026").out.splitlines()
    assert len(listed) == 14
    assert listed[0].split("\t") == ["2026-01-01", "休息日", "元旦（休）"]
    assert "2026-10-10\t工作日\t国庆节补班" in listed


def test_a_broken_file_imports_nothing(cli, database, monkeypatch, tmp_path):  # noqa: F811
    path, _recovery = database
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    broken = tmp_path / "broken.ics"
    broken.write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:2026-10-01\r\n"
                       b"SUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    result = cli("--db", path, "holidays", "import", broken)
    assert result.code != 0
    assert "日历文件无法读取：第 4 行" in result.text
    assert cli("--db", path, "holidays", "list").out.strip() == ""
