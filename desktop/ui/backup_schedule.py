"""The daily backup while the app runs (desktop/core/backups.py).

Every few minutes, and once soon after the start (so that a day the computer was off is caught up),
the desktop asks whether the backup is due. The claim and the record are short writes on the
writer thread; the copy itself is written and verified on a reader thread, so neither the pages'
reads nor their writes wait for it. Several desktops on one database ask alike; one wins the claim.
On a server the desktop takes part only where pg_dump is installed (else the scheduled
`interviewdesk db backup --if-due` on the server does it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core import backups
from desktop.core.errors import DeskError
from desktop.core.storage import server_backup

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

CHECK_EVERY_MS = 5 * 60_000
FIRST_CHECK_MS = 60_000      # after the start has settled


class BackupScheduler(QObject):
    sig_finished = Signal(object)     # backups.BackupRunInfo of a run this desktop made

    def __init__(self, ctx: "AppContext", *, interval_ms: int = CHECK_EVERY_MS, first_ms: int = FIRST_CHECK_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.running = False
        self.usable: bool | None = None if not ctx.db.is_embedded else True
        self.last_error: BaseException | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check_now)
        self.first = QTimer(self)
        self.first.setSingleShot(True)
        self.first.setInterval(first_ms)
        self.first.timeout.connect(self.check_now)

    def start(self) -> None:
        self.timer.start()
        self.first.start()

    def stop(self) -> None:
        self.timer.stop()
        self.first.stop()

    def check_now(self) -> None:
        if self.running or self.usable is False:
            return
        self.running = True
        if self.usable is None:      # a server: is pg_dump here? asked once, off the UI thread
            self.ctx.run(lambda: server_backup.check_tools(self.ctx.db), self._tools_found, self._no_tools, owner=self)
            return
        self._claim()

    def _tools_found(self, _path: str) -> None:
        self.usable = True
        self._claim()

    def _no_tools(self, error: BaseException) -> None:
        self.running = False
        self.usable = False if isinstance(error, DeskError) else None
        self.last_error = error

    def _write(self, fn, on_done) -> None:
        """A unit of work of the scheduler's own (the audit log names the scheduled backup, not the
        user signed in) on the writer thread."""
        db = self.ctx.db

        def work():
            with db.session(backups.SCHEDULER, write=True) as session:
                return fn(session)

        self.ctx.tasks.run_in_background(work, on_done, self._failed, write=True, owner=self)

    def _claim(self) -> None:
        default = backups.default_folder(self.ctx.db)
        self._write(lambda session: backups.claim_due(session, default), self._claimed)

    def _claimed(self, claim: backups.Claim | None) -> None:
        if claim is None:
            self.running = False
            return
        db, zone = self.ctx.db, self.ctx.tz
        self.ctx.run(lambda: backups.perform(db, claim, zone), lambda outcome: self._performed(claim, outcome),
                     self._failed, owner=self)

    def _performed(self, claim: backups.Claim, outcome: backups.Outcome) -> None:
        self._write(lambda session: backups.finish(session, claim, outcome), self._finished)

    def _finished(self, info: backups.BackupRunInfo) -> None:
        self.running = False
        self.last_error = None
        self.ctx.sig_changed.emit("backup", (info.id,))
        self.sig_finished.emit(info)

    def _failed(self, error: BaseException) -> None:
        # a database briefly out of reach must not open a dialog every few minutes; the run's row stays
        # "running" and is taken over after backups.STALE_RUN, and the Today page warns after two days
        self.running = False
        self.last_error = error
