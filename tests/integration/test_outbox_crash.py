"""The program is killed while its worker holds outbox entries: after a restart each of them goes
out exactly once, through the real SMTP relay on loopback, and what was already sent before the
crash is not sent again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.core import settings
from desktop.core.clock import ManualClock
from desktop.core.delivery import outbox
from desktop.core.delivery.worker import OutboxWorker
from desktop.core.model import OutboxEntry, OutboxState
from desktop.core.storage.database import open_embedded
from desktop.integrations.mail.smtp import MailSender

from factories import PASSPHRASE, SYSTEM
from mail_certs import make_certs
from scheduling_helpers import book, world_copy
from scheduling_world import STORY_DAY, local
from smtp_server import PASSWORD, USER, SmtpServer

ROOT = Path(__file__).resolve().parents[2]

# The doomed program: claims every e-mail entry for its worker, says so, then hangs mid-delivery.
DOOMED = textwrap.dedent("""
    import sys, time
    from desktop.core.delivery import outbox
    from desktop.core.storage.database import open_embedded
    db = open_embedded(sys.argv[1], passphrase=sys.argv[2])
    with db.session(write=True) as s:
        taken = outbox.claim(s, "doomed-desktop", "email", 50)
    print(len(taken), flush=True)
    time.sleep(600)
""")


@pytest.fixture
def relay(tmp_path):
    server = SmtpServer(make_certs(tmp_path / "certs")).start()
    yield server
    server.stop()


def test_entries_held_by_a_killed_program_are_delivered_once_after_restart(request, clock, relay):
    clock.set(local(STORY_DAY, 8, 0))
    w = world_copy(request, "sqlcipher", clock)
    for n, hour in enumerate((9, 10, 11)):
        book(w, n, local(STORY_DAY, hour))
    with w.db.session(SYSTEM, write=True) as s:
        for key, value in {"mail.smtp_host": "127.0.0.1", "mail.smtp_port": relay.port, "mail.smtp_username": USER,
                           "mail.smtp_password": PASSWORD, "mail.ca_file": str(relay.certs.ca_file),
                           "mail.from_address": "hr@hospital.example.cn"}.items():
            settings.store_institution(s, key, value, "测试")
        first = s.scalars(select(OutboxEntry).where(OutboxEntry.channel == "email").order_by(OutboxEntry.id)).first()
    OutboxWorker(w.db, [MailSender(w.db)]).run_once()        # the first batch went out before the crash
    assert len(relay.mailbox.received) == 3
    for n, hour in enumerate((14, 15, 16)):                   # three more, then the program dies holding them
        book(w, n, local(STORY_DAY, hour))
    path = w.db.path
    w.db.dispose()

    doomed = subprocess.Popen([sys.executable, "-c", DOOMED, str(path), PASSPHRASE], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True, env=os.environ | {"PYTHONPATH": str(ROOT)})
    try:
        assert doomed.stdout.readline().strip() == "3"
    finally:
        doomed.send_signal(signal.SIGKILL)
        doomed.wait(30)

    restarted_clock = ManualClock(datetime.now(timezone.utc))
    db = open_embedded(path, passphrase=PASSPHRASE, clock=restarted_clock)
    try:
        with db.session() as s:
            held = s.scalars(select(OutboxEntry).where(OutboxEntry.state == OutboxState.IN_PROGRESS)).all()
            assert [e.claimed_by for e in held] == ["doomed-desktop"] * 3
        worker = OutboxWorker(db, [MailSender(db)])
        worker.run_once()                                     # the dead program's lease still runs
        assert len(relay.mailbox.received) == 3
        restarted_clock.advance(outbox.LEASE + timedelta(seconds=1))
        worker.run_once()
        worker.run_once()
        with db.session() as s:
            states = s.scalars(select(OutboxEntry.state).where(OutboxEntry.channel == "email")).all()
            assert set(states) == {OutboxState.SENT}
            assert s.get(OutboxEntry, first.id).attempts == 1  # sent before the crash: never again
        recipients = [to for to, _raw in relay.mailbox.received]
        assert len(recipients) == 6
        subjects = [m["Subject"] for m in relay.mailbox.messages()]
        assert len(subjects) == 6 and all(subjects)
    finally:
        db.dispose()
