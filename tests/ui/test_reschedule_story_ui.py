"""The story the product exists for, done entirely through the windows, each person at their own
seat in the same running app (注销/切换用户, no passphrase asked again):

HR enters a new candidate, applies her to a position and books her for 14:00; HR moves the
interview to 17:00 with a reason; the department leader approves, the personnel office files and
the supervising leader confirms, each signed in as themselves; reception sees 已改期 14:00 → 17:00 on
the room board; and HR opens the change notice in the outbox and reads what the candidate is told.
"""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QDate, QDateTime, QTime, QTimer
from scheduling_ui import idle
from sqlalchemy import select
from test_switch_user import Driver, _stop_drivers  # noqa: F401  (the autouse fixture stops the drivers)
from ui_helpers import valid_id_number

from desktop.core.model import Application, Candidate, ChangeRequest, ChangeStatus, Interview, OutboxEntry, Verdict
from desktop.ui.login import LoginDialog, UnlockDialog, sign_in_user
from desktop.ui.main_window import MainWindow
from desktop.ui.signin import Desk
from factories import PASSWORD


NAME = "林晓"


@pytest.fixture
def desk(qtbot, make_ctx, world):
    made = []

    def make_window(c):
        window = MainWindow(c)
        window.resize(1366, 768)
        made.append(window)
        return window

    desk = Desk(make_ctx(world.hr), make_window, "zh_CN")
    yield desk
    for window in made:
        if shiboken6.isValid(window):
            window.close()


def switch_to(qtbot, desk, username: str) -> MainWindow:
    """注销/切换用户 in the status bar, then the next person's own password; never the passphrase."""
    before = desk.window

    def log_in(dialog: LoginDialog) -> None:
        dialog.username.setText(username)
        dialog.password.setText(PASSWORD)
        dialog.login_button.click()

    driver = Driver({LoginDialog: log_in, UnlockDialog: lambda d: pytest.fail("the passphrase was asked")})
    QTimer.singleShot(0, before.sign_out_button.click)
    qtbot.waitUntil(lambda: desk.window is not before and desk.ctx.actor.username == username, timeout=20_000)
    assert driver.seen == ["LoginDialog"]
    window = desk.window
    window.show()
    idle(qtbot, window.ctx)
    return window


def only(db, model, *where):
    with db.session() as s:
        found = s.scalars(select(model).where(*where)).all()
        assert len(found) == 1, found
        s.expunge_all()
        return found[0]


