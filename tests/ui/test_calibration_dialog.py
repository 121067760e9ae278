"""评分校准: the panel's scores side by side with the outliers highlighted; an interviewer sees it only
after submitting; HR applies the rule, sees its explanation, and confirms it (an override without a
reason is refused with nothing saved)."""

from __future__ import annotations

from datetime import date

from scheduling_ui import book, idle, local
from sqlalchemy import select

from desktop.core import scorecards
from desktop.core.model import DecisionOutcome, Recommendation, RoundDecision
from desktop.core.scorecards import CardInput, ScoreInput
from desktop.ui.desk.calibration import FLAG_COLOUR, CalibrationDialog

MONDAY = date(2026, 11, 23)


def score(world, actor, interview_id: int, values: list[int]) -> None:
    with world.db.session(actor, write=True) as s:
        scorecards.submit(s, actor, interview_id, CardInput(
            {i + 1: ScoreInput(v, "说明" if v <= 3 or v >= 9 else "") for i, v in enumerate(values)},
            Recommendation.YES))


def dialog_for(qtbot, ctx, interview_id: int) -> CalibrationDialog:
    dialog = CalibrationDialog(ctx, interview_id, "候选人1")
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot, ctx)
    return dialog


def decision(world, interview_id: int) -> RoundDecision | None:
    with world.db.session() as s:
        found = s.scalar(select(RoundDecision).where(RoundDecision.interview_id == interview_id))
        if found is not None:
            s.expunge(found)
        return found


def test_hr_calibrates_the_panel_and_confirms_the_rule(qtbot, make_ctx, world, clock):
    clock.set(local(MONDAY, 8, 0))
    interview = book(world, 0, local(MONDAY, 10), interviewers=(world.wang.user_id, world.li.user_id))
    clock.set(local(MONDAY, 11, 0))
    score(world, world.wang, interview, [8, 8, 8])

    early = dialog_for(qtbot, make_ctx(world.li), interview)            # li has not submitted: not shown
    assert early.problem.isVisibleTo(early) and early.problem.text().startswith("请先提交您自己的评分表")
    assert not early.decision_box.isVisibleTo(early)

    score(world, world.li, interview, [8, 3, 8])
    dialog = dialog_for(qtbot, make_ctx(world.hr), interview)
    t = dialog.table
    assert [t.horizontalHeaderItem(j).text() for j in range(t.columnCount())] == ["王主任", "李医生", "组内平均"]
    assert t.item(0, 0).text() == "8" and t.item(1, 1).text() == "3"
    assert t.item(1, 1).background().color() != FLAG_COLOUR                 # 3 from 5.5 is 2.5: not flagged
    assert t.item(3, 0).text() == "8.00" and t.item(3, 2).text() == "7.25"
    assert dialog.propose_button.isEnabled() and not dialog.confirm_button.isEnabled()

    dialog.propose()
    idle(qtbot, dialog.ctx)
    assert "7.25" in dialog.proposal.text() and "通过" in dialog.proposal.text()
    dialog.override_outcome.setCurrentIndex(dialog.override_outcome.findData("failed"))
    dialog.override()                                                         # no reason given
    idle(qtbot, dialog.ctx)
    assert dialog.problem.isVisibleTo(dialog) and decision(world, interview).outcome is None
    dialog.confirm()
    idle(qtbot, dialog.ctx)
    found = decision(world, interview)
    assert found.outcome == DecisionOutcome.PASSED and not found.overridden
    assert dialog.proposal.text().startswith("已决定") and not dialog.confirm_button.isEnabled()


def test_a_score_far_from_the_panel_is_highlighted(qtbot, make_ctx, world, clock):
    clock.set(local(MONDAY, 8, 0))
    interview = book(world, 0, local(MONDAY, 10), interviewers=(world.wang.user_id, world.li.user_id))
    clock.set(local(MONDAY, 11, 0))
    score(world, world.wang, interview, [9, 8, 8])
    score(world, world.li, interview, [2, 8, 8])
    dialog = dialog_for(qtbot, make_ctx(world.wang), interview)                # after his own submit
    t = dialog.table
    assert t.item(0, 0).background().color() == FLAG_COLOUR and t.item(0, 1).background().color() == FLAG_COLOUR
    assert t.item(1, 0).background().color() != FLAG_COLOUR
    assert not dialog.decision_box.isVisibleTo(dialog)                         # interviewers do not decide


