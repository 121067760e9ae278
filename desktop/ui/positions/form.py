"""Create and edit a position (岗位): code, title, department, headcount, requirements, status and
dates. Core validates; problems appear beside the fields and nothing is saved."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLineEdit, QPlainTextEdit, QSpinBox, QTabWidget, QVBoxLayout, QWidget,
)

from desktop.core.errors import ValidationFailed
from desktop.core.services import positions, requirements
from desktop.core.services.positions import PositionInput
from desktop.core import labels
from desktop.ui.errors import show_error
from desktop.ui.forms import DepartmentPicker, EditDialog
from desktop.ui.positions.requirements import RequirementsEditor
from desktop.ui.widgets import select_data

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


class OptionalDate(QWidget):
    """A date that may be left unset: a check box switches the date field on."""

    def __init__(self, text: str, default: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enabled = QCheckBox(text)
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setDate(QDate(default.year, default.month, default.day))
        self.edit.setEnabled(False)
        self.enabled.toggled.connect(self.edit.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.enabled)
        row.addWidget(self.edit, 1)

    def set_value(self, value: date | None) -> None:
        self.enabled.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(QDate(value.year, value.month, value.day))

    def value(self) -> date | None:
        if not self.enabled.isChecked():
            return None
        d = self.edit.date()
        return date(d.year(), d.month(), d.day())


class PositionForm(EditDialog):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None, *, position_id: int | None = None,
                 data: PositionInput | None = None, version: int | None = None) -> None:
        super().__init__(ctx, parent)
        self.position_id = position_id
        self.version = version
        self.setWindowTitle(self.tr("Edit position") if position_id else self.tr("New position"))
        self.setMinimumWidth(640)
        add = self.form.add
        self.code = add("code", self.tr("Code *"), QLineEdit())
        self.code.setPlaceholderText(self.tr("e.g. HR-2026-01"))
        self.title = add("title", self.tr("Title *"), QLineEdit())
        self.department = add("department_id", self.tr("Department *"), DepartmentPicker(ctx))
        self.headcount = add("headcount", self.tr("Headcount"), QSpinBox())
        self.headcount.setRange(1, 999)
        self.post_type = add("post_type", self.tr("Post type"), QComboBox())
        self.post_type.addItem(self.tr("Not set (default offer template)"), "")
        for code in labels.POST_TYPES:
            self.post_type.addItem(labels.post_type(code), code)
        self.post_type.setToolTip(self.tr("Chooses the offer template (Settings → Offer templates)"))
        self.education = add("education", self.tr("Minimum education"), QComboBox())
        for code in labels.EDUCATIONS:
            self.education.addItem(labels.education(code), code)
        self.min_years = add("min_years", self.tr("Minimum years of experience"), QSpinBox())
        self.min_years.setRange(0, 50)
        self.skills = add("skills", self.tr("Skills"), QLineEdit())
        self.skills.setPlaceholderText(self.tr("Separate with commas, e.g. 人事管理, 公文写作"))
        self.description = add("description", self.tr("Description"), QPlainTextEdit())
        self.description.setFixedHeight(90)
        self.description.setTabChangesFocus(True)
        self.status = add("status", self.tr("Status"), QComboBox())
        for code in labels.POSITION_STATUSES:
            self.status.addItem(labels.position_status(code), code)
        today = ctx.today()
        self.opened_on = add("opened_on", self.tr("Opening date"), OptionalDate(self.tr("set"), today))
        self.closes_on = add("closes_on", self.tr("Closing date"), OptionalDate(self.tr("set"), today))
        self.requirements = RequirementsEditor()
        self._assemble_in_tabs()
        self.fill(data or PositionInput(code="", title="", department_id=None))
        self.wait_for(self.department)
        self.requirements_ready = position_id is None
        if position_id is not None:      # saving before they arrive would drop them
            actor = ctx.actor
            ctx.read(lambda session: requirements.get_requirements(session, actor, position_id),
                     self._requirements_arrived, lambda error: show_error(error, self), owner=self)

    def _assemble_in_tabs(self) -> None:
        """The position's fields on one tab and its match requirements on the other: together they
        would not fit a 768-pixel-high screen."""
        self.tabs = QTabWidget()
        page = QWidget()
        page.setLayout(self.form_layout)
        self.tabs.addTab(page, self.tr("Position"))
        self.tabs.addTab(self.requirements, self.tr("Match requirements"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.form.banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)

    def _requirements_arrived(self, found: requirements.PositionRequirements) -> None:
        self.requirements.set_requirements([] if found.legacy else found.requirements)
        self.requirements_ready = True
        self.save_button.setEnabled(self.department.ready and not self.saving)

    def _picker_ready(self) -> None:
        self.save_button.setEnabled(not self.saving and self.requirements_ready)

    def _refused(self, error: BaseException) -> None:
        super()._refused(error)
        if isinstance(error, ValidationFailed) and any(k.startswith("requirement") for k in error.problems) \
                and not any(k in self.form.errors for k in error.problems):
            self.tabs.setCurrentWidget(self.requirements)

    def fill(self, data: PositionInput) -> None:
        self.code.setText(data.code)
        self.title.setText(data.title)
        self.department.select(data.department_id)
        self.headcount.setValue(data.headcount)
        select_data(self.post_type, data.post_type)
        select_data(self.education, data.education)
        self.min_years.setValue(data.min_years)
        self.skills.setText(data.skills)
        self.description.setPlainText(data.description)
        select_data(self.status, data.status)
        self.opened_on.set_value(data.opened_on)
        self.closes_on.set_value(data.closes_on)

    def entered(self) -> PositionInput:
        return PositionInput(
            code=self.code.text(), title=self.title.text(), department_id=self.department.department_id(),
            headcount=self.headcount.value(), education=self.education.currentData(),
            min_years=self.min_years.value(), skills=self.skills.text(),
            description=self.description.toPlainText(), status=self.status.currentData(),
            opened_on=self.opened_on.value(), closes_on=self.closes_on.value(),
            post_type=self.post_type.currentData() or "")

    def work(self):
        """The position and its requirements in one unit of work: a refused requirement saves neither."""
        data, actor, items = self.entered(), self.ctx.actor, self.requirements.requirements()
        if self.position_id is None:
            def create(session):
                new_id = positions.create_position(session, actor, data)
                requirements.replace_requirements(session, actor, new_id, items, None)
                return new_id
            return create, "position", (lambda new_id: (new_id,))
        position_id, version = self.position_id, self.version

        def update(session):
            positions.update_position(session, actor, position_id, data, version)
            return requirements.replace_requirements(session, actor, position_id, items, None)
        return update, "position", (lambda _version: (position_id,))
