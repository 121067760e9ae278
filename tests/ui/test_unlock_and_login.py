"""Opening an existing database and signing in, as a user meets them at every start."""

from __future__ import annotations

from PySide6.QtCore import Qt
from ui_helpers import PASSWORD, add_user

from desktop.core.model import Role
from desktop.core.storage import migrate
from desktop.core.storage.connect import Target
from desktop.core.storage.database import create_embedded
from desktop.core.storage.keys import key_file_for
from desktop.ui.login import LoginDialog, UnlockDialog

PASSPHRASE = "Test-passphrase-1"  # tests/conftest.py


def unlock(qtbot, runner, path, clock, *, passphrase=None, recovery_key=None) -> UnlockDialog:
    return unlock_with(qtbot, UnlockDialog(runner, Target(path=path), clock), passphrase=passphrase,
                       recovery_key=recovery_key)


def unlock_with(qtbot, dlg: UnlockDialog, *, passphrase=None, recovery_key=None) -> UnlockDialog:
    qtbot.addWidget(dlg)
    dlg.show()
    if recovery_key is not None:
        dlg.use_recovery.setChecked(True)
        dlg.recovery_key.setText(recovery_key)
    else:
        dlg.passphrase.setText(passphrase)
    qtbot.mouseClick(dlg.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.working, timeout=15_000)
    return dlg


def test_a_wrong_passphrase_is_refused_in_chinese_and_leaves_the_file_untouched(qtbot, runner, embedded_db,
                                                                                 embedded_path, clock):
    embedded_db.dispose()
    before = embedded_path.read_bytes(), key_file_for(embedded_path).read_bytes()
    dlg = unlock(qtbot, runner, embedded_path, clock, passphrase="Falsch-passphrase-9")
    assert dlg.opened is None and dlg.isVisible()
    assert dlg.error.text() == "口令错误，或数据库文件已损坏；请从备份恢复。"
    assert dlg.passphrase.text() == ""
    assert (embedded_path.read_bytes(), key_file_for(embedded_path).read_bytes()) == before


def test_the_right_passphrase_opens_the_database(qtbot, runner, embedded_db, embedded_path, clock):
    add_user(embedded_db, "wangfang", [(Role.HR_OFFICER, None)])
    embedded_db.dispose()
    dlg = unlock(qtbot, runner, embedded_path, clock, passphrase=PASSPHRASE)
    assert dlg.result() == UnlockDialog.DialogCode.Accepted
    assert dlg.opened.db is not None and dlg.opened.has_users
    dlg.opened.db.dispose()


def test_the_recovery_key_opens_the_database_when_the_passphrase_is_lost(qtbot, runner, tmp_path, clock):
    path = tmp_path / "db" / "interviewdesk.db"
    db, recovery = create_embedded(path, "Forgotten-phrase-1", clock=clock)
    migrate.upgrade(db)
    db.dispose()
    dlg = unlock(qtbot, runner, path, clock, recovery_key=recovery.lower())
    assert dlg.opened is not None and not dlg.opened.has_users   # the first-run admin step comes next
    dlg.opened.db.dispose()


def login(qtbot, dlg: LoginDialog, username: str, password: str) -> None:
    dlg.username.setText(username)
    dlg.password.setText(password)
    qtbot.mouseClick(dlg.login_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.working, timeout=10_000)


def test_login_succeeds_with_the_right_password(qtbot, runner, embedded_db):
    add_user(embedded_db, "wangfang", [(Role.HR_OFFICER, None)], display_name="王芳")
    dlg = LoginDialog(runner, embedded_db)
    qtbot.addWidget(dlg)
    dlg.show()
    login(qtbot, dlg, "WangFang", PASSWORD)
    assert dlg.result() == LoginDialog.DialogCode.Accepted
    assert dlg.signed_in.actor.display_name == "王芳"
    assert dlg.signed_in.institution["security.idle_lock_minutes"] == 15


def test_wrong_passwords_count_down_and_then_lock_the_account(qtbot, runner, embedded_db):
    add_user(embedded_db, "wangfang", [(Role.HR_OFFICER, None)])
    dlg = LoginDialog(runner, embedded_db)
    qtbot.addWidget(dlg)
    dlg.show()
    login(qtbot, dlg, "nobody", "whatever")
    assert dlg.error.text() == "用户名或密码错误。"

    login(qtbot, dlg, "wangfang", "wrong-1")
    assert dlg.error.text() == "用户名或密码错误。再错 4 次账户将被锁定。"
    assert dlg.password.text() == "" and dlg.username.text() == "wangfang"
    for _ in range(4):
        login(qtbot, dlg, "wangfang", "wrong-again")
    assert "账户已锁定" in dlg.error.text()

    login(qtbot, dlg, "wangfang", PASSWORD)   # even the right password waits out the lockout
    assert "账户已锁定" in dlg.error.text()
    assert dlg.signed_in is None and dlg.isVisible()


def test_the_ui_thread_gets_on_with_the_start_while_the_passphrase_and_the_password_are_checked(
        qtbot, runner, embedded_db, embedded_path, clock):
    """Argon2 leaves the UI thread free for a moment: the start loads the main window then (desktop/app.py),
    not after the check. The work comes once per check, while the check still runs."""
    add_user(embedded_db, "wangfang", [(Role.HR_OFFICER, None)])
    embedded_db.dispose()
    during: list[tuple[str, bool]] = []
    opener = UnlockDialog(runner, Target(path=embedded_path), clock,
                          meanwhile=lambda: during.append(("unlock", opener.working and opener.opened is None)))
    db = unlock_with(qtbot, opener, passphrase=PASSPHRASE).opened.db
    try:
        dlg = LoginDialog(runner, db, meanwhile=lambda: during.append(("login", dlg.working and dlg.signed_in is None)))
        qtbot.addWidget(dlg)
        dlg.show()
        login(qtbot, dlg, "wangfang", PASSWORD)
        assert dlg.signed_in is not None
    finally:
        db.dispose()
    assert during == [("unlock", True), ("login", True)]

