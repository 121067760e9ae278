"""新建面试 starts on the next working slot, whatever day the schedule shows: not on a Sunday, not in
the past, not on a public holiday, and on a working weekend day (调休) when that is the next one."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QTime
from scheduling_ui import idle, local

from desktop.core.model import Holiday
from desktop.ui.schedule.batch_dialog import BatchDialog
from desktop.ui.schedule.booking_dialog import BookingDialog, qdate
from desktop.ui.schedule.page import SchedulePage

SUNDAY = date(2026, 11, 29)


@pytest.fixture
def page(qtbot, make_ctx, world):
    ctx = make_ctx(world.hr)
    widget = SchedulePage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    idle(qtbot, ctx)
    return widget


def new_interview(qtbot, page) -> BookingDialog:
    page.new_button.click()
    dialog = page.dialog
    assert isinstance(dialog, BookingDialog)
    qtbot.addWidget(dialog)
    idle(qtbot, page.ctx)
    return dialog


def holiday(world, day: date, name: str, working: bool) -> None:
    with world.db.session(world.hr, write=True) as s:
        s.add(Holiday(day=day, name=name, is_workday=working))


def test_on_a_sunday_showing_last_weeks_sunday_the_booking_starts_on_monday_morning(qtbot, world, page, clock):
    clock.set(local(SUNDAY, 15, 0))
    page.day_button.click()
    page.show_day(date(2026, 11, 22))          # the Sunday before: in the past and a day off
    idle(qtbot, page.ctx)
    dialog = new_interview(qtbot, page)
    assert (dialog.day.date(), dialog.start.time()) == (qdate(date(2026, 11, 30)), QTime(8, 30))


def test_batch_scheduling_also_starts_on_the_next_working_slot(qtbot, world, page, clock):
    clock.set(local(SUNDAY, 15, 0))
    page.day_button.click()
    page.show_day(date(2026, 11, 22))          # the Sunday before: in the past and a day off
    idle(qtbot, page.ctx)
    page.batch_button.click()
    dialog = page.dialog
    assert isinstance(dialog, BatchDialog)
    qtbot.addWidget(dialog)
    idle(qtbot, page.ctx)
    assert (dialog.day.date(), dialog.first.time()) == (qdate(date(2026, 11, 30)), QTime(8, 30))


def test_a_holiday_monday_is_skipped_and_a_makeup_saturday_is_taken(qtbot, world, page, clock):
    holiday(world, date(2026, 11, 30), "校庆", False)
    clock.set(local(SUNDAY, 15, 0))
    dialog = new_interview(qtbot, page)
    assert (dialog.day.date(), dialog.start.time()) == (qdate(date(2026, 12, 1)), QTime(8, 30))

    holiday(world, date(2026, 12, 5), "调休上班", True)
    clock.set(local(date(2026, 12, 4), 17, 45))    # Friday after hours
    dialog = new_interview(qtbot, page)
    assert (dialog.day.date(), dialog.start.time()) == (qdate(date(2026, 12, 5)), QTime(8, 30))


def test_during_the_day_the_booking_starts_at_the_next_half_hour_and_a_typed_time_is_kept(qtbot, world, page,
                                                                                           clock):
    clock.set(local(date(2026, 11, 24), 10, 10))
    dialog = new_interview(qtbot, page)
    assert (dialog.day.date(), dialog.start.time()) == (qdate(date(2026, 11, 24)), QTime(10, 30))

    typed = BookingDialog(page.ctx, day=date(2026, 11, 24))
    qtbot.addWidget(typed)
    typed.start.setTime(QTime(15, 0))          # before the default arrived from the database
    idle(qtbot, page.ctx)
    assert typed.start.time() == QTime(15, 0)
