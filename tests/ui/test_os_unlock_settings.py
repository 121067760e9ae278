"""Settings → 登录方式 and the first-run option: administrators turn the OS key slot on and off."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from ui_helpers import add_user

from desktop.core.model import Role
from desktop.core.storage import os_slot
from desktop.core.storage.connect import Target
from desktop.core.storage.database import open_embedded
from desktop.integrations.keystore import system_keystore
from desktop.ui.first_run import FirstRunDialog
from desktop.ui.settings.page import SettingsPage


@pytest.fixture
def page(qtbot, ctx):
    ctx.keystore = system_keystore()
    widget = SettingsPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: ctx.tasks.is_idle, timeout=10_000)
    return widget


def test_an_administrator_turns_the_os_slot_on_and_off(qtbot, page, ctx, embedded_path):
    panel = page.unlock
    assert page.tabs.tabText(page.tabs.indexOf(panel)) == "登录方式"
    assert panel.status.text() == "已关闭：每次启动都需输入数据库口令。"
    assert panel.on_button.isEnabled() and not panel.off_button.isEnabled()
    panel.on_button.click()
    qtbot.waitUntil(lambda: panel.off_button.isEnabled(), timeout=10_000)
    assert os_slot.slot_state(embedded_path) == os_slot.OsSlotState(True, "keyring")
    assert panel.status.text().startswith("已开启")
    open_embedded(embedded_path, keystore=system_keystore()).dispose()
    panel.off_button.click()
    qtbot.waitUntil(lambda: panel.on_button.isEnabled(), timeout=10_000)
    assert not os_slot.slot_state(embedded_path).present
    assert "删除本机密钥槽" in panel.result.text()


def test_other_users_do_not_see_it(qtbot, make_ctx, embedded_db):
    hr = add_user(embedded_db, "hr1", [(Role.HR_OFFICER, None)])
    page = SettingsPage(make_ctx(hr))
    qtbot.addWidget(page)
    assert page.unlock is None


def test_the_first_run_dialog_offers_it_and_sets_it_up(qtbot, runner, tmp_path, clock):
    target = Target(path=tmp_path / "new" / "interviewdesk.db")
    dialog = FirstRunDialog(runner, target, clock, keystore=system_keystore())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.os_unlock.isEnabled(), timeout=10_000)
    assert dialog.os_unlock.isChecked()
    dialog.passphrase.setText("Erste-Phrase-2026")
    dialog.passphrase_again.setText("Erste-Phrase-2026")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.database is not None, timeout=30_000)
    assert os_slot.slot_state(target.path) == os_slot.OsSlotState(True, "keyring")
    dialog.database.dispose()
    open_embedded(target.path, keystore=system_keystore()).dispose()
