"""Bad input in the windows: the settings tab and the candidate form show the problem under the field
that has it, keep what was typed, and save nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from desktop.core import settings
from desktop.core.model import Candidate
from desktop.ui.candidates.page import CandidatesPage
from desktop.ui.settings.page import SettingsPage


@pytest.fixture
def settings_page(qtbot, ctx):
    widget = SettingsPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: ctx.tasks.is_idle, timeout=10_000)
    return widget


@pytest.mark.parametrize("typed, words", [
    ("院" * 101, "单位名称：值过长（最多 100 个字符）。"),
    ("滨江医院\u202e", "单位名称：值含有控制字符或不可见字符"),
])
def test_the_institution_tab_shows_a_too_long_or_invisible_name_under_the_field(qtbot, settings_page, embedded_db,
                                                                               typed, words):
    panel = settings_page.institution
    qtbot.waitUntil(lambda: panel.save_button.isEnabled(), timeout=10_000)
    panel.inputs["office.name"].setText(typed)
    panel.inputs["notify.contact_name"].setText("李老师")
    panel.save_button.click()
    qtbot.waitUntil(lambda: panel.save_button.isEnabled(), timeout=10_000)
    assert words in panel.form.error_text("office.name")
    assert panel.inputs["office.name"].text() == typed
    with embedded_db.session() as session:
        assert settings.institution_value(session, "office.name") == ""
        assert settings.institution_value(session, "notify.contact_name") == ""


def test_the_contact_phone_may_be_a_landline_with_an_extension(qtbot, settings_page, embedded_db):
    panel = settings_page.institution
    qtbot.waitUntil(lambda: panel.save_button.isEnabled(), timeout=10_000)
    panel.inputs["notify.contact_phone"].setText("8765432")
    panel.save_button.click()
    qtbot.waitUntil(lambda: panel.save_button.isEnabled(), timeout=10_000)
    assert "0571-8765432-123" in panel.form.error_text("notify.contact_phone")
    panel.inputs["notify.contact_phone"].setText("0571-8765432 转 123")
    panel.save_button.click()
    qtbot.waitUntil(lambda: not panel.saved.isHidden(), timeout=10_000)
    with embedded_db.session() as session:
        assert settings.institution_value(session, "notify.contact_phone") == "0571-8765432 转 123"


def test_the_candidate_form_refuses_an_invisible_character_and_accepts_a_landline(qtbot, ctx, embedded_db):
    page = CandidatesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.loaded_once and ctx.tasks.is_idle, timeout=10_000)
    page.new_button.click()
    form = page.form
    qtbot.waitUntil(lambda: form.department.ready, timeout=10_000)
    assert "0571-8765432-123" in form.phone.placeholderText()
    assert "短信只能发到手机号码" in form.phone.toolTip()
    form.name.setText("李\u200b娜")
    form.phone.setText("0571-8765432 转 123")
    form.save_button.click()
    qtbot.waitUntil(lambda: not form.saving, timeout=10_000)
    assert form.form.error_text("name") == "姓名：含有控制字符或不可见字符（如换行、零宽字符或文字方向控制符）"
    assert form.form.error_text("phone") == ""
    with embedded_db.session() as session:
        assert session.scalar(select(func.count()).select_from(Candidate)) == 0
    form.name.setText("李娜")
    form.save_button.click()
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=10_000)
    with embedded_db.session() as session:
        assert session.scalar(select(Candidate.phone)) == "05718765432-123"
