"""The main window: navigation on the left (pages the user's roles allow), the page on the right,
and a status bar with who is signed in (and 注销/切换用户) and which database is open. Locks after
idle time. One window serves one signed-in user: signing out builds the next user's window
(desktop/ui/signin.Desk)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QMessageBox, QProgressBar,
    QPushButton, QStackedWidget, QVBoxLayout, QWidget,
)

from desktop.core.model import Role
from desktop.core.permissions import Action, roles_of
from desktop.core.scheduling import desk_views, inbox, my_interviews
from desktop.core import labels
from desktop.ui.errors import show_error
from desktop.ui.idle import IdleWatcher
from desktop.ui.login import LoginDialog, SignedIn
from desktop.ui.notices import NoticeButton, NoticeDialog
from desktop.ui.style import APP_TITLE
from desktop.ui.today.reminders import MINUTE_MS, AlertBanner, AlertNotifier, ReminderService
from desktop.ui.widgets import hint_label, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


@dataclass(frozen=True)
class PageSpec:
    key: str
    source_title: str                        # marked for translation; shown translated
    needs: tuple[tuple[Action, ...], ...]    # every group must have one action the user holds
    build: Callable[["AppContext", QWidget], QWidget]     # (ctx, parent): the page, built inside its parent

    def title(self) -> str:
        return QCoreApplication.translate("MainWindow", self.source_title)


def _today(ctx, parent):
    from desktop.ui.today.page import TodayPage
    return TodayPage(ctx, parent)


def _desk(ctx, parent):
    from desktop.ui.desk.page import MyInterviewsPage
    return MyInterviewsPage(ctx, parent)


def _schedule(ctx, parent):
    from desktop.ui.schedule.page import SchedulePage
    return SchedulePage(ctx, parent)


def _board(ctx, parent):
    from desktop.ui.board.page import RoomBoardPage
    return RoomBoardPage(ctx, parent)


def _candidates(ctx, parent):
    from desktop.ui.candidates.page import CandidatesPage
    return CandidatesPage(ctx, parent)


def _positions(ctx, parent):
    from desktop.ui.positions.page import PositionsPage
    return PositionsPage(ctx, parent)


def _approvals(ctx, parent):
    from desktop.ui.approvals.page import ApprovalsPage
    return ApprovalsPage(ctx, parent)


def _questions(ctx, parent):
    from desktop.ui.questions.page import QuestionsPage
    return QuestionsPage(ctx, parent)


def _outbox(ctx, parent):
    from desktop.ui.outbox.page import OutboxPage
    return OutboxPage(ctx, parent)


def _reports(ctx, parent):
    from desktop.ui.overview.pages import ReportsPage
    return ReportsPage(ctx, parent)


def _archive(ctx, parent):
    from desktop.ui.archive.page import ArchiveHub
    return ArchiveHub(ctx, parent)


def _settings(ctx, parent):
    from desktop.ui.settings.page import SettingsPage
    return SettingsPage(ctx, parent)


A = Action
PAGES = (
    PageSpec("today", QT_TRANSLATE_NOOP("MainWindow", "Today"), ((A.INTERVIEW_VIEW,),), _today),
    # 我的面试: for those who can sit on a panel; a user on a panel without such a role gets it too
    PageSpec("desk", QT_TRANSLATE_NOOP("MainWindow", "My interviews"), ((A.SCORECARD_SUBMIT,),), _desk),
    PageSpec("schedule", QT_TRANSLATE_NOOP("MainWindow", "Schedule"), ((A.INTERVIEW_VIEW,),), _schedule),
    PageSpec("board", QT_TRANSLATE_NOOP("MainWindow", "Room board"), ((A.ROOM_BOARD,),), _board),
    PageSpec("candidates", QT_TRANSLATE_NOOP("MainWindow", "Candidates"), ((A.CANDIDATE_VIEW,),), _candidates),
    PageSpec("positions", QT_TRANSLATE_NOOP("MainWindow", "Positions"), ((A.POSITION_VIEW,),), _positions),
    PageSpec("approvals", QT_TRANSLATE_NOOP("MainWindow", "Approvals"), ((A.INTERVIEW_VIEW,), (A.APPROVAL_DECIDE, A.CHANGE_REQUEST)),
             _approvals),
    PageSpec("questions", QT_TRANSLATE_NOOP("MainWindow", "Questions"), ((A.INTERVIEW_VIEW,),), _questions),
    PageSpec("outbox", QT_TRANSLATE_NOOP("MainWindow", "Outbox"), ((A.OUTBOX_VIEW,),), _outbox),
    PageSpec("reports", QT_TRANSLATE_NOOP("MainWindow", "Reports"), ((A.REPORTS_VIEW,),), _reports),
    PageSpec("archive", QT_TRANSLATE_NOOP("MainWindow", "Archive"), ((A.ARCHIVE_VIEW,),), _archive),
    PageSpec("settings", QT_TRANSLATE_NOOP("MainWindow", "Settings"), (), _settings),
)


class MainWindow(QMainWindow):
    sig_sign_out = Signal()     # the user signs out (unsaved work was asked about); Desk shows the login

    def __init__(self, ctx: "AppContext", *, idle_check_ms: int = 15_000,
                 reminder_interval_ms: int = MINUTE_MS) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(APP_TITLE)
        self.resize(1280, 800)
        self.specs = [spec for spec in PAGES if all(any(ctx.may(a) for a in group) for group in spec.needs)]
        self.pages: dict[str, QWidget] = {}
        self.lock_dialog: LoginDialog | None = None
        self.failed_messages = 0
        self._hidden_dialogs: list[QDialog] = []
        self.closed = False

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(150)    # the page lists need the rest: keep page names short
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for spec in self.specs:
            item = QListWidgetItem(spec.title())
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.navigation.addItem(item)
        self.stack = QStackedWidget()
        content = QWidget()
        row = QHBoxLayout(content)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.navigation)
        page_area = QWidget()
        page_layout = QVBoxLayout(page_area)
        page_layout.setContentsMargins(14, 10, 14, 6)
        self.banner = AlertBanner()
        self.banner.sig_open_today.connect(self.open_today)
        page_layout.addWidget(self.banner)
        page_layout.addWidget(self.stack)
        row.addWidget(page_area, 1)

        self.cover = QWidget()
        self.cover.setObjectName("lockedCover")
        cover_layout = QVBoxLayout(self.cover)
        cover_layout.addStretch(1)
        cover_layout.addWidget(title_label(APP_TITLE), 0, Qt.AlignmentFlag.AlignCenter)
        self.cover_hint = hint_label(self.tr("Locked. Sign in again to continue."))
        cover_layout.addWidget(self.cover_hint, 0, Qt.AlignmentFlag.AlignCenter)
        cover_layout.addStretch(1)
        self.screens = QStackedWidget()
        self.screens.addWidget(content)
        self.screens.addWidget(self.cover)
        self.setCentralWidget(self.screens)

        self._status_bar()
        self.navigation.currentItemChanged.connect(self._navigated)
        QShortcut(QKeySequence("Ctrl+L"), self, activated=self.lock)
        QShortcut(QKeySequence("Ctrl+Shift+L"), self, activated=self.request_sign_out)
        self.sign_out_question: QMessageBox | None = None
        self.idle = IdleWatcher(ctx.clock, lambda: int(ctx.institution.get("security.idle_lock_minutes", 15)),
                                check_every_ms=idle_check_ms, parent=self)
        self.idle.sig_idle.connect(self.lock)
        self.idle.start()
        # the reminder engine runs on every desktop; the database raises each alert once
        self.reminders = ReminderService(ctx, interval_ms=reminder_interval_ms, parent=self)
        self.notifier = AlertNotifier(ctx, self.banner, self)
        self.notifier.sig_open_interview.connect(self.open_interview)
        self.reminders.sig_new_alerts.connect(self.notifier.notify)
        self.reminders.sig_new_notices.connect(self.notifier.notify_notices)
        self.reminders.sig_unread.connect(self.notice_button.show_unread)
        self.reminders.sig_ticked.connect(self.refresh_badges)
        ctx.sig_changed.connect(self._changed)
        if self.specs:
            self.navigation.setCurrentRow(self._first_row())
        if "desk" not in self.page_keys():
            self._offer_desk_to_panel_members()
        # the first tick waits for the first page's data: its write, and the reloads its "clock" brings,
        # would share the workers and the CPU with the page's queries
        ctx.tasks.when_idle(self._start_reminders, owner=self)

    def _start_reminders(self) -> None:
        if not self.locked and not self.closed:    # locked meanwhile: unlocking starts it; signed out: never
            self.reminders.start()

    def _first_row(self) -> int:
        """我的面试 first for someone who only interviews; the first page allowed otherwise."""
        if roles_of(self.ctx.actor) == {Role.INTERVIEWER} and "desk" in self.page_keys():
            return self.page_keys().index("desk")
        return 0

    def _offer_desk_to_panel_members(self) -> None:
        actor = self.ctx.actor
        self.ctx.read(lambda session: my_interviews.on_any_panel(session, actor),
                      lambda on_panel: on_panel and self.add_page("desk"), lambda _error: None, owner=self)

    def add_page(self, key: str) -> None:
        """Offer one more page (in its place in PAGES), e.g. 我的面试 once the user is on a panel."""
        if key in self.page_keys():
            return
        order = [spec.key for spec in PAGES]
        spec = next(s for s in PAGES if s.key == key)
        row = sum(1 for k in self.page_keys() if order.index(k) < order.index(key))
        self.specs.insert(row, spec)
        item = QListWidgetItem(spec.title())
        item.setData(Qt.ItemDataRole.UserRole, spec.key)
        self.navigation.insertItem(row, item)

    def _status_bar(self) -> None:
        actor = self.ctx.actor
        roles = labels.joined(dict.fromkeys(labels.role(role) for role, _dept in actor.grants)) or "—"
        self.user_label = QLabel(self.tr("{0} ({1}) · {2}").format(actor.display_name or actor.username,
                                                                  actor.username, roles))
        self.database_label = QLabel(self.tr("Database: {0}").format(self.ctx.database_label()))
        self.database_label.setObjectName("hint")
        self.busy_label = QLabel(self.tr("Working…"))
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setFixedWidth(120)
        self.busy.setFixedHeight(12)
        self.sign_out_button = QPushButton(self.tr("Sign out / switch user"))
        self.sign_out_button.setToolTip(self.tr("Sign out and let another user sign in (Ctrl+Shift+L); "
                                                "the database stays open"))
        self.sign_out_button.clicked.connect(self.request_sign_out)
        bar = self.statusBar()
        bar.addWidget(self.user_label)
        bar.addWidget(self.sign_out_button)
        bar.addWidget(self.database_label, 1)
        self.notice_button = NoticeButton()
        self.notice_button.clicked.connect(self.open_notices)
        bar.addPermanentWidget(self.notice_button)
        bar.addPermanentWidget(self.busy_label)
        bar.addPermanentWidget(self.busy)
        self._show_busy(False)
        self.ctx.tasks.sig_busy.connect(self._show_busy)

    def _show_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.busy_label.setVisible(busy)

    # --- pages ---------------------------------------------------------------------------------

    def _navigated(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None:
            self.open_page(item.data(Qt.ItemDataRole.UserRole))

    def _changed(self, entity: str, _ids: object) -> None:
        if entity in ("outbox", "interview"):
            self.refresh_badges()
        if entity != "clock":
            self.refresh_unread()   # a write may have brought this user a notice

    def refresh_unread(self) -> None:
        actor = self.ctx.actor
        self.ctx.read(lambda session: len(inbox.my_notices(session, actor, unseen_only=True, limit=100)),
                      self.notice_button.show_unread, lambda _error: None, owner=self)

    def open_notices(self) -> NoticeDialog:
        dialog = NoticeDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_show_interview.connect(self.show_interview)
        dialog.open()
        return dialog

    def show_interview(self, interview_id: int, starts_at=None) -> None:
        """From a notice: 我的面试 when the user is on the panel, its day on the schedule otherwise."""
        self.open_interview(interview_id)

    def open_interview(self, interview_id: int) -> None:
        """Open one interview where this user works on it (a notice, a tray message, a deep link)."""
        actor = self.ctx.actor
        self.ctx.read(lambda session: my_interviews.link_target(session, actor, interview_id), self._go_to,
                      self._not_found, owner=self)

    def open_link(self, interview_id: int) -> None:
        """A deep link handed over by another start of the app: bring this window forward, then open."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        self.open_interview(interview_id)

    def _go_to(self, target: my_interviews.LinkTarget) -> None:
        if target.on_panel:
            self.add_page("desk")
            self.open_page("desk").open_interview(target.interview_id)
        elif "schedule" in self.page_keys():
            self.open_page("schedule").open_interview(target.interview_id, target.starts_at)

    def _not_found(self, error: BaseException) -> None:
        show_error(error, self)

    def show_in_schedule(self, interview_id: int, starts_at) -> None:
        if "schedule" in self.page_keys():
            self.open_page("schedule").open_interview(interview_id, starts_at)

    def refresh_badges(self) -> None:
        """The number of failed messages beside 通知, so a failure is seen from any page."""
        if "outbox" not in self.page_keys():
            return
        actor = self.ctx.actor
        self.ctx.read(lambda session: desk_views.failed_outbox_count(session, actor), self._show_outbox_badge,
                      lambda _error: None, owner=self)

    def _show_outbox_badge(self, failed: int) -> None:
        keys = self.page_keys()
        item = self.navigation.item(keys.index("outbox"))
        spec = self.specs[keys.index("outbox")]
        item.setText(spec.title() + (f" ({failed})" if failed else ""))
        item.setToolTip(self.tr("%n message(s) failed to send", "", failed) if failed else "")
        self.failed_messages = failed

    def open_settings_tab(self, tab: str) -> None:
        if "settings" in self.page_keys():
            self.open_page("settings").show_tab(tab)

    def open_change_request(self, request_id: int) -> None:
        if "approvals" in self.page_keys():
            self.open_page("approvals").select_request(request_id)

    def open_today(self) -> None:
        if "today" in self.page_keys():
            self.open_page("today")

    def page_keys(self) -> list[str]:
        return [spec.key for spec in self.specs]

    def open_page(self, key: str) -> QWidget:
        """Pages are built the first time they are opened, so start-up asks the database little."""
        spec = next(s for s in self.specs if s.key == key)
        page = self.pages.get(key)
        if page is None:
            # built as a child of the stack: a page built loose and added afterwards is styled again widget
            # by widget under the application's style sheet (some 15 ms of the start for Today)
            page = spec.build(self.ctx, self.stack)
            if hasattr(page, "sig_open_page"):
                page.sig_open_page.connect(self.open_page)
            if hasattr(page, "sig_open_request"):
                page.sig_open_request.connect(self.open_change_request)
            if hasattr(page, "sig_open_settings"):
                page.sig_open_settings.connect(self.open_settings_tab)
            if hasattr(page, "sig_show_in_schedule"):
                page.sig_show_in_schedule.connect(self.show_in_schedule)
            self.pages[key] = page
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        row = self.specs.index(spec)
        if self.navigation.currentRow() != row:
            self.navigation.setCurrentRow(row)
        return page

    # --- idle lock -----------------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        return self.screens.currentWidget() is self.cover

    def lock(self) -> None:
        """Hide every page (personal data stays off screen) and ask for the password again."""
        if self.locked:
            return
        self.idle.pause()
        self.reminders.stop()     # no candidate names in tray messages while the desk is locked
        self.screens.setCurrentWidget(self.cover)
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible() and dialog is not self.lock_dialog:
                dialog.hide()   # open forms keep their input and come back after unlocking
                self._hidden_dialogs.append(dialog)
        minutes = int(self.ctx.institution.get("security.idle_lock_minutes", 15))
        self.lock_dialog = LoginDialog(self.ctx.tasks, self.ctx.db, locked_user=self.ctx.actor.username,
                                       idle_minutes=minutes, parent=self)
        self.lock_dialog.accepted.connect(self._unlocked)
        self.lock_dialog.rejected.connect(self.close)
        self.lock_dialog.open()

    def _unlocked(self) -> None:
        dialog = self.lock_dialog
        signed_in: SignedIn | None = dialog.signed_in if dialog else None
        if signed_in is not None:
            self.ctx.actor = signed_in.actor
            self.ctx.use_institution_settings(signed_in.institution)
        self.lock_dialog = None
        self.screens.setCurrentIndex(0)
        for hidden in self._hidden_dialogs:
            hidden.show()
        self._hidden_dialogs = []
        self.idle.resume()
        self.reminders.start()

    # --- sign out / switch user ------------------------------------------------------------------

    def unsaved_work(self) -> list[str]:
        """Open forms and pages with edits not yet saved, by their titles."""
        open_forms = [d.windowTitle() or APP_TITLE for d in self.findChildren(QDialog)
                      if d.isVisible() and d is not self.lock_dialog and d is not self.sign_out_question]
        edited = [self.specs[self.page_keys().index(key)].title() for key, page in self.pages.items()
                  if any(getattr(w, "has_unsaved_changes", lambda: False)()
                         for w in [page, *page.findChildren(QWidget)])]
        return open_forms + edited

    def request_sign_out(self) -> None:
        if self.locked or self.sign_out_question is not None:
            return
        unsaved = self.unsaved_work()
        if not unsaved:
            self.sig_sign_out.emit()
            return
        box = QMessageBox(QMessageBox.Icon.Question, APP_TITLE, self.tr(
            "Not saved yet: {0}. Sign out anyway? What was not saved is lost.").format("、".join(unsaved)),
            parent=self)
        self.sign_out_anyway = box.addButton(self.tr("Sign out anyway"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Keep working"), QMessageBox.ButtonRole.RejectRole)
        box.finished.connect(lambda _code: self._answered(box))
        self.sign_out_question = box
        box.open()

    def _answered(self, box: QMessageBox) -> None:
        self.sign_out_question = None
        if box.clickedButton() is self.sign_out_anyway:
            self.sig_sign_out.emit()

    def suspend(self) -> None:
        """Before the next user signs in: nothing of this user's stays on screen or keeps running."""
        self.idle.stop()
        self.reminders.stop()
        for dialog in self.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()
        self.screens.setCurrentWidget(self.cover)
        self.cover_hint.setText(self.tr("Signed out."))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed = True
        self.idle.stop()
        self.reminders.stop()
        super().closeEvent(event)
