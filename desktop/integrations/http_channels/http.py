"""The HTTP plumbing the SMS gateway and the OA webhook share: one requests session per worker
thread (connections are reused; a requests.Session is not safe to share between threads), the
internal CA file, the timeout, HMAC-SHA256 signing, and how an answer becomes a delivery outcome:

- no connection, a timeout, HTTP 5xx or 429 → TemporaryFailure (the worker retries with back-off,
  or after the server's Retry-After when it names one);
- any other 4xx, an untrusted certificate, a missing CA file → PermanentFailure: retrying cannot
  help, an administrator has to look.

Reasons are Chinese sentences for the 发件箱 (Outbox) page. What the gateway said is quoted only after
addresses, phone numbers and our secret are masked, and only its first 120 characters.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import threading
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

import requests

from desktop.core.delivery.outbox import PermanentFailure, TemporaryFailure, scrub

MESSAGE_LENGTH = 120
MASK = "******"
_COMMON_MESSAGE_FIELDS = ("message", "msg", "errmsg", "error_description", "error", "description", "detail")
_SENSITIVE_HEADER = re.compile(r"auth|token|key|secret|cookie|password", re.IGNORECASE)
_local = threading.local()


@dataclass(frozen=True)
class OutgoingRequest:
    """A request exactly as it will go on the wire (also what the Settings preview shows)."""

    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


def sign(secret: str, message: bytes) -> str:
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def _session() -> requests.Session:
    session = getattr(_local, "session", None)
    if session is None:
        session = _local.session = requests.Session()
        session.trust_env = False   # an internal gateway is reached directly, never through a proxy
    return session


def send(request: OutgoingRequest, *, label: str, timeout: float, ca_file: str = "") -> requests.Response:
    """Send and return the answer, raising the delivery failures for what went wrong on the way.
    `label` names the far end in reasons ("短信网关", "OA 接口")."""
    if ca_file and not os.path.isfile(ca_file):
        raise PermanentFailure(f"找不到{label}的内部 CA 证书文件，请在设置中检查路径")
    try:
        return _session().request(request.method, request.url, headers=request.headers,
                                  data=request.body or None, timeout=timeout, verify=ca_file or True,
                                  allow_redirects=False)
    except requests.exceptions.SSLError:
        raise PermanentFailure(f"{label}的证书无法验证，请检查内部 CA 证书文件") from None
    except requests.exceptions.Timeout:
        raise TemporaryFailure(f"{label}在 {timeout:g} 秒内没有响应") from None
    except requests.exceptions.ConnectionError:
        raise TemporaryFailure(f"无法连接{label}（连接被拒绝或网络不通）") from None
    except requests.exceptions.RequestException as exc:   # a malformed URL or header: configuration
        raise PermanentFailure(f"{label}的请求无法发出（{type(exc).__name__}），请检查设置") from None


def check_status(response: requests.Response, *, label: str, now: datetime, message_field: str = "",
                 secrets: tuple[str, ...] = ()) -> None:
    """Raise for an answer that is not 2xx, with the gateway's own words where it gave any."""
    status = response.status_code
    if 200 <= status < 300:
        return
    said = gateway_message(response, message_field, secrets)
    suffix = f"：{said}" if said else ""
    if status == 429:
        raise TemporaryFailure(f"{label}限制了发送频率（HTTP 429），稍后重试{suffix}",
                               retry_after=retry_after_seconds(response, now))
    if status >= 500:
        raise TemporaryFailure(f"{label}暂时不可用（HTTP {status}）{suffix}",
                               retry_after=retry_after_seconds(response, now))
    raise PermanentFailure(f"{label}拒绝了请求（HTTP {status}）{suffix}")


def retry_after_seconds(response: requests.Response, now: datetime) -> float | None:
    """Retry-After as seconds from now: either a number of seconds or an HTTP date."""
    value = (response.headers.get("Retry-After") or "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max((when - now).total_seconds(), 0.0)


def json_of(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def field_at(data: Any, path: str) -> Any:
    """The value at a dotted path ("result.status", "data.0.id"), or None."""
    for part in path.split("."):
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


def as_text(value: Any) -> str:
    """A JSON value the way an administrator writes it in a setting: true, 0, OK."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def clean(text: str, secrets: tuple[str, ...] = ()) -> str:
    """Text from the far end as we may show it: one line, no secrets, no personal data, short."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, MASK)
    text = re.sub(r"\s+", " ", re.sub(r"[\x00-\x1f\x7f]", " ", text)).strip()
    text = scrub(text)
    return text if len(text) <= MESSAGE_LENGTH else text[:MESSAGE_LENGTH] + "…"


def gateway_message(response: requests.Response, message_field: str = "", secrets: tuple[str, ...] = ()) -> str:
    data = json_of(response)
    if isinstance(data, dict):
        for name in ((message_field,) if message_field else ()) + _COMMON_MESSAGE_FIELDS:
            value = field_at(data, name)
            if value not in (None, "", {}, []):
                return clean(as_text(value), secrets)
        return clean(json.dumps(data, ensure_ascii=False), secrets)
    content_type = response.headers.get("Content-Type", "")
    if "html" in content_type:      # a proxy's error page says nothing a reader could use
        return ""
    return clean(response.text or "", secrets)


def masked(request: OutgoingRequest, secrets: tuple[str, ...]) -> str:
    """The request as text for the Settings preview: secrets and credential-like headers masked."""
    def hide(text: str) -> str:
        for secret in secrets:
            if secret:
                text = text.replace(secret, MASK)
        return text

    lines = [f"{request.method} {hide(request.url)}"]
    for name, value in request.headers.items():
        lines.append(f"{name}: {MASK if _SENSITIVE_HEADER.search(name) and value else hide(value)}")
    lines.append("")
    lines.append(hide(request.body.decode("utf-8", errors="replace")))
    return "\n".join(lines)
