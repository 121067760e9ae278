"""Mail throughput benchmark (a script, not a test): run by hand, the figure goes into the report.

    .venv/bin/python bench/bench_mail.py [--messages 500] [--rounds 3] [--concurrency 4]

Makes an encrypted database with the test world (tests/scheduling_world.py), books a day of
interviews and, in each round, queues N candidate invitations to N different addresses, spread over
those interviews (the outbox keeps one recipient's messages in order, so different recipients is
what a busy day looks like). The outbox worker then delivers them through MailSender to a loopback
aiosmtpd relay (in its own process) with STARTTLS from a test CA and AUTH, as the institution's
relay would require.

Interleaved with each app round, the relay's own speed: plain smtplib sends the same N messages
(the bytes the app just sent, from the entries' sent copies) through the same number of
connections, each with STARTTLS and login. The machine is shared, so both are measured in the
same run, round after round, and the ratio of the medians is the figure. Target: the app at least
half the relay's own speed.
"""

from __future__ import annotations

import argparse
import base64
import multiprocessing
import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from mail_certs import make_certs
from scheduling_world import STORY_DAY, build, local
from smtp_server import PASSWORD, USER, SmtpServer, free_port
from sqlalchemy import insert, select, update

from desktop.core import settings
from desktop.core.clock import ManualClock
from desktop.core.delivery.worker import OutboxWorker
from desktop.core.model import InterviewMode, OutboxEntry, OutboxState
from desktop.core.scheduling import booking
from desktop.core.storage import migrate
from desktop.core.storage.database import Actor, create_embedded
from desktop.integrations.mail.smtp import MailSender, SmtpConfig, connect

SYSTEM = Actor.command_line()
INTERVIEWS = 12   # half-hour interviews of one day, morning and afternoon


def _slots() -> list[datetime]:
    morning = [local(STORY_DAY, 8, 30) + timedelta(minutes=30 * k) for k in range(6)]
    afternoon = [local(STORY_DAY, 13, 30) + timedelta(minutes=30 * k) for k in range(6)]
    return morning + afternoon


def book_day(db, world) -> list[OutboxEntry]:
    """One interview per candidate of the world; their invitations are the templates of the queue."""
    for application, start in zip(world.applications, _slots()):
        with db.session(world.hr, write=True) as s:
            booking.book(s, world.hr, booking.BookingInput(
                application_id=application, round_id=world.round1, starts_at=start, duration_minutes=30,
                mode=InterviewMode.ONSITE, room_id=world.room, interviewer_ids=(world.wang.user_id,)))
    with db.session(SYSTEM, write=True) as s:
        invitations = s.scalars(select(OutboxEntry).where(OutboxEntry.channel == "email")
                                .order_by(OutboxEntry.id)).all()
        # the bench's own entries are what is measured: the day's real invitations are set aside
        s.execute(update(OutboxEntry).where(OutboxEntry.channel == "email").values(state=OutboxState.CANCELLED)
                  .execution_options(synchronize_session=False))
    return invitations


def queue(db, templates: list[OutboxEntry], count: int, round_no: int) -> None:
    rows = [dict(dedupe_key=f"bench:{round_no}:{n}", interview_id=templates[n % len(templates)].interview_id,
                 channel="email", kind="invitation", recipient=f"kandidat{round_no}.{n}@example.cn",
                 payload=dict(templates[n % len(templates)].payload), created_at=templates[0].created_at,
                 state=OutboxState.PENDING, attempts=0, last_error="", version=1)
            for n in range(count)]
    with db.session(SYSTEM, write=True) as s:
        s.execute(insert(OutboxEntry), rows)


def configure(db, port: int, ca_file: Path) -> None:
    with db.session(SYSTEM, write=True) as s:
        for key, value in {"mail.smtp_host": "127.0.0.1", "mail.smtp_port": port, "mail.smtp_security": "starttls",
                           "mail.smtp_username": USER, "mail.smtp_password": PASSWORD, "mail.ca_file": str(ca_file),
                           "mail.from_address": "hr@hospital.example.cn", "mail.from_name": "市第一医院人事处"}.items():
            settings.store_institution(s, key, value, "bench")


def _relay(certs, port, ready, stop, counts) -> None:
    relay = SmtpServer(certs, port=port).start()
    ready.set()
    stop.wait()
    relay.stop()
    counts.put((len(relay.mailbox.received), relay.mailbox.logins))


