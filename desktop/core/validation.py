"""Checks for what people type: names and free text, phone numbers, e-mail addresses, resident ID
numbers.

Each check returns None when the value is acceptable, or a problem code that the UI words in the
user's language (desktop/ui/messages.py)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
# A landline: area code (010 and 020-029 have three digits, all others four) and a 7- or 8-digit number.
_LANDLINE = re.compile(r"^(?:0(?:10|2\d)|0[3-9]\d\d)\d{7,8}$")
_EXTENSION = re.compile(r"\s*(?:转|分机|ext\.?|x|#)\s*", re.IGNORECASE)
_COUNTRY = re.compile(r"^(?:\+86|0086)[\s\-]*")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$")
# The longest value each kind of field keeps, in characters (after NFC normalisation). A resume summary
# is a summary: the full CV stays a file. Several services share a field name and so its limit.
MAX_LENGTH = {
    "name": 100, "display_name": 100, "username": 64, "title": 120, "code": 32, "school": 100,
    "major": 100, "source_channel": 50, "skills": 2000, "experience": 20000, "resume_summary": 20000,
    "description": 20000, "holiday_name": 100, "question": 1000, "answer": 4000,
}
# Characters that change how text around them is shown without being seen themselves: the
# bidirectional embeddings, overrides and isolates (a name can be made to read backwards).
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def normalise_phone(text: str) -> str:
    """How a phone number is stored: a mobile as its 11 digits without +86 ("+86 138-0013-8000" ->
    "13800138000"); a landline as area code and number in digits, an extension after a dash
    ("0571-8765432 转 123" -> "05718765432-123"). Full-width digits typed with a Chinese input method
    become ASCII digits. Anything that is not a phone number comes back with its stray characters,
    for phone_problem to refuse."""
    typed = unicodedata.normalize("NFKC", text).strip()
    main, *extension = _EXTENSION.split(typed, maxsplit=1)
    abroad = _COUNTRY.match(main)
    main = main[abroad.end():] if abroad else main
    digits = re.sub(r"[\s\-()]", "", main)
    if not digits.isdigit():
        return digits + "".join(extension)
    if abroad and (digits.startswith("10") or digits[:1] in tuple("23456789")):
        digits = "0" + digits            # "+86 10 6512 3456": the area code loses its 0 abroad
    elif not abroad and digits.startswith("86") and _MOBILE.match(digits) and len(digits) == 13:
        digits = digits[2:]              # "86 138 0013 8000": the country code without its plus sign
    ext = "".join(extension).strip()
    if digits.startswith("0") and not ext:
        groups = re.findall(r"\d+", main)
        area = 3 if digits[1:2] in ("1", "2") else 4
        if len(digits) - area > 8 and len(groups) > 1 and 7 <= len(digits) - len(groups[-1]) - area <= 8:
            digits, ext = digits[:-len(groups[-1])], groups[-1]   # "0571-8765432-123"
    return digits + ("-" + ext if ext else "")


def phone_problem(text: str) -> str | None:
    """None for a mobile number or a landline with its area code (and perhaps an extension)."""
    value = normalise_phone(text)
    if not value:
        return None
    number, _, ext = value.partition("-")
    if not (number.isascii() and number.isdigit()) or (ext and not (ext.isascii() and ext.isdigit())):
        return "phone_chars"
    if number.startswith("0"):
        return None if _LANDLINE.match(number) and len(ext) <= 6 else "phone_format"
    if not ext and (len(number) == 11 or number[:2] in ("13", "14", "15", "16", "17", "18", "19")):
        return None if _MOBILE.match(number) else "phone_mobile"
    return "phone_format"


def is_mobile(text: str) -> bool:
    """Whether a text message can reach this number: landlines cannot receive SMS."""
    return bool(_MOBILE.match(normalise_phone(text or "")))


def phone_tail(value: str) -> str:
    """The last four digits of the number itself (not of its extension), for the 尾号 search."""
    number = value.partition("-")[0]
    return number[-4:] if len(number) >= 4 else ""


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
    value, dash, ext = value.partition("-")
    masked = value[:3] + "****" + value[-4:] if len(value) >= 11 else "*" * max(len(value) - 2, 1) + value[-2:]
    return masked + dash + ext


def mask_email(value: str | None) -> str:
    if not value or "@" not in value:
        return ""
    local, domain = value.split("@", 1)
    return (local[:1] + "***@" + domain) if local else "***@" + domain


def mask_id_number(value: str | None) -> str:
    if not value:
        return ""
    return value[:3] + "*" * (len(value) - 7) + value[-4:] if len(value) > 7 else "*" * len(value)


# --- names and free text -----------------------------------------------------------------------------

def _has_lone_surrogate(text: str) -> bool:
    """Half of a UTF-16 pair (from a broken clipboard, or bytes the system could not decode): it
    cannot be stored as UTF-8."""
    return any("\ud800" <= c <= "\udfff" for c in text)


def name_problem(text: str, limit: int, *, required: bool = True) -> str | None:
    """A name (of a person, a position, a department, a holiday): one line of visible characters.
    Control characters (NUL, ESC, BEL, line breaks, tabs), format characters (zero-width spaces and
    joiners, direction overrides, soft hyphens) and line separators are refused."""
    if _has_lone_surrogate(text):
        return "bad_chars"
    value = clean_name(text)
    if not value:
        return "required" if required else None
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in value):
        return "control_chars"
    if len(value) > limit:
        return "too_long"
    return None


def clean_name(text: str) -> str:
    """NFC (a name typed on a Mac and on Windows compares equal), trimmed, runs of spaces made one."""
    return re.sub(" {2,}", " ", unicodedata.normalize("NFC", text)).strip(" \u3000") if text else ""


def text_problem(text: str, limit: int) -> str | None:
    """Free text (a resume summary, a description): line breaks and tabs are fine; other control
    characters and direction overrides are not; at most `limit` characters."""
    if not text:
        return None
    if _has_lone_surrogate(text):
        return "bad_chars"
    value = clean_text(text)
    if any((unicodedata.category(c) == "Cc" and c not in "\n\t") or c in _BIDI_CONTROLS
           or unicodedata.category(c) in ("Zl", "Zp") for c in value):
        return "control_chars"
    if len(value) > limit:
        return "too_long"
    return None


def clean_text(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).strip() if text else ""


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """Text safe to print on a terminal: every control, format, separator or unpaired surrogate
    character is written as an escape (\\x1b, \\u202e), so stored data cannot move the cursor, change
    colours, retitle the window or reorder what is shown; everything else, 中文 included, stays."""
    out = []
    for c in text:
        if keep_newlines and c in "\n\t":
            out.append(c)
        elif unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            code = ord(c)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(c)
    return "".join(out)
