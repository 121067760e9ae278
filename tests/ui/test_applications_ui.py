"""Applying candidates to positions where an HR officer looks for it — the candidate page, the
position page and, inline, the booking dialog — and moving applications through their stages."""

from __future__ import annotations

import pytest
from scheduling_ui import STORY_DAY, book, idle, local
from sqlalchemy import select

from desktop.core.model import Application, ApplicationStage, Interview, InterviewStatus
from desktop.ui.candidates.applications import ApplyDialog, StageDialog
from desktop.ui.candidates.page import CandidatesPage
from desktop.ui.positions.page import PositionsPage
from desktop.ui.schedule.booking_dialog import BookingDialog
from factories import add_candidate


@pytest.fixture
def ctx(make_ctx, world):
    return make_ctx(world.hr)


@pytest.fixture
def newcomer(world) -> int:
    """李娜, entered on the candidates page: no application yet."""
    return add_candidate(world.db, "李娜", world.dept, source_channel="招聘会")


def applications_of(db, candidate_id: int) -> list[tuple]:
    with db.session() as s:
        return [(a.position_id, a.stage.value, a.source) for a in s.scalars(
            select(Application).where(Application.candidate_id == candidate_id).order_by(Application.id))]


def show(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    return widget


def select_row(qtbot, ctx, page, entity_id: int) -> None:
    qtbot.waitUntil(lambda: page.model.loaded_once and page.model.row_of(entity_id) >= 0, timeout=10_000)
    page.table.select_id(entity_id)
    idle(qtbot, ctx)


def panel_rows(panel) -> list[tuple[str, str]]:
    return [(panel.table.item(r, 0).text(), panel.table.item(r, 1).text()) for r in range(panel.table.rowCount())]


def save(qtbot, ctx, dialog) -> None:
    dialog.save_button.click()
    idle(qtbot, ctx)


def test_a_new_candidate_applies_from_the_candidate_page(qtbot, world, ctx, newcomer):
    page = show(qtbot, CandidatesPage(ctx))
    select_row(qtbot, ctx, page, newcomer)
    panel = page.detail.applications
    assert panel.table.rowCount() == 0
    assert panel.summary.text() == "尚无应聘记录：先应聘岗位，才能安排面试。"
    panel.apply_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, ApplyDialog) and dialog.windowTitle() == "应聘岗位"
    qtbot.waitUntil(lambda: dialog.position.count() == 1 and dialog.save_button.isEnabled(), timeout=10_000)
    assert dialog.candidate.currentText() == "李娜" and not dialog.candidate.isEnabled()
    dialog.stage.setCurrentIndex(dialog.stage.findData("screening"))
    save(qtbot, ctx, dialog)
    assert not dialog.isVisible()
    assert applications_of(world.db, newcomer) == [(world.position, "screening", "招聘会")]
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1 and panel.history.count() == 1, timeout=10_000)
    assert panel_rows(panel) == [("内科住院医师（NK-2026-01）", "筛选中")]
    assert "应聘 筛选中" in panel.history.item(0).text() and "张人事" in panel.history.item(0).text()

    panel.apply_button.click()                      # the same position again, while it is open
    again = panel.dialog
    qtbot.waitUntil(lambda: again.save_button.isEnabled(), timeout=10_000)
    save(qtbot, ctx, again)
    assert again.isVisible()
    assert again.form.banner.text() == "该候选人已应聘此岗位且应聘尚未结束（阶段“筛选中”），请变更其阶段，不要重复应聘。"
    assert len(applications_of(world.db, newcomer)) == 1


def test_an_applicant_is_added_from_the_position_page(qtbot, world, ctx, newcomer):
    page = show(qtbot, PositionsPage(ctx))
    select_row(qtbot, ctx, page, world.position)
    panel = page.detail.applicants
    qtbot.waitUntil(lambda: panel.table.rowCount() == 3, timeout=10_000)
    assert panel.summary.text() == "已录用 0 / 招聘 1 人"
    panel.apply_button.click()
    dialog = panel.dialog
    assert dialog.position.currentText() == "内科住院医师" and not dialog.position.isEnabled()
    dialog.candidate_search.setText("候选人")       # they have applied already: not offered
    qtbot.waitUntil(lambda: dialog.candidate.count() == 0, timeout=10_000)
    dialog.candidate_search.setText("李")
    qtbot.waitUntil(lambda: dialog.candidate.count() == 1, timeout=10_000)
    assert dialog.candidate.currentText() == "李娜（内科）"
    dialog.source.setText("内推")
    save(qtbot, ctx, dialog)
    assert not dialog.isVisible()
    assert applications_of(world.db, newcomer) == [(world.position, "applied", "内推")]
    qtbot.waitUntil(lambda: panel.table.rowCount() == 4, timeout=10_000)
    assert ("李娜", "已投递") in panel_rows(panel)
    assert panel.selected().candidate == "李娜"      # the new applicant is selected


