"""UI test fixtures: Chinese translations installed, a real task runner, an AppContext over a real
encrypted database, and a few users with the roles the tests need."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from ui_helpers import add_user

from desktop.ui.context import AppContext
from desktop.core.model import Role
from desktop.core.paths import app_dirs
from desktop.core.storage.database import Actor, Database
from desktop.ui import i18n, style
from desktop.ui.tasks import TaskRunner


@pytest.fixture(autouse=True)
def chinese(qapp) -> Iterator[None]:
    """The product's default language, so tests see what users see."""
    style.apply(qapp)
    i18n.install(qapp, "zh_CN")
    yield
    i18n.install(qapp, "zh_CN")


@pytest.fixture
def runner(qtbot) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    qtbot.waitUntil(lambda: tasks.is_idle, timeout=10_000)
    tasks.wait_for_done()


@pytest.fixture
def hr_admin(embedded_db: Database) -> Actor:
    """An institution-wide administrator who is also an HR officer (the first account's roles)."""
    return add_user(embedded_db, "wangfang", [(Role.ADMIN, None), (Role.HR_OFFICER, None)], display_name="王芳")


@pytest.fixture
def make_ctx(embedded_db: Database, clock, runner: TaskRunner, qtbot):
    made: list[AppContext] = []

    def make(actor: Actor, db: Database | None = None) -> AppContext:
        ctx = AppContext(db or embedded_db, actor, clock=clock, dirs=app_dirs(), tasks=runner)
        made.append(ctx)
        return ctx

    yield make
    qtbot.waitUntil(lambda: runner.is_idle, timeout=10_000)


@pytest.fixture
def ctx(make_ctx, hr_admin: Actor) -> AppContext:
    return make_ctx(hr_admin)


@pytest.fixture
def world(embedded_db):
    """The small hospital of tests/scheduling_world.py, for the scheduling pages: 内科 with HR 张人事,
    interviewers 王主任 and 李医生, leaders, rooms 301 and the big room, a position, three applicants."""
    from scheduling_world import build

    return build(embedded_db)
