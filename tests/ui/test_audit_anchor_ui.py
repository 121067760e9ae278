"""An administrator's 今日 page warns when no audit log anchor went out for a week, and its button
opens Settings → 审计锚点, where the witnesses are set; HR officers see no such warning."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from scheduling_ui import idle
from ui_helpers import shots
from sqlalchemy import select

from desktop.core import settings
from desktop.core.model import Setting
from desktop.ui.main_window import MainWindow
from desktop.ui.settings.anchors import AnchorSettings
from desktop.ui.today.page import TodayPage

SHOTS = Path("/work/shots/h-audit")


def _today(qtbot, make_ctx, actor) -> TodayPage:
    ctx = make_ctx(actor)
    page = TodayPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    idle(qtbot, ctx)
    return page


def test_the_administrator_is_warned_after_a_quiet_week_and_led_to_the_settings(
        qtbot, make_ctx, hr_admin, world, clock):
    young = _today(qtbot, make_ctx, hr_admin)
    assert young.anchor_warning.isHidden()           # the log began today

    clock.advance(timedelta(days=8))
    page = _today(qtbot, make_ctx, hr_admin)
    assert not page.anchor_warning.isHidden()
    assert "8 天" in page.anchor_warning.text.text() and "审计日志锚点" in page.anchor_warning.text.text()
    assert "天没有发出审计日志锚点。没有保存在数据库之外的锚点" in page.anchor_warning.text.text()
    shots(qtbot, page, SHOTS, "today_anchor_warning")

    hr = _today(qtbot, make_ctx, world.hr)
    assert hr.anchor_warning.isHidden()              # not an HR officer's business

    window = MainWindow(page.ctx)
    qtbot.addWidget(window)
    today = window.open_page("today")
    idle(qtbot, page.ctx)
    today.anchor_warning.button.click()
    idle(qtbot, page.ctx)
    settings_page = window.pages["settings"]
    assert window.stack.currentWidget() is settings_page
    assert settings_page.tabs.currentWidget() is settings_page.anchors


def test_the_anchor_settings_are_saved_and_a_wrong_address_is_refused(qtbot, make_ctx, hr_admin, embedded_db,
                                                                       tmp_path):
    ctx = make_ctx(hr_admin)
    tab = AnchorSettings(ctx)
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    tab.show()
    idle(qtbot, ctx)
    assert "还没有发出过锚点" in tab.state.text()
    tab.inputs["audit.anchor_email"].setText("not an address")
    tab.save_button.click()
    idle(qtbot, ctx)
    assert not tab.form.errors["audit.anchor_email"].isHidden()
    assert "audit.anchor_email" not in tab.form.errors["audit.anchor_email"].text()   # named by its label
    assert tab.form.banner.text().startswith("未保存任何内容。")
    assert "。 " not in tab.form.banner.text()
    with embedded_db.session() as s:
        assert s.scalar(select(Setting.key).where(Setting.key.like("audit.%"))) is None   # nothing saved

    tab.inputs["audit.anchor_email"].setText("dangan@hospital.example.cn")
    tab.inputs["audit.anchor_oa_recipient"].setText("dangan")
    tab.inputs["audit.anchor_interval_hours"].setValue(12)
    tab.inputs["audit.anchor_folder"].setText(str(tmp_path / "anchors"))
    tab.save_button.click()
    idle(qtbot, ctx)
    assert not tab.saved.isHidden()
    with embedded_db.session() as s:
        assert settings.institution_value(s, "audit.anchor_email") == "dangan@hospital.example.cn"
        assert settings.institution_value(s, "audit.anchor_interval_hours") == 12
        assert settings.institution_value(s, "audit.anchor_folder") == str(tmp_path / "anchors")
    shots(qtbot, tab, SHOTS, "settings_anchors")
