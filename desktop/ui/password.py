"""Changing one's own password: from Settings, or at the first login after an administrator reset it.

While the change runs, both buttons are disabled and the dialog cannot be closed: a disabled button
hands the keyboard focus to its neighbour, and an Enter meant for "Change password" must never land
on "Cancel" (at the forced change after a temporary password that closed the whole app)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop.core import accounts
from desktop.core.errors import DeskError, LoginFailed
from desktop.core.storage.database import Actor, Database
from desktop.ui import messages
from desktop.ui.errors import show_error
from desktop.ui.login import secret_field
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import hint_label, primary_button


class ChangePasswordDialog(QDialog):
    def __init__(self, tasks: TaskRunner, db: Database, actor: Actor, *, forced: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks, self.db, self.actor = tasks, db, actor
        self.working = False
        self.setWindowTitle(self.tr("Change my password"))
        self.setMinimumWidth(400)
        self.old = secret_field()
        self.new = secret_field()
        self.again = secret_field()
        form = QFormLayout()
        form.addRow(self.tr("Current password"), self.old)
        form.addRow(self.tr("New password"), self.new)
        form.addRow(self.tr("New password again"), self.again)
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.save_button = primary_button(self.tr("Change password"))
        buttons = QDialogButtonBox()
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("Sign out") if forced else self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if forced:
            layout.addWidget(hint_label(self.tr("An administrator set a temporary password for you. "
                                                "Choose your own password to continue. Enter the temporary "
                                                "password as the current password.")))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _show(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _set_working(self, working: bool) -> None:
        self.working = working
        self.save_button.setEnabled(not working)
        self.cancel_button.setEnabled(not working)
        if working:
            self.again.setFocus()   # not the button next to the disabled one

    def reject(self) -> None:
        """Esc, the close box and Cancel wait until the change has been answered."""
        if not self.working:
            super().reject()

    def save(self) -> None:
        if self.working:
            return
        if self.new.text() != self.again.text():
            self._show(self.tr("The two new passwords differ."))
            return
        self.error.hide()
        self._set_working(True)
        db, actor, old, new = self.db, self.actor, self.old.text(), self.new.text()

        def work() -> None:
            with db.session(actor, write=True) as session:
                accounts.change_own_password(session, actor, old, new)

        self.tasks.run_in_background(work, self._done, self._refused, write=True, owner=self)

    def _done(self, _result: object) -> None:
        self._set_working(False)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self._set_working(False)
        if isinstance(error, LoginFailed):
            self._show(self.tr("The current password is wrong."))
        elif isinstance(error, DeskError):
            self._show(messages.describe(error))
        else:
            show_error(error, self)
