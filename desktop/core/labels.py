"""Words for the values core stores as codes: roles, genders, education levels, stages, states.
Used by the UI and the command line alike; imports no Qt.

Source texts are marked with QT_TRANSLATE_NOOP (so lupdate collects them) and translated when
asked for; a code this program does not know (a newer database may add values) is shown as is."""

from __future__ import annotations

import sys


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:   # noqa: N802 (the name lupdate looks for)
    """Marks a source text for lupdate; the text is translated when shown."""
    return text


def translate(context: str, text: str) -> str:
    """The text in the user's language when Qt's translator is running (the app, the command line),
    else the English source: this module imports no Qt, so headless code can word codes too."""
    qtcore = sys.modules.get("PySide6.QtCore")
    return qtcore.QCoreApplication.translate(context, text) if qtcore is not None else text


_ROLES = {
    "admin": QT_TRANSLATE_NOOP("Labels", "Administrator"),
    "hr_officer": QT_TRANSLATE_NOOP("Labels", "HR officer"),
    "interviewer": QT_TRANSLATE_NOOP("Labels", "Interviewer"),
    "dept_leader": QT_TRANSLATE_NOOP("Labels", "Department leader"),
    "personnel_office": QT_TRANSLATE_NOOP("Labels", "Personnel office"),
    "director": QT_TRANSLATE_NOOP("Labels", "Supervising leader"),
    "reception": QT_TRANSLATE_NOOP("Labels", "Reception"),
}
_GENDERS = {
    "female": QT_TRANSLATE_NOOP("Labels", "Female"),
    "male": QT_TRANSLATE_NOOP("Labels", "Male"),
    "unspecified": QT_TRANSLATE_NOOP("Labels", "Not specified"),
}
_EDUCATIONS = {
    "none": QT_TRANSLATE_NOOP("Labels", "None"),
    "secondary": QT_TRANSLATE_NOOP("Labels", "High school / vocational"),
    "associate": QT_TRANSLATE_NOOP("Labels", "Junior college"),
    "bachelor": QT_TRANSLATE_NOOP("Labels", "Bachelor"),
    "master": QT_TRANSLATE_NOOP("Labels", "Master"),
    "doctorate": QT_TRANSLATE_NOOP("Labels", "Doctorate"),
}
_STAGES = {
    "applied": QT_TRANSLATE_NOOP("Labels", "Applied"),
    "screening": QT_TRANSLATE_NOOP("Labels", "Screening"),
    "interviewing": QT_TRANSLATE_NOOP("Labels", "Interviewing"),
    "on_hold": QT_TRANSLATE_NOOP("Labels", "On hold"),
    "offer": QT_TRANSLATE_NOOP("Labels", "Offer"),
    "hired": QT_TRANSLATE_NOOP("Labels", "Hired"),
    "rejected": QT_TRANSLATE_NOOP("Labels", "Not hired"),
    "withdrawn": QT_TRANSLATE_NOOP("Labels", "Withdrawn"),
}
_APPLICATION_EVENTS = {
    "applied": QT_TRANSLATE_NOOP("Labels", "Application made"),
    "stage_changed": QT_TRANSLATE_NOOP("Labels", "Stage changed"),
    "reopened": QT_TRANSLATE_NOOP("Labels", "Reopened"),
    "contract_issued": QT_TRANSLATE_NOOP("Labels", "Labour contract issued"),
    "contract_signed": QT_TRANSLATE_NOOP("Labels", "Labour contract signed by the candidate"),
    "offer_drafted": QT_TRANSLATE_NOOP("Labels", "Offer drafted"),
    "offer_edited": QT_TRANSLATE_NOOP("Labels", "Offer edited"),
    "offer_submitted": QT_TRANSLATE_NOOP("Labels", "Offer submitted for approval"),
    "offer_step": QT_TRANSLATE_NOOP("Labels", "Offer approval step decided"),
    "offer_approved": QT_TRANSLATE_NOOP("Labels", "Offer approved"),
    "offer_sent": QT_TRANSLATE_NOOP("Labels", "Offer sent to the candidate"),
    "offer_accepted": QT_TRANSLATE_NOOP("Labels", "Offer accepted"),
    "offer_declined": QT_TRANSLATE_NOOP("Labels", "Offer declined"),
    "offer_withdrawn": QT_TRANSLATE_NOOP("Labels", "Offer withdrawn"),
    "offer_expired": QT_TRANSLATE_NOOP("Labels", "Offer expired"),
}
_POSITION_STATUSES = {
    "open": QT_TRANSLATE_NOOP("Labels", "Open"),
    "paused": QT_TRANSLATE_NOOP("Labels", "Paused"),
    "closed": QT_TRANSLATE_NOOP("Labels", "Closed"),
}
_ROUND_KINDS = {
    "hr": QT_TRANSLATE_NOOP("Labels", "HR"),
    "business": QT_TRANSLATE_NOOP("Labels", "Business"),
    "leadership": QT_TRANSLATE_NOOP("Labels", "Leadership"),
}
_INTERVIEW_STATUSES = {
    "scheduled": QT_TRANSLATE_NOOP("Labels", "Scheduled"),
    "pending_approval": QT_TRANSLATE_NOOP("Labels", "Awaiting approval"),
    "confirmed": QT_TRANSLATE_NOOP("Labels", "Confirmed"),
    "in_progress": QT_TRANSLATE_NOOP("Labels", "In progress"),
    "finished": QT_TRANSLATE_NOOP("Labels", "Finished"),
    "cancelled": QT_TRANSLATE_NOOP("Labels", "Cancelled"),
    "no_show": QT_TRANSLATE_NOOP("Labels", "No-show"),
}
_INTERVIEW_MODES = {
    "onsite": QT_TRANSLATE_NOOP("Labels", "On site"),
    "video": QT_TRANSLATE_NOOP("Labels", "Video"),
}
_CHANGE_KINDS = {
    "reschedule": QT_TRANSLATE_NOOP("Labels", "New time"),
    "room": QT_TRANSLATE_NOOP("Labels", "Room change"),
    "swap_interviewer": QT_TRANSLATE_NOOP("Labels", "Interviewer change"),
    "cancel": QT_TRANSLATE_NOOP("Labels", "Cancellation"),
    "offer": QT_TRANSLATE_NOOP("Labels", "Offer (before it goes out)"),   # chains named for offers only
}
_PARTIES = {
    "candidate": QT_TRANSLATE_NOOP("Labels", "Candidate"),
    "interviewer": QT_TRANSLATE_NOOP("Labels", "Interviewer"),
    "hr": QT_TRANSLATE_NOOP("Labels", "HR office"),
}
_CHANGE_STATUSES = {
    "pending": QT_TRANSLATE_NOOP("Labels", "Pending"),
    "approved": QT_TRANSLATE_NOOP("Labels", "Approved"),
    "rejected": QT_TRANSLATE_NOOP("Labels", "Rejected"),
    "applied": QT_TRANSLATE_NOOP("Labels", "In effect"),
    "withdrawn": QT_TRANSLATE_NOOP("Labels", "Withdrawn"),
}
_OUTBOX_STATES = {
    "pending": QT_TRANSLATE_NOOP("Labels", "Waiting"),
    "in_progress": QT_TRANSLATE_NOOP("Labels", "Sending"),
    "sent": QT_TRANSLATE_NOOP("Labels", "Sent"),
    "failed": QT_TRANSLATE_NOOP("Labels", "Failed"),
    "cancelled": QT_TRANSLATE_NOOP("Labels", "Cancelled"),
}
_CHANNELS = {
    "email": QT_TRANSLATE_NOOP("Labels", "E-mail"),
    "sms": QT_TRANSLATE_NOOP("Labels", "SMS"),
    "exchange": QT_TRANSLATE_NOOP("Labels", "Exchange"),
    "calendar": QT_TRANSLATE_NOOP("Labels", "Interviewer calendar"),
    "oa": QT_TRANSLATE_NOOP("Labels", "OA system"),
    "desktop": QT_TRANSLATE_NOOP("Labels", "Desktop notice"),
    "board": QT_TRANSLATE_NOOP("Labels", "Room board"),
    "phone": QT_TRANSLATE_NOOP("Labels", "Phone"),
    "ical": QT_TRANSLATE_NOOP("Labels", "Calendar file"),
    "app": QT_TRANSLATE_NOOP("Labels", "App"),
    "in_person": QT_TRANSLATE_NOOP("Labels", "In person"),
}
_ALERT_KINDS = {
    "late": QT_TRANSLATE_NOOP("Labels", "Candidate late"),
    "no_show": QT_TRANSLATE_NOOP("Labels", "No-show"),
    "confirmation_overdue": QT_TRANSLATE_NOOP("Labels", "Confirmation overdue"),
    "approval_overdue": QT_TRANSLATE_NOOP("Labels", "Approval overdue"),
    "calendar_failed": QT_TRANSLATE_NOOP("Labels", "Calendar update failed"),
    "question_overdue": QT_TRANSLATE_NOOP("Labels", "Question reply overdue"),
    "question_reminder": QT_TRANSLATE_NOOP("Labels", "Question awaits your answer"),
    "no_show_suggested": QT_TRANSLATE_NOOP("Labels", "Not arrived 30 minutes after the start"),
    "unconfirmed_soon": QT_TRANSLATE_NOOP("Labels", "Starts soon, not confirmed"),
    "candidate_declined": QT_TRANSLATE_NOOP("Labels", "Candidate declined the invitation"),
    "interviewer_declined": QT_TRANSLATE_NOOP("Labels", "Interviewer declined in Outlook"),
    "meeting_changed_in_outlook": QT_TRANSLATE_NOOP("Labels", "Meeting moved or deleted in Outlook"),
    "room_planned_end": QT_TRANSLATE_NOOP("Labels", "The interview has reached its planned duration"),
    "propose_next_round": QT_TRANSLATE_NOOP("Labels", "Passed: book the next round"),
    "offer_step_open": QT_TRANSLATE_NOOP("Labels", "Passed the last round: the offer step is open"),
    "feedback_summary_due": QT_TRANSLATE_NOOP("Labels", "Decided: write and approve the candidate's feedback summary"),
    "scorecard_reminder": QT_TRANSLATE_NOOP("Labels", "Your scorecard is due soon"),
    "scorecard_overdue": QT_TRANSLATE_NOOP("Labels", "Scorecard overdue"),
    "room_overtime": QT_TRANSLATE_NOOP("Labels", "The interview is 10 minutes over time, please wrap up"),
    "low_match": QT_TRANSLATE_NOOP("Labels", "Low match with the position"),
    "inbound_message": QT_TRANSLATE_NOOP("Labels", "Text message to read"),
    "offer_reply_due": QT_TRANSLATE_NOOP("Labels", "Offer unanswered, reply deadline within 24 hours"),
    "offer_step_overdue": QT_TRANSLATE_NOOP("Labels", "Offer approval step past its deadline"),
    "offer_answer_refused": QT_TRANSLATE_NOOP("Labels", "Offer answer not taken (too late or no place left)"),
    "offer_answer_unclear": QT_TRANSLATE_NOOP("Labels", "Reply about the offer is no clear answer: read it"),
    "privacy_request_overdue": QT_TRANSLATE_NOOP("Labels", "Personal-data request past its deadline"),
}
_TASK_KINDS = {    # follow-up tasks the reminder engine hands to HR (a task may also carry free text)
    "call_unconfirmed": QT_TRANSLATE_NOOP("Labels", "Not confirmed in time, call the candidate"),
}
_LIVE_STATES = {   # what the schedule, Today and the room board show, see scheduling.views.live_state
    "unconfirmed": QT_TRANSLATE_NOOP("Labels", "Unconfirmed"),
    "confirmed": QT_TRANSLATE_NOOP("Labels", "Confirmed"),
    "pending_approval": QT_TRANSLATE_NOOP("Labels", "Awaiting approval"),
    "arrived": QT_TRANSLATE_NOOP("Labels", "Checked in"),
    "late": QT_TRANSLATE_NOOP("Labels", "Late"),
    "in_progress": QT_TRANSLATE_NOOP("Labels", "In progress"),
    "done": QT_TRANSLATE_NOOP("Labels", "Finished"),
    "cancelled": QT_TRANSLATE_NOOP("Labels", "Cancelled"),
    "no_show": QT_TRANSLATE_NOOP("Labels", "Did not come"),
}
_TIMELINE_EVENTS = {
    "invited": QT_TRANSLATE_NOOP("Labels", "Invitation sent"),
    "confirmed": QT_TRANSLATE_NOOP("Labels", "Candidate confirmed"),
    "candidate_declined": QT_TRANSLATE_NOOP("Labels", "Candidate declined"),
    "candidate_tentative": QT_TRANSLATE_NOOP("Labels", "Candidate tentatively accepted"),
    "confirmation_overdue": QT_TRANSLATE_NOOP("Labels", "Confirmation deadline passed"),
    "change_requested": QT_TRANSLATE_NOOP("Labels", "Change requested"),
    "change_step": QT_TRANSLATE_NOOP("Labels", "Approval step decided"),
    "change_approved": QT_TRANSLATE_NOOP("Labels", "Change approved"),
    "change_rejected": QT_TRANSLATE_NOOP("Labels", "Change rejected"),
    "change_applied": QT_TRANSLATE_NOOP("Labels", "Change in effect"),
    "change_escalated": QT_TRANSLATE_NOOP("Labels", "Approval overdue, escalated"),
    "mail_decision_refused": QT_TRANSLATE_NOOP("Labels", "Decision by mail refused"),
    "reminder_sent": QT_TRANSLATE_NOOP("Labels", "Reminder sent"),
    "interviewer_saw": QT_TRANSLATE_NOOP("Labels", "Interviewer saw it"),
    "interviewer_accepted": QT_TRANSLATE_NOOP("Labels", "Interviewer accepted"),
    "interviewer_declined": QT_TRANSLATE_NOOP("Labels", "Interviewer declined"),
    "interviewer_tentative": QT_TRANSLATE_NOOP("Labels", "Interviewer tentatively accepted"),
    "checked_in": QT_TRANSLATE_NOOP("Labels", "Checked in"),
    "check_in_undone": QT_TRANSLATE_NOOP("Labels", "Check-in undone"),
    "late": QT_TRANSLATE_NOOP("Labels", "Candidate late"),
    "no_show": QT_TRANSLATE_NOOP("Labels", "Marked as no-show"),
    "cancelled": QT_TRANSLATE_NOOP("Labels", "Interview cancelled"),
    "started": QT_TRANSLATE_NOOP("Labels", "Interview started"),
    "finished": QT_TRANSLATE_NOOP("Labels", "Interview finished"),
    "overtime": QT_TRANSLATE_NOOP("Labels", "Interview ran over time"),
    "conflict_overridden": QT_TRANSLATE_NOOP("Labels", "Conflict overridden with a reason"),
    "candidate_replied": QT_TRANSLATE_NOOP("Labels", "Candidate replied"),
    "thanked": QT_TRANSLATE_NOOP("Labels", "Thank-you and survey sent"),
    "survey_answered": QT_TRANSLATE_NOOP("Labels", "Survey answered"),
    "survey_unclear": QT_TRANSLATE_NOOP("Labels", "Survey answer unclear"),
    "progress_answered": QT_TRANSLATE_NOOP("Labels", "Progress query answered"),
    "meeting_moved_in_outlook": QT_TRANSLATE_NOOP("Labels", "Meeting moved in Outlook"),
    "meeting_deleted_in_outlook": QT_TRANSLATE_NOOP("Labels", "Meeting deleted in Outlook"),
    "match_alert": QT_TRANSLATE_NOOP("Labels", "Low match: HR and the panel warned"),
    "question_asked": QT_TRANSLATE_NOOP("Labels", "Candidate asked a question"),
    "question_reminded": QT_TRANSLATE_NOOP("Labels", "Question owner reminded"),
    "question_escalated": QT_TRANSLATE_NOOP("Labels", "Question overdue, escalated"),
    "question_answered": QT_TRANSLATE_NOOP("Labels", "Question answered"),
    "question_reassigned": QT_TRANSLATE_NOOP("Labels", "Question handed to someone else"),
    "decision_reopened": QT_TRANSLATE_NOOP("Labels", "Decision reopened (a scorecard reopened)"),
}
_STEP_KINDS = {
    "approve": QT_TRANSLATE_NOOP("Labels", "Approval"),
    "file": QT_TRANSLATE_NOOP("Labels", "Filing"),
    "confirm": QT_TRANSLATE_NOOP("Labels", "Confirmation"),
}
_VERDICTS = {
    "approved": QT_TRANSLATE_NOOP("Labels", "Agreed"),
    "rejected": QT_TRANSLATE_NOOP("Labels", "Sent back"),
    "filed": QT_TRANSLATE_NOOP("Labels", "Filed"),
    "confirmed": QT_TRANSLATE_NOOP("Labels", "Confirmed"),
}
_RESPONSES = {
    "none": QT_TRANSLATE_NOOP("Labels", "No answer"),
    "accepted": QT_TRANSLATE_NOOP("Labels", "Accepted"),
    "tentative": QT_TRANSLATE_NOOP("Labels", "Tentative"),
    "declined": QT_TRANSLATE_NOOP("Labels", "Declined"),
}
_PARTICIPANT_ROLES = {
    "interviewer": QT_TRANSLATE_NOOP("Labels", "Interviewer"),
    "observer": QT_TRANSLATE_NOOP("Labels", "Observer"),
}
_RISK_REASONS = {   # {0}: how many times
    "previous_no_shows": QT_TRANSLATE_NOOP("Labels", "did not come {0} time(s) before"),
    "previous_late": QT_TRANSLATE_NOOP("Labels", "came late {0} time(s) before"),
    "reschedules": QT_TRANSLATE_NOOP("Labels", "asked to reschedule {0} time(s)"),
    "unconfirmed_overdue": QT_TRANSLATE_NOOP("Labels", "has not confirmed, the deadline has passed"),
    "unconfirmed": QT_TRANSLATE_NOOP("Labels", "has not confirmed yet"),
    "long_lead": QT_TRANSLATE_NOOP("Labels", "booked more than 14 days ahead"),
    "short_lead": QT_TRANSLATE_NOOP("Labels", "booked less than 24 hours ahead"),
    "edge_of_day": QT_TRANSLATE_NOOP("Labels", "starts early in the morning or late in the afternoon"),
}
_OUTBOX_KINDS = {
    "create": QT_TRANSLATE_NOOP("Labels", "Calendar: new"),
    "update": QT_TRANSLATE_NOOP("Labels", "Calendar: update"),
    "cancel": QT_TRANSLATE_NOOP("Labels", "Calendar: cancel"),
    "invitation": QT_TRANSLATE_NOOP("Labels", "Invitation"),
    "change_notice": QT_TRANSLATE_NOOP("Labels", "Change notice"),
    "cancellation": QT_TRANSLATE_NOOP("Labels", "Cancellation notice"),
    "reminder_day_before": QT_TRANSLATE_NOOP("Labels", "Reminder the day before"),
    "interviewer_assignment": QT_TRANSLATE_NOOP("Labels", "Interviewer assigned"),
    "interviewer_change": QT_TRANSLATE_NOOP("Labels", "Interviewer: change"),
    "approval_request": QT_TRANSLATE_NOOP("Labels", "Approval request"),
    "approval_result": QT_TRANSLATE_NOOP("Labels", "Approval result"),
    "late_alert": QT_TRANSLATE_NOOP("Labels", "Late alert"),
    "confirmation_overdue": QT_TRANSLATE_NOOP("Labels", "Confirmation overdue"),
    "audit_anchor": QT_TRANSLATE_NOOP("Labels", "Audit log anchor"),
    "match_alert": QT_TRANSLATE_NOOP("Labels", "Low match alert"),
    "thank_you": QT_TRANSLATE_NOOP("Labels", "Thank-you and survey"),
    "survey_thanks": QT_TRANSLATE_NOOP("Labels", "Survey received"),
    "survey_clarify": QT_TRANSLATE_NOOP("Labels", "Survey: please answer again"),
    "progress_answer": QT_TRANSLATE_NOOP("Labels", "Progress answer"),
    "question_answer": QT_TRANSLATE_NOOP("Labels", "Answer to a question"),
    "privacy_access": QT_TRANSLATE_NOOP("Labels", "Answer: access to personal data"),
    "privacy_correct": QT_TRANSLATE_NOOP("Labels", "Answer: correction of personal data"),
    "privacy_delete": QT_TRANSLATE_NOOP("Labels", "Answer: personal data deleted"),
    "privacy_retained": QT_TRANSLATE_NOOP("Labels", "Answer: deletion, kept and restricted"),
    "privacy_restrict": QT_TRANSLATE_NOOP("Labels", "Answer: processing restricted"),
    "privacy_withdraw": QT_TRANSLATE_NOOP("Labels", "Answer: consent withdrawn"),
    "privacy_refused": QT_TRANSLATE_NOOP("Labels", "Answer: personal-data request refused"),
    "question_reminder": QT_TRANSLATE_NOOP("Labels", "Question reminder"),
    "question_escalated": QT_TRANSLATE_NOOP("Labels", "Question overdue"),
    "result_pass": QT_TRANSLATE_NOOP("Labels", "Result: passed"),
    "result_regret": QT_TRANSLATE_NOOP("Labels", "Result: not this time"),
    "offer_late": QT_TRANSLATE_NOOP("Labels", "Offer answer too late"),
    "scorecard_reminder": QT_TRANSLATE_NOOP("Labels", "Scorecard reminder"),
    "scorecard_overdue": QT_TRANSLATE_NOOP("Labels", "Scorecard overdue"),
}
_QUESTION_TOPICS = {
    "pay": QT_TRANSLATE_NOOP("Labels", "Pay and benefits"),
    "growth": QT_TRANSLATE_NOOP("Labels", "Promotion and development"),
    "team": QT_TRANSLATE_NOOP("Labels", "Team and duties"),
    "arrangement": QT_TRANSLATE_NOOP("Labels", "Working arrangements"),
    "other": QT_TRANSLATE_NOOP("Labels", "Other"),
}
_QUESTION_SOURCES = {
    "room": QT_TRANSLATE_NOOP("Labels", "In the room"),
    "kiosk": QT_TRANSLATE_NOOP("Labels", "Candidate form"),
    "email": QT_TRANSLATE_NOOP("Labels", "E-mail reply"),
    "sms": QT_TRANSLATE_NOOP("Labels", "SMS reply"),
}
_SEPARATOR = QT_TRANSLATE_NOOP("Labels", ", ")   # between items of a list shown in one line
_LABELLED = QT_TRANSLATE_NOOP("Labels", "{0}: {1}")      # a label and its text (： in Chinese)
_WITH_NOTE = QT_TRANSLATE_NOOP("Labels", "{0} ({1})")    # a name and a note about it (（） in Chinese)
_YES_NO = (QT_TRANSLATE_NOOP("Labels", "No"), QT_TRANSLATE_NOOP("Labels", "Yes"))
# 岗位类别 of a position (desktop/core/offer_templates.py POST_TYPES): chooses the offer template
_POST_TYPES = {
    "management": QT_TRANSLATE_NOOP("Labels", "Management post"),
    "professional": QT_TRANSLATE_NOOP("Labels", "Professional and technical post"),
    "skilled": QT_TRANSLATE_NOOP("Labels", "Skilled worker post"),
}

