"""The first start: create the database, show its recovery key once, create the first administrator
and, if wished, fill in demo data.

Three steps on one dialog. The recovery key step cannot be skipped or closed until the admin
confirms having written the key down: it is the only way back in when the passphrase is lost,
and it is never shown again. A server database needs no passphrase, so it has no key step."""

from __future__ import annotations

import importlib.util
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QStackedWidget, QVBoxLayout,
    QWidget,
)

from desktop.core import accounts
from desktop.core.clock import Clock
from desktop.core.errors import DeskError
from desktop.core.storage import keys, os_slot
from desktop.core.storage.connect import Target, initialise
from desktop.core.storage.database import Actor, Database
from desktop.ui import messages
from desktop.ui.login import BusyDialog, SignedIn, secret_field, sign_in_user
from desktop.ui.style import APP_TITLE
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import hint_label, primary_button, title_label

STEP_CREATE, STEP_RECOVERY, STEP_ADMIN = range(3)


def recovery_key_lines(recovery: str) -> str:
    """Two lines of four groups: the line breaks between groups, never inside one, and no dash hangs
    at a line end (copied or typed, the key is the same: dashes and spaces do not count)."""
    groups = recovery.split("-")
    half = (len(groups) + 1) // 2
    return "-".join(groups[:half]) + "\n" + "-".join(groups[half:])


def demo_available() -> bool:
    return importlib.util.find_spec("desktop.core.demo") is not None


def create_database(target: Target, passphrase: str, clock: Clock,
                    keystore: Any = None) -> tuple[Database, str | None, BaseException | None]:
    """The new database; with `keystore`, also its OS key slot. A key store that fails does not
    undo the database: the problem is returned and shown, and Settings can try again."""
    db, recovery = initialise(target, passphrase=passphrase or None, clock=clock)
    problem: BaseException | None = None
    if keystore is not None and db.path is not None:
        try:
            os_slot.turn_on_at_creation(db, keystore)
        except DeskError as error:
            problem = error
    return db, recovery, problem


def create_admin(db: Database, username: str, display_name: str, password: str, with_demo: bool) -> SignedIn:
    """The first account, optional demo data, then the admin is signed in."""
    with db.session(Actor.command_line(), write=True) as session:
        accounts.create_first_admin(session, username=username, display_name=display_name, password=password)
    if with_demo:
        from desktop.core import demo  # loaded only when asked for

        demo.populate(db)
    return sign_in_user(db, username, password)


