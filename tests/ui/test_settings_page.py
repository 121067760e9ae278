"""Settings: language for this desktop, institution settings and users for administrators, and
changing one's own password."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QSpinBox
from ui_helpers import PASSWORD, add_department

from desktop.core import accounts, settings
from desktop.core.paths import app_dirs
from desktop.ui.password import ChangePasswordDialog
from desktop.ui.settings.page import SettingsPage


@pytest.fixture
def page(qtbot, ctx):
    widget = SettingsPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: ctx.tasks.is_idle, timeout=10_000)
    return widget


def test_the_language_choice_is_the_users_own_and_leaves_this_desktops_setting_alone(qtbot, page, ctx,
                                                                                      embedded_db):
    general = page.general
    changes = []
    ctx.sig_changed.connect(lambda entity, _ids: changes.append(entity))
    general.language.setCurrentIndex(general.language.findData("en"))
    qtbot.waitUntil(lambda: "language" in changes, timeout=10_000)
    assert ctx.language == "en"
    assert accounts.login(embedded_db, ctx.actor.username, PASSWORD).language == "en"
    assert settings.machine_value(app_dirs().machine_settings, "ui.language") == "zh_CN"


def test_a_wrong_time_zone_is_explained_and_nothing_is_saved(qtbot, page, ctx, embedded_db):
    panel = page.institution
    qtbot.waitUntil(lambda: panel.save_button.isEnabled(), timeout=10_000)
    panel.inputs["office.timezone"].setCurrentText("Mars/Olympus")
    panel.inputs["security.idle_lock_minutes"].setValue(5)
    panel.save_button.click()
    qtbot.waitUntil(lambda: panel.save_button.isEnabled(), timeout=10_000)
    assert "时区" in panel.form.error_text("office.timezone")
    with embedded_db.session() as session:
        assert settings.institution_value(session, "security.idle_lock_minutes") == 15


def test_institution_settings_are_saved_and_used_at_once(qtbot, page, ctx, embedded_db):
    panel = page.institution
    qtbot.waitUntil(lambda: panel.save_button.isEnabled(), timeout=10_000)
    spin: QSpinBox = panel.inputs["security.idle_lock_minutes"]
    assert spin.value() == 15
    spin.setValue(5)
    panel.inputs["office.name"].setText("滨江市第一人民医院")
    panel.save_button.click()
    qtbot.waitUntil(lambda: not panel.saved.isHidden(), timeout=10_000)
    assert ctx.institution["security.idle_lock_minutes"] == 5
    with embedded_db.session() as session:
        assert settings.institution_value(session, "office.name") == "滨江市第一人民医院"


def test_an_administrator_adds_a_user_with_a_department_scope_and_disables_them(qtbot, page, ctx, embedded_db):
    dept = add_department(embedded_db, "医务部", "YWB")
    users = page.users
    qtbot.waitUntil(lambda: users.model.rowCount() == 1, timeout=10_000)
    users.add_button.click()
    dialog = users.dialog
    qtbot.waitUntil(lambda: dialog.scope.ready and dialog.department.ready, timeout=10_000)
    dialog.username.setText("zhangmin")
    dialog.display_name.setText("张敏")
    dialog.password.setText("Zhang-min-1")
    dialog.again.setText("Zhang-min-2")
    dialog.save_button.click()
    assert dialog.form.error_text("password_again") != ""     # checked before anything is sent

    dialog.again.setText("Zhang-min-1")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.saving, timeout=10_000)
    assert dialog.isVisible() and dialog.form.error_text("roles") != ""   # a user needs a role

    dialog.roles["hr_officer"].setChecked(True)
    dialog.scope.select(dept)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: users.model.rowCount() == 2, timeout=10_000)
    added = next(u for u in users.model.rows if u.username == "zhangmin")
    assert added.roles == (("hr_officer", "医务部"),) and added.is_active

    users.table.selectRow(users.model.rows.index(added))
    assert users.toggle_button.text() == "停用"
    users.toggle_button.click()
    qtbot.waitUntil(lambda: not next(u for u in users.model.rows if u.username == "zhangmin").is_active,
                    timeout=10_000)


def test_changing_my_password_needs_the_current_one(qtbot, runner, ctx, embedded_db):
    dialog = ChangePasswordDialog(runner, embedded_db, ctx.actor)
    qtbot.addWidget(dialog)
    dialog.old.setText("not-my-password")
    dialog.new.setText("Neues-Passwort-2")
    dialog.again.setText("Neues-Passwort-2")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=10_000)
    assert dialog.error.text() == "当前密码不正确。"

    dialog.old.setText(PASSWORD)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.result() == ChangePasswordDialog.DialogCode.Accepted, timeout=10_000)
    assert accounts.login(embedded_db, ctx.actor.username, "Neues-Passwort-2").actor.user_id == ctx.actor.user_id


def test_resetting_a_password_is_confirmed_with_the_temporary_password(qtbot, page, ctx, embedded_db):
    from ui_helpers import add_user
    from desktop.core.model import Role

    add_user(embedded_db, "lisi", [(Role.INTERVIEWER, None)], display_name="李四")
    users = page.users
    users.load()
    qtbot.waitUntil(lambda: users.model.rowCount() == 2, timeout=10_000)
    users.table.selectRow(next(n for n, u in enumerate(users.model.rows) if u.username == "lisi"))
    users.reset_button.click()
    dialog = users.dialog
    dialog.password.setText("Temp-pass-77")
    dialog.again.setText("Temp-pass-77")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: users.confirmation is not None and users.confirmation.isVisible(), timeout=10_000)
    assert "李四 (lisi)" in users.confirmation.text() and "已重置" in users.confirmation.text()
    assert users.confirmation.informativeText() == "Temp-pass-77"
    assert accounts.login(embedded_db, "lisi", "Temp-pass-77").must_change_password
