"""Several programs writing one database file: each writer waits its turn for SQLite's write lock
(past SQLite's own busy timeout), `outbox run` delivers every entry once and records it, and a lock
that really persists is named, with what to do, and its own exit code."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.core import settings
from desktop.core.delivery.outbox import Delivered, Item
from desktop.core.delivery.worker import OutboxWorker
from desktop.core.errors import DatabaseBusy
from desktop.core.model import Department, OutboxEntry, OutboxState
from desktop.core.storage import admin, database
from desktop.core.storage.database import open_embedded

from factories import PASSPHRASE, SYSTEM
from http_gateway import Gateway
from scheduling_helpers import book, world_copy
from scheduling_world import STORY_DAY, local
from test_cli_support import cli  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parents[2]

# SQLite's own wait for the lock is cut to 50 ms in the child processes, so that every collision
# goes past it: what keeps the writers going is their own waiting, not SQLite's.
SHORT_SQLITE_WAIT = "import desktop.core.storage.database as d; d.BUSY_TIMEOUT_MS = 50\n"

WRITER = SHORT_SQLITE_WAIT + textwrap.dedent("""
    import sys, time
    from datetime import datetime, timezone
    from desktop.core.model import Department
    from desktop.core.storage.database import open_embedded
    db = open_embedded(sys.argv[1], passphrase=sys.argv[2])
    name, rounds = sys.argv[3], int(sys.argv[4])
    for n in range(rounds):
        with db.session(write=True) as s:
            s.add(Department(name=f"{name}-{n}", code=f"{name}-{n}", created_at=datetime.now(timezone.utc)))
            time.sleep(0.03)                      # a write that takes a moment, holding the lock
        print(f"{name}-{n}", flush=True)
""")

OUTBOX_RUN = SHORT_SQLITE_WAIT + textwrap.dedent("""
    import sys
    from desktop.cli import main
    sys.exit(main(["--lang=en", "--db", sys.argv[1], "outbox", "run"]))
""")

LOCK_HOLDER = textwrap.dedent("""
    import sys, time
    from desktop.core.storage.database import open_embedded
    db = open_embedded(sys.argv[1], passphrase=sys.argv[2])
    with db.session(write=True):
        print("locked", flush=True)
        time.sleep(float(sys.argv[3]))
    print("released", flush=True)
    time.sleep(600)
