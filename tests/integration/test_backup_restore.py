"""Backups taken while the program runs, verified without being touched, restored only when every
check holds; passphrase changes; and the admin's health check."""

from __future__ import annotations

import json
import shutil
import time

import pytest
from sqlalchemy import text

from desktop.core.errors import (
    BackupExists, BackupInvalid, KeyFileMissing, ServerBackupUnsupported, WeakPassword, WrongPassphrase,
)
from desktop.core.model import AuditEntry, Candidate
from desktop.core.storage import admin, migrate
from desktop.core.storage.database import open_embedded, open_server, open_sqlcipher_connection, sqlcipher_key_of
from desktop.core.storage.keys import KeyFile, key_file_for
from storage_helpers import (
    PASSPHRASE, add_people, candidate_rows, fingerprint, flip, last_page_offset, make_embedded, server_url, sha256,
)

NEW_PASSPHRASE = "Another-passphrase-2"
MANY = [(f"候选人{i:03d}", f"1390000{i:04d}", None, None, None) for i in range(150)]


@pytest.fixture
def vault(tmp_path, clock):
    """An encrypted database with candidates in it, and its recovery key."""
    db, recovery = make_embedded(tmp_path / "live" / "interviewdesk.db", clock)
    add_people(db, clock)
    yield db, recovery
    db.dispose()


def test_backup_while_another_officer_is_writing_holds_only_committed_rows(vault, tmp_path, clock):
    db, _recovery = vault
    committed = candidate_rows(db)
    writer = open_sqlcipher_connection(db.path, sqlcipher_key_of(db))
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO candidates (name, gender, education, school, major, years_experience, experience, "
                       "skills, resume_summary, source_channel, talent_pool_consent, restricted, reschedule_count, "
                       "no_show_count, late_count, created_at, updated_at, version) VALUES ('未提交', 'unspecified', "
                       "'bachelor', '', '', 0, '', '', '', '', 0, 0, 0, 0, 0, '2026-11-23 01:00:00', "
                       "'2026-11-23 01:00:00', 1)")
        started = time.monotonic()
        report = admin.backup(db, tmp_path / "backups" / "monday.db", clock)
        assert time.monotonic() - started < 5, "the backup must not wait for the writer"
        writer.execute("COMMIT")
    finally:
        writer.close()

    assert report.row_counts["candidates"] == len(committed)
    assert report.revision == migrate.head_revision()
    assert report.created_at == clock.now()
    assert len(candidate_rows(db)) == len(committed) + 1      # the writer's row did land in the live file
    manifest = json.loads(report.key_file.read_text(encoding="utf-8"))["backup"]
    assert manifest["sha256"] == sha256(report.path) == report.sha256
    assert manifest["row_counts"] == report.row_counts
    assert not list(report.path.parent.glob("*.partial")) and not list(report.path.parent.glob("*.tmp"))
    backup_db = open_embedded(report.path, passphrase=PASSPHRASE)
    try:
        assert candidate_rows(backup_db) == committed
    finally:
        backup_db.dispose()


def test_backup_never_overwrites(vault, tmp_path, clock):
    db, _recovery = vault
    dest = tmp_path / "backups" / "monday.db"
    admin.backup(db, dest, clock)
    before = fingerprint(dest.parent)
    with pytest.raises(BackupExists):
        admin.backup(db, dest, clock)
    lone_keys = dest.with_name("tuesday.db.keys")
    lone_keys.write_text("{}", encoding="utf-8")
    with pytest.raises(BackupExists):
        admin.backup(db, dest.with_name("tuesday.db"), clock)
    assert fingerprint(dest.parent) == before | {"tuesday.db.keys": sha256(lone_keys)}


def test_server_databases_are_backed_up_with_the_servers_tools(pg_database, tmp_path, clock):
    db = open_server(server_url(pg_database), clock=clock)
    try:
        with pytest.raises(ServerBackupUnsupported):
            admin.backup(db, tmp_path / "b.db", clock)
    finally:
        db.dispose()
    assert not (tmp_path / "b.db").exists()


def test_verify_checks_a_backup_without_changing_a_byte(vault, tmp_path, clock):
    db, recovery = vault
    report = admin.backup(db, tmp_path / "backups" / "monday.db", clock)
    before = fingerprint(report.path.parent)

    by_passphrase = admin.verify_backup(report.path, passphrase=PASSPHRASE)
    by_recovery = admin.verify_backup(report.path, recovery_key=recovery)
    with pytest.raises(WrongPassphrase):
        admin.verify_backup(report.path, passphrase=NEW_PASSPHRASE)

    assert by_passphrase.ok and by_recovery.ok, (by_passphrase.problems, by_recovery.problems)
    assert by_passphrase.row_counts == by_passphrase.expected_counts == report.row_counts
    assert by_passphrase.revision == migrate.head_revision()
    assert fingerprint(report.path.parent) == before


