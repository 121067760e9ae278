"""Changing an interview from the schedule: dragging a block proposes a change request with the
conflict check in plain words; soft conflicts need a reason, hard ones cannot be pushed through;
every change says why (a category and words); the candidate's request to move picks a free slot;
a cancellation; and the attendance actions."""

from __future__ import annotations

from datetime import time

import pytest
from PySide6.QtCore import QPointF
from scheduling_ui import STORY_DAY, book, drag, idle, local
from sqlalchemy import select

from desktop.core import settings
from desktop.core.model import (
    ChangeKind, ChangeRequest, ChangeStatus, Confirmation, Interview, InterviewStatus, Party,
)
from desktop.ui.schedule.change_dialog import ChangeRequestDialog
from desktop.ui.schedule.page import SchedulePage


@pytest.fixture
def page(qtbot, make_ctx, world):
    ctx = make_ctx(world.hr)
    widget = SchedulePage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1500, 820)
    widget.show()
    idle(qtbot, ctx)
    return widget


def on_tuesday(qtbot, page, by_room: bool = False) -> None:
    page.day_button.click()
    if by_room:
        page.by_room.click()
    page.show_day(STORY_DAY)
    idle(qtbot, page.ctx)


def drag_block(qtbot, page, interview_id: int, to: time, lane_id: int | None = None) -> ChangeRequestDialog:
    """Drag the interview's block so that it starts at `to` (office time), in `lane_id`."""
    canvas = page.canvas
    placed = canvas.placed_blocks(interview_id)[0]
    grab = placed.rect.center()
    target = canvas.content_point(STORY_DAY, to, lane_id or placed.block.lane_id)
    drag(canvas.viewport(), canvas.viewport_point(grab),
         canvas.viewport_point(QPointF(target.x() + grab.x() - placed.rect.left(), target.y())))
    qtbot.waitUntil(lambda: isinstance(page.dialog, ChangeRequestDialog) and page.dialog.isVisible(), timeout=10_000)
    idle(qtbot, page.ctx)
    return page.dialog


def requests_of(db, interview_id: int) -> list[ChangeRequest]:
    with db.session() as s:
        found = s.scalars(select(ChangeRequest).where(ChangeRequest.interview_id == interview_id)).all()
        s.expunge_all()
        return list(found)


def test_dragging_a_block_to_a_free_time_submits_a_pending_change_request(qtbot, world, page):
    iid = book(world, 0, local(STORY_DAY, 10, 0))
    on_tuesday(qtbot, page)
    dialog = drag_block(qtbot, page, iid, time(14, 0))

    assert dialog.proposed_labels["time"].text() == "<b>11-24 周二 14:00–14:30</b>"
    assert "未发现冲突" in dialog.conflicts.text()
    assert dialog.override.isHidden()
    dialog.party.setCurrentIndex(dialog.party.findData("candidate"))
    dialog.save_button.click()
    idle(qtbot, page.ctx)
    assert dialog.form.error_text("reason") == "理由：为必填项"  # nothing is sent without a reason
    assert requests_of(world.db, iid) == []

    assert dialog.form.error_text("reason_code") == "原因类别：为必填项"
    dialog.reason_code.setCurrentIndex(dialog.reason_code.findData("candidate_request"))
    dialog.reason.setText("候选人下午才能到")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    idle(qtbot, page.ctx)
    [request] = requests_of(world.db, iid)
    assert (request.status, request.kind, request.requested_by_party) == (ChangeStatus.PENDING, ChangeKind.RESCHEDULE,
                                                                           Party.CANDIDATE)
    assert request.proposed["starts_at"] == local(STORY_DAY, 14, 0).isoformat()
    assert request.reason == "候选人下午才能到" and request.current_step == 1
    assert request.reason_code == "candidate_request"
    assert "等待审批" in page.status.text()


def test_a_soft_conflict_is_explained_and_needs_a_reason_to_override(qtbot, world, page):
    with world.db.session(world.hr, write=True) as s:     # this institution allows an interviewer's overlap
        settings.store_institution(s, "scheduling.allow_interviewer_overlap_override", True, "测试")
    iid = book(world, 0, local(STORY_DAY, 10, 0))
    book(world, 1, local(STORY_DAY, 15, 0), room=world.big_room)          # 王主任 is busy at 15:00
    on_tuesday(qtbot, page)
    dialog = drag_block(qtbot, page, iid, time(15, 0))

    assert "王主任 该时段已有面试（11-24 15:00）" in dialog.conflicts.text()
    assert "可填写理由后忽略" in dialog.conflicts.text()
    assert not dialog.override.isHidden()
    dialog.reason_code.setCurrentIndex(dialog.reason_code.findData("interviewer_conflict"))
    dialog.reason.setText("面试官临时调整")
    dialog.override.setText("王主任同意连续面试两位候选人")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    [request] = requests_of(world.db, iid)
    assert request.status == ChangeStatus.PENDING


