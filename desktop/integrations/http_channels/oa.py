"""Notices to staff through the institution's OA system (channel "oa"): a JSON POST to a webhook.

The body (UTF-8 JSON):

    {"event": "approval_request",          the message kind (a template event id)
     "title": "…", "text": "…",            from the templates (Settings → 消息模板, channel "oa")
     "interview_id": 42, "sequence": 3,     the interview and its version (null when none)
     "link": "interviewdesk://interview/42", opens the interview in the app (null when none)
     "recipient": "wangfang",              the OA account the notice is for
     "sent_at": "2026-11-23T01:00:00+00:00",
     "delivery_id": "oa:42:…"}             the outbox entry's dedupe key (as in the header below)

Headers:

    X-InterviewDesk-Signature: sha256=<hex HMAC-SHA256 of the exact body bytes, keyed with the secret>
    X-InterviewDesk-Timestamp: <Unix seconds when the request was made>
    Idempotency-Key: <the dedupe key: the same notice retried carries the same key>

The receiver verifies a request by computing HMAC-SHA256 over the raw body bytes as received
(before any JSON parsing) with the shared secret from Settings → 短信与OA, comparing
"sha256=" + hex digest to the header in constant time (hmac.compare_digest), and rejecting
timestamps far from its own clock (say more than 5 minutes) to stop replays. It should answer 2xx
once it has stored the notice, drop a request whose Idempotency-Key it has already stored, and
answer 429 or 503 (with Retry-After, if it likes) when busy. Any other 4xx fails the notice for
HR to look at; no signature header is sent when no secret is configured.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from desktop.core import links, settings
from desktop.core.delivery.outbox import Delivered, Item, PermanentFailure
from desktop.core.storage.database import Database
from desktop.integrations.http_channels import http
from desktop.integrations.http_channels.texts import rendered_text

LABEL = "OA 接口"
KEYS = ("oa.url", "oa.secret", "oa.timeout_seconds", "oa.ca_file")
SIGNATURE_HEADER = "X-InterviewDesk-Signature"
TIMESTAMP_HEADER = "X-InterviewDesk-Timestamp"
IDEMPOTENCY_HEADER = "Idempotency-Key"
TEST_TITLE = "面试协同台推送测试"
TEST_TEXT = "收到本条推送说明 OA 接口已配置成功，无需处理。"


@dataclass(frozen=True)
class OaConfig:
    url: str
    secret: str
    timeout_seconds: int
    ca_file: str

    @classmethod
    def load(cls, session: Session, overrides: Mapping[str, Any] | None = None) -> OaConfig:
        values = {key: settings.institution_value(session, key) for key in KEYS}
        for key, value in (overrides or {}).items():
            values[key] = settings.spec_of(key).parse(value)
        return cls(**{key.removeprefix("oa."): value for key, value in values.items()})


def build_request(config: OaConfig, notice: Mapping[str, Any], dedupe_key: str, now: datetime) -> http.OutgoingRequest:
    body = json.dumps(dict(notice), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    headers = {"Content-Type": "application/json; charset=utf-8", TIMESTAMP_HEADER: str(int(now.timestamp())),
               IDEMPOTENCY_HEADER: dedupe_key}
    if config.secret:
        headers[SIGNATURE_HEADER] = "sha256=" + http.sign(config.secret, body)
    return http.OutgoingRequest("POST", config.url, headers, body)


def notice_of(item: Item, title: str, text: str, now: datetime) -> dict[str, Any]:
    return {"event": item.kind, "title": title, "text": text, "interview_id": item.interview_id,
            "sequence": item.payload.get("sequence"),
            "link": links.interview_link(item.interview_id) if item.interview_id is not None else None,
            "recipient": item.recipient,
            "sent_at": now.isoformat(), "delivery_id": item.dedupe_key}


def push(config: OaConfig, notice: Mapping[str, Any], dedupe_key: str, now: datetime) -> Delivered:
    if not config.url:
        raise PermanentFailure("OA 接口尚未配置（设置 → 短信与OA）")
    response = http.send(build_request(config, notice, dedupe_key, now), label=LABEL,
                         timeout=config.timeout_seconds, ca_file=config.ca_file)
    http.check_status(response, label=LABEL, now=now, secrets=(config.secret,))
    return Delivered()


class OaSender:
    """The outbox's "oa" channel; settings are read per notice, so changes apply at once."""

    channel = "oa"
    concurrency = 4

    def __init__(self, db: Database) -> None:
        self.db = db

    def deliver(self, item: Item) -> Delivered:
        with self.db.session() as session:
            config = OaConfig.load(session)
            rendered = rendered_text(session, item.kind, "oa", item.payload)
            now = session.info["clock"].now()
        delivered = push(config, notice_of(item, rendered.subject, rendered.text, now), item.dedupe_key, now)
        return replace(delivered, copy={"subject": rendered.subject, "text": rendered.text})

    def send_test(self, recipient: str, overrides: Mapping[str, Any] | None = None) -> Delivered:
        """Settings' "Send test push", with the values as typed there."""
        with self.db.session() as session:
            config = OaConfig.load(session, overrides)
            now = session.info["clock"].now()
        notice = {"event": "test", "title": TEST_TITLE, "text": TEST_TEXT, "interview_id": None, "sequence": None,
                  "link": None,
                  "recipient": recipient, "sent_at": now.isoformat(), "delivery_id": f"oa:test:{int(now.timestamp())}"}
        return push(config, notice, notice["delivery_id"], now)


def preview(session: Session, overrides: Mapping[str, Any] | None, recipient: str) -> str:
    """The request a sample approval request would make, secret masked."""
    config = OaConfig.load(session, overrides)
    rendered = rendered_text(session, "approval_request", "oa", None)
    now = session.info["clock"].now()
    item = Item(0, "oa:sample", None, "oa", "approval_request", recipient, {"sequence": 1}, 1, 0)
    return http.masked(build_request(config, notice_of(item, rendered.subject, rendered.text, now), item.dedupe_key,
                                     now), (config.secret,))