def test_the_reschedule_story_through_the_windows(qtbot, world, clock, desk):
    window = desk.start(sign_in_user(world.db, "hr_zhang", PASSWORD))
    window.show()
    idle(qtbot, window.ctx)
    today = window.ctx.today()

    # 1. HR enters the candidate on the candidates page.
    candidates = window.open_page("candidates")
    idle(qtbot, window.ctx)
    candidates.new_button.click()
    form = candidates.form
    qtbot.waitUntil(lambda: form.department.ready and form.department.findData(world.dept) >= 0, timeout=10_000)
    form.name.setText(NAME)
    form.phone.setText("139 1111 2222")
    form.email.setText("linxiao@example.cn")
    form.id_number.setText(valid_id_number(77))
    form.department.select(world.dept)
    form.save_button.click()
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=10_000)
    candidate = only(world.db, Candidate, Candidate.name == NAME)

    # 2. ... applies her to the position from her detail panel ...
    qtbot.waitUntil(lambda: candidates.table.selected_id() == candidate.id, timeout=10_000)
    panel = candidates.detail.applications
    qtbot.waitUntil(lambda: panel.apply_button.isEnabled(), timeout=10_000)
    panel.apply_button.click()
    applying = panel.dialog
    qtbot.waitUntil(lambda: applying.position.count() >= 1 and applying.save_button.isEnabled(), timeout=10_000)
    applying.position.setCurrentIndex(applying.position.findData(world.position))
    applying.save_button.click()
    qtbot.waitUntil(lambda: not applying.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=10_000)

    # 3. ... and books her for 14:00 today with 王主任 in room 301 (新建面试 on the schedule).
    schedule = window.open_page("schedule")
    idle(qtbot, window.ctx)
    schedule.new_button.click()
    booking = schedule.dialog
    idle(qtbot, window.ctx)
    booking.search.setText(NAME)
    qtbot.waitUntil(lambda: booking.application.count() == 1, timeout=10_000)
    idle(qtbot, window.ctx)
    booking.interviewers.set_checked({world.wang.user_id})
    booking.room.setCurrentIndex(booking.room.findData(world.room))
    booking.day.setDate(QDate(today.year, today.month, today.day))
    booking.start.setTime(QTime(14, 0))
    booking.duration.setValue(30)      # the round plans 40 minutes; this one is booked for half an hour
    qtbot.waitUntil(lambda: booking.conflicts.checked, timeout=10_000)
    booking.save_button.click()
    qtbot.waitUntil(lambda: not booking.isVisible(), timeout=10_000)
    idle(qtbot, window.ctx)
    interview = only(world.db, Interview, Interview.application_id.in_(
        select(Application.id).where(Application.candidate_id == candidate.id)))

    # 4. HR moves it to 17:00 from the detail panel (调整时间), with the candidate's request as reason.
    schedule.open_interview(interview.id, interview.starts_at)
    idle(qtbot, window.ctx)
    schedule.detail.change_time_button.click()
    change = schedule.detail.dialog
    idle(qtbot, window.ctx)
    value = change.new_time.dateTime()
    change.new_time.setDateTime(QDateTime(value.date(), QTime(17, 0)))
    change.reason_code.setCurrentIndex(change.reason_code.findData("candidate_request"))
    change.reason.setText("候选人下午有课，申请改到17:00")
    idle(qtbot, window.ctx)
    change.save_button.click()
    qtbot.waitUntil(lambda: not change.isVisible(), timeout=10_000)
    request = only(world.db, ChangeRequest, ChangeRequest.interview_id == interview.id)
    idle(qtbot, window.ctx)
    schedule.open_interview(interview.id, interview.starts_at)
    idle(qtbot, window.ctx)
    assert schedule.detail.values["pending"].text().startswith("拟改为") and "17:00" in \
        schedule.detail.values["pending"].text()

    # 5. Three approvers decide at the same desk, each signed in as themselves.
    for username, verdict in (("leader", Verdict.APPROVED), ("personnel", Verdict.FILED),
                              ("director", Verdict.CONFIRMED)):
        window = switch_to(qtbot, desk, username)
        approvals = window.open_page("approvals")
        idle(qtbot, window.ctx)
        qtbot.waitUntil(lambda: approvals.panel.entry is not None, timeout=10_000)
        assert approvals.panel.entry.item.change_request_id == request.id
        assert NAME in approvals.panel.buttons[verdict].text()        # the button names the request
        approvals.panel.comment.setText("同意")
        approvals.panel.buttons[verdict].click()
        idle(qtbot, window.ctx)
    assert only(world.db, ChangeRequest, ChangeRequest.id == request.id).status == ChangeStatus.APPLIED
    moved = only(world.db, Interview, Interview.id == interview.id)
    assert window.ctx.local(moved.starts_at).hour == 17

    # 6. Reception sees the change on today's board.
    window = switch_to(qtbot, desk, "reception")
    board = window.open_page("board")
    idle(qtbot, window.ctx)
    qtbot.waitUntil(lambda: board.moved_mark_for(interview.id) is not None, timeout=10_000)
    assert board.moved_mark_for(interview.id).text() == "已改期 14:00 → 17:00"
    assert window.notice_button.text().startswith("我的通知 (")

    # 7. HR opens the change notice in the outbox and reads what the candidate is told.
    window = switch_to(qtbot, desk, "hr_zhang")
    outbox = window.open_page("outbox")
    idle(qtbot, window.ctx)
    notice = only(world.db, OutboxEntry, OutboxEntry.interview_id == interview.id,
                  OutboxEntry.kind == "change_notice", OutboxEntry.channel == "email")
    qtbot.waitUntil(lambda: outbox.model.row_of(notice.id) >= 0, timeout=10_000)
    outbox.table.select_id(notice.id)
    idle(qtbot, window.ctx)
    viewer = outbox.open_message()
    qtbot.waitUntil(lambda: NAME in viewer.plain.toPlainText(), timeout=10_000)
    assert viewer.fact_labels["recipient"].text() == "linxiao@example.cn"
    assert "17:00" in viewer.plain.toPlainText() and "17:00" in viewer.rendered.toPlainText()
    assert viewer.attachments.rowCount() == 1 and viewer.attachments.item(0, 0).text().endswith(".ics")
