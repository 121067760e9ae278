"""What the two inboxes of 审批 share — change requests (desktop/ui/approvals/page.py) and offers
(desktop/ui/approvals/offers.py): the list of what waits for this user's step beside a panel showing
one item in full, decided by buttons that name the item, sending back only with a comment; the list
arrives off the UI thread, and after a decision nothing else is selected in its place, so the next
click cannot land on an item the user has not read. Someone else deciding first is an ordinary
outcome, said in words before the list is refreshed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter, QVBoxLayout, QWidget

from desktop.core.errors import DeskError, ValidationFailed
from desktop.ui import messages
from desktop.ui.errors import show_error
from desktop.ui.listview import row_list
from desktop.ui.paged_model import ID_ROLE
from desktop.ui.widgets import hint_label, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


class InboxPanel(QFrame):
    """One waiting item in full: its title, its step, what a subclass shows of it, the comment and the
    decision buttons. A subclass makes its own widgets, then calls `lay_out`; it fills an item in
    with `fill`."""

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.entry: Any = None
        self.setObjectName("detailPanel")
        self.setMinimumWidth(420)
        self.title = title_label("", "sectionTitle")
        self.title.setWordWrap(True)
        self.placeholder = hint_label()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.step = QLabel()
        self.step.setWordWrap(True)
        self.comment = QLineEdit()
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.decision_buttons: list[QPushButton] = []
        self.body = QWidget()

    def lay_out(self, placeholder: str, comment_hint: str, details: Iterable[QWidget],
                buttons: Iterable[QPushButton]) -> None:
        """The placeholder shown while nothing is selected; below the step, `details`, then the comment
        (`comment_hint` in the empty field) and the buttons, on the right. Shows the placeholder."""
        self.placeholder.setText(placeholder)
        self.comment.setPlaceholderText(comment_hint)
        self.decision_buttons = list(buttons)
        row = QHBoxLayout()
        row.addStretch(1)
        for button in self.decision_buttons:
            row.addWidget(button)
        column = QVBoxLayout(self.body)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.step, *details, self.comment, self.error):
            column.addWidget(widget)
        column.addLayout(row)
        column.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.body, 1)
        self.show_entry(None)

    def key(self, entry: Any) -> tuple:
        """What makes two entries the same decision (the item and its step)."""
        raise NotImplementedError

    def fill(self, entry: Any) -> None:
        """Show this entry (never None) in the panel."""
        raise NotImplementedError

    def show_entry(self, entry: Any) -> None:
        """Show an entry, or the placeholder for None; a comment typed stays while the same step of the
        same item is shown again (the list refreshed)."""
        same = entry is not None and self.entry is not None and self.key(entry) == self.key(self.entry)
        self.entry = entry
        self.placeholder.setVisible(entry is None)
        self.body.setVisible(entry is not None)
        if entry is None:
            self.title.setText("")
            return
        if not same:
            self.comment.clear()
            self.error.hide()
        self.fill(entry)

    def due_text(self, due_at: datetime | None, words: str) -> str:
        """The step's deadline in `words` ("due {0}": each inbox says it its own way), marked once it
        has passed; empty without a deadline."""
        if due_at is None:
            return ""
        due = words.format(self.ctx.local(due_at).strftime("%m-%d %H:%M"))
        if due_at <= self.ctx.clock.now():
            due += " " + self.tr("(overdue)")
        return due

    def comment_for(self, sending_back: bool) -> str | None:
        """The comment to decide with; None, with the field marked, when sending back without one."""
        comment = self.comment.text().strip()
        if sending_back and not comment:
            self.error.setText(messages.validation_text(ValidationFailed({"comment": "required"})))
            self.error.show()
            self.comment.setFocus()
            return None
        self.error.hide()
        for button in self.decision_buttons:
            button.setEnabled(False)
        return comment


class DecisionInbox:
    """The list beside the panel, for a QWidget with `ctx` and `show_status(text, problem=)`; it
    reloads when `_changed` hears of one of the entities in RELOAD_ON (the widget connects it).
    A subclass says what the inbox holds: `fetch`, `entry_id`, `count_text` and `refusal`."""

    RELOAD_ON: tuple[str, ...] = ()

    def fetch(self, session, actor) -> list:
        """The entries waiting for `actor`; runs on the database worker."""
        raise NotImplementedError

    def entry_id(self, entry: Any) -> int:
        raise NotImplementedError

    def count_text(self, count: int) -> str:
        raise NotImplementedError

    def refusal(self, error: BaseException) -> str:
        """Words of its own for a refused decision; empty for the usual message."""
        return ""

    def inbox(self, model, panel: InboxPanel, empty: str, *, count_in_list: bool) -> QSplitter:
        """Builds the list (`model`, shown in `table`, or the hint `empty` when nothing waits) and
        `panel` beside it; `count` says how many wait — above the list with `count_in_list`, and
        then hidden when nothing waits, else for the widget to place."""
        self._generation, self._shown_once, self.loading = 0, False, False
        self._wanted: int | None = None     # an entry to select once the inbox has arrived
        self.entries: list = []
        self.count_in_list = count_in_list
        self.count = hint_label()
        self.model, self.panel = model, panel
        self.table = row_list(model)
        self.empty = hint_label(empty)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        if count_in_list:
            column.addWidget(self.count)
        column.addWidget(self.empty, 1)     # hidden with the list shown, so the list takes the room
        column.addWidget(self.table, 1)
        splitter = QSplitter()
        splitter.addWidget(holder)
        splitter.addWidget(panel)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        return splitter

    def tab_of_inbox(self, model, panel: InboxPanel, empty: str) -> None:
        """The whole widget as a tab of Approvals: the list (its count above it) and the panel, and
        the first load."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.inbox(model, panel, empty, count_in_list=True))
        self.ctx.sig_changed.connect(self._changed)
        self.load()

    def _changed(self, entity: str, _ids: object) -> None:
        if entity in self.RELOAD_ON:
            self.load()

    def load(self) -> None:
        self._generation += 1
        generation, actor, fetch = self._generation, self.ctx.actor, self.fetch
        self.loading = True
        self.ctx.read(lambda session: fetch(session, actor), lambda found: self._arrived(generation, found),
                      lambda error: self._failed(generation, error), owner=self)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self.loading = False
            show_error(error, self)

    def _arrived(self, generation: int, found: list) -> None:
        if generation != self._generation:
            return
        self.loading = False
        kept = self._wanted or self.selected_id()
        self._wanted = None
        self.entries = found
        self.model.set_rows(found)
        self.table.size_columns()
        self.count.setText(self.count_text(len(found)))
        if self.count_in_list:
            self.count.setVisible(bool(found))
        self.table.setVisible(bool(found))
        self.empty.setVisible(not found)
        ids = [self.entry_id(e) for e in found]
        first_time, self._shown_once = not self._shown_once, True
        if kept in ids:
            self.table.selectRow(ids.index(kept))
        elif found and first_time:          # opening the inbox shows the oldest entry
            self.table.selectRow(0)
        else:   # the entry decided (or withdrawn) is gone: nothing else steps into its place
            self.table.clearSelection()
            self.panel.show_entry(None)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def _selected(self, *_args) -> None:
        wanted = self.selected_id()
        self.panel.show_entry(next((e for e in self.entries if self.entry_id(e) == wanted), None))

    def select_entry(self, entry_id: int) -> None:
        """Select that entry now, or as soon as the inbox arrives."""
        ids = [self.entry_id(e) for e in self.entries]
        if entry_id in ids and not self.loading:
            self.table.selectRow(ids.index(entry_id))
        else:
            self._wanted = entry_id

    def refused(self, error: BaseException) -> None:
        """A refused decision in words (someone else deciding first is an ordinary outcome), then the
        list refreshed."""
        self.show_status(self.refusal(error) or messages.describe(error), problem=True)
        if not isinstance(error, DeskError):
            show_error(error, self)
        self.load()
