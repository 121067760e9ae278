"""run_gui from start to the main window, driven the way a user would click through it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from ui_helpers import PASSWORD, add_user

from desktop.app import run_gui
from desktop.core.model import Role
from desktop.core.storage.connect import Target
from desktop.ui.first_run import FirstRunDialog
from desktop.ui.login import LoginDialog, UnlockDialog
from desktop.ui.main_window import MainWindow

PASSPHRASE = "Test-passphrase-1"  # tests/conftest.py


class Driver:
    """Polls the visible windows and acts on each one once, like a patient user."""

    def __init__(self, steps: dict[type, Callable[[QWidget], None]]) -> None:
        self.steps = steps
        self.seen: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(50)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        for widget in QApplication.topLevelWidgets():
            kind = type(widget)
            if widget.isVisible() and kind in self.steps and kind.__name__ not in self.seen:
                self.seen.append(kind.__name__)
                self.steps[kind](widget)


def test_a_new_computer_gets_the_first_run_dialog_and_cancelling_creates_nothing(qtbot, tmp_path):
    target = Target(path=tmp_path / "data" / "interviewdesk.db")
    driver = Driver({FirstRunDialog: lambda dialog: dialog.reject()})
    assert run_gui(target, "zh_CN") == 0
    assert driver.seen == ["FirstRunDialog"]
    assert not target.path.parent.exists() or not any(target.path.parent.iterdir())


def test_unlock_login_and_main_window_in_order(qtbot, embedded_db, embedded_path):
    add_user(embedded_db, "wangfang", [(Role.ADMIN, None), (Role.HR_OFFICER, None)], display_name="王芳")
    embedded_db.dispose()
    windows: list[MainWindow] = []

    def unlock(dialog: UnlockDialog) -> None:
        dialog.passphrase.setText(PASSPHRASE)
        dialog.open_button.click()

    def login(dialog: LoginDialog) -> None:
        dialog.username.setText("wangfang")
        dialog.password.setText(PASSWORD)
        dialog.login_button.click()

    def main_window(window: MainWindow) -> None:
        windows.append(window)
        QTimer.singleShot(100, window.close)
        QTimer.singleShot(150, QApplication.quit)

    driver = Driver({UnlockDialog: unlock, LoginDialog: login, MainWindow: main_window})
    assert run_gui(Target(path=embedded_path), "zh_CN") == 0
    assert driver.seen == ["UnlockDialog", "LoginDialog", "MainWindow"]
    assert windows[0].ctx.actor.username == "wangfang"
    assert "王芳" in windows[0].user_label.text()
