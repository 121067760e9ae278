"""Offer templates in the UI: Settings → 录用模板 saves a template (lines added, reordered), bad input
is refused in words with nothing saved; the offer dialog opens filled from the template of the
position's post type, names it, marks the amounts left open, refuses to save them naming the lines,
and switching the template refills only the fields HR has not changed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from scheduling_ui import STORY_DAY, idle, local
from sqlalchemy import func, select

from desktop.core import offer_templates, settings
from desktop.core.model import Application, Offer, OfferTemplate, Position
from desktop.core.storage.database import Actor
from desktop.ui.candidates.applications import ApplicationsPanel
from desktop.ui.candidates.offer_dialogs import OfferDialog
from desktop.ui.settings.offer_templates import OfferTemplateSettings
from desktop.ui.settings.page import SettingsPage


@pytest.fixture
def hr_ctx(make_ctx, world, clock):
    clock.set(local(STORY_DAY, 9, 0))
    return make_ctx(world.hr)


def template_rows(world) -> list[tuple[str, list]]:
    with world.db.session() as s:
        return [(t.name, t.pay) for t in s.scalars(select(OfferTemplate).order_by(OfferTemplate.id))]


def tab_ready(qtbot, ctx) -> OfferTemplateSettings:
    tab = OfferTemplateSettings(ctx)
    qtbot.addWidget(tab)
    tab.resize(1300, 700)
    tab.show()
    qtbot.waitUntil(lambda: tab.list.count() == 4 and tab.save_button.isEnabled(), timeout=10_000)
    return tab


def saved(qtbot, ctx, tab) -> None:
    tab.save_button.click()
    idle(qtbot, ctx)
    qtbot.waitUntil(lambda: not tab.result.isHidden(), timeout=10_000)


def test_the_tab_sits_next_to_the_contract_template(qtbot, ctx):
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    index = page.tabs.indexOf(page.offer_templates)
    assert page.tabs.tabText(index) == "录用模板" and page.tabs.tabText(index - 1) == "合同模板"
    idle(qtbot, ctx)


def test_a_template_is_saved_and_bad_input_refused_with_nothing_saved(qtbot, ctx, world):
    tab = tab_ready(qtbot, ctx)
    assert "事业单位专业技术岗位" in tab.list.item(1).text() and "专业技术岗位" in tab.list.item(1).text()
    tab.new_template()
    tab.name.setText("医院护理岗位")
    tab.post_type.setCurrentIndex(tab.post_type.findData("professional"))
    tab.pay.set_lines(())
    for label, amount in (("护理津贴", "800"), ("岗位工资", ""), ("绩效工资", "-5")):
        tab.pay.add_line(label, amount)
    tab.reply_days.setValue(10)
    tab.start_days.setValue(5)
    tab.body.setPlainText("{candidate}：欢迎加入{institution}，{bonus}")
    saved(qtbot, ctx, tab)
    assert tab.result.objectName() == "error"
    assert "薪酬第3行" in tab.result.text() and "非负数" in tab.result.text(), tab.result.text()
    assert "回复天数" in tab.result.text()
    assert template_rows(world) == []                       # nothing saved, not even the shipped ones

    tab.pay.set_amount(2, "")
    tab.start_days.setValue(30)
    saved(qtbot, ctx, tab)
    assert "{bonus}" in tab.result.text() and template_rows(world) == []

    tab.body.setPlainText("{candidate}：欢迎加入{institution}。")
    tab.pay.table.selectRow(1)
    tab.pay.up_button.click()                                # 岗位工资 first
    saved(qtbot, ctx, tab)
    assert tab.result.objectName() == "success", tab.result.text()
    rows = dict(template_rows(world))
    assert rows["医院护理岗位"] == [["岗位工资", "", ""], ["护理津贴", "800", ""], ["绩效工资", "", ""]]
    assert len(rows) == 5
    qtbot.waitUntil(lambda: tab.list.count() == 5, timeout=10_000)
    assert tab.current is not None and tab.current.name == "医院护理岗位"

    tab.name.setText("事业单位管理岗位")                     # taken
    saved(qtbot, ctx, tab)
    assert tab.result.objectName() == "error" and "已被使用" in tab.result.text(), tab.result.text()


def open_dialog(qtbot, ctx, world) -> tuple[ApplicationsPanel, OfferDialog]:
    """The panel and its offer dialog: the caller keeps the panel (qtbot holds widgets only weakly, and
    the panel, made without a parent, goes with its dialog once nothing refers to it)."""
    panel = ApplicationsPanel(ctx, for_position=False)
    qtbot.addWidget(panel)
    panel.resize(1000, 700)
    panel.show()
    with world.db.session() as s:
        candidate_id = s.get(Application, world.applications[0]).candidate_id
    panel.show_for(candidate_id, "")
    qtbot.waitUntil(lambda: panel.table.rowCount() >= 1, timeout=10_000)
    panel.select(world.applications[0])
    qtbot.waitUntil(lambda: panel.offer.isVisible() and panel.offer.prefill is not None, timeout=10_000)
    panel.offer.offer_button.click()
    dialog = panel.offer.dialog
    assert isinstance(dialog, OfferDialog)
    return panel, dialog


def test_the_offer_dialog_opens_filled_from_the_post_type_s_template(qtbot, hr_ctx, world):
    with world.db.session(write=True) as s:
        s.get(Position, world.position).post_type = "professional"
        settings.store_institution(s, "contracts.employer_address", "某市健康路 12 号", "admin")
    _panel, dialog = open_dialog(qtbot, hr_ctx, world)
    assert dialog.template.currentText() == "事业单位专业技术岗位"
    assert "事业单位专业技术岗位" in dialog.template_note.text() and "专业技术岗位" in dialog.template_note.text()
    assert [line.label for line in dialog.pay.lines()] == ["岗位工资", "薪级工资", "基础性绩效工资", "奖励性绩效工资"]
    assert dialog.pay.open_rows() == [0, 1, 2, 3]
    assert dialog.start.date().toPython() == STORY_DAY + timedelta(days=30)
    reply = dialog.reply_by.dateTime()
    assert (reply.date().toPython(), reply.time().hour(), reply.time().minute()) == (
        STORY_DAY + timedelta(days=7), 17, 30)
    assert (dialog.probation.value(), dialog.place.text(), dialog.grade.text()) == (6, "某市健康路 12 号", "专业技术岗位")

    for row, amount in ((0, "2,800 元/月"), (1, "1,200 元/月")):
        dialog.pay.set_amount(row, amount)
    dialog.save_button.click()                                  # two amounts still open: named, nothing saved
    idle(qtbot, hr_ctx)
    error = dialog.form.errors["pay"]
    assert error.isVisible() and "“基础性绩效工资”" in error.text() and "“奖励性绩效工资”" in error.text(), error.text()
    with world.db.session() as s:
        assert s.scalar(select(func.count(Offer.id))) == 0

    dialog.place.setText("本院门诊楼")                          # HR's own: kept when switching
    dialog.template.setCurrentIndex(dialog.template.findText("通用（基本工资 + 绩效奖金）"))
    qtbot.waitUntil(lambda: dialog.template.isEnabled() and dialog.probation.value() == 3, timeout=10_000)
    assert [line.label for line in dialog.pay.lines()] == ["岗位工资", "薪级工资", "基础性绩效工资", "奖励性绩效工资"]
    assert dialog.place.text() == "本院门诊楼"
    dialog.template.setCurrentIndex(dialog.template.findText("事业单位专业技术岗位"))
    qtbot.waitUntil(lambda: dialog.template.isEnabled() and dialog.probation.value() == 6, timeout=10_000)
    dialog.pay.set_lines(())
    for label, amount in (("基本工资", "5,000 元/月"), ("绩效奖金", "按考核发放")):
        dialog.pay.add_line(label, amount)
    dialog.save_button.click()
    idle(qtbot, hr_ctx)
    assert not dialog.isVisible()
    with world.db.session() as s:
        offer = s.scalars(select(Offer)).one()
        assert (offer.template_name, offer.probation_months, offer.work_place) == ("事业单位专业技术岗位", 6, "本院门诊楼")
        assert s.get(OfferTemplate, offer.template_id).name == "事业单位专业技术岗位"
