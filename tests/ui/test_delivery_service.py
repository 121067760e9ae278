"""While the app runs, what a user's write queues goes out at once through the configured channels,
off the UI thread; a channel configured later in Settings is picked up without a restart; the 通知
page hears of deliveries."""

from __future__ import annotations

import time
from datetime import date

import pytest
from scheduling_ui import book, idle, local

from desktop.core import settings
from desktop.ui.delivery import DeliveryService

from http_gateway import Gateway

DAY = date(2026, 11, 24)


@pytest.fixture
def gateway():
    server = Gateway()
    yield server
    server.close()


def wait_for(qtbot, condition, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        qtbot.wait(20)
    assert condition()


def test_a_booking_is_pushed_to_oa_within_seconds_and_a_new_channel_needs_no_restart(qtbot, make_ctx, world,
                                                                                      gateway):
    ctx = make_ctx(world.hr)
    service = DeliveryService(ctx)
    service.start()
    try:
        with qtbot.waitSignal(service.sig_channels, timeout=10_000) as started:
            pass
        assert started.args == [()]                       # nothing configured yet: every entry waits

        def configure(session):
            settings.store_institution(session, "oa.url", gateway.url + "/hook", "测试")
        with qtbot.waitSignal(service.sig_channels, timeout=10_000) as restarted:
            ctx.write(configure, entity="settings")
        assert restarted.args == [("oa",)]

        changes: list[str] = []
        ctx.sig_changed.connect(lambda entity, _ids: changes.append(entity))
        started_at = time.monotonic()
        book(world, 0, local(DAY, 10, 0))                 # written elsewhere: the worker polls, or is woken
        ctx.sig_changed.emit("interview", ())             # as a write made in this app announces itself
        wait_for(qtbot, lambda: len(gateway.received) == 1)
        elapsed = time.monotonic() - started_at
        assert gateway.received[0].json()["event"] == "interviewer_assignment"
        assert elapsed < 5
        wait_for(qtbot, lambda: "outbox" in changes)
    finally:
        service.stop()
    idle(qtbot, ctx)