def test_hr_reopens_a_submitted_scorecard_with_a_reason(qtbot, make_ctx, world, clock):
    from desktop.core.model import Scorecard, ScorecardStatus

    clock.set(local(MONDAY, 8, 0))
    interview = book(world, 0, local(MONDAY, 10), interviewers=(world.wang.user_id, world.li.user_id))
    clock.set(local(MONDAY, 11, 0))
    score(world, world.wang, interview, [8, 8, 8])
    score(world, world.li, interview, [7, 7, 7])
    dialog = dialog_for(qtbot, make_ctx(world.hr), interview)
    assert dialog.reopen_box.isVisibleTo(dialog) and dialog.reopen_whose.count() == 2
    dialog.reopen_whose.setCurrentIndex(dialog.reopen_whose.findText("李医生"))
    dialog.reopen()                                                            # no reason: refused
    idle(qtbot, dialog.ctx)
    assert dialog.problem.isVisibleTo(dialog)
    dialog.reopen_reason.setText("评分录错")
    dialog.reopen()
    idle(qtbot, dialog.ctx)
    with world.db.session() as s:
        card = s.scalar(select(Scorecard).where(Scorecard.interview_id == interview,
                                                Scorecard.interviewer_id == world.li.user_id))
        assert card.status == ScorecardStatus.REOPENED and card.reopen_reason == "评分录错"
    assert dialog.reopen_whose.count() == 1 and dialog.waiting.text().endswith("李医生")
    assert not dialog.propose_button.isEnabled()                              # waiting for 李医生 again

    wang = dialog_for(qtbot, make_ctx(world.wang), interview)
    assert not wang.reopen_box.isVisibleTo(wang)


def test_the_schedule_detail_opens_calibration_for_hr_and_leaders(qtbot, make_ctx, world, clock):
    from desktop.ui.schedule.detail import InterviewDetailPanel

    clock.set(local(MONDAY, 8, 0))
    interview = book(world, 0, local(MONDAY, 10), interviewers=(world.wang.user_id, world.li.user_id))
    clock.set(local(MONDAY, 11, 0))
    for actor, shown in ((world.hr, True), (world.leader, True), (world.reception, False)):
        panel = InterviewDetailPanel(make_ctx(actor))
        qtbot.addWidget(panel)
        panel.show_interview(interview)
        idle(qtbot, panel.ctx)
        assert (not panel.calibration_button.isHidden()) is shown
    panel = InterviewDetailPanel(make_ctx(world.leader))
    qtbot.addWidget(panel)
    panel.show_interview(interview)
    idle(qtbot, panel.ctx)
    assert panel.calibration_button.text() == "评分校准" and panel.calibration_button.isEnabled()
    panel.calibration_button.click()
    idle(qtbot, panel.ctx)
    assert isinstance(panel.calibration_dialog, CalibrationDialog) and panel.calibration_dialog.isVisible()
    assert panel.calibration_dialog.waiting.text().endswith("李医生")
    panel.calibration_dialog.close()


def test_hr_corrects_a_decision_within_the_delay_and_approves_the_feedback_summary(qtbot, make_ctx, world, clock):
    from desktop.core import settings
    from desktop.core.model import OutboxEntry, OutboxState
    from factories import SYSTEM

    with world.db.session(SYSTEM, write=True) as s:
        settings.store_institution(s, "feedback.visibility", "summary", "测试")
        settings.store_institution(s, "feedback.delay_minutes", 30, "测试")
    clock.set(local(MONDAY, 8, 0))
    interview = book(world, 0, local(MONDAY, 10), interviewers=(world.wang.user_id, world.li.user_id))
    clock.set(local(MONDAY, 11, 0))
    score(world, world.wang, interview, [8, 8, 8])
    score(world, world.li, interview, [8, 7, 8])
    dialog = dialog_for(qtbot, make_ctx(world.hr), interview)
    assert dialog.summary_box.isVisibleTo(dialog) and not dialog.approve_button.isEnabled()   # not decided yet
    dialog.propose()
    idle(qtbot, dialog.ctx)
    dialog.confirm()
    idle(qtbot, dialog.ctx)
    assert dialog.approve_button.isEnabled() and "批准" in dialog.summary_state.text() + dialog.approve_button.text()
    assert dialog.override_button.isEnabled() and dialog.override_outcome.currentData() == "failed"

    dialog.approve_summary()                                                   # nothing written yet
    idle(qtbot, dialog.ctx)
    assert dialog.problem.isVisibleTo(dialog) and "面试评语" in dialog.problem.text()
    assert decision(world, interview).summary_approved_at is None

    dialog.summary.setPlainText("专业基础扎实，沟通清晰。")
    dialog.approve_summary()
    idle(qtbot, dialog.ctx)
    found = decision(world, interview)
    assert (found.feedback_summary, found.summary_approved_by_id) == ("专业基础扎实，沟通清晰。", world.hr.user_id)
    assert not dialog.approve_button.isEnabled() and "张人事" in dialog.summary_state.text()
    assert "11:30" in dialog.correction.text()                                # decided 11:00, sent 30 min later

    dialog.override_reason.setText("复核后改判")                               # a correction within the delay
    dialog.override()
    idle(qtbot, dialog.ctx)
    found = decision(world, interview)
    assert (found.outcome, found.reason, found.summary_approved_at) == (DecisionOutcome.FAILED, "复核后改判", None)
    with world.db.session() as s:
        states = s.scalars(select(OutboxEntry.state).where(OutboxEntry.interview_id == interview,
                                                           OutboxEntry.kind == "result_pass")).all()
    assert states and set(states) == {OutboxState.CANCELLED}
    assert dialog.approve_button.isEnabled()                                   # the summary is asked for again
