"""The outbox worker: every effect delivered exactly once, in order per interview and recipient,
retried with back-off while a channel is down, failed with a readable reason when retrying cannot
help, and taken over after a worker died holding entries. The senders here are recorders: the
channels themselves are tested against real servers in their own tests."""

from __future__ import annotations

import os
import random
import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import event, insert, select

from desktop.core import settings
from desktop.core.delivery import one_cpu, outbox
from desktop.core.delivery import worker as worker_module
from desktop.core.delivery.outbox import Delivered, Item, PermanentFailure, TemporaryFailure
from desktop.core.delivery.worker import OutboxWorker
from desktop.core.model import ChangeKind, OutboxEntry, OutboxState, Party
from desktop.core.scheduling import changes

from scheduling_helpers import BACKENDS, approve_default_chain, book, request, world_copy
from scheduling_world import STORY_DAY, World, local


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


class Recorder:
    """A channel that records what it was given; `script` says how each call ends."""

    def __init__(self, channel: str, concurrency: int = 2, script=None) -> None:
        self.channel, self.concurrency = channel, concurrency
        self.script = list(script or [])
        self.delivered: list[Item] = []
        self.calls = 0
        self.lock = threading.Lock()

    def deliver(self, item: Item) -> Delivered:
        with self.lock:
            self.calls += 1
            outcome = self.script.pop(0) if self.script else None
        if isinstance(outcome, Exception):
            raise outcome
        with self.lock:
            self.delivered.append(item)
        return Delivered(external_id=f"ext-{item.id}")


def entries(w: World, **where) -> list[OutboxEntry]:
    with w.db.session() as s:
        query = select(OutboxEntry).order_by(OutboxEntry.id)
        for name, value in where.items():
            query = query.where(getattr(OutboxEntry, name) == value)
        rows = s.scalars(query).all()
        s.expunge_all()
        return rows


def senders(*channels: str) -> list[Recorder]:
    return [Recorder(c) for c in channels]


def test_a_booking_reaches_every_channel_exactly_once(world):
    book(world, 0, local(STORY_DAY, 10), interviewers=(world.wang.user_id, world.li.user_id))
    calendar, email, sms, oa = senders("calendar", "email", "sms", "oa")
    worker = OutboxWorker(world.db, [calendar, email, sms, oa], name="w1")
    progress = worker.run_once()
    again = OutboxWorker(world.db, [calendar, email, sms, oa], name="w2").run_once()

    rows = entries(world)
    assert {r.state for r in rows} == {OutboxState.SENT}
    assert progress.outcome.sent == len(rows) and again.outcome.sent == 0
    assert sorted(i.recipient for i in calendar.delivered) == sorted(r.recipient for r in rows
                                                                      if r.channel == "calendar")
    assert len(calendar.delivered) == 2 and len(email.delivered) == 1 and len(sms.delivered) == 1
    assert sorted(i.kind for i in oa.delivered) == ["interviewer_assignment"] * 2
    assert all(r.external_id == f"ext-{r.id}" and r.attempts == 1 and r.claimed_by is None for r in rows)
    assert all(r.sent_at == world.db.clock.now() for r in rows)


def test_a_channel_that_is_down_is_retried_with_back_off_until_it_answers(world, clock):
    book(world, 0, local(STORY_DAY, 10))
    sms = Recorder("sms", script=[TemporaryFailure("短信网关无法连接"), TemporaryFailure("短信网关无法连接")])
    worker = OutboxWorker(world.db, [sms])
    worker.run_once()
    [entry] = entries(world, channel="sms")
    assert entry.state == OutboxState.PENDING and entry.attempts == 1 and entry.last_error == "短信网关无法连接"
    first_wait = entry.next_attempt_at - clock.now()
    assert timedelta(seconds=1.5) <= first_wait <= timedelta(seconds=2.5)

    worker.run_once()                         # not due yet: nothing happens
    assert sms.calls == 1
    clock.advance(first_wait)
    worker.run_once()
    [entry] = entries(world, channel="sms")
    assert entry.attempts == 2 and entry.state == OutboxState.PENDING
    assert timedelta(seconds=3) <= entry.next_attempt_at - clock.now() <= timedelta(seconds=5)

    clock.advance(timedelta(seconds=5))
    worker.run_once()
    [entry] = entries(world, channel="sms")
    assert entry.state == OutboxState.SENT and entry.attempts == 3 and entry.last_error == ""
    assert len(sms.delivered) == 1


