from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import PASSWORD, add_user
from desktop.core import accounts
from desktop.core.model import Role
from desktop.ui.login import LoginDialog
from desktop.ui.password import ChangePasswordDialog

def test_enter_twice(qtbot, runner, embedded_db):
    add_user(embedded_db, "li", [(Role.INTERVIEWER, None)])
    d = LoginDialog(runner, embedded_db); qtbot.addWidget(d); d.show(); d.activateWindow()
    qtbot.waitExposed(d)
    d.username.setText("li"); d.password.setFocus(); qtbot.keyClicks(d.password, PASSWORD)
    qtbot.keyClick(d.password, Qt.Key.Key_Return)
    print("focus after first enter:", QApplication.focusWidget(), d.focusWidget())
    fw = QApplication.focusWidget() or d.focusWidget()
    print("fw text", fw.text(), "visible", d.isVisible(), "result", d.result())
    qtbot.keyClick(fw, Qt.Key.Key_Return)
    print("after 2nd enter visible", d.isVisible(), "result", d.result())
    qtbot.waitUntil(lambda: runner.is_idle, timeout=10000)
    print("result", d.result(), d.signed_in)

def test_forced_enter(qtbot, runner, embedded_db):
    actor = add_user(embedded_db, "li", [(Role.INTERVIEWER, None)])
    d = ChangePasswordDialog(runner, embedded_db, actor, forced=True); qtbot.addWidget(d); d.show()
    qtbot.waitExposed(d)
    print("initial focus", QApplication.focusWidget())
    qtbot.keyClicks(d.old, PASSWORD); qtbot.keyClicks(d.new, "New-pass-99"); qtbot.keyClicks(d.again, "New-pass-99")
    qtbot.keyClick(d.again, Qt.Key.Key_Return)
    print("focus", QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget() or d.again, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: runner.is_idle, timeout=10000)
    print("result", d.result())
