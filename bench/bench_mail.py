"""Mail throughput benchmark (a script, not a test): run by hand, the figure goes into the report.

    .venv/bin/python bench/bench_mail.py [--messages 500] [--concurrency 4]

Makes an encrypted database with the test world (tests/scheduling_world.py), books one interview
and queues N candidate invitations to N different addresses (the outbox keeps one recipient's
messages in order, so different recipients is what a busy day looks like). Then the outbox worker
delivers them through MailSender to a loopback aiosmtpd relay with STARTTLS from a test CA and AUTH,
as the institution's relay would require, and prints messages per second. Target: 50 messages/s.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from mail_certs import make_certs
from scheduling_world import STORY_DAY, build, local
from smtp_server import PASSWORD, USER, SmtpServer, free_port
from sqlalchemy import select

from desktop.core import settings
from desktop.core.clock import ManualClock
from desktop.core.delivery.worker import OutboxWorker
from desktop.core.model import InterviewMode, OutboxEntry, OutboxState
from desktop.core.scheduling import booking
from desktop.core.storage import migrate
from desktop.core.storage.database import Actor, create_embedded
from desktop.integrations.mail.smtp import MailSender

SYSTEM = Actor.command_line()


def queue(db, world, count: int) -> None:
    with db.session(world.hr, write=True) as s:
        booking.book(s, world.hr, booking.BookingInput(
            application_id=world.applications[0], round_id=world.round1, starts_at=local(STORY_DAY, 10),
            duration_minutes=30, mode=InterviewMode.ONSITE, room_id=world.room,
            interviewer_ids=(world.wang.user_id,)))
    with db.session(SYSTEM, write=True) as s:
        template = s.scalar(select(OutboxEntry).where(OutboxEntry.channel == "email"))
        for n in range(count - 1):
            s.add(OutboxEntry(dedupe_key=f"bench:{n}", interview_id=template.interview_id, channel="email",
                              kind="invitation", recipient=f"kandidat{n}@example.cn", payload=dict(template.payload),
                              created_at=template.created_at))
        # everything but the email channel is left alone: this measures mail only
        for key, value in {"mail.smtp_host": "127.0.0.1", "mail.smtp_security": "starttls",
                           "mail.smtp_username": USER, "mail.smtp_password": PASSWORD,
                           "mail.from_address": "hr@hospital.example.cn", "mail.from_name": "市第一医院人事处"}.items():
            settings.store_institution(s, key, value, "bench")


def _relay(certs, port, ready, stop, counts) -> None:
    relay = SmtpServer(certs, port=port).start()
    ready.set()
    stop.wait()
    relay.stop()
    counts.put((len(relay.mailbox.received), relay.mailbox.logins))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        certs = make_certs(Path(folder) / "certs")
        # the relay runs in its own process, as the institution's does: in this one it would share the GIL
        port, ready, stop, counts = free_port(), multiprocessing.Event(), multiprocessing.Event(), multiprocessing.Queue()
        relay = multiprocessing.Process(target=_relay, args=(certs, port, ready, stop, counts), daemon=True)
        relay.start()
        ready.wait(10)
        db, _recovery = create_embedded(Path(folder) / "bench.db", "Bench-passphrase-2026",
                                        clock=ManualClock(local(STORY_DAY, 8)))
        migrate.upgrade(db)
        world = build(db)
        queue(db, world, args.messages)
        with db.session(SYSTEM, write=True) as s:
            settings.store_institution(s, "mail.smtp_port", port, "bench")
            settings.store_institution(s, "mail.ca_file", str(certs.ca_file), "bench")
        sender = MailSender(db, concurrency=args.concurrency)
        worker = OutboxWorker(db, [sender], name="bench")
        started = time.perf_counter()
        progress = worker.run_once()
        elapsed = time.perf_counter() - started
        sender.close()
        stop.set()
        received, logins = counts.get(timeout=10)
        relay.join(10)
        with db.session() as s:
            sent = len(s.scalars(select(OutboxEntry.id).where(OutboxEntry.channel == "email",
                                                              OutboxEntry.state == OutboxState.SENT)).all())
        db.dispose()
    print(f"messages: {args.messages}, concurrency: {args.concurrency}, sent: {sent}, received by relay: {received}, "
          f"logins: {logins}, failed: {progress.outcome.failed}")
    print(f"elapsed: {elapsed:.2f} s, throughput: {sent / elapsed:.1f} messages/s")
    return 0 if sent == received == args.messages else 1


if __name__ == "__main__":
    sys.exit(main())
