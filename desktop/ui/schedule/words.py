"""Dates, times and timeline entries as the scheduling screens show them (office time, translated
weekdays)."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.core import labels

_WEEKDAYS = (QT_TRANSLATE_NOOP("Schedule", "Mon"), QT_TRANSLATE_NOOP("Schedule", "Tue"),
             QT_TRANSLATE_NOOP("Schedule", "Wed"), QT_TRANSLATE_NOOP("Schedule", "Thu"),
             QT_TRANSLATE_NOOP("Schedule", "Fri"), QT_TRANSLATE_NOOP("Schedule", "Sat"),
             QT_TRANSLATE_NOOP("Schedule", "Sun"))


def weekday(day: date) -> str:
    return QCoreApplication.translate("Schedule", _WEEKDAYS[day.weekday()])


def day_label(day: date) -> str:
    return f"{day:%m-%d} {weekday(day)}"


def when(zone: tzinfo, start: datetime, end: datetime | None = None) -> str:
    """"11-24 Tue 10:00–10:30" in office time."""
    local = start.astimezone(zone)
    text = f"{day_label(local.date())} {local:%H:%M}"
    if end is not None:
        text += f"–{end.astimezone(zone):%H:%M}"
    return text


def minutes(count: int) -> str:
    return QCoreApplication.translate("Schedule", "{0} min").format(count)


def timeline_detail(kind: str, detail: dict, zone: tzinfo | None = None) -> str:
    """The one fact of a timeline entry worth a second look (a channel, a reason, a verdict); a
    change request's entries (old → new time, the step by name) are worded in change_words."""
    from desktop.ui.schedule import change_words

    changed = change_words.timeline_detail(kind, detail, zone)
    if changed is not None:
        return changed
    if kind in ("confirmed", "candidate_declined", "candidate_tentative") and detail.get("channel"):
        text = QCoreApplication.translate("Schedule", "via {0}").format(labels.channel(str(detail["channel"])))
        if detail.get("current") is False:
            text += QCoreApplication.translate("Schedule", " (for an earlier time)")
        return text
    if kind == "checked_in":
        late = int(detail.get("minutes_late") or 0)
        if late:
            return QCoreApplication.translate("Schedule", "{0} min late").format(late)
        return QCoreApplication.translate("Schedule", "on time")
    if kind == "check_in_undone":
        return str(detail.get("reason") or "")
    if kind == "conflict_overridden" or detail.get("override_reason"):
        return str(detail.get("reason") or detail.get("override_reason") or "")
    if kind == "survey_answered":
        return " ".join(str(a) for a in detail.get("answers") or [])
    if kind == "candidate_replied":   # the candidate's own words on one line, for HR to read
        return " ".join(line.strip() for line in str(detail.get("text") or "").split("\n") if line.strip())
    if kind in ("interviewer_accepted", "interviewer_declined", "interviewer_tentative", "meeting_moved_in_outlook",
                "meeting_deleted_in_outlook"):
        return str(detail.get("who") or "")
    return ""
