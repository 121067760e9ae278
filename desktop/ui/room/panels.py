"""Parts of the interview room window: the closing scripts panel (pick a scenario, pick or type
strengths and concerns, the filled script large and copyable) and the dialog that asks once, when
ending, about unticked checklist items and the reason for running over."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
    QVBoxLayout, QWidget,
)

from desktop.core import closing_scripts
from desktop.core.closing_scripts import ScriptText, ScriptValues
from desktop.core.interview_room import REASON_MAX
from desktop.ui.flow_layout import FlowLayout
from desktop.ui.widgets import hint_label


class ChoiceRow(QWidget):
    """Words to pick with one click, and a line for the interviewer's own (comma-separated)."""

    sig_changed = Signal()

    def __init__(self, choices: tuple[str, ...], placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes = [QCheckBox(text) for text in choices]
        self.own = QLineEdit()
        self.own.setPlaceholderText(placeholder)
        self.own.setMaxLength(200)
        flow = FlowLayout()
        for box in self.boxes:
            flow.addWidget(box)
            box.toggled.connect(lambda _on: self.sig_changed.emit())
        self.own.textChanged.connect(lambda _t: self.sig_changed.emit())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(flow)
        layout.addWidget(self.own)

    def values(self) -> tuple[str, ...]:
        own = [part.strip() for part in self.own.text().replace("，", ",").replace("、", ",").split(",")]
        return tuple([b.text() for b in self.boxes if b.isChecked()] + [p for p in own if p])


class ScriptsPanel(QWidget):
    """收尾话术: the script of the chosen scenario, filled as the interviewer picks."""

    def __init__(self, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.locale = locale
        self.scripts: dict[str, ScriptText] = {}
        self.base = ScriptValues()
        self.scenario = QComboBox()
        for code in closing_scripts.SCENARIOS:
            self.scenario.addItem(closing_scripts.label(code, locale), code)
        self.strengths = ChoiceRow(closing_scripts.STRENGTH_CHOICES[locale], self.tr("Other strengths, comma-separated"))
        self.concerns = ChoiceRow(closing_scripts.CONCERN_CHOICES[locale], self.tr("Other concerns, comma-separated"))
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        font = QFont(self.text.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        self.text.setFont(font)
        self.text.setMinimumHeight(200)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copied = hint_label()
        self.scenario.currentIndexChanged.connect(lambda _i: self.update_text())
        self.strengths.sig_changed.connect(self.update_text)
        self.concerns.sig_changed.connect(self.update_text)
        self.copy_button.clicked.connect(self.copy)

        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("Scenario")))
        head.addWidget(self.scenario, 1)
        foot = QHBoxLayout()
        foot.addWidget(self.copied, 1)
        foot.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(QLabel(self.tr("Strengths")))
        layout.addWidget(self.strengths)
        layout.addWidget(QLabel(self.tr("Concerns")))
        layout.addWidget(self.concerns)
        layout.addWidget(self.text, 1)
        layout.addLayout(foot)

    def set_scripts(self, scripts: dict[str, ScriptText]) -> None:
        self.scripts = scripts
        self.update_text()

    def set_values(self, values: ScriptValues) -> None:
        """The candidate, the position and the next step as the room knows them."""
        self.base = values
        self.update_text()

    def current_text(self) -> str:
        script = self.scripts.get(self.scenario.currentData())
        if script is None:
            return ""
        values = ScriptValues(self.base.salutation, self.base.candidate_name, self.base.position,
                              self.strengths.values(), self.concerns.values(), self.base.next_step)
        return closing_scripts.render(script.body, values, self.locale)

    def update_text(self) -> None:
        self.text.setPlainText(self.current_text())
        self.copied.setText("")

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.copied.setText(self.tr("Copied to the clipboard."))


class EndDialog(QDialog):
    """Asks once before ending: names the checklist items not ticked, and asks why the interview ran
    over when it did by more than ten minutes (an empty reason is refused here, before any write)."""

    def __init__(self, unticked: list[str], over_minutes: int, needs_reason: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.needs_reason = needs_reason
        self.setWindowTitle(self.tr("End the interview"))
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        if unticked:
            items = QLabel(self.tr("These closing items are not ticked:") + "\n" +
                           "\n".join(f"• {item}" for item in unticked))
            items.setWordWrap(True)
            layout.addWidget(items)
        self.reason = QLineEdit()
        self.reason.setMaxLength(REASON_MAX)
        self.reason.setPlaceholderText(self.tr("e.g. the candidate explained their training in detail"))
        self.problem = QLabel(self.tr("Please give the reason for running over."))
        self.problem.setObjectName("formError")
        self.problem.hide()
        if needs_reason:
            over = QLabel(self.tr("The interview ran {0} minutes over its planned duration. Why?").format(over_minutes))
            over.setWordWrap(True)
            layout.addWidget(over)
            layout.addWidget(self.reason)
            layout.addWidget(self.problem)
        else:
            self.reason.hide()
        self.buttons = QDialogButtonBox()
        self.end_button = self.buttons.addButton(self.tr("End the interview"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _confirm(self) -> None:
        if self.needs_reason and not self.reason.text().strip():
            self.problem.show()
            self.reason.setFocus()
            return
        self.accept()
