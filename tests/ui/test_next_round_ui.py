"""安排下一轮 where HR meets a passed round: in the calibration view once the decision is confirmed,
and on the alert "已通过：请安排下一轮面试" on Today. Both open the booking dialog prefilled with the
application, the next round and its duration, and the panel last booked for that round; booking it
there closes the alert. The scorecard form keeps 提交 disabled, with the reason, until the interview
has begun."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QTime
from scheduling_ui import book, idle, local
from sqlalchemy import select

from desktop.core import scorecard_panel, scorecards
from desktop.core.model import Alert, InterviewMode, Recommendation, Round
from desktop.core.scheduling import booking
from desktop.core.scorecards import CardInput, ScoreInput
from desktop.ui.desk.calibration import CalibrationDialog
from desktop.ui.desk.scorecard import ScorecardDialog
from desktop.ui.schedule.booking_dialog import BookingDialog
from desktop.ui.today.page import TodayPage

MONDAY = date(2026, 11, 23)


def passed_round(world, clock, second_panel: tuple[int, ...] | None = None) -> tuple[int, Round]:
    """候选人1's first round at 10:00 with 王主任 and 李医生, both score 8, HR confirms 通过; 候选人2's
    second round was booked before with `second_panel` (李医生 alone unless given: the panel proposed)."""
    with world.db.session() as s:
        second = s.scalar(select(Round).where(Round.position_id == world.position, Round.sequence == 2))
        s.expunge(second)
    clock.set(local(MONDAY, 8, 0))
    with world.db.session(world.hr, write=True) as s:
        booking.book(s, world.hr, booking.BookingInput(
            application_id=world.applications[1], round_id=second.id, starts_at=local(MONDAY + timedelta(days=1), 9),
            duration_minutes=second.duration_minutes, mode=InterviewMode.ONSITE, room_id=world.big_room,
            interviewer_ids=second_panel or (world.li.user_id,)))
    interview = book(world, 0, local(MONDAY, 10), interviewers=(world.wang.user_id, world.li.user_id))
    clock.set(local(MONDAY, 11, 0))
    for who in (world.wang, world.li):
        with world.db.session(who, write=True) as s:
            scorecards.submit(s, who, interview, CardInput({i: ScoreInput(8) for i in (1, 2, 3)}, Recommendation.YES))
    with world.db.session(world.hr, write=True) as s:
        proposed = scorecard_panel.propose(s, world.hr, interview)
        scorecard_panel.settle(s, world.hr, interview, proposed.version)
    return interview, second


def prefilled(qtbot, holder) -> BookingDialog:
    qtbot.waitUntil(lambda: holder.next_round_dialog is not None, timeout=10_000)
    dialog = holder.next_round_dialog
    qtbot.addWidget(dialog)
    idle(qtbot, dialog.ctx)
    qtbot.waitUntil(lambda: dialog.chosen() is not None, timeout=10_000)
    idle(qtbot, dialog.ctx)
    return dialog


def test_calibration_offers_the_next_round_and_the_dialog_is_prefilled(qtbot, make_ctx, world, clock):
    interview, second = passed_round(world, clock)
    calibration = CalibrationDialog(make_ctx(world.hr), interview, "候选人1")
    qtbot.addWidget(calibration)
    calibration.show()
    idle(qtbot, calibration.ctx)
    assert calibration.next_round_button.isVisibleTo(calibration)
    assert calibration.next_round_button.text() == f"安排下一轮：{second.name}"
    calibration.next_round_button.click()
    dialog = prefilled(qtbot, calibration)
    assert dialog.windowTitle() == "安排下一轮"
    assert dialog.chosen().id == world.applications[0] and dialog.application.count() == 1
    assert dialog.round.currentData() == second.id and dialog.duration.value() == second.duration_minutes
    assert dialog.interviewers.checked_ids() == (world.li.user_id,)
    assert "2026-11-24" in dialog.prefill_hint.text() and dialog.prefill_hint.isVisibleTo(dialog)


def test_the_alert_on_today_opens_the_prefilled_booking_and_booking_closes_it(qtbot, make_ctx, world, clock):
    interview, second = passed_round(world, clock)
    page = TodayPage(make_ctx(world.hr))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    idle(qtbot, page.ctx)
    [row] = [n for n, a in enumerate(page.alerts.rows) if a.kind == "propose_next_round"]
    cell = page.alerts_table.indexWidget(page.alerts.index(row, page.alerts.COL_ACTION))
    [book_button] = [b for b in cell.findChildren(type(page.approvals_button)) if b.objectName() == "bookNextRound"]
    assert book_button.text() == "安排下一轮"
    book_button.click()
    dialog = prefilled(qtbot, page)
    assert dialog.round.currentData() == second.id
    assert dialog.interviewers.checked_ids() == (world.li.user_id,)

    dialog.day.setDate(QDate(2026, 11, 25))                   # Wednesday 14:00, everyone free
    dialog.start.setTime(QTime(14, 0))
    dialog.room.setCurrentIndex(max(0, dialog.room.findData(world.room)))
    idle(qtbot, dialog.ctx)
    dialog.save()
    idle(qtbot, dialog.ctx)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    with world.db.session() as s:
        alert = s.scalars(select(Alert).where(Alert.kind == "propose_next_round")).one()
        assert alert.acknowledged_by_id == world.hr.user_id
    idle(qtbot, page.ctx)
    assert not any(a.kind == "propose_next_round" for a in page.alerts.rows)


def test_submit_waits_for_the_interview_to_begin_with_the_reason_shown(qtbot, make_ctx, world, clock):
    clock.set(local(MONDAY, 8, 0))
    interview = book(world, 0, local(MONDAY, 10), interviewers=(world.wang.user_id,))
    clock.set(local(MONDAY, 9, 30))
    dialog = ScorecardDialog(make_ctx(world.wang), interview, "候选人1")
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot, dialog.ctx)
    assert not dialog.submit_button.isEnabled()
    assert dialog.submit_reason.isVisibleTo(dialog) and "11-23 10:00" in dialog.submit_reason.text()
    dialog.rows[0].score.setValue(7)                        # preparation: the draft still saves
    dialog.save_draft()
    idle(qtbot, dialog.ctx)
    assert dialog.card.id is not None and dialog.card.status == "draft" and not dialog.submit_button.isEnabled()
    clock.set(local(MONDAY, 10, 1))
    dialog.ctx.sig_changed.emit("clock", ())                  # the minute tick
    assert dialog.submit_button.isEnabled() and not dialog.submit_reason.isVisibleTo(dialog)


def test_a_proposed_panel_member_without_the_interviewer_role_is_listed_and_ticked(qtbot, make_ctx, world, clock):
    """The department leader (赵科长, no interviewer role) sat on the second round last time: the
    proposed panel keeps them, listed and ticked, not silently dropped from the picker."""
    interview, _second = passed_round(world, clock, (world.li.user_id, world.leader.user_id))
    calibration = CalibrationDialog(make_ctx(world.hr), interview, "候选人1")
    qtbot.addWidget(calibration)
    calibration.show()
    idle(qtbot, calibration.ctx)
    calibration.next_round_button.click()
    dialog = prefilled(qtbot, calibration)
    assert set(dialog.interviewers.checked_ids()) == {world.li.user_id, world.leader.user_id}
