"""Candidates' text-message replies, polled from the institution's SMS gateway.

Gateways differ, so the request is configured like the outgoing one (Settings → 短信与OA): URL,
GET or POST, extra headers (a JSON object), the parameter that carries "since" (Unix seconds or an
ISO time; in the query for GET, in a JSON body for POST), and the same signature as sending: the
signature header carries HMAC-SHA256 of timestamp + "\\n" + the body (the query string for GET)
with sms.secret. The answer is JSON; a dotted path names the list of messages ("data",
"result.items"; empty: the answer itself is the list) and fields name each message's id, sender
number, text and time (Unix seconds or milliseconds, ISO, or "2026-11-24 10:05:00" office time).

Each poll asks for messages since the newest one recorded, less an overlap for clocks that
disagree; a message already recorded (its gateway id) is skipped, so polling twice never records
twice. The sender is matched by the last four digits (indexed), then the whole normalised number;
the reply is about the candidate's latest interview we texted that number for. Then
`candidate_replies.handle` decides what it is. An unknown number is kept as "unmatched" with an
alert for HR. Phone numbers are personal data: never logged, never in a reason text."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core import candidate_replies, settings
from desktop.core.delivery.outbox import DeliveryFailed
from desktop.core.model import Application, Candidate, InboundMessage, Interview, OutboxEntry
from desktop.core.storage.database import Actor, Database
from desktop.core.validation import normalise_phone, phone_tail
from desktop.integrations.http_channels import http

LABEL = "短信网关（收取回复）"
READER = Actor(user_id=None, username="sms-replies", display_name="短信回复", system=True)
OVERLAP = timedelta(minutes=10)
FIRST_LOOK_BACK = timedelta(days=1)
MAX_MESSAGES = 500           # per poll; the rest come next time
KEYS = ("sms_inbox.enabled", "sms_inbox.url", "sms_inbox.method", "sms_inbox.headers", "sms_inbox.since_param",
        "sms_inbox.since_format", "sms_inbox.list_path", "sms_inbox.id_field", "sms_inbox.phone_field",
        "sms_inbox.text_field", "sms_inbox.time_field", "sms_inbox.interval_minutes")
_SHARED = ("sms.secret", "sms.signature_header", "sms.timestamp_header", "sms.timeout_seconds", "sms.ca_file")


class InboxUnavailable(Exception):
    """The gateway's incoming messages could not be read. `reason` is Chinese text for the admin."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class InboxConfig:
    url: str
    method: str
    headers: str
    since_param: str
    since_format: str
    list_path: str
    id_field: str
    phone_field: str
    text_field: str
    time_field: str
    secret: str
    signature_header: str
    timestamp_header: str
    timeout_seconds: int
    ca_file: str
    zone: ZoneInfo

    @classmethod
    def load(cls, session: Session, overrides: Mapping[str, Any] | None = None) -> InboxConfig:
        values = {key: settings.institution_value(session, key) for key in KEYS + _SHARED}
        for key, value in (overrides or {}).items():
            if key in values:
                values[key] = settings.spec_of(key).parse(value)
        fields = {key.partition(".")[2]: value for key, value in values.items()
                  if key not in ("sms_inbox.enabled", "sms_inbox.interval_minutes")}
        return cls(**fields, zone=ZoneInfo(settings.institution_value(session, "office.timezone")))


@dataclass(frozen=True)
class IncomingSms:
    external_id: str
    phone: str
    text: str
    at: datetime


@dataclass
class InboxSummary:
    fetched: int = 0
    recorded: int = 0
    repeated: int = 0
    unmatched: int = 0
    kinds: dict[str, int] | None = None


# --- the request and the answer -----------------------------------------------------------------

def build_request(config: InboxConfig, since: datetime, now: datetime) -> http.OutgoingRequest:
    value = str(int(since.timestamp())) if config.since_format == "unix" else since.astimezone(UTC).isoformat()
    headers = json.loads(config.headers) if config.headers.strip() else {}
    timestamp = str(int(now.timestamp()))
    if config.method == "GET":
        query = urlencode([(config.since_param, value)]) if config.since_param else ""
        url = config.url + (("&" if "?" in config.url else "?") + query if query else "")
        body, signed = b"", query
    else:
        document = {config.since_param: value} if config.since_param else {}
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
        headers.setdefault("Content-Type", "application/json; charset=utf-8")
        url, body, signed = config.url, text.encode("utf-8"), text
    if config.signature_header and config.secret:
        headers[config.signature_header] = http.sign(config.secret, f"{timestamp}\n{signed}".encode())
        headers[config.timestamp_header] = timestamp
    return http.OutgoingRequest(config.method, url, headers, body)


def _time(value: Any, zone: ZoneInfo, now: datetime) -> datetime:
    text = http.as_text(value).strip()
    if re.fullmatch(r"\d{9,13}(\.\d+)?", text):
        number = float(text)
        return datetime.fromtimestamp(number / 1000 if number > 1e11 else number, UTC)
    try:
        moment = datetime.fromisoformat(text.replace("/", "-"))
    except ValueError:
        return now
    return (moment if moment.tzinfo else moment.replace(tzinfo=zone)).astimezone(UTC)


