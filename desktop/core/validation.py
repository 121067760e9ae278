"""Checks for what people type: phone numbers, e-mail addresses, resident ID numbers.

Each check returns None when the value is acceptable, or a problem code that the UI words in the
user's language (desktop/ui/messages.py)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}\d{7,8}(?:\d{1,5})?$")  # area code + number (+ extension)
_EMAIL = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def normalise_phone(text: str) -> str:
    """Digits only, without the +86 country code: "+86 138-0013-8000" -> "13800138000".
    Full-width digits typed with a Chinese input method become ASCII digits."""
    digits = re.sub(r"[\s\-()]", "", unicodedata.normalize("NFKC", text).strip())
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and _MOBILE.match(digits) and len(digits) == 13:
        digits = digits[2:]   # "86 138 0013 8000": the country code without its plus sign
    return digits


def phone_problem(text: str) -> str | None:
    value = normalise_phone(text)
    if not value:
        return None
    if not (value.isascii() and value.isdigit()):
        return "phone_chars"
    if value.startswith("1"):
        return None if _MOBILE.match(value) else "phone_mobile"
    return None if _LANDLINE.match(value) else "phone_format"


def email_problem(text: str) -> str | None:
    value = text.strip()
    if not value:
        return None
    if len(value) > 254 or not _EMAIL.match(value) or ".." in value:
        return "email_format"
    return None


def id_number_birth_date(value: str) -> date | None:
    try:
        return date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return None


def id_number_problem(text: str, today: date | None = None) -> str | None:
    """Mainland resident identity card (GB 11643-1999): 18 characters, valid birth date, MOD 11-2."""
    value = text.strip().upper()
    if not value:
        return None
    if len(value) != 18:
        return "id_length"
    if not value.isascii() or not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        return "id_chars"
    born = id_number_birth_date(value)
    if born is None or born.year < 1900 or (today is not None and born > today):
        return "id_birth_date"
    total = sum(int(d) * w for d, w in zip(value[:17], _ID_WEIGHTS))
    if _ID_CHECK[total % 11] != value[17]:
        return "id_checksum"
    return None


def id_number_check_digit(first17: str) -> str:
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS)) % 11]


def mask_phone(value: str | None) -> str:
    if not value:
        return ""
    return value[:3] + "****" + value[-4:] if len(value) >= 11 else "*" * max(len(value) - 2, 1) + value[-2:]


def mask_email(value: str | None) -> str:
    if not value or "@" not in value:
        return ""
    local, domain = value.split("@", 1)
    return (local[:1] + "***@" + domain) if local else "***@" + domain


def mask_id_number(value: str | None) -> str:
    if not value:
        return ""
    return value[:3] + "*" * (len(value) - 7) + value[-4:] if len(value) > 7 else "*" * len(value)
