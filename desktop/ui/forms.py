"""What the create/edit dialogs share: saving through the writer thread, keeping the dialog open
with the user's input when core refuses, and a department picker filled off the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton, QComboBox, QDateTimeEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget,
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


def _changes(widget: QWidget) -> list[tuple[object, bool]]:
    """The signals saying the input of `widget` changed, each with whether the change is finished
    (a pick, leaving a text field) or still being typed; a plain container answers for its inputs."""
    if isinstance(widget, QLineEdit):
        return [(widget.textChanged, False), (widget.editingFinished, True)]
    if isinstance(widget, QPlainTextEdit):
        return [(widget.textChanged, False)]
    if isinstance(widget, QComboBox):
        found = [(widget.currentIndexChanged, True)]
        return found + ([(widget.editTextChanged, False)] if widget.isEditable() else [])
    if isinstance(widget, QSpinBox):
        return [(widget.valueChanged, True)]
    if isinstance(widget, QDateTimeEdit):
        return [(widget.dateTimeChanged, True)]
    if isinstance(widget, QAbstractButton):
        return [(widget.toggled, True)]
    if hasattr(widget, "sig_changed"):
        return [(widget.sig_changed, True)]
    return [change for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            for change in _changes(child)]


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

    # --- live validation: what the user fixes stops being marked while they type ---------------

    def live_problems(self) -> dict[str, str] | None:
        """The problems of the input as it stands, checked without the database, by field name;
        None when this form learns its problems only from saving."""
        return None

    def validate_live(self) -> None:
        """Re-check the form whenever one of its inputs changes (call at the end of __init__).
        A field marked wrong is re-checked at every keystroke and clears when fixed; a field the
        user finishes (leaves, or picks a choice in) shows its problem at once."""
        for name, widget in self.form.inputs.items():
            for signal, finished in _changes(widget):
                signal.connect(lambda *_a, n=name, f=finished: self._input_edited(n, f))

    def _input_edited(self, name: str, finished: bool) -> None:
        problems = self.live_problems()
        if problems is not None:
            self.form.recheck(problems, name, reveal=finished)

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
