"""`db restore` killed at every step: the next open finds either the old database with its own key
file or the restored one with the backup's key file, never new data under an old key, with sound
pages and an intact audit chain. And a database another program has open is never replaced."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop.core.errors import DatabaseInUse
from desktop.core.storage import admin, switch
from desktop.core.storage.database import open_embedded
from desktop.core.storage.keys import KeyFile, key_file_for
from storage_helpers import PASSPHRASE, add_people, candidate_rows, fingerprint, make_embedded
from test_cli_support import cli  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parents[2]
OLD_PEOPLE = [("赵一", "13800000001", None, None, None), ("钱二", "13800000002", None, None, None)]
NEW_PEOPLE = [("孙三", "13900000003", None, None, None), ("李四", "13900000004", None, None, None),
              ("周五", "13900000005", None, None, None)]

# Runs the restore's first N steps as production runs them, says so, and waits to be killed.
RESTORE_UP_TO = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from desktop.core.storage import admin
    plan, _check, _keep = admin.prepare_restore(Path(sys.argv[1]), Path(sys.argv[2]), passphrase=sys.argv[3])
    for step in plan.steps()[:int(sys.argv[4])]:
        step()
    print("done", flush=True)
    time.sleep(600)
""")

# Holds the database open the way a running InterviewDesk does (a pooled connection).
HOLDER = textwrap.dedent("""
    import sys, time
    from sqlalchemy import text
    from desktop.core.storage.database import open_embedded
    db = open_embedded(sys.argv[1], passphrase=sys.argv[2])
    with db.session() as s:
        s.execute(text("SELECT count(*) FROM candidates")).scalar()
    print("open", flush=True)
    time.sleep(600)
""")


def _python(code: str, *args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code, *map(str, args)], cwd=ROOT, stdout=subprocess.PIPE,
                            text=True, env=os.environ | {"PYTHONPATH": str(ROOT)})


