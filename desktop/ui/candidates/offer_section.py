"""The offer and labour contract of the application selected on the applications panel (candidate
page and position page): its state, and HR's actions for the state it is in (issue 12 §3/§4).
The history is the application's timeline shown by the panel (offer_* and contract_* events)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.core import offer_desk, offer_templates
from desktop.core.errors import PermissionDenied
from desktop.core.permissions import Action
from desktop.ui import messages
from desktop.ui.approvals.offers import fill_steps, steps_table
from desktop.ui.candidates.contract_dialogs import ContractViewDialog, IssueContractDialog, SignedCopyDialog
from desktop.ui.candidates.offer_dialogs import AnswerDialog, OfferDialog, WithdrawDialog

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

STATES = {
    "draft": QT_TRANSLATE_NOOP("OfferSection", "Draft"),
    "pending_approval": QT_TRANSLATE_NOOP("OfferSection", "Awaiting approval (step {0})"),
    "sent": QT_TRANSLATE_NOOP("OfferSection", "Sent, reply by {0}"),
    "accepted": QT_TRANSLATE_NOOP("OfferSection", "Accepted"),
    "declined": QT_TRANSLATE_NOOP("OfferSection", "Declined"),
    "withdrawn": QT_TRANSLATE_NOOP("OfferSection", "Withdrawn"),
    "expired": QT_TRANSLATE_NOOP("OfferSection", "Expired without an answer"),
}


class OfferSection(QWidget):
    sig_loaded = Signal()

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.application: tuple[int, str] | None = None
        self.desk: offer_desk.OfferDesk | None = None
        self.prefill: offer_templates.OfferPrefill | None = None
        self.dialog = None
        self._generation = 0
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.steps_title = QLabel(self.tr("Approval of the offer"))
        self.steps = steps_table()          # each step with its signature (签名有效 / 无效 / 未签名)
        self.steps.setMaximumHeight(120)
        self.steps_title.hide()
        self.steps.hide()
        self.offer_button = QPushButton(self.tr("Offer…"))
        self.answer_button = QPushButton(self.tr("Record answer…"))
        self.withdraw_button = QPushButton(self.tr("Withdraw…"))
        self.contract_button = QPushButton(self.tr("Issue labour contract…"))
        self.signed_button = QPushButton(self.tr("Attach signed copy…"))
        self.view_button = QPushButton(self.tr("View contract"))
        offer_row, contract_row = QHBoxLayout(), QHBoxLayout()
        for button in (self.offer_button, self.answer_button, self.withdraw_button):
            offer_row.addWidget(button)
            button.setVisible(ctx.may(Action.CANDIDATE_EDIT))
        for button in (self.contract_button, self.signed_button, self.view_button):
            contract_row.addWidget(button)
        self.contract_button.setVisible(ctx.may(Action.POSITION_EDIT))
        self.signed_button.setVisible(ctx.may(Action.POSITION_EDIT))
        offer_row.addStretch(1)
        contract_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.state)
        layout.addWidget(self.steps_title)
        layout.addWidget(self.steps)
        layout.addLayout(offer_row)
        layout.addLayout(contract_row)
        self.offer_button.clicked.connect(self.edit_offer)
        self.answer_button.clicked.connect(self.record_answer)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.contract_button.clicked.connect(self.issue_contract)
        self.signed_button.clicked.connect(self.attach_signed)
        self.view_button.clicked.connect(self.view_contract)
        self.hide()

    def show_for(self, application_id: int | None, caption: str = "") -> None:
        self._generation += 1
        self.application = (application_id, caption) if application_id is not None else None
        if application_id is None:
            self.desk = None
            self.hide()
            return
        generation, actor, drafts = self._generation, self.ctx.actor, self.ctx.may(Action.CANDIDATE_EDIT)

        def load(session):
            """The offer, and what a new one would be filled with (the position's offer template)."""
            desk = offer_desk.for_application(session, actor, application_id)
            try:
                return desk, (offer_templates.prefill(session, actor, application_id) if drafts else None)
            except PermissionDenied:        # may draft offers in other departments only
                return desk, None

        self.ctx.read(load, lambda found: self._arrived(generation, *found), self._failed, owner=self)

    def _failed(self, error: BaseException) -> None:
        self.state.setText(messages.describe(error))
        self.steps_title.hide()
        self.steps.hide()
        for button in self._buttons():
            button.setEnabled(False)
        self.show()

    def _buttons(self):
        return (self.offer_button, self.answer_button, self.withdraw_button, self.contract_button,
                self.signed_button, self.view_button)

    def _arrived(self, generation: int, desk: offer_desk.OfferDesk | None,
                 prefill: offer_templates.OfferPrefill | None = None) -> None:
        if generation != self._generation:
            return
        self.desk, self.prefill = desk, prefill
        self.state.setText(self.state_text(desk))
        steps = desk.steps if desk else ()
        fill_steps(self.steps, self.ctx, steps)
        self.steps_title.setVisible(bool(steps))
        self.steps.setVisible(bool(steps))
        status = desk.offer.status if desk else None
        contract = desk.contract if desk else None
        self.offer_button.setEnabled(desk is None or status == "draft" or not desk.open)
        self.answer_button.setEnabled(status == "sent")
        self.withdraw_button.setEnabled(desk is not None and desk.open)
        self.contract_button.setEnabled(status == "accepted" and contract is None)
        self.signed_button.setEnabled(contract is not None)
        self.view_button.setEnabled(contract is not None)
        self.view_button.setVisible(contract is not None)
        self.show()
        self.sig_loaded.emit()

    def state_text(self, desk: offer_desk.OfferDesk | None) -> str:
        if desk is None:
            return self.tr("Offer: none yet.")
        offer = desk.offer
        state = QCoreApplication.translate("OfferSection", STATES.get(offer.status, offer.status))
        if offer.status == "pending_approval":
            state = state.format(offer.current_step)
        elif offer.status == "sent":
            state = state.format(self.ctx.format_time(offer.reply_by))
        text = self.tr("Offer: {0}").format(state)
        if offer.answer_note:
            text += " — " + offer.answer_note
        if desk.contract is not None:
            c = desk.contract
            signed = (self.tr("signed by the candidate {0}").format(self.ctx.format_time(c.signed_at)) if c.signed_at
                      else self.tr("awaiting the candidate's signature"))
            text += "\n" + self.tr("Labour contract {0}: issued {1}, {2}").format(
                c.contract_no, self.ctx.format_time(c.issued_at), signed)
        return text

    # --- actions -----------------------------------------------------------------------------------

    def _open(self, dialog) -> None:
        self.dialog = dialog
        dialog.open()

    def edit_offer(self) -> None:
        if self.application is None:
            return
        draft = self.desk.offer if self.desk and self.desk.offer.status == "draft" else None
        self._open(OfferDialog(self.ctx, self.application[0], self.application[1], draft, self, self.prefill))

    def record_answer(self) -> None:
        if self.desk is not None:
            self._open(AnswerDialog(self.ctx, self.desk.offer, self.application[1], self))

    def withdraw(self) -> None:
        if self.desk is not None:
            self._open(WithdrawDialog(self.ctx, self.desk.offer, self.application[1], self))

    def issue_contract(self) -> None:
        if self.desk is not None:
            self._open(IssueContractDialog(self.ctx, self.desk.offer, self.application[1], self))

    def attach_signed(self) -> None:
        if self.desk is not None and self.desk.contract is not None:
            self._open(SignedCopyDialog(self.ctx, self.desk.contract.id, self.desk.offer.application_id,
                                        self.application[1], self))

    def view_contract(self) -> None:
        if self.desk is not None and self.desk.contract is not None:
            self._open(ContractViewDialog(self.ctx, self.desk.contract.id, self.desk.contract.contract_no, self))
