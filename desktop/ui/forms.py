"""What the create/edit dialogs share: saving through the writer thread, keeping the dialog open
with the user's input when core refuses, and a department picker filled off the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
)
from sqlalchemy.orm import Session

from desktop.core.errors import DeskError, ValidationFailed
from desktop.core.services import departments
from desktop.ui import messages
from desktop.ui.errors import show_error
from desktop.ui.widgets import ValidatedForm, primary_button

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


class DepartmentPicker(QComboBox):
    """Departments as an indented tree; `optional` adds a "none" entry (data None)."""

    sig_ready = Signal()

    def __init__(self, ctx: "AppContext", *, optional: bool = False, none_text: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._optional = optional
        self._none_text = none_text or QCoreApplication.translate("DepartmentPicker", "(none)")
        self._wanted: int | None = None
        self.ready = False
        self.setMinimumWidth(220)
        if optional:
            self.addItem(self._none_text, None)
        ctx.read(departments.list_departments, self._fill, owner=self)

    def select(self, department_id: int | None) -> None:
        self._wanted = department_id
        index = self.findData(department_id)
        if index >= 0:
            self.setCurrentIndex(index)

    def department_id(self) -> int | None:
        return self.currentData()

    def _fill(self, found: list[departments.DepartmentInfo]) -> None:
        self.clear()
        if self._optional:
            self.addItem(self._none_text, None)
        for dept in found:
            self.addItem("\u3000" * dept.depth + dept.name, dept.id)
        if self._wanted is not None or self._optional:
            self.select(self._wanted)
        self.ready = True
        self.sig_ready.emit()


class EditDialog(QDialog):
    """A form dialog that saves through `ctx.write` and stays open, with the input as typed, when
    core refuses (validation, a newer version saved by someone else, a duplicate code)."""

    sig_saved = Signal(object)   # what the service returned (new id or new version)

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.saving = False
        self.form_layout = QFormLayout()
        self.form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.form = ValidatedForm(self.form_layout, QLabel())
        self.buttons = QDialogButtonBox()
        self.save_button: QPushButton = primary_button(QCoreApplication.translate("EditDialog", "Save"))
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            QCoreApplication.translate("EditDialog", "Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def wait_for(self, picker: DepartmentPicker) -> None:
        """Saving before the department list has arrived would drop the record's department."""
        self.save_button.setEnabled(picker.ready)
        picker.sig_ready.connect(self._picker_ready)

    def _picker_ready(self) -> None:
        self.save_button.setEnabled(not self.saving)

    def assemble(self, *extra: QWidget) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.form.banner)
        layout.addLayout(self.form_layout)
        for widget in extra:
            layout.addWidget(widget)
        layout.addWidget(self.buttons)

    # subclasses: build the input and the unit of work
    def work(self) -> tuple[Callable[[Session], Any], str, Callable[[Any], tuple[int, ...]]]:
        raise NotImplementedError

    def save(self) -> None:
        if self.saving:
            return
        try:
            fn, entity, ids = self.work()
        except ValidationFailed as problems:   # checked in the form (e.g. a date that does not parse)
            self.form.show_problems(problems)
            return
        self.form.clear()
        self.saving = True
        self.save_button.setEnabled(False)
        self.ctx.write(fn, self._saved, self._refused, entity=entity, ids=ids, owner=self)

    def _saved(self, result: Any) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        self.sig_saved.emit(result)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        if isinstance(error, ValidationFailed):
            self.form.show_problems(error)
        elif isinstance(error, DeskError):
            self.form.show_message(messages.describe(error))
            field = error.params.get("field")
            if field in self.form.errors:
                self.form.errors[field].setText(messages.describe(error))
                self.form.errors[field].show()
        else:
            self.form.show_message(messages.describe(error))
            show_error(error, self)
