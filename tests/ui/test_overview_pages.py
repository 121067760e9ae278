"""The read-only pages over demo data: the report and the archive, from SQL through the overview
services. (Today, Schedule, Approvals and Outbox have their own pages and tests: test_schedule_*.)"""

from __future__ import annotations

import importlib.util

import pytest
from sqlalchemy import func, select

from desktop.core.model import Interview
from desktop.ui.overview.pages import ArchivePage, ReportsPage

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


def test_report_and_archive_show_their_lists(qtbot, ctx, demo_db):
    report = build(qtbot, ReportsPage, ctx)
    assert report.model.rowCount() > 0
    assert sum(int(report.model.index(r, report.model.columnCount() - 1).data())
               for r in range(report.model.rowCount())) == count(demo_db)
    archive = build(qtbot, ArchivePage, ctx)
    assert archive.model.total > 0


def test_the_report_shows_the_feedback_on_time_rate_of_the_period(qtbot, ctx, demo_db):
    """The demo's decision had its feedback sent 30 minutes after it: 100 % this month (or the
    month it fell in), with its counts; a year always holds it."""
    report = build(qtbot, ReportsPage, ctx)
    report.period.setCurrentIndex(report.period.findData("year"))
    qtbot.waitUntil(lambda: ctx.tasks.is_idle, timeout=10_000)
    assert report.rate.text() == "100.0 %"
    assert "共 1 个面试结论" in report.rate_counts.text() and "逾期 0 个" in report.rate_counts.text()


def test_archive_hub_shows_the_register_tab(qtbot, ctx):
    from desktop.ui.archive.page import ArchiveHub

    hub = build(qtbot, ArchiveHub, ctx)
    assert "register" in hub.pages
    assert hub.tabs.count() == len(hub.pages)
