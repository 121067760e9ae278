"""SMS gateway and OA webhook channels against real HTTP servers on loopback: the request arrives
in the configured shape with a signature the receiver can verify on its own, the answers map to
sent / retry later / failed with the gateway's reason, and through the outbox worker each message
is recorded sent exactly once."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from http_gateway import Gateway, answer
from scheduling_helpers import BACKENDS, book, world_copy
from scheduling_world import STORY_DAY, World, local
from sqlalchemy import select

from desktop.core import settings
from desktop.core.delivery.outbox import PermanentFailure, TemporaryFailure
from desktop.core.delivery.worker import OutboxWorker
from desktop.core.errors import InvalidSetting
from desktop.core.model import OutboxEntry, OutboxState
from desktop.core.notifications import templates
from desktop.core.services import config as config_service
from desktop.core.storage.database import Actor
from desktop.integrations.http_channels.oa import OaSender
from desktop.integrations.http_channels.sms import SmsConfig, SmsSender, send_sms

SECRET = "s3cret-of-the-gateway"
PHONE = "13800138000"


@pytest.fixture
def gateway():
    server = Gateway()
    yield server
    server.close()


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


def hmac_hex(message: bytes) -> str:
    return hmac.new(SECRET.encode(), message, hashlib.sha256).hexdigest()


def sms_config(url: str, **changes) -> SmsConfig:
    values = {key.removeprefix("sms."): spec.default for key, spec in settings.REGISTRY.items()
              if key.startswith("sms.")}
    values.update(url=url, **changes)
    return SmsConfig(**values)


def configure(w: World, **values) -> None:
    with w.db.session(Actor.command_line(), write=True) as s:
        for key, value in values.items():
            settings.store_institution(s, key, settings.spec_of(key).parse(value), "test")


def rows(w: World, channel: str) -> list[OutboxEntry]:
    with w.db.session() as s:
        found = s.scalars(select(OutboxEntry).where(OutboxEntry.channel == channel).order_by(OutboxEntry.id)).all()
        s.expunge_all()
        return found


# --- the request on the wire ------------------------------------------------------------------


def test_a_json_request_carries_the_message_and_a_signature_the_gateway_can_verify(gateway, clock):
    template = ('{"mobile": "{phone}", "content": "{text}", "sign": "{sign_name}", "ts": "{timestamp}", '
                '"nonce": "{nonce}", "auth": {"signature": "{signature}"}}')
    config = sms_config(gateway.url + "/send", body_template=template, sign_name="滨江医院", secret=SECRET,
                        headers='{"X-App": "interviewdesk"}', message_id_field="msgid")
    delivered = send_sms(config, "+86 138-0013-8000", "张伟您好：请于11月24日10:00参加面试。", clock.now())

    [got] = gateway.received
    body = got.json()
    assert got.method == "POST" and got.path == "/send"
    assert got.headers["content-type"].startswith("application/json") and got.headers["x-app"] == "interviewdesk"
    assert body["mobile"] == PHONE and body["content"] == "张伟您好：请于11月24日10:00参加面试。"
    assert body["sign"] == "滨江医院" and body["ts"] == str(int(clock.now().timestamp()))
    assert len(body["nonce"]) == 16
    # the receiver's own check: drop the field carrying the signature, re-encode compactly, HMAC it
    signature = body["auth"].pop("signature")
    unsigned = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    assert signature == hmac_hex(f"{body['ts']}\n{unsigned}".encode())
    assert delivered.external_id == "m-1"


def test_a_form_request_is_signed_in_a_header_over_the_exact_body(gateway, clock):
    config = sms_config(gateway.url, body_format="form", body_template="mobile={phone}&content={text}\nsign={sign_name}",
                        sign_name="人事处", secret=SECRET, signature_header="X-Signature")
    send_sms(config, PHONE, "请回复1确认 & 准时到达", clock.now())

    [got] = gateway.received
    assert got.headers["content-type"].startswith("application/x-www-form-urlencoded")
    assert got.form() == [("mobile", PHONE), ("content", "请回复1确认 & 准时到达"), ("sign", "人事处")]
    stamp = got.headers["x-timestamp"]
    assert stamp == str(int(clock.now().timestamp()))
    assert got.headers["x-signature"] == hmac_hex(stamp.encode() + b"\n" + got.body)


def test_a_get_request_puts_everything_in_the_query(gateway, clock):
    config = sms_config(gateway.url + "/api?key=abc", method="GET", body_format="query", secret=SECRET,
                        body_template="to={phone}&msg={text}&t={timestamp}&sig={signature}")
    send_sms(config, PHONE, "面试改期通知", clock.now())

    [got] = gateway.received
    assert got.method == "GET" and got.body == b""
    query = dict(got.query)
    assert query["key"] == "abc" and query["to"] == PHONE and query["msg"] == "面试改期通知"
    unsigned = urlencode([(k, v) for k, v in got.query if k not in ("key", "sig")])
    assert query["sig"] == hmac_hex(f"{query['t']}\n{unsigned}".encode())


def test_a_wrong_signature_would_be_noticed(gateway, clock):
    """The verification above can fail: a body signed with another secret does not match."""
    config = sms_config(gateway.url, secret="another-secret", body_template='{"m": "{phone}", "s": "{signature}"}')
    send_sms(config, PHONE, "x", clock.now())
    body = gateway.received[0].json()
    signature = body.pop("s")
    assert signature != hmac_hex(f"{int(clock.now().timestamp())}\n{json.dumps(body, separators=(',', ':'))}".encode())


# --- answers → outcomes --------------------------------------------------------------------------


def test_a_gateway_that_hangs_is_a_temporary_failure(gateway, clock):
    gateway.script = [3]
    with pytest.raises(TemporaryFailure, match="1 秒内没有响应"):
        send_sms(sms_config(gateway.url, timeout_seconds=1), PHONE, "x", clock.now())


def test_a_gateway_that_is_down_is_a_temporary_failure(clock):
    with socket.socket() as probe:            # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(TemporaryFailure, match="无法连接短信网关"):
        send_sms(sms_config(f"http://127.0.0.1:{port}"), PHONE, "x", clock.now())


def test_a_refusal_is_permanent_and_quotes_the_gateway_without_personal_data_or_secret(gateway, clock):
    gateway.script = [answer(403, {"code": 40301, "message": f"IP not allowed; key {SECRET}; to 13800138000"})]
    with pytest.raises(PermanentFailure) as failure:
        send_sms(sms_config(gateway.url, secret=SECRET), PHONE, "x", clock.now())
    reason = failure.value.reason
    assert "HTTP 403" in reason and "IP not allowed" in reason
    assert SECRET not in reason and "13800138000" not in reason and "138****8000" in reason


def test_an_answer_that_fails_the_success_condition_is_permanent_with_the_reason(gateway, clock):
    gateway.script = [answer(200, {"result": {"status": "REJECTED"}, "msg": "短信签名未报备"})]
    config = sms_config(gateway.url, success_field="result.status", success_value="OK")
    with pytest.raises(PermanentFailure, match="短信网关未接受该短信：短信签名未报备"):
        send_sms(config, PHONE, "x", clock.now())
    gateway.script = [answer(200, {"result": {"status": "OK", "id": 7}})]
    accepted = sms_config(gateway.url, success_field="result.status", success_value="OK", message_id_field="result.id")
    assert send_sms(accepted, PHONE, "x", clock.now()).external_id == "7"


def test_an_unknown_placeholder_is_refused_on_save_by_name(world, tmp_path):
    with world.db.session(Actor.command_line(), write=True) as s, pytest.raises(InvalidSetting) as refused:
        config_service.set_values(s, Actor.command_line(), tmp_path / "machine.json",
                                  {"sms.url": "http://127.0.0.1:1/x", "sms.body_template": '{"to": "{mobile}"}'})
    assert refused.value.params["placeholder"] == "{mobile}" and refused.value.params["key"] == "sms.body_template"
    with world.db.session() as s:
        assert settings.institution_value(s, "sms.url") == ""          # nothing was written


# --- through the outbox worker -----------------------------------------------------------------------


def test_a_server_error_then_success_sends_the_sms_exactly_once(world, clock, gateway):
    configure(world, **{"sms.url": gateway.url, "sms.success_field": "code", "sms.success_value": "0",
                        "sms.message_id_field": "msgid"})
    gateway.script = [answer(500, "internal error")]
    book(world, 0, local(STORY_DAY, 10))
    worker = OutboxWorker(world.db, [SmsSender(world.db)])
    worker.run_once()
    [entry] = rows(world, "sms")
    assert entry.state == OutboxState.PENDING and "HTTP 500" in entry.last_error

    clock.advance(entry.next_attempt_at - clock.now())
    worker.run_once()
    worker.run_once()
    [entry] = rows(world, "sms")
    assert entry.state == OutboxState.SENT and entry.external_id == "m-1" and entry.attempts == 2
    assert len(gateway.received) == 2
    sent = gateway.received[-1].json()
    assert sent["mobile"] == "13800138000"
    with world.db.session() as s:
        expected = templates.render(s, entry.kind, "sms", entry.payload).text
    assert sent["content"] == expected and "候选人1" in expected
    assert entry.sent_copy == {"text": sent["content"]}       # what the 发件箱 viewer shows once sent


def test_a_rate_limited_sms_waits_for_retry_after(world, clock, gateway):
    configure(world, **{"sms.url": gateway.url})
    gateway.script = [answer(429, {"msg": "too many requests"}, **{"Retry-After": "120"})]
    book(world, 0, local(STORY_DAY, 10))
    worker = OutboxWorker(world.db, [SmsSender(world.db)])
    worker.run_once()
    [entry] = rows(world, "sms")
    assert entry.state == OutboxState.PENDING and entry.next_attempt_at - clock.now() >= timedelta(seconds=120)
    assert "HTTP 429" in entry.last_error

    clock.advance(timedelta(seconds=119))
    worker.run_once()
    assert len(gateway.received) == 1                   # not before the gateway said
    clock.advance(timedelta(seconds=2))
    worker.run_once()
    assert len(gateway.received) == 2 and rows(world, "sms")[0].state == OutboxState.SENT


def test_a_refused_sms_is_failed_with_the_gateways_reason(world, gateway):
    configure(world, **{"sms.url": gateway.url, "sms.success_field": "code", "sms.success_value": "0"})
    gateway.script = [answer(200, {"code": 1001, "msg": "余额不足"})]
    book(world, 0, local(STORY_DAY, 10))
    OutboxWorker(world.db, [SmsSender(world.db)]).run_once()
    [entry] = rows(world, "sms")
    assert entry.state == OutboxState.FAILED and entry.last_error == "短信网关未接受该短信：余额不足"


def test_the_oa_webhook_receives_signed_json_with_an_idempotency_key(world, clock, gateway):
    configure(world, **{"oa.url": gateway.url + "/hook", "oa.secret": SECRET})
    with world.db.session(Actor.command_line(), write=True) as s:
        payload = templates.sample_payload(s) | {"sequence": 3}
        s.add(OutboxEntry(dedupe_key="oa:1:approval:3:zhangrenshi", interview_id=None, channel="oa",
                          kind="approval_request", recipient="hr_zhang", payload=payload, created_at=clock.now()))
    gateway.script = [answer(503, "busy", **{"Retry-After": "30"})]
    worker = OutboxWorker(world.db, [OaSender(world.db)])
    worker.run_once()
    assert rows(world, "oa")[0].state == OutboxState.PENDING
    clock.advance(timedelta(seconds=31))
    worker.run_once()

    first, second = gateway.received
    assert rows(world, "oa")[0].state == OutboxState.SENT
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"] == "oa:1:approval:3:zhangrenshi"
    assert second.headers["x-interviewdesk-signature"] == "sha256=" + hmac_hex(second.body)
    assert second.headers["x-interviewdesk-timestamp"] == str(int(clock.now().timestamp()))
    notice = second.json()
    with world.db.session() as s:
        rendered = templates.render(s, "approval_request", "oa", payload)
    assert notice["event"] == "approval_request" and notice["recipient"] == "hr_zhang" and notice["sequence"] == 3
    assert notice["title"] == rendered.subject and notice["text"] == rendered.text and rendered.text
    assert rows(world, "oa")[0].sent_copy == {"subject": notice["title"], "text": notice["text"]}
    assert notice["sent_at"] == clock.now().isoformat() and notice["delivery_id"] == "oa:1:approval:3:zhangrenshi"
