"""Settings → 审批链 (administrators): the approval chains — which department and kind of change each
governs, whether a same-day change applies first and is approved afterwards, and its ordered steps
(approve, file or confirm; by a role or a named person; a deadline and whom to escalate to) — and
the delegation of an approver's decisions while they are away."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDateTimeEdit, QHBoxLayout, QHeaderView, QLineEdit, QPushButton,
    QSpinBox, QTableView, QTableWidget, QVBoxLayout, QWidget,
)

from desktop.core.model import Role
from desktop.core.scheduling import chains, lookups
from desktop.core.scheduling.chains import ChainInfo, ChainInput, StepInput
from desktop.core import labels
from desktop.ui.errors import show_error
from desktop.ui.forms import DepartmentPicker, EditDialog
from desktop.ui.list_model import ListTableModel
from desktop.ui.widgets import hint_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

STEP_ROLES = (Role.DEPT_LEADER, Role.PERSONNEL_OFFICE, Role.DIRECTOR, Role.HR_OFFICER, Role.ADMIN)


def step_summary(step: StepInput, people: dict[int, str]) -> str:
    who = labels.role(step.role) if step.role else people.get(step.user_id, f"#{step.user_id}")
    return who + labels.step_kind(step.kind)


class ChainTableModel(ListTableModel):
    COL_NAME, COL_SCOPE, COL_KIND, COL_STEPS, COL_SAME_DAY, COL_ACTIVE = range(6)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.people: dict[int, str] = {}

    def headers(self) -> list[str]:
        return [self.tr("Name"), self.tr("Department"), self.tr("Kind of change"), self.tr("Steps"),
                self.tr("Same day: apply first"), self.tr("Active")]

    def display(self, row: ChainInfo, column: int) -> str:
        d = row.data
        return {self.COL_NAME: d.name, self.COL_SCOPE: row.department or self.tr("Whole institution"),
                self.COL_KIND: labels.change_kind(d.change_kind) if d.change_kind else self.tr("Every kind"),
                self.COL_STEPS: " → ".join(step_summary(s, self.people) for s in d.steps) or self.tr("(no steps)"),
                self.COL_SAME_DAY: labels.yes_no(d.allow_same_day_apply),
                self.COL_ACTIVE: labels.yes_no(d.is_active)}.get(column, "")


class StepsEditor(QWidget):
    """The ordered steps as rows of choices; add, remove and move rows."""

    COL_KIND, COL_APPROVER, COL_DEADLINE, COL_ESCALATE = range(4)

    def __init__(self, people: list[lookups.PersonChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.people = people
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("Decided by"), self.tr("Deadline"),
                                              self.tr("Escalate to")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(32)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(170)
        self.add_button = QPushButton(self.tr("Add step"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.up_button = QPushButton(self.tr("Move up"))
        self.down_button = QPushButton(self.tr("Move down"))
        row = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(row)
        self.add_button.clicked.connect(self.add_step)
        self.remove_button.clicked.connect(self.remove_step)
        self.up_button.clicked.connect(self.move_up)
        self.down_button.clicked.connect(self.move_down)

    def set_steps(self, steps: tuple[StepInput, ...]) -> None:
        self.table.setRowCount(0)
        for step in steps:
            self._append(step)

    def _append(self, step: StepInput) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        kind = QComboBox()
        for code in labels.STEP_KINDS:
            kind.addItem(labels.step_kind(code), code)
        kind.setCurrentIndex(max(0, kind.findData(step.kind)))
        approver = QComboBox()
        for role in STEP_ROLES:
            approver.addItem(self.tr("Role: {0}").format(labels.role(role.value)), f"role:{role.value}")
        for person in self.people:
            approver.addItem(self.tr("Person: {0}").format(person.name), f"user:{person.id}")
        wanted = f"role:{step.role}" if step.role else f"user:{step.user_id}"
        approver.setCurrentIndex(max(0, approver.findData(wanted)))
        deadline = QSpinBox()
        deadline.setRange(0, 30 * 24 * 60)
        deadline.setSingleStep(30)
        deadline.setSpecialValueText(self.tr("none"))
        deadline.setSuffix(self.tr(" min"))
        deadline.setValue(step.deadline_minutes or 0)
        escalate = QComboBox()
        escalate.addItem(self.tr("(nobody)"), None)
        for person in self.people:
            escalate.addItem(person.name, person.id)
        escalate.setCurrentIndex(max(0, escalate.findData(step.escalate_to_id)))
        for column, widget in enumerate((kind, approver, deadline, escalate)):
            self.table.setCellWidget(row, column, widget)

    def steps(self) -> tuple[StepInput, ...]:
        found = []
        for row in range(self.table.rowCount()):
            kind = self.table.cellWidget(row, self.COL_KIND).currentData()
            who, _sep, value = str(self.table.cellWidget(row, self.COL_APPROVER).currentData()).partition(":")
            minutes = self.table.cellWidget(row, self.COL_DEADLINE).value() or None
            escalate = self.table.cellWidget(row, self.COL_ESCALATE).currentData()
            found.append(StepInput(kind, role=value if who == "role" else None,
                                   user_id=int(value) if who == "user" else None, deadline_minutes=minutes,
                                   escalate_to_id=escalate))
        return tuple(found)

    def add_step(self) -> None:
        self._append(StepInput("approve", role=Role.DEPT_LEADER.value, deadline_minutes=120))
        self.table.selectRow(self.table.rowCount() - 1)

    def remove_step(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            steps = list(self.steps())
            del steps[row]
            self.set_steps(tuple(steps))

    def _swap(self, row: int, other: int) -> None:
        steps = list(self.steps())
        if 0 <= row < len(steps) and 0 <= other < len(steps):
            steps[row], steps[other] = steps[other], steps[row]
            self.set_steps(tuple(steps))
            self.table.selectRow(other)

    def move_up(self) -> None:
        self._swap(self.table.currentRow(), self.table.currentRow() - 1)

    def move_down(self) -> None:
        self._swap(self.table.currentRow(), self.table.currentRow() + 1)


class ChainDialog(EditDialog):
    def __init__(self, ctx: "AppContext", people: list[lookups.PersonChoice], chain: ChainInfo | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.chain = chain
        self.setWindowTitle(self.tr("Edit approval chain") if chain else self.tr("New approval chain"))
        self.setMinimumWidth(720)
        data = chain.data if chain else ChainInput(self.tr("New chain"), None, None, False, (
            StepInput("approve", role=Role.DEPT_LEADER.value, deadline_minutes=120),))
        self.name = QLineEdit(data.name)
        self.department = DepartmentPicker(ctx, optional=True, none_text=self.tr("Whole institution"))
        self.department.select(data.department_id)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Every kind of change"), None)
        for code in labels.CHANGE_KINDS:
            self.kind.addItem(labels.change_kind(code), code)
        self.kind.setCurrentIndex(max(0, self.kind.findData(data.change_kind)))
        self.same_day = QCheckBox(self.tr("A change for today takes effect at once and is approved afterwards"))
        self.same_day.setChecked(data.allow_same_day_apply)
        self.active = QCheckBox(self.tr("In use"))
        self.active.setChecked(data.is_active)
        self.steps = StepsEditor(people)
        self.steps.set_steps(data.steps)
        add = self.form.add
        add("name", self.tr("Name *"), self.name)
        add("department_id", self.tr("Department"), self.department)
        add("change_kind", self.tr("Kind of change"), self.kind)
        add("allow_same_day_apply", "", self.same_day)
        add("is_active", "", self.active)
        add("steps", self.tr("Steps, in order"), self.steps)
        self.assemble(hint_label(self.tr("The most specific chain governs a change: the department (or the nearest "
                                         "parent) and the kind, then the department for every kind, then the whole "
                                         "institution.")))
        self.wait_for(self.department)

    def chain_input(self) -> ChainInput:
        return ChainInput(name=self.name.text(), department_id=self.department.department_id(),
                          change_kind=self.kind.currentData(), allow_same_day_apply=self.same_day.isChecked(),
                          steps=self.steps.steps(), is_active=self.active.isChecked())

    def work(self):
        data, actor = self.chain_input(), self.ctx.actor
        chain_id = self.chain.id if self.chain else None
        version = self.chain.version if self.chain else None
        return ((lambda session: chains.save_chain(session, actor, data, chain_id, version)), "chain",
                (lambda saved: (saved,)))


def _utc(value: QDateTime, zone) -> datetime:
    local = value.toPython()
    return local.replace(tzinfo=zone).astimezone(timezone.utc)


class DelegationDialog(EditDialog):
    def __init__(self, ctx: "AppContext", people: list[lookups.PersonChoice], parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("Delegate approvals"))
        self.approver = QComboBox()
        self.delegate = QComboBox()
        for person in people:
            text = labels.with_note(person.name, person.department) if person.department else person.name
            self.approver.addItem(text, person.id)
            self.delegate.addItem(text, person.id)
        start = ctx.local(ctx.clock.now()).replace(second=0, microsecond=0, tzinfo=None)
        self.starts = QDateTimeEdit(QDateTime(start))
        self.ends = QDateTimeEdit(QDateTime(start + timedelta(days=3)))
        for edit in (self.starts, self.ends):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        add = self.form.add
        add("user_id", self.tr("Approver who is away *"), self.approver)
        add("delegate_id", self.tr("Decides in their place *"), self.delegate)
        add("starts_at", self.tr("From"), self.starts)
        add("ends_at", self.tr("Until"), self.ends)
        self.assemble(hint_label(self.tr("During this time the delegate sees the approver's requests in their inbox "
                                         "and decides in the approver's name; the decision records both.")))

    def work(self):
        actor, zone = self.ctx.actor, self.ctx.tz
        user_id, delegate_id = self.approver.currentData(), self.delegate.currentData()
        starts, ends = _utc(self.starts.dateTime(), zone), _utc(self.ends.dateTime(), zone)
        return ((lambda session: chains.add_delegation(session, actor, user_id, delegate_id, starts, ends)),
                "delegation", (lambda saved: (saved,)))


class ChainsPanel(QWidget):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.people: list[lookups.PersonChoice] = []
        self.dialog: EditDialog | None = None
        self.model = ChainTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(ChainTableModel.COL_STEPS, QHeaderView.ResizeMode.Stretch)
        self.new_button = QPushButton(self.tr("New chain…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.delegate_button = QPushButton(self.tr("Delegate approvals…"))
        self.status = hint_label()
        row = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delegate_button):
            row.addWidget(button)
        row.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        self.new_button.clicked.connect(self.new_chain)
        self.edit_button.clicked.connect(self.edit_chain)
        self.delegate_button.clicked.connect(self.delegate)
        self.table.doubleClicked.connect(self.edit_chain)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        ctx.sig_changed.connect(self._changed)
        self._update_buttons()
        self.new_button.setEnabled(False)
        self.delegate_button.setEnabled(False)
        self.load()

    def _changed(self, entity: str, _ids: object) -> None:
        if entity in ("chain", "user"):
            self.load()

    def load(self) -> None:
        actor = self.ctx.actor
        self.ctx.read(lambda session: (chains.list_chains(session, actor), lookups.people(session)), self._arrived,
                      lambda error: show_error(error, self), owner=self)

    def _arrived(self, found) -> None:
        found_chains, self.people = found
        self.model.people = {p.id: p.name for p in self.people}
        selected = self.selected()
        self.model.set_rows(found_chains)
        if selected is not None:
            ids = [c.id for c in found_chains]
            if selected.id in ids:
                self.table.selectRow(ids.index(selected.id))
        self.new_button.setEnabled(True)
        self.delegate_button.setEnabled(bool(self.people))
        self._update_buttons()

    def selected(self) -> ChainInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def _update_buttons(self, *_args) -> None:
        self.edit_button.setEnabled(self.selected() is not None)

    def new_chain(self) -> None:
        self._open(ChainDialog(self.ctx, self.people, parent=self))

    def edit_chain(self, *_args) -> None:
        chain = self.selected()
        if chain is not None:
            self._open(ChainDialog(self.ctx, self.people, chain, parent=self))

    def delegate(self) -> None:
        self._open(DelegationDialog(self.ctx, self.people, parent=self))
        self.dialog.sig_saved.connect(self._delegated)

    def _delegated(self, _delegation_id: int) -> None:
        self.status.setText(self.tr("The delegation is saved."))

    def _open(self, dialog: EditDialog) -> None:
        self.dialog = dialog
        dialog.open()
