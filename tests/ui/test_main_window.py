"""The main window shows the pages a user's roles allow, who is signed in, and locks when idle."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel
from ui_helpers import PASSWORD, add_candidates, add_department, add_user

from desktop.core.model import Role
from desktop.ui.errors import ErrorDialog
from desktop.ui.main_window import MainWindow

ALL_PAGES = ["today", "schedule", "board", "candidates", "positions", "approvals", "questions", "outbox", "reports",
             "archive", "settings"]
CHINESE_TITLES = ["今日", "日程", "前台看板", "候选人", "岗位", "审批", "候选人提问", "发件箱", "报表", "档案", "设置"]


@pytest.fixture
def window(qtbot, ctx):
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    return win


def nav_titles(win: MainWindow) -> list[str]:
    return [win.navigation.item(i).text() for i in range(win.navigation.count())]


def test_an_administrator_hr_officer_sees_all_ten_pages_in_order(window, ctx):
    assert window.page_keys() == ALL_PAGES
    assert nav_titles(window) == CHINESE_TITLES
    assert window.windowTitle() == "面试协同台 InterviewDesk"
    status = window.user_label.text()
    assert "王芳" in status and "wangfang" in status and "系统管理员" in status and "人事专员" in status
    assert str(ctx.db.path) in window.database_label.text()


def test_reception_sees_only_what_its_role_allows(qtbot, make_ctx, embedded_db):
    reception = add_user(embedded_db, "qiantai", [(Role.RECEPTION, None)])
    win = MainWindow(make_ctx(reception))
    qtbot.addWidget(win)
    assert win.page_keys() == ["board", "settings"]     # the room board, to check candidates in
    qtbot.waitUntil(lambda: win.ctx.tasks.is_idle, timeout=10_000)
    settings_page = win.open_page("settings")
    assert settings_page.users is None and settings_page.institution is None and settings_page.chains is None


def test_an_interviewer_sees_the_interview_pages_but_not_outbox_reports_or_archive(qtbot, make_ctx, embedded_db):
    interviewer = add_user(embedded_db, "mianshi", [(Role.INTERVIEWER, None)])
    win = MainWindow(make_ctx(interviewer))
    qtbot.addWidget(win)
    assert win.page_keys() == ["today", "desk", "schedule", "candidates", "positions", "approvals", "questions",
                               "settings"]
    assert win.stack.currentWidget() is win.pages["desk"]    # only an interviewer: 我的面试 first
    qtbot.waitUntil(lambda: win.ctx.tasks.is_idle, timeout=10_000)
    candidates = win.open_page("candidates")
    assert candidates.new_button is None     # no button for what the role may not do


def test_every_page_opens_and_loads_without_an_error(qtbot, window, ctx, embedded_db):
    dept = add_department(embedded_db, "人事处", "RSC")
    add_candidates(embedded_db, 5, dept)
    for key in ALL_PAGES:
        window.open_page(key)
        qtbot.waitUntil(lambda: ctx.tasks.is_idle, timeout=10_000)
        assert window.stack.currentWidget() is window.pages[key]
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorDialog) and w.isVisible()]
    assert window.pages["candidates"].model.total == 5


def test_the_reminders_tick_once_the_first_page_has_its_data(qtbot, ctx):
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    assert win.pages["today"].loading and not win.reminders.running and not win.reminders.timer.isActive()
    qtbot.waitUntil(lambda: ctx.tasks.is_idle, timeout=10_000)
    assert win.pages["today"].desk is not None and win.reminders.primed and win.reminders.timer.isActive()


def test_idle_time_locks_the_window_and_the_password_unlocks_it(qtbot, window, ctx, clock):
    qtbot.waitUntil(lambda: ctx.tasks.is_idle, timeout=10_000)
    clock.advance(timedelta(minutes=14))
    assert not window.idle.check()
    clock.advance(timedelta(minutes=1))
    assert window.idle.check()
    assert window.locked and window.lock_dialog is not None and window.lock_dialog.isVisible()
    assert window.lock_dialog.username.text() == "wangfang" and window.lock_dialog.username.isReadOnly()

    dialog = window.lock_dialog
    dialog.password.setText("wrong-password")
    dialog.login_button.click()
    qtbot.waitUntil(lambda: not dialog.working, timeout=10_000)
    assert window.locked and "用户名或密码错误" in dialog.error.text()

    dialog.password.setText(PASSWORD)
    dialog.login_button.click()
    qtbot.waitUntil(lambda: not window.locked, timeout=10_000)
    assert window.lock_dialog is None


def test_activity_restarts_the_idle_period(qtbot, window, clock):
    clock.advance(timedelta(minutes=10))
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_Down)     # as the system hands it over: to the window
    clock.advance(timedelta(minutes=10))
    assert not window.idle.check() and not window.locked
    clock.advance(timedelta(minutes=5))
    assert window.idle.check() and window.locked


def test_a_click_in_a_dialog_of_its_own_is_activity_too(qtbot, window, ctx, clock):
    dialog = window.open_notices()                 # a top-level window of its own over the main window
    qtbot.waitUntil(lambda: ctx.tasks.is_idle, timeout=10_000)
    clock.advance(timedelta(minutes=10))
    qtbot.mouseClick(dialog.windowHandle(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    clock.advance(timedelta(minutes=10))
    assert not window.idle.check() and not window.locked
    clock.advance(timedelta(minutes=5))
    assert window.idle.check() and window.locked


def test_the_idle_time_comes_from_the_institution_setting(qtbot, window, ctx, clock):
    ctx.use_institution_settings({"security.idle_lock_minutes": 3})
    clock.advance(timedelta(minutes=3))
    window.idle.check()
    assert window.locked
    assert "3" in " ".join(label.text() for label in window.lock_dialog.findChildren(QLabel))