def app_round(db, worker: OutboxWorker, count: int, round_no: int) -> tuple[float, float, list[tuple[str, bytes]]]:
    """Seconds the worker took to deliver `count` queued messages, the CPU seconds this process
    spent on it (all threads), and the messages as sent. The worker lives across rounds, as the
    app's does, so its connections to the relay are made once."""
    before = worker.progress.outcome.sent
    started, cpu = time.perf_counter(), time.process_time()
    progress = worker.run_once()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    with db.session() as s:
        sent = s.execute(select(OutboxEntry.recipient, OutboxEntry.sent_copy).where(
            OutboxEntry.dedupe_key.like(f"bench:{round_no}:%"), OutboxEntry.state == OutboxState.SENT)).all()
    if progress.outcome.sent - before != count or len(sent) != count:
        raise SystemExit(f"round {round_no}: {len(sent)} of {count} sent: {progress.outcome.errors[:3]}")
    return elapsed, cpu, [(to, base64.b64decode(copy["eml"])) for to, copy in sent]


def relay_round(config: SmtpConfig, messages: list[tuple[str, bytes]], concurrency: int) -> tuple[float, float]:
    """Seconds plain smtplib takes to send these messages over `concurrency` connections (made,
    with STARTTLS and login, before the clock starts), and the CPU seconds this process spent."""
    shares = [messages[k::concurrency] for k in range(concurrency)]
    conns = [connect(config) for _ in shares]
    failures: list[BaseException] = []

    def send(conn, share: list[tuple[str, bytes]]) -> None:
        try:
            for to, raw in share:
                conn.sendmail(config.from_address, [to], raw)
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=send, args=(conn, share)) for conn, share in zip(conns, shares)]
    started, cpu = time.perf_counter(), time.process_time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    for conn in conns:
        conn.quit()
    if failures:
        raise SystemExit(f"the relay refused plain smtplib: {failures[0]!r}")
    return elapsed, cpu


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=500, help="messages per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args(argv)
    app_rates, relay_rates, app_cpu, relay_cpu = [], [], [], []
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
        world = build(db, candidates=INTERVIEWS)
        templates = book_day(db, world)
        configure(db, port, certs.ca_file)
        with db.session() as s:
            config = SmtpConfig.load(s)
        sender = MailSender(db, concurrency=args.concurrency)
        worker = OutboxWorker(db, [sender], name="bench")
        print(f"{args.messages} messages a round over {len(templates)} interviews, concurrency {args.concurrency}, "
              f"load average {loadavg()}")
        for round_no in range(args.rounds):
            queue(db, templates, args.messages, round_no)
            app_seconds, app_cpu_seconds, messages = app_round(db, worker, args.messages, round_no)
            relay_seconds, relay_cpu_seconds = relay_round(config, messages, args.concurrency)
            app_rates.append(args.messages / app_seconds)
            relay_rates.append(args.messages / relay_seconds)
            app_cpu.append(app_cpu_seconds / args.messages * 1000)
            relay_cpu.append(relay_cpu_seconds / args.messages * 1000)
            print(f"  round {round_no + 1}: app {app_rates[-1]:7.1f} msg/s ({app_cpu[-1]:.2f} ms CPU/msg)   "
                  f"relay alone {relay_rates[-1]:7.1f} msg/s ({relay_cpu[-1]:.2f} ms CPU/msg in the sender)   "
                  f"ratio {app_rates[-1] / relay_rates[-1]:.2f}   load {loadavg()}")
        worker.stop()
        sender.close()
        stop.set()
        received, logins = counts.get(timeout=10)
        relay.join(10)
        db.dispose()
    app, alone = statistics.median(app_rates), statistics.median(relay_rates)
    print(f"received by the relay: {received} (expected {2 * args.rounds * args.messages}), logins: {logins}")
    print(f"median: app {app:.1f} msg/s, relay alone {alone:.1f} msg/s, ratio {app / alone:.2f} (target ≥ 0.50); "
          f"sender CPU per message: app {statistics.median(app_cpu):.2f} ms, plain smtplib "
          f"{statistics.median(relay_cpu):.2f} ms")
    return 0 if received == 2 * args.rounds * args.messages else 1


if __name__ == "__main__":
    sys.exit(main())
