"""The reminder engine's heartbeat and the notifications it causes.

Every desktop runs `reminders.evaluate` once a minute in a background write; the database raises
each alert exactly once however many desktops run it. Alerts that are new for the signed-in user
(raised by this run, or by another desktop since the last run) are shown once each: as a system
tray message where the desktop has a tray, otherwise as a banner in the window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QPushButton, QStyle, QSystemTrayIcon, QWidget

from desktop.core.scheduling import desk_views
from desktop.core.scheduling.desk_views import DeskAlert
from desktop.ui.style import APP_TITLE
from desktop.ui.today.models import alert_text

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

MINUTE_MS = 60_000
# Every this many ticks, in a transaction of its own after the tick, the dossiers that their
# application's closing could not write (the archive store was away) are produced, a few at a time:
# rendering is not the minute job's work (it would hold up everyone's reminders).
DOSSIER_EVERY = 5


def produce_due_dossiers(session) -> int:
    """On the writer thread: the due dossiers (PDF rendering is loaded there, not at the start)."""
    from desktop.core.archive import dossier

    return dossier.produce_due(session)


class ReminderService(QObject):
    sig_new_alerts = Signal(list)    # DeskAlert list: alerts this user has not been shown yet
    sig_new_notices = Signal(list)   # NoticeInfo list: unread notices not announced yet
    sig_unread = Signal(int)         # how many notices the user has not opened
    sig_ticked = Signal()

    def __init__(self, ctx: "AppContext", *, interval_ms: int = MINUTE_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.run_now)
        self.running = False
        self.shown: set[int] = set()      # alert ids already notified or already open at sign-in
        self.announced: set[int] = set()  # notice ids already announced or already unread at sign-in
        self.primed = False
        self.last_error: BaseException | None = None
        self.ticks = 0

    def start(self) -> None:
        self.timer.start()
        self.run_now()

    def stop(self) -> None:
        self.timer.stop()

    def run_now(self) -> None:
        if self.running:
            return
        self.running = True
        actor = self.ctx.actor
        self.ctx.write(lambda session: desk_views.tick(session, actor), self._ticked, self._failed,
                       entity="reminders", owner=self)

    def _failed(self, error: BaseException) -> None:
        # a database that is briefly unreachable must not open a dialog every minute
        self.running = False
        self.last_error = error

    def _ticked(self, tick: desk_views.Tick) -> None:
        self.running = False
        self.last_error = None
        raised = set(tick.raised)
        new = [a for a in tick.alerts if a.id not in self.shown and (self.primed or a.id in raised)]
        self.shown |= {a.id for a in tick.alerts}
        fresh = [n for n in tick.notices if n.id not in self.announced] if self.primed else []
        self.announced |= {n.id for n in tick.notices}
        self.primed = True
        self.sig_unread.emit(len(tick.notices))
        if fresh:
            self.sig_new_notices.emit(fresh)
        if raised:
            self.ctx.sig_changed.emit("alert", tuple(sorted(raised)))
        if new:
            self.sig_new_alerts.emit(new)
        self.ctx.sig_changed.emit("clock", ())   # live states move with time (late, in progress)
        self.ticks += 1
        if self.ticks % DOSSIER_EVERY == 0:
            self.ctx.write(produce_due_dossiers, None, self._dossiers_failed, entity="archive", owner=self)
        self.sig_ticked.emit()

    def _dossiers_failed(self, error: BaseException) -> None:
        self.last_error = error          # the store is away: the next round tries again, without a dialog


class AlertBanner(QFrame):
    """Shown above the pages when the desktop has no system tray. A notice about an interview on
    the user's panel offers to open it on 我的面试."""

    sig_open_today = Signal()
    sig_open_interview = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertBanner")
        self.setStyleSheet("QFrame#alertBanner { background: #fff4e5; border: 1px solid #f0b35b; border-radius: 3px; }")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.open_button = QPushButton(self.tr("Open Today"))
        self.interview_button = QPushButton(self.tr("Open the interview"))
        self.interview_button.hide()
        self.interview_id: int | None = None
        self.close_button = QPushButton(self.tr("Close"))
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.text, 1)
        row.addWidget(self.interview_button)
        row.addWidget(self.open_button)
        row.addWidget(self.close_button)
        self.open_button.clicked.connect(self._open)
        self.interview_button.clicked.connect(self._open_interview)
        self.close_button.clicked.connect(self.hide)
        self.hide()

    def show_lines(self, lines: list[str], interview_id: int | None = None) -> None:
        self.text.setText("\n".join(lines[-5:]))
        self.interview_id = interview_id
        self.interview_button.setVisible(interview_id is not None)
        self.show()

    def _open(self) -> None:
        self.hide()
        self.sig_open_today.emit()

    def _open_interview(self) -> None:
        self.hide()
        if self.interview_id is not None:
            self.sig_open_interview.emit(self.interview_id)


class AlertNotifier(QObject):
    """Tray message when there is a tray, the banner otherwise; each alert once. Clicking the message
    of a single notice about an interview on the user's panel opens it on 我的面试."""

    sig_open_interview = Signal(int)

    def __init__(self, ctx: "AppContext", banner: AlertBanner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.banner = banner
        self.lines: list[str] = []
        self.tray: QSystemTrayIcon | None = None
        self.clicked_interview: int | None = None     # what clicking the last tray message opens
        banner.sig_open_interview.connect(self.sig_open_interview)
        if QSystemTrayIcon.isSystemTrayAvailable():
            icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip(APP_TITLE)
            self.tray.messageClicked.connect(self._message_clicked)
            self.tray.show()

    def _message_clicked(self) -> None:
        if self.clicked_interview is not None:
            self.sig_open_interview.emit(self.clicked_interview)
        else:
            self.banner.sig_open_today.emit()

    def notify(self, alerts: list[DeskAlert]) -> None:
        self.clicked_interview = None
        texts = [alert_text(a, self.ctx.tz) for a in alerts]
        self.lines = (self.lines + texts)[-20:]
        if self.tray is not None and self.tray.supportsMessages():
            title = texts[0] if len(texts) == 1 else self.tr("{0} new alerts").format(len(texts))
            self.tray.showMessage(APP_TITLE, title if len(texts) == 1 else title + "\n" + "\n".join(texts[:4]),
                                  QSystemTrayIcon.MessageIcon.Warning, 10_000)
        else:
            self.banner.show_lines(texts)

    def notify_notices(self, notices: list) -> None:
        """New in-app notices (a new interview, a change, an approval waiting): their titles only,
        which carry no candidate's personal data."""
        texts = [n.title for n in notices]
        self.lines = (self.lines + texts)[-20:]
        mine = [n.interview_id for n in notices if n.interview_id is not None and n.on_panel]
        self.clicked_interview = mine[0] if len(notices) == 1 and mine else None
        if self.tray is not None and self.tray.supportsMessages():
            title = texts[0] if len(texts) == 1 else self.tr("My notices: {0} new").format(len(texts))
            self.tray.showMessage(APP_TITLE, title if len(texts) == 1 else title + "\n" + "\n".join(texts[:4]),
                                  QSystemTrayIcon.MessageIcon.Information, 10_000)
        else:
            self.banner.show_lines(texts, self.clicked_interview)
