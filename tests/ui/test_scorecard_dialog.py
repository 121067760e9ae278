"""评分 on 我的面试: an interviewer scores the interview on the round's criteria (weights and anchors
shown), the draft is autosaved when typing stops, an extreme score asks for a comment inline,
submit locks the form; a second desktop submitting the same scorecard is told it lost."""

from __future__ import annotations

from datetime import date

from scheduling_ui import book, idle, local
from sqlalchemy import select

from desktop.core.model import Recommendation, Scorecard, ScorecardStatus
from desktop.ui.desk.page import MyInterviewsPage
from desktop.ui.desk.scorecard import ScorecardDialog

MONDAY = date(2026, 11, 23)


def stored(world, interview_id: int) -> Scorecard | None:
    with world.db.session() as s:
        card = s.scalar(select(Scorecard).where(Scorecard.interview_id == interview_id))
        if card is not None:
            _ = [(x.score, x.comment) for x in card.scores]
            s.expunge(card)
        return card


def open_dialog(qtbot, ctx, interview_id: int) -> ScorecardDialog:
    dialog = ScorecardDialog(ctx, interview_id, "候选人1")
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot, ctx)
    return dialog


def fill(dialog: ScorecardDialog, scores: list[int]) -> None:
    for row, score in zip(dialog.rows, scores):
        row.score.setValue(score)


def test_the_scorecard_is_reached_from_my_interviews_and_autosaves_a_draft(qtbot, make_ctx, world, clock):
    clock.set(local(MONDAY, 8, 0))
    interview = book(world, 0, local(MONDAY, 10), interviewers=(world.wang.user_id, world.li.user_id))
    clock.set(local(MONDAY, 10, 40))
    ctx = make_ctx(world.wang)
    page = MyInterviewsPage(ctx)
    qtbot.addWidget(page)
    idle(qtbot, ctx)
    page.list.setCurrentRow(1)
    idle(qtbot, ctx)
    assert page.detail.scorecard_button.isVisibleTo(page) and page.detail.scorecard_button.isEnabled()
    page.detail.open_scorecard()
    idle(qtbot, ctx)
    dialog = page.detail.scorecard_dialog
    assert [r.caption.text() for r in dialog.rows] == ["沟通能力（40%）", "求职动机（30%）", "稳定性与匹配（30%）"]
    assert "良好，达到岗位要求" in dialog.rows[0].anchors.text()
    assert dialog.state.text() == "草稿" and not dialog.autosave.isActive()

    fill(dialog, [8, 7])
    assert dialog.autosave.isActive() and stored(world, interview) is None    # nothing written while typing
    dialog.autosave.timeout.emit()                                            # typing stopped
    idle(qtbot, ctx)
    card = stored(world, interview)
    assert card.status == ScorecardStatus.DRAFT and sorted(s.score for s in card.scores if s.score) == [7, 8]
    assert dialog.saved.text().startswith("草稿已保存")

    dialog.rows[2].score.setValue(2)
    assert dialog.rows[2].problem.isVisibleTo(dialog)                        # said inline at once
    dialog.submit()
    idle(qtbot, ctx)
    assert stored(world, interview).status == ScorecardStatus.DRAFT
    assert dialog.problem.isVisibleTo(dialog) and "总体推荐" in dialog.problem.text()
    dialog.rows[2].comment.setText("工作地点与家庭安排冲突")
    dialog.recommendation.setCurrentIndex(dialog.recommendation.findData(Recommendation.YES.value))
    dialog.submit()
    idle(qtbot, ctx)
    card = stored(world, interview)
    assert not dialog.problem.isVisibleTo(dialog), dialog.problem.text()
    assert card.status == ScorecardStatus.SUBMITTED and card.recommendation == Recommendation.YES
    assert not dialog.submit_button.isEnabled() and not dialog.rows[0].score.isEnabled()
    assert dialog.total.text().endswith("5.90")                              # 8*40 + 7*30 + 2*30 over 100


def test_of_two_desktops_submitting_one_scorecard_exactly_one_wins(qtbot, make_ctx, world, clock):
    clock.set(local(MONDAY, 8, 0))
    interview = book(world, 0, local(MONDAY, 10), interviewers=(world.wang.user_id, world.li.user_id))
    clock.set(local(MONDAY, 10, 40))
    first, second = make_ctx(world.wang), make_ctx(world.wang)
    one, other = open_dialog(qtbot, first, interview), open_dialog(qtbot, second, interview)
    for dialog in (one, other):
        fill(dialog, [7, 7, 7])
        dialog.recommendation.setCurrentIndex(dialog.recommendation.findData(Recommendation.YES.value))
    one.submit()
    idle(qtbot, first)
    other.autosave.stop()
    other.submit()
    idle(qtbot, second)
    assert stored(world, interview).status == ScorecardStatus.SUBMITTED
    assert other.problem.isVisibleTo(other) and other.problem.text().startswith("在此期间其他人已保存")
    idle(qtbot, second)
    assert other.state.text() == one.state.text() and not other.submit_button.isEnabled()   # reloaded, locked
