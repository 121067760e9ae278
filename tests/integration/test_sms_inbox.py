"""Candidates' text-message replies polled from the SMS gateway (a real HTTP server on loopback,
tests/http_gateway.py): the request is configured and signed like the outgoing one, a sender is
matched to the candidate by number, a question, a survey answer and "进度" are taken for what they
are, an unknown number is kept for HR, and polling again records nothing twice."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from datetime import timedelta

import pytest
from http_gateway import Gateway, answer
from scheduling_helpers import BACKENDS, book, world_copy
from scheduling_world import STORY_DAY, World, local
from sqlalchemy import select, update

from desktop.core import settings
from desktop.core.model import Alert, CandidateQuestion, InboundMessage, Interview, OutboxEntry, SurveyResponse
from desktop.core.scheduling import reminders, timeline
from desktop.integrations.http_channels import sms_inbox
from desktop.integrations.http_channels.sms_inbox import InboxUnavailable, poll_inbox

from factories import SYSTEM

SECRET = "inbox-secret"


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


@pytest.fixture
def gateway():
    server = Gateway()
    yield server
    server.close()


def configure(w: World, gateway: Gateway, **changes) -> None:
    values = {"sms.url": gateway.url + "/send", "sms_inbox.enabled": True, "sms_inbox.url": gateway.url + "/replies",
              "sms_inbox.list_path": "data.items", "sms.secret": SECRET, "sms.signature_header": "X-Sign",
              "notify.candidate_channels": "sms"} | changes
    with w.db.session(SYSTEM, write=True) as s:
        for key, value in values.items():
            settings.store_institution(s, key, value, "测试")


def messages(*items: tuple[str, str, str, str]) -> tuple:
    return answer(200, {"code": 0, "data": {"items": [
        {"id": i, "mobile": phone, "content": text, "time": at} for i, phone, text, at in items]}})


def test_replies_are_matched_taken_for_what_they_are_and_recorded_once(world, gateway, caplog):
    w = world
    configure(w, gateway)
    iid = book(w, 0, local(STORY_DAY, 10)).interview_id        # its invitation goes to 13800138000 by SMS
    w.db.clock.set(local(STORY_DAY, 9, 0))
    batch = messages(("g-1", "+86 138-0013-8000", "1", "2026-11-24 08:40:00"),
                     ("g-2", "13800138000", "请问需要带毕业证原件吗", str(int(local(STORY_DAY, 8, 45).timestamp()))),
                     ("g-3", "13912345678", "我是王五，想问下还招人吗？", "2026-11-24T00:50:00Z"),
                     ("g-4", "13800138001", "进度", "2026-11-24 08:55:00"))
    gateway.script = [batch, batch]
    with caplog.at_level(logging.DEBUG):
        first = poll_inbox(w.db)
        again = poll_inbox(w.db)                                # the gateway sends the same list again
    assert (first.fetched, first.recorded, first.unmatched) == (4, 4, 1)
    assert first.kinds == {"confirmation": 1, "question": 1, "unmatched": 1, "progress": 1}
    assert (again.fetched, again.recorded, again.repeated) == (4, 0, 4)
    assert "13912345678" not in caplog.text and "13800138000" not in caplog.text

    request = gateway.received[0]
    assert request.method == "GET" and request.path == "/replies"
    since = int(dict(request.query)["since"])
    assert since == int((local(STORY_DAY, 9, 0) - timedelta(days=1, minutes=10)).timestamp())
    signed = request.headers["x-timestamp"].encode() + b"\n" + f"since={since}".encode()
    assert request.headers["x-sign"] == hmac.new(SECRET.encode(), signed, hashlib.sha256).hexdigest()
    assert int(dict(gateway.received[1].query)["since"]) == int((local(STORY_DAY, 8, 55) - timedelta(minutes=10))
                                                                .timestamp())

    with w.db.session() as s:
        inbound = {m.external_id: m for m in s.scalars(select(InboundMessage))}
        assert {k: m.kind for k, m in inbound.items()} == {"g-1": "confirmation", "g-2": "question",
                                                           "g-3": "unmatched", "g-4": "progress"}
        assert inbound["g-1"].interview_id == iid and inbound["g-1"].received_at == local(STORY_DAY, 8, 40)
        assert s.get(Interview, iid).status.value == "confirmed"
        [question] = s.scalars(select(CandidateQuestion)).all()
        assert (question.source, question.message_id, question.interview_id) == ("sms", "g-2", iid)
        stranger = inbound["g-3"]
        assert stranger.candidate_id is None and stranger.sender == "13912345678"
        [alert] = s.scalars(select(Alert).where(Alert.kind == "inbound_message")).all()
        assert alert.user_id is None and alert.detail["text"].startswith("我是王五") and not alert.detail["known"]
        answered = s.scalars(select(OutboxEntry).where(OutboxEntry.kind == "progress_answer")).all()
        assert [(a.channel, a.recipient, a.interview_id) for a in answered] == [("sms", "13800138001", None)]
        replies = [e for e in timeline.entries(s, iid) if e.kind == "candidate_replied"]
        assert [(e.detail["channel"], e.detail["message_id"]) for e in replies] == [("sms", "g-1"), ("sms", "g-2")]


def test_a_survey_answer_by_text_message_is_stored(world, gateway):
    w = world
    configure(w, gateway)
    iid = book(w, 0, local(STORY_DAY, 10)).interview_id
    with w.db.session(SYSTEM, write=True) as s:
        s.execute(update(Interview).where(Interview.id == iid).values(checked_in_at=local(STORY_DAY, 9, 55),
                                                                       ended_at=local(STORY_DAY, 10, 28)))
    w.db.clock.set(local(STORY_DAY, 10, 30))
    with w.db.session(write=True) as s:
        reminders.evaluate(s)
        assert s.scalar(select(OutboxEntry.recipient).where(OutboxEntry.kind == "thank_you")) == "13800138000"
    gateway.script = [messages(("g-9", "13800138000", "5\n4\n5", "2026-11-24 10:40:00"))]
    w.db.clock.set(local(STORY_DAY, 10, 45))
    assert poll_inbox(w.db).kinds == {"survey": 1}
    with w.db.session() as s:
        [response] = s.scalars(select(SurveyResponse)).all()
        assert (response.answers, response.channel, response.interview_id) == ([5, 4, 5], "sms", iid)
        assert s.scalar(select(OutboxEntry.kind).where(OutboxEntry.kind == "survey_thanks")) == "survey_thanks"


def test_post_with_iso_since_and_a_list_at_the_top(world, gateway):
    w = world
    configure(w, gateway, **{"sms_inbox.method": "POST", "sms_inbox.since_format": "iso", "sms_inbox.list_path": "",
                             "sms_inbox.since_param": "after"})
    listed = json.dumps([{"id": 7, "mobile": "13800138002", "content": "收到", "time": ""}], ensure_ascii=False)
    gateway.script = [(200, {"Content-Type": "application/json"}, listed)]
    assert poll_inbox(w.db).kinds == {"noted": 1}
    [request] = gateway.received
    assert request.method == "POST" and request.json() == {"after": "2026-11-22T23:50:00+00:00"}
    with w.db.session() as s:       # a known candidate without an interview: HR is told, nothing is lost
        assert s.scalar(select(InboundMessage.kind)) == "noted"
        assert s.scalar(select(Alert.detail).where(Alert.kind == "inbound_message"))["known"] is True


def test_a_gateway_that_cannot_be_read_says_why_in_chinese(world, gateway):
    w = world
    configure(w, gateway)
    gateway.script = [answer(200, {"code": 0, "rows": []}), answer(503, {"message": "maintenance"}),
                      answer(200, "not json")]
    for expected in ("找不到消息列表", "暂时不可用", "不是 JSON"):
        with pytest.raises(InboxUnavailable) as raised:
            poll_inbox(w.db)
        assert expected in raised.value.reason
    configure(w, gateway, **{"sms_inbox.url": ""})
    with pytest.raises(InboxUnavailable, match="未设置"):
        sms_inbox.try_fetch(w.db)
    with w.db.session() as s:
        assert s.scalars(select(InboundMessage)).all() == []