ROLES = tuple(_ROLES)
GENDERS = tuple(_GENDERS)
EDUCATIONS = tuple(_EDUCATIONS)
STAGES = tuple(_STAGES)
POSITION_STATUSES = tuple(_POSITION_STATUSES)
POST_TYPES = tuple(_POST_TYPES)
CHANGE_STATUSES = tuple(_CHANGE_STATUSES)
OUTBOX_STATES = tuple(_OUTBOX_STATES)
OUTBOX_CHANNELS = ("calendar", "email", "sms", "oa")
LIVE_STATES = tuple(_LIVE_STATES)
CHANGE_KINDS = tuple(_CHANGE_KINDS)
PARTIES = tuple(_PARTIES)
STEP_KINDS = tuple(_STEP_KINDS)


def _word(table: dict[str, str], code: str) -> str:
    source = table.get(code)
    return translate("Labels", source) if source else code


def role(code: str) -> str:
    return _word(_ROLES, code)


def gender(code: str) -> str:
    return _word(_GENDERS, code)


def education(code: str) -> str:
    return _word(_EDUCATIONS, code)


def post_type(code: str) -> str:
    """A position's post type; "" (not set) is worded by the caller."""
    return _word(_POST_TYPES, code)


def stage(code: str) -> str:
    return _word(_STAGES, code)


