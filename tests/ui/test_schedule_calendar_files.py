"""日程 → 日历文件: HR exports the shown week of an interviewer as an .ics and imports an
interviewer's availability from the file Outlook exported; an unreadable file is explained in the
dialog and nothing is imported."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from scheduling_ui import STORY_DAY, book, idle, local
from sqlalchemy import select

from desktop.core.model import BusyBlock, Interview
from desktop.ui.schedule.calendar_files import EXPORT, IMPORT
from desktop.ui.schedule.page import SchedulePage

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ical"


@pytest.fixture
def page(qtbot, make_ctx, world):
    ctx = make_ctx(world.hr)
    widget = SchedulePage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    idle(qtbot, ctx)
    return widget


def open_dialog(qtbot, page, mode: str, lane_name: str):
    action = page.calendar_files.export_action if mode == EXPORT else page.calendar_files.import_action
    action.trigger()
    dialog = page.dialog
    dialog.subject.setCurrentIndex(dialog.subject.findText(lane_name))
    return dialog


def test_the_shown_week_of_an_interviewer_is_exported(qtbot, world, page, tmp_path):
    w = world
    mine = book(w, 0, local(STORY_DAY, 10))
    book(w, 1, local(STORY_DAY, 11), interviewers=(w.li.user_id,))
    book(w, 2, local(STORY_DAY + timedelta(days=8), 10))             # next week: not shown, not exported
    page.show_today()
    idle(qtbot, page.ctx)
    dialog = open_dialog(qtbot, page, EXPORT, "王主任")
    target = tmp_path / "王主任.ics"
    dialog.path.setText(str(target))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.working, timeout=10_000)
    calendar = Calendar.from_ical(target.read_bytes())
    with w.db.session() as s:
        uid = s.scalar(select(Interview.uid).where(Interview.id == mine))
    assert [str(e["UID"]) for e in calendar.events] == [uid]
    assert "1" in page.status.text() and "王主任.ics" in page.status.text()


def test_availability_is_imported_for_an_interviewer(qtbot, world, page):
    w = world
    page.show_today()
    idle(qtbot, page.ctx)
    book(w, 0, local(STORY_DAY, 10))       # so that 王主任 has a lane
    page.load()
    idle(qtbot, page.ctx)
    dialog = open_dialog(qtbot, page, IMPORT, "王主任")
    dialog.path.setText(str(FIXTURES / "busy_outlook.ics"))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.working, timeout=10_000)
    idle(qtbot, page.ctx)
    with w.db.session() as s:
        blocks = s.execute(select(BusyBlock.user_id, BusyBlock.source)).all()
    # from today (11-23) on: the moved meeting 11-23, the two-day course, and three Mondays in December
    assert len(blocks) == 5 and set(blocks) == {(w.wang.user_id, "busy_outlook.ics")}
    assert "5" in page.status.text()


def test_an_unreadable_file_is_explained_and_nothing_is_imported(qtbot, world, page, tmp_path):
    w = world
    book(w, 0, local(STORY_DAY, 10))
    page.load()
    idle(qtbot, page.ctx)
    broken = tmp_path / "outlook.ics"
    broken.write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART:20261124T100000Z\r\n"
                       b"END:VCALENDAR\r\n")
    dialog = open_dialog(qtbot, page, IMPORT, "王主任")
    dialog.path.setText(str(broken))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.working, timeout=10_000)
    assert dialog.isVisible()
    assert dialog.error.text().startswith("日历文件无法读取：第 5 行")
    with w.db.session() as s:
        assert s.scalars(select(BusyBlock)).all() == []
