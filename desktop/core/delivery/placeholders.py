"""Placeholders in the request templates an administrator writes for the SMS gateway.

Every gateway wants its own field names, so the request body is a template: `{phone}` and `{text}`
stand for the message, `{sign_name}`, `{timestamp}`, `{nonce}` and `{signature}` for what gateways
commonly ask for besides. Anything else in braces that looks like a name is a typo that would reach
the gateway verbatim, so it is refused when the setting is saved, naming the placeholder. Braces
that are not around a name (the braces of a JSON object) are ordinary text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from desktop.core.errors import InvalidSetting

SMS_PLACEHOLDERS = ("phone", "text", "sign_name", "timestamp", "nonce", "signature")
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def placeholders_in(template: str) -> list[str]:
    return PLACEHOLDER.findall(template)


def fill(template: str, values: Mapping[str, str]) -> str:
    """Replace every known placeholder; unknown ones were refused on save and stay as written."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def check_sms_body(template: str, key: str = "sms.body_template") -> None:
    unknown = [name for name in placeholders_in(template) if name not in SMS_PLACEHOLDERS]
    if unknown:
        raise InvalidSetting(f"{key}: unknown placeholder", key=key, reason="placeholder",
                             placeholder="{" + unknown[0] + "}")


def check_header_object(text: str, key: str = "sms.headers") -> None:
    """Extra request headers: a JSON object of names to text values (or nothing)."""
    if not text.strip():
        return
    try:
        headers = json.loads(text)
    except ValueError:
        raise InvalidSetting(f"{key}: not JSON", key=key, reason="json_object") from None
    if not isinstance(headers, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                for k, v in headers.items()):
        raise InvalidSetting(f"{key}: not an object of texts", key=key, reason="json_object")
