"""`interviewdesk archive export | verify`: a package exported from the embedded database and checked
by the command line without it; damage named with the file, exit 1; refusals worded, exit codes."""

from __future__ import annotations

import zipfile
from datetime import datetime, timezone
from pathlib import Path

from archive_helpers import archive_world
from factories import PASSPHRASE
from test_cli_support import cli  # noqa: F401  (fixture)

FIRST = datetime(2026, 12, 1, 2, 0, tzinfo=timezone.utc)


def _rewrite(source: Path, target: Path, name: str, change) -> None:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            out.writestr(info, change(data) if info.filename == name else data)


def test_export_then_verify_without_the_database_and_a_changed_metadata_value(cli, embedded_db, embedded_path,
                                                                              tmp_path, monkeypatch):
    archive_world(embedded_db, candidates=40, closed=6, first_day=FIRST)
    embedded_db.dispose()
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    package = tmp_path / "export" / "2026-12.zip"
    done = cli("--db", embedded_path, "archive", "export", "--from", "2026-12-01", "--to", "2026-12-31", package,
               lang="en")
    assert done.code == 0, done.err
    assert f"Package written: {package} (6 dossiers)." in done.out and "Registered as export #1" in done.out
    assert "6 of 6 dossiers written" in done.err

    monkeypatch.delenv("INTERVIEWDESK_PASSPHRASE")          # verify needs no database and no passphrase
    checked = cli("archive", "verify", package, lang="en")
    assert checked.code == 0, checked.text
    assert "Package OK: 6 dossiers" in checked.out

    with zipfile.ZipFile(package) as archive:
        record = next(n for n in archive.namelist() if n.startswith("metadata/MS-"))
    _rewrite(package, tmp_path / "changed.zip", record, lambda data: data.replace("内部".encode(), "公开".encode()))
    failed = cli("archive", "verify", tmp_path / "changed.zip", lang="en")
    assert failed.code == 1
    assert f"PACKAGE CHECK FAILED: {record}: its SHA-256 differs from the manifest" in failed.out


def test_export_refusals_are_worded_and_leave_nothing(cli, embedded_db, embedded_path, tmp_path, monkeypatch):
    archive_world(embedded_db, candidates=30, closed=2, first_day=FIRST)
    embedded_db.dispose()
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    empty = cli("--db", embedded_path, "archive", "export", "--from", "2025-01-01", "--to", "2025-01-31",
                tmp_path / "p", lang="en")
    assert empty.code == 1 and "No dossier was formed in this range" in empty.err
    backwards = cli("--db", embedded_path, "archive", "export", "--from", "2026-12-31", "--to", "2026-12-01",
                    tmp_path / "p", lang="en")
    assert backwards.code == 1 and "The first day of the range is after the last day." in backwards.err
    assert not (tmp_path / "p").exists()
    wrong = cli("archive", "export", "--from", "12/01/2026", "--to", "2026-12-31", tmp_path / "p", lang="en")
    assert wrong.code == 2
    missing = cli("archive", "verify", tmp_path / "nowhere", lang="en")
    assert missing.code == 1 and f"{tmp_path / 'nowhere'}: there is no such folder or file" in missing.out
