"""审批 → 录用审批: the offers waiting for this user's step of the chain for offers — the candidate
(masked as on every list), the position, the salary lines, start date, probation, place, the reply
deadline, the step by its name and its deadline, who submitted it and when — decided with 同意 (备案 /
确认 for such steps) or 退回 with a comment. The buttons name the offer they act on; after a decision
nothing else is selected in its place."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from desktop.core import offers
from desktop.core.errors import DeskError, InvalidState, ValidationFailed
from desktop.core.model import OfferStatus
from desktop.core.offer_inbox import OfferEntry, offer_inbox
from desktop.ui import messages
from desktop.ui.errors import show_error
from desktop.ui.listview import FittedTableView
from desktop.ui.overview.models import ListTableModel
from desktop.ui.paged_model import ID_ROLE
from desktop.ui.schedule import change_words
from desktop.ui.schedule.detail import fill_table, small_table
from desktop.ui.widgets import hint_label, primary_button, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


def step_text(entry: OfferEntry) -> str:
    return change_words.step_name(entry.step_kind, entry.step_role)


class OfferInboxModel(ListTableModel):
    COL_CANDIDATE, COL_POSITION, COL_START, COL_STEP, COL_DUE = range(5)

    def __init__(self, ctx: "AppContext", parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def headers(self) -> list[str]:
        return [self.tr("Candidate"), self.tr("Position"), self.tr("Start date"), self.tr("Step"), self.tr("Due")]

    def display(self, row: OfferEntry, column: int) -> str:
        if column == self.COL_DUE:
            return self.ctx.local(row.step_due_at).strftime("%m-%d %H:%M") if row.step_due_at else "—"
        if column == self.COL_START:
            return row.start_date.isoformat() if row.start_date else "—"
        return {self.COL_CANDIDATE: row.candidate, self.COL_POSITION: row.position,
                self.COL_STEP: step_text(row)}.get(column, "")

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == ID_ROLE:
            return self.rows[index.row()].offer_id
        return super().data(index, role)


class OfferDecisionPanel(QFrame):
    """One offer in full and the buttons its step allows."""

    def __init__(self, ctx: "AppContext", tab: "OfferApprovals", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.tab = ctx, tab
        self.entry: OfferEntry | None = None
        self.setObjectName("detailPanel")
        self.setMinimumWidth(420)
        self.title = title_label("", "sectionTitle")
        self.title.setWordWrap(True)
        self.placeholder = hint_label(self.tr("Select an offer to decide on it."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.step = QLabel()
        self.step.setWordWrap(True)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.pay = small_table([self.tr("Salary item"), self.tr("Amount"), self.tr("Note")])
        self.pay.setMaximumHeight(150)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(self.tr("Comment (required to send back)"))
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.approve = primary_button("")
        self.send_back = QPushButton("")
        self.approve.clicked.connect(lambda: self.decide(True))
        self.send_back.clicked.connect(lambda: self.decide(False))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.approve)
        row.addWidget(self.send_back)
        self.body = QWidget()
        column = QVBoxLayout(self.body)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.step, self.facts, title_label(self.tr("Salary structure"), "sectionTitle"), self.pay,
                       self.comment, self.error):
            column.addWidget(widget)
        column.addLayout(row)
        column.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.body, 1)
        self.show_entry(None)

    def show_entry(self, entry: OfferEntry | None) -> None:
        same = entry is not None and self.entry is not None and \
            (entry.offer_id, entry.step) == (self.entry.offer_id, self.entry.step)
        self.entry = entry
        self.placeholder.setVisible(entry is None)
        self.body.setVisible(entry is not None)
        if entry is None:
            self.title.setText("")
            return
        if not same:
            self.comment.clear()
            self.error.hide()
        self.title.setText(self.tr("Offer: {0} · {1} (#{2})").format(entry.candidate, entry.position, entry.offer_id))
        due = ""
        if entry.step_due_at is not None:
            due = self.tr("due {0}").format(self.ctx.local(entry.step_due_at).strftime("%m-%d %H:%M"))
            if entry.step_due_at <= self.ctx.clock.now():
                due += " " + self.tr("(overdue)")
        where = self.tr("step {0} of {1}").format(entry.step, entry.step_count)
        self.step.setText(f"<b>{step_text(entry)}</b>　{where}　{due}")
        lines = [
            self.tr("Start date: {0}").format(entry.start_date.isoformat() if entry.start_date else "—"),
            self.tr("Probation: %n month(s)", "", entry.probation_months),
            self.tr("Work place: {0}").format(entry.work_place or "—"),
            self.tr("Reply by: {0}").format(self.ctx.format_time(entry.reply_by) if entry.reply_by else "—"),
            self.tr("Submitted by {0} on {1}").format(
                entry.submitted_by or "—", self.ctx.format_time(entry.submitted_at) if entry.submitted_at else "—"),
        ]
        if entry.acting_for:
            lines.append(self.tr("You decide on behalf of {0}, who is away.").format(entry.acting_for))
        self.facts.setText("<br>".join(lines))
        fill_table(self.pay, [(line.label, line.amount, line.note) for line in entry.pay])
        word = {"file": self.tr("File"), "confirm": self.tr("Confirm")}.get(entry.step_kind, self.tr("Approve"))
        self.approve.setText(self.tr("{0}: {1} (#{2})").format(word, entry.candidate, entry.offer_id))
        self.send_back.setText(self.tr("{0}: {1} (#{2})").format(self.tr("Send back"), entry.candidate, entry.offer_id))
        self.send_back.setVisible(entry.step_kind == "approve")   # 备案 / 确认 steps cannot send an offer back
        for button in (self.approve, self.send_back):
            button.setEnabled(True)

    def decide(self, approve: bool) -> None:
        if self.entry is None:
            return
        comment = self.comment.text().strip()
        if not approve and not comment:
            self.error.setText(messages.validation_text(ValidationFailed({"comment": "required"})))
            self.error.show()
            self.comment.setFocus()
            return
        self.error.hide()
        self.approve.setEnabled(False)
        self.send_back.setEnabled(False)
        entry, actor = self.entry, self.ctx.actor
        self.ctx.write(lambda session: offers.decide(session, actor, entry.offer_id, approve, comment, entry.version),
                       lambda status: self.tab.decided(entry, approve, status), self.tab.refused,
                       entity="application", ids=lambda _status: (entry.application_id,), owner=self)


class OfferApprovals(QWidget):
    """The tab: the list of offers waiting for this user and the decision panel beside it."""

    def __init__(self, ctx: "AppContext", show_status, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.show_status = ctx, show_status
        self._generation, self._shown_once, self.loading = 0, False, False
        self.entries: list[OfferEntry] = []
        self.count = hint_label()
        self.model = OfferInboxModel(ctx, self)
        self.table = FittedTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty = hint_label(self.tr("No offer is waiting for your decision."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.panel = OfferDecisionPanel(ctx, self)
        inbox = QWidget()
        column = QVBoxLayout(inbox)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.count)
        column.addWidget(self.empty, 1)     # hidden with the list shown, so the list takes the room
        column.addWidget(self.table, 1)
        splitter = QSplitter()
        splitter.addWidget(inbox)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        ctx.sig_changed.connect(self._changed)
        self.load()

    def _changed(self, entity: str, _ids: object) -> None:
        if entity in ("application", "offer", "approval_chain"):
            self.load()

    def load(self) -> None:
        self._generation += 1
        generation, actor = self._generation, self.ctx.actor
        self.loading = True
        self.ctx.read(lambda session: offer_inbox(session, actor), lambda found: self._arrived(generation, found),
                      lambda error: self._failed(generation, error), owner=self)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self.loading = False
            show_error(error, self)

    def _arrived(self, generation: int, found: list[OfferEntry]) -> None:
        if generation != self._generation:
            return
        self.loading = False
        kept = self.selected_id()
        self.entries = found
        self.model.set_rows(found)
        self.table.size_columns()
        self.count.setText(self.tr("%n offer(s) waiting for you", "", len(found)))
        self.count.setVisible(bool(found))
        self.table.setVisible(bool(found))
        self.empty.setVisible(not found)
        ids = [e.offer_id for e in found]
        first_time, self._shown_once = not self._shown_once, True
        if kept in ids:
            self.table.selectRow(ids.index(kept))
        elif found and first_time:
            self.table.selectRow(0)
        else:       # the offer decided is gone: nothing else steps into its place
            self.table.clearSelection()
            self.panel.show_entry(None)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def _selected(self, *_args) -> None:
        offer_id = self.selected_id()
        self.panel.show_entry(next((e for e in self.entries if e.offer_id == offer_id), None))

    def decided(self, entry: OfferEntry, approve: bool, status: OfferStatus) -> None:
        if not approve:
            text = self.tr("Offer #{0} sent back to HR for revision.").format(entry.offer_id)
        elif status == OfferStatus.SENT:
            text = self.tr("Offer #{0} approved; it is being sent to the candidate.").format(entry.offer_id)
        else:
            text = self.tr("Offer #{0} approved; it moves on to the next step.").format(entry.offer_id)
        self.show_status(text)

    def refused(self, error: BaseException) -> None:
        """Someone else deciding first is an ordinary outcome: say so in words and refresh."""
        status = getattr(error, "params", {}).get("status") if isinstance(error, InvalidState) else None
        if status in {s.value for s in OfferStatus}:
            self.show_status(self.tr("This offer is no longer waiting for approval; the list is refreshed."),
                             problem=True)
        elif status == "reply_by_passed":
            self.show_status(self.tr("The offer's reply deadline has passed; HR must set a new one before it can be sent."),
                             problem=True)
        else:
            self.show_status(messages.describe(error), problem=True)
            if not isinstance(error, DeskError):
                show_error(error, self)
        self.load()
