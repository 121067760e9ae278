"""The two questions reception answers around a check-in: "is this really 王芳, 10:00?" before it is
recorded, and "why?" when a mistaken check-in is taken back. Both are opened with open() (not
exec()), so the board stays responsive and tests can answer them."""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.ui.schedule import words
from desktop.ui.widgets import hint_label


class CheckInConfirmation(QDialog):
    """Names the candidate, the position, the time and the room before anything is recorded."""

    def __init__(self, zone: tzinfo, candidate: str, position: str, starts_at: datetime, ends_at: datetime,
                 room: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Check in"))
        self.setMinimumWidth(420)
        self.question = QLabel(self.tr("Check in {0} for {1}?").format(candidate, position))
        self.question.setWordWrap(True)
        self.when = QLabel(self.tr("Interview: {0}, {1}").format(words.when(zone, starts_at, ends_at), room)
                           if room else self.tr("Interview: {0}").format(words.when(zone, starts_at, ends_at)))
        self.when.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.confirm_button = self.buttons.addButton(self.tr("Check in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.when)
        layout.addWidget(hint_label(self.tr("A mistaken check-in can be undone afterwards, with a reason.")))
        layout.addWidget(self.buttons)


class UndoCheckInDialog(QDialog):
    """Asks for the reason (kept on the interview's timeline); refuses an empty one."""

    def __init__(self, zone: tzinfo, candidate: str, starts_at: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Undo check-in"))
        self.setMinimumWidth(420)
        question = QLabel(self.tr("Undo the check-in of {0} ({1})? The candidate is expected again.").format(
            candidate, words.when(zone, starts_at)))
        question.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Reason, e.g. checked in the wrong candidate"))
        self.problem = QLabel()
        self.problem.setObjectName("formError")
        self.problem.hide()
        self.buttons = QDialogButtonBox()
        self.confirm_button = self.buttons.addButton(self.tr("Undo check-in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.reason)
        layout.addWidget(self.problem)
        layout.addWidget(hint_label(self.tr("The reason is kept on the interview's timeline.")))
        layout.addWidget(self.buttons)

    def reason_text(self) -> str:
        return " ".join(self.reason.text().split())

    def _confirm(self) -> None:
        if not self.reason_text():
            self.problem.setText(self.tr("Please give a reason."))
            self.problem.show()
            return
        self.accept()
