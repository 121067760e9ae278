"""我的面试 in the window: an interviewer's list (today first, then by day), the preparation on the
right with the profile masked, "seen" recorded by opening; a deep link or a notice opens the
interview there for the panel and on the schedule for HR; the tray/banner message of a notice
opens it too."""

from __future__ import annotations

from datetime import date, timedelta

from scheduling_ui import book, idle, local
from sqlalchemy import select

from desktop.core.model import TimelineEvent
from desktop.core.scheduling import inbox
from desktop.ui.main_window import MainWindow

MONDAY = date(2026, 11, 23)


def window_for(qtbot, make_ctx, actor) -> MainWindow:
    window = MainWindow(make_ctx(actor), reminder_interval_ms=3_600_000)
    qtbot.addWidget(window)
    window.show()
    idle(qtbot, window.ctx)
    return window


def seen(world, interview_id: int) -> list[int]:
    with world.db.session() as s:
        return [e.actor_id for e in s.scalars(select(TimelineEvent).where(
            TimelineEvent.interview_id == interview_id, TimelineEvent.kind == "interviewer_saw"))]


def texts(page) -> list[str]:
    return [page.list.item(n).text() for n in range(page.list.count())]


def test_the_interviewer_prepares_on_my_interviews_and_opening_records_seen(qtbot, make_ctx, world, clock):
    clock.set(local(MONDAY, 8, 0))
    tomorrow = book(world, 1, local(MONDAY + timedelta(days=1), 9))
    today = book(world, 0, local(MONDAY, 10), interviewers=(world.wang.user_id, world.li.user_id))
    window = window_for(qtbot, make_ctx, world.wang)
    assert window.navigation.item(window.page_keys().index("desk")).text() == "我的面试"
    page = window.open_page("desk")
    idle(qtbot, window.ctx)
    assert page.count.text() == "共 2 场面试"
    lines = texts(page)
    assert lines[0].startswith("今天（11-23 周一）") and lines[2].startswith("11-24 周二")
    assert lines[1].startswith("10:00–10:30  候选人1") and "内科住院医师 · 初试 · 行政楼301" in lines[1]
    assert page.list.item(1).font().bold()                         # not opened yet
    assert page.detail.placeholder.isVisible()

    page.list.setCurrentRow(1)
    idle(qtbot, window.ctx)
    detail = page.detail
    assert detail.interview_id == today and detail.heading.text() == "候选人1 · 内科住院医师 · 初试"
    values = detail.candidate.values
    assert values["name"].text() == "候选人1" and values["phone"].text() == "138****8000"
    assert values["email"].text() == "c***@example.cn"
    assert detail.when.values["place"].text() == "行政楼301（行政楼三层）"
    # the round plans 40 minutes (the default); this interview was booked for 30
    assert detail.when.values["planned"].text() == "40 分钟（实际预约 30 分钟）"
    assert detail.when.values["me"].text() == "面试官"
    assert "李医生" in detail.when.values["panel"].text()
    assert detail.no_requirements.isVisible() and detail.earlier_note.text() == "这是该候选人应聘此岗位的第一轮面试。"
    assert not detail.open_video_button.isVisible()
    qtbot.waitUntil(lambda: detail.match_section.isVisible(), timeout=5000)   # read apart, then shown
    assert page.match_view.score.text().endswith("%")
    assert seen(world, today) == [world.wang.user_id] and seen(world, tomorrow) == []
    idle(qtbot, window.ctx)
    assert not page.list.item(1).font().bold() and page.selected_interview() == today   # the reload kept it

    page.list.setCurrentRow(3)
    idle(qtbot, window.ctx)
    assert detail.interview_id == tomorrow and seen(world, tomorrow) == [world.wang.user_id]
    page.list.setCurrentRow(1)                                      # seen already: read only, nothing added
    idle(qtbot, window.ctx)
    assert detail.interview_id == today and seen(world, today) == [world.wang.user_id]

    assert detail.room_button.isVisible() and detail.room_button.isEnabled()     # today's interview
    detail.room_button.click()
    idle(qtbot, window.ctx)
    assert detail.room_window is not None and detail.room_window.isVisible()
    detail.room_window.close()
    page.list.setCurrentRow(3)
    idle(qtbot, window.ctx)
    assert detail.room_button.isVisible() and not detail.room_button.isEnabled()  # tomorrow's: not yet
    page.list.setCurrentRow(1)
    idle(qtbot, window.ctx)

    detail.schedule_button.click()                                  # 王主任 may see the schedule too
    idle(qtbot, window.ctx)
    assert window.stack.currentWidget() is window.pages["schedule"]


def test_a_link_opens_my_interviews_for_the_panel_and_the_schedule_for_hr(qtbot, make_ctx, world, clock):
    clock.set(local(MONDAY, 8, 0))
    far = book(world, 0, local(MONDAY + timedelta(days=30), 10))    # beyond the list: opened all the same
    window = window_for(qtbot, make_ctx, world.wang)
    window.open_link(far)
    idle(qtbot, window.ctx)
    page = window.pages["desk"]
    assert window.stack.currentWidget() is page and page.detail.interview_id == far
    assert seen(world, far) == [world.wang.user_id]

    hr = window_for(qtbot, make_ctx, world.hr)
    assert "desk" not in hr.page_keys()
    hr.open_link(far)
    idle(qtbot, hr.ctx)
    schedule = hr.pages["schedule"]
    assert hr.stack.currentWidget() is schedule and schedule.day == MONDAY + timedelta(days=30)
    assert seen(world, far) == [world.wang.user_id]


def test_a_panel_member_without_an_interviewer_role_gets_my_interviews(qtbot, make_ctx, world, clock):
    clock.set(local(MONDAY, 8, 0))
    hr_round = book(world, 0, local(MONDAY, 11), interviewers=(world.hr.user_id,))   # HR sits on the 初试
    window = window_for(qtbot, make_ctx, world.hr)
    assert window.page_keys()[:2] == ["today", "desk"] and window.navigation.item(1).text() == "我的面试"
    window.open_interview(hr_round)
    idle(qtbot, window.ctx)
    assert window.pages["desk"].detail.interview_id == hr_round
    assert window.pages["desk"].detail.candidate.values["phone"].text() == "13800138000"   # HR may see it


def test_the_banner_of_a_new_notice_opens_the_interview(qtbot, make_ctx, world, clock):
    clock.set(local(MONDAY, 8, 0))
    window = window_for(qtbot, make_ctx, world.wang)
    interview_id = book(world, 0, local(MONDAY, 10))
    with world.db.session(world.wang) as s:
        notices = inbox.my_notices(s, world.wang)
    assert [n.on_panel for n in notices] == [True]
    window.notifier.notify_notices(notices)                  # offscreen has no tray: the banner shows it
    banner = window.banner
    assert banner.interview_button.isVisible() and banner.interview_button.text() == "打开该面试"
    banner.interview_button.click()
    idle(qtbot, window.ctx)
    assert window.pages["desk"].detail.interview_id == interview_id and not banner.isVisible()
