"""The audiences messages go to, the channels each may use, and which audience each event reaches:
plain data the settings check and the routing both read (so neither imports the other)."""

from __future__ import annotations

import json

from desktop.core.errors import InvalidSetting

CANDIDATE, INTERVIEWER, APPROVER, HR = "candidate", "interviewer", "approver", "hr"
RECEPTION = "reception"
CHANNELS = {CANDIDATE: ("email", "sms"), INTERVIEWER: ("calendar", "oa", "email", "sms"),
            APPROVER: ("oa", "email", "sms"), HR: ("oa", "email", "sms"), RECEPTION: ("oa", "email", "sms")}
# Reception always gets the in-app notice and its desktop notification; other channels when chosen.
DEFAULTS = {CANDIDATE: "email,sms", INTERVIEWER: "calendar,oa", APPROVER: "oa", HR: "oa", RECEPTION: ""}
ALERT_EVENTS = {"late": "late_alert", "confirmation_overdue": "confirmation_overdue"}  # alerts with a message
# Which audience each message goes to; an event may be routed apart from its audience's default.
EVENT_AUDIENCE = {
    "invitation": CANDIDATE, "change_notice": CANDIDATE, "cancellation": CANDIDATE, "reminder_day_before": CANDIDATE,
    "interviewer_assignment": INTERVIEWER, "interviewer_change": INTERVIEWER, "approval_request": APPROVER,
    "approval_result": HR, "confirmation_overdue": HR, "late_alert": HR, "reception_change": RECEPTION,
    "match_alert": HR,
    "question_answer": CANDIDATE, "question_reminder": HR, "question_escalated": HR,
    "scorecard_reminder": INTERVIEWER, "scorecard_overdue": APPROVER,
}


def _split(text: str) -> set[str]:
    return {c.strip() for c in str(text or "").split(",") if c.strip()}



def check_overrides(value: str) -> None:
    """The setting's own check: a JSON object of known events to channels their audience may use."""
    if not value:
        return
    try:
        data = json.loads(value)
    except ValueError:
        raise InvalidSetting("notify.event_channels: not JSON", key="notify.event_channels", reason="format") from None
    if not isinstance(data, dict):
        raise InvalidSetting("notify.event_channels: not an object", key="notify.event_channels", reason="format")
    for event, chosen in data.items():
        audience = EVENT_AUDIENCE.get(event)
        if audience is None or not isinstance(chosen, str) or not _split(chosen) <= set(CHANNELS[audience]) - {"calendar"}:
            raise InvalidSetting(f"notify.event_channels: {event}", key="notify.event_channels", reason="format")
