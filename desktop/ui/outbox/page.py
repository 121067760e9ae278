"""发件箱 Outbox (named apart from 我的通知, the personal notices): every outgoing message and
calendar operation with its state, attempts, when it went out or is tried next, and the last error,
each naming the candidate, position and interview time it is about; filtered by channel, state and
candidate. Opening one shows exactly what it says (outbox.viewer). A failed or cancelled entry can
be sent again, a waiting or failed one cancelled. Channels nobody has set up are named, with how
many messages wait for them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.core.errors import DeskError, InvalidState
from desktop.core.permissions import Action
from desktop.core.scheduling import inbox as desk
from desktop.core.services.overview import OutboxRow
from desktop.integrations import senders
from desktop.core import labels
from desktop.ui import messages
from desktop.ui.errors import show_error
from desktop.ui.listview import PagedTableView
from desktop.ui.outbox.viewer import MessageViewer
from desktop.ui.overview.models import OutboxTableModel
from desktop.ui.widgets import SearchBox, hint_label, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

RETRYABLE = ("failed", "cancelled")
CANCELLABLE = ("pending", "failed")


class OutboxPage(QWidget):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = OutboxTableModel(ctx, self)
        self.model.descending = True
        self.table = PagedTableView(self.model)
        self.count = hint_label()
        self.state = QComboBox()
        self.state.addItem(self.tr("All states"), "")
        for code in labels.OUTBOX_STATES:
            self.state.addItem(labels.outbox_state(code), code)
        self.channel = QComboBox()
        self.channel.addItem(self.tr("All channels"), "")
        for code in labels.OUTBOX_CHANNELS:
            self.channel.addItem(labels.channel(code), code)
        self.candidate = SearchBox(self.tr("Candidate's name"))
        self.candidate.setFixedWidth(150)
        self.candidate.setVisible(ctx.may(Action.CANDIDATE_VIEW))   # names are searched only by who may see them
        self.viewer: MessageViewer | None = None
        self.open_button = QPushButton(self.tr("Open message"))
        self.open_button.setToolTip(self.tr("Shows exactly what this message says, as its recipient sees it "
                                            "(also by double-clicking the row)."))
        self.unconfigured = hint_label()
        self.unconfigured.setWordWrap(True)
        self.unconfigured.hide()
        self.retry_button = QPushButton(self.tr("Send again"))
        self.cancel_button = QPushButton(self.tr("Cancel sending"))
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setObjectName("hint")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.hide()

        head = QHBoxLayout()
        head.addWidget(title_label(self.tr("Outbox")))
        head.addSpacing(16)
        head.addWidget(self.state)
        head.addWidget(self.channel)
        head.addWidget(self.candidate)
        head.addWidget(self.count, 1)
        head.addWidget(self.open_button)
        if ctx.may(Action.OUTBOX_RETRY):
            head.addWidget(self.retry_button)
            head.addWidget(self.cancel_button)
        else:
            self.retry_button.hide()
            self.cancel_button.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.status)
        layout.addWidget(self.unconfigured)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)

        self.state.currentIndexChanged.connect(self._state_changed)
        self.channel.currentIndexChanged.connect(self._channel_changed)
        self.candidate.sig_search.connect(self.model.set_search)
        self.table.sig_selected.connect(self._selected)
        self.table.sig_activated.connect(lambda _entry_id: self.open_message())
        self.open_button.clicked.connect(self.open_message)
        self.retry_button.clicked.connect(self.retry)
        self.cancel_button.clicked.connect(self.cancel)
        self.model.sig_loaded.connect(self._loaded)
        self.model.sig_failed.connect(self._failed)
        self._selected(None)
        self.model.refresh()

    def _loaded(self, total: int) -> None:
        self.count.setText(self.tr("%n message(s)", "", total))
        self._selected(self.table.selected_id())
        self.ctx.read(senders.waiting_unconfigured, self._show_unconfigured, lambda _error: None, owner=self)

    def _show_unconfigured(self, waiting: dict[str, int]) -> None:
        """Messages of a channel nobody has set up wait; say so, or HR would wonder why."""
        if not waiting:
            self.unconfigured.hide()
            return
        parts = [self.tr("{0}: {1} waiting").format(labels.channel(c), n) for c, n in sorted(waiting.items())]
        self.unconfigured.setText(self.tr("Not set up yet, so these wait until an administrator configures them "
                                          "in Settings: {0}").format(labels.joined(parts)))
        self.unconfigured.show()

    def open_message(self) -> MessageViewer | None:
        row = self.selected()
        if row is None:
            return None
        self.viewer = MessageViewer(self.ctx, row.id, self)
        self.viewer.open()
        return self.viewer

    def _failed(self, error: BaseException) -> None:
        show_error(error, self)

    def _state_changed(self, _index: int) -> None:
        self.model.set_filter("state", self.state.currentData())

    def _channel_changed(self, _index: int) -> None:
        self.model.set_filter("channel", self.channel.currentData())

    def selected(self) -> OutboxRow | None:
        entry_id = self.table.selected_id()
        row = self.model.row_of(entry_id) if entry_id is not None else -1
        return self.model.rows[row] if row >= 0 else None

    def _selected(self, _entry_id) -> None:
        row = self.selected()
        self.open_button.setEnabled(row is not None)
        self.retry_button.setEnabled(row is not None and row.state in RETRYABLE)
        self.cancel_button.setEnabled(row is not None and row.state in CANCELLABLE)
        self.error.setText(self.tr("Last error: {0}").format(row.last_error) if row is not None and row.last_error
                           else "")

    def retry(self) -> None:
        self._act(desk.retry_outbox, self.tr("Message #{0} will be sent again."))

    def cancel(self) -> None:
        self._act(desk.cancel_outbox, self.tr("Message #{0} is cancelled."))

    def _act(self, service, done_text: str) -> None:
        row = self.selected()
        if row is None:
            return
        actor, entry_id = self.ctx.actor, row.id
        self.retry_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self.ctx.write(lambda session: service(session, actor, entry_id),
                       lambda _result: self._show_status(done_text.format(entry_id)), self._refused,
                       entity="outbox", ids=lambda _result: (entry_id,), owner=self)

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, InvalidState):   # someone else (or the sender) changed it meanwhile
            self._show_status(self.tr("The message changed meanwhile; the list shows its current state."), True)
            self.model.refresh()
        elif isinstance(error, DeskError):
            self._show_status(messages.describe(error), True)
        else:
            show_error(error, self)

    def _show_status(self, text: str, problem: bool = False) -> None:
        self.status.setStyleSheet("color: #c0392b;" if problem else "color: #2e7d32;")
        self.status.setText(text)
        self.status.show()