class FirstRunDialog(BusyDialog):
    def __init__(self, tasks: TaskRunner, target: Target, clock: Clock, *, db: Database | None = None,
                 keystore: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(tasks, parent)
        self.target, self.clock = target, clock
        self.keystore = keystore
        self.database = db
        self.recovery_key = ""
        self.signed_in: SignedIn | None = None
        self.setWindowTitle(APP_TITLE)
        self.setMinimumWidth(540)
        self.steps = QStackedWidget()
        self.steps.addWidget(self._create_step())
        self.steps.addWidget(self._recovery_step())
        self.steps.addWidget(self._admin_step())
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("Welcome to InterviewDesk")))
        layout.addWidget(self.steps)
        layout.addWidget(self.error)
        self.steps.currentChanged.connect(self._step_shown)
        self.steps.setCurrentIndex(STEP_ADMIN if db is not None else STEP_CREATE)
        self._step_shown(self.steps.currentIndex())
        self._passphrase_changed()

    def _step_shown(self, step: int) -> None:
        """Enter presses the main button of the step on screen."""
        buttons = (self.create_button, self.continue_button, self.finish_button)
        for number, button in enumerate(buttons):
            button.setDefault(number == step)

    # --- step 1: the database ----------------------------------------------------------------------

    def _create_step(self) -> QWidget:
        page = QWidget()
        self.passphrase = secret_field()
        self.passphrase_again = secret_field()
        self.strength = QProgressBar()
        self.strength.setRange(0, 4)
        self.strength.setTextVisible(False)
        self.strength.setFixedHeight(8)
        self.strength_text = QLabel()
        self.strength_text.setObjectName("hint")
        self.os_unlock = QCheckBox(self.tr("Open the database on this computer without the passphrase"))
        self.os_unlock.setEnabled(False)
        self.os_unlock_hint = hint_label(self.tr(
            "The operating system protects the key. Everyone then signs in with their own user name and "
            "password only. The passphrase and the "
            "recovery key are still needed on another computer. Administrators can turn this off in "
            "Settings → Sign-in."))
        self.create_button = primary_button(self.tr("Create the database"))
        self.create_button.clicked.connect(self.create_database)
        form = QFormLayout()
        layout = QVBoxLayout(page)
        if self.target.is_server:
            layout.addWidget(hint_label(self.tr(
                "The server database {0} is empty. InterviewDesk will create its tables there.")
                .format(self.target.describe())))
        else:
            layout.addWidget(hint_label(self.tr(
                "No database was found. InterviewDesk will create an encrypted database at:")))
            where = QLabel(self.target.describe())
            where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(where)
            layout.addWidget(hint_label(self.tr(
                "Choose the database passphrase (口令). Everyone who opens this database on this computer needs "
                "it: at least 10 characters, with at least two kinds of characters (letters, digits, symbols).")))
            form.addRow(self.tr("Passphrase"), self.passphrase)
            form.addRow(self.tr("Passphrase again"), self.passphrase_again)
            form.addRow(self.tr("Strength"), self.strength)
            form.addRow("", self.strength_text)
            self.passphrase.textChanged.connect(self._passphrase_changed)
            self.passphrase_again.textChanged.connect(self._passphrase_changed)
        layout.addLayout(form)
        if not self.target.is_server and self.keystore is not None:
            layout.addWidget(self.os_unlock)
            layout.addWidget(self.os_unlock_hint)
            store = self.keystore   # whether the system has a usable store: asked off the UI thread
            self.tasks.run_in_background(store.available, self._store_known, lambda _error: None, owner=self)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.create_button)
        layout.addLayout(row)
        return page

    def _passphrase_changed(self) -> None:
        if self.target.is_server:
            self.create_button.setEnabled(not self.working)
            return
        text = self.passphrase.text()
        score = keys.passphrase_strength(text)
        self.strength.setValue(score)
        words = [self.tr("Very weak"), self.tr("Weak"), self.tr("Fair"), self.tr("Strong"), self.tr("Very strong")]
        colour = ["#c0392b", "#e67e22", "#d4ac0d", "#27ae60", "#1e8449"][score]
        self.strength.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; }}")
        problem = ""
        try:
            keys.check_passphrase(text)
        except DeskError as weak:
            problem = messages.describe(weak)
        if not problem and self.passphrase_again.text() and self.passphrase_again.text() != text:
            problem = self.tr("The two passphrases differ.")
        self.strength_text.setText(words[score] + ("" if not problem else " — " + problem) if text else "")
        self.create_button.setEnabled(not problem and text == self.passphrase_again.text() and not self.working)

    def _store_known(self, available: bool) -> None:
        self.os_unlock.setEnabled(available)
        self.os_unlock.setChecked(available)
        if not available:
            self.os_unlock.setToolTip(messages.os_unlock_text("no_store"))

    def create_database(self) -> None:
        if self.working:
            return
        target, clock, passphrase = self.target, self.clock, self.passphrase.text()
        store = self.keystore if self.os_unlock.isChecked() and self.os_unlock.isEnabled() else None
        self.run(lambda: create_database(target, passphrase, clock, store), self._created)

    def _created(self, created: tuple[Database, str | None, BaseException | None]) -> None:
        self.database, recovery, problem = created
        if problem is not None:
            self.show_message(self.tr("The database was created, but opening it without the passphrase could "
                                      "not be set up: {0} Try again in Settings → Sign-in.")
                              .format(messages.describe(problem)))
        self.passphrase.clear()
        self.passphrase_again.clear()
        if recovery:
            self.recovery_key = recovery
            self.key_label.setText(recovery_key_lines(recovery))
            self.steps.setCurrentIndex(STEP_RECOVERY)
        else:
            self.steps.setCurrentIndex(STEP_ADMIN)

    # --- step 2: the recovery key, shown once ------------------------------------------------------

    def _recovery_step(self) -> QWidget:
        page = QWidget()
        self.key_label = QLabel()
        self.key_label.setObjectName("recoveryKey")
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.clicked.connect(self._copy_key)
        self.written_down = QCheckBox(self.tr("I have written the recovery key down and will keep it in a safe place"))
        self.continue_button = primary_button(self.tr("Continue"))
        self.continue_button.setEnabled(False)
        self.written_down.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self._key_acknowledged)
        layout = QVBoxLayout(page)
        layout.addWidget(title_label(self.tr("Recovery key"), "sectionTitle"))
        layout.addWidget(hint_label(self.tr(
            "The database was created. This recovery key opens it when the passphrase is lost. It is shown "
            "only now: write it down on paper and keep it locked away, apart from this computer.")))
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_label, 1)
        key_row.addWidget(self.copy_button)
        layout.addLayout(key_row)
        layout.addWidget(self.written_down)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.continue_button)
        layout.addLayout(row)
        return page

    def _copy_key(self) -> None:
        QGuiApplication.clipboard().setText(self.recovery_key)

    def _key_acknowledged(self) -> None:
        if self.written_down.isChecked():
            self.recovery_key = ""
            self.key_label.clear()
            QGuiApplication.clipboard().clear()
            self.steps.setCurrentIndex(STEP_ADMIN)

    # --- step 3: the first administrator -----------------------------------------------------------

    def _admin_step(self) -> QWidget:
        page = QWidget()
        self.username = QLineEdit("admin")
        self.display_name = QLineEdit()
        self.password = secret_field()
        self.password_again = secret_field()
        self.with_demo = QCheckBox(self.tr("Fill in demo data (a fictional hospital) to try InterviewDesk"))
        self.with_demo.setVisible(demo_available())
        self.finish_button = primary_button(self.tr("Create administrator and start"))
        self.finish_button.clicked.connect(self.create_administrator)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Name"), self.display_name)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Password again"), self.password_again)
        layout = QVBoxLayout(page)
        layout.addWidget(title_label(self.tr("First administrator"), "sectionTitle"))
        layout.addWidget(hint_label(self.tr(
            "This account manages users and settings and also works as an HR officer. Add more users "
            "later under Settings.")))
        layout.addLayout(form)
        layout.addWidget(self.with_demo)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.finish_button)
        layout.addLayout(row)
        return page

    def create_administrator(self) -> None:
        if self.working or self.database is None:
            return
        if self.password.text() != self.password_again.text():
            self.show_message(self.tr("The two passwords differ."))
            return
        db, demo = self.database, self.with_demo.isChecked() and not self.with_demo.isHidden()
        username, name, password = self.username.text().strip(), self.display_name.text(), self.password.text()
        self.run(lambda: create_admin(db, username, name, password, demo), self._finished, write=True)

    def _finished(self, signed_in: SignedIn) -> None:
        self.signed_in = signed_in
        self.accept()

    # --- common ------------------------------------------------------------------------------------

    def set_enabled(self, enabled: bool) -> None:
        for widget in (self.passphrase, self.passphrase_again, self.username, self.display_name, self.password,
                       self.password_again, self.with_demo, self.finish_button):
            widget.setEnabled(enabled)
        if enabled:
            self._passphrase_changed()
        else:
            self.create_button.setEnabled(False)

    def reject(self) -> None:
        """Closing is refused while work runs and until the recovery key has been acknowledged."""
        if self.working or self.steps.currentIndex() == STEP_RECOVERY:
            return
        super().reject()
