"""新建面试 and 批量安排: finding the application, using the slot finder, the conflict check before
saving with an override reason for soft conflicts, and booking a day of candidates at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from scheduling_ui import STORY_DAY, book, idle, local
from sqlalchemy import select

from desktop.core import settings
from desktop.core.model import Interview, InterviewParticipant
from desktop.ui.schedule.batch_dialog import BatchDialog
from desktop.ui.schedule.booking_dialog import BookingDialog, qdate


@pytest.fixture
def ctx(make_ctx, world):
    return make_ctx(world.hr)


@pytest.fixture
def dialog(qtbot, ctx):
    widget = BookingDialog(ctx, day=STORY_DAY)
    qtbot.addWidget(widget)
    widget.show()
    idle(qtbot, ctx)
    return widget


def tick(picker, user_id: int) -> None:
    picker.set_checked(set(picker.checked_ids()) | {user_id})


def interviews_of(db, application_id: int) -> list[tuple]:
    with db.session() as s:
        return [(i.starts_at, i.room_id, sorted(p.user_id for p in i.participants))
                for i in s.scalars(select(Interview).where(Interview.application_id == application_id))]


def test_booking_with_the_slot_finder(qtbot, world, ctx, dialog):
    book(world, 1, local(STORY_DAY, 8, 30), room=world.big_room)     # 王主任's first half hour is taken
    dialog.search.setText("候选人1")
    qtbot.waitUntil(lambda: dialog.application.count() == 1, timeout=10_000)
    idle(qtbot, ctx)
    assert "内科住院医师" in dialog.application.currentText()
    assert dialog.round.count() == 3 and dialog.duration.value() == 40     # the round's planned minutes
    tick(dialog.interviewers, world.wang.user_id)
    dialog.find_button.click()
    idle(qtbot, ctx)
    first = dialog.slot_list.slots[0]
    assert first.starts_at == local(STORY_DAY, 9, 0)           # the earliest time he is free on Tuesday
    dialog.slot_list.pick(0)
    qtbot.waitUntil(lambda: dialog.conflicts.checked, timeout=10_000)
    idle(qtbot, ctx)
    assert dialog.start.time().hour() == 9 and dialog.day.date() == qdate(STORY_DAY)
    assert "未发现冲突" in dialog.conflicts.text()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert interviews_of(world.db, world.applications[0]) == [(first.starts_at, first.room_id, [world.wang.user_id])]


def test_a_soft_conflict_is_shown_before_saving_and_needs_an_override_reason(qtbot, world, ctx, dialog):
    with world.db.session(world.hr, write=True) as s:    # an interviewer's overlap is hard unless allowed
        settings.store_institution(s, "scheduling.allow_interviewer_overlap_override", True, "测试")
    book(world, 1, local(STORY_DAY, 10, 0), room=world.big_room)
    qtbot.waitUntil(lambda: dialog.application.count() == 3, timeout=10_000)
    dialog.application.setCurrentIndex(dialog.application.findText("候选人1", flags=Qt.MatchFlag.MatchContains))
    tick(dialog.interviewers, world.wang.user_id)
    dialog.start.setTime(dialog.start.time().fromString("10:00", "HH:mm"))
    qtbot.waitUntil(lambda: dialog.conflicts.checked, timeout=10_000)
    assert "王主任 该时段已有面试（11-24 10:00）" in dialog.conflicts.text()
    assert not dialog.override.isHidden()

    dialog.save_button.click()
    idle(qtbot, ctx)
    assert dialog.isVisible() and "忽略冲突的理由" in dialog.form.banner.text()
    assert interviews_of(world.db, world.applications[0]) == []
    dialog.override.setText("王主任同意加面")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert len(interviews_of(world.db, world.applications[0])) == 1


def test_batch_scheduling_previews_then_books_consecutive_slots(qtbot, world, ctx):
    dialog = BatchDialog(ctx, day=STORY_DAY)
    qtbot.addWidget(dialog)
    dialog.show()
    idle(qtbot, ctx)
    assert dialog.position.currentText().startswith("内科住院医师")
    assert dialog.applicants.count() == 3
    dialog.all_box.setChecked(True)
    tick(dialog.interviewers, world.li.user_id)
    dialog.first.setTime(dialog.first.time().fromString("09:00", "HH:mm"))
    dialog.gap.setValue(10)
    dialog.preview_button.click()
    idle(qtbot, ctx)
    assert [dialog.plan.item(r, 1).text() for r in range(dialog.plan.rowCount())] == [
        "11-24 周二 09:00–09:40", "11-24 周二 09:50–10:30", "11-24 周二 10:40–11:20"]
    with world.db.session() as s:
        assert s.scalar(select(Interview.id)) is None      # a preview writes nothing

    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    with world.db.session() as s:
        starts = sorted(s.scalars(select(Interview.starts_at)))
        people = set(s.scalars(select(InterviewParticipant.user_id)))
    assert starts == [local(STORY_DAY, 9, 0), local(STORY_DAY, 9, 50), local(STORY_DAY, 10, 40)]
    assert people == {world.li.user_id}


def test_free_busy_that_cannot_be_read_is_said_before_saving(qtbot, world, ctx, dialog):
    """Exchange is configured but does not answer: the dialog says whose calendar could not be read
    instead of pretending they are free."""
    import socket

    from desktop.core import settings
    from desktop.core.model import User
    from desktop.integrations.exchange.freebusy import ExchangeCalendar

    with socket.socket() as probe:                       # a port where nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with world.db.session(write=True) as s:
        for key, value in {"exchange.enabled": True, "exchange.ews_url": f"http://127.0.0.1:{port}/EWS/Exchange.asmx",
                           "exchange.username": "svc@example.cn", "exchange.password": "Svc-Pa55word!",
                           "exchange.service_mailbox": "svc@example.cn", "exchange.version": "Exchange2016",
                           "exchange.timeout_seconds": 2}.items():
            settings.store_institution(s, key, value, "测试")
        s.get(User, world.wang.user_id).exchange_mailbox = "wang@example.cn"
    world.db.calendar = ExchangeCalendar(world.db)
    try:
        qtbot.waitUntil(lambda: dialog.application.count() == 3, timeout=10_000)
        tick(dialog.interviewers, world.wang.user_id)
        dialog.start.setTime(dialog.start.time().fromString("10:00", "HH:mm"))
        qtbot.waitUntil(lambda: dialog.conflicts.checked and "王主任" in dialog.conflicts.text(), timeout=15_000)
        assert "无法获取" in dialog.conflicts.text() and "忙闲" in dialog.conflicts.text()
        assert not dialog.override.isHidden()            # soft: HR may go ahead with a reason
    finally:
        world.db.calendar = None
