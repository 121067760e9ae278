"""The match report in the windows: HR gives a position weighted requirements on the form's second
tab (a bad row is named and nothing is saved), fills a candidate's certificates and the
institution's own fields, sees the report under the selected application, and an administrator
sets when the low-match alert goes out."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from ui_helpers import add_candidates, add_department, add_position

from desktop.core import matching, settings
from desktop.core.matching import Profile, Requirement
from desktop.core.model import Application, Candidate, Position, PositionRequirement, Setting
from desktop.core.services.requirements import RequirementInput
from desktop.core.storage.database import Actor
from desktop.ui.candidates.applications import ApplicationsPanel
from desktop.ui.candidates.form import CandidateForm
from desktop.ui.matching.report import MatchReportView
from desktop.ui.positions.page import PositionsPage
from desktop.ui.positions.requirements import COL_LABEL, COL_VALUE, COL_WEIGHT
from desktop.ui.settings.matching import MatchSettings


@pytest.fixture
def dept(embedded_db) -> int:
    return add_department(embedded_db, "信息中心", "XXZX")


def idle(qtbot, ctx) -> None:
    qtbot.waitUntil(lambda: ctx.tasks.is_idle, timeout=10_000)


def test_the_report_view_shows_the_score_large_and_every_requirement_with_its_verdict(qtbot):
    view = MatchReportView()
    qtbot.addWidget(view)
    view.show()
    assert view.empty.isVisible() and not view.score.isVisible()
    report = matching.match([Requirement("education", "", "master", 3), Requirement("skill", "", "Python, SQL", 2),
                             Requirement("years", "", "5", 1), Requirement("certificate", "", "会计证", 4)],
                            Profile(education="bachelor", skills="SQL", years_experience=5))
    view.show_report(report)
    assert view.score.text() == "35%" and not view.empty.isVisible()
    texts = [view.grid.itemAtPosition(r, c).widget().text() for r in range(4) for c in range(3)]
    assert texts[0:3] == ["◐", "学历（部分符合）", "依据：本科\n差距：学历未达要求（要求硕士，实为本科）"]
    assert texts[6:8] == ["✔", "工作年限（符合）"]
    assert texts[9:12] == ["✘", "证书（不符合）", "差距：缺少证书：会计证"]
    assert "4 项要求中符合 1 项" in view.caption.text()
    view.show_report(None)
    assert view.empty.isVisible() and view.grid.count() == 0


@pytest.fixture
def page(qtbot, ctx, dept):
    widget = PositionsPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.loaded_once and ctx.tasks.is_idle, timeout=10_000)
    return widget


def test_requirements_are_edited_on_their_own_tab_and_a_bad_row_saves_nothing(qtbot, page, ctx, embedded_db, dept):
    page.new_button.click()
    form = page.form
    qtbot.waitUntil(lambda: form.department.ready and form.save_button.isEnabled(), timeout=10_000)
    form.code.setText("IT-09")
    form.title.setText("数据工程师")
    form.department.select(dept)
    editor = form.requirements
    editor.add_row("education")
    editor.add_row("skill", value="Python，SQL")
    editor.add_row("custom", value="英语六级")          # its name is missing
    form.save_button.click()
    qtbot.waitUntil(lambda: not form.saving, timeout=10_000)
    assert form.isVisible() and form.tabs.currentWidget() is editor
    assert "第 3 项要求的名称：为必填项" in form.form.banner.text()
    with embedded_db.session() as s:
        assert s.scalars(select(PositionRequirement)).all() == [] and s.scalars(select(Position)).all() == []

    editor.table.cellWidget(2, COL_LABEL).setText("外语水平")
    editor.table.cellWidget(1, COL_WEIGHT).setValue(5)
    form.save_button.click()
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=10_000)
    with embedded_db.session() as s:
        stored = [(r.kind.value, r.label, r.value, r.weight) for r in
                  s.scalars(select(PositionRequirement).order_by(PositionRequirement.ordinal))]
    assert stored == [("education", "", "bachelor", 2), ("skill", "", "Python, SQL", 5), ("custom", "外语水平", "英语六级", 1)]

    qtbot.waitUntil(lambda: page.detail.detail is not None, timeout=10_000)
    page.detail.edit_button.click()
    again = page.form
    qtbot.waitUntil(lambda: again.requirements_ready and again.save_button.isEnabled(), timeout=10_000)
    assert again.requirements.requirements() == [RequirementInput(*row) for row in stored]
    again.requirements.table.selectRow(0)
    again.requirements.remove_selected()
    again.save_button.click()
    qtbot.waitUntil(lambda: not again.isVisible(), timeout=10_000)
    with embedded_db.session() as s:
        assert [r.kind.value for r in s.scalars(select(PositionRequirement))] == ["skill", "custom"]


def test_changing_a_rows_kind_gives_it_the_right_input(qtbot):
    from desktop.ui.positions.requirements import RequirementsEditor

    editor = RequirementsEditor()
    qtbot.addWidget(editor)
    editor.add_row("years", value="3")
    assert editor.requirements() == [RequirementInput("years", "", "3", 2)]
    editor.table.cellWidget(0, 0).setCurrentIndex(0)               # education
    assert editor.table.cellWidget(0, COL_VALUE).currentData() == "bachelor"
    assert editor.requirements()[0].kind == "education"


def test_hr_fills_certificates_and_own_fields_and_sees_the_report_of_an_application(qtbot, ctx, embedded_db, dept):
    with embedded_db.session(Actor.command_line(), write=True) as s:
        settings.store_institution(s, "match.profile_fields", "外语水平, 职称", "测试")
    position = add_position(embedded_db, "IT-01", "软件工程师", dept, education="master")
    (candidate,) = add_candidates(embedded_db, 1, dept)
    with embedded_db.session(Actor.command_line(), write=True) as s:
        s.add(PositionRequirement(position_id=position, ordinal=0, kind="education", label="", value="master", weight=2))
        s.add(PositionRequirement(position_id=position, ordinal=1, kind="certificate", label="", value="软考高级", weight=2))
        s.add(Application(candidate_id=candidate, position_id=position, applied_at=s.info["clock"].now()))

    with embedded_db.session(ctx.actor, write=True) as s:
        from desktop.core.services import candidates
        data, version = candidates.get_for_edit(s, ctx.actor, candidate)
    form = CandidateForm(ctx, candidate_id=candidate, data=data, version=version)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: set(form.extra) == {"外语水平", "职称"} and form.save_button.isEnabled(), timeout=10_000)
    form.certificates.setText("软考高级；PMP")
    form.extra["外语水平"].setText("英语六级")
    form.save_button.click()
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=10_000)
    with embedded_db.session() as s:
        stored = s.get(Candidate, candidate)
        assert (stored.certificates, stored.profile_extra) == ("软考高级, PMP", {"外语水平": "英语六级"})

    panel = ApplicationsPanel(ctx, for_position=False)
    qtbot.addWidget(panel)
    panel.show()
    panel.show_for(candidate, "王伟0000")
    qtbot.waitUntil(lambda: len(panel.rows) == 1, timeout=10_000)
    panel.table.selectRow(0)
    qtbot.waitUntil(lambda: panel.match.isVisible(), timeout=10_000)
    assert panel.match.score.text() == "75%"                  # 本科 for 硕士: half of 2; 软考高级: 2 of 2
    assert panel.match.report.reasons[1].evidence == "证书：“软考高级”"


def test_an_administrator_sets_the_alert_threshold_and_time(qtbot, ctx, embedded_db):
    tab = MatchSettings(ctx)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: tab.save_button.isEnabled(), timeout=10_000)
    assert tab.inputs["match.alert_threshold"].value() == 30
    assert tab.inputs["match.alert_minutes_before"].value() == 10
    tab.inputs["match.alert_threshold"].setValue(40)
    tab.inputs["match.profile_fields"].setText("外语水平，政治面貌")
    tab.save()
    qtbot.waitUntil(lambda: tab.saved.isVisible(), timeout=10_000)
    with embedded_db.session() as s:
        assert dict(s.execute(select(Setting.key, Setting.value).where(Setting.key.like("match.%"))).all()) == {
            "match.alert_threshold": 40, "match.profile_fields": "外语水平，政治面貌"}
    idle(qtbot, ctx)