def test_the_booking_dialog_offers_to_apply_a_candidate_without_an_application(qtbot, world, ctx, newcomer):
    dialog = show(qtbot, BookingDialog(ctx, day=STORY_DAY))
    idle(qtbot, ctx)
    dialog.search.setText("李娜")
    qtbot.waitUntil(lambda: dialog.application.count() == 0 and dialog.unapplied.count() == 1, timeout=10_000)
    assert dialog.unapplied_box.isVisible() and dialog.apply_button.isVisible()
    assert dialog.apply_hint.text() == "没有匹配的应聘记录：请先为候选人应聘岗位。"
    dialog.search.setText("")                        # everyone: the others' applications are listed first
    qtbot.waitUntil(lambda: dialog.application.count() == 3 and dialog.unapplied.count() == 1, timeout=10_000)
    assert dialog.apply_hint.text() == "以下候选人尚无进行中的应聘记录。"
    assert dialog.unapplied.currentText() == "李娜（内科）"
    dialog.apply_button.click()
    applying = dialog.apply_dialog
    assert applying.candidate.currentText() == "李娜"
    qtbot.waitUntil(lambda: applying.position.count() == 1 and applying.save_button.isEnabled(), timeout=10_000)
    save(qtbot, ctx, applying)
    qtbot.waitUntil(lambda: dialog.application.count() == 4, timeout=10_000)
    idle(qtbot, ctx)
    [(position, stage, _source)] = applications_of(world.db, newcomer)
    assert "李娜 — 内科住院医师" in dialog.application.currentText()
    assert dialog.round.count() == 3                 # ready to book
    assert not dialog.unapplied_box.isVisible()


def test_not_hired_from_the_candidate_page_asks_about_the_booked_interview(qtbot, world, ctx):
    interview = book(world, 0, local(STORY_DAY, 10))
    page = show(qtbot, CandidatesPage(ctx))
    select_row(qtbot, ctx, page, world.candidates[0])
    panel = page.detail.applications
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=10_000)
    panel.table.selectRow(0)
    panel.stage_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, StageDialog)
    dialog.stage.setCurrentIndex(dialog.stage.findData("rejected"))
    assert dialog.stage.currentText() == "未录用"
    save(qtbot, ctx, dialog)
    assert dialog.isVisible() and dialog.booked_box.isVisible()
    assert "该应聘仍有 1 场已安排的面试" in dialog.form.banner.text()
    save(qtbot, ctx, dialog)                          # no choice made yet: still asked
    assert dialog.isVisible()
    dialog.keep.setChecked(True)
    dialog.reason.setText("综合评估未通过")
    save(qtbot, ctx, dialog)
    assert not dialog.isVisible()
    with world.db.session() as s:
        assert s.get(Application, world.applications[0]).stage == ApplicationStage.REJECTED
        assert s.get(Interview, interview).status == InterviewStatus.SCHEDULED
    qtbot.waitUntil(lambda: panel_rows(panel) == [("内科住院医师（NK-2026-01）", "未录用")], timeout=10_000)
    panel.table.selectRow(0)
    qtbot.waitUntil(lambda: panel.history.count() == 1, timeout=10_000)   # made before timelines existed
    last = panel.history.item(0).text()
    assert "阶段变更 面试中 → 未录用" in last and "保留已安排的面试 1 场" in last and "综合评估未通过" in last


def test_hired_from_the_position_page_stops_at_the_headcount(qtbot, world, ctx):
    page = show(qtbot, PositionsPage(ctx))
    select_row(qtbot, ctx, page, world.position)
    panel = page.detail.applicants
    qtbot.waitUntil(lambda: panel.table.rowCount() == 3, timeout=10_000)

    def hire(row: int) -> StageDialog:
        panel.table.selectRow(row)
        panel.stage_button.click()
        dialog = panel.dialog
        dialog.stage.setCurrentIndex(dialog.stage.findData("hired"))
        save(qtbot, ctx, dialog)
        return dialog

    first = hire(0)
    assert not first.isVisible()
    qtbot.waitUntil(lambda: panel.summary.text() == "已录用 1 / 招聘 1 人", timeout=10_000)
    second = hire(1)
    assert second.isVisible()
    assert second.form.banner.text() == ("该岗位招聘人数已满：已录用 1 人，共招聘 1 人。如需增加，请先修改岗位的招聘人数。")
    with world.db.session() as s:
        stages = sorted(a.stage.value for a in s.scalars(select(Application)))
    assert stages == ["applied", "applied", "hired"]       # the refused move changed nothing
