"""Words for change requests wherever they are shown (detail panel, timeline, approval lists): the
step by its name (部门领导审批, 人事处备案, 主管领导确认), old → new time, why it was asked for, and
why a decision by mail was refused."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.core import labels

_STEP_NAMES = {   # {0}: who decides (a role, or a named approver)
    "approve": QT_TRANSLATE_NOOP("ChangeWords", "{0} approval"),
    "file": QT_TRANSLATE_NOOP("ChangeWords", "{0} filing"),
    "confirm": QT_TRANSLATE_NOOP("ChangeWords", "{0} confirmation"),
}
REASONS = {       # ChangeInput.reason_code -> what HR picks in the change dialog
    "interviewer_conflict": QT_TRANSLATE_NOOP("ChangeWords", "Interviewer's time conflict"),
    "candidate_request": QT_TRANSLATE_NOOP("ChangeWords", "Candidate's request"),
    "room": QT_TRANSLATE_NOOP("ChangeWords", "Room problem"),
    "other": QT_TRANSLATE_NOOP("ChangeWords", "Other"),
}
_REFUSALS = {     # scheduling.mail_approval.REFUSALS
    "disabled": QT_TRANSLATE_NOOP("ChangeWords", "deciding by mail is turned off"),
    "automatic": QT_TRANSLATE_NOOP("ChangeWords", "an automatic reply"),
    "unknown_code": QT_TRANSLATE_NOOP("ChangeWords", "no valid approval code"),
    "wrong_sender": QT_TRANSLATE_NOOP("ChangeWords", "sent from an address that is not the approver's"),
    "used_code": QT_TRANSLATE_NOOP("ChangeWords", "the approval code was already used"),
    "step_decided": QT_TRANSLATE_NOOP("ChangeWords", "the step was already decided"),
    "no_verdict": QT_TRANSLATE_NOOP("ChangeWords", "neither “agree” nor “disagree” on the first line"),
    "not_for_step": QT_TRANSLATE_NOOP("ChangeWords", "a filing step cannot be refused"),
    "comment_required": QT_TRANSLATE_NOOP("ChangeWords", "“disagree” without a reason"),
    "not_allowed": QT_TRANSLATE_NOOP("ChangeWords", "the sender may no longer decide this step"),
}


def tr(text: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP in this module, in the user's language."""
    return QCoreApplication.translate("ChangeWords", text)


def by_mail() -> str:
    return QCoreApplication.translate("ChangeWords", " (by mail)")


def with_reason(text: str, code: str) -> str:
    """The reason's words followed by its category, unless the words already begin with it."""
    why = reason(code)
    if not why or text.startswith(why):
        return text
    return QCoreApplication.translate("ChangeWords", "{0} ({1})").format(text, why)


def step_name(kind: str, role: str, approver: str = "") -> str:
    """"部门领导审批" / "Department leader approval"; a named approver by name when known."""
    if not kind:
        return ""
    who = approver if role == "named" and approver else (
        QCoreApplication.translate("ChangeWords", "Named approver") if role in ("named", "") else labels.role(role))
    return tr(_STEP_NAMES.get(kind, "{0}")).format(who)


def reason(code: str) -> str:
    return tr(REASONS[code]) if code in REASONS else ""


def refusal(code: str) -> str:
    return tr(_REFUSALS[code]) if code in _REFUSALS else code


def _start(values: dict[str, Any] | None) -> datetime | None:
    values = values or {}
    if values.get("status") == "cancelled" or not values.get("starts_at"):
        return None
    return datetime.fromisoformat(values["starts_at"])


def moment(zone: tzinfo, when: datetime | None) -> str:
    return when.astimezone(zone).strftime("%m-%d %H:%M") if when is not None else ""


def move(zone: tzinfo, before: datetime | None, after: datetime | None, cancelled: bool = False) -> str:
    """"11-24 10:00 → 11-24 17:00"; "11-24 10:00 → cancelled"; "" when the time stays."""
    if cancelled:
        return QCoreApplication.translate("ChangeWords", "{0} → cancelled").format(moment(zone, before))
    if after is None or before == after:
        return ""
    return f"{moment(zone, before)} → {moment(zone, after)}"


def move_of(zone: tzinfo, before: dict[str, Any] | None, proposed: dict[str, Any] | None) -> str:
    cancelled = (proposed or {}).get("status") == "cancelled"
    return move(zone, _start(before), _start(proposed), cancelled)


def proposed_text(zone: tzinfo, starts_at: datetime | None, minutes: int | None, step: str) -> str:
    """The detail panel's line: "拟改为 12-07 17:00–17:30（待部门领导审批）"."""
    if starts_at is None:
        text = QCoreApplication.translate("ChangeWords", "Proposed: cancel the interview")
    else:
        end = starts_at + timedelta(minutes=minutes or 0)
        text = QCoreApplication.translate("ChangeWords", "Proposed: {0}").format(f"{moment(zone, starts_at)}–{end.astimezone(zone):%H:%M}")
    return text + (QCoreApplication.translate("ChangeWords", " (awaiting {0})").format(step) if step else "")


def timeline_detail(kind: str, detail: dict, zone: tzinfo | None) -> str | None:
    """The words of a change request's timeline entry; None for other kinds."""
    if kind == "change_requested":
        text = QCoreApplication.translate("ChangeWords", "{0}, asked by {1}: {2}").format(
            labels.change_kind(str(detail.get("change_kind", ""))), labels.party(str(detail.get("party", ""))),
            with_reason(str(detail.get("reason", "")), str(detail.get("reason_code") or "")))
        moved = move_of(zone, detail.get("before"), detail.get("proposed")) if zone is not None else ""
        return text + ("\n" + moved if moved else "")
    if kind in ("change_step", "change_rejected"):
        verdict = labels.verdict(str(detail.get("verdict", "rejected")))
        comment = str(detail.get("comment") or "")
        step = step_name(str(detail.get("step_kind") or ""), str(detail.get("step_role") or ""))
        text = (QCoreApplication.translate("ChangeWords", "{0}: {1}").format(step, verdict) if step
                else QCoreApplication.translate("ChangeWords", "Step {0}: {1}").format(detail.get("step", ""), verdict))
        if detail.get("by_mail"):
            text += by_mail()
        return text + (f" — {comment}" if comment else "")
    if kind == "mail_decision_refused":
        return QCoreApplication.translate("ChangeWords", "Not applied: {0}").format(refusal(str(detail.get("reason") or "")))
    return None
