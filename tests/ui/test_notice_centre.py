"""My notices (我的通知): an interviewer sees 我的通知 (1) when an interview is booked for them, a new
notice is announced once, and opening it marks it read and puts "seen" on the interview's timeline;
"Open in My interviews" opens it on the interviewer's desk; HR's notices show it on the schedule."""

from __future__ import annotations

from datetime import date

from scheduling_ui import book, idle, local
from sqlalchemy import select

from desktop.core.model import TimelineEvent
from desktop.ui.main_window import MainWindow

MONDAY = date(2026, 11, 23)


def window_for(qtbot, make_ctx, actor) -> MainWindow:
    window = MainWindow(make_ctx(actor), reminder_interval_ms=3_600_000)
    qtbot.addWidget(window)
    window.show()
    idle(qtbot, window.ctx)
    return window


def test_an_interviewer_reads_a_new_interview_notice_and_hr_sees_it_was_seen(qtbot, make_ctx, world):
    window = window_for(qtbot, make_ctx, world.wang)
    assert window.notice_button.text() == "我的通知"
    announced: list[list[str]] = []
    window.reminders.sig_new_notices.connect(lambda notices: announced.append([n.title for n in notices]))

    interview_id = book(world, 0, local(date(2026, 11, 24), 10, 0))   # HR books 王主任 on another desktop
    window.reminders.run_now()
    idle(qtbot, window.ctx)
    assert window.notice_button.text() == "我的通知 (1)" and window.notice_button.font().bold()
    assert announced == [["新的面试安排"]]
    assert "新的面试安排" in window.notifier.lines     # offscreen has no tray: the banner shows it
    window.reminders.run_now()
    idle(qtbot, window.ctx)
    assert announced == [["新的面试安排"]]               # announced once

    dialog = window.open_notices()
    idle(qtbot, window.ctx)
    assert dialog.list.count() == 1 and dialog.status.text() == "共 1 条通知，1 条未读"
    dialog.list.setCurrentRow(0)
    assert "行政楼301" in dialog.body.text() and dialog.show_button.isEnabled()
    assert dialog.show_button.text() == "在我的面试中打开"
    with qtbot.waitSignal(dialog.sig_show_interview) as shown:
        dialog.show_button.click()
        idle(qtbot, window.ctx)
    assert shown.args[0] == interview_id
    idle(qtbot, window.ctx)
    desk = window.pages["desk"]                      # 王主任 sits on its panel: it opens on 我的面试
    assert window.stack.currentWidget() is desk and desk.detail.interview_id == interview_id
    assert window.notice_button.text() == "我的通知"
    with world.db.session() as s:
        seen = s.scalars(select(TimelineEvent).where(TimelineEvent.interview_id == interview_id,
                                                     TimelineEvent.kind == "interviewer_saw")).all()
        assert [(e.actor_id, e.detail["sequence"]) for e in seen] == [(world.wang.user_id, 0)]


def test_mark_all_as_read(qtbot, make_ctx, world):
    book(world, 0, local(date(2026, 11, 24), 10, 0))
    book(world, 1, local(date(2026, 11, 24), 11, 0))
    window = window_for(qtbot, make_ctx, world.wang)
    assert window.notice_button.text() == "我的通知 (2)"
    dialog = window.open_notices()
    idle(qtbot, window.ctx)
    dialog.all_read_button.click()
    idle(qtbot, window.ctx)
    assert dialog.status.text() == "共 2 条通知，0 条未读" and not dialog.all_read_button.isEnabled()
    idle(qtbot, window.ctx)
    assert window.notice_button.text() == "我的通知"
