"""审批 Approvals: the change requests waiting for this user's step — what would change (old and new
time, place, interviewers, by name), why and at whose request, the step by its name (部门领导审批)
and its deadline, for whom the user acts, the decisions so far and the conflict check as the
calendar is now — decided with a comment by the buttons the step allows, which name the request
they act on. After a decision nothing else is selected in its place, so the next click cannot land
on a request the user has not read. A second tab lists every change request and its state; a
double-click opens one. A third tab lists the offers waiting for this user's step
(desktop/ui/approvals/offers.py); both inboxes are built on desktop/ui/approvals/inbox.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget,
)

from desktop.core.model import Verdict
from desktop.core.permissions import Action
from desktop.core.scheduling import changes, desk_views
from desktop.core.scheduling.desk_views import ApprovalEntry
from desktop.core import labels
from desktop.ui.approvals.inbox import DecisionInbox, InboxPanel
from desktop.ui.approvals.offers import OfferApprovals
from desktop.ui.approvals.purges import PurgeApprovals
from desktop.ui.approvals.models import InboxTableModel, approver_role, request_summary, snapshot_rows, step_text
from desktop.ui import signatures
from desktop.ui.errors import show_error
from desktop.ui.listview import PagedTableView
from desktop.ui.overview.models import ChangeRequestTableModel
from desktop.ui.schedule import change_words
from desktop.ui.schedule.detail import fill_table, small_table
from desktop.ui.schedule.pickers import ConflictList
from desktop.ui.widgets import hint_label, primary_button, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

SIGNATURE_COLUMN = 4     # of the decisions so far: beside the decision, in sight in a narrow panel
# step kind -> the verdicts it offers, in button order
VERDICTS = {"approve": (Verdict.APPROVED, Verdict.REJECTED), "file": (Verdict.FILED,),
            "confirm": (Verdict.CONFIRMED, Verdict.REJECTED)}


class DecisionPanel(InboxPanel):
    """One request in full, and the buttons of its step."""

    def __init__(self, ctx: "AppContext", page: "ApprovalsPage | None", parent: QWidget | None = None, *,
                 read_only: bool = False) -> None:
        super().__init__(ctx, parent)
        self.page, self.read_only = page, read_only
        self.acting = hint_label()
        self.compare = small_table([self.tr("What"), self.tr("Now"), self.tr("Proposed")])
        self.compare.setMaximumHeight(130)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.conflicts = ConflictList(ctx.tz)
        self.history_title = title_label(self.tr("Decisions so far"), "sectionTitle")
        self.history = small_table([self.tr("Step"), self.tr("By"), self.tr("Role"), self.tr("Decision"),
                                    self.tr("Signature"), self.tr("Time"), self.tr("Comment")])
        self.buttons: dict[Verdict, QPushButton] = {
            Verdict.APPROVED: primary_button(self.tr("Approve")),
            Verdict.FILED: primary_button(self.tr("File")),
            Verdict.CONFIRMED: primary_button(self.tr("Confirm")),
            Verdict.REJECTED: QPushButton(self.tr("Send back")),
        }
        self.verdict_words = {verdict: button.text() for verdict, button in self.buttons.items()}
        for verdict, button in self.buttons.items():
            button.setProperty("verdict", verdict.value)
            button.clicked.connect(self.decide)
        self.lay_out(self.tr("Select a request to decide on it."), self.tr("Comment (required to send back)"),
                     (self.acting, self.compare, self.reason, title_label(self.tr("Conflict check"), "sectionTitle"),
                      self.conflicts, self.history_title, self.history), self.buttons.values())

    def key(self, entry: ApprovalEntry) -> tuple:
        return entry.item.change_request_id, entry.item.step

    def fill(self, entry: ApprovalEntry) -> None:
        item = entry.item
        self.title.setText(labels.with_note(f"{item.candidate} · {item.position} · {labels.change_kind(item.kind)}",
                                            f"#{item.change_request_id}"))
        due = self.due_text(item.step_due_at, self.tr("due {0}"))
        if item.status == "pending" and item.step_kind:
            self.step.setText(f"<b>{step_text(item)}</b>　{due}")
        else:
            self.step.setText(f"<b>{labels.change_status(item.status)}</b>")
        notes = []
        if item.acting_for:
            notes.append(self.tr("You decide on behalf of {0}, who is away.").format(item.acting_for))
        if item.applied_early:
            notes.append(self.tr("Same-day change: already in effect, approved afterwards."))
        self.acting.setText(" ".join(notes))
        self.acting.setVisible(bool(notes))
        rows = snapshot_rows(entry, self.ctx.tz)
        fill_table(self.compare, [(what, old, new) for what, old, new, _changed in rows])
        for n, (_what, _old, _new, changed) in enumerate(rows):
            if changed:
                cell = self.compare.item(n, 2)
                font = cell.font()
                font.setBold(True)
                cell.setFont(font)
        reason = change_words.with_reason(item.reason, item.reason_code)
        self.reason.setText(self.tr("Reason: {0} (asked by: {1}; requested {2})").format(
            reason, labels.party(item.party), self.ctx.format_time(item.created_at)))
        if item.status != "pending":
            self.conflicts.show_pending(self.tr("Decided: the calendar is no longer checked for this request."))
        elif item.proposed.get("status") == "cancelled":
            self.conflicts.show_pending(self.tr("A cancellation does not need a conflict check."))
        else:
            self.conflicts.show_conflicts(entry.conflicts)
        fill_table(self.history, [
            (change_words.step_name(d.step_kind, d.step_role) or str(d.step),
             d.approver + (self.tr(" (for {0})").format(d.acting_for) if d.acting_for else ""),
             approver_role(d.role), labels.verdict(d.verdict) + (change_words.by_mail() if d.channel == "email" else ""),
             "", self.ctx.format_time(d.decided_at), d.comment)
            for d in item.history])
        for row, d in enumerate(item.history):
            signatures.show_in(self.history, row, SIGNATURE_COLUMN, self.ctx, d.signature, d.signer,
                               by_mail=d.channel == "email")
        self.history_title.setVisible(bool(item.history))
        self.history.setVisible(bool(item.history))
        offered = () if self.read_only or item.status != "pending" else VERDICTS.get(item.step_kind, ())
        for verdict, button in self.buttons.items():    # each button names the request it decides
            button.setText(self.tr("{0}: {1} (#{2})").format(self.verdict_words[verdict], item.candidate,
                                                              item.change_request_id))
            button.setToolTip(request_summary(item, self.ctx.tz))
            button.setVisible(verdict in offered)
            button.setEnabled(True)
        self.comment.setVisible(bool(offered))

    def decide(self) -> None:
        if self.entry is None:
            return
        verdict = Verdict(self.sender().property("verdict"))
        comment = self.comment_for(verdict == Verdict.REJECTED)
        if comment is None:
            return
        item, actor = self.entry.item, self.ctx.actor
        request_id, step = item.change_request_id, item.step
        self.ctx.write(lambda session: changes.decide(session, actor, request_id, verdict, comment, step),
                       lambda result: self.page.decided(verdict, result), self.page.refused,
                       entity="change_request", ids=lambda _result: (request_id, item.interview_id), owner=self)


class ApprovalsPage(DecisionInbox, QWidget):
    RELOAD_ON = ("change_request", "interview")
    fetch = staticmethod(desk_views.approval_inbox)

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        # the Due column of the list stays in sight beside the decision panel
        splitter = self.inbox(InboxTableModel(ctx, self), DecisionPanel(ctx, self),
                              self.tr("Nothing is waiting for your decision."), count_in_list=False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.hide()
        head = QHBoxLayout()
        head.addWidget(title_label(self.tr("Approvals")))
        head.addSpacing(16)
        head.addWidget(self.count, 1)

        self.all_model = ChangeRequestTableModel(ctx, self)
        self.all_model.descending = True
        self.all_table = PagedTableView(self.all_model)
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All statuses"), "")
        for code in labels.CHANGE_STATUSES:
            self.status_filter.addItem(labels.change_status(code), code)
        self.status_filter.currentIndexChanged.connect(self._status_filter_changed)
        everything = QWidget()
        column = QVBoxLayout(everything)
        row = QHBoxLayout()
        row.addWidget(self.status_filter)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(self.all_table, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(splitter, self.tr("Waiting for me"))
        self.tabs.addTab(everything, self.tr("All change requests"))
        self.offers = OfferApprovals(ctx, self.show_status)      # offers waiting for this user's step
        self.tabs.addTab(self.offers, self.tr("Offers waiting for me"))
        self.purges = PurgeApprovals(ctx, self.show_status)      # purges of personal data (two people)
        self.tabs.addTab(self.purges, self.tr("Purges waiting for me"))
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)

        self.table.doubleClicked.connect(lambda _index: self.panel.comment.setFocus())
        self.all_table.sig_activated.connect(self.open_request)
        self.request_dialog: QDialog | None = None
        self.all_model.sig_failed.connect(self._list_failed)
        if not ctx.may(Action.APPROVAL_DECIDE):   # HR follows its requests rather than deciding them
            self.tabs.setCurrentIndex(1)
            self.all_model.refresh()
        self.tabs.currentChanged.connect(self._tab_changed)
        ctx.sig_changed.connect(self._changed)
        self.load()

    def _tab_changed(self, index: int) -> None:
        if index == 1 and not self.all_model.loaded_once and not self.all_model.loading:
            self.all_model.refresh()

    def _status_filter_changed(self, _index: int) -> None:
        self.all_model.set_filter("status", self.status_filter.currentData())

    def _list_failed(self, error: BaseException) -> None:
        show_error(error, self)

    # --- the inbox -----------------------------------------------------------------------------

    def entry_id(self, entry: ApprovalEntry) -> int:
        return entry.item.change_request_id

    def count_text(self, count: int) -> str:
        return self.tr("%n request(s) waiting for you", "", count)

    def select_request(self, request_id: int) -> None:
        """Show that request in the inbox, now or as soon as the inbox arrives."""
        self.tabs.setCurrentIndex(0)
        self.select_entry(request_id)

    def open_request(self, request_id: int) -> None:
        """A double-click in the list of all requests: decide it here when it waits for this user,
        else read it in full (what changes, why, the decisions so far)."""
        if request_id in [e.item.change_request_id for e in self.entries]:
            self.select_request(request_id)
            return
        actor = self.ctx.actor
        self.ctx.read(lambda session: desk_views.change_request_entry(session, actor, request_id),
                      self._request_arrived, lambda error: show_error(error, self), owner=self)

    def _request_arrived(self, entry: ApprovalEntry) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Change request #{0}").format(entry.item.change_request_id))
        panel = DecisionPanel(self.ctx, None, dialog, read_only=True)
        panel.show_entry(entry)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(dialog.reject)
        column = QVBoxLayout(dialog)
        column.addWidget(panel, 1)
        column.addWidget(buttons)
        dialog.resize(760, 620)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.request_dialog = dialog
        dialog.open()

    # --- outcomes ------------------------------------------------------------------------------

    def show_status(self, text: str, *, problem: bool = False) -> None:
        self.status.setObjectName("formError" if problem else "success")
        self.status.setStyleSheet("color: #c0392b;" if problem else "color: #2e7d32;")
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def decided(self, verdict: Verdict, result: changes.DecisionResult) -> None:
        text = self.tr("Change request #{0}: {1}.").format(result.change_request_id, labels.verdict(verdict.value))
        if result.next_step is not None:
            text += " " + self.tr("It moves on to {0}.").format(
                change_words.step_name(result.next_step_kind, result.next_step_role))
        elif result.status == "applied":
            text += " " + self.tr("The change is in effect; everyone is being notified.")
        elif result.status == "rejected":
            text += " " + self.tr("The request is closed; the requester is told.")
        self.show_status(text)
