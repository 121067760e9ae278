"""Setting values in input widgets and back, the same way on every settings tab.

Secrets (passwords, signing keys) never come to the window: the tab learns only whether one is set,
shows that as the empty field's placeholder, and saves one only when something is typed, so an
untouched field keeps the stored secret."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from desktop.core import settings
from desktop.core.errors import DeskError, InvalidSetting
from desktop.core.services import config
from desktop.ui import messages
from desktop.ui.errors import show_error
from desktop.ui.widgets import ValidatedForm, hint_label, primary_button


def stored(session: Session, keys: Iterable[str]) -> dict[str, Any]:
    """The saved values of these institution settings; a secret only as whether one is set."""
    return {key: bool(value) if settings.spec_of(key).secret else value
            for key in keys for value in (settings.institution_value(session, key),)}


def secret_hint(is_set: bool) -> str:
    return (QCoreApplication.translate("SettingInputs", "Set — type to replace") if is_set
            else QCoreApplication.translate("SettingInputs", "Not set"))


def setting_input(key: str, width: int | None = None) -> QWidget:
    """The input a setting's spec asks for: a check box for yes or no, a spin box over the spec's range
    for a number, otherwise a line edit (`width` its minimum width), masked for a secret. A tab that
    offers choices or several lines builds those itself."""
    spec = settings.spec_of(key)
    if spec.kind is bool:
        return QCheckBox()
    if spec.kind is int:
        spin = QSpinBox()
        spin.setRange(spec.minimum or 0, spec.maximum or 1_000_000)
        return spin
    line = QLineEdit()
    if width is not None:
        line.setMinimumWidth(width)
    if spec.secret:
        line.setEchoMode(QLineEdit.EchoMode.Password)
    return line


def setting_form(tab: QWidget, ctx, *, fields_grow: bool = False) -> QFormLayout:
    """Starts a settings tab with one form: sets `tab.ctx`, `tab.loaded` (nothing yet), `tab.form` (a
    ValidatedForm whose fields keep their size, or with `fields_grow` widen with the tab as the style
    has them) and `tab.inputs` (none yet); returns the form's layout for the tab to place."""
    tab.ctx = ctx
    tab.loaded = {}
    layout = QFormLayout()
    if not fields_grow:
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
    tab.form = ValidatedForm(layout, QLabel())
    tab.inputs = {}
    return layout


def save_row(tab: QWidget, text: str) -> QHBoxLayout:
    """A settings tab's save row: its primary button `text` (off until the stored values arrive; a click
    calls `tab.save()`), the hidden "Saved." shown after a save, then a stretch, after which a tab may
    add its own buttons. Sets `tab.save_button` and `tab.saved`."""
    tab.saved = QLabel(QCoreApplication.translate("SettingInputs", "Saved."))
    tab.saved.setObjectName("success")
    tab.saved.hide()
    tab.save_button = primary_button(text)
    tab.save_button.setEnabled(False)
    tab.save_button.clicked.connect(lambda: tab.save())
    row = QHBoxLayout()
    row.addWidget(tab.save_button)
    row.addWidget(tab.saved)
    row.addStretch(1)
    return row


def add_folder_row(tab: QWidget, key: str, label: str, title: str) -> QPushButton:
    """A folder setting's row on `tab.form`: its line edit (already in `tab.inputs`) with a "Choose…"
    button beside it that opens the folder picker (titled `title`) at the typed folder."""
    line = tab.inputs[key]
    browse = QPushButton(QCoreApplication.translate("SettingInputs", "Choose…"))

    def choose() -> None:
        folder = QFileDialog.getExistingDirectory(tab, title, line.text())
        if folder:
            line.setText(folder)

    browse.clicked.connect(choose)
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(line, 1)
    layout.addWidget(browse)
    tab.form.add(key, label, row)
    tab.form.inputs[key] = line
    return browse


def setting_column(tab: QWidget, hint: str, *parts: QWidget | QLayout) -> QVBoxLayout:
    """Lays out a settings tab of one form (see setting_form): the `hint` saying what the settings do,
    the form's banner, then `parts` (the form's layout, the save row, notes…) in order, the height
    left over kept empty below."""
    column = QVBoxLayout(tab)
    column.setContentsMargins(16, 16, 16, 16)
    column.addWidget(hint_label(hint))
    column.addWidget(tab.form.banner)
    for part in parts:
        if isinstance(part, QLayout):
            column.addLayout(part)
        else:
            column.addWidget(part)
    column.addStretch(1)
    return column


def show(inputs: dict[str, QWidget], values: dict[str, Any]) -> None:
    for key, value in values.items():
        widget = inputs.get(key)
        if widget is None:
            continue
        if settings.spec_of(key).secret:
            widget.clear()
            widget.setPlaceholderText(secret_hint(bool(value)))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QSpinBox):
            widget.setValue(int(value))
        elif isinstance(widget, QComboBox):
            index = widget.findData(value)
            widget.setCurrentIndex(index) if index >= 0 else widget.setCurrentText(str(value))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(str(value))
        elif isinstance(widget, QLineEdit):
            widget.setText(str(value))


