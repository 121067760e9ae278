"""HR's dialogs for an application's offer (录用通知, issue 12 §3): drafting or editing it (salary
lines, start date, probation, work place, reply deadline) and sending it into approval, recording an
answer the candidate gave by phone, and withdrawing it. Each saves through ctx.write
(desktop/ui/forms.py EditDialog) and stays open with the input when core refuses."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QCheckBox, QComboBox, QDateEdit, QDateTimeEdit, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPushButton, QRadioButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop.core import labels, offer_templates, offers
from desktop.core.errors import ValidationFailed
from desktop.core.offer_templates import OfferPrefill
from desktop.core.offers import OfferInput, OfferView, PayLine
from desktop.ui import messages
from desktop.ui.forms import EditDialog
from desktop.ui.widgets import hint_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

DEFAULT_PAY = ("岗位工资", "薪级工资", "绩效工资")     # 事业单位; HR changes the lines for other structures
DEFAULT_REPLY_DAYS = 7
PROBLEM_COLOUR = QColor("#f8d0d0")
OPEN_COLOUR = QColor("#fff3c4")           # an amount the template left for HR


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
        self.up_button = QPushButton(self.tr("Move up"))
        self.down_button = QPushButton(self.tr("Move down"))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        for line in lines:
            self.add_line(line.label, line.amount, line.note)
        self.add_button.clicked.connect(lambda: self.add_line())
        self.remove_button.clicked.connect(self.remove_line)
        self.up_button.clicked.connect(lambda: self.move_line(-1))
        self.down_button.clicked.connect(lambda: self.move_line(1))

    def add_line(self, label: str = "", amount: str = "", note: str = "") -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate((label, amount, note)):
            self.table.setItem(row, column, QTableWidgetItem(text))

    def remove_line(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.table.removeRow(rows[0].row())

    def set_lines(self, lines: tuple[PayLine, ...]) -> None:
        self.table.setRowCount(0)
        for line in lines:
            self.add_line(line.label, line.amount, line.note)

    def move_line(self, step: int) -> None:
        """The selected line one place up (-1) or down (1): the letter lists them in this order."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        row = rows[0].row()
        target = row + step
        if not 0 <= target < self.table.rowCount():
            return
        for column in range(3):
            here, there = self.table.takeItem(row, column), self.table.takeItem(target, column)
            self.table.setItem(row, column, there)
            self.table.setItem(target, column, here)
        self.table.selectRow(target)

    def mark_problems(self, indexes) -> None:
        """Colour the lines core refused (`indexes` count the lines() gives, blank rows skipped)."""
        wanted = set(indexes)
        filled = [r for r in range(self.table.rowCount()) if any(self._text(r, c) for c in range(3))]
        for position, row in enumerate(filled):
            for column in range(3):
                item = self.table.item(row, column)
                if item is not None:
                    item.setBackground(PROBLEM_COLOUR if position in wanted else QBrush())

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def open_rows(self) -> list[int]:
        """The rows whose amount is still empty (the template left it for HR)."""
        return [r for r in range(self.table.rowCount()) if self._text(r, 0) and not self._text(r, 1)]

    def set_amount(self, row: int, amount: str) -> None:
        self.table.item(row, 1).setText(amount)

    def lines(self) -> tuple[PayLine, ...]:
        text = lambda r, c: (self.table.item(r, c).text() if self.table.item(r, c) else "").strip()  # noqa: E731
        return tuple(PayLine(text(r, 0), text(r, 1), text(r, 2)) for r in range(self.table.rowCount())
                     if any(text(r, c) for c in range(3)))


