"""Deep links into the app: interviewdesk://interview/<id> opens one interview (我的面试 for its
panel, the schedule for HR). The OA push and the interviewers' mail carry such a link; Windows
starts `interviewdesk --open <link>` for it (the URL scheme is registered by the installer). A
bare interview id is accepted too, for a typed command line."""

from __future__ import annotations

import re
from urllib.parse import unquote

from desktop.core.errors import BadLink

SCHEME = "interviewdesk"
MAX_LENGTH = 200
_LINK = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?P<kind>[^/?#]*)/(?P<id>[^/?#]*)/?(?:[?#].*)?")
_ID = re.compile(r"[1-9][0-9]{0,17}")


def interview_link(interview_id: int) -> str:
    return f"{SCHEME}://interview/{interview_id}"


def parse(text: str) -> int:
    """The interview id a link (or a bare id) names; BadLink says what is wrong with anything else."""
    text = (text or "").strip()
    if not text:
        raise BadLink("empty link", reason="empty")
    if len(text) > MAX_LENGTH:
        raise BadLink("link too long", reason="too_long")
    if _ID.fullmatch(text):
        return int(text)
    found = _LINK.fullmatch(text)
    if found is None or found["scheme"].lower() != SCHEME:
        raise BadLink("not an InterviewDesk link", reason="scheme")
    if found["kind"].lower() != "interview":
        raise BadLink("not a link to an interview", reason="kind")
    number = unquote(found["id"]).strip()
    if not _ID.fullmatch(number):
        raise BadLink("no interview number", reason="id")
    return int(number)
