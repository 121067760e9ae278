"""Settings → 评分表: an administrator edits the default scorecard of a round kind — a weight sum
other than 100 is refused with the sum named and nothing saved, a good template is saved and a
template scored on becomes the next version — and sets the feedback and scorecard deadlines."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidgetItem
from sqlalchemy import func, select

from desktop.core import settings
from desktop.core.model import RoundKind, ScorecardTemplate
from desktop.ui.settings.page import SettingsPage
from desktop.ui.settings.scorecard_settings import PROBLEM_COLOUR, WEIGHT, ScorecardSettings


def ready(qtbot, ctx) -> ScorecardSettings:
    tab = ScorecardSettings(ctx)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: tab.save_button.isEnabled() and tab.feedback.save_button.isEnabled(), timeout=10_000)
    return tab


def saved_or_refused(qtbot, tab) -> None:
    tab.save_button.click()
    qtbot.waitUntil(lambda: tab.save_button.isEnabled() and (tab.saved.isVisible() or tab.problems.isVisible()),
                    timeout=10_000)


def templates(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(ScorecardTemplate))


def test_the_tab_is_there_for_administrators(qtbot, ctx):
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    assert page.scorecards is not None and page.tabs.tabText(page.tabs.indexOf(page.scorecards)) == "评分表"
    qtbot.waitUntil(lambda: ctx.tasks.is_idle, timeout=10_000)


def test_weights_not_summing_to_100_are_refused_then_a_good_template_is_saved(qtbot, ctx, embedded_db):
    tab = ready(qtbot, ctx)
    t = tab.table
    assert [t.item(r, 0).text() for r in range(t.rowCount())] == ["沟通能力", "求职动机", "稳定性与匹配"]
    assert tab.version.text() == "出厂默认，尚未保存" and tab.weight_sum.text() == "权重：100 %"

    t.item(0, WEIGHT).setText("30")                               # 30 + 30 + 30
    assert tab.weight_sum.text() == "权重：90 %"
    t.item(2, 3).setText("")                                      # what 7 means, left empty
    saved_or_refused(qtbot, tab)
    assert "权重合计为 90 %，必须合计为 100 %。" in tab.problems.text()
    assert "评价项 3" in tab.problems.text()
    assert t.item(2, 2).background().color() == PROBLEM_COLOUR
    assert templates(embedded_db) == 0                            # nothing saved

    t.item(0, WEIGHT).setText("40")
    t.item(2, 3).setText("良好")
    tab.add_button.click()
    row = t.rowCount() - 1
    for column, text in enumerate(("团队协作", "10", "一般", "良好", "出色")):
        t.setItem(row, column, QTableWidgetItem(text))
    t.item(1, WEIGHT).setText("20")
    tab.pass_at.setValue(7.5)
    tab.automatic.setChecked(True)
    saved_or_refused(qtbot, tab)
    assert tab.saved.isVisible() and not tab.problems.isVisible() and tab.version.text() == "第 1 版"
    with embedded_db.session() as s:
        found = s.scalar(select(ScorecardTemplate).where(ScorecardTemplate.line == "kind:hr"))
        assert [c.name for c in found.criteria] == ["沟通能力", "求职动机", "稳定性与匹配", "团队协作"]
        assert [c.weight for c in found.criteria] == [40, 20, 30, 10]
        assert float(found.pass_at) == 7.5 and found.automatic

    tab.kind.setCurrentIndex(tab.kind.findData(RoundKind.LEADERSHIP.value))
    qtbot.waitUntil(lambda: tab.name.text() == "终试", timeout=10_000)
    assert [t.item(r, 0).text() for r in range(t.rowCount())] == ["价值观", "综合"]


def test_feedback_and_deadlines_are_saved(qtbot, ctx, embedded_db):
    tab = ready(qtbot, ctx)
    f = tab.feedback
    assert f.inputs["feedback.visibility"].currentText() == "仅结果"
    f.inputs["feedback.visibility"].setCurrentIndex(f.inputs["feedback.visibility"].findData("scores"))
    f.inputs["scorecards.deadline_hours"].setValue(48)
    f.save_button.click()
    qtbot.waitUntil(lambda: f.saved.isVisible(), timeout=10_000)
    with embedded_db.session() as s:
        assert settings.institution_value(s, "feedback.visibility") == "scores"
        assert settings.institution_value(s, "scorecards.deadline_hours") == 48


def test_the_summary_choice_and_the_delay_are_saved_and_a_bad_delay_is_refused(qtbot, ctx, embedded_db):
    tab = ready(qtbot, ctx)
    f = tab.feedback
    visibility, delay = f.inputs["feedback.visibility"], f.inputs["feedback.delay_minutes"]
    assert [visibility.itemData(i) for i in range(visibility.count())] == ["result", "scores", "summary"]
    assert delay.value() == 30
    visibility.setCurrentIndex(visibility.findData("summary"))
    delay.setValue(90)
    f.save_button.click()
    qtbot.waitUntil(lambda: f.saved.isVisible(), timeout=10_000)
    with embedded_db.session() as s:
        assert settings.institution_value(s, "feedback.visibility") == "summary"
        assert settings.institution_value(s, "feedback.delay_minutes") == 90
    assert (delay.minimum(), delay.maximum()) == (0, 1440)     # the input offers only what the core accepts
