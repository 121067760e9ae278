"""The main window fits the screens offices have: 1366x768 in Chinese and in English, and the main
lists need no horizontal scrolling at 1280x720; counts use the language's plural forms and English
shows no Chinese punctuation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractScrollArea
from scheduling_ui import STORY_DAY, book, idle, local
from ui_helpers import add_candidates

from desktop.core import labels
from desktop.core.model import ChangeKind, Party
from desktop.core.scheduling import changes
from desktop.ui import i18n
from desktop.ui.main_window import MainWindow

LISTS = ["candidates", "positions", "schedule", "approvals", "outbox", "board"]


@pytest.fixture(params=["zh_CN", "en"])
def language(request, qapp):
    i18n.install(qapp, request.param)
    return request.param


@pytest.fixture
def busy_world(world):
    """Long names, bookings (so the outbox and the board have rows) and a pending change request."""
    w = world
    add_candidates(w.db, 30, department_id=w.dept)
    first = book(w, 0, local(STORY_DAY, 9, 0))
    book(w, 1, local(STORY_DAY, 10, 0), interviewers=(w.li.user_id,), room=w.big_room)
    with w.db.session(w.hr, write=True) as s:
        changes.request_change(s, w.hr, changes.ChangeInput(first, ChangeKind.RESCHEDULE, Party.CANDIDATE,
                                                            "候选人上午有课，希望改到下午",
                                                            starts_at=local(STORY_DAY + timedelta(days=1), 15, 0)))
    return w


def window_at(qtbot, ctx, width: int, height: int) -> MainWindow:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(width, height)
    win.show()
    idle(qtbot, ctx)
    return win


def test_the_window_fits_1366_pixels_with_every_page(qtbot, make_ctx, busy_world, language):
    ctx = make_ctx(busy_world.hr)
    ctx.clock.set(local(STORY_DAY, 8, 0))
    win = window_at(qtbot, ctx, 1366, 768)
    for key in win.page_keys():
        win.open_page(key)
        idle(qtbot, ctx)
        assert win.minimumSizeHint().width() <= 1366, (language, key, win.minimumSizeHint().width())
        assert win.width() == 1366, (language, key)
    schedule = win.open_page("schedule")           # with an interview's detail open beside the week
    schedule.detail.show_interview(schedule.canvas.placed[0].block.interview_id)
    idle(qtbot, ctx)
    assert schedule.detail.isVisible()
    assert win.minimumSizeHint().width() <= 1366 and win.width() == 1366, (language, win.minimumSizeHint())


def test_the_main_lists_need_no_horizontal_scrolling_at_1280(qtbot, make_ctx, busy_world, language):
    ctx = make_ctx(busy_world.hr)
    ctx.clock.set(local(STORY_DAY, 8, 0))
    win = window_at(qtbot, ctx, 1280, 720)
    assert win.width() == 1280
    for key in LISTS:
        page = win.open_page(key)
        idle(qtbot, ctx)
        qtbot.wait(10)
        areas = [a for a in page.findChildren(QAbstractScrollArea) if a.isVisible()]
        assert areas, key
        scrolling = [type(a).__name__ for a in areas if a.horizontalScrollBar().maximum() > 0]
        assert not scrolling, (language, key, scrolling)
        if key in ("candidates", "positions"):     # and what the columns say is not cut off
            assert_columns_readable(page.table)


def assert_columns_readable(table) -> None:
    model, header = table.model(), table.horizontalHeader()
    for column in range(model.columnCount()):
        width = table.columnWidth(column)
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        assert header.fontMetrics().horizontalAdvance(title) + 8 <= width, (title, width)
        for row in range(min(10, model.rowCount())):
            text = str(model.index(row, column).data() or "")
            assert table.fontMetrics().horizontalAdvance(text) + 6 <= width, (title, text, width)


def test_counts_use_plural_forms_and_english_has_no_chinese_punctuation(qtbot, make_ctx, busy_world, language):
    ctx = make_ctx(busy_world.hr)
    ctx.clock.set(local(STORY_DAY, 8, 0))
    win = window_at(qtbot, ctx, 1366, 768)
    schedule = win.open_page("schedule")
    schedule.show_day(STORY_DAY)
    idle(qtbot, ctx)
    candidates = win.open_page("candidates")
    idle(qtbot, ctx)
    if language == "en":
        assert schedule.range.text().endswith(" · 2 interviews")
        assert candidates.count.text() == "33 candidates"
        assert QCoreApplication.translate("CandidatesPage", "%n candidate(s)", None, 1) == "1 candidate"
        assert QCoreApplication.translate("SchedulePage", "%n interview(s)", None, 0) == "0 interviews"
        assert QCoreApplication.translate("CandidateDetailPanel", "%n no-show(s)", None, 1) == "1 no-show"
        assert QCoreApplication.translate("HolidaysPanel", "Imported %n day(s), updated {0}.", None, 14) == \
            "Imported 14 days, updated {0}."
    else:
        assert schedule.range.text().endswith(" · 共 2 场面试")
        assert candidates.count.text() == "共 33 名候选人"
        assert QCoreApplication.translate("CandidatesPage", "%n candidate(s)", None, 1) == "共 1 名候选人"
    assert labels.labelled("A", "b") == ("A：b" if language == "zh_CN" else "A: b")
    assert labels.with_note("A", "b") == ("A（b）" if language == "zh_CN" else "A (b)")


def assert_readable(table, columns) -> None:
    """Every value of these columns shows whole (no "…")."""
    model = table.model()
    for column in columns:
        for row in range(min(10, model.rowCount())):
            text = str(model.index(row, column).data() or "")
            assert table.fontMetrics().horizontalAdvance(text) + 6 <= table.columnWidth(column), (text, column)


def test_times_stay_whole_while_long_texts_give_way_at_1366(qtbot, make_ctx, busy_world, language):
    """The outbox's times and the approver's Due column are readable; long texts are cut first."""
    ctx = make_ctx(busy_world.hr)
    ctx.clock.set(local(STORY_DAY, 8, 0))
    win = window_at(qtbot, ctx, 1366, 768)
    outbox = win.open_page("outbox")
    idle(qtbot, ctx)
    qtbot.wait(10)
    assert outbox.model.rowCount() and outbox.table.horizontalScrollBar().maximum() == 0
    assert_readable(outbox.table, (outbox.model.COL_CREATED, outbox.model.COL_TIME))
    win.close()

    ctx = make_ctx(busy_world.leader)
    ctx.clock.set(local(STORY_DAY, 8, 0))
    win = window_at(qtbot, ctx, 1366, 768)
    approvals = win.open_page("approvals")
    idle(qtbot, ctx)
    qtbot.wait(10)
    assert approvals.model.rowCount() == 1 and approvals.table.isVisible()
    assert approvals.table.horizontalScrollBar().maximum() == 0
    assert_readable(approvals.table, (approvals.model.COL_CANDIDATE, approvals.model.COL_MOVE,
                                      approvals.model.COL_DUE))
