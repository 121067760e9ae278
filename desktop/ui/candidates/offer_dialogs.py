"""HR's dialogs for an application's offer (录用通知, issue 12 §3): drafting or editing it (salary
lines, start date, probation, work place, reply deadline) and sending it into approval, recording an
answer the candidate gave by phone, and withdrawing it. Each saves through ctx.write
(desktop/ui/forms.py EditDialog) and stays open with the input when core refuses."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QCheckBox, QDateEdit, QDateTimeEdit, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPushButton, QRadioButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop.core import offers
from desktop.core.errors import ValidationFailed
from desktop.core.offers import OfferInput, OfferView, PayLine
from desktop.ui.forms import EditDialog
from desktop.ui.widgets import hint_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

DEFAULT_PAY = ("岗位工资", "薪级工资", "绩效工资")     # 事业单位; HR changes the lines for other structures
DEFAULT_REPLY_DAYS = 7


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class PayTable(QWidget):
    """The salary structure: one line per part (label, amount as the letter shows it, note)."""

    def __init__(self, lines: tuple[PayLine, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Part"), self.tr("Amount"), self.tr("Note")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(130)
        self.add_button = QPushButton(self.tr("Add line"))
        self.remove_button = QPushButton(self.tr("Remove line"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        for line in lines:
            self.add_line(line.label, line.amount, line.note)
        self.add_button.clicked.connect(lambda: self.add_line())
        self.remove_button.clicked.connect(self.remove_line)

    def add_line(self, label: str = "", amount: str = "", note: str = "") -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate((label, amount, note)):
            self.table.setItem(row, column, QTableWidgetItem(text))

    def remove_line(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.table.removeRow(rows[0].row())

    def set_amount(self, row: int, amount: str) -> None:
        self.table.item(row, 1).setText(amount)

    def lines(self) -> tuple[PayLine, ...]:
        text = lambda r, c: (self.table.item(r, c).text() if self.table.item(r, c) else "").strip()  # noqa: E731
        return tuple(PayLine(text(r, 0), text(r, 1), text(r, 2)) for r in range(self.table.rowCount())
                     if any(text(r, c) for c in range(3)))


class OfferDialog(EditDialog):
    """A new offer for the application, or the draft `offer` (new, or returned by an approver)."""

    def __init__(self, ctx: "AppContext", application_id: int, caption: str, offer: OfferView | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.application_id, self.offer = application_id, offer
        self.setWindowTitle(self.tr("Offer") if offer is None else self.tr("Edit offer"))
        self.save_button.setText(self.tr("Save"))
        today = ctx.today()
        self.pay = PayTable(offer.pay if offer else tuple(PayLine(label, "") for label in DEFAULT_PAY))
        self.start = QDateEdit(_qdate(offer.start_date if offer and offer.start_date else today + timedelta(days=30)))
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        self.probation = QSpinBox()
        self.probation.setRange(0, 6)
        self.probation.setSuffix(self.tr(" month(s)"))
        self.probation.setValue(offer.probation_months if offer else 3)
        self.place = QLineEdit(offer.work_place if offer else "")
        self.place.setMaxLength(offers.PLACE_MAX)
        reply = (ctx.local(offer.reply_by) if offer and offer.reply_by
                 else datetime.combine(today + timedelta(days=DEFAULT_REPLY_DAYS), time(17, 0)))
        self.reply_by = QDateTimeEdit(QDateTime(_qdate(reply.date()), QTime(reply.hour, reply.minute)))
        self.reply_by.setCalendarPopup(True)
        self.reply_by.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.submit = QCheckBox(self.tr("Submit for approval after saving"))
        add = self.form.add
        add("application", self.tr("Application"), QLabel(caption))
        add("pay", self.tr("Salary structure *"), self.pay)
        add("start_date", self.tr("Start date *"), self.start)
        add("probation_months", self.tr("Probation"), self.probation)
        add("work_place", self.tr("Work place *"), self.place)
        add("reply_by", self.tr("Reply by *"), self.reply_by)
        self.assemble(self.submit, hint_label(self.tr(
            "The offer goes to the candidate by mail (with the letter as PDF) once the approval chain for offers "
            "has approved it; without such a chain it goes out at once.")))
        self.resize(620, 0)

    def data(self) -> OfferInput:
        picked = self.reply_by.dateTime()
        local = datetime.combine(_date(picked.date()), time(picked.time().hour(), picked.time().minute()),
                                 tzinfo=self.ctx.tz)
        return OfferInput(self.application_id, self.pay.lines(), _date(self.start.date()), self.probation.value(),
                          self.place.text(), local)

    def work(self):
        data, actor, offer, submit = self.data(), self.ctx.actor, self.offer, self.submit.isChecked()

        def save(session):
            if offer is None:
                offer_id = offers.create(session, actor, data)
            else:
                offers.update(session, actor, offer.id, data, offer.version)
                offer_id = offer.id
            if submit:
                offers.submit(session, actor, offer_id)
            return offer_id

        return save, "application", (lambda _id: (data.application_id,))

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, ValidationFailed):      # a bad salary line is marked at the table
            error = ValidationFailed({("pay" if k.startswith("pay") else k): v for k, v in error.problems.items()})
        super()._refused(error)


class AnswerDialog(EditDialog):
    """The candidate's 接受 / 拒绝 given by phone, with HR's note (required)."""

    def __init__(self, ctx: "AppContext", offer: OfferView, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.offer = offer
        self.setWindowTitle(self.tr("Record answer"))
        self.save_button.setText(self.tr("Record"))
        self.accepted = QRadioButton(self.tr("Accepted"))
        self.declined = QRadioButton(self.tr("Declined"))
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.accepted)
        self.choice.addButton(self.declined)
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.accepted)
        row.addWidget(self.declined)
        row.addStretch(1)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Who called whom, when, what was said"))
        self.form.add("application", self.tr("Application"), QLabel(caption))
        self.form.add("verdict", self.tr("Answer *"), box)
        self.form.add("note", self.tr("Note *"), self.note)
        self.assemble()
        self.resize(520, 0)

    def work(self):
        if not (self.accepted.isChecked() or self.declined.isChecked()):
            raise ValidationFailed({"verdict": "required"})
        offer, actor, accepted, note = self.offer, self.ctx.actor, self.accepted.isChecked(), self.note.text()
        return ((lambda session: offers.record_answer(session, actor, offer.id, accepted, note, offer.version)),
                "application", (lambda _status: (offer.application_id,)))


class WithdrawDialog(EditDialog):
    """Withdraw an open offer (draft, in approval or sent), with the reason kept on the timeline."""

    def __init__(self, ctx: "AppContext", offer: OfferView, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.offer = offer
        self.setWindowTitle(self.tr("Withdraw offer"))
        self.save_button.setText(self.tr("Withdraw"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Kept on the application's timeline"))
        self.form.add("application", self.tr("Application"), QLabel(caption))
        self.form.add("reason", self.tr("Reason *"), self.reason)
        self.assemble()
        self.resize(520, 0)

    def work(self):
        offer, actor, reason = self.offer, self.ctx.actor, self.reason.text()
        return ((lambda session: offers.withdraw(session, actor, offer.id, reason, offer.version)),
                "application", (lambda _none: (offer.application_id,)))