""")


def _python(code: str, *args, **env) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code, *map(str, args)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env=os.environ | {"PYTHONPATH": str(ROOT), "INTERVIEWDESK_PASSPHRASE": PASSPHRASE} | env)


def _kill(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.wait(30)


@pytest.fixture
def gateway():
    server = Gateway()
    yield server
    server.close()


def test_three_writers_and_outbox_run_on_one_file_all_get_their_turn(request, clock, gateway, tmp_path):
    clock.set(local(STORY_DAY, 8, 0))
    w = world_copy(request, "sqlcipher", clock)
    for n, hour in enumerate((9, 10, 11)):
        book(w, n, local(STORY_DAY, hour), interviewers=(w.wang.user_id, w.li.user_id))
    with w.db.session(SYSTEM, write=True) as s:
        settings.store_institution(s, "oa.url", gateway.url + "/hook", "测试")
        settings.store_institution(s, "oa.secret", "oa-shared-secret", "测试")
        queued = s.scalar(select(func.count()).select_from(OutboxEntry).where(OutboxEntry.channel == "oa"))
    path = w.db.path
    w.db.dispose()

    writers = [_python(WRITER, path, PASSPHRASE, f"w{k}", 25) for k in range(3)]
    delivery = _python(OUTBOX_RUN, path)
    try:
        outputs = [p.communicate(timeout=240) for p in writers]
        delivered_out, delivered_err = delivery.communicate(timeout=240)
    finally:
        for p in [*writers, delivery]:
            _kill(p)

    for p, (out, err) in zip(writers, outputs):
        assert p.returncode == 0, err
    acknowledged = {line for out, _err in outputs for line in out.split()}
    assert len(acknowledged) == 75
    assert delivery.returncode == 0, delivered_out + delivered_err
    assert f"Delivered {queued}, 0 will be retried, 0 failed." in delivered_out
    assert len(gateway.received) == queued == 6

    db = open_embedded(path, passphrase=PASSPHRASE)
    try:
        with db.session() as s:
            codes = {c for c in s.scalars(select(Department.code)) if c.startswith(("w0-", "w1-", "w2-"))}
            states = s.scalars(select(OutboxEntry.state).where(OutboxEntry.channel == "oa")).all()
        assert codes == acknowledged
        assert states == [OutboxState.SENT] * queued
        assert admin.check(db).ok
    finally:
        db.dispose()


def test_a_lock_that_persists_is_named_with_its_own_exit_code_and_nothing_is_written(cli, tmp_path, monkeypatch):
    from test_cli_support import PASSPHRASE as CLI_PASSPHRASE, create_with_cli

    path = tmp_path / "office" / "interviewdesk.db"
    path.parent.mkdir()
    create_with_cli(path)
    monkeypatch.setattr(database, "WRITE_WAIT_SECONDS", 1.5)
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", CLI_PASSPHRASE)
    monkeypatch.setenv("INTERVIEWDESK_USER_PASSWORD", "Start-pass-1")
    holder = _python(LOCK_HOLDER, path, CLI_PASSPHRASE, 600)
    try:
        assert holder.stdout.readline().strip() == "locked", holder.stderr.read()
        started = time.monotonic()
        zh = cli("--db", path, "users", "add", "hr.li", "--name", "李华", "--role", "hr_officer")
        en = cli("--db", path, "users", "add", "hr.li", "--name", "李华", "--role", "hr_officer", lang="en")
        waited = time.monotonic() - started
    finally:
        _kill(holder)

    assert zh.code == en.code == 5, zh.text + en.text
    assert "数据库被另一个程序锁定了 2 秒" in zh.err and "outbox run" in zh.err and "未保存任何内容" in zh.err
    assert "The database stayed locked by another program for 2 seconds" in en.err
    assert "数据是安全的" not in zh.text and "database is locked" not in zh.text + en.text
    assert 3.0 <= waited < 20
    listed = cli("--db", path, "users", "list")
    assert listed.code == 0 and "hr.li" not in listed.out


class _LockingSender:
    """Delivers (the message is out), and meanwhile another program takes the write lock for
    longer than a writer waits: the worker must still record the delivery."""

    channel = "oa"
    concurrency = 1

    def __init__(self, path: Path, hold: float) -> None:
        self.path, self.hold = path, hold
        self.delivered: list[int] = []
        self.holders: list[subprocess.Popen] = []

    def deliver(self, item: Item) -> Delivered:
        holder = _python(LOCK_HOLDER, self.path, PASSPHRASE, self.hold)
        self.holders.append(holder)
        assert holder.stdout.readline().strip() == "locked"
        self.delivered.append(item.id)
        return Delivered(f"msg-{item.id}")


def test_the_outbox_records_a_delivery_even_when_the_lock_is_held_longer_than_a_writer_waits(
        request, clock, monkeypatch):
    clock.set(local(STORY_DAY, 8, 0))
    w = world_copy(request, "sqlcipher", clock)
    book(w, 0, local(STORY_DAY, 9), interviewers=(w.wang.user_id,))
    path = w.db.path
    w.db.dispose()
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
    db = open_embedded(path, passphrase=PASSPHRASE, clock=clock)
    db.write_wait = 0.5                      # the lock below is held four times as long
    sender = _LockingSender(path, hold=2.0)
    try:
        progress = OutboxWorker(db, [sender]).run_once()
        with db.session() as s:
            entries = s.execute(select(OutboxEntry.id, OutboxEntry.state, OutboxEntry.external_id)
                                .where(OutboxEntry.channel == "oa")).all()
    finally:
        for holder in sender.holders:
            _kill(holder)
        db.dispose()

    assert progress.outcome.sent == len(entries) == len(sender.delivered) == 1
    assert [(e.state, e.external_id) for e in entries] == [(OutboxState.SENT, f"msg-{sender.delivered[0]}")]


def test_a_writer_gives_up_only_after_its_deadline_and_leaves_no_trace(embedded_db, monkeypatch):
    path = embedded_db.path
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
    embedded_db.dispose()
    db = open_embedded(path, passphrase=PASSPHRASE)
    db.write_wait = 0.8
    holder = _python(LOCK_HOLDER, path, PASSPHRASE, 600)
    try:
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        with pytest.raises(DatabaseBusy) as refused:
            with db.session(write=True) as s:
                s.add(Department(name="不该写入", code="NOPE", created_at=datetime.now(timezone.utc)))
        assert 0.8 <= time.monotonic() - started < 5
        assert refused.value.params["waited"] == 1
    finally:
        _kill(holder)
    with db.session() as s:
        assert s.scalar(select(Department).where(Department.code == "NOPE")) is None
    db.dispose()



EXCLUSIVE_HOLDER = textwrap.dedent("""
    import sys, time
    from desktop.core.storage.database import open_sqlcipher_connection, sqlcipher_key_of, open_embedded
    db = open_embedded(sys.argv[1], passphrase=sys.argv[2])
    conn = open_sqlcipher_connection(db.path, sqlcipher_key_of(db))
    conn.execute("PRAGMA locking_mode = EXCLUSIVE")
    conn.execute("BEGIN EXCLUSIVE")
    print("locked", flush=True)
    time.sleep(600)
""")


def test_a_file_held_exclusively_is_busy_not_a_wrong_passphrase(embedded_db, monkeypatch):
    path = embedded_db.path
    embedded_db.dispose()
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)
    holder = _python(EXCLUSIVE_HOLDER, path, PASSPHRASE)
    try:
        assert holder.stdout.readline().strip() == "locked", holder.stderr.read()
        with pytest.raises(DatabaseBusy):
            open_embedded(path, passphrase=PASSPHRASE)
    finally:
        _kill(holder)
    open_embedded(path, passphrase=PASSPHRASE).dispose()
