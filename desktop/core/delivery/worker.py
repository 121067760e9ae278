"""The outbox worker: drains due entries through the configured senders, off the UI thread.

One worker per running program (the desktop app, or `interviewdesk outbox run` on a server). Each
channel has its own thread pool sized by its sender's `concurrency`, so a slow SMS gateway never
holds up mail or calendar updates. Claims and outcomes are short transactions of their own; the
delivery itself happens outside any transaction.

`run_once()` delivers everything due now and returns (the command line). `start()` runs the same
loop in a background thread until `stop()`, waking when `wake()` is called after a write that
queued entries, or when the earliest retry falls due.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TypeVar

from sqlalchemy.orm import Session

from desktop.core.delivery import outbox
from desktop.core.delivery.outbox import (
    Delivered,
    DeliveryFailed,
    Item,
    Outcome,
    Sender,
    TemporaryFailure,
)
from desktop.core.errors import DatabaseBusy
from desktop.core.storage.database import Actor, Database

log = logging.getLogger(__name__)

IDLE_POLL_SECONDS = 30.0   # also picks up entries other desktops wrote to a shared database
CLAIM_BATCH = 20
BOOKKEEPING_PAUSE_SECONDS = 1.0   # between rounds of waiting for the write lock to record a result
T = TypeVar("T")


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


class OutboxWorker:
    def __init__(self, db: Database, senders: list[Sender], *, name: str | None = None,
                 on_delivered: Callable[[Item, str], None] | None = None) -> None:
        self.db = db
        self.senders = {s.channel: s for s in senders}
        self.name = name or worker_name()
        self.on_delivered = on_delivered
        self.progress = Progress()
        self._pools = {c: ThreadPoolExecutor(max_workers=max(1, s.concurrency), thread_name_prefix=f"outbox-{c}")
                       for c, s in self.senders.items()}
        self._busy: dict[str, int] = {c: 0 for c in self.senders}
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._actor = Actor(user_id=None, username="outbox", display_name="通知投递", system=True)

    # --- one entry ---------------------------------------------------------------------------

    def _deliver(self, item: Item) -> str:
        sender = self.senders[item.channel]
        try:
            delivered = sender.deliver(item)
        except DeliveryFailed as failure:
            return self._record_failure(item, failure)
        except Exception as exc:  # noqa: BLE001 - a sender bug or an unexpected library error: retry, keep the reason
            log.warning("outbox entry %s (%s) failed unexpectedly: %s", item.id, item.channel, type(exc).__name__)
            return self._record_failure(item, TemporaryFailure(f"{type(exc).__name__}: {exc}"))
        self._book(lambda session: outbox.mark_sent(
            session, item, delivered if isinstance(delivered, Delivered) else Delivered()))
        self.progress.add(item.channel, "sent")
        self._notify(item, "sent")
        return "sent"

    def _record_failure(self, item: Item, failure: DeliveryFailed) -> str:
        state = self._book(lambda session: outbox.mark_failed(session, item, failure))
        self.progress.add(item.channel, state, outbox.scrub(failure.reason))
        self._notify(item, state)
        return state

    def _book(self, record: Callable[[Session], T]) -> T:
        """Record what happened to a delivery. The message is already out, so this bookkeeping is
        never given up while another program holds the write lock: dropping it would send the
        entry again once its claim expires."""
        while True:
            try:
                with self.db.session(self._actor, write=True) as session:
                    return record(session)
            except DatabaseBusy:
                log.warning("outbox bookkeeping waits for the database write lock")
                self._stopping.wait(BOOKKEEPING_PAUSE_SECONDS)

    def _notify(self, item: Item, state: str) -> None:
        if self.on_delivered is not None:
            try:
                self.on_delivered(item, state)
            except Exception:  # a listener must not stop deliveries
                log.exception("outbox listener failed")

    def _done(self, channel: str, _future: Future) -> None:
        with self._lock:
            self._busy[channel] -= 1
        self._wake.set()

    # --- claiming ----------------------------------------------------------------------------

    def _claim_round(self) -> list[Future]:
        """Claim what each channel has room for and hand it to that channel's pool."""
        futures: list[Future] = []
        for channel, sender in self.senders.items():
            with self._lock:
                room = max(1, sender.concurrency) * 2 - self._busy[channel]
            if room <= 0:
                continue
            with self.db.session(self._actor, write=True) as session:
                items = outbox.claim(session, self.name, channel, min(room, CLAIM_BATCH))
            for item in items:
                with self._lock:
                    self._busy[channel] += 1
                future = self._pools[channel].submit(self._deliver, item)
                future.add_done_callback(lambda f, c=channel: self._done(c, f))
                futures.append(future)
        return futures

    def run_once(self) -> Progress:
        """Deliver everything that is due now and return. An entry that fails goes back to waiting
        with its back-off and is left for the next run, so a scheduled task ends promptly."""
        while True:
            futures = self._claim_round()
            if not futures:
                break
            for future in futures:
                future.result()
        return self.progress

    # --- background ----------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="outbox-worker", daemon=True)
            self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        for pool in self._pools.values():
            pool.shutdown(wait=True, cancel_futures=True)

    def _sleep_seconds(self) -> float:
        with self.db.session(self._actor) as session:
            due = outbox.next_due_at(session, set(self.senders))
            now = session.info["clock"].now()
        if due is None:
            return IDLE_POLL_SECONDS
        return min(IDLE_POLL_SECONDS, max((due - now) / timedelta(seconds=1), 0.05))

    def _loop(self) -> None:
        while not self._stopping.is_set():
            self._wake.clear()
            try:
                self._claim_round()
                pause = self._sleep_seconds()
            except Exception:  # the database is unreachable for a moment: try again shortly
                log.exception("outbox worker round failed")
                pause = 5.0
            self._wake.wait(pause)
