"""Candidate SMS through the institution's own gateway (channel "sms").

Every gateway has its own API, so the request is configured in Settings → 短信与OA rather than
coded: URL, method, extra headers (a JSON object), body format (json, form, or query parameters)
and a body template with placeholders:

    {phone}      the recipient's mobile number, 11 digits
    {text}       the message (templates: event × "sms")
    {sign_name}  the institution's SMS signature (签名) as the gateway registered it
    {timestamp}  Unix seconds        {nonce}  16 random hex digits
    {signature}  HMAC-SHA256, hex, of  timestamp + "\\n" + the body without its signature field(s)

A json template is a JSON document with placeholders inside its strings
(`{"mobile": "{phone}", "content": "{text}"}`); form and query templates are `name=value` pairs
separated by `&` or line breaks. The body is written compactly (JSON without spaces, pairs
URL-encoded in template order), so a gateway verifies {signature} by removing the field that
carries it and re-encoding what remains the same way. When a signature header is configured, that
header carries the HMAC of timestamp + "\\n" + the exact body bytes sent (the query string for the
query format), and the timestamp header carries the timestamp.

Success is HTTP 2xx and, when configured, a JSON field equal to a value (`code` == `0`,
`result.status` == `OK`); the gateway's message id (a configured JSON field) is recorded with the
entry.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from sqlalchemy.orm import Session

from desktop.core import settings
from desktop.core.delivery.outbox import Delivered, Item, PermanentFailure
from desktop.core.delivery.placeholders import SMS_PLACEHOLDERS, check_sms_body, fill
from desktop.core.errors import InvalidSetting
from desktop.core.storage.database import Database
from desktop.core.validation import is_mobile, normalise_phone, phone_problem
from desktop.integrations.http_channels import http
from desktop.integrations.http_channels.texts import rendered_text

__all__ = ["SMS_PLACEHOLDERS", "SmsConfig", "SmsSender", "build_request", "check_body_template", "check_config"]

LABEL = "短信网关"
TEST_TEXT = "面试协同台短信通道测试：收到本短信说明短信网关已配置成功，无需回复。"
KEYS = ("sms.url", "sms.method", "sms.headers", "sms.body_format", "sms.body_template", "sms.sign_name",
        "sms.secret", "sms.signature_header", "sms.timestamp_header", "sms.success_field", "sms.success_value",
        "sms.message_field", "sms.message_id_field", "sms.timeout_seconds", "sms.ca_file")
check_body_template = check_sms_body   # the name the Settings tab and the command line know it by


@dataclass(frozen=True)
class SmsConfig:
    url: str
    method: str
    headers: str
    body_format: str
    body_template: str
    sign_name: str
    secret: str
    signature_header: str
    timestamp_header: str
    success_field: str
    success_value: str
    message_field: str
    message_id_field: str
    timeout_seconds: int
    ca_file: str

    @classmethod
    def load(cls, session: Session, overrides: Mapping[str, Any] | None = None) -> SmsConfig:
        """The saved settings, with `overrides` (values typed in Settings, not saved yet) checked
        and laid on top."""
        values = {key: settings.institution_value(session, key) for key in KEYS}
        for key, value in (overrides or {}).items():
            values[key] = settings.spec_of(key).parse(value)
        return cls(**{key.removeprefix("sms."): value for key, value in values.items()})


def check_config(config: SmsConfig) -> None:
    """What single settings cannot check alone: the template must fit the body format, a GET has
    no body, a signature needs a secret."""
    check_sms_body(config.body_template)
    if config.method == "GET" and config.body_format != "query":
        raise InvalidSetting("GET needs query parameters", key="sms.body_format", reason="get_needs_query")
    if config.body_format == "json":
        try:
            json.loads(config.body_template)
        except ValueError:
            raise InvalidSetting("template is not JSON", key="sms.body_template", reason="json_template") from None
    uses_signature = "{signature}" in config.body_template or config.signature_header
    if uses_signature and not config.secret:
        raise InvalidSetting("signature without secret", key="sms.secret", reason="secret_needed")


def _pairs(template: str) -> list[tuple[str, str]]:
    pairs = []
    for chunk in template.replace("\r", "").replace("\n", "&").split("&"):
        if chunk.strip():
            name, _, value = chunk.strip().partition("=")
            pairs.append((name.strip(), value.strip()))
    return pairs


def _fill_json(node: Any, values: Mapping[str, str]) -> Any:
    if isinstance(node, str):
        return fill(node, values)
    if isinstance(node, list):
        return [_fill_json(v, values) for v in node]
    if isinstance(node, dict):
        return {fill(k, values): _fill_json(v, values) for k, v in node.items()}
    return node


def _without_signature(node: Any) -> Any:
    if isinstance(node, list):
        return [_without_signature(v) for v in node if not (isinstance(v, str) and "{signature}" in v)]
    if isinstance(node, dict):
        return {k: _without_signature(v) for k, v in node.items() if not (isinstance(v, str) and "{signature}" in v)}
    return node


def _encode(config: SmsConfig, values: Mapping[str, str], *, signed_part: bool) -> str:
    """The body (or query string) with placeholders filled; `signed_part` leaves out the fields
    that carry the signature."""
    if config.body_format == "json":
        document = json.loads(config.body_template)
        if signed_part:
            document = _without_signature(document)
        return json.dumps(_fill_json(document, values), ensure_ascii=False, separators=(",", ":"))
    pairs = [(n, v) for n, v in _pairs(config.body_template) if not (signed_part and "{signature}" in v)]
    return urlencode([(fill(n, values), fill(v, values)) for n, v in pairs])


def build_request(config: SmsConfig, phone: str, text: str, now: datetime, nonce: str | None = None) -> http.OutgoingRequest:
    check_config(config)
    values = {"phone": phone, "text": text, "sign_name": config.sign_name, "timestamp": str(int(now.timestamp())),
              "nonce": nonce or secrets.token_hex(8), "signature": ""}
    if config.secret:
        unsigned = _encode(config, values, signed_part=True)
        values["signature"] = http.sign(config.secret, f"{values['timestamp']}\n{unsigned}".encode())
    body = _encode(config, values, signed_part=False)
    headers = json.loads(config.headers) if config.headers.strip() else {}
    if config.body_format == "json":
        headers.setdefault("Content-Type", "application/json; charset=utf-8")
    elif config.body_format == "form":
        headers.setdefault("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
    if config.signature_header:
        headers[config.signature_header] = http.sign(config.secret, f"{values['timestamp']}\n{body}".encode())
        headers[config.timestamp_header] = values["timestamp"]
    if config.body_format == "query":
        joiner = "&" if "?" in config.url else "?"
        return http.OutgoingRequest(config.method, config.url + (joiner + body if body else ""), headers)
    return http.OutgoingRequest(config.method, config.url, headers, body.encode("utf-8"))


def send_sms(config: SmsConfig, phone: str, text: str, now: datetime) -> Delivered:
    """One message to one number through the gateway; raises the delivery failures."""
    if not config.url:
        raise PermanentFailure("短信网关尚未配置（设置 → 短信与OA）")
    number = normalise_phone(phone or "")
    if not number or phone_problem(number) is not None:
        raise PermanentFailure("收件人的手机号码为空或无效，无法发送短信")
    if not is_mobile(number):
        raise PermanentFailure("收件人的号码是座机，收不到短信；请改用邮件或电话联系")
    try:
        request = build_request(config, number, text, now)
    except InvalidSetting as error:
        raise PermanentFailure(f"短信网关设置有误（{error.params.get('key', '')}），请管理员检查") from None
    response = http.send(request, label=LABEL, timeout=config.timeout_seconds, ca_file=config.ca_file)
    hidden = (config.secret,)
    http.check_status(response, label=LABEL, now=now, message_field=config.message_field, secrets=hidden)
    data = http.json_of(response)
    if config.success_field:
        value = http.field_at(data, config.success_field) if isinstance(data, (dict, list)) else None
        if http.as_text(value) != config.success_value:
            said = http.gateway_message(response, config.message_field, hidden) if isinstance(data, dict) else ""
            detail = said or http.clean(f"{config.success_field}={http.as_text(value)}", hidden)
            raise PermanentFailure(f"短信网关未接受该短信：{detail}")
    external_id = None
    if config.message_id_field and isinstance(data, (dict, list)):
        found = http.field_at(data, config.message_id_field)
        external_id = (http.as_text(found)[:512] or None) if found is not None else None
    return Delivered(external_id=external_id)


class SmsSender:
    """The outbox's "sms" channel. Settings are read for every message, so a change made in
    Settings applies to the next one without a restart."""

    channel = "sms"
    concurrency = 4

    def __init__(self, db: Database) -> None:
        self.db = db

    def deliver(self, item: Item) -> Delivered:
        with self.db.session() as session:
            config = SmsConfig.load(session)
            text = rendered_text(session, item.kind, "sms", item.payload).text
            now = session.info["clock"].now()
        return replace(send_sms(config, item.recipient, text, now), copy={"text": text})

    def send_test(self, phone: str, overrides: Mapping[str, Any] | None = None) -> Delivered:
        """The Settings tab's "Send test SMS", with the values as typed there."""
        with self.db.session() as session:
            config = SmsConfig.load(session, overrides)
            now = session.info["clock"].now()
        return send_sms(config, phone, _signed(config, TEST_TEXT), now)


def _signed(config: SmsConfig, text: str) -> str:
    """Test texts carry the signature the way templates do when the gateway does not add it."""
    return text if "{sign_name}" in config.body_template or not config.sign_name else f"【{config.sign_name}】{text}"


def preview(session: Session, overrides: Mapping[str, Any] | None, phone: str) -> str:
    """The request a sample invitation would make, secret masked (Settings → 短信与OA)."""
    config = SmsConfig.load(session, overrides)
    text = rendered_text(session, "invitation", "sms", None).text
    now = session.info["clock"].now()
    if not config.url:
        raise InvalidSetting("no url", key="sms.url", reason="required")
    request = build_request(config, normalise_phone(phone) or "13800000000", text, now)
    return http.masked(request, (config.secret,))
