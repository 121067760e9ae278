"""The scheduling pages over the demo hospital: each opens without an error and shows what the
database holds — the week's interviews, the personnel office's approvals, the failed messages."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from desktop.core import accounts, demo
from desktop.core.model import ChangeRequest, ChangeStatus, Interview, OutboxEntry, OutboxState, User
from desktop.core.scheduling.conflicts import BLOCKING
from desktop.ui.errors import ErrorDialog
from desktop.ui.main_window import MainWindow


@pytest.fixture
def demo_db(embedded_db):
    demo.populate(embedded_db, candidates=40, interviews=20)
    return embedded_db


def actor_named(db, username: str):
    with db.session() as s:
        return accounts.actor_for_user(s, s.scalar(select(User.id).where(User.username == username)))


def scalar(db, query):
    with db.session() as s:
        return s.scalar(query)


def open_window(qtbot, make_ctx, db, username: str) -> MainWindow:
    window = MainWindow(make_ctx(actor_named(db, username)))
    qtbot.addWidget(window)
    window.resize(1400, 850)
    window.show()
    qtbot.waitUntil(lambda: window.ctx.tasks.is_idle, timeout=10_000)
    return window


def no_error_dialogs() -> bool:
    return not [w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorDialog) and w.isVisible()]


def test_hr_pages_show_the_demo_week_and_the_failed_messages(qtbot, make_ctx, demo_db):
    window = open_window(qtbot, make_ctx, demo_db, "hr.wangli")
    for key in ("today", "schedule", "board", "approvals", "outbox"):
        window.open_page(key)
        qtbot.waitUntil(lambda: window.ctx.tasks.is_idle, timeout=10_000)
    assert no_error_dialogs()

    schedule = window.pages["schedule"]
    first = datetime.combine(schedule.canvas.board.days[0].day, time(0, 0), tzinfo=window.ctx.tz)
    in_week = scalar(demo_db, select(func.count()).select_from(Interview).where(
        Interview.starts_at >= first, Interview.starts_at < first + timedelta(days=7),
        Interview.status.in_(BLOCKING)))
    assert in_week > 0 and len({p.block.interview_id for p in schedule.canvas.placed}) == in_week

    failed = scalar(demo_db, select(func.count()).select_from(OutboxEntry).where(
        OutboxEntry.state == OutboxState.FAILED))
    assert failed > 0 and window.navigation.item(window.page_keys().index("outbox")).text() == f"发件箱 ({failed})"
    approvals = window.pages["approvals"]
    assert approvals.tabs.currentIndex() == 1       # HR follows its requests rather than deciding them
    assert approvals.all_model.total == scalar(demo_db, select(func.count()).select_from(ChangeRequest))


def test_the_personnel_office_finds_the_requests_at_its_step(qtbot, make_ctx, demo_db):
    window = open_window(qtbot, make_ctx, demo_db, "rsc.zhaohong")
    approvals = window.open_page("approvals")
    qtbot.waitUntil(lambda: window.ctx.tasks.is_idle, timeout=10_000)
    assert no_error_dialogs()
    at_filing = scalar(demo_db, select(func.count()).select_from(ChangeRequest).where(
        ChangeRequest.status == ChangeStatus.PENDING, ChangeRequest.current_step == 2))
    assert at_filing > 0 and approvals.model.rowCount() == at_filing
    assert all(approvals.model.index(r, approvals.model.COL_STEP).data() == "人事处备案"    # step 2, by its name
               for r in range(approvals.model.rowCount()))