def application_event(code: str) -> str:
    return _word(_APPLICATION_EVENTS, code)


def position_status(code: str) -> str:
    return _word(_POSITION_STATUSES, code)


def round_kind(code: str) -> str:
    return _word(_ROUND_KINDS, code)


def interview_status(code: str) -> str:
    return _word(_INTERVIEW_STATUSES, code)


def interview_mode(code: str) -> str:
    return _word(_INTERVIEW_MODES, code)


def change_kind(code: str) -> str:
    return _word(_CHANGE_KINDS, code)


def party(code: str) -> str:
    return _word(_PARTIES, code)


def change_status(code: str) -> str:
    return _word(_CHANGE_STATUSES, code)


def outbox_state(code: str) -> str:
    return _word(_OUTBOX_STATES, code)


def channel(code: str) -> str:
    return _word(_CHANNELS, code)


def alert_kind(code: str) -> str:
    return _word(_ALERT_KINDS, code)


def task_title(code: str) -> str:
    return _word(_TASK_KINDS, code)


def live_state(code: str) -> str:
    return _word(_LIVE_STATES, code)


def timeline_event(code: str) -> str:
    return _word(_TIMELINE_EVENTS, code)


def step_kind(code: str) -> str:
    return _word(_STEP_KINDS, code)


def verdict(code: str) -> str:
    return _word(_VERDICTS, code)