def test_restore_brings_back_exactly_what_was_backed_up(vault, tmp_path, clock):
    db, _recovery = vault
    at_backup = candidate_rows(db)
    report = admin.backup(db, tmp_path / "backups" / "monday.db", clock)
    ids = [r[0] for r in at_backup]
    with db.session(write=True) as s:
        s.get(Candidate, ids[0]).school = "改过的学校"
        s.delete(s.get(Candidate, ids[1]))
    add_people(db, clock, people=[("后来者", "13600000000", None, None, None)])
    assert candidate_rows(db) != at_backup
    db.dispose()

    restored = admin.restore(report.path, db.path, passphrase=PASSPHRASE)

    assert restored.kept_key_file and restored.check.ok
    again = open_embedded(db.path, passphrase=PASSPHRASE)
    try:
        assert candidate_rows(again) == at_backup
        checked = admin.check(again)
        assert checked.ok, checked.problems
        assert checked.row_counts == report.row_counts
    finally:
        again.dispose()
    assert not list(db.path.parent.glob("*.restoring"))


def test_restore_removes_a_stale_wal_left_by_the_old_file(vault, tmp_path, clock):
    db, _recovery = vault
    at_backup = candidate_rows(db)
    report = admin.backup(db, tmp_path / "backups" / "monday.db", clock)
    wal = db.path.with_name(db.path.name + "-wal")
    conn = open_sqlcipher_connection(db.path, sqlcipher_key_of(db))
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE candidates SET school = '来自旧日志'")
    stale = wal.read_bytes()
    conn.close()
    db.dispose()
    wal.write_bytes(stale)            # as if the program had crashed before its last checkpoint

    admin.restore(report.path, db.path, passphrase=PASSPHRASE)

    again = open_embedded(db.path, passphrase=PASSPHRASE)
    try:
        assert candidate_rows(again) == at_backup
        assert admin.check(again).ok
    finally:
        again.dispose()


def _flip_page_one(backup, keys):
    flip(backup, 100)
    return {"sha256", "does_not_decrypt"}


def _flip_later_page(backup, keys):
    flip(backup, last_page_offset(backup))
    return {"sha256", "cipher_integrity"}


def _edit_counts(backup, keys):
    data = json.loads(keys.read_text(encoding="utf-8"))
    data["backup"]["row_counts"]["candidates"] += 1
    keys.write_text(json.dumps(data), encoding="utf-8")
    return {"manifest_tampered"}


def _edit_hash_and_file(backup, keys):
    """Damage the file and write its new hash into the manifest: the manifest's seal breaks."""
    flip(backup, last_page_offset(backup))
    data = json.loads(keys.read_text(encoding="utf-8"))
    data["backup"]["sha256"] = sha256(backup)
    keys.write_text(json.dumps(data), encoding="utf-8")
    return {"manifest_tampered", "cipher_integrity"}


def _drop_manifest(backup, keys):
    data = json.loads(keys.read_text(encoding="utf-8"))
    del data["backup"]
    keys.write_text(json.dumps(data), encoding="utf-8")
    return {"manifest_missing"}


def _swap_in_older_backup(backup, keys):
    """Another backup of the same database (same key) put in place of this one's file."""
    shutil.copyfile(backup.with_name("older.db"), backup)
    return {"sha256", "row_counts"}


DAMAGE = [_flip_page_one, _flip_later_page, _edit_counts, _edit_hash_and_file, _drop_manifest, _swap_in_older_backup]


@pytest.mark.parametrize("damage", DAMAGE, ids=[d.__name__.strip("_") for d in DAMAGE])
def test_a_damaged_or_tampered_backup_is_refused_and_the_target_stays_as_it_was(vault, tmp_path, clock, damage):
    db, _recovery = vault
    folder = tmp_path / "backups"
    admin.backup(db, folder / "older.db", clock)
    add_people(db, clock, people=MANY)
    report = admin.backup(db, folder / "monday.db", clock)
    db.dispose()
    expected = damage(report.path, report.key_file)
    target_before = fingerprint(db.path.parent)
    backup_before = fingerprint(folder)

    check = admin.verify_backup(report.path, passphrase=PASSPHRASE)
    with pytest.raises(BackupInvalid) as refused:
        admin.restore(report.path, db.path, passphrase=PASSPHRASE)

    assert not check.ok
    assert expected <= set(check.problems), check.problems
    assert set(refused.value.params["problems"]) == set(check.problems)
    assert fingerprint(db.path.parent) == target_before
    assert fingerprint(folder) == backup_before


def test_restore_onto_a_lost_machine_installs_the_backups_key_file(vault, tmp_path, clock):
    db, recovery = vault
    at_backup = candidate_rows(db)
    report = admin.backup(db, tmp_path / "usb" / "monday.db", clock)
    target = tmp_path / "new-pc" / "InterviewDesk" / "interviewdesk.db"

    restored = admin.restore(report.path, target, recovery_key=recovery)

    assert not restored.kept_key_file
    assert "backup" not in json.loads(key_file_for(target).read_text(encoding="utf-8"))
    for credential in ({"passphrase": PASSPHRASE}, {"recovery_key": recovery}):
        again = open_embedded(target, **credential)
        try:
            assert candidate_rows(again) == at_backup
        finally:
            again.dispose()


