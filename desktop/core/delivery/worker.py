"""The outbox worker: drains due entries through the configured senders, off the UI thread.

One worker per running program (the desktop app, or `interviewdesk outbox run` on a server). Each
channel has its own thread pool sized by its sender's `concurrency`, so a slow SMS gateway never
holds up mail or calendar updates. The delivery itself happens outside any transaction.

One thread writes (the background loop, or the caller of `run_once`): a single short transaction
records every outcome that came in since the last one and tops up the channels whose queue is half
empty, so the delivery threads never wait for a whole batch and never queue for the write lock
among themselves. An outcome that arrives while other deliveries are still running waits a few
milliseconds for them (GATHER_SECONDS), so that outcomes ending together share one commit. When a
delivery thread needs an outcome on disk now, the round waits only for the outcomes moments away:
those of deliveries past that point themselves, waiting for the server's last answer, if it comes at
once (MOMENT_SECONDS). So the threads released by one round complete together and share the next
(bench_mail: 3.8 outcomes a commit, where recording at once gave 2.5 and cost 15 % more CPU a message).

A delivery thread completes no delivery while the outcome of its previous one is not on disk: when
the program dies, at most one delivered-but-unrecorded entry per delivery thread is sent again after
its lease (as when each thread committed its own outcome), never a whole batch. It need not sit idle
meanwhile: a sender that can (`settles`, SMTP) prepares its next delivery up to the step that makes it
irrevocable — composes the message, sends the envelope and the bytes — and waits only before the end
of data; for other senders the thread waits before it starts the next delivery. The claim also reads what the
senders need of the database for what they took (a sender's optional `prepare`), so the delivery
threads need not open units of work of their own.

`run_once()` delivers everything due now and returns (the command line). `start()` runs the same
loop in a background thread until `stop()`, waking when `wake()` is called after a write that
queued entries, when a delivery ends, or when the earliest retry falls due.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy.orm import Session

from desktop.core.delivery import one_cpu, outbox
from desktop.core.delivery.outbox import (
    Delivered,
    DeliveryFailed,
    Item,
    Outcome,
    Sender,
    TemporaryFailure,
    Unsettled,
)
from desktop.core.errors import DatabaseBusy
from desktop.core.storage.database import Actor, Database

log = logging.getLogger(__name__)

IDLE_POLL_SECONDS = 30.0   # also picks up entries other desktops wrote to a shared database
CLAIM_BATCH = 20
# Entries a channel keeps in hand per delivery thread. A claim costs about as much as recording a few
# deliveries, whatever its size, so the worker claims only when half of what it holds is gone: with
# eight in hand per thread, claims come in sixteens for four threads (with two in hand, they came one
# or two at a time and cost more than the deliveries' records; with four, in eights, and cost 8-35 %
# more CPU a message than now in five A/B pairs of bench_mail). Entries in hand but not started when
# the program dies wait for their lease, like those under way; none is sent twice for it.
HELD_PER_THREAD = 8
BOOKKEEPING_PAUSE_SECONDS = 1.0   # between rounds of waiting for the write lock to record a result
BUSY_WAIT_SECONDS = 1.0   # a round with deliveries in flight wakes at the latest after this
STOP_POLL_SECONDS = 0.05
# An outcome waits this long at most for the deliveries running beside it, so that their records share
# one transaction (one commit, one write lock) instead of one each: the threads finish within moments
# of each other, and a round per outcome cost more CPU than the deliveries themselves.
GATHER_SECONDS = 0.005
# A delivery ready to complete, waiting for its previous outcome's record, lets that record wait for the
# outcomes moments away: those of deliveries whose end of data is out, while the server answers one
# within this on average (a relay that answers at once). One that takes longer would keep the ready
# delivery waiting longer than the commit it saves costs.
MOMENT_SECONDS = 0.002
ANSWER_WEIGHT = 0.1      # of the latest answer in that average


def worker_name() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass
class Progress:
    """What the worker did since it started (for the status bar and the command line)."""

    outcome: Outcome = field(default_factory=Outcome)
    by_channel: dict[str, Outcome] = field(default_factory=dict)

    def add(self, channel: str, state: str, error: str = "") -> None:
        for target in (self.outcome, self.by_channel.setdefault(channel, Outcome())):
            if state == "sent":
                target.sent += 1
            elif state == "pending":
                target.retrying += 1
            else:
                target.failed += 1
            if error:
                target.errors.append(error)


@dataclass(eq=False)
class _Finished:
    """A delivery's outcome on its way to the database; its thread's next delivery waits on `recorded`."""

    item: Item
    delivered: Delivered | None = None
    failure: DeliveryFailed | None = None
    state: str = ""
    error: BaseException | None = None      # recording failed for good (the thread's next delivery stops)
    recorded: threading.Event = field(default_factory=threading.Event)


class OutboxWorker:
    def __init__(self, db: Database, senders: list[Sender], *, name: str | None = None,
                 on_delivered: Callable[[Item, str], None] | None = None) -> None:
        self.db = db
        self.senders = {s.channel: s for s in senders}
        self.name = name or worker_name()
        self.on_delivered = on_delivered
        self.progress = Progress()
        self._cpu = one_cpu.chosen()      # the writing thread and the delivery threads share one CPU (one_cpu)
        self._pools = {c: ThreadPoolExecutor(max_workers=max(1, s.concurrency), thread_name_prefix=f"outbox-{c}",
                                             initializer=one_cpu.keep, initargs=(self._cpu,))
                       for c, s in self.senders.items()}
        self._held: dict[str, set[int]] = {c: set() for c in self.senders}   # claimed, not yet recorded
        self._finished: list[_Finished] = []                        # outcomes waiting for the next round
        self._running = 0                                           # deliveries under way in the pools
        self._urgent = 0          # deliveries ready to complete, waiting for their previous outcome's record
        self._completing = 0      # deliveries past that wait, their outcome moments away (the end of data's reply)
        self._answer_seconds = 0.0   # how long the server takes to answer an end of data (moving average)
        self._local = threading.local()                             # per delivery thread: `previous`
        self._closed = False                                        # stopped: nothing more is recorded
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._actor = Actor(user_id=None, username="outbox", display_name="通知投递", system=True)

    # --- one entry (a channel's pool thread) ------------------------------------------------------

    def _deliver(self, item: Item) -> None:
        """Deliver one entry and queue its outcome for the writing thread, without waiting for it
        to be recorded: the thread's next delivery waits for that (`_settled`)."""
        sender = self.senders[item.channel]
        previous: _Finished | None = getattr(self._local, "previous", None)
        settles = getattr(sender, "settles", False)
        if not settles:     # waiting here, the thread is not a running delivery for `_gather`
            self._settled(previous, urgent=False)
        finished = _Finished(item)
        completing_since: float | None = None

        def settled() -> None:
            nonlocal completing_since
            self._settled(previous, urgent=True)
            with self._lock:
                self._completing += 1
            completing_since = time.monotonic()

        with self._lock:
            self._running += 1
        try:
            delivered = sender.deliver(item, settled=settled) if settles else sender.deliver(item)
            finished.delivered = delivered if isinstance(delivered, Delivered) else Delivered()
        except Unsettled:
            with self._lock:
                self._ended(completing_since)
            raise                    # nothing of it went out; the entry is tried again after its lease
        except DeliveryFailed as failure:
            finished.failure = failure
        except Exception as exc:  # noqa: BLE001 - a sender bug or an unexpected library error: retry, keep the reason
            log.warning("outbox entry %s (%s) failed unexpectedly: %s", item.id, item.channel, type(exc).__name__)
            finished.failure = TemporaryFailure(f"{type(exc).__name__}: {exc}")
        with self._lock:
            self._ended(completing_since)
            if self._closed:
                finished.error = RuntimeError("outbox worker stopped")
                finished.recorded.set()
                self._held[item.channel].discard(item.id)
            else:
                self._finished.append(finished)
        self._local.previous = finished
        self._wake.set()

    def _ended(self, completing_since: float | None) -> None:
        """A delivery is no longer running (under the lock); one that was completing tells how long the
        server took to answer its end of data."""
        self._running -= 1
        if completing_since is not None:
            self._completing -= 1
            self._answer_seconds += (time.monotonic() - completing_since - self._answer_seconds) * ANSWER_WEIGHT

    def _settled(self, previous: _Finished | None, *, urgent: bool) -> None:
        """Return once the thread's previous delivery is recorded, so that a crash costs at most that
        one entry (sent again after its lease); raise Unsettled if it never will be. A failed delivery
        sent nothing and is not waited for. `urgent`: the next delivery is ready to complete (only its
        end of data is left), so the writing thread records as soon as the outcomes moments away are in
        (`_gather`)."""
        if previous is None or previous.delivered is None:
            return
        if not previous.recorded.is_set():
            if urgent:
                with self._lock:
                    self._urgent += 1
                self._wake.set()
            try:
                previous.recorded.wait()
            finally:
                if urgent:
                    with self._lock:
                        self._urgent -= 1
        if previous.error is not None:
            # Said once: this worker has given that record up (the entry waits for its lease), so a
            # later run of the worker does not abandon every delivery of this thread for it.
            self._local.previous = None
            raise Unsettled(str(previous.error))

    def _done(self, item: Item, future: Future) -> None:
        """The delivery thread let the entry go: its outcome is queued (let go when recorded), or the
        delivery was cancelled by `stop` or abandoned (left to its lease)."""
        if future.cancelled() or future.exception() is not None:
            with self._lock:
                self._held[item.channel].discard(item.id)
        self._wake.set()

    # --- the writing thread: outcomes and claims ---------------------------------------------------

    def _record(self, session: Session, finished: _Finished) -> str:
        if finished.delivered is not None:
            outbox.mark_sent(session, finished.item, finished.delivered)
            return "sent"
        return outbox.mark_failed(session, finished.item, finished.failure)

    def _round(self, *, claim: bool = True) -> tuple[int, int]:
        """One transaction: record the outcomes that came in, and claim for each channel whose
        queue is at least half empty (up to HELD_PER_THREAD per delivery thread in hand). Returns
        (recorded, claimed). An outcome whose recording fails stays queued for the next round: the message is
        out, and dropping its record would send it again once the claim expires."""
        with self._lock:
            finished, self._finished = self._finished, []
            rooms = {}
            if claim and not self._stopping.is_set():
                for channel, sender in self.senders.items():
                    held = len(self._held[channel]) - sum(1 for done in finished if done.item.channel == channel)
                    hand = max(1, sender.concurrency) * HELD_PER_THREAD
                    room = hand - held
                    if room >= hand // 2:
                        rooms[channel] = min(room, CLAIM_BATCH)
        if not finished and not rooms:
            return 0, 0
        claimed: dict[str, list[Item]] = {}
        try:
            with self.db.session(self._actor, write=True) as session:
                for done in finished:
                    done.state = self._record(session, done)
                for channel, room in rooms.items():
                    refresh = getattr(self.senders[channel], "refresh", None)
                    if refresh is not None:
                        refresh(session)     # the sender's settings and templates, if they changed
                    claimed[channel] = outbox.claim(session, self.name, channel, room)
                    prepare = getattr(self.senders[channel], "prepare", None)
                    if prepare is not None and claimed[channel]:
                        claimed[channel] = prepare(session, claimed[channel])
        except BaseException:
            with self._lock:
                self._finished[:0] = finished
            raise
        with self._lock:
            for done in finished:
                self._held[done.item.channel].discard(done.item.id)
        for done in finished:
            self.progress.add(done.item.channel, done.state,
                              outbox.scrub(done.failure.reason) if done.failure is not None else "")
            done.recorded.set()
        for done in finished:
            self._notify(done.item, done.state)
        count = 0
        for channel, items in claimed.items():
            for item in items:
                with self._lock:
                    self._held[channel].add(item.id)
                future = self._pools[channel].submit(self._deliver, item)
                future.add_done_callback(lambda f, held=item: self._done(held, f))
                count += 1
        return len(finished), count

    def _in_flight(self) -> int:
        with self._lock:
            return sum(map(len, self._held.values())) + len(self._finished)

    def _release(self, error: BaseException, *, close: bool = False) -> None:
        """Recording cannot go on (the worker stops, or the database failed): the delivery threads
        waiting on their outcome end with `error`; their entries are tried again after the lease.
        `close`: also any delivery that ends later (the worker has stopped)."""
        with self._lock:
            finished, self._finished = self._finished, []
            self._closed = self._closed or close
            for done in finished:
                self._held[done.item.channel].discard(done.item.id)
        for done in finished:
            done.error = error
            done.recorded.set()

    def _notify(self, item: Item, state: str) -> None:
        if self.on_delivered is not None:
            try:
                self.on_delivered(item, state)
            except Exception:  # a listener must not stop deliveries
                log.exception("outbox listener failed")

    def _gather(self) -> None:
        """Before a round that records an outcome: wait (GATHER_SECONDS at most) for the deliveries
        still running, so that their outcomes are recorded with it. While a delivery ready to complete
        waits for an outcome's record, wait only for those completing, if the server answers at once."""
        deadline = time.monotonic() + GATHER_SECONDS
        while True:
            with self._lock:
                if not self._finished or not self._running:
                    return
                if self._urgent and (not self._completing or self._answer_seconds > MOMENT_SECONDS):
                    return
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            self._wake.clear()
            self._wake.wait(remaining)

    def _round_or_wait(self) -> tuple[int, int]:
        """A round; while another program holds the write lock, outcomes wait and are recorded in a
        later round (never given up). A claim alone, with nothing in flight, reports the lock."""
        self._gather()
        try:
            return self._round()
        except DatabaseBusy:
            if not self._in_flight():
                raise
            log.warning("outbox bookkeeping waits for the database write lock")
            self._stopping.wait(BOOKKEEPING_PAUSE_SECONDS)
            return 0, 0

    def run_once(self) -> Progress:
        """Deliver everything that is due now and return. An entry that fails goes back to waiting
        with its back-off and is left for the next run, so a scheduled task ends promptly. The calling
        thread writes, on the delivery threads' CPU while it does (one_cpu)."""
        cpus = one_cpu.keep(self._cpu)
        try:
            while True:
                self._wake.clear()
                recorded, claimed = self._round_or_wait()
                if not recorded and not claimed:
                    if not self._in_flight():
                        break
                    self._wake.wait(BUSY_WAIT_SECONDS)
        except BaseException as exc:
            self._release(exc)
            raise
        finally:
            one_cpu.restore(cpus)
        return self.progress

    # --- background ----------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="outbox-worker", daemon=True)
            self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop claiming; deliveries under way finish (each within its sender's own timeout) and
        are recorded; entries claimed but not started are left to their lease."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        for pool in self._pools.values():
            pool.shutdown(wait=False, cancel_futures=True)
        while self._in_flight():
            self._wake.clear()
            try:
                if self._round(claim=False) == (0, 0):
                    self._wake.wait(STOP_POLL_SECONDS)
            except DatabaseBusy:     # another program writes: the messages are out, keep their record
                time.sleep(STOP_POLL_SECONDS)
            except Exception:  # the database is gone: the entries are tried again after their lease
                log.exception("outbox worker could not record the last deliveries")
                break
        self._release(RuntimeError("outbox worker stopped"), close=True)
        for pool in self._pools.values():
            pool.shutdown(wait=True)

    def _sleep_seconds(self) -> float:
        if self._in_flight():
            return BUSY_WAIT_SECONDS         # woken when a delivery ends
        with self.db.session(self._actor) as session:
            due = outbox.next_due_at(session, set(self.senders))
            now = session.info["clock"].now()
        if due is None:
            return IDLE_POLL_SECONDS
        return min(IDLE_POLL_SECONDS, max((due - now) / timedelta(seconds=1), 0.05))

    def _loop(self) -> None:
        one_cpu.keep(self._cpu)
        while not self._stopping.is_set():
            self._wake.clear()
            try:
                self._gather()
                if self._round() != (0, 0):
                    continue
                pause = self._sleep_seconds()
            except DatabaseBusy:
                log.warning("outbox worker waits for the database write lock")
                pause = BOOKKEEPING_PAUSE_SECONDS
            except Exception:  # the database is unreachable for a moment: try again shortly
                log.exception("outbox worker round failed")
                pause = 5.0
            self._wake.wait(pause)
