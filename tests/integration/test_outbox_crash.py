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
from smtp_server import PASSWORD, USER, Mailbox, SmtpServer

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


def mail_through(session, relay: SmtpServer) -> None:
    """Settings for mail out through the loopback relay."""
    for key, value in {"mail.smtp_host": "127.0.0.1", "mail.smtp_port": relay.port, "mail.smtp_username": USER,
                       "mail.smtp_password": PASSWORD, "mail.ca_file": str(relay.certs.ca_file),
                       "mail.from_address": "hr@hospital.example.cn"}.items():
        settings.store_institution(session, key, value, "测试")


def program_on(script: str, path: Path) -> subprocess.Popen:
    """Another program (a Python script) working on the database file; it prints what it did."""
    return subprocess.Popen([sys.executable, "-c", script, str(path), PASSPHRASE], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True, env=os.environ | {"PYTHONPATH": str(ROOT)})


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
        mail_through(s, relay)
        first = s.scalars(select(OutboxEntry).where(OutboxEntry.channel == "email").order_by(OutboxEntry.id)).first()
    OutboxWorker(w.db, [MailSender(w.db)]).run_once()        # the first batch went out before the crash
    assert len(relay.mailbox.received) == 3
    for n, hour in enumerate((14, 15, 16)):                   # three more, then the program dies holding them
        book(w, n, local(STORY_DAY, hour))
    path = w.db.path
    w.db.dispose()

    doomed = program_on(DOOMED, path)
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


# The worker of a program that is killed mid-run: four delivery threads, and a disk so slow that each
# recorded outcome takes 50 ms, so deliveries finish far faster than they can be written down.
WORKER = textwrap.dedent("""
    import sys, time
    from desktop.core.delivery import outbox, worker
    from desktop.core.storage.database import open_embedded
    from desktop.integrations.mail.smtp import MailSender
    slow_mark_sent = outbox.mark_sent
    def mark_sent(session, item, delivered):
        time.sleep(0.05)
        return slow_mark_sent(session, item, delivered)
    outbox.mark_sent = mark_sent
    db = open_embedded(sys.argv[1], passphrase=sys.argv[2])
    print("ready", flush=True)
    worker.OutboxWorker(db, [MailSender(db, concurrency=4)], name="killed-desktop").run_once()
    time.sleep(600)
""")


class KillingMailbox(Mailbox):
    """The relay accepts messages until the `after`-th, then kills the sending program on the spot
    (before it hears the relay's answer)."""

    def __init__(self, after: int) -> None:
        super().__init__()
        self.after, self.victim = after, None

    async def handle_DATA(self, server, session, envelope):
        answer = await super().handle_DATA(server, session, envelope)
        if len(self.received) == self.after and self.victim is not None:
            self.victim.send_signal(signal.SIGKILL)
        return answer


def test_a_program_killed_mid_run_resends_at_most_one_message_per_delivery_thread(request, clock, tmp_path):
    """Outcomes are written in batches by one thread, but a delivery thread sends nothing more until
    its last outcome is on disk. Killed mid-run, the program leaves at most one message per delivery
    thread out but unrecorded (as when each thread wrote its own outcome): after the restart those
    go out again, every other entry exactly once, and nothing recorded as sent is sent twice."""
    clock.set(local(STORY_DAY, 8, 0))
    w = world_copy(request, "sqlcipher", clock)
    book(w, 0, local(STORY_DAY, 9))
    mailbox = KillingMailbox(after=15)
    relay = SmtpServer(make_certs(tmp_path / "certs"), mailbox).start()
    request.addfinalizer(relay.stop)
    with w.db.session(SYSTEM, write=True) as s:
        mail_through(s, relay)
        invitation = s.scalars(select(OutboxEntry).where(OutboxEntry.channel == "email")).one()
        for n in range(39):
            s.add(OutboxEntry(dedupe_key=f"crash:{n}", interview_id=invitation.interview_id, channel="email",
                              kind="invitation", recipient=f"kandidat{n}@example.cn",
                              payload=dict(invitation.payload), created_at=invitation.created_at))
    path = w.db.path
    w.db.dispose()

    program = program_on(WORKER, path)
    try:
        assert program.stdout.readline().strip() == "ready"
        mailbox.victim = program
        program.wait(60)
    finally:
        program.kill()
        program.wait(30)
    assert program.returncode == -signal.SIGKILL

    restarted_clock = ManualClock(datetime.now(timezone.utc))
    db = open_embedded(path, passphrase=PASSPHRASE, clock=restarted_clock)
    try:
        with db.session() as s:
            recorded = dict(s.execute(select(OutboxEntry.recipient, OutboxEntry.external_id).where(
                OutboxEntry.channel == "email", OutboxEntry.state == OutboxState.SENT)).all())
        out_before = [to for [to], _raw in mailbox.received]
        assert len(out_before) >= 15
        assert set(recorded) <= set(out_before)
        assert len(out_before) - len(recorded) <= 4          # one per delivery thread at most

        restarted_clock.advance(outbox.LEASE + timedelta(seconds=1))
        progress = OutboxWorker(db, [MailSender(db)]).run_once()
        with db.session() as s:
            states = s.scalars(select(OutboxEntry.state).where(OutboxEntry.channel == "email")).all()
        assert states == [OutboxState.SENT] * 40
        assert progress.outcome.sent == 40 - len(recorded)
    finally:
        db.dispose()
    times_out: dict[str, int] = {}
    for [to], _raw in mailbox.received:
        times_out[to] = times_out.get(to, 0) + 1
    assert len(times_out) == 40                                        # every entry went out
    assert all(times_out[to] == 1 for to in recorded)                  # recorded ones never again
    assert sum(times_out.values()) - 40 <= 4                           # the unrecorded ones, once more at most
    message_ids = [m["Message-ID"] for m in mailbox.messages()]
    assert all(message_ids.count(mid) == 1 for mid in recorded.values())
