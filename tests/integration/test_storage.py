"""The encrypted file on disk, how it refuses wrong keys and damage without touching anything, what
never leaks, and optimistic locking on both backends."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.core.errors import (
    DatabaseDamaged, DatabaseExists, DatabaseMissing, KeyFileMissing, NetworkShareRefused, StaleWrite, WrongPassphrase,
)
from desktop.core.model import Candidate
from desktop.core.storage import admin, health
from desktop.core.storage.database import create_embedded, open_embedded, open_server, sqlcipher_key_of
from desktop.core.storage.keys import key_file_for, normalise_recovery_key
from storage_helpers import (
    PASSPHRASE, add_people, candidate_rows, fingerprint, flip, last_page_offset, make_embedded, server_url, sha256,
)


def test_file_on_disk_is_encrypted_and_unreadable_without_the_key(embedded_db, clock):
    add_people(embedded_db, clock)
    path = embedded_db.path
    embedded_db.dispose()

    data = path.read_bytes()
    assert data[:16] != b"SQLite format 3\x00"
    for clear in ("张伟", "zhangwei@example.cn", "110101199003071234", "candidates"):
        assert clear.encode("utf-8") not in data
    plain = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            plain.execute("SELECT name FROM sqlite_master").fetchall()
    finally:
        plain.close()


def test_every_connection_uses_wal_full_sync_and_foreign_keys(embedded_db):
    with embedded_db.engine.connect() as first, embedded_db.engine.connect() as second:
        for conn in (first, second):
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


@pytest.fixture
def live_vault(tmp_path, clock):
    """An open encrypted database with data and a WAL file on disk, plus its recovery key."""
    db, recovery = make_embedded(tmp_path / "vault" / "interviewdesk.db", clock)
    add_people(db, clock)
    conn = db.engine.connect()   # keeps the WAL file in place while the test runs
    conn.exec_driver_sql("SELECT count(*) FROM candidates").scalar()
    yield db, recovery
    conn.close()
    db.dispose()


@pytest.mark.parametrize("credential", [
    {"passphrase": "Wrong-passphrase-1"},
    {"passphrase": ""},
    {"recovery_key": "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH"},
])
def test_wrong_credentials_are_refused_and_change_no_file(live_vault, credential):
    db, _recovery = live_vault
    folder = db.path.parent
    before = fingerprint(folder)
    assert db.path.name + "-wal" in before

    with pytest.raises(WrongPassphrase):
        open_embedded(db.path, **credential)

    assert fingerprint(folder) == before


def test_a_key_file_from_another_database_is_refused_without_touching_the_file(live_vault, tmp_path, clock):
    db, _recovery = live_vault
    other, _ = create_embedded(tmp_path / "other" / "x.db", PASSPHRASE, clock=clock)
    other.dispose()
    key_file_for(db.path).write_bytes(key_file_for(other.path).read_bytes())
    before = fingerprint(db.path.parent)

    with pytest.raises(DatabaseDamaged) as refused:   # the passphrase opened the key file: not "wrong passphrase"
        open_embedded(db.path, passphrase=PASSPHRASE)

    assert refused.value.params["reason"] == "does_not_decrypt"

    assert fingerprint(db.path.parent) == before


def test_damage_in_page_one_is_refused_and_the_file_left_alone(embedded_db, clock):
    add_people(embedded_db, clock)
    path = embedded_db.path
    embedded_db.dispose()
    flip(path, 100)   # past SQLCipher's 16-byte salt, inside the encrypted header page
    before = fingerprint(path.parent)

    with pytest.raises(DatabaseDamaged) as refused:
        open_embedded(path, passphrase=PASSPHRASE)

    assert refused.value.params["reason"] == "does_not_decrypt"

    assert fingerprint(path.parent) == before


def test_damage_in_a_later_page_fails_the_check_and_the_file_is_not_written(embedded_db, clock):
    add_people(embedded_db, clock, people=[(f"候选人{i}", f"1380000{i:04d}", None, None, None) for i in range(300)])
    path = embedded_db.path
    embedded_db.dispose()
    assert health_check_ok(path)
    flip(path, last_page_offset(path))
    before = sha256(path)

    db = open_embedded(path, passphrase=PASSPHRASE)
    try:
        report = health.check(db)
    finally:
        db.dispose()

    assert not report.ok
    assert "cipher_integrity" in report.problems
    assert sha256(path) == before


def health_check_ok(path: Path) -> bool:
    db = open_embedded(path, passphrase=PASSPHRASE)
    try:
        return health.check(db).ok
    finally:
        db.dispose()


def test_missing_database_is_reported_and_nothing_is_created(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    with pytest.raises(DatabaseMissing):
        open_embedded(folder / "interviewdesk.db", passphrase=PASSPHRASE)
    assert list(folder.iterdir()) == []


def test_missing_key_file_is_reported(embedded_db):
    path = embedded_db.path
    embedded_db.dispose()
    key_file_for(path).rename(path.with_name("elsewhere.keys"))
    before = fingerprint(path.parent)
    with pytest.raises(KeyFileMissing):
        open_embedded(path, passphrase=PASSPHRASE)
    assert fingerprint(path.parent) == before


def test_create_refuses_an_existing_database(embedded_db, clock):
    before = fingerprint(embedded_db.path.parent)
    with pytest.raises(DatabaseExists):
        create_embedded(embedded_db.path, "Another-passphrase-9", clock=clock)
    assert fingerprint(embedded_db.path.parent) == before


def test_recovery_key_opens_the_database(tmp_path, clock):
    db, recovery = make_embedded(tmp_path / "r" / "interviewdesk.db", clock)
    add_people(db, clock)
    rows = candidate_rows(db)
    db.dispose()

    reopened = open_embedded(db.path, recovery_key=recovery.lower().replace("-", " "))
    try:
        assert candidate_rows(reopened) == rows
    finally:
        reopened.dispose()


def test_passphrase_recovery_key_and_master_key_never_leak(tmp_path, clock, caplog):
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="sqlalchemy")
    path = tmp_path / "leak" / "interviewdesk.db"
    db, recovery = make_embedded(path, clock)
    db.engine.echo = "debug"
    key = sqlcipher_key_of(db)
    secrets = {PASSPHRASE, recovery, normalise_recovery_key(recovery).replace("-", ""),
               key.raw.hex(), key.raw.hex().upper()}
    seen: list[str] = [repr(db), str(db), repr(key), str(key), str(db.engine.url), repr(db.engine.url),
                       repr(db.engine)]

    add_people(db, clock)
    backup_report = admin.backup(db, tmp_path / "leak-backup" / "b.db", clock)
    seen += [repr(backup_report), repr(health.check(db))]
    db.dispose()
    reopened = open_embedded(path, recovery_key=recovery)
    reopened.engine.echo = "debug"
    candidate_rows(reopened)
    seen += [repr(reopened), str(sqlcipher_key_of(reopened))]
    reopened.dispose()
    seen.append(repr(admin.verify_backup(backup_report.path, recovery_key=recovery)))
    failures = [
        lambda: open_embedded(path, passphrase=PASSPHRASE + "x"),
        lambda: open_embedded(path, recovery_key=recovery[:-1] + ("A" if recovery[-1] != "A" else "B")),
        lambda: admin.rekey(path, "short", passphrase=PASSPHRASE),
        lambda: admin.backup(reopened, backup_report.path, clock),
    ]
    for fail in failures:
        with pytest.raises(Exception) as info:
            fail()
        exc = info.value
        seen += [str(exc), repr(exc), repr(getattr(exc, "params", "")), repr(exc.__cause__), repr(exc.__context__)]

    assert caplog.records, "SQL logging was expected to produce records"
    text = "\n".join(seen) + "\n" + caplog.text
    for secret in secrets:
        assert secret not in text


@pytest.mark.parametrize("path", [
    r"\\fileserver\hr\interviewdesk.db",
    "//fileserver/hr/interviewdesk.db",
    r"\\?\UNC\fileserver\hr\interviewdesk.db",
])
def test_create_and_open_refuse_network_shares(tmp_path, monkeypatch, clock, path):
    monkeypatch.chdir(tmp_path)      # on Linux a backslash path is a relative name: make sure none appears
    with pytest.raises(NetworkShareRefused):
        create_embedded(Path(path), PASSPHRASE, clock=clock)
    with pytest.raises(NetworkShareRefused):
        open_embedded(Path(path), passphrase=PASSPHRASE)
    with pytest.raises(NetworkShareRefused):
        admin.restore(tmp_path / "any.db", Path(path), passphrase=PASSPHRASE)
    assert list(tmp_path.iterdir()) == []


def test_second_of_two_concurrent_edits_is_refused(db, clock):
    """Two officers open the same candidate; the first to save wins and the second is told."""
    [cid] = add_people(db, clock, people=[("张伟", "13800138000", None, None, None)])
    # Each officer's form holds the record it loaded (detached, so the read's rollback keeps it as read).
    with db.session() as first_officer:
        mine = first_officer.get(Candidate, cid)
        first_officer.expunge(mine)
    with db.session() as second_officer:
        theirs = second_officer.get(Candidate, cid)
        second_officer.expunge(theirs)

    mine.school = "清华大学"
    with db.session(write=True) as s:
        s.add(mine)
    theirs.school = "复旦大学"
    with pytest.raises(StaleWrite):
        with db.session(write=True) as s:
            s.add(theirs)

    with db.session() as s:
        stored = s.get(Candidate, cid)
        assert (stored.school, stored.version) == ("清华大学", 2)


def test_two_open_server_sessions_cannot_both_save(pg_database, clock):
    """On a server both officers' transactions are open at once; the second commit is refused."""
    db = open_server(server_url(pg_database), clock=clock)
    try:
        [cid] = add_people(db, clock, people=[("王芳", "13912345678", None, None, None)])
        with pytest.raises(StaleWrite):
            with db.session(write=True) as first, db.session(write=True) as second:
                mine, theirs = first.get(Candidate, cid), second.get(Candidate, cid)
                mine.major, theirs.major = "法学", "会计学"
                first.commit()
                second.commit()
        with db.session() as s:
            assert s.get(Candidate, cid).major == "法学"
    finally:
        db.dispose()
