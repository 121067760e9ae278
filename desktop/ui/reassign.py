"""Handing something a person owns to someone else (a candidate question, a personal-data request):
what it is, who owns it now, the people it may go to, and the hand-over run off the UI thread. The
deadline stays with the thing handed over."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from desktop.core import labels
from desktop.ui import messages
from desktop.ui.errors import show_error
from desktop.ui.widgets import primary_button

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

TITLES = {"question": QT_TRANSLATE_NOOP("ReassignDialog", "Hand the question to someone else"),
          "request": QT_TRANSLATE_NOOP("ReassignDialog", "Hand the request to someone else")}


class ReassignDialog(QDialog):
    """`choices(session)` lists (user id, how to name them); `hand_over(session, user_id)` does it."""

    def __init__(self, ctx: "AppContext", what: str, about: str, owner: tuple[int | None, str],
                 choices: Callable[[Session], list[tuple[int, str]]], hand_over: Callable[[Session, int], Any], *,
                 entity: str, entity_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.owner_id, self.hand_over, self.entity, self.entity_id = ctx, owner[0], hand_over, entity, entity_id
        self.setWindowTitle(QCoreApplication.translate("ReassignDialog", TITLES[what]))
        self.people = QComboBox()
        self.people.setEnabled(False)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setStyleSheet("color: #c0392b;")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox()
        self.ok = primary_button(self.tr("Hand over"))
        self.ok.setEnabled(False)
        buttons.addButton(self.ok, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.ok.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        subject = QLabel(about)
        subject.setWordWrap(True)
        layout.addWidget(subject)
        layout.addWidget(QLabel(labels.labelled(self.tr("Owner now"), owner[1] or "—")))
        layout.addWidget(self.people)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        ctx.read(choices, self._arrived, lambda error: show_error(error, self), owner=self)

    def _arrived(self, people: list[tuple[int, str]]) -> None:
        for user_id, name in people:
            if user_id != self.owner_id:
                self.people.addItem(name, user_id)
        self.people.setEnabled(True)
        self.ok.setEnabled(self.people.count() > 0)

    def save(self) -> None:
        user_id, hand_over, entity_id = self.people.currentData(), self.hand_over, self.entity_id
        self.ok.setEnabled(False)
        self.ctx.write(lambda session: hand_over(session, user_id), lambda _result: self.accept(), self._refused,
                       entity=self.entity, ids=lambda _result: (entity_id,), owner=self)

    def _refused(self, error: BaseException) -> None:
        self.ok.setEnabled(True)
        self.error.setText(messages.describe(error))
        self.error.show()