def test_restore_of_a_backup_older_than_a_passphrase_change(vault, tmp_path, clock):
    db, recovery = vault
    report = admin.backup(db, tmp_path / "backups" / "monday.db", clock)
    db.dispose()
    admin.rekey(db.path, NEW_PASSPHRASE, passphrase=PASSPHRASE)

    # With the recovery key, the current key file opens the backup's master key: it is kept.
    assert admin.restore(report.path, db.path, recovery_key=recovery).kept_key_file
    open_embedded(db.path, passphrase=NEW_PASSPHRASE).dispose()
    # With the passphrase of the backup's day, the backup's key file comes back with it.
    assert not admin.restore(report.path, db.path, passphrase=PASSPHRASE).kept_key_file
    open_embedded(db.path, passphrase=PASSPHRASE).dispose()
    with pytest.raises(WrongPassphrase):
        open_embedded(db.path, passphrase=NEW_PASSPHRASE)


def test_restore_needs_the_backups_key_file(vault, tmp_path, clock):
    db, _recovery = vault
    report = admin.backup(db, tmp_path / "backups" / "monday.db", clock)
    report.key_file.unlink()
    before = fingerprint(db.path.parent)
    with pytest.raises(KeyFileMissing):
        admin.restore(report.path, db.path, passphrase=PASSPHRASE)
    assert fingerprint(db.path.parent) == before


# --- passphrase change --------------------------------------------------------------------------------

def test_rekey_replaces_the_passphrase_and_keeps_the_recovery_key(vault):
    db, recovery = vault
    rows = candidate_rows(db)
    old_keys = KeyFile.read(db.key_file)

    report = admin.rekey(db.path, NEW_PASSPHRASE, passphrase=PASSPHRASE)

    assert report.unlocked_with == "passphrase"
    new_keys = KeyFile.read(db.key_file)
    assert new_keys.slots["recovery"] == old_keys.slots["recovery"]
    assert new_keys.slots["passphrase"] != old_keys.slots["passphrase"] and new_keys.salt != old_keys.salt
    assert sorted(p.name for p in db.path.parent.iterdir() if p.suffix in (".tmp", ".keys")) \
        == ["interviewdesk.db.keys"]
    with pytest.raises(WrongPassphrase):
        open_embedded(db.path, passphrase=PASSPHRASE)
    for credential in ({"passphrase": NEW_PASSPHRASE}, {"recovery_key": recovery}):
        again = open_embedded(db.path, **credential)
        try:
            assert candidate_rows(again) == rows
        finally:
            again.dispose()


def test_a_forgotten_passphrase_is_replaced_with_the_recovery_key(vault):
    db, recovery = vault
    assert admin.rekey(db.path, NEW_PASSPHRASE, recovery_key=recovery).unlocked_with == "recovery_key"
    open_embedded(db.path, passphrase=NEW_PASSPHRASE).dispose()


@pytest.mark.parametrize("new, credential, error", [
    ("短口令123456789"[:9], {"passphrase": PASSPHRASE}, WeakPassword),
    ("", {"passphrase": PASSPHRASE}, WeakPassword),
    ("abcdefghijkl", {"passphrase": PASSPHRASE}, WeakPassword),   # long enough, but one kind of character
    (NEW_PASSPHRASE, {"passphrase": "Not-the-passphrase"}, WrongPassphrase),
    (NEW_PASSPHRASE, {"recovery_key": "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH"}, WrongPassphrase),
])
def test_a_refused_passphrase_change_leaves_the_key_file_as_it_was(vault, new, credential, error):
    db, _recovery = vault
    before = fingerprint(db.path.parent)
    with pytest.raises(error):
        admin.rekey(db.path, new, **credential)
    assert fingerprint(db.path.parent) == before
    open_embedded(db.path, passphrase=PASSPHRASE).dispose()


# --- health check ---------------------------------------------------------------------------------------

def test_check_reports_a_healthy_database(db, clock):
    add_people(db, clock)
    report = admin.check(db)
    assert report.ok, report.problems
    assert report.backend == db.kind
    assert report.revision == report.head == migrate.head_revision()
    assert report.row_counts["candidates"] == 4 and report.row_counts["departments"] == 1
    assert report.chain is not None and report.chain.ok and report.chain.entries == 5
    assert report.integrity == () and report.cipher_integrity == () and report.foreign_key_violations == 0


def test_check_reports_a_tampered_audit_log(db, clock):
    add_people(db, clock)
    with db.engine.begin() as conn:
        log = AuditEntry.__table__
        conn.execute(log.update().where(log.c.seq == 2).values(actor_name="someone-else"))
    report = admin.check(db)
    assert not report.ok
    assert report.problems == ("audit_chain",)
    assert (report.chain.first_broken_seq, report.chain.problem) == (2, "hash")


def test_check_reports_a_schema_older_than_the_program(db):
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = :rev"), {"rev": migrate.all_revisions()[0]})
    report = admin.check(db)
    assert report.problems == ("schema_behind",)
    assert report.revision == migrate.all_revisions()[0] != report.head
