"""The read-only pages over demo data: this week's schedule with week navigation, the outbox by
state, approvals, the report and the archive, all from SQL through the overview services."""

from __future__ import annotations

import importlib.util
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from desktop.core.model import Interview, OutboxEntry, OutboxState
from desktop.ui.overview.pages import ApprovalsPage, ArchivePage, OutboxPage, ReportsPage, SchedulePage, TodayPage

pytestmark = pytest.mark.skipif(importlib.util.find_spec("desktop.core.demo") is None,
                                reason="demo data not available")


@pytest.fixture
def demo_db(embedded_db):
    from desktop.core import demo

    demo.populate(embedded_db, candidates=40, interviews=20)
    return embedded_db


def build(qtbot, page_class, ctx):
    page = page_class(ctx)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: ctx.tasks.is_idle, timeout=10_000)
    return page


def count(db, *conditions, model=Interview) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(model).where(*conditions))


def test_the_schedule_shows_one_week_at_a_time(qtbot, ctx, demo_db):
    page = build(qtbot, SchedulePage, ctx)
    monday = page.monday
    assert monday.weekday() == 0 and monday <= ctx.today() < monday + timedelta(days=7)
    start, end = page.model.start, page.model.end
    assert page.model.total == count(demo_db, Interview.starts_at >= start, Interview.starts_at < end)
    this_week = page.model.total

    page.next.click()
    qtbot.waitUntil(lambda: ctx.tasks.is_idle, timeout=10_000)
    assert page.monday == monday + timedelta(days=7)
    assert page.model.total == count(demo_db, Interview.starts_at >= end, Interview.starts_at < end + timedelta(days=7))
    assert this_week + page.model.total > 0   # the demo books interviews over the coming days
    page.this_week.click()
    qtbot.waitUntil(lambda: ctx.tasks.is_idle, timeout=10_000)
    assert page.monday == monday


def test_today_lists_todays_interviews_and_open_alerts(qtbot, ctx, demo_db):
    page = build(qtbot, TodayPage, ctx)
    assert page.day.text() == ctx.today().isoformat()
    assert page.interviews.total == count(demo_db, Interview.starts_at >= page.interviews.start,
                                          Interview.starts_at < page.interviews.end)
    assert page.alerts.rowCount() > 0 and not page.alerts_table.isHidden()


def test_the_outbox_filters_by_state(qtbot, ctx, demo_db):
    page = build(qtbot, OutboxPage, ctx)
    assert page.model.total == count(demo_db, model=OutboxEntry)
    page.state.setCurrentIndex(page.state.findData("failed"))
    qtbot.waitUntil(lambda: ctx.tasks.is_idle, timeout=10_000)
    failed = count(demo_db, OutboxEntry.state == OutboxState.FAILED, model=OutboxEntry)
    assert page.model.total == failed and failed > 0
    assert page.model.index(0, page.model.COL_STATE).data() == "发送失败"
    assert page.count.text() == f"共 {failed} 条通知"


def test_approvals_report_and_archive_show_their_lists(qtbot, ctx, demo_db):
    approvals = build(qtbot, ApprovalsPage, ctx)
    assert approvals.model.total > 0
    report = build(qtbot, ReportsPage, ctx)
    assert report.model.rowCount() > 0
    assert sum(int(report.model.index(r, report.model.columnCount() - 1).data())
               for r in range(report.model.rowCount())) == count(demo_db)
    archive = build(qtbot, ArchivePage, ctx)
    assert archive.model.total > 0