def parse_messages(config: InboxConfig, data: Any, now: datetime) -> list[IncomingSms]:
    """The messages in the gateway's answer; an entry without an id or a number is skipped (it
    cannot be recorded once), text may be empty."""
    found = http.field_at(data, config.list_path) if config.list_path else data
    if not isinstance(found, list):
        raise InboxUnavailable(f"短信网关的应答中找不到消息列表（{config.list_path or '应答本身'}），请检查“消息列表位置”设置")
    messages = []
    for item in found[:MAX_MESSAGES]:
        if not isinstance(item, dict):
            continue
        external_id = http.as_text(http.field_at(item, config.id_field)).strip()
        phone = http.as_text(http.field_at(item, config.phone_field)).strip()
        if not external_id or not phone:
            continue
        text = http.as_text(http.field_at(item, config.text_field))
        at = _time(http.field_at(item, config.time_field), config.zone, now) if config.time_field else now
        messages.append(IncomingSms(external_id[:255], phone, text, min(at, now)))
    return messages


def fetch(config: InboxConfig, since: datetime, now: datetime) -> list[IncomingSms]:
    if not config.url:
        raise InboxUnavailable("未设置收取短信回复的网关地址（设置 → 短信与OA）")
    try:
        request = build_request(config, since, now)
    except ValueError:
        raise InboxUnavailable("收取短信回复的附加请求头不是有效的 JSON 对象") from None
    try:
        response = http.send(request, label=LABEL, timeout=config.timeout_seconds, ca_file=config.ca_file)
        http.check_status(response, label=LABEL, now=now, secrets=(config.secret,))
    except DeliveryFailed as failure:
        raise InboxUnavailable(failure.reason) from None
    data = http.json_of(response)
    if data is None:
        raise InboxUnavailable("短信网关的应答不是 JSON，无法读取回复")
    return parse_messages(config, data, now)


# --- recording ----------------------------------------------------------------------------------

def match_sender(session: Session, phone: str) -> tuple[int | None, int | None, int | None]:
    """(candidate, interview, sequence) for a sender number: the candidate whose number it is, and
    the latest interview of theirs we texted that number for; Nones for a stranger."""
    number = normalise_phone(phone)
    tail = phone_tail(number)
    if not tail:
        return None, None, None
    rows = session.execute(select(Candidate.id, Candidate.phone).where(Candidate.phone_tail == tail)).all()
    matched = {cid: stored for cid, stored in rows if stored and normalise_phone(stored) == number}
    if not matched:
        return None, None, None
    latest = session.execute(
        select(Application.candidate_id, OutboxEntry.interview_id, OutboxEntry.payload)
        .join(Interview, Interview.id == OutboxEntry.interview_id)
        .join(Application, Application.id == Interview.application_id)
        .where(OutboxEntry.channel == "sms", OutboxEntry.recipient.in_(set(matched.values())),
               Application.candidate_id.in_(matched))
        .order_by(OutboxEntry.created_at.desc(), OutboxEntry.id.desc()).limit(1)).first()
    if latest is None:
        return min(matched), None, None
    candidate_id, interview_id, payload = latest
    return candidate_id, interview_id, (payload or {}).get("sequence")


def record(session: Session, message: IncomingSms) -> candidate_replies.Handled:
    candidate_id, interview_id, sequence = match_sender(session, message.phone)
    return candidate_replies.handle(session, candidate_replies.Reply(
        channel="sms", message_id=message.external_id, candidate_id=candidate_id, interview_id=interview_id,
        sequence=sequence, text=message.text, sender=normalise_phone(message.phone), received_at=message.at))


def since_of(session: Session, now: datetime) -> datetime:
    newest = session.scalar(select(func.max(InboundMessage.received_at)).where(InboundMessage.channel == "sms"))
    return (newest or now - FIRST_LOOK_BACK) - OVERLAP


def poll_inbox(db: Database) -> InboxSummary:
    """Read the gateway's new incoming messages and record each once, one transaction per message
    (a message that fails to record is asked for again next time: the cursor is what was recorded)."""
    with db.session() as session:
        config = InboxConfig.load(session)
        now = session.info["clock"].now()
        since = since_of(session, now)
    summary = InboxSummary(kinds={})
    for message in fetch(config, since, now):
        summary.fetched += 1
        with db.session(READER, write=True) as session:
            handled = record(session, message)
        if handled.kind == "repeated":
            summary.repeated += 1
            continue
        summary.recorded += 1
        summary.unmatched += handled.kind == "unmatched"
        summary.kinds[handled.kind] = summary.kinds.get(handled.kind, 0) + 1
    return summary


def try_fetch(db: Database, overrides: Mapping[str, Any] | None = None) -> int:
    """Settings → 测试收取: ask the gateway with the values as typed and count what it answers;
    nothing is recorded."""
    with db.session() as session:
        config = InboxConfig.load(session, overrides)
        now = session.info["clock"].now()
        since = since_of(session, now)
    return len(fetch(config, since, now))