def _kill(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(30)


@pytest.fixture
def office(tmp_path, clock):
    """The office's database (old records) and a backup of another database with the same
    passphrase but its own master key (new records), so that the key file must be replaced too."""
    db, _ = make_embedded(tmp_path / "office" / "interviewdesk.db", clock)
    add_people(db, clock, people=OLD_PEOPLE)
    old_rows = candidate_rows(db)
    db.dispose()
    other, _ = make_embedded(tmp_path / "elsewhere" / "interviewdesk.db", clock)
    add_people(other, clock, people=NEW_PEOPLE)
    new_rows = candidate_rows(other)
    backup = admin.backup(other, tmp_path / "backups" / "friday.db", clock)
    other.dispose()
    target = tmp_path / "office" / "interviewdesk.db"
    return target, backup.path, old_rows, new_rows


def _state_after_open(target: Path) -> list[tuple]:
    db = open_embedded(target, passphrase=PASSPHRASE)
    try:
        report = admin.check(db)
        assert report.ok, report.problems
        assert report.chain is not None and report.chain.ok
        return candidate_rows(db)
    finally:
        db.dispose()


STEPS = ["stage_database", "stage_key_file", "write_marker", "replace_database", "replace_key_file",
         "remove_marker"]


@pytest.mark.parametrize("done", range(len(STEPS)))
def test_a_restore_killed_after_each_step_is_rolled_back_or_finished_on_the_next_open(office, done):
    target, backup, old_rows, new_rows = office
    old_key_file = key_file_for(target).read_bytes()

    process = _python(RESTORE_UP_TO, backup, target, PASSPHRASE, done)
    try:
        assert process.stdout.readline().strip() == "done"
    finally:
        _kill(process)

    rows = _state_after_open(target)
    if done < STEPS.index("write_marker") + 1:          # not decided: the old pair, untouched
        assert rows == old_rows
        assert key_file_for(target).read_bytes() == old_key_file
    else:                                               # decided: finished, new data under the new key
        assert rows == new_rows
        restored_keys = KeyFile.read(key_file_for(target)).to_json()
        assert restored_keys == KeyFile.read(key_file_for(backup)).to_json()
    leftovers = {p.name for p in target.parent.iterdir()} - {target.name, key_file_for(target).name,
                                                               target.name + "-wal", target.name + "-shm"}
    assert leftovers == set()


def test_a_half_written_copy_is_removed_and_the_old_database_kept(office):
    target, backup, old_rows, _new = office
    data = backup.read_bytes()
    switch.staged_database_of(target).write_bytes(data[: len(data) // 2])   # killed during the copy

    assert _state_after_open(target) == old_rows
    assert not switch.staged_database_of(target).exists()


def test_a_restore_killed_at_a_random_moment_leaves_one_whole_pair(office):
    """The whole restore in one process, killed while it runs (wherever that is), three times over."""
    target, backup, old_rows, new_rows = office
    code = textwrap.dedent("""
        import sys
        from pathlib import Path
        from desktop.core.storage import admin
        print("start", flush=True)
        admin.restore(Path(sys.argv[1]), Path(sys.argv[2]), passphrase=sys.argv[3])
        print("restored", flush=True)
        import time; time.sleep(600)
    """)
    for delay in (0.0, 0.05, 0.2):
        process = _python(code, backup, target, PASSPHRASE)
        try:
            assert process.stdout.readline().strip() == "start"
            if delay:
                import time
                time.sleep(delay)
        finally:
            _kill(process)
        assert _state_after_open(target) in (old_rows, new_rows)


def test_a_database_open_in_another_program_is_not_replaced(office, tmp_path):
    target, backup, _old, _new = office
    holder = _python(HOLDER, target, PASSPHRASE)
    try:
        assert holder.stdout.readline().strip() == "open"
        before = fingerprint(tmp_path)
        with pytest.raises(DatabaseInUse):
            admin.restore(backup, target, passphrase=PASSPHRASE)
        assert fingerprint(tmp_path) == before
    finally:
        _kill(holder)
    admin.restore(backup, target, passphrase=PASSPHRASE)   # once it is closed, the restore goes ahead


# Other programs that hold the file open without InterviewDesk's pool: a DB-API connection left idle
# (no transaction, as a database browser leaves it), and one opened read-only.
OTHER_PROGRAMS = {
    "idle": textwrap.dedent("""
        import sys, time
        from pathlib import Path
        from desktop.core.storage.database import open_sqlcipher_connection, unlock_master_key
        path = Path(sys.argv[1])
        conn = open_sqlcipher_connection(path, unlock_master_key(path, passphrase=sys.argv[2]))
        conn.execute("SELECT count(*) FROM candidates").fetchone()
        print("open", flush=True)
        time.sleep(600)
    """),
    "read_only": textwrap.dedent("""
        import sys, time
        from pathlib import Path
        import sqlcipher3.dbapi2 as sqlcipher
        from desktop.core.storage.database import unlock_master_key
        path = Path(sys.argv[1])
        conn = sqlcipher.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        conn.set_key(unlock_master_key(path, passphrase=sys.argv[2]).sqlcipher_literal())
        conn.execute("SELECT count(*) FROM candidates").fetchone()
        print("open", flush=True)
        time.sleep(600)
    """),
}


@pytest.mark.parametrize("program", list(OTHER_PROGRAMS))
def test_a_database_held_open_by_another_kind_of_program_is_not_replaced(office, tmp_path, program):
    target, backup, old_rows, _new = office
    holder = _python(OTHER_PROGRAMS[program], target, PASSPHRASE)
    try:
        assert holder.stdout.readline().strip() == "open"
        before = fingerprint(tmp_path)
        with pytest.raises(DatabaseInUse) as refused:
            admin.restore(backup, target, passphrase=PASSPHRASE)
        assert fingerprint(tmp_path) == before
    finally:
        _kill(holder)
    from desktop.ui.messages import describe
    assert "another program" in describe(refused.value) or "另一个程序" in describe(refused.value)
    assert _state_after_open(target) == old_rows


def test_a_program_that_opens_the_database_while_the_backup_is_staged_stops_the_switch(office, tmp_path):
    target, backup, old_rows, _new = office
    plan, _check, _keep = admin.prepare_restore(backup, target, passphrase=PASSPHRASE)
    holder = None
    try:
        plan.stage_database()
        plan.stage_key_file()
        holder = _python(HOLDER, target, PASSPHRASE)
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(DatabaseInUse):
            plan.write_marker()
    finally:
        if holder is not None:
            _kill(holder)
    switch.roll_back(target)
    assert _state_after_open(target) == old_rows


def test_db_restore_names_the_other_program_with_its_own_exit_code(cli, office, monkeypatch):
    target, backup, _old, _new = office
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    holder = _python(HOLDER, target, PASSPHRASE)
    try:
        assert holder.stdout.readline().strip() == "open"
        result = cli("--db", target, "db", "restore", backup)
    finally:
        _kill(holder)

    assert result.code == 6, result.text
    assert "数据库正被另一个程序打开" in result.err and "未作任何改动" in result.err
