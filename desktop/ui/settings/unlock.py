"""Settings → 登录方式 (administrators, embedded database): whether this computer opens the database
with its own key store (Windows DPAPI, the system keyring) so people sign in with their account only,
or asks for the shared passphrase at every start. Turning it off removes the OS key slot."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.core.storage import os_slot
from desktop.ui import messages
from desktop.ui.errors import show_error
from desktop.ui.widgets import hint_label, primary_button, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

class OsUnlockSettings(QWidget):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.state: os_slot.OsSlotState | None = None
        self.available = False
        self.status = QLabel(self.tr("Checking this computer's key store…"))
        self.status.setWordWrap(True)
        self.on_button = primary_button(self.tr("Turn on for this computer"))
        self.off_button = QPushButton(self.tr("Turn off and remove the key slot"))
        self.on_button.clicked.connect(self.turn_on)
        self.off_button.clicked.connect(self.turn_off)
        self.result = hint_label()
        self.result.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.on_button)
        buttons.addWidget(self.off_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(title_label(self.tr("Open the database without the passphrase"), "sectionTitle"))
        layout.addWidget(hint_label(self.tr(
            "When this is on, InterviewDesk opens the database on this computer with a key that the operating "
            "system protects (Windows: for every Windows user of this computer; Linux: in the system keyring), "
            "and everyone signs in with their own user name and password only. The database passphrase and "
            "the recovery key are still needed on another computer, or when the key slot cannot be opened.")))
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self._update_buttons()
        self.load()

    def load(self) -> None:
        path, store = self.ctx.db.path, self.ctx.keystore

        def inspect() -> tuple[os_slot.OsSlotState, bool]:
            return os_slot.slot_state(path), bool(store is not None and store.available())

        self.ctx.run(inspect, self._arrived, lambda error: show_error(error, self), owner=self)

    def _arrived(self, found: tuple[os_slot.OsSlotState, bool]) -> None:
        self.state, self.available = found
        if self.state.present:
            store = {"dpapi": self.tr("Windows data protection (DPAPI)"),
                     "keyring": self.tr("the system keyring")}.get(self.state.store, self.state.store)
            text = self.tr("On: this computer opens the database with {0}; nobody is asked for the passphrase.") \
                .format(store)
        elif self.available:
            text = self.tr("Off: the database passphrase is asked at every start.")
        else:
            text = self.tr("Off.") + " " + messages.os_unlock_text("no_store")
        self.status.setText(text)
        self._update_buttons()

    def _update_buttons(self, busy: bool = False) -> None:
        present = self.state is not None and self.state.present
        self.on_button.setEnabled(not busy and self.state is not None and self.available and not present)
        self.off_button.setEnabled(not busy and present)

    def _run(self, fn: Any, done_text: str) -> None:
        self._update_buttons(busy=True)
        self.result.hide()
        db, actor, store = self.ctx.db, self.ctx.actor, self.ctx.keystore
        self.ctx.write(lambda session: fn(session, actor, db, store), lambda state: self._done(state, done_text),
                       self._refused, entity="settings", owner=self)

    def turn_on(self) -> None:
        self._run(os_slot.turn_on, self.tr("Turned on. From the next start nobody is asked for the passphrase "
                                            "on this computer."))

    def turn_off(self) -> None:
        self._run(os_slot.turn_off, self.tr("Turned off and the key slot removed. The passphrase is asked at "
                                             "the next start."))

    def _done(self, state: os_slot.OsSlotState, text: str) -> None:
        self.result.setText(text)
        self.result.show()
        self.load()

    def _refused(self, error: BaseException) -> None:
        self._update_buttons()
        show_error(error, self)
