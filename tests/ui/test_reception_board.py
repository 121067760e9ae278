"""前台看板 for reception: check-in only on the interview's day within its window, after a question
naming the candidate and the time; an undo with a reason; and a moved interview marked 已改期 with
its old and new time, with reception told by a notice."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from scheduling_ui import book, idle, local

from desktop.core.errors import CheckInRefused
from desktop.core.model import ChangeKind, Interview, Party, Verdict
from desktop.core.scheduling import attendance, changes, timeline
from desktop.ui import messages
from desktop.ui.board.page import RoomBoardPage
from desktop.ui.main_window import MainWindow

MONDAY = date(2026, 11, 23)
TUESDAY = MONDAY + timedelta(days=1)


@pytest.fixture
def board(qtbot, make_ctx, world):
    def open_board() -> RoomBoardPage:
        page = RoomBoardPage(make_ctx(world.reception))
        qtbot.addWidget(page)
        page.resize(1366, 768)
        page.show()
        idle(qtbot, page.ctx)
        return page
    return open_board


def entries(page: RoomBoardPage) -> list[tuple[str, str]]:
    return [(e.candidate, f"{page.ctx.local(e.starts_at):%m-%d %H:%M}") for r in page.rooms for e in r.entries]


def test_the_day_before_there_is_no_check_in_and_the_service_refuses_it_with_a_message(qtbot, world, clock, board):
    tomorrow = book(world, 0, local(TUESDAY, 10, 0))
    book(world, 1, local(MONDAY, 14, 0), room=world.big_room, interviewers=(world.li.user_id,))
    clock.set(local(MONDAY, 10, 0))
    page = board()
    assert entries(page) == [("候选人2", "11-23 14:00")]           # only the chosen day's candidates
    page.next.click()
    idle(qtbot, page.ctx)
    assert entries(page) == [("候选人1", "11-24 10:00")]
    assert page.button_for(tomorrow) is None                      # no action for another day
    assert not page.other_day.isHidden()
    with world.db.session(world.reception, write=True) as s:
        with pytest.raises(CheckInRefused) as refused:
            attendance.check_in(s, world.reception, tomorrow)
    assert messages.describe(refused.value) == ("未签到：面试不在今天。该面试可在 2026-11-24 的 09:00 至 12:00 "
                                                "之间签到。")


def test_check_in_opens_with_the_window_and_asks_first(qtbot, world, clock, board):
    iid = book(world, 0, local(MONDAY, 10, 0))
    clock.set(local(MONDAY, 8, 30))
    page = board()
    button = page.button_for(iid)
    assert not button.isEnabled() and button.toolTip() == "09:00 开始可以签到。"
    clock.set(local(MONDAY, 9, 55))
    page.load()
    idle(qtbot, page.ctx)
    page.button_for(iid).click()
    question = page.dialog
    assert question.question.text() == "为 候选人1 办理签到（内科住院医师）？"
    assert question.when.text() == "面试时间：11-23 周一 10:00–10:30，行政楼301"
    question.reject()                                             # answered "no": nothing recorded
    idle(qtbot, page.ctx)
    with world.db.session() as s:
        assert s.get(Interview, iid).checked_in_at is None
    page.button_for(iid).click()
    page.dialog.confirm_button.click()
    idle(qtbot, page.ctx)
    with world.db.session() as s:
        assert s.get(Interview, iid).checked_in_at == local(MONDAY, 9, 55)
    assert page.status.text() == "已签到。"


def test_a_mistaken_check_in_is_undone_with_a_reason(qtbot, world, clock, board):
    iid = book(world, 0, local(MONDAY, 10, 0))
    clock.set(local(MONDAY, 10, 2))
    with world.db.session(world.reception, write=True) as s:
        attendance.check_in(s, world.reception, iid)
    page = board()
    assert [e.state for r in page.rooms for e in r.entries] == ["arrived"]
    page.undo_button_for(iid).click()
    dialog = page.dialog
    dialog.confirm_button.click()                                 # no reason: refused, still open
    assert dialog.isVisible() and dialog.problem.text() == "请填写原因。"
    dialog.reason.setText("误签，到场的是另一位候选人")
    dialog.confirm_button.click()
    idle(qtbot, page.ctx)
    with world.db.session() as s:
        assert s.get(Interview, iid).checked_in_at is None
        [entry] = [e for e in timeline.entries(s, iid) if e.kind == "check_in_undone"]
    assert (entry.actor, entry.detail["reason"]) == ("前台小周", "误签，到场的是另一位候选人")
    assert page.status.text() == "已撤销签到，候选人恢复为待到场。"
    assert page.button_for(iid).isEnabled()


def test_a_moved_interview_is_marked_and_reception_gets_a_notice(qtbot, make_ctx, world, clock):
    iid = book(world, 0, local(MONDAY, 10, 0))
    with world.db.session(world.hr, write=True) as s:
        rid = changes.request_change(s, world.hr, changes.ChangeInput(
            interview_id=iid, kind=ChangeKind.RESCHEDULE, party=Party.CANDIDATE, reason="候选人上午有课",
            starts_at=local(MONDAY, 17, 0))).change_request_id
    for approver, verdict, step in ((world.leader, Verdict.APPROVED, 1), (world.personnel, Verdict.FILED, 2),
                                    (world.director, Verdict.CONFIRMED, 3)):
        with world.db.session(approver, write=True) as s:
            changes.decide(s, approver, rid, verdict, "同意", expected_step=step)
    window = MainWindow(make_ctx(world.reception))
    qtbot.addWidget(window)
    window.show()
    idle(qtbot, window.ctx)
    page = window.pages["board"]
    assert page.moved_mark_for(iid).text() == "已改期 10:00 → 17:00"
    assert window.notice_button.text() == "我的通知 (1)"
    dialog = window.open_notices()
    idle(qtbot, window.ctx)
    assert dialog.list.item(0).text().endswith("面试变动：候选人1")
