"""发件箱 (Outbox): retrying a failed message and cancelling a waiting one, with the failed count beside the
page's name; 前台看板: reception sees who is expected in which room and checks candidates in."""

from __future__ import annotations

from datetime import date

import pytest
from factories import add_outbox_entry
from scheduling_ui import book, idle, local

from desktop.core.model import Interview, OutboxEntry, OutboxState
from desktop.ui.main_window import MainWindow
from desktop.ui.outbox.page import OutboxPage

MONDAY = date(2026, 11, 23)


def state_of(db, entry_id: int) -> OutboxState:
    with db.session() as s:
        return s.get(OutboxEntry, entry_id).state


@pytest.fixture
def outbox(qtbot, make_ctx, world):
    ctx = make_ctx(world.hr)
    page = OutboxPage(ctx)
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, ctx)
    return page


def test_a_failed_message_can_be_sent_again(qtbot, world, outbox):
    failed = add_outbox_entry(world.db, "c1@example.cn", channel="email", state=OutboxState.FAILED)
    add_outbox_entry(world.db, "c2@example.cn", channel="email", state=OutboxState.SENT)
    add_outbox_entry(world.db, "13800138000", channel="sms", state=OutboxState.FAILED)
    outbox.state.setCurrentIndex(outbox.state.findData("failed"))
    outbox.channel.setCurrentIndex(outbox.channel.findData("email"))
    idle(qtbot, outbox.ctx)
    assert outbox.model.total == 1 and outbox.count.text() == "共 1 条消息"
    assert not outbox.retry_button.isEnabled()       # nothing selected yet
    outbox.table.select_id(failed)
    assert outbox.retry_button.isEnabled() and outbox.cancel_button.isEnabled()
    outbox.retry_button.click()
    idle(qtbot, outbox.ctx)
    assert state_of(world.db, failed) == OutboxState.PENDING
    assert outbox.model.total == 0                   # it left the "failed" list
    assert "重新发送" in outbox.status.text()


def test_a_waiting_message_can_be_cancelled_but_a_sent_one_cannot(qtbot, world, outbox):
    waiting = add_outbox_entry(world.db, "c1@example.cn", channel="email", state=OutboxState.PENDING)
    sent = add_outbox_entry(world.db, "c2@example.cn", channel="email", state=OutboxState.SENT)
    outbox.model.refresh()
    idle(qtbot, outbox.ctx)
    outbox.table.select_id(sent)
    assert not outbox.retry_button.isEnabled() and not outbox.cancel_button.isEnabled()
    outbox.table.select_id(waiting)
    assert not outbox.retry_button.isEnabled() and outbox.cancel_button.isEnabled()
    outbox.cancel_button.click()
    idle(qtbot, outbox.ctx)
    assert state_of(world.db, waiting) == OutboxState.CANCELLED
    outbox.table.select_id(waiting)
    assert outbox.retry_button.isEnabled() and not outbox.cancel_button.isEnabled()


def test_the_navigation_shows_how_many_messages_failed(qtbot, make_ctx, world):
    failed = add_outbox_entry(world.db, "c1@example.cn", channel="email", state=OutboxState.FAILED)
    window = MainWindow(make_ctx(world.hr))
    qtbot.addWidget(window)
    idle(qtbot, window.ctx)
    row = window.page_keys().index("outbox")
    assert window.navigation.item(row).text() == "发件箱 (1)"
    page = window.open_page("outbox")
    idle(qtbot, window.ctx)
    page.table.select_id(failed)
    page.retry_button.click()
    idle(qtbot, window.ctx)
    assert window.navigation.item(row).text() == "发件箱"


def test_reception_sees_the_room_board_and_checks_a_candidate_in(qtbot, make_ctx, world, clock):
    expected = book(world, 0, local(MONDAY, 10, 0))
    book(world, 1, local(MONDAY, 14, 0), room=world.big_room, interviewers=(world.li.user_id,))
    clock.set(local(MONDAY, 10, 4))
    window = MainWindow(make_ctx(world.reception))
    qtbot.addWidget(window)
    window.show()
    idle(qtbot, window.ctx)
    assert window.page_keys() == ["board", "settings"]
    assert window.navigation.item(0).text() == "前台看板"
    board = window.pages["board"]
    rooms = {room.name: [(e.candidate, e.position, e.state) for e in room.entries] for room in board.rooms}
    assert rooms == {"行政楼301": [("候选人1", "内科住院医师", "unconfirmed")],
                     "行政楼大会议室": [("候选人2", "内科住院医师", "unconfirmed")]}
    assert "预计到场 2 人" in board.summary.text()

    board.button_for(expected).click()
    board.dialog.confirm_button.click()
    idle(qtbot, window.ctx)
    with world.db.session() as s:
        assert s.get(Interview, expected).checked_in_at == local(MONDAY, 10, 4)
    assert board.status.text() == "已签到，迟到 4 分钟。"
    assert [e.state for r in board.rooms for e in r.entries if e.interview_id == expected] == ["arrived"]
    assert board.button_for(expected) is None and board.undo_button_for(expected) is not None


def test_the_outbox_names_candidate_position_and_time_and_filters_by_candidate(qtbot, world, outbox):
    first = book(world, 0, local(MONDAY, 10, 0))
    second = book(world, 1, local(MONDAY, 11, 0))
    outbox.model.refresh()
    idle(qtbot, outbox.ctx)
    assert outbox.model.total == 8                    # per interview: calendar, OA, e-mail, SMS
    outbox.candidate.setText("候选人2")
    qtbot.waitUntil(lambda: outbox.model.total == 4, timeout=5_000)
    idle(qtbot, outbox.ctx)
    assert {outbox.model.rows[r].interview_id for r in range(outbox.model.rowCount())} == {second}
    model = outbox.model
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert row[model.COL_CANDIDATE] == "候选人2" and row[model.COL_POSITION] == "内科住院医师"
    assert row[model.COL_TIME] == "2026-11-23 11:00"
    assert not any(text.startswith("#") for text in row)     # no interview number shown nowhere else
    assert first != second
    text = outbox.unconfigured.text()
    assert not outbox.unconfigured.isHidden()
    for words in ("面试官日历：2 条等待", "电子邮件：2 条等待", "短信：2 条等待", "OA 系统：2 条等待"):
        assert words in text, text
