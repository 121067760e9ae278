"""Opening the database and signing in: the unlock dialog (passphrase or recovery key), the
connection to a server, the login dialog, and the same login used to unlock after idle time.

Every check runs on a worker thread: Argon2 takes a noticeable moment, a server may be slow."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from desktop.core import accounts, settings
from desktop.core.accounts import LoginResult
from desktop.core.clock import Clock
from desktop.core.errors import DeskError
from desktop.core.storage import migrate
from desktop.core.storage.connect import Target, open_target
from desktop.core.storage.database import Database, open_server
from desktop.ui import messages
from desktop.ui.errors import show_error
from desktop.ui.style import APP_TITLE
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import hint_label, primary_button, title_label


@dataclass(frozen=True)
class Opened:
    db: Database | None      # None: an empty server database (first run creates the schema)
    has_users: bool


@dataclass(frozen=True)
class SignedIn:
    db: Database
    login: LoginResult
    institution: dict[str, Any]

    @property
    def actor(self):
        return self.login.actor


def _has_users(db: Database) -> bool:
    with db.session() as session:
        return accounts.has_users(session)


def open_and_inspect(target: Target, clock: Clock, *, passphrase: str | None = None,
                     recovery_key: str | None = None, keystore: Any = None) -> Opened:
    """Open (and migrate) the database, and say whether it has accounts yet."""
    if target.is_server:
        probe = open_server(target.url or "", clock=clock)
        try:
            empty = migrate.is_empty(probe)
        finally:
            probe.dispose()
        if empty:
            return Opened(None, False)
    db = open_target(target, passphrase=passphrase, recovery_key=recovery_key, keystore=keystore, clock=clock)
    try:
        return Opened(db, _has_users(db))
    except BaseException:
        db.dispose()
        raise


def sign_in_user(db: Database, username: str, password: str) -> SignedIn:
    """Check the password (failures count towards the lockout) and read the institution settings."""
    result = accounts.login(db, username, password)
    with db.session(result.actor) as session:
        institution = settings.institution_values(session)
    return SignedIn(db, result, institution)


def secret_field(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    return edit


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("formError")
    label.setWordWrap(True)
    label.hide()
    return label


class BusyDialog(QDialog):
    """A dialog whose main button runs work in the background and shows refusals in red.

    `meanwhile`: work for the UI thread while a passphrase or a password is checked. Argon2 runs on the
    worker for a tenth of a second and more without holding Python's lock, so the UI thread can run
    Python meanwhile; the start loads the main window's modules then (desktop/app.py)."""

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None, *,
                 meanwhile: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.meanwhile = meanwhile
        self.working = False
        self.error = _error_label()

    def run(self, fn, on_done, *, write: bool = False, hashing: bool = False) -> None:
        """`hashing`: `fn` runs Argon2, the time `meanwhile` uses (after the disabled inputs are drawn)."""
        self.working = True
        self.error.hide()
        self.set_enabled(False)
        self.tasks.run_in_background(fn, lambda result: self._done(on_done, result), self._refused,
                                     write=write, owner=self)
        if hashing and self.meanwhile is not None:
            QTimer.singleShot(0, self, self.meanwhile)

    def _done(self, on_done, result) -> None:
        self.working = False
        self.set_enabled(True)
        on_done(result)

    def _refused(self, error: BaseException) -> None:
        self.working = False
        self.set_enabled(True)
        self.show_message(messages.describe(error))
        if not isinstance(error, DeskError):
            show_error(error, self)
        self.refused(error)

    def show_message(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def reject(self) -> None:
        """Quit waits while a check runs: disabling the inputs moves the keyboard focus to the Quit
        button, and an impatient second Enter must not close the app behind a login that succeeds."""
        if not self.working:
            super().reject()

    def refused(self, error: BaseException) -> None:
        """Subclasses reset fields after a refusal."""

    def set_enabled(self, enabled: bool) -> None:
        """Subclasses enable or disable their inputs while work runs."""


class UnlockDialog(BusyDialog):
    """Asks for the database passphrase, or the recovery key written down at creation.

    With `keystore` (the database has an OS key slot), it first opens the database with this
    computer's key store and asks nothing; only when that fails does it say why and ask."""

    def __init__(self, tasks: TaskRunner, target: Target, clock: Clock, parent: QWidget | None = None, *,
                 keystore: Any = None, meanwhile: Callable[[], None] | None = None) -> None:
        super().__init__(tasks, parent, meanwhile=meanwhile)
        self.target, self.clock = target, clock
        self.keystore = keystore
        self.opened: Opened | None = None
        self.os_status = QLabel(self.tr("Opening the database with this computer's key store…"))
        self.os_status.setWordWrap(True)
        self.setWindowTitle(APP_TITLE)
        self.setMinimumWidth(460)
        self.passphrase = secret_field()
        self.recovery_key = QLineEdit()
        self.recovery_key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.use_recovery = QCheckBox(self.tr("Use the recovery key instead"))
        self.use_recovery.toggled.connect(self._switch)
        self.form = QFormLayout()
        self.form.addRow(self.tr("Database passphrase"), self.passphrase)
        self.form.addRow(self.tr("Recovery key"), self.recovery_key)
        self.form.setRowVisible(1, False)
        self.open_button = primary_button(self.tr("Open"))
        self.open_button.clicked.connect(self.unlock)
        buttons = QDialogButtonBox()
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        quit_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        quit_button.setText(self.tr("Quit"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("Open the database")))
        location = hint_label(self.tr("Database: {0}").format(target.describe()))
        location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(location)
        layout.addWidget(self.os_status)
        layout.addLayout(self.form)
        layout.addWidget(self.use_recovery)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._asking(keystore is None)

    def _asking(self, ask: bool) -> None:
        """The passphrase form, or the note that the key store is being asked."""
        self.os_status.setVisible(not ask)
        self.form.setRowVisible(0, ask and not self.use_recovery.isChecked())
        self.form.setRowVisible(1, ask and self.use_recovery.isChecked())
        self.use_recovery.setVisible(ask)
        self.open_button.setVisible(ask)

    @property
    def asks_passphrase(self) -> bool:
        return self.open_button.isVisibleTo(self)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.keystore is not None and self.opened is None and not self.working:
            target, clock, store = self.target, self.clock, self.keystore
            self.keystore = None   # one attempt; afterwards the passphrase or the recovery key
            self.run(lambda: open_and_inspect(target, clock, keystore=store), self._opened)

    def _switch(self, recovery: bool) -> None:
        self.form.setRowVisible(0, not recovery)
        self.form.setRowVisible(1, recovery)
        (self.recovery_key if recovery else self.passphrase).setFocus()

    def set_enabled(self, enabled: bool) -> None:
        for widget in (self.passphrase, self.recovery_key, self.use_recovery, self.open_button):
            widget.setEnabled(enabled)

    def unlock(self) -> None:
        if self.working:
            return
        target, clock = self.target, self.clock
        if self.use_recovery.isChecked():
            key = self.recovery_key.text()
            work = lambda: open_and_inspect(target, clock, recovery_key=key)  # noqa: E731
        else:
            passphrase = self.passphrase.text()
            work = lambda: open_and_inspect(target, clock, passphrase=passphrase)  # noqa: E731
        self.run(work, self._opened, hashing=not self.use_recovery.isChecked())   # the recovery key: HKDF

    def _opened(self, opened: Opened) -> None:
        self.opened = opened
        self.accept()

    def refused(self, error: BaseException) -> None:
        if not self.asks_passphrase:      # the key store failed: say why, then ask
            self._asking(True)
            self.show_message(self.tr("{0} Enter the database passphrase, or use the recovery key.")
                              .format(messages.describe(error)))
            self.adjustSize()     # the form and the reason were hidden when the dialog took its size
        self.passphrase.clear()
        self.passphrase.setFocus()


class ConnectDialog(BusyDialog):
    """Server (LAN) mode: connects when shown; offers to try again when the server does not answer."""

    def __init__(self, tasks: TaskRunner, target: Target, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(tasks, parent)
        self.target, self.clock = target, clock
        self.opened: Opened | None = None
        self.setWindowTitle(APP_TITLE)
        self.setMinimumWidth(460)
        self.status = QLabel(self.tr("Connecting to {0} …").format(target.describe()))
        self.status.setWordWrap(True)
        self.retry_button = QPushButton(self.tr("Try again"))
        self.retry_button.clicked.connect(self.connect_server)
        buttons = QDialogButtonBox()
        buttons.addButton(self.retry_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Quit"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.retry_button.hide()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.opened is None and not self.working:
            self.connect_server()

    def connect_server(self) -> None:
        target, clock = self.target, self.clock
        self.retry_button.hide()
        self.run(lambda: open_and_inspect(target, clock), self._opened)

    def _opened(self, opened: Opened) -> None:
        self.opened = opened
        self.accept()

    def refused(self, error: BaseException) -> None:
        self.retry_button.show()


class LoginDialog(BusyDialog):
    """User name and password. With `locked_user`, the idle lock: only that user may continue."""

    def __init__(self, tasks: TaskRunner, db: Database, *, locked_user: str = "", idle_minutes: int = 0,
                 notice: str = "", parent: QWidget | None = None, meanwhile: Callable[[], None] | None = None) -> None:
        super().__init__(tasks, parent, meanwhile=meanwhile)
        self.db = db
        self.signed_in: SignedIn | None = None
        self.setWindowTitle(APP_TITLE)
        self.setMinimumWidth(420)
        self.username = QLineEdit(locked_user)
        self.username.setReadOnly(bool(locked_user))
        self.password = secret_field()
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        self.login_button = primary_button(self.tr("Unlock") if locked_user else self.tr("Sign in"))
        self.login_button.clicked.connect(self.login)
        buttons = QDialogButtonBox()
        buttons.addButton(self.login_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText(
            self.tr("Quit InterviewDesk") if locked_user else self.tr("Quit"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("InterviewDesk is locked") if locked_user
                                     else self.tr("Sign in to InterviewDesk")))
        if not locked_user:
            where = str(db.path) if db.path else db.engine.url.render_as_string(hide_password=True)
            layout.addWidget(hint_label(self.tr("Database: {0}").format(where)))
        if locked_user:
            layout.addWidget(hint_label(self.tr("InterviewDesk was locked after {0} minutes without activity. "
                                                "Enter your password to continue.").format(idle_minutes)))
        self.notice = hint_label(notice)
        self.notice.setVisible(bool(notice))
        layout.addWidget(self.notice)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        (self.password if locked_user else self.username).setFocus()

    def set_enabled(self, enabled: bool) -> None:
        for widget in (self.password, self.login_button):
            widget.setEnabled(enabled)
        self.username.setEnabled(enabled)

    def login(self) -> None:
        if self.working:
            return
        db, username, password = self.db, self.username.text().strip(), self.password.text()
        self.run(lambda: sign_in_user(db, username, password), self._signed_in, write=True, hashing=True)

    def _signed_in(self, signed_in: SignedIn) -> None:
        self.signed_in = signed_in
        self.accept()

    def refused(self, error: BaseException) -> None:
        self.password.clear()
        self.password.setFocus()