def response(code: str) -> str:
    return _word(_RESPONSES, code)


def participant_role(code: str) -> str:
    return _word(_PARTICIPANT_ROLES, code)


def risk_reason(code: str, count: int = 0) -> str:
    return _word(_RISK_REASONS, code).replace("{0}", str(count))


def outbox_kind(code: str) -> str:
    return _word(_OUTBOX_KINDS, code)


QUESTION_TOPICS = tuple(_QUESTION_TOPICS)


def question_topic(code: str) -> str:
    return _word(_QUESTION_TOPICS, code)


def question_source(code: str) -> str:
    return _word(_QUESTION_SOURCES, code)


def labelled(label: str, text: str) -> str:
    """"Label: text" with the colon of the user's language."""
    return translate("Labels", _LABELLED).format(label, text)


def with_note(text: str, note: str) -> str:
    """"Name (note)" with the brackets of the user's language."""
    return translate("Labels", _WITH_NOTE).format(text, note)


def joined(items) -> str:
    """Items in one line, separated the way the language does it (、 in Chinese)."""
    return translate("Labels", _SEPARATOR).join(items)


def yes_no(value: bool) -> str:
    return translate("Labels", _YES_NO[bool(value)])


# --- personal-data requests (desktop/core/lifecycle/requests.py) ------------------------------------