def entered(inputs: dict[str, QWidget]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, widget in inputs.items():
        if isinstance(widget, QCheckBox):
            values[key] = widget.isChecked()
        elif isinstance(widget, QSpinBox):
            values[key] = widget.value()
        elif isinstance(widget, QComboBox):
            data = widget.currentData()
            values[key] = data if data is not None else widget.currentText()
        elif isinstance(widget, QPlainTextEdit):
            values[key] = widget.toPlainText().strip()
        elif settings.spec_of(key).secret:
            if widget.text():              # empty: keep the stored one
                values[key] = widget.text()
        elif isinstance(widget, QLineEdit):
            values[key] = widget.text().strip()
    return values


def changed(inputs: dict[str, QWidget], loaded: dict[str, Any]) -> dict[str, Any]:
    """What differs from the saved values; an empty secret field means "keep"."""
    return {key: value for key, value in entered(inputs).items()
            if settings.spec_of(key).secret or loaded.get(key) != value}


def saved(inputs: dict[str, QWidget], loaded: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """After a save: remember the new values and clear typed secrets (now set). Returns the values
    without secrets, for the application's copy of the institution settings."""
    for key, value in values.items():
        if settings.spec_of(key).secret:
            loaded[key] = bool(value)
            inputs[key].clear()
            inputs[key].setPlaceholderText(secret_hint(True))
        else:
            loaded[key] = value
    return {key: value for key, value in values.items() if not settings.spec_of(key).secret}


class StoredSettingsTab:
    """Loading, saving and remembering for a settings tab (a QWidget with `ctx`, `inputs`, `loaded`,
    `form`, `saved` and `save_button`): the stored values come in off the UI thread, secrets only as
    set or not; a refused save marks the field at fault and changes nothing. A tab overrides only
    where it differs: how a key is named, which forms it has, what it checks before writing."""

    # (session, actor, machine_file, changed) -> keys written; runs on the database worker
    store_settings = staticmethod(config.set_values)

    def setting_label(self, key: str) -> str:
        return key

    def setting_forms(self) -> tuple:
        return (self.form,)

    def load(self) -> None:
        keys = tuple(self.inputs)
        self.ctx.read(lambda session: stored(session, keys), self._arrived,
                      lambda error: show_error(error, self), owner=self)

    def _arrived(self, values: dict[str, Any]) -> None:
        self.loaded = values
        show(self.inputs, values)
        self.save_button.setEnabled(True)

    def entered(self) -> dict[str, Any]:
        return entered(self.inputs)

    def changed(self) -> dict[str, Any]:
        """What differs from the saved values; an empty secret field means "keep"."""
        return changed(self.inputs, self.loaded)

    def remember_saved(self, values: dict[str, Any]) -> None:
        self.ctx.use_institution_settings(saved(self.inputs, self.loaded, values))

    def save(self, then=None) -> None:
        """Write what changed in one transaction; `then` runs once the values are stored (at once
        when nothing changed), not when the save is refused."""
        changed = self.changed()
        for form in self.setting_forms():
            form.clear()
        self.saved.hide()
        if not changed:
            self.saved.show()
            if then is not None:
                then()
            return
        actor, machine_file, store = self.ctx.actor, self.ctx.machine_file, self.store_settings
        self.save_button.setEnabled(False)
        self.ctx.write(lambda session: store(session, actor, machine_file, changed),
                       lambda _keys: self._saved(changed, then), self._refused, entity="settings", owner=self)

    def _saved(self, changed: dict[str, Any], then) -> None:
        self.save_button.setEnabled(True)
        self.remember_saved(changed)
        self.saved.show()
        if then is not None:
            then()

    def _idle(self) -> None:
        """Buttons a tab disabled while it was busy come back (a refusal ends the work)."""

    def describe(self, error: DeskError) -> str:
        """The refusal in words, the setting named by its label rather than its key."""
        text = messages.describe(error)
        key = error.params.get("key") if isinstance(error, InvalidSetting) else None
        if key in self.inputs:
            text = text.replace(str(key), self.setting_label(str(key)))
        return text

    def _refused(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self._idle()
        if not isinstance(error, DeskError):
            show_error(error, self)
            return
        text = self.describe(error)
        key = error.params.get("key") if isinstance(error, InvalidSetting) else None
        forms = self.setting_forms()
        for form in forms:
            if key in form.errors:
                form.errors[key].setText(text)
                form.errors[key].show()
        forms[0].show_message(messages.sentences(
            QCoreApplication.translate("SettingInputs", "Nothing was saved."), text))


def listed(session: Session, machine_file, keys: Iterable[str]) -> dict[str, str]:
    """The stored values of these settings as the settings list has them (text, secrets masked)."""
    keys = set(keys)
    return {v.key: v.value for v in config.list_values(session, machine_file) if v.key in keys}


class ComposedSettingsTab:
    """Saving for a settings tab whose stored values it composes from its own widgets (a table of
    ticks, a choice per topic) rather than one input per setting: a QWidget with `ctx` and `chosen()`,
    the values to store. What it saves is written in one transaction; the outcome is said beside the
    button."""

    def composed_save_row(self, text: str, saved_text: str) -> QHBoxLayout:
        """The primary button `text` (off until the stored values arrive: the tab enables it) and the
        status beside it, which says `saved_text` after a save. Sets `save_button` and `status`."""
        self.saved_text = saved_text
        self.save_button = primary_button(text)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(lambda: self.save())
        self.status = hint_label()
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.status, 1)
        return row

    def save(self) -> None:
        values, actor, machine_file = self.chosen(), self.ctx.actor, self.ctx.machine_file
        self.save_button.setEnabled(False)
        self.status.setText("")
        self.ctx.write(lambda session: config.set_values(session, actor, machine_file, values),
                       lambda _keys: self._saved(values), self._refused, entity="settings", owner=self)

    def _saved(self, values: dict[str, str]) -> None:
        self.save_button.setEnabled(True)
        self.ctx.use_institution_settings(values)
        self.status.setText(self.saved_text)

    def _refused(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, DeskError):
            self.status.setText(messages.describe(error))
        else:
            show_error(error, self)
