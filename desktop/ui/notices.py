"""My notices (我的通知): the signed-in user's in-app notices (a new interview, a change, an
approval waiting, an approval's outcome), reached from the status bar's 我的通知 button with the
number still unread. Opening a notice records that the user saw it; for an interviewer that is the
"seen" entry on the interview's timeline that HR watches. A notice about an interview on the
user's panel opens it on 我的面试; others show it on the schedule."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QToolButton,
    QVBoxLayout, QWidget,
)

from desktop.core.scheduling import inbox
from desktop.core.scheduling.inbox import NoticeInfo
from desktop.ui.widgets import hint_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

LIMIT = 100


class NoticeButton(QToolButton):
    """我的通知 (3) in the status bar; bold while something is unread. Named apart from the 发件箱
    (Outbox), the queue of outgoing messages."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeButton")
        self.setAutoRaise(True)
        self.show_unread(0)

    def show_unread(self, count: int) -> None:
        self.unread = count
        self.setText(self.tr("My notices ({0})").format(count) if count else self.tr("My notices"))
        font = self.font()
        font.setBold(count > 0)
        self.setFont(font)
        self.setToolTip(self.tr("My notices: {0} unread").format(count) if count
                        else self.tr("My notices: none unread"))


class NoticeDialog(QDialog):
    """The list of the user's notices, newest first; unread ones in bold. Opening one marks it read;
    "Open in My interviews" (on the panel) or "Show in schedule" also goes to the interview."""

    sig_show_interview = Signal(int, object)   # interview id, its start (aware datetime)
    sig_read = Signal()

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.notices: dict[int, NoticeInfo] = {}
        self.setWindowTitle(self.tr("My notices"))
        self.resize(560, 460)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = hint_label(self.tr("Loading…"))
        self.read_button = QPushButton(self.tr("Mark as read"))
        self.show_button = QPushButton(self.tr("Show in schedule"))
        self.all_read_button = QPushButton(self.tr("Mark all as read"))
        for button in (self.read_button, self.show_button):
            button.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        actions = QHBoxLayout()
        actions.addWidget(self.read_button)
        actions.addWidget(self.show_button)
        actions.addStretch(1)
        actions.addWidget(self.all_read_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.body)
        layout.addLayout(actions)
        layout.addWidget(buttons)
        self.list.currentItemChanged.connect(self._selected)
        self.list.itemDoubleClicked.connect(lambda _item: self._open(show=False))
        self.read_button.clicked.connect(lambda: self._open(show=False))
        self.show_button.clicked.connect(lambda: self._open(show=True))
        self.all_read_button.clicked.connect(self._read_all)
        self.load()

    def load(self) -> None:
        actor = self.ctx.actor
        self.ctx.read(lambda session: inbox.my_notices(session, actor, limit=LIMIT), self._arrived, self._failed,
                      owner=self)

    def _failed(self, error: BaseException) -> None:
        from desktop.ui.messages import describe
        self.status.setText(describe(error))

    def _arrived(self, notices: list[NoticeInfo]) -> None:
        current = self.list.currentItem().data(Qt.ItemDataRole.UserRole) if self.list.currentItem() else None
        self.notices = {n.id: n for n in notices}
        self.list.clear()
        unread = sum(1 for n in notices if n.seen_at is None)
        self.status.setText(self.tr("{0} notices, {1} unread").format(len(notices), unread) if notices
                            else self.tr("No notices yet."))
        self.all_read_button.setEnabled(unread > 0)
        for notice in notices:
            item = QListWidgetItem(f"{self.ctx.format_time(notice.created_at)}  {notice.title}")
            item.setData(Qt.ItemDataRole.UserRole, notice.id)
            font = item.font()
            font.setBold(notice.seen_at is None)
            item.setFont(font)
            self.list.addItem(item)
            if notice.id == current:
                self.list.setCurrentItem(item)

    def _selected(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        notice = self.notices.get(item.data(Qt.ItemDataRole.UserRole)) if item else None
        self.body.setText(notice.body if notice else "")
        self.read_button.setEnabled(notice is not None and notice.seen_at is None)
        self.show_button.setEnabled(notice is not None and notice.interview_id is not None)
        self.show_button.setText(self.tr("Open in My interviews") if notice is not None and notice.on_panel
                                 else self.tr("Show in schedule"))

    def _open(self, *, show: bool) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        notice = self.notices[item.data(Qt.ItemDataRole.UserRole)]
        actor = self.ctx.actor

        def opened(info: NoticeInfo) -> None:
            self.sig_read.emit()
            if show and info.interview_id is not None:
                self.sig_show_interview.emit(info.interview_id, info.interview_starts_at)
                self.accept()
            else:
                self.load()

        self.ctx.write(lambda session: inbox.open_notice(session, actor, notice.id), opened, self._failed,
                       entity="notice", ids=lambda info: (info.id,), owner=self)

    def _read_all(self) -> None:
        actor = self.ctx.actor
        unread = [n.id for n in self.notices.values() if n.seen_at is None]

        def read_all(session) -> list[int]:
            for notice_id in unread:
                inbox.open_notice(session, actor, notice_id)
            return unread

        def done(_ids: list[int]) -> None:
            self.sig_read.emit()
            self.load()

        self.ctx.write(read_all, done, self._failed, entity="notice", ids=lambda ids: ids, owner=self)