_PRIVACY_KINDS = {
    "access": QT_TRANSLATE_NOOP("Labels", "Access and copy"),
    "correct": QT_TRANSLATE_NOOP("Labels", "Correction"),
    "delete": QT_TRANSLATE_NOOP("Labels", "Deletion"),
    "restrict": QT_TRANSLATE_NOOP("Labels", "Restriction of processing"),
    "withdraw_consent": QT_TRANSLATE_NOOP("Labels", "Withdrawal of consent"),
}
_PRIVACY_STATES = {
    "open": QT_TRANSLATE_NOOP("Labels", "Not started"),
    "in_progress": QT_TRANSLATE_NOOP("Labels", "In progress"),
    "answered": QT_TRANSLATE_NOOP("Labels", "Answered"),
    "closed": QT_TRANSLATE_NOOP("Labels", "Closed"),
}
_PRIVACY_OUTCOMES = {
    "access": QT_TRANSLATE_NOOP("Labels", "Copy provided"),
    "corrected": QT_TRANSLATE_NOOP("Labels", "Corrected"),
    "anonymised": QT_TRANSLATE_NOOP("Labels", "Anonymised"),
    "retained": QT_TRANSLATE_NOOP("Labels", "Kept (retention), processing restricted"),
    "restricted": QT_TRANSLATE_NOOP("Labels", "Processing restricted"),
    "consent_withdrawn": QT_TRANSLATE_NOOP("Labels", "Left the talent pool"),
    "refused": QT_TRANSLATE_NOOP("Labels", "Refused"),
    "withdrawn": QT_TRANSLATE_NOOP("Labels", "Closed without answer"),
}
_RECEIVED_VIA = {
    "letter": QT_TRANSLATE_NOOP("Labels", "Letter"),
    "email": QT_TRANSLATE_NOOP("Labels", "E-mail"),
    "sms": QT_TRANSLATE_NOOP("Labels", "Text message"),
    "phone": QT_TRANSLATE_NOOP("Labels", "Phone call"),
    "in_person": QT_TRANSLATE_NOOP("Labels", "In person"),
}


def privacy_kind(code: str) -> str:
    return _word(_PRIVACY_KINDS, code)


def privacy_state(code: str) -> str:
    return _word(_PRIVACY_STATES, code)


def privacy_outcome(code: str) -> str:
    return _word(_PRIVACY_OUTCOMES, code)


def received_via(code: str) -> str:
    return _word(_RECEIVED_VIA, code)
