"""审批 → 录用审批: the offers waiting for this user's step of the chain for offers — the candidate
(masked as on every list), the position, the salary lines, start date, probation, place, the reply
deadline, the step by its name and its deadline, who submitted it and when — decided with 同意 (备案 /
确认 for such steps) or 退回 with a comment. The buttons name the offer they act on; after a decision
nothing else is selected in its place."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QTableWidget, QVBoxLayout, QWidget

from desktop.core import labels, offers
from desktop.core.errors import InvalidState
from desktop.core.model import OfferStatus
from desktop.core.offer_inbox import OfferEntry, offer_inbox
from desktop.core.offers import OfferStep
from desktop.ui import signatures
from desktop.ui.approvals.inbox import DecisionInbox, InboxPanel
from desktop.ui.list_model import ListTableModel
from desktop.ui.paged_model import ID_ROLE
from desktop.ui.schedule import change_words
from desktop.ui.schedule.detail import fill_table, small_table
from desktop.ui.widgets import primary_button, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


def step_text(entry: OfferEntry) -> str:
    return change_words.step_name(entry.step_kind, entry.step_role)


STEP_SIGNATURE_COLUMN = 1     # second: in sight in the narrow applications panel


def steps_table() -> QTableWidget:
    """An offer's decided approval steps: who decided what, when, and whether it is signed."""
    return small_table([QCoreApplication.translate("OfferSteps", "Step"),
                        QCoreApplication.translate("OfferSteps", "Signature"),
                        QCoreApplication.translate("OfferSteps", "By"),
                        QCoreApplication.translate("OfferSteps", "Decision"),
                        QCoreApplication.translate("OfferSteps", "Time"),
                        QCoreApplication.translate("OfferSteps", "Comment")])


def fill_steps(table: QTableWidget, ctx: "AppContext", steps: tuple[OfferStep, ...]) -> None:
    fill_table(table, [(change_words.step_name(s.step_kind, s.role) or str(s.step), "", s.approver,
                        labels.verdict(s.verdict), ctx.format_time(s.at), s.comment) for s in steps])
    for row, step in enumerate(steps):
        signatures.show_in(table, row, STEP_SIGNATURE_COLUMN, ctx, step.signature, step.signer)


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


class OfferDecisionPanel(InboxPanel):
    """One offer in full and the buttons its step allows."""

    def __init__(self, ctx: "AppContext", tab: "OfferApprovals", parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.tab = tab
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.pay = small_table([self.tr("Salary item"), self.tr("Amount"), self.tr("Note")])
        self.pay.setMaximumHeight(150)
        self.approve = primary_button("")
        self.send_back = QPushButton("")
        self.approve.clicked.connect(lambda: self.decide(True))
        self.send_back.clicked.connect(lambda: self.decide(False))
        self.history_title = title_label(self.tr("Decisions so far"), "sectionTitle")
        self.history = steps_table()
        self.history.setMaximumHeight(130)
        self.lay_out(self.tr("Select an offer to decide on it."), self.tr("Comment (required to send back)"),
                     (self.facts, title_label(self.tr("Salary structure"), "sectionTitle"), self.pay,
                      self.history_title, self.history),
                     (self.approve, self.send_back))

    def key(self, entry: OfferEntry) -> tuple:
        return entry.offer_id, entry.step

    def fill(self, entry: OfferEntry) -> None:
        self.title.setText(self.tr("Offer: {0} · {1} (#{2})").format(entry.candidate, entry.position, entry.offer_id))
        due = self.due_text(entry.step_due_at, self.tr("due {0}"))
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
        fill_steps(self.history, self.ctx, entry.history)
        self.history_title.setVisible(bool(entry.history))
        self.history.setVisible(bool(entry.history))
        word = {"file": self.tr("File"), "confirm": self.tr("Confirm")}.get(entry.step_kind, self.tr("Approve"))
        self.approve.setText(self.tr("{0}: {1} (#{2})").format(word, entry.candidate, entry.offer_id))
        self.send_back.setText(self.tr("{0}: {1} (#{2})").format(self.tr("Send back"), entry.candidate, entry.offer_id))
        self.send_back.setVisible(entry.step_kind == "approve")   # 备案 / 确认 steps cannot send an offer back
        for button in (self.approve, self.send_back):
            button.setEnabled(True)

    def decide(self, approve: bool) -> None:
        if self.entry is None:
            return
        comment = self.comment_for(not approve)
        if comment is None:
            return
        entry, actor = self.entry, self.ctx.actor
        self.ctx.write(lambda session: offers.decide(session, actor, entry.offer_id, approve, comment, entry.version),
                       lambda status: self.tab.decided(entry, approve, status), self.tab.refused,
                       entity="application", ids=lambda _status: (entry.application_id,), owner=self)


class OfferApprovals(DecisionInbox, QWidget):
    """The tab: the list of offers waiting for this user and the decision panel beside it."""

    RELOAD_ON = ("application", "offer", "approval_chain")
    fetch = staticmethod(offer_inbox)

    def __init__(self, ctx: "AppContext", show_status, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.show_status = ctx, show_status
        self.tab_of_inbox(OfferInboxModel(ctx, self), OfferDecisionPanel(ctx, self), self.tr("No offer is waiting for your decision."))

    def entry_id(self, entry: OfferEntry) -> int:
        return entry.offer_id

    def count_text(self, count: int) -> str:
        return self.tr("%n offer(s) waiting for you", "", count)

    def decided(self, entry: OfferEntry, approve: bool, status: OfferStatus) -> None:
        if not approve:
            text = self.tr("Offer #{0} sent back to HR for revision.").format(entry.offer_id)
        elif status == OfferStatus.SENT:
            text = self.tr("Offer #{0} approved; it is being sent to the candidate.").format(entry.offer_id)
        else:
            text = self.tr("Offer #{0} approved; it moves on to the next step.").format(entry.offer_id)
        self.show_status(text)

    def refusal(self, error: BaseException) -> str:
        """Someone else deciding first, or the reply deadline passed meanwhile, in words of its own."""
        status = getattr(error, "params", {}).get("status") if isinstance(error, InvalidState) else None
        if status in {s.value for s in OfferStatus}:
            return self.tr("This offer is no longer waiting for approval; the list is refreshed.")
        if status == "reply_by_passed":
            return self.tr("The offer's reply deadline has passed; HR must set a new one before it can be sent.")
        return ""