def test_a_server_named_back_off_is_respected(world, clock):
    book(world, 0, local(STORY_DAY, 10))
    calendar = Recorder("calendar", script=[TemporaryFailure("Exchange 繁忙", retry_after=90)])
    OutboxWorker(world.db, [calendar]).run_once()
    [entry] = entries(world, channel="calendar")
    assert entry.next_attempt_at - clock.now() == timedelta(seconds=90)


def test_a_permanent_failure_is_failed_at_once_with_the_reason_and_no_address(world):
    book(world, 0, local(STORY_DAY, 10))
    email = Recorder("email", script=[PermanentFailure("收件人 zhangwei@example.cn 被拒绝（550），电话 13812345678")])
    OutboxWorker(world.db, [email]).run_once()
    [entry] = entries(world, channel="email")
    assert entry.state == OutboxState.FAILED and entry.attempts == 1
    assert "zhangwei@" not in entry.last_error and "13812345678" not in entry.last_error
    assert "z***@example.cn" in entry.last_error and "138****5678" in entry.last_error


def test_the_last_allowed_attempt_fails_the_entry(world, clock):
    with world.db.session(write=True) as s:
        settings.store_institution(s, "outbox.max_attempts", 2, "测试")
    book(world, 0, local(STORY_DAY, 10))
    sms = Recorder("sms", script=[TemporaryFailure("超时")] * 5)
    worker = OutboxWorker(world.db, [sms])
    worker.run_once()
    clock.advance(timedelta(minutes=1))
    worker.run_once()
    clock.advance(timedelta(minutes=1))
    worker.run_once()
    [entry] = entries(world, channel="sms")
    assert entry.state == OutboxState.FAILED and entry.attempts == 2 and sms.calls == 2


def test_a_cancellation_never_overtakes_the_booking_it_cancels(world, clock):
    booked = book(world, 0, local(STORY_DAY, 15))
    asked = request(world, changes.ChangeInput(interview_id=booked.interview_id, kind=ChangeKind.CANCEL,
                                               party=Party.HR, reason="岗位取消"))
    approve_default_chain(world, asked.change_request_id)
    kinds = [(e.kind, e.state) for e in entries(world, channel="calendar")]
    assert [k for k, _ in kinds] == ["create", "cancel"]

    calendar = Recorder("calendar", script=[TemporaryFailure("Exchange 无法连接")])
    worker = OutboxWorker(world.db, [calendar])
    worker.run_once()                       # the create fails; the cancel must wait behind it
    assert [i.kind for i in calendar.delivered] == []
    assert [e.state for e in entries(world, channel="calendar")] == [OutboxState.PENDING, OutboxState.PENDING]
    clock.advance(timedelta(seconds=3))
    worker.run_once()
    assert [i.kind for i in calendar.delivered] == ["create", "cancel"]


def test_entries_held_by_a_worker_that_died_are_delivered_once_after_its_lease(world, clock):
    book(world, 0, local(STORY_DAY, 10))
    with world.db.session(write=True) as s:      # the dead worker took the e-mail, then the process died
        [taken] = outbox.claim(s, "dead-desktop:1", "email", 10)
    email = Recorder("email")
    survivor = OutboxWorker(world.db, [email], name="restarted")
    survivor.run_once()
    assert email.delivered == []                 # still within the dead worker's lease
    clock.advance(outbox.LEASE + timedelta(seconds=1))
    survivor.run_once()
    assert [i.id for i in email.delivered] == [taken.id]
    [entry] = entries(world, channel="email")
    assert entry.state == OutboxState.SENT and entry.attempts == 2
    with world.db.session(write=True) as s:      # the dead worker's late outcome changes nothing
        assert outbox.mark_sent(s, taken, Delivered("late")) is False
    assert entries(world, channel="email")[0].external_id == f"ext-{taken.id}"


def test_a_sent_entry_is_never_sent_again_after_a_restart(world, clock):
    book(world, 0, local(STORY_DAY, 10))
    first = Recorder("email")
    OutboxWorker(world.db, [first]).run_once()
    clock.advance(timedelta(hours=1))
    second = Recorder("email")
    OutboxWorker(world.db, [second]).run_once()
    assert len(first.delivered) == 1 and second.delivered == []


