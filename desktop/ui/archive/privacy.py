"""个人信息请求 Personal-data requests (the Archive page's tab): open requests by deadline with the
time left (red once overdue), their state and owner; answered and closed ones on demand. Record a
request, handle and answer it, or close it without an answer (privacy_dialogs.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.core import labels
from desktop.core.lifecycle import requests
from desktop.ui import messages
from desktop.ui.archive.privacy_dialogs import ENTITY, CloseDialog, HandleDialog, RecordRequestDialog
from desktop.ui.list_model import ListTableModel
from desktop.ui.questions.models import time_left
from desktop.ui.reassign import ReassignDialog
from desktop.ui.row_list_page import RowListPage
from desktop.ui.schedule import colors
from desktop.ui.widgets import hint_label, primary_button, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


class RequestTableModel(ListTableModel):
    COL_CANDIDATE, COL_KIND, COL_RECEIVED, COL_DUE, COL_LEFT, COL_STATE, COL_OWNER, COL_CHANNEL = range(8)
    ELASTIC = (COL_CANDIDATE,)

    def __init__(self, ctx: "AppContext", parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.done = False

    def headers(self) -> list[str]:
        return [self.tr("Candidate"), self.tr("Request"), self.tr("Received"), self.tr("Deadline"),
                self.tr("Answered") if self.done else self.tr("Time left"), self.tr("State"), self.tr("Owner"),
                self.tr("Answer by")]

    def display(self, row: requests.RequestRow, column: int) -> str:
        if column == self.COL_LEFT:
            if self.done:
                return labels.with_note(self.ctx.format_time(row.answered_at) or "—", labels.privacy_outcome(row.outcome))
            return time_left(self.ctx.clock.now(), row.due_at)
        return {self.COL_CANDIDATE: row.candidate or "—", self.COL_KIND: labels.privacy_kind(row.kind),
                self.COL_RECEIVED: row.received_on.isoformat(), self.COL_DUE: self.ctx.format_time(row.due_at),
                self.COL_STATE: labels.privacy_state(row.status), self.COL_OWNER: row.owner or "—",
                self.COL_CHANNEL: labels.channel(row.channel)}.get(column, "")

    def overdue(self, row: requests.RequestRow) -> bool:
        return row.status in requests.OPEN_STATES and row.due_at <= self.ctx.clock.now()

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() in (self.COL_LEFT, self.COL_DUE) \
                and self.overdue(row):
            return QColor(colors.CONFLICT)
        return super().data(index, role)


class PrivacyRequestsPage(RowListPage):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(ctx, RequestTableModel(ctx), parent)
        self.model.setParent(self)
        self.state.addItem(self.tr("Open requests"), False)
        self.state.addItem(self.tr("Answered and closed"), True)
        self.mine.setText(self.tr("Only mine"))
        self.record_button = primary_button(self.tr("Record request…"))
        head = QHBoxLayout()
        head.addWidget(title_label(self.tr("Personal-data requests"), "sectionTitle"))
        head.addSpacing(16)
        head.addWidget(self.count, 1)
        head.addWidget(self.state)
        head.addWidget(self.mine)
        head.addWidget(self.record_button)
        self.empty = hint_label(self.tr("No personal-data request is open."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reassign_button = QPushButton(self.tr("Hand to someone else…"))
        self.close_button = QPushButton(self.tr("Close without answer…"))
        self.handle_button = primary_button(self.tr("Handle and answer…"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.detail, 1)
        buttons.addWidget(self.reassign_button)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.handle_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(hint_label(self.tr("A candidate may ask to see, correct or delete their data, to restrict "
                                            "its processing or to leave the talent pool (PIPL). The answer is due "
                                            "within the deadline and goes by the channel recorded.")))
        layout.addWidget(self.status)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.doubleClicked.connect(lambda _index: self.handle_selected())
        self.record_button.clicked.connect(lambda: self.record())
        self.handle_button.clicked.connect(self.handle_selected)
        self.close_button.clicked.connect(self.close_selected)
        self.reassign_button.clicked.connect(self.reassign_selected)
        ctx.sig_changed.connect(self._changed)
        self.start()

    def _changed(self, entity: str, _ids: object) -> None:
        if entity in (ENTITY, "candidate", "settings"):
            self.load()

    def query(self, done: bool, mine: bool):
        actor = self.ctx.actor
        return lambda session: requests.list_requests(session, actor, done=done, mine=mine)

    def show_rows(self, done: bool, rows: list[requests.RequestRow]) -> None:
        self.model.done = done
        self.model.set_rows(rows)
        self.table.size_columns()
        overdue = sum(1 for r in rows if self.model.overdue(r))
        text = self.tr("%n request(s)", "", len(rows))
        self.count.setText(labels.with_note(text, self.tr("%n overdue", "", overdue)) if overdue else text)
        self.empty.setText(self.tr("No answered or closed request yet.") if done
                           else self.tr("No personal-data request is open."))
        self.empty.setVisible(not rows)

    def _selected(self, *_args) -> None:
        row = self.selected()
        is_open = row is not None and row.status in requests.OPEN_STATES
        self.handle_button.setEnabled(is_open)
        self.close_button.setEnabled(is_open)
        self.reassign_button.setEnabled(is_open)
        if row is None:
            self.detail.setText("")
            return
        lines = [labels.labelled(self.tr("How it came"), labels.received_via(row.received_via))]
        if row.note:
            lines.append(labels.labelled(self.tr("Details"), row.note))
        if row.corrections:
            lines.append(labels.labelled(self.tr("Corrections asked for"), labels.joined(
                labels.labelled(messages.field_label(k), str(v)) for k, v in row.corrections.items())))
        if row.restricted_until:
            lines.append(labels.labelled(self.tr("Processing restricted until"), row.restricted_until.isoformat()))
        if row.exported_at:
            lines.append(labels.labelled(self.tr("Copy exported"), self.ctx.format_time(row.exported_at)))
        self.detail.setText("\n".join(lines))

    def record(self, candidate: tuple[int, str] | None = None) -> None:
        self.dialog = RecordRequestDialog(self.ctx, self, candidate=candidate or None)
        self.dialog.accepted.connect(lambda: self.show_status(self.tr("The request is recorded; its deadline is set.")))
        self.dialog.open()

    def handle_selected(self) -> None:
        row = self.selected()
        if row is None or row.status not in requests.OPEN_STATES:
            return
        self.dialog = HandleDialog(self.ctx, row, self)
        self.dialog.accepted.connect(self._answered)
        self.dialog.open()

    def _answered(self) -> None:
        answered = getattr(self.dialog, "answered", None)
        if answered is None:
            return
        if answered.queued:
            self.show_status(self.tr("Done ({0}); the answer goes to the candidate by {1}.").format(
                labels.privacy_outcome(answered.outcome), labels.channel(answered.channel)))
        else:
            self.show_status(self.tr("Done ({0}); the candidate has no address on that channel any more, so please "
                                     "give them the answer yourself.").format(labels.privacy_outcome(answered.outcome)))

    def reassign_selected(self) -> None:
        row = self.selected()
        if row is None or row.status not in requests.OPEN_STATES:
            return
        actor, request_id, version, candidate_id = self.ctx.actor, row.id, row.version, row.candidate_id
        self.dialog = ReassignDialog(
            self.ctx, "request", labels.joined([row.candidate, labels.privacy_kind(row.kind)]), (row.owner_id, row.owner),
            lambda session: requests.owner_choices(session, actor, candidate_id),
            lambda session, owner_id: requests.reassign(session, actor, request_id, owner_id, version),
            entity=ENTITY, entity_id=request_id, parent=self)
        self.dialog.accepted.connect(lambda: self.show_status(self.tr("The request has a new owner.")))
        self.dialog.open()

    def close_selected(self) -> None:
        row = self.selected()
        if row is None or row.status not in requests.OPEN_STATES:
            return
        self.dialog = CloseDialog(self.ctx, row, self)
        self.dialog.accepted.connect(lambda: self.show_status(self.tr("The request is closed.")))
        self.dialog.open()
