"""注销/切换用户: the next user signs in at the same desk without the database being unlocked again;
their window has their pages and their own language; unsaved work is asked about first."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from test_app_start import Driver as _Driver
from ui_helpers import PASSWORD, add_user

from desktop.core import accounts, signing
from desktop.core.model import Role
from desktop.ui.login import LoginDialog, UnlockDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.signin import Desk


_drivers: list[_Driver] = []


class Driver(_Driver):
    """Stopped when the test ends, so it never acts on the next test's dialogs."""

    def __init__(self, steps) -> None:
        super().__init__(steps)
        _drivers.append(self)


@pytest.fixture(autouse=True)
def _stop_drivers():
    yield
    while _drivers:
        _drivers.pop().timer.stop()


def sign_in_as(db, username):
    from desktop.ui.login import sign_in_user

    return sign_in_user(db, username, PASSWORD)


@pytest.fixture
def desk(qtbot, make_ctx, embedded_db):
    admin = add_user(embedded_db, "wangfang", [(Role.ADMIN, None), (Role.HR_OFFICER, None)], display_name="王芳")
    add_user(embedded_db, "lidoc", [(Role.INTERVIEWER, None)], display_name="李医生")
    ctx = make_ctx(admin)
    made = []

    def make_window(c):
        window = MainWindow(c)     # Desk deletes the windows it replaces; the fixture closes the rest
        made.append(window)
        return window

    desk = Desk(ctx, make_window, "zh_CN")
    desk.windows = made
    yield desk
    for window in made:
        if shiboken6.isValid(window):
            window.close()


def log_in_with(username):
    def step(dialog: LoginDialog) -> None:
        dialog.username.setText(username)
        dialog.password.setText(PASSWORD)
        dialog.login_button.click()
    return step


def test_switch_user_rebuilds_the_pages_for_the_next_users_roles_without_asking_the_passphrase(qtbot, desk,
                                                                                                embedded_db):
    first = desk.start(sign_in_as(embedded_db, "wangfang"))
    admin_id = desk.ctx.actor.user_id
    assert signing.KEYRING.get(admin_id) is not None       # her signing key, unlocked by the sign-in
    assert {"outbox", "reports", "archive"} <= set(first.page_keys())
    assert first.sign_out_button.text() == "注销/切换用户"
    driver = Driver({LoginDialog: log_in_with("lidoc"), UnlockDialog: lambda d: pytest.fail("passphrase asked")})
    QTimer.singleShot(0, first.sign_out_button.click)
    qtbot.waitUntil(lambda: desk.window is not first, timeout=15_000)
    second = desk.window
    assert driver.seen == ["LoginDialog"]
    assert desk.ctx.actor.username == "lidoc" and desk.ctx.db is embedded_db
    assert not {"outbox", "reports", "archive"} & set(second.page_keys()) and "today" in second.page_keys()
    assert "李医生" in second.user_label.text()
    assert second.isVisible() and not first.isVisible()
    assert signing.KEYRING.get(admin_id) is None           # left with her: nobody signs in her name here
    assert signing.KEYRING.get(desk.ctx.actor.user_id) is not None


def test_the_signing_key_is_unwrapped_in_the_background_once_the_window_is_up(qtbot, desk, embedded_db):
    sign_in_as(embedded_db, "wangfang")                    # her first sign-in made her key
    signing.KEYRING.clear()
    signed_in = sign_in_as(embedded_db, "wangfang")
    admin_id = signed_in.actor.user_id
    assert not signing.KEYRING.ready(admin_id)             # the sign-in did not wait for its Argon2 run
    desk.start(signed_in)
    qtbot.waitUntil(lambda: signing.KEYRING.ready(admin_id), timeout=15_000)     # nobody had to sign for it
    assert isinstance(signing.KEYRING.entry(admin_id), signing.UnlockedKey)


def test_quitting_at_the_login_after_sign_out_ends_the_app(qtbot, desk, embedded_db, monkeypatch):
    quits = []
    monkeypatch.setattr(QApplication, "quit", staticmethod(lambda: quits.append(True)))
    first = desk.start(sign_in_as(embedded_db, "wangfang"))
    driver = Driver({LoginDialog: lambda dialog: dialog.reject()})  # noqa: F841 (kept alive)
    QTimer.singleShot(0, first.request_sign_out)
    qtbot.waitUntil(lambda: quits == [True], timeout=15_000)
    assert not first.isVisible() and desk.ctx.actor.username == "wangfang"


def test_unsaved_work_is_asked_about_before_signing_out(qtbot, desk, embedded_db):
    window = desk.make_window(desk.ctx)     # not connected to the desk: only the question is tested here
    form = QDialog(window)
    form.setWindowTitle("新建候选人")
    form.show()
    signed_out = []
    window.sig_sign_out.connect(lambda: signed_out.append(True))
    window.request_sign_out()
    box = window.sign_out_question
    assert isinstance(box, QMessageBox) and "新建候选人" in box.text()
    keep = next(b for b in box.buttons() if b is not window.sign_out_anyway)
    keep.click()
    assert signed_out == [] and form.isVisible()
    window.request_sign_out()
    window.sign_out_anyway.click()
    assert signed_out == [True]


def test_each_user_gets_their_own_language_at_login_and_on_switch_user(qtbot, desk, embedded_db):
    actor = sign_in_as(embedded_db, "lidoc").actor
    with embedded_db.session(actor, write=True) as session:
        accounts.set_own_language(session, actor, "en")
    first = desk.start(sign_in_as(embedded_db, "wangfang"))     # no language of her own: this desktop's
    assert first.navigation.item(0).text() == "今日" and desk.ctx.language == "zh_CN"
    second_driver = Driver({LoginDialog: log_in_with("lidoc")})  # noqa: F841 (kept alive)
    QTimer.singleShot(0, first.request_sign_out)
    qtbot.waitUntil(lambda: desk.window is not first, timeout=15_000)
    assert desk.window.navigation.item(0).text() == "Today" and desk.ctx.language == "en"
    assert desk.window.sign_out_button.text() == "Sign out / switch user"
    third_driver = Driver({LoginDialog: log_in_with("wangfang")})
    second = desk.window
    QTimer.singleShot(0, second.request_sign_out)
    qtbot.waitUntil(lambda: desk.window is not second, timeout=15_000)
    assert third_driver.seen == ["LoginDialog"]
    assert desk.window.navigation.item(0).text() == "今日"


def test_choosing_a_language_in_settings_rebuilds_the_window_in_it(qtbot, desk, embedded_db):
    window = desk.start(sign_in_as(embedded_db, "wangfang"))
    page = window.open_page("settings")
    page.general.language.setCurrentIndex(page.general.language.findData("en"))
    qtbot.waitUntil(lambda: desk.window is not window, timeout=15_000)
    assert desk.window.navigation.currentItem().text() == "Settings"
    assert sign_in_as(embedded_db, "wangfang").login.language == "en"
