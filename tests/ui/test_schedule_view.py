"""日程: the week drawn by interviewer and by room with double bookings marked, the day view, date
navigation, and the detail of a clicked interview with its participants and timeline."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtGui import QColor
from scheduling_ui import STORY_DAY, book, click, idle, local

from desktop.core import settings
from desktop.ui.schedule import colors
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


def lane_names(page) -> list[str]:
    return [lane.name for lane in page.canvas.board.view.lanes]


def blocks_by_lane(page) -> dict[str, list[tuple[int, bool]]]:
    names = {lane.id: lane.name for lane in page.canvas.board.view.lanes}
    found: dict[str, list[tuple[int, bool]]] = {}
    for placed in page.canvas.placed:
        found.setdefault(names[placed.block.lane_id], []).append((placed.block.interview_id, placed.block.conflict))
    return {k: sorted(v) for k, v in found.items()}


def test_the_week_by_interviewer_and_by_room_shows_every_interview_and_marks_double_bookings(qtbot, world, page):
    w = world
    both = book(w, 0, local(STORY_DAY, 10, 0), interviewers=(w.wang.user_id, w.li.user_id))
    # 王主任 was asked to take a second candidate at 10:15 anyway (this institution lets HR override an
    # interviewer's overlap with a reason)
    with w.db.session(w.hr, write=True) as s:
        settings.store_institution(s, "scheduling.allow_interviewer_overlap_override", True, "测试")
    clash = book(w, 1, local(STORY_DAY, 10, 15), room=w.big_room, reason="王主任同意连续面试")
    later = book(w, 2, local(STORY_DAY + timedelta(days=2), 14, 0), interviewers=(w.li.user_id,))
    page.show_today()          # the clock is Monday: the week of the bookings
    idle(qtbot, page.ctx)

    assert page.week_button.isChecked() and page.canvas.board.view.first_day == date(2026, 11, 23)
    assert set(lane_names(page)) == {"王主任", "李医生"}
    assert blocks_by_lane(page) == {"王主任": [(both, True), (clash, True)],
                                    "李医生": [(both, False), (later, False)]}
    assert "3" in page.range.text()

    # the conflict is visible: the border of the double-booked block is drawn in red
    placed = next(p for p in page.canvas.placed if p.block.interview_id == clash)
    page.canvas.reveal(placed.rect)
    image = page.canvas.viewport().grab().toImage()
    middle = page.canvas.viewport_point(placed.rect.center())
    left_border = image.pixelColor(page.canvas.viewport_point(placed.rect.topLeft()).x(), middle.y())
    assert _near(left_border, QColor(colors.CONFLICT))
    fine = next(p for p in page.canvas.placed if p.block.interview_id == later)
    page.canvas.reveal(fine.rect)
    image = page.canvas.viewport().grab().toImage()
    at = page.canvas.viewport_point(fine.rect.center())
    assert not _near(image.pixelColor(page.canvas.viewport_point(fine.rect.topLeft()).x(), at.y()),
                     QColor(colors.CONFLICT))

    page.by_room.click()
    idle(qtbot, page.ctx)
    assert page.canvas.board.view.by == "room"
    assert lane_names(page) == ["行政楼301", "行政楼大会议室"]
    assert blocks_by_lane(page) == {"行政楼301": [(both, False), (later, False)], "行政楼大会议室": [(clash, False)]}


def _near(color: QColor, wanted: QColor, tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in ((color.red(), wanted.red()), (color.green(), wanted.green()),
                                                   (color.blue(), wanted.blue())))


def test_day_view_and_date_navigation(qtbot, world, page):
    tuesday = book(world, 0, local(STORY_DAY, 9, 0))
    page.day_button.click()
    idle(qtbot, page.ctx)
    assert page.days == 1 and page.canvas.board.view.first_day == date(2026, 11, 23)
    assert page.canvas.placed == []
    page.next.click()
    idle(qtbot, page.ctx)
    assert page.canvas.board.view.first_day == STORY_DAY
    assert [p.block.interview_id for p in page.canvas.placed] == [tuesday]
    page.week_button.click()
    page.next.click()
    idle(qtbot, page.ctx)
    assert page.canvas.board.view.first_day == date(2026, 11, 30)   # the Monday of the next week
    page.today_button.click()
    idle(qtbot, page.ctx)
    assert page.day == page.ctx.today()


def test_the_department_filter_lists_the_departments_interviewers_even_when_free(qtbot, world, page):
    book(world, 0, local(STORY_DAY, 9, 0), interviewers=(world.li.user_id,))
    page.show_today()
    idle(qtbot, page.ctx)
    assert lane_names(page) == ["李医生"]
    page.department.setCurrentIndex(page.department.findData(world.dept))
    idle(qtbot, page.ctx)
    assert set(lane_names(page)) == {"王主任", "李医生"}
    page.department.setCurrentIndex(page.department.findData(world.other_dept))
    idle(qtbot, page.ctx)
    assert lane_names(page) == [] and page.canvas.placed == []


def test_clicking_an_interview_shows_its_times_place_participants_and_timeline(qtbot, world, page):
    iid = book(world, 0, local(STORY_DAY, 10, 0), interviewers=(world.wang.user_id, world.li.user_id))
    page.show_today()
    idle(qtbot, page.ctx)
    placed = page.canvas.placed_blocks(iid)[0]
    page.canvas.reveal(placed.rect)
    click(page.canvas.viewport(), page.canvas.viewport_point(placed.rect.center()))
    idle(qtbot, page.ctx)

    detail = page.detail
    assert detail.interview_id == iid and "候选人1" in detail.title.text()
    assert detail.values["time"].text() == "11-24 周二 10:00–10:30"
    assert "行政楼301" in detail.values["place"].text()
    assert detail.state.text() == "未确认"
    people = {detail.people.item(r, 0).text(): (detail.people.item(r, 2).text(), detail.people.item(r, 3).text())
              for r in range(detail.people.rowCount())}
    assert people == {"王主任": ("未答复", "尚未查看"), "李医生": ("未答复", "尚未查看")}
    events = [(detail.timeline.item(r, 2).text(), detail.timeline.item(r, 1).text())
              for r in range(detail.timeline.rowCount())]
    assert events == [("已发出邀请", "张人事")]
    assert detail.reschedule_button.isEnabled() and detail.cancel_button.isEnabled()
    assert detail.confirm_button.isEnabled() and not detail.no_show_button.isEnabled()   # not started yet