def test_a_hard_conflict_cannot_be_pushed_through(qtbot, world, page):
    iid = book(world, 0, local(STORY_DAY, 10, 0))
    book(world, 1, local(STORY_DAY, 10, 0), room=world.big_room, interviewers=(world.li.user_id,))
    on_tuesday(qtbot, page, by_room=True)
    dialog = drag_block(qtbot, page, iid, time(10, 0), lane_id=world.big_room)   # the big room is taken at 10:00

    assert dialog.proposed_labels["place"].text() == "<b>行政楼大会议室</b>"
    assert "会议室 行政楼大会议室 该时段已被占用" in dialog.conflicts.text() and "不可忽略" in dialog.conflicts.text()
    assert dialog.override.isHidden()
    dialog.reason_code.setCurrentIndex(dialog.reason_code.findData("room"))
    dialog.reason.setText("换到大会议室")
    dialog.save_button.click()
    idle(qtbot, page.ctx)
    assert dialog.isVisible() and "不可忽略" in dialog.form.banner.text()
    assert requests_of(world.db, iid) == []


def test_moving_to_another_interviewers_lane_swaps_the_interviewer(qtbot, world, page):
    iid = book(world, 0, local(STORY_DAY, 10, 0))
    book(world, 1, local(STORY_DAY, 11, 0), interviewers=(world.li.user_id,), room=world.big_room)  # 李医生 has a lane
    on_tuesday(qtbot, page)
    dialog = drag_block(qtbot, page, iid, time(10, 0), lane_id=world.li.user_id)
    assert dialog.proposed_labels["people"].text() == "<b>李医生</b>"
    dialog.reason_code.setCurrentIndex(dialog.reason_code.findData("interviewer_conflict"))
    dialog.reason.setText("王主任外出培训")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    [request] = requests_of(world.db, iid)
    assert request.kind == ChangeKind.SWAP_INTERVIEWER and request.proposed["interviewer_ids"] == [world.li.user_id]


def show_detail(qtbot, page, interview_id: int) -> None:
    page.detail.show_interview(interview_id)
    idle(qtbot, page.ctx)


def test_the_candidates_request_to_move_offers_free_slots(qtbot, world, page):
    iid = book(world, 0, local(STORY_DAY, 10, 0))
    show_detail(qtbot, page, iid)
    page.detail.reschedule_button.click()
    dialog = page.detail.dialog
    idle(qtbot, page.ctx)
    assert dialog.party.currentData() == "candidate"
    slots = dialog.slot_list.slots
    assert slots and all(s.starts_at >= page.ctx.clock.now() for s in slots)
    dialog.slot_list.pick(1)
    idle(qtbot, page.ctx)
    assert "未发现冲突" in dialog.conflicts.text()
    dialog.reason.setText("候选人申请改期")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    [request] = requests_of(world.db, iid)
    assert request.requested_by_party == Party.CANDIDATE
    assert request.proposed["starts_at"] == slots[1].starts_at.isoformat()


def test_cancelling_asks_for_a_reason_and_submits_a_cancellation(qtbot, world, page):
    iid = book(world, 0, local(STORY_DAY, 10, 0))
    show_detail(qtbot, page, iid)
    page.detail.cancel_button.click()
    dialog = page.detail.dialog
    assert dialog.windowTitle() == "取消面试" and dialog.proposed_labels["time"].text() == "取消面试"
    dialog.reason_code.setCurrentIndex(dialog.reason_code.findData("candidate_request"))
    dialog.reason.setText("候选人已接受其他单位录用")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    [request] = requests_of(world.db, iid)
    assert request.kind == ChangeKind.CANCEL and request.status == ChangeStatus.PENDING


def test_confirmation_check_in_and_no_show_from_the_detail_panel(qtbot, world, page, clock):
    confirmed = book(world, 0, local(STORY_DAY, 10, 0))
    absent = book(world, 1, local(STORY_DAY, 11, 0), room=world.big_room, interviewers=(world.li.user_id,))
    show_detail(qtbot, page, confirmed)
    page.detail.confirm_phone.trigger()
    idle(qtbot, page.ctx)
    assert page.detail.state.text() == "已确认" and "电话" in page.status.text()
    with world.db.session() as s:
        assert s.scalar(select(Confirmation.channel).where(Confirmation.interview_id == confirmed)).value == "phone"

    clock.set(local(STORY_DAY, 10, 5))
    show_detail(qtbot, page, confirmed)
    page.detail.check_in_button.click()
    assert "候选人1" in page.detail.check_in_dialog.question.text()      # asks first, naming whom and when
    assert "10:00–10:30" in page.detail.check_in_dialog.when.text()
    page.detail.check_in_dialog.confirm_button.click()
    idle(qtbot, page.ctx)
    assert page.detail.state.text() == "已签到" and not page.detail.check_in_button.isEnabled()

    clock.set(local(STORY_DAY, 11, 40))
    show_detail(qtbot, page, absent)
    assert page.detail.no_show_button.isEnabled()
    page.detail.no_show_button.click()
    idle(qtbot, page.ctx)
    with world.db.session() as s:
        assert s.get(Interview, absent).status == InterviewStatus.NO_SHOW
    assert page.detail.state.text() == "未到场"
    assert not page.detail.reschedule_button.isEnabled()