class OfferDialog(EditDialog):
    """A new offer for the application, or the draft `offer` (new, or returned by an approver).

    A new offer opens filled from the offer template of the position's post type (`prefill`,
    desktop/core/offer_templates.py); the template combo switches to another one, which refills
    the fields HR has not changed since they were filled. HR fills the amounts the template leaves
    open (marked), and anything else the offer needs."""

    FIELDS = ("pay", "start_date", "probation_months", "work_place", "reply_by", "grade")

    def __init__(self, ctx: "AppContext", application_id: int, caption: str, offer: OfferView | None = None,
                 parent: QWidget | None = None, prefill: OfferPrefill | None = None) -> None:
        super().__init__(ctx, parent)
        self.application_id, self.offer, self.prefill = application_id, offer, prefill
        self.setWindowTitle(self.tr("Offer") if offer is None else self.tr("Edit offer"))
        self.save_button.setText(self.tr("Save"))
        self.template = QComboBox()
        self.template_note = hint_label("")
        self.template_note.setWordWrap(False)        # short lines: wrapped, the form clipped them
        self.pay = PayTable(())
        self.pay.table.setMinimumHeight(185)          # four lines of a 事业单位 structure without scrolling
        self.start = QDateEdit()
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        self.probation = QSpinBox()
        self.probation.setRange(0, 6)
        self.probation.setSuffix(self.tr(" month(s)"))
        self.place = QLineEdit()
        self.place.setMaxLength(offers.PLACE_MAX)
        self.grade = QLineEdit()
        self.grade.setMaxLength(50)
        self.grade.setPlaceholderText(self.tr("e.g. 专业技术岗位 十级"))
        self.reply_by = QDateTimeEdit()
        self.reply_by.setCalendarPopup(True)
        self.reply_by.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.submit = QCheckBox(self.tr("Submit for approval after saving"))
        self.template_id: int | None = offer.template_id if offer else None
        self.filled: dict[str, object] = {}
        self._set_values(self._initial())
        add = self.form.add
        add("application", self.tr("Application"), QLabel(caption))
        if prefill is not None:
            add("template", self.tr("Offer template"), self.template)
            add("template_note", "", self.template_note)
            for t in prefill.templates:
                self.template.addItem(t.name, t.id)
            chosen = self.template_id if self.template_id is not None else prefill.template.id
            if self.template.findData(chosen) < 0 and offer is not None and offer.template_name:
                self.template.addItem(offer.template_name, chosen)       # deactivated since: still shown
            self.template.setCurrentIndex(max(self.template.findData(chosen), 0))
            self.template.currentIndexChanged.connect(self._switch)
            self._describe(prefill)
        add("pay", self.tr("Salary structure *"), self.pay)
        add("grade", self.tr("Post grade"), self.grade)
        add("start_date", self.tr("Start date *"), self.start)
        add("probation_months", self.tr("Probation"), self.probation)
        add("work_place", self.tr("Work place *"), self.place)
        add("reply_by", self.tr("Reply by *"), self.reply_by)
        self.assemble(self.submit, hint_label(self.tr(
            "The offer goes to the candidate by mail (with the letter as PDF) once the approval chain for offers "
            "has approved it; without such a chain it goes out at once.")))
        self._mark_open()
        self.pay.table.itemChanged.connect(lambda _item: self._mark_open())
        self.resize(720, 0)

    # --- values ------------------------------------------------------------------------------------

    def _initial(self) -> dict[str, object]:
        offer, prefill, today = self.offer, self.prefill, self.ctx.today()
        if offer is not None:
            reply = self.ctx.local(offer.reply_by) if offer.reply_by else \
                datetime.combine(today + timedelta(days=DEFAULT_REPLY_DAYS), time(17, 0))
            return {"pay": offer.pay, "start_date": offer.start_date or today + timedelta(days=30),
                    "probation_months": offer.probation_months, "work_place": offer.work_place,
                    "reply_by": reply.replace(tzinfo=None, second=0, microsecond=0), "grade": offer.grade}
        if prefill is not None:
            self.template_id = prefill.template.id
            return self._values_of(prefill.offer)
        return {"pay": tuple(PayLine(label, "") for label in DEFAULT_PAY), "start_date": today + timedelta(days=30),
                "probation_months": 3, "work_place": "", "grade": "",
                "reply_by": datetime.combine(today + timedelta(days=DEFAULT_REPLY_DAYS), time(17, 0))}

    def _values_of(self, data: OfferInput) -> dict[str, object]:
        reply = self.ctx.local(data.reply_by).replace(tzinfo=None, second=0, microsecond=0)
        return {"pay": data.pay, "start_date": data.start_date, "probation_months": data.probation_months,
                "work_place": data.work_place, "reply_by": reply, "grade": data.grade}

    def _values(self) -> dict[str, object]:
        picked = self.reply_by.dateTime()
        return {"pay": self.pay.lines(), "start_date": _date(self.start.date()),
                "probation_months": self.probation.value(), "work_place": self.place.text(),
                "reply_by": datetime.combine(_date(picked.date()), time(picked.time().hour(), picked.time().minute())),
                "grade": self.grade.text()}

    def _set(self, name: str, value) -> None:
        if name == "pay":
            self.pay.set_lines(value)
        elif name == "start_date":
            self.start.setDate(_qdate(value))
        elif name == "probation_months":
            self.probation.setValue(value)
        elif name == "work_place":
            self.place.setText(value)
        elif name == "reply_by":
            self.reply_by.setDateTime(QDateTime(_qdate(value.date()), QTime(value.hour, value.minute)))
        elif name == "grade":
            self.grade.setText(value)
        self.filled[name] = value

    def _set_values(self, values: dict[str, object]) -> None:
        for name in self.FIELDS:
            self._set(name, values[name])

    def untouched(self) -> list[str]:
        """The fields still as the template (or the draft) filled them."""
        now = self._values()
        return [name for name in self.FIELDS if now[name] == self.filled.get(name)]

    # --- switching template ------------------------------------------------------------------------

    def _switch(self, _index: int) -> None:
        template_id, actor, application_id = self.template.currentData(), self.ctx.actor, self.application_id
        if template_id is None:
            return
        self.template.setEnabled(False)
        self.ctx.read(lambda s: offer_templates.prefill(s, actor, application_id, template_id), self._refill,
                      self._switch_failed, owner=self)

    def _refill(self, prefill: OfferPrefill) -> None:
        keep = self.untouched()
        values = self._values_of(prefill.offer)
        for name in keep:
            self._set(name, values[name])
        self.template_id = prefill.template.id
        self.template.setEnabled(True)
        self._describe(prefill)
        self._mark_open()

    def _switch_failed(self, error: BaseException) -> None:
        self.template.setEnabled(True)
        self.form.show_message(messages.describe(error))

    def _describe(self, prefill: OfferPrefill) -> None:
        t = prefill.template
        kind = labels.post_type(prefill.post_type) if prefill.post_type else self.tr("not set")
        text = self.tr("Filled from “{0}”; the position's post type: {1}.").format(t.name, kind) + "\n" + \
            self.tr("Another template refills only the fields you have not changed.")
        if prefill.decision:
            text += "\n" + self.tr("Decision: {0}").format(prefill.decision)
        self.template_note.setText(text)

    def _mark_open(self) -> None:
        """Lines whose amount the template left for HR, coloured until filled."""
        table = self.pay.table
        table.blockSignals(True)
        open_rows = set(self.pay.open_rows())
        for row in range(table.rowCount()):
            item = table.item(row, 1)
            if item is not None:
                item.setBackground(OPEN_COLOUR if row in open_rows else QBrush())
        table.blockSignals(False)

    # --- saving ------------------------------------------------------------------------------------

    def data(self) -> OfferInput:
        picked = self.reply_by.dateTime()
        local = datetime.combine(_date(picked.date()), time(picked.time().hour(), picked.time().minute()),
                                 tzinfo=self.ctx.tz)
        return OfferInput(self.application_id, self.pay.lines(), _date(self.start.date()), self.probation.value(),
                          self.place.text(), local, self.grade.text(), self.template_id)

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
            lines = self.data().pay
            marked = [int(k[3:]) - 1 for k in error.problems if k.startswith("pay") and k[3:].isdigit()]
            open_lines = [lines[int(k[3:]) - 1].label for k, v in error.problems.items()
                          if k[3:].isdigit() and v == "amount_open" and int(k[3:]) <= len(lines)]
            error = ValidationFailed({("pay" if k.startswith("pay") else k): v for k, v in error.problems.items()})
            super()._refused(error)
            if open_lines:
                self.form.errors["pay"].setText(self.tr("{0}: no amount yet for {1}; fill in the amounts the "
                                                        "template leaves open.").format(
                    messages.field_label("pay"), labels.joined(f"“{label}”" for label in open_lines)))
            self.pay.mark_problems(marked)
            return
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
