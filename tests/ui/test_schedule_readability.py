"""The schedule at the size most offices use (1366x768, detail panel open): every block says whose
interview it is and when, in the day and in the week, the hour marks never run into each other,
the whole working day is in view, and a pending change shows where it would move the interview."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from PySide6.QtGui import QColor, QFontMetricsF
from scheduling_ui import STORY_DAY, book, click, idle, local

from desktop.core.model import ChangeKind, Party
from desktop.core.scheduling import changes
from desktop.ui.main_window import MainWindow
from desktop.ui.schedule import colors
from desktop.ui.schedule.page import SchedulePage


@pytest.fixture
def window(qtbot, make_ctx, world):
    ctx = make_ctx(world.hr)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    idle(qtbot, ctx)
    return win


def schedule_on(qtbot, window, *, day_view: bool) -> SchedulePage:
    page = window.open_page("schedule")
    if day_view:
        page.day_button.click()
    page.show_day(STORY_DAY)
    idle(qtbot, page.ctx)
    return page


def a_busy_tuesday(w) -> list[int]:
    """Back-to-back half hours for 王主任 from 08:30, and 李医生 at the last half hour of the day."""
    times = [(8, 30), (9, 0), (9, 30), (10, 0), (11, 0), (14, 0), (14, 30), (16, 0), (16, 30)]
    ids = [book(w, n % 3, local(STORY_DAY, hh, mm), room=w.room) for n, (hh, mm) in enumerate(times)]
    ids.append(book(w, 1, local(STORY_DAY, 17, 0), interviewers=(w.li.user_id,), room=w.big_room))
    return ids


def open_detail(qtbot, page, interview_id: int) -> None:
    placed = page.canvas.placed_blocks(interview_id)[0]
    page.canvas.reveal(placed.rect)
    click(page.canvas.viewport(), page.canvas.viewport_point(placed.rect.center()))
    qtbot.waitUntil(lambda: page.detail.isVisible() and page.detail.interview_id == interview_id, timeout=10_000)
    idle(qtbot, page.ctx)


def assert_readable(page) -> None:
    canvas = page.canvas
    metrics = QFontMetricsF(canvas.viewport().font())
    assert canvas.placed
    for placed in canvas.placed:
        name, when = canvas.text_lines(placed)
        name_box, time_box = canvas.text_rects(placed)
        assert metrics.horizontalAdvance(name) <= name_box.width() + 1, (name, name_box)
        assert metrics.horizontalAdvance(when) <= time_box.width() + 1, (when, time_box)
        assert metrics.height() <= name_box.height() + 1 and metrics.height() <= time_box.height() + 1
    # blocks never cover each other, so none of the text is hidden under a neighbour
    rects = [p.rect for p in canvas.placed]
    for n, a in enumerate(rects):
        for b in rects[n + 1:]:
            assert not a.intersected(b).isValid() or a.intersected(b).width() < 0.5 or a.intersected(b).height() < 0.5


def assert_hour_labels_apart(canvas) -> None:
    boxes = [box for i, open_day in enumerate(canvas.expanded) if open_day for box, _label in canvas.hour_labels(i)]
    assert boxes
    boxes.sort(key=lambda r: r.left())
    for left, right in zip(boxes, boxes[1:]):
        assert left.right() + 2 <= right.left(), (left, right)
    for i, open_day in enumerate(canvas.expanded):
        for box, _label in canvas.hour_labels(i) if open_day else ():
            assert canvas.day_x[i] <= box.left() and box.right() <= canvas.day_x[i] + canvas.day_w[i]


@pytest.mark.parametrize("day_view", [True, False], ids=["day", "week"])
def test_names_and_times_are_readable_with_the_detail_panel_open(qtbot, world, window, day_view):
    ids = a_busy_tuesday(world)
    page = schedule_on(qtbot, window, day_view=day_view)
    open_detail(qtbot, page, ids[0])
    canvas = page.canvas

    assert page.detail.isVisible()
    assert_readable(page)
    assert_hour_labels_apart(canvas)
    # the whole span is in view: no horizontal scrolling, the 17:00 interview is on screen
    assert canvas.horizontalScrollBar().maximum() == 0
    late = canvas.placed_blocks(ids[-1])[0].rect
    assert late.right() <= canvas.viewport().width()


def test_the_hour_marks_of_a_week_do_not_run_into_the_next_day(qtbot, world, window):
    book(world, 0, local(STORY_DAY, 10, 0))
    page = schedule_on(qtbot, window, day_view=False)
    assert_hour_labels_apart(page.canvas)


def test_a_pending_change_shows_the_proposed_time_as_a_ghost_block(qtbot, world, window):
    w = world
    moved = book(w, 0, local(STORY_DAY, 10, 0))
    with w.db.session(w.hr, write=True) as s:
        result = changes.request_change(s, w.hr, changes.ChangeInput(
            moved, ChangeKind.RESCHEDULE, Party.CANDIDATE, "候选人上午有课", starts_at=local(STORY_DAY + timedelta(days=1),
                                                                                          15, 0)))
    assert result.status == "pending"
    page = schedule_on(qtbot, window, day_view=False)
    canvas = page.canvas

    [real] = [p for p in canvas.placed_blocks(moved) if not p.ghost]
    [ghost] = [p for p in canvas.placed_blocks(moved) if p.ghost]
    assert canvas.lane_index[ghost.block.lane_id] == canvas.lane_index[real.block.lane_id]
    assert ghost.rect.left() > canvas.day_x[2] - 1 and real.rect.right() < canvas.day_x[2]   # Wednesday, not Tuesday
    assert canvas.text_lines(ghost) == [real.block.candidate, "拟改为 15:00"]

    # drawn dashed in the 待审批 colour
    canvas.reveal(ghost.rect)
    image = canvas.viewport().grab().toImage()
    left, middle = canvas.viewport_point(ghost.rect.topLeft()).x(), canvas.viewport_point(ghost.rect.center()).y()
    seen = {image.pixelColor(left + dx, middle).name() for dx in range(0, 3)}
    border = QColor(colors.STATE_COLORS["pending_approval"][1])
    assert any(_near(QColor(c), border) for c in seen), seen

    # a click on the ghost opens the interview it belongs to; it cannot be dragged
    click(canvas.viewport(), canvas.viewport_point(ghost.rect.center()))
    qtbot.waitUntil(lambda: page.detail.interview_id == moved, timeout=10_000)


def _near(a: QColor, b: QColor, tolerance: int = 60) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) <= tolerance


def test_a_change_proposed_after_hours_is_not_cut_off(qtbot, world, window):
    w = world
    moved = book(w, 0, local(STORY_DAY, 10, 0))
    with w.db.session(w.hr, write=True) as s:
        changes.request_change(s, w.hr, changes.ChangeInput(
            moved, ChangeKind.RESCHEDULE, Party.CANDIDATE, "候选人白天上班", starts_at=local(STORY_DAY, 18, 30)),
            override_reason="候选人只能晚上来")
    page = schedule_on(qtbot, window, day_view=True)
    canvas = page.canvas
    [ghost] = [p for p in canvas.placed_blocks(moved) if p.ghost]
    assert canvas.range_end >= 19 * 60
    assert ghost.rect.left() >= canvas.content_point(STORY_DAY, time(18, 0), ghost.block.lane_id).x()
    assert ghost.rect.right() <= canvas.day_x[0] + canvas.day_w[0]