def test_two_workers_at_once_deliver_each_entry_exactly_once(world):
    for n, hour in enumerate((9, 10, 11)):
        book(world, n, local(STORY_DAY, hour), interviewers=(world.wang.user_id, world.li.user_id))
    total = len(entries(world))
    shared = Recorder("calendar", concurrency=3)
    mail = Recorder("email", concurrency=3)
    sms = Recorder("sms", concurrency=3)
    oa = Recorder("oa", concurrency=3)
    workers = [OutboxWorker(world.db, [shared, mail, sms, oa], name=f"w{n}") for n in range(2)]
    threads = [threading.Thread(target=w.run_once) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    delivered = [i.id for r in (shared, mail, sms, oa) for i in r.delivered]
    assert sorted(delivered) == sorted(set(delivered)) and len(delivered) == total
    assert {e.state for e in entries(world)} == {OutboxState.SENT}


def booked_in_the_background(w: World, email: Recorder) -> None:
    """Book one interview while a background worker runs, wake it, and wait (10 s at most) until the
    candidate's e-mail went out."""
    worker = OutboxWorker(w.db, [email])
    worker.start()
    try:
        book(w, 0, local(STORY_DAY, 10))
        worker.wake()
        deadline = time.monotonic() + 10
        while not email.delivered and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        worker.stop()


def test_the_background_worker_delivers_soon_after_it_is_woken(world):
    email = Recorder("email")
    booked_in_the_background(world, email)
    assert len(email.delivered) == 1


class Slow(Recorder):
    """A channel that takes its time: `started` is set when a delivery has begun."""

    def __init__(self, channel: str, seconds: float) -> None:
        super().__init__(channel, concurrency=1)
        self.seconds, self.started = seconds, threading.Event()

    def deliver(self, item: Item) -> Delivered:
        self.started.set()
        time.sleep(self.seconds)
        return super().deliver(item)


def test_a_delivery_under_way_when_the_worker_stops_is_recorded(world):
    """The app stops its worker (settings changed, or the app closes) while a message is going out:
    the worker claims nothing more, and the message that went out is recorded, not sent again."""
    slow = Slow("email", seconds=0.5)
    worker = OutboxWorker(world.db, [slow])
    book(world, 0, local(STORY_DAY, 10))
    book(world, 1, local(STORY_DAY, 11))
    worker.start()
    worker.wake()
    assert slow.started.wait(10)
    worker.stop()
    assert len(slow.delivered) == 1
    sent = entries(world, channel="email", state=OutboxState.SENT)
    assert [e.id for e in sent] == [slow.delivered[0].id] and sent[0].external_id == f"ext-{sent[0].id}"


class Gated(Recorder):
    """A channel whose deliveries end when the test says: `gates[recipient]` is set."""

    def __init__(self, recipients: list[str]) -> None:
        super().__init__("email", concurrency=len(recipients))
        self.gates = {r: threading.Event() for r in recipients}
        self.running = threading.Semaphore(0)

    def deliver(self, item: Item) -> Delivered:
        self.running.release()
        assert self.gates[item.recipient].wait(10)
        return super().deliver(item)


def queued_mail(w: World, recipients: list[str]) -> None:
    with w.db.session(write=True) as s:
        s.execute(insert(OutboxEntry), [
            dict(dedupe_key=f"gather:{r}", interview_id=None, channel="email", kind="invitation", recipient=r,
                 payload={}, state=OutboxState.PENDING, attempts=0, last_error="", created_at=w.db.clock.now(),
                 version=1) for r in recipients])


def recording_rounds(w: World, recipients: list[str], release, sender: Recorder | None = None) -> list[int]:
    """Deliver one entry per recipient at once (a thread each, or through `sender`) and release them as
    `release(sender)` says; returns how many deliveries each committed transaction recorded, in order."""
    rounds, current = [], []

    def seen(_conn, _cursor, statement, _parameters, _context, _many):
        if statement.lstrip().startswith("UPDATE outbox_entries") and "sent_at" in statement.split("WHERE")[0]:
            current.append(statement)

    def committed(_conn):
        if current:
            rounds.append(len(current))
            current.clear()

    gated = sender or Gated(recipients)
    worker = OutboxWorker(w.db, [gated], name="gather")
    event.listen(w.db.engine, "before_cursor_execute", seen)
    event.listen(w.db.engine, "commit", committed)
    try:
        runner = threading.Thread(target=worker.run_once)
        runner.start()
        if sender is None:
            for _ in recipients:                 # every delivery under way before any ends
                assert gated.running.acquire(timeout=10)
        release(gated)
        runner.join(20)
        assert not runner.is_alive()
    finally:
        event.remove(w.db.engine, "before_cursor_execute", seen)
        event.remove(w.db.engine, "commit", committed)
    assert sorted(e.recipient for e in entries(w, state=OutboxState.SENT)) == sorted(recipients)
    return rounds


def test_outcomes_that_end_together_are_recorded_in_one_transaction(world, monkeypatch):
    """Four deliveries running side by side: the first to end waits for the others (GATHER_SECONDS
    at most) and the four are recorded by one commit, not one each (a round per outcome cost more
    than the deliveries). Each thread still waits for its own record before taking more."""
    monkeypatch.setattr(worker_module, "GATHER_SECONDS", 10.0)
    recipients = [f"p{n}@example.cn" for n in range(4)]
    queued_mail(world, recipients)

    def one_then_the_rest(gated: Gated) -> None:
        gated.gates[recipients[0]].set()
        time.sleep(0.3)                          # recorded now, were it not waiting for the others
        for r in recipients[1:]:
            gated.gates[r].set()

    rounds = recording_rounds(world, recipients, one_then_the_rest)
    assert rounds == [4]


def test_a_delivery_that_takes_long_does_not_hold_back_the_record_of_one_that_ended(world, monkeypatch):
    """The wait is bounded: an outcome is recorded within GATHER_SECONDS even while another
    delivery is still running (a slow server must not keep a sent message unrecorded)."""
    monkeypatch.setattr(worker_module, "GATHER_SECONDS", 0.05)
    recipients = ["fast@example.cn", "slow@example.cn"]
    queued_mail(world, recipients)

    def fast_first(gated: Gated) -> None:
        gated.gates["fast@example.cn"].set()
        deadline = time.monotonic() + 10
        while not entries(world, state=OutboxState.SENT) and time.monotonic() < deadline:
            time.sleep(0.02)
        gated.gates["slow@example.cn"].set()

    rounds = recording_rounds(world, recipients, fast_first)
    assert rounds == [1, 1]


def test_a_thread_waiting_to_start_its_next_delivery_does_not_hold_back_the_record(world, monkeypatch):
    """A sender that does not settle (Exchange, SMS, OA): a thread that ended its delivery takes its
    next entry and waits for the record before starting it. The round gathers only deliveries really
    under way: once the other thread's delivery ends, both outcomes are recorded together at once,
    not after GATHER_SECONDS."""
    monkeypatch.setattr(worker_module, "GATHER_SECONDS", 10.0)
    recipients = ["p0@example.cn", "p1@example.cn", "p2@example.cn", "p3@example.cn"]
    queued_mail(world, recipients)
    gated = Gated(recipients)
    gated.concurrency = 2
    recorded_at: list[float] = []

    def seen(_conn, _cursor, statement, _parameters, _context, _many):
        if statement.lstrip().startswith("UPDATE outbox_entries") and "sent_at" in statement.split("WHERE")[0]:
            recorded_at.append(time.monotonic())

    event.listen(world.db.engine, "before_cursor_execute", seen)
    worker = OutboxWorker(world.db, [gated])
    runner = threading.Thread(target=worker.run_once)
    try:
        runner.start()
        assert gated.running.acquire(timeout=10) and gated.running.acquire(timeout=10)   # p0 and p1 under way
        gated.gates["p0@example.cn"].set()
        time.sleep(0.3)          # its thread has taken p2 and waits for p0's record
        released = time.monotonic()
        gated.gates["p1@example.cn"].set()
        deadline = time.monotonic() + 20
        while len(recorded_at) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert recorded_at and recorded_at[0] - released < 5.0     # not after GATHER_SECONDS
    finally:
        for gate in gated.gates.values():
            gate.set()
        runner.join(30)
        event.remove(world.db.engine, "before_cursor_execute", seen)
    assert not runner.is_alive()
    assert sorted(e.recipient for e in entries(world, state=OutboxState.SENT)) == recipients


class Settling(Recorder):
    """A channel that, like SMTP, prepares each delivery and completes it only after `settled()`
    (see outbox.Sender). At that moment it checks, in its own unit of work, that every delivery this
    thread completed before is recorded as sent: `unrecorded` lists any that were not."""

    settles = True

    def __init__(self, db, concurrency: int) -> None:
        super().__init__("email", concurrency=concurrency)
        self.db, self.unrecorded, self.completed = db, [], []
        self.mine = threading.local()

    def deliver(self, item: Item, settled=None) -> Delivered:
        time.sleep(0.002)                               # the envelope and the message's bytes
        settled()
        before = getattr(self.mine, "completed", [])
        with self.db.session() as s:
            sent = set(s.scalars(select(OutboxEntry.id).where(OutboxEntry.state == OutboxState.SENT)))
        with self.lock:
            self.unrecorded += [done for done in before if done not in sent]
            self.completed.append(item.id)
        self.mine.completed = [*before, item.id]
        return super().deliver(item)


def test_a_thread_completes_a_delivery_only_once_its_previous_one_is_recorded(world):
    """The thread prepares its next delivery while the previous outcome is being written, but
    completes it only when that outcome is on disk: a crash leaves at most one delivered-but-
    unrecorded entry per thread (the killed-program test in test_outbox_crash checks the count)."""
    queued_mail(world, [f"q{n}@example.cn" for n in range(30)])
    settling = Settling(world.db, concurrency=3)
    progress = OutboxWorker(world.db, [settling]).run_once()
    assert progress.outcome.sent == 30 and sorted(settling.completed) == sorted(i.id for i in settling.delivered)
    assert settling.unrecorded == []


class Answered(Recorder):
    """Like SMTP: each delivery is ready to complete at once (`settled`), then waits for the server's
    answer to its end of data, which the test gives by setting `answers[recipient]`."""

    settles = True

    def __init__(self, recipients: list[str], concurrency: int) -> None:
        super().__init__("email", concurrency=concurrency)
        self.answers = {r: threading.Event() for r in recipients}
        self.completing = threading.Semaphore(0)

    def deliver(self, item: Item, settled=None) -> Delivered:
        settled()
        self.completing.release()
        assert self.answers[item.recipient].wait(10)
        return super().deliver(item)


def answered_in_turn(w: World, monkeypatch, first: str, second: str, first_after: float = 0.0) -> list[int]:
    """a, b, c and d on two threads that settle like SMTP (Answered): once a and b are both completing, one
    on each thread, the server answers `first` (after `first_after` seconds), and `second` 0.3 s later,
    while `first`'s thread has taken c, ready to complete, waiting for `first`'s record. Returns how
    many outcomes each commit recorded."""
    monkeypatch.setattr(worker_module, "GATHER_SECONDS", 10.0)
    recipients = ["a@example.cn", "b@example.cn", "c@example.cn", "d@example.cn"]
    queued_mail(w, recipients)
    answered = Answered(recipients, concurrency=2)
    for r in ("c@example.cn", "d@example.cn"):
        answered.answers[r].set()

    def in_turn(_sender) -> None:
        for _ in range(2):
            assert answered.completing.acquire(timeout=10)
        time.sleep(first_after)
        answered.answers[first].set()
        time.sleep(0.3)
        answered.answers[second].set()

    return recording_rounds(w, recipients, in_turn, answered)


def test_a_ready_delivery_waits_for_the_outcome_of_one_completing_beside_it_and_both_share_a_commit(world, monkeypatch):
    """One thread's next delivery (c) is ready to complete and waits for its previous outcome (a)
    to be recorded, while the other thread's delivery (b) is past that point, waiting only for the
    server's answer. The round waits for that answer (GATHER_SECONDS at most) and records a and b
    in one commit, instead of a at once and b in a round of its own: the threads complete together
    and share each commit."""
    rounds = answered_in_turn(world, monkeypatch, "a@example.cn", "b@example.cn")
    assert rounds[0] == 2 and sum(rounds) == 4, rounds


def test_a_ready_delivery_does_not_wait_for_a_server_slow_to_answer(world, monkeypatch):
    """As above, but the server has been slow to answer an end of data (b's took 0.2 s, and c now
    waits for b's record): b's outcome is recorded at once, alone, rather than keeping c waiting for
    a's answer."""
    rounds = answered_in_turn(world, monkeypatch, "b@example.cn", "a@example.cn", first_after=0.2)
    assert rounds[0] == 1 and sum(rounds) == 4, rounds


def test_a_delivery_waiting_for_a_record_that_fails_is_not_completed(world, monkeypatch, clock):
    """The database fails while the thread's next delivery waits for the previous record: that
    delivery is abandoned (the sender gets Unsettled from `settled`, SMTP hangs up before the end of
    data), so the failure costs one entry sent twice at most, never one more. After the lease both
    go out again."""
    queued_mail(world, ["a@example.cn", "b@example.cn"])
    settling = Settling(world.db, concurrency=1)

    def broken(session, item, delivered):
        raise RuntimeError("disk full")

    monkeypatch.setattr(outbox, "mark_sent", broken)
    worker = OutboxWorker(world.db, [settling])
    with pytest.raises(RuntimeError, match="disk full"):
        worker.run_once()
    worker.stop()                               # and its delivery threads have ended
    [first, second] = [e.id for e in entries(world, channel="email")]
    assert settling.completed == [first]
    assert {e.state for e in entries(world, channel="email")} == {OutboxState.IN_PROGRESS}

    monkeypatch.undo()
    clock.advance(outbox.LEASE + timedelta(seconds=1))
    again = Settling(world.db, concurrency=1)
    assert OutboxWorker(world.db, [again]).run_once().outcome.sent == 2
    assert again.completed == [first, second]


def test_a_worker_whose_run_failed_to_record_delivers_normally_in_its_next_run(world, monkeypatch):
    """The command line's worker (run_once) gave up a record when the database failed: its next run,
    once the database works, abandons at most one delivery for it, not every one of that thread."""
    queued_mail(world, ["a@example.cn", "b@example.cn"])
    settling = Settling(world.db, concurrency=1)
    worker = OutboxWorker(world.db, [settling])
    real = outbox.mark_sent

    def broken(session, item, delivered):
        raise RuntimeError("disk full")

    monkeypatch.setattr(outbox, "mark_sent", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        worker.run_once()
    monkeypatch.setattr(outbox, "mark_sent", real)
    with world.db.session(write=True) as s:
        s.execute(insert(OutboxEntry), [
            dict(dedupe_key=f"later:{n}", interview_id=None, channel="email", kind="invitation",
                 recipient=f"later{n}@example.cn", payload={}, state=OutboxState.PENDING, attempts=0,
                 last_error="", created_at=world.db.clock.now(), version=1) for n in range(4)])
    worker.run_once()
    worker.stop()
    later = [e for e in entries(world, channel="email") if e.recipient.startswith("later")]
    assert [e.state for e in later] == [OutboxState.SENT] * 4


def test_claiming_looks_only_at_entries_waiting_or_under_way_not_at_every_entry_ever_sent(request, clock):
    """The outbox keeps every sent entry; the claim must not walk them all each time (SQLite's plan
    for the claim's search starts from the state index, not the channel index)."""
    clock.set(local(STORY_DAY, 8, 0))
    w = world_copy(request, "sqlcipher", clock)
    book(w, 0, local(STORY_DAY, 10))
    with w.db.session(write=True) as s:          # a year of mail sent before, and the planner's statistics
        s.execute(insert(OutboxEntry), [
            dict(dedupe_key=f"sent:{n}", interview_id=None, channel="email", kind="invitation",
                 recipient=f"k{n}@example.cn", payload={}, state=OutboxState.SENT, attempts=1, last_error="",
                 created_at=clock.now(), sent_at=clock.now(), version=2) for n in range(3000)])
    w.db.optimise()
    seen: list[tuple[str, object]] = []

    def remember(_conn, _cursor, statement, parameters, _context, _many):
        if statement.lstrip().startswith("SELECT outbox_entries.id"):
            seen.append((statement, parameters))

    event.listen(w.db.engine, "before_cursor_execute", remember)
    try:
        with w.db.session(write=True) as s:
            assert outbox.claim(s, "w", "email", 10)
    finally:
        event.remove(w.db.engine, "before_cursor_execute", remember)
    assert len(seen) == 2                        # the waiting entries, and those a dead worker left
    for statement, parameters in seen:
        with w.db.engine.connect() as conn:
            plan = [row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
        assert "ix_outbox_entries_state" in plan[0] and not any("ix_outbox_entries_channel" in step for step in plan)
        assert not any("TEMP B-TREE" in step for step in plan)     # found in id order: the search stops at the limit


def test_back_off_doubles_and_is_capped_with_jitter():
    rng = random.Random(1)
    waits = [outbox.backoff(n, rng=rng) for n in range(1, 15)]
    assert 1.5 <= waits[0] <= 2.5 and 3 <= waits[1] <= 5 and 6 <= waits[2] <= 10
    assert max(waits) <= outbox.LONGEST_DELAY_SECONDS * 1.25
    assert len({round(w, 3) for w in waits[-4:]}) == 4          # jittered, not identical


class WhereItRan(Recorder):
    """A channel that notes the CPUs each of its delivery threads may run on, and those of the
    writing thread (which calls `prepare` in its claiming transaction)."""

    def __init__(self, channel: str) -> None:
        super().__init__(channel, concurrency=3)
        self.delivering: set[frozenset[int]] = set()
        self.writing: set[frozenset[int]] = set()
        self.threads: set[str] = set()

    def prepare(self, session, items):
        self.writing.add(frozenset(os.sched_getaffinity(0)))
        return items

    def deliver(self, item: Item) -> Delivered:
        with self.lock:
            self.delivering.add(frozenset(os.sched_getaffinity(0)))
            self.threads.add(threading.current_thread().name)
        return super().deliver(item)


needs_two_cpus = pytest.mark.skipif(not hasattr(os, "sched_getaffinity") or len(os.sched_getaffinity(0)) < 2,
                                    reason="keeping threads on one CPU needs a choice of CPUs (Linux, two or more)")


@needs_two_cpus
def test_the_writing_and_delivery_threads_share_one_cpu_and_the_caller_gets_its_cpus_back(world, monkeypatch):
    for n, hour in enumerate((9, 10, 11, 14, 15, 16)):
        book(world, n % 3, local(STORY_DAY, hour))
    kept_by = set()
    keep = one_cpu.keep

    def noted(cpu):
        kept_by.add(threading.current_thread().name)
        return keep(cpu)

    # Linux gives a new thread its creator's CPUs, Windows the program's: each delivery thread keeps
    # itself on the CPU, not only the writing thread that starts them
    monkeypatch.setattr(one_cpu, "keep", noted)
    email = WhereItRan("email")
    before = os.sched_getaffinity(0)
    OutboxWorker(world.db, [email]).run_once()
    assert len(email.delivered) == 6
    cpu = frozenset({max(before)})
    assert email.delivering == {cpu} and email.writing == {cpu}
    assert os.sched_getaffinity(0) == before
    assert threading.current_thread().name in kept_by and email.threads and email.threads <= kept_by


@needs_two_cpus
def test_the_background_worker_writes_on_its_delivery_threads_cpu(world):
    email = WhereItRan("email")
    booked_in_the_background(world, email)
    assert len(email.delivered) == 1
    assert len(email.delivering) == 1 and email.writing == email.delivering
    assert len(next(iter(email.delivering))) == 1


@pytest.mark.skipif(not hasattr(os, "sched_getaffinity"), reason="Linux's per-thread CPU sets")
def test_a_program_that_may_use_one_cpu_only_is_left_as_it_is():
    seen = {}

    def on_one_cpu() -> None:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        seen["chosen"] = one_cpu.chosen()
        seen["kept"] = one_cpu.keep(seen["chosen"])
        seen["after"] = os.sched_getaffinity(0)

    thread = threading.Thread(target=on_one_cpu)
    thread.start()
    thread.join(10)
    assert seen["chosen"] is None and seen["kept"] is None and len(seen["after"]) == 1


@needs_two_cpus
def test_a_system_that_refuses_the_cpu_leaves_the_threads_where_they_are_and_delivers(world, monkeypatch):
    def refused(_pid, _cpus):
        raise PermissionError("not allowed here")

    monkeypatch.setattr(os, "sched_setaffinity", refused)
    book(world, 0, local(STORY_DAY, 10))
    email = WhereItRan("email")
    before = os.sched_getaffinity(0)
    OutboxWorker(world.db, [email]).run_once()
    assert len(email.delivered) == 1
    assert email.delivering == {frozenset(before)} and email.writing == {frozenset(before)}
