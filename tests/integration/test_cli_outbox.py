"""`interviewdesk outbox run` for a scheduled task: one delivery round through the configured
channels (here the OA webhook on a loopback HTTP server), a summary per channel, the channels not
set up counted as waiting, and exit code 1 when something failed for good."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from desktop.core import settings
from desktop.core.model import OutboxEntry, OutboxState
from desktop.core.storage.database import open_embedded

from factories import PASSPHRASE, SYSTEM
from http_gateway import Gateway, answer
from scheduling_helpers import book, world_copy
from scheduling_world import STORY_DAY, local
from test_cli_support import cli  # noqa: F401  (fixture)


@pytest.fixture
def gateway():
    server = Gateway()
    yield server
    server.close()


def test_outbox_run_delivers_what_is_due_and_prints_a_summary(request, clock, cli, gateway, monkeypatch):  # noqa: F811
    clock.set(local(STORY_DAY, 8, 0))
    w = world_copy(request, "sqlcipher", clock)
    book(w, 0, local(STORY_DAY, 10), interviewers=(w.wang.user_id, w.li.user_id))
    with w.db.session(SYSTEM, write=True) as s:
        settings.store_institution(s, "oa.url", gateway.url + "/hook", "测试")
        settings.store_institution(s, "oa.secret", "oa-shared-secret", "测试")
    path = w.db.path
    w.db.dispose()
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)

    result = cli("--db", path, "outbox", "run")
    assert result.code == 0, result.text
    assert [r.json()["event"] for r in gateway.received] == ["interviewer_assignment"] * 2
    assert "oa" in result.out and "已发送 2 条，0 条将重试，0 条失败。" in result.out
    assert "未配置：2 条等待中" in result.out       # the calendar updates: Exchange is not set up here
    assert "未配置：1 条等待中" in result.out       # the candidate's e-mail and SMS

    again = cli("--db", path, "outbox", "run")
    assert again.code == 0 and len(gateway.received) == 2
    assert "已发送 0 条" in again.out

    gateway.script[:] = [answer(403, {"code": 403, "msg": "robot disabled"})]
    db = open_embedded(path, passphrase=PASSPHRASE, clock=clock)
    book(dataclasses.replace(w, db=db), 1, local(STORY_DAY, 11))     # 王主任 alone this time
    db.dispose()
    failed = cli("--db", path, "outbox", "run")
    assert failed.code == 1 and "已发送 0 条，0 条将重试，1 条失败。" in failed.out
    assert "OA 接口拒绝了请求（HTTP 403）" in failed.out
    db = open_embedded(path, passphrase=PASSPHRASE, clock=clock)
    try:
        with db.session() as s:
            states = s.scalars(select(OutboxEntry.state).where(OutboxEntry.channel == "oa")).all()
        assert sorted(states) == [OutboxState.FAILED] + [OutboxState.SENT] * 2
    finally:
        db.dispose()
