"""今日: today's interviews in their live state, the candidate worth a call ahead, alerts that go
away with "知道了", follow-up tasks, the approvals waiting; and the minute-by-minute reminder engine
that notifies each new alert once."""

from __future__ import annotations

from datetime import date

import pytest
from scheduling_ui import book, idle, local
from sqlalchemy import select

from desktop.core.model import Alert, Candidate, ChangeKind, Channel, FollowUpTask, Party
from desktop.core.scheduling import attendance, changes, reminders
from desktop.ui.main_window import MainWindow
from desktop.ui.today.page import TodayPage
from desktop.ui.today.reminders import ReminderService

MONDAY = date(2026, 11, 23)   # the test clock starts at 09:00 that day


@pytest.fixture
def morning(world, clock):
    """候选人1 (who failed to come twice before) at 10:00 with 王主任, unconfirmed; 候选人2 at 11:00 with
    李医生, confirmed by phone. Then the clock moves to 10:15."""
    late = book(world, 0, local(MONDAY, 10, 0))
    confirmed = book(world, 1, local(MONDAY, 11, 0), room=world.big_room, interviewers=(world.li.user_id,))
    with world.db.session(world.hr, write=True) as s:
        attendance.record_confirmation(s, world.hr, confirmed, Channel.PHONE)
        s.get(Candidate, world.candidates[0]).no_show_count = 2
    clock.set(local(MONDAY, 10, 15))
    return late, confirmed


def open_today(qtbot, make_ctx, actor) -> TodayPage:
    ctx = make_ctx(actor)
    page = TodayPage(ctx)
    qtbot.addWidget(page)
    page.resize(1400, 850)
    page.show()
    idle(qtbot, ctx)
    return page


def evaluate(db) -> list[str]:
    with db.session(write=True) as s:
        return reminders.evaluate(s).kinds


def test_today_shows_live_states_and_the_candidate_to_call_ahead(qtbot, make_ctx, world, morning):
    late, confirmed = morning
    page = open_today(qtbot, make_ctx, world.hr)
    rows = {page.interviews.rows[r].interview_id: page.interviews.index(r, page.interviews.COL_STATE).data()
            for r in range(page.interviews.rowCount())}
    assert rows == {late: "迟到", confirmed: "已确认"}
    assert page.count.text() == "共 2 场"
    assert not page.risk.isHidden()
    assert "候选人1" in page.risk.text() and "此前爽约 2 次" in page.risk.text() and "提前致电" in page.risk.text()
    assert "候选人2" not in page.risk.text()
    assert page.approvals_button.isHidden()       # HR decides no approvals


def test_acknowledging_an_alert_removes_it_and_tasks_can_be_completed(qtbot, make_ctx, world, morning):
    assert sorted(evaluate(world.db)) == ["confirmation_overdue", "late", "late"]
    page = open_today(qtbot, make_ctx, world.hr)
    texts = [page.alerts.index(r, page.alerts.COL_ALERT).data() for r in range(page.alerts.rowCount())]
    assert sorted(texts) == ["候选人迟到：候选人1 11-23 周一 10:00 行政楼301", "确认超时：候选人1 11-23 周一 10:00 行政楼301"]
    late_row = next(r for r, text in enumerate(texts) if text.startswith("候选人迟到"))
    late_alert = page.alerts.rows[late_row].id
    page.alerts_table.indexWidget(page.alerts.index(late_row, page.alerts.COL_ACTION)).click()
    idle(qtbot, page.ctx)
    assert [a.id for a in page.alerts.rows] == [a.id for a in page.alerts.rows if a.id != late_alert]
    assert page.alerts.rowCount() == 1
    with world.db.session() as s:
        assert s.get(Alert, late_alert).acknowledged_by_id == world.hr.user_id

    assert page.tasks.rowCount() == 1
    assert page.tasks.index(0, page.tasks.COL_TITLE).data() == "未在期限内确认，请电话联系候选人：候选人1 11-23 周一 10:00 行政楼301"
    page.tasks_table.indexWidget(page.tasks.index(0, page.tasks.COL_ACTION)).click()
    idle(qtbot, page.ctx)
    assert page.tasks.rowCount() == 0 and not page.tasks_empty.isHidden()
    with world.db.session() as s:
        assert s.scalar(select(FollowUpTask.done_at)) is not None


def test_approvals_waiting_for_the_leader_are_listed_and_lead_to_the_approvals_page(qtbot, make_ctx, world, morning):
    late, _ = morning
    with world.db.session(world.hr, write=True) as s:
        request_id = changes.request_change(s, world.hr, changes.ChangeInput(
            interview_id=late, kind=ChangeKind.CANCEL, party=Party.CANDIDATE, reason="候选人放弃")).change_request_id
    window = MainWindow(make_ctx(world.leader))
    qtbot.addWidget(window)
    window.show()
    idle(qtbot, window.ctx)
    page = window.pages["today"]
    assert not page.approvals_button.isHidden() and page.approvals_button.text() == "待我审批：1 项 →"
    assert [page.pending.index(0, c).data() for c in range(4)][:3] == ["候选人1 · 内科住院医师", "取消面试",
                                                                     "部门领导审批"]
    page.pending_table.doubleClicked.emit(page.pending.index(0, 0))
    idle(qtbot, window.ctx)
    approvals = window.pages["approvals"]
    assert window.stack.currentWidget() is approvals
    assert approvals.panel.entry.item.change_request_id == request_id
    window.open_page("today")
    with qtbot.waitSignal(page.sig_open_page) as opened:
        page.approvals_button.click()
    assert opened.args == ["approvals"]


def test_the_reminder_engine_notifies_each_new_alert_once(qtbot, make_ctx, world, clock):
    book(world, 0, local(MONDAY, 10, 0))
    ctx = make_ctx(world.hr)
    service = ReminderService(ctx, interval_ms=60_000)
    seen: list[list[str]] = []
    service.sig_new_alerts.connect(lambda alerts: seen.append(sorted(a.kind for a in alerts)))
    service.run_now()
    idle(qtbot, ctx)
    assert seen == [["unconfirmed_soon"]]           # 09:00: an hour before, still unconfirmed

    clock.set(local(MONDAY, 10, 12))
    service.run_now()
    idle(qtbot, ctx)
    assert seen == [["unconfirmed_soon"], ["confirmation_overdue", "late"]]
    service.run_now()
    idle(qtbot, ctx)
    assert seen == [["unconfirmed_soon"], ["confirmation_overdue", "late"]]  # no duplicates
    assert service.timer.interval() == 60_000


def test_the_window_shows_new_alerts_in_a_banner_when_there_is_no_tray(qtbot, make_ctx, world, clock):
    book(world, 0, local(MONDAY, 10, 0))
    clock.set(local(MONDAY, 10, 12))
    window = MainWindow(make_ctx(world.hr), reminder_interval_ms=3_600_000)
    qtbot.addWidget(window)
    window.show()
    idle(qtbot, window.ctx)
    assert window.notifier.tray is None             # the offscreen test platform has no system tray
    assert not window.banner.isHidden()
    assert "候选人迟到：候选人1" in window.banner.text.text()
    lines = list(window.notifier.lines)
    window.reminders.run_now()
    idle(qtbot, window.ctx)
    assert window.notifier.lines == lines
    window.banner.open_button.click()
    assert window.banner.isHidden() and window.stack.currentWidget() is window.pages["today"]
