"""The way in: the database opens with this computer's key store when it has an OS key slot (no
passphrase asked), falls back to the passphrase with the reason when the slot cannot be opened, and
a temporary password leads to the user's own password without the app closing on the way."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from keyrings.alt.file import PlaintextKeyring
from test_app_start import Driver as _Driver
from ui_helpers import PASSWORD, add_user

from desktop.app import run_gui
from desktop.core import accounts
from desktop.core.model import Role
from desktop.core.storage import os_slot
from desktop.core.storage.connect import Target
from desktop.core.storage.keys import KeyFile, key_file_for
from desktop.integrations.keystore import system_keystore
from desktop.integrations.keystore.keyring_store import SERVICE
from desktop.ui.login import LoginDialog, UnlockDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.password import ChangePasswordDialog

_drivers: list[_Driver] = []


class Driver(_Driver):
    """Stopped when the test ends, so it never acts on the next test's dialogs."""

    def __init__(self, steps) -> None:
        super().__init__(steps)
        _drivers.append(self)


@pytest.fixture(autouse=True)
def _stop_drivers():
    """Also a safety: a dialog nobody answers is closed after 20 s, so a broken flow fails, not hangs."""
    safety = QTimer()
    safety.setSingleShot(True)
    safety.timeout.connect(lambda: [w.reject() for w in QApplication.topLevelWidgets()
                                    if isinstance(w, QDialog) and w.isVisible()])
    safety.start(20_000)
    yield
    safety.stop()
    while _drivers:
        _drivers.pop().timer.stop()


PASSPHRASE = "Test-passphrase-1"  # tests/conftest.py
TEMPORARY = "Temp-pass-77"


def with_os_slot(db) -> None:
    admin = add_user(db, "admin1", [(Role.ADMIN, None), (Role.HR_OFFICER, None)], display_name="王芳")
    with db.session(admin, write=True) as session:
        os_slot.turn_on(session, admin, db, system_keystore())


def open_dialog(qtbot, runner, path, clock) -> UnlockDialog:
    dialog = UnlockDialog(runner, Target(path=path), clock, keystore=system_keystore())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.working, timeout=15_000)
    return dialog


def test_with_an_os_slot_the_database_opens_without_asking(qtbot, runner, embedded_db, embedded_path, clock):
    with_os_slot(embedded_db)
    embedded_db.dispose()
    dialog = open_dialog(qtbot, runner, embedded_path, clock)
    assert dialog.result() == UnlockDialog.DialogCode.Accepted
    assert dialog.opened is not None and dialog.opened.has_users
    assert dialog.passphrase.text() == "" and not dialog.asks_passphrase
    dialog.opened.db.dispose()


def test_a_slot_that_cannot_be_opened_falls_back_to_the_passphrase_with_the_reason(qtbot, runner, embedded_db,
                                                                                    embedded_path, clock):
    with_os_slot(embedded_db)
    embedded_db.dispose()
    PlaintextKeyring().delete_password(SERVICE, KeyFile.read(key_file_for(embedded_path)).slots["os"]["id"])
    dialog = open_dialog(qtbot, runner, embedded_path, clock)
    assert dialog.isVisible() and dialog.opened is None and dialog.asks_passphrase
    assert dialog.error.text() == ("本机密钥环中已没有此数据库的密钥（已被删除，或这是另一台电脑）。"
                                   "请输入数据库口令，或使用恢复密钥。")
    dialog.passphrase.setText(PASSPHRASE)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.opened is not None, timeout=15_000)
    dialog.opened.db.dispose()


def finish(windows):
    def step(window: MainWindow) -> None:
        windows.append(window)
        QTimer.singleShot(100, window.close)        # the last window closed ends app.exec()
    return step


def test_run_gui_with_an_os_slot_goes_from_start_to_login_without_the_passphrase(qtbot, embedded_db, embedded_path):
    with_os_slot(embedded_db)
    embedded_db.dispose()
    windows: list[MainWindow] = []

    def login(dialog: LoginDialog) -> None:
        dialog.username.setText("admin1")
        dialog.password.setText(PASSWORD)
        dialog.login_button.click()

    def unlock(dialog: UnlockDialog) -> None:
        assert not dialog.asks_passphrase, "the passphrase was asked"

    driver = Driver({UnlockDialog: unlock, LoginDialog: login, MainWindow: finish(windows)})
    assert run_gui(Target(path=embedded_path), "zh_CN") == 0
    assert driver.seen[-2:] == ["LoginDialog", "MainWindow"]
    assert windows and windows[0].ctx.actor.username == "admin1"


def temporary_password_user(db) -> None:
    admin = add_user(db, "boss", [(Role.ADMIN, None)])
    add_user(db, "lidoc", [(Role.INTERVIEWER, None)], display_name="李医生")
    with db.session(admin, write=True) as session:
        accounts.reset_password(session, admin, "lidoc", TEMPORARY)


def unlock_with_passphrase(dialog: UnlockDialog) -> None:
    dialog.passphrase.setText(PASSPHRASE)
    dialog.open_button.click()


def login_as(password):
    def step(dialog: LoginDialog) -> None:
        dialog.username.setText("lidoc")
        dialog.password.setText(password)
        dialog.login_button.click()
    return step


def test_an_enter_after_clicking_change_password_does_not_close_the_app(qtbot, embedded_db, embedded_path):
    """The silent close after a temporary-password login: the disabled "Change password" button handed
    the focus to Cancel, and the next Enter cancelled, which quit the app while the change went on."""
    temporary_password_user(embedded_db)
    embedded_db.dispose()
    windows: list[MainWindow] = []

    def change(dialog: ChangePasswordDialog) -> None:
        dialog.old.setText(TEMPORARY)
        dialog.new.setText("Own-pass-2026")
        dialog.again.setText("Own-pass-2026")
        dialog.save_button.setFocus()
        dialog.save_button.click()
        focused = dialog.focusWidget()
        if focused is not None:        # the impatient second Enter lands wherever the focus went
            from PySide6.QtTest import QTest
            QTest.keyClick(focused, Qt.Key.Key_Return)

    driver = Driver({UnlockDialog: unlock_with_passphrase, LoginDialog: login_as(TEMPORARY),
                     ChangePasswordDialog: change, MainWindow: finish(windows)})
    assert run_gui(Target(path=embedded_path), "zh_CN") == 0
    assert driver.seen == ["UnlockDialog", "LoginDialog", "ChangePasswordDialog", "MainWindow"]
    assert windows[0].ctx.actor.username == "lidoc"


def test_keeping_the_temporary_password_returns_to_the_login_instead_of_quitting(qtbot, embedded_db,
                                                                                  embedded_path):
    temporary_password_user(embedded_db)
    embedded_db.dispose()
    logins: list[LoginDialog] = []
    windows: list[MainWindow] = []

    def login(dialog: LoginDialog) -> None:
        logins.append(dialog)
        if len(logins) == 1:
            login_as(TEMPORARY)(dialog)
        else:
            dialog.reject()

    class Again(Driver):      # every new login dialog is acted on (the first one was seen already)
        def _tick(self) -> None:
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, LoginDialog) and widget.isVisible() and widget not in logins:
                    login(widget)
            super()._tick()

    driver = Again({UnlockDialog: unlock_with_passphrase, ChangePasswordDialog: lambda d: d.reject(),
                    MainWindow: finish(windows)})
    assert run_gui(Target(path=embedded_path), "zh_CN") == 0
    assert driver.seen == ["UnlockDialog", "ChangePasswordDialog"]
    assert len(logins) == 2 and "您的密码未修改" in logins[1].notice.text()
    assert not windows
