"""Delivery while the app runs: the outbox worker with the institution's configured channels, the
periodic read of candidates' mail and text-message replies, and the read-back of interviewers' calendars.

All of it runs on threads of its own, never on the UI thread and never in the task runner's pools
(a slow SMTP or Exchange server must not hold up the pages' database reads). A write made in the
app wakes the worker at once, so a candidate hears of a change within seconds; the pages learn of
deliveries through `sig_changed("outbox")`, at most twice a second.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from desktop.core import settings
from desktop.core.delivery.worker import OutboxWorker
from desktop.integrations import senders

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

log = logging.getLogger(__name__)
MINUTE_MS = 60_000


class DeliveryService(QObject):
    sig_delivered = Signal()          # emitted from worker threads; handled on the UI thread
    sig_channels = Signal(tuple)      # the channels the running worker delivers through
    _sig_built = Signal(object)       # from the setup thread: (worker, channels, institution settings)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.worker: OutboxWorker | None = None
        self.channels: tuple[str, ...] = ()
        self._background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="delivery-setup")
        self._network = ThreadPoolExecutor(max_workers=1, thread_name_prefix="replies-and-calendars")
        self._announce = QTimer(self)
        self._announce.setSingleShot(True)
        self._announce.setInterval(500)
        self._announce.timeout.connect(lambda: self.ctx.sig_changed.emit("outbox", ()))
        self.sig_delivered.connect(self._announce.start, Qt.ConnectionType.QueuedConnection)
        self._sig_built.connect(self._built, Qt.ConnectionType.QueuedConnection)
        self.replies_timer = QTimer(self)
        self.replies_timer.timeout.connect(self.poll_replies)
        self.sms_timer = QTimer(self)
        self.sms_timer.timeout.connect(self.poll_sms)
        self.calendar_timer = QTimer(self)
        self.calendar_timer.timeout.connect(self.sync_calendars)
        self._started = False
        ctx.sig_changed.connect(self._changed)

    # --- the worker ------------------------------------------------------------------------------

    def start(self) -> None:
        self._started = True
        self._rebuild()

    def _rebuild(self) -> None:
        """Read which channels are configured and (re)start the worker with their senders, off the
        UI thread: stopping the old worker waits for its deliveries in flight."""
        db, old = self.ctx.db, self.worker
        self.worker = None

        def build() -> tuple[OutboxWorker, tuple[str, ...], dict[str, Any]]:
            if old is not None:
                old.stop()
            with db.session() as session:
                channels = senders.configured_channels(session)
                values = settings.institution_values(session)
            worker = OutboxWorker(db, [senders.sender_for(db, c) for c in channels],
                                  on_delivered=lambda _item, _state: self.sig_delivered.emit())
            worker.start()
            return worker, channels, values

        def run() -> None:
            try:
                self._sig_built.emit(build())
            except Exception:
                log.exception("could not start the outbox worker")

        self._background.submit(run)

    def _built(self, built: tuple[OutboxWorker, tuple[str, ...], dict[str, Any]]) -> None:
        worker, channels, values = built
        if not self._started:
            worker.stop()
            return
        self.worker, self.channels = worker, channels
        self.sig_channels.emit(channels)
        if values.get("mail.replies_enabled") and values.get("mail.imap_host"):
            self.replies_timer.start(int(values.get("mail.replies_interval_minutes") or 5) * MINUTE_MS)
        else:
            self.replies_timer.stop()
        if values.get("sms_inbox.enabled") and values.get("sms_inbox.url"):
            self.sms_timer.start(int(values.get("sms_inbox.interval_minutes") or 2) * MINUTE_MS)
        else:
            self.sms_timer.stop()
        if "calendar" in channels:
            self.calendar_timer.start(int(values.get("exchange.sync_interval_minutes") or 5) * MINUTE_MS)
        else:
            self.calendar_timer.stop()

    def wake(self) -> None:
        if self.worker is not None:
            self.worker.wake()

    def _changed(self, entity: str, _ids: object) -> None:
        if not self._started or entity in ("clock", "outbox", "notice"):
            return
        if entity == "settings":
            self._rebuild()
        else:
            self.wake()

    def stop(self) -> None:
        self._started = False
        self.replies_timer.stop()
        self.sms_timer.stop()
        self.calendar_timer.stop()
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.stop()
        self._background.shutdown(wait=True)
        self._network.shutdown(wait=False, cancel_futures=True)

    # --- periodic reads --------------------------------------------------------------------------

    def _in_background(self, job: Callable[[], Any], what: str) -> None:
        def run() -> None:
            try:
                job()
            except Exception:
                log.warning("%s failed; trying again later", what, exc_info=True)
            else:
                self.sig_delivered.emit()
        self._network.submit(run)

    def poll_replies(self) -> None:
        from desktop.integrations.mail.replies import poll_replies
        db = self.ctx.db
        self._in_background(lambda: poll_replies(db), "reading mail replies")

    def poll_sms(self) -> None:
        from desktop.integrations.http_channels.sms_inbox import poll_inbox
        db = self.ctx.db
        self._in_background(lambda: poll_inbox(db), "reading text-message replies")

    def sync_calendars(self) -> None:
        from desktop.integrations.exchange.sync import sync_responses
        db = self.ctx.db
        self._in_background(lambda: sync_responses(db), "reading interviewers' calendars")
