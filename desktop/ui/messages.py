"""The one place where core's typed errors and validation problems become words for people.

Used by the windows and by the command line. Texts are English in the source and translated
through Qt's translation files (resources/i18n); Simplified Chinese is the default language.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.core import errors
from desktop.core.failures import typed_failure
from desktop.core.interview_room import RoomRefused
from desktop.core.notifications.templates import TemplateInvalid
from desktop.core.validation import MAX_LENGTH
from desktop.core.scheduling.calendar_files import HOLIDAY_YEARS, MAX_HOLIDAY_DAYS, MAX_HOLIDAY_EVENT_DAYS


_REQUIREMENT_PARTS = {   # the columns of a position's requirements table (desktop/ui/positions/requirements.py)
    "kind": QT_TRANSLATE_NOOP("Messages", "kind"), "label": QT_TRANSLATE_NOOP("Messages", "name"),
    "value": QT_TRANSLATE_NOOP("Messages", "what is required"), "weight": QT_TRANSLATE_NOOP("Messages", "weight"),
}


def field_label(name: str) -> str:
    labels = {
        "name": QCoreApplication.translate("Messages", "Name"), "gender": QCoreApplication.translate("Messages", "Gender"), "phone": QCoreApplication.translate("Messages", "Phone"), "email": QCoreApplication.translate("Messages", "E-mail"),
        "id_number": QCoreApplication.translate("Messages", "ID number"), "birth_date": QCoreApplication.translate("Messages", "Date of birth"), "education": QCoreApplication.translate("Messages", "Education"),
        "school": QCoreApplication.translate("Messages", "School"), "major": QCoreApplication.translate("Messages", "Major"), "years_experience": QCoreApplication.translate("Messages", "Years of experience"),
        "source_channel": QCoreApplication.translate("Messages", "Source"), "department_id": QCoreApplication.translate("Messages", "Department"), "code": QCoreApplication.translate("Messages", "Code"),
        "title": QCoreApplication.translate("Messages", "Title"), "headcount": QCoreApplication.translate("Messages", "Headcount"), "min_years": QCoreApplication.translate("Messages", "Minimum years"),
        "status": QCoreApplication.translate("Messages", "Status"), "closes_on": QCoreApplication.translate("Messages", "Closing date"), "username": QCoreApplication.translate("Messages", "User name"),
        "display_name": QCoreApplication.translate("Messages", "Display name"), "roles": QCoreApplication.translate("Messages", "Roles"), "password": QCoreApplication.translate("Messages", "Password"),
        "applications": QCoreApplication.translate("Messages", "Applications"), "edit_form": QCoreApplication.translate("Messages", "Personal fields"),
        "password_again": QCoreApplication.translate("Messages", "Password again"), "opened_on": QCoreApplication.translate("Messages", "Opening date"),
        "skills": QCoreApplication.translate("Messages", "Skills"), "description": QCoreApplication.translate("Messages", "Description"),
        "starts_at": QCoreApplication.translate("Messages", "Time"),
        "duration_minutes": QCoreApplication.translate("Messages", "Duration"),
        "interviewer_ids": QCoreApplication.translate("Messages", "Interviewers"),
        "observer_ids": QCoreApplication.translate("Messages", "Observers"),
        "room_id": QCoreApplication.translate("Messages", "Room"),
        "video_link": QCoreApplication.translate("Messages", "Video link"),
        "reason": QCoreApplication.translate("Messages", "Reason"),
        "reason_code": QCoreApplication.translate("Messages", "Why"),
        "comment": QCoreApplication.translate("Messages", "Comment"),
        "kind": QCoreApplication.translate("Messages", "Change"),
        "round_id": QCoreApplication.translate("Messages", "Round"),
        "application_id": QCoreApplication.translate("Messages", "Application"),
        "verdict": QCoreApplication.translate("Messages", "Decision"),
        "delegate_id": QCoreApplication.translate("Messages", "Delegate"),
        "ends_at": QCoreApplication.translate("Messages", "Until"),
        "change_kind": QCoreApplication.translate("Messages", "Kind of change"),
        "override_reason": QCoreApplication.translate("Messages", "Reason for overriding"),
        "candidate_id": QCoreApplication.translate("Messages", "Candidate"),
        "position_id": QCoreApplication.translate("Messages", "Position"),
        "stage": QCoreApplication.translate("Messages", "Stage"),
        "source": QCoreApplication.translate("Messages", "Source"),
        "booked": QCoreApplication.translate("Messages", "Booked interviews"),
        "experience": QCoreApplication.translate("Messages", "Experience"),
        "resume_summary": QCoreApplication.translate("Messages", "Résumé summary"),
        "note": QCoreApplication.translate("Messages", "Note"),
        "next_step": QCoreApplication.translate("Messages", "Next step"),
        "overtime_reason": QCoreApplication.translate("Messages", "Reason for running over"),
        "certificates": QCoreApplication.translate("Messages", "Certificates"),
        "profile_extra": QCoreApplication.translate("Messages", "Further profile fields"),
        "requirements": QCoreApplication.translate("Messages", "Requirements"),
        "question": QCoreApplication.translate("Messages", "Question"),
        "questions": QCoreApplication.translate("Messages", "Questions"),
        "answer": QCoreApplication.translate("Messages", "Answer"),
        "topic": QCoreApplication.translate("Messages", "Topic"),
        "owner_id": QCoreApplication.translate("Messages", "Owner"),
        "interview_id": QCoreApplication.translate("Messages", "Interview"),
        "recommendation": QCoreApplication.translate("Messages", "Overall recommendation"),
        "remarks": QCoreApplication.translate("Messages", "Remarks"),
        "pay": QCoreApplication.translate("Messages", "Salary structure"),
        "start_date": QCoreApplication.translate("Messages", "Start date"),
        "probation_months": QCoreApplication.translate("Messages", "Probation"),
        "work_place": QCoreApplication.translate("Messages", "Work place"),
        "reply_by": QCoreApplication.translate("Messages", "Reply by"),
        "file": QCoreApplication.translate("Messages", "File"),
        "job_content": QCoreApplication.translate("Messages", "Job content"),
        "employee_address": QCoreApplication.translate("Messages", "Employee's address"),
        "starts_on": QCoreApplication.translate("Messages", "Starts on"),
        "ends_on": QCoreApplication.translate("Messages", "Ends on"),
    }
    if name.startswith("scores.") and name[7:].isdigit():
        return QCoreApplication.translate("Messages", "Score of criterion {0}").format(name[7:])
    for room_field, text in (("duration_minutes", QCoreApplication.translate("Messages", "Planned minutes of round {0}")),
                             ("min_questions", QCoreApplication.translate("Messages", "Questions of round {0}")),
                             ("closing_checklist", QCoreApplication.translate("Messages", "Checklist of round {0}"))):
        if name.startswith(room_field) and name[len(room_field):].isdigit():
            return text.format(name[len(room_field):])
    if name.startswith("question") and name[8:].isdigit():
        return QCoreApplication.translate("Messages", "Question {0}").format(name[8:])
    if name.startswith("day") and name[3:].isdigit():
        return QCoreApplication.translate("Messages", "Name of day {0}").format(int(name[3:]) + 1)
    if name.startswith("step") and name[4:].isdigit():
        return QCoreApplication.translate("Messages", "Step {0}").format(name[4:])
    row, _, part = name.removeprefix("requirement").partition("_")
    if name.startswith("requirement") and row.isdigit() and part in _REQUIREMENT_PARTS:   # requirement3_value
        return QCoreApplication.translate("Messages", "Requirement {0}, {1}").format(
            row, QCoreApplication.translate("Messages", _REQUIREMENT_PARTS[part]))
    return labels.get(name, name)


def problem_text(code: str) -> str:
    texts = {
        "required": QCoreApplication.translate("Messages", "is required"),
        "too_long": QCoreApplication.translate("Messages", "is too long"),
        "range": QCoreApplication.translate("Messages", "is out of range"),
        "choice": QCoreApplication.translate("Messages", "is not one of the allowed choices"),
        "closed": QCoreApplication.translate("Messages", "is closed (hired, not hired or withdrawn); move it back to "
                                             "an open stage before booking"),
        "phone_chars": QCoreApplication.translate("Messages", "may only contain digits, spaces, dashes and a leading +86"),
        "phone_mobile": QCoreApplication.translate("Messages", "is not a valid mobile number (11 digits starting with 13–19); a landline needs its area code, e.g. 010-12345678 or 0571-8765432-123"),
        "phone_format": QCoreApplication.translate("Messages", "is not a valid phone number: give a mobile number (11 digits starting with 13–19) or a landline with area code, e.g. 010-12345678 or 0571-8765432-123"),
        "control_chars": QCoreApplication.translate("Messages", "contains control or invisible characters (such as line breaks, zero-width or direction marks)"),
        "bad_chars": QCoreApplication.translate("Messages", "contains broken characters that cannot be stored; please type it again"),
        "email_format": QCoreApplication.translate("Messages", "is not a valid e-mail address"),
        "id_length": QCoreApplication.translate("Messages", "must have 18 characters"),
        "id_chars": QCoreApplication.translate("Messages", "must be 17 digits followed by a digit or X"),
        "id_birth_date": QCoreApplication.translate("Messages", "contains an impossible date of birth"),
        "id_checksum": QCoreApplication.translate("Messages", "has a wrong check digit; please check the number again"),
        "code_format": QCoreApplication.translate("Messages", "may only contain letters, digits, - and _ (at most 32)"),
        "username_format": QCoreApplication.translate("Messages", "must not be empty or contain spaces"),
        "before_opening": QCoreApplication.translate("Messages", "is before the opening date"),
        "has_applications": QCoreApplication.translate("Messages", "exist; withdraw them before deleting the candidate"),
        "not_personal": QCoreApplication.translate("Messages", "is not a personal field"),
        "password_mismatch": QCoreApplication.translate("Messages", "does not match the first entry"),
        "naive_time": QCoreApplication.translate("Messages", "has no time zone"),
        "overlaps_interviewers": QCoreApplication.translate("Messages", "must not include the interviewers"),
        "link_format": QCoreApplication.translate("Messages", "must start with https:// or http://"),
        "nothing_changes": QCoreApplication.translate("Messages", "would not change anything"),
        "role_or_user": QCoreApplication.translate("Messages", "needs either a role or a named person (one of the two)"),
        "not_for_step": QCoreApplication.translate("Messages", "is not possible at this step"),
        "position_not_open": QCoreApplication.translate("Messages", "is not open for applications"),
        "restricted": QCoreApplication.translate("Messages", "has asked to restrict the processing of their data"),
        "unchanged": QCoreApplication.translate("Messages", "is already the current stage"),
        "too_many": QCoreApplication.translate("Messages", "are too many"),
        "out_of_range": QCoreApplication.translate("Messages", "is outside the allowed range"),
        "missing": QCoreApplication.translate("Messages", "has no score yet"),
        "past": QCoreApplication.translate("Messages", "is in the past"),
        "after_start": QCoreApplication.translate("Messages", "is after the start date"),
        "before_start": QCoreApplication.translate("Messages", "is not after the start"),
        "invalid": QCoreApplication.translate("Messages", "contains characters that cannot be stored, or is too long"),
        "unreadable": QCoreApplication.translate("Messages", "cannot be read; choose the file again"),
        "type": QCoreApplication.translate("Messages", "is not a PDF, PNG or JPEG file of the allowed kind"),
        "comment_required": QCoreApplication.translate("Messages", "needs a comment (a score of 3 or less, or 9 or "
                                                       "more)"),
    }
    return texts.get(code, code)


def check_in_text(error: errors.CheckInRefused) -> str:
    p = error.params
    text = {
        "other_day": QCoreApplication.translate("Messages", "Not checked in: the interview is not today. Check-in "
                                                "for it is possible on {0} from {1} to {2}."),
        "too_early": QCoreApplication.translate("Messages", "Not checked in: it is too early. Check-in for this "
                                                "interview is possible on {0} from {1} to {2}."),
    }.get(str(p.get("reason")), QCoreApplication.translate("Messages", "Not checked in: the check-in time is over. "
                                                           "Check-in for this interview was possible on {0} from {1} "
                                                           "to {2}."))
    return text.format(p.get("day", ""), p.get("opens", ""), p.get("closes", ""))


def room_text(error: RoomRefused) -> str:
    """The interview room refused an action (desktop/core/interview_room.py)."""
    p = error.params
    reason = p.get("reason")
    if reason == "not_today":
        return QCoreApplication.translate("Messages", "The interview can only be started on its day ({0}).").format(
            p.get("day", ""))
    if reason == "not_started":
        return QCoreApplication.translate("Messages", "The interview has not been started yet.")
    if reason == "ended":
        return QCoreApplication.translate("Messages", "The interview has already ended; nothing was changed.")
    if reason == "unticked":
        from desktop.core import labels
        return QCoreApplication.translate("Messages", "Closing items not ticked: {0}. Confirm to end anyway.").format(
            labels.joined(str(i) for i in p.get("items", [])))
    if reason == "overtime_reason":
        return QCoreApplication.translate("Messages", "The interview ran {0} minutes over; please give the reason "
                                          "before ending it.").format(p.get("minutes", ""))
    return QCoreApplication.translate("Messages", "This closing item no longer exists; the list was reloaded.")


def validation_text(error: errors.ValidationFailed) -> str:
    separator = QCoreApplication.translate("Messages", "{0}: {1}")
    lines = []
    for f, c in error.problems.items():
        text = problem_text(c)
        if c == "too_long" and f in MAX_LENGTH:
            text = QCoreApplication.translate("Messages", "is too long (at most {0} characters)").format(MAX_LENGTH[f])
        lines.append(separator.format(field_label(f), text))
    return "\n".join(lines)


def conflict_text(conflict, zone=None) -> str:
    """One conflict (scheduling.conflicts.Conflict) as a sentence; times in `zone` (office time)."""
    from zoneinfo import ZoneInfo

    kind = getattr(conflict.kind, "value", conflict.kind)
    subject = conflict.subject or ""
    when = ""
    if conflict.other_start is not None:
        when = conflict.other_start.astimezone(zone or ZoneInfo("Asia/Shanghai")).strftime("%m-%d %H:%M")
    texts = {
        "room_booked": QCoreApplication.translate("Messages", "Room {0} is already booked at this time (interview at {1})."),
        "in_past": QCoreApplication.translate("Messages", "The time has already passed."),
        "room_inactive": QCoreApplication.translate("Messages", "Room {0} is no longer in use."),
        "interviewer_busy": QCoreApplication.translate("Messages", "{0} already has an interview at this time (at {1})."),
        "interviewer_calendar_busy": QCoreApplication.translate("Messages", "{0}'s calendar shows them busy at this time."),
        "room_calendar_busy": QCoreApplication.translate("Messages", "Room {0}'s calendar shows it taken at this time."),
        "freebusy_unknown": QCoreApplication.translate("Messages", "The calendar of {0} could not be read, so it is not known whether they are free."),
        "candidate_booked": QCoreApplication.translate("Messages", "The candidate already has another interview at this time (at {1})."),
        "room_too_small": QCoreApplication.translate("Messages", "Room {0} does not seat everyone taking part."),
        "outside_hours": QCoreApplication.translate("Messages", "The time is outside working hours."),
        "holiday": QCoreApplication.translate("Messages", "The day is not a working day {0}."),
        "weekend": QCoreApplication.translate("Messages", "The day falls on a weekend and is not a working day."),
    }
    text = texts.get(kind, kind)
    if kind == "holiday":
        subject = QCoreApplication.translate("Messages", "({0})").format(subject) if subject else ""
    return text.format(subject, when)


def conflicts_text(conflicts, zone=None) -> str:
    return "\n".join(conflict_text(c, zone) for c in conflicts)


def calendar_file_text(error: errors.CalendarFileInvalid) -> str:
    """"The calendar file cannot be read: line 12, …" for a file that was refused whole."""
    p = error.params
    name = str(p.get("name") or "")
    reasons = {
        "too_large": QCoreApplication.translate("Messages", "the file is larger than 10 MB"),
        "encoding": QCoreApplication.translate("Messages", "the text encoding is not UTF-8 or GB18030"),
        "not_calendar": QCoreApplication.translate("Messages", "this is not an iCalendar (.ics) file"),
        "syntax": QCoreApplication.translate("Messages", "the line is not in iCalendar form (NAME:value)"),
        "unbalanced": QCoreApplication.translate("Messages", "BEGIN and END do not match ({0})").format(name),
        "several_calendars": QCoreApplication.translate("Messages", "the file holds more than one calendar"),
        "bad_value": QCoreApplication.translate("Messages", "the value of {0} is not valid").format(name),
        "unknown_zone": QCoreApplication.translate("Messages", "unknown time zone “{0}”").format(name),
        "missing": QCoreApplication.translate("Messages", "{0} is missing").format(name),
        "end_before_start": QCoreApplication.translate("Messages", "the event ends before it starts"),
        "recurrence": QCoreApplication.translate("Messages", "the repeat rule (RRULE) cannot be understood"),
        "too_many": QCoreApplication.translate("Messages", "the repeat rule makes too many events"),
        "not_reply": QCoreApplication.translate("Messages", "it is not a reply to an invitation (METHOD:REPLY)"),
        "no_events": QCoreApplication.translate("Messages", "it contains no events"),
        "duplicate": QCoreApplication.translate("Messages", "{0} appears twice in one entry").format(name),
        "unreadable": QCoreApplication.translate("Messages", "its content cannot be understood"),
        "year_range": QCoreApplication.translate("Messages", "the date in {0} is not between the years {1} and {2}").format(
            name, *HOLIDAY_YEARS),
        "event_too_long": QCoreApplication.translate("Messages", "one event lasts more than {0} days; a holiday "
                                                     "calendar lists each holiday on its own").format(
            MAX_HOLIDAY_EVENT_DAYS),
        "too_many_days": QCoreApplication.translate("Messages", "it holds more than {0} days; import at most ten "
                                                    "years at a time").format(MAX_HOLIDAY_DAYS),
    }
    reason = reasons.get(str(p.get("reason")), str(p.get("reason")))
    if p.get("line"):
        return QCoreApplication.translate("Messages", "The calendar file cannot be read: line {0}, {1}.").format(
            p["line"], reason)
    return QCoreApplication.translate("Messages", "The calendar file cannot be read: {0}.").format(reason)


def template_text(error: TemplateInvalid) -> str:
    """A refused message template, naming the offending fields as written: {field}."""
    p = error.params
    shown = "、".join("{" + str(name) + "}" for name in p.get("fields", ()))
    reason = p.get("reason")
    if reason == "unknown_field":
        return QCoreApplication.translate("Messages", "The template refers to an unknown field: {0}").format(shown)
    if reason == "field_not_allowed":
        return QCoreApplication.translate("Messages", "This message cannot use the field: {0}").format(shown)
    if reason == "braces":
        return QCoreApplication.translate("Messages", "The template has an unpaired brace; to show a brace itself, "
                                          "write two: {{ or }}.")
    if reason == "required":
        if p.get("part") == "subject":
            return QCoreApplication.translate("Messages", "The subject must not be empty.")
        return QCoreApplication.translate("Messages", "The text must not be empty.")
    if reason == "too_long":
        return QCoreApplication.translate("Messages", "The subject is too long.")
    return QCoreApplication.translate("Messages", "There is no such message template.")


def storage_text(error: errors.DeskError) -> str:
    """A database or key file that cannot be used as it is, and what to do; never "data is safe"."""
    p = error.params
    if isinstance(error, errors.DatabaseDamaged):
        reasons = {
            "empty": QCoreApplication.translate("Messages", "the file is empty (0 bytes)"),
            "truncated": QCoreApplication.translate("Messages", "the file is cut short"),
            "not_database": QCoreApplication.translate("Messages", "the file is not an InterviewDesk database"),
            "no_schema": QCoreApplication.translate("Messages", "the file holds no InterviewDesk data"),
            "does_not_decrypt": QCoreApplication.translate(
                "Messages", "the passphrase is right but the file does not decrypt with its key file (or the key "
                            "file belongs to another database)"),
            "malformed": QCoreApplication.translate("Messages", "parts of the file cannot be read"),
        }
        return QCoreApplication.translate(
            "Messages", "The database file is damaged: {0}. It was left exactly as it is. Stop using it and restore "
                        "the latest good backup (interviewdesk db restore BACKUP).").format(
            reasons.get(str(p.get("reason")), str(p.get("reason"))))
    if isinstance(error, errors.KeyFileDamaged):
        reasons = {
            "encoding": QCoreApplication.translate("Messages", "it is not UTF-8 text"),
            "format": QCoreApplication.translate("Messages", "its content is not in the key file format"),
            "kdf_params": QCoreApplication.translate("Messages", "its key derivation settings are out of range"),
        }
        return QCoreApplication.translate(
            "Messages", "The key file next to the database ({0}) is damaged: {1}. Nothing was changed; restore "
                        "it from the backup together with the database.").format(
            p.get("name") or "", reasons.get(str(p.get("reason")), str(p.get("reason"))))
    if isinstance(error, errors.DatabaseBusy):
        return QCoreApplication.translate(
            "Messages", "The database stayed locked by another program for {0} seconds (another InterviewDesk, or "
                        "a scheduled “interviewdesk outbox run”), so nothing of this action was saved. Try again in "
                        "a moment; if it keeps happening, close the other programs.").format(p.get("waited", ""))
    return QCoreApplication.translate(
        "Messages", "The database is open in another program (InterviewDesk, or a scheduled “interviewdesk outbox "
                    "run”), so it cannot be replaced now. Close that program and try again; nothing was changed.")
def sentences(*parts: str) -> str:
    """Sentences one after another: a space after an English full stop, none after a Chinese one."""
    return "".join(p if not i or not parts[i - 1].endswith((".", "!", "?", ")")) else " " + p
                   for i, p in enumerate(parts))


_OPERATIONAL = (   # (failure, what happened, what the user can do), each said with "nothing was changed"
    (errors.DiskFull, QT_TRANSLATE_NOOP("Messages", "The disk is full (or the storage quota is used up)."),
     QT_TRANSLATE_NOOP("Messages", "Free some space, then try again.")),
    (errors.StorageAccessDenied, QT_TRANSLATE_NOOP("Messages", "Access denied: this account may not read or write "
                                                   "the file or folder (or the database account lacks the right)."),
     QT_TRANSLATE_NOOP("Messages", "Ask the IT office for access.")),
    (errors.ReadOnlyStorage, QT_TRANSLATE_NOOP("Messages", "The file, the disk or the database is read-only."),
     QT_TRANSLATE_NOOP("Messages", "Choose a writable place or ask the IT office.")),
    (errors.StorageIOError, QT_TRANSLATE_NOOP("Messages", "The disk reported a read or write error."),
     QT_TRANSLATE_NOOP("Messages", "Have the IT office check the disk, and keep the latest backup at hand.")),
    (errors.OutOfResources, QT_TRANSLATE_NOOP("Messages", "The computer or the database server ran out of "
                                              "memory, open files or connections."),
     QT_TRANSLATE_NOOP("Messages", "Close other programs and try again.")),
    (errors.DatabaseOperationFailed, QT_TRANSLATE_NOOP("Messages", "The database refused the operation (a limit "
                                                       "was reached or it was cancelled)."),
     QT_TRANSLATE_NOOP("Messages", "Try again; if it happens again, tell the IT office.")),
)


def operational_text(error: BaseException) -> str:
    """A failure of the disk, the file system or the database server (desktop/core/failures.py)."""
    unchanged = QCoreApplication.translate("Messages", "The operation was not completed; the database keeps its "
                                           "previous state.")
    for failure, happened, advice in _OPERATIONAL:
        if isinstance(error, failure):
            return sentences(QCoreApplication.translate("Messages", happened), unchanged,
                             QCoreApplication.translate("Messages", advice))
    if isinstance(error, errors.StorageFailed):
        return sentences(QCoreApplication.translate("Messages", "A file or folder could not be used (system error "
                                                     "{0}).").format(error.params.get("errno", "")), unchanged)
    return ""


def os_unlock_text(reason: str) -> str:
    """Why this computer's key store did not open the database (the passphrase still does)."""
    if reason == "no_store":
        return QCoreApplication.translate("Messages", "This computer has no usable key store (Windows account "
                                          "protection or the system keyring).")
    if reason == "no_slot":
        return QCoreApplication.translate("Messages", "Sign-in without the passphrase is not set up for this "
                                          "database.")
    if reason == "other_store":
        return QCoreApplication.translate("Messages", "The database's key slot belongs to another kind of computer.")
    if reason == "missing":
        return QCoreApplication.translate("Messages", "This computer's keyring no longer holds the database's key "
                                          "(it was deleted, or this is another computer).")
    if reason == "refused":
        return QCoreApplication.translate("Messages", "This computer's key store refused the database's key slot "
                                          "(the file was copied from another computer, or Windows was reinstalled).")
    if reason == "store_error":
        return QCoreApplication.translate("Messages", "This computer's key store did not answer.")
    return QCoreApplication.translate("Messages", "This computer's key store could not open the database.")


_LINK_REASONS = {
    "empty": QT_TRANSLATE_NOOP("Messages", "the link is empty"),
    "too_long": QT_TRANSLATE_NOOP("Messages", "the link is too long"),
    "scheme": QT_TRANSLATE_NOOP("Messages", "it is not an InterviewDesk link"),
    "kind": QT_TRANSLATE_NOOP("Messages", "it does not lead to an interview"),
    "id": QT_TRANSLATE_NOOP("Messages", "it names no interview number"),
}


def link_text(reason: str) -> str:
    """Why a link handed to the app (interviewdesk --open …) was refused, and what a good one is."""
    why = QCoreApplication.translate("Messages", _LINK_REASONS.get(reason, _LINK_REASONS["scheme"]))
    return QCoreApplication.translate(
        "Messages", "This link cannot be opened: {0}. A link to an interview looks like "
        "interviewdesk://interview/123.").format(why)


SCORECARD_STATES = ("submitted", "not_on_panel", "not_submitted", "scores_missing", "decided", "not_begun",
                    "feedback_sent", "offer_exists", "next_round_booked", "not_passed", "last_round")


def _office_time(iso: str) -> str:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    try:
        return datetime.fromisoformat(iso).astimezone(ZoneInfo("Asia/Shanghai")).strftime("%m-%d %H:%M")
    except (TypeError, ValueError):
        return ""


def scorecard_state_text(reason: str, p: dict) -> str:
    if reason == "not_begun":
        return QCoreApplication.translate("Messages", "The interview has not begun yet: the scorecard can be "
                                          "submitted from {0}. Your draft is kept until then.").format(
            _office_time(str(p.get("starts_at", ""))))
    if reason == "feedback_sent":
        return QCoreApplication.translate("Messages", "The round's result has already gone to the candidate, so its "
                                          "scorecards can no longer be reopened.")
    if reason == "offer_exists":
        return QCoreApplication.translate("Messages", "An offer exists for this application, so the round's "
                                          "scorecards can no longer be reopened.")
    if reason == "next_round_booked":
        return QCoreApplication.translate("Messages", "The next round is already booked for this candidate; cancel "
                                          "it first if the decision must be taken again.")
    if reason == "not_passed":
        return QCoreApplication.translate("Messages", "The next round can be booked once this round is decided "
                                          "as passed.")
    if reason == "last_round":
        return QCoreApplication.translate("Messages", "This was the position's last round: the offer step follows, "
                                          "there is no next round to book.")
    if reason == "submitted":
        return QCoreApplication.translate("Messages", "This scorecard has already been submitted (perhaps on another "
                                          "desktop) and is locked. HR can reopen it if it must change.")
    if reason == "not_on_panel":
        return QCoreApplication.translate("Messages", "Only interviewers on this interview's panel fill in its "
                                          "scorecard.")
    if reason == "not_submitted":
        return QCoreApplication.translate("Messages", "This scorecard has not been submitted; there is nothing "
                                          "to reopen.")
    if reason == "scores_missing":
        return QCoreApplication.translate("Messages", "{0} interviewer(s) of the panel have not submitted their "
                                          "scorecard yet; the rule waits for all of them.").format(p.get("missing", ""))
    return QCoreApplication.translate("Messages", "This round has already been decided; the decision shown is the "
                                      "current one.")


def describe(error: BaseException) -> str:
    """A complete sentence for the user. Never includes personal data or key material."""
    if not isinstance(error, errors.DeskError):
        error = typed_failure(error) or error   # a full disk is not "unexpected"
    p = getattr(error, "params", {})
    if isinstance(error, errors.ValidationFailed):
        return QCoreApplication.translate("Messages", "Please correct the following:") + "\n" + validation_text(error)
    if isinstance(error, errors.WrongPassphrase):
        return QCoreApplication.translate("Messages", "Wrong passphrase, or the file is damaged; restore from backup.")
    if isinstance(error, errors.OsUnlockFailed):
        return os_unlock_text(str(p.get("reason", "")))
    if isinstance(error, errors.KeyFileMissing):
        return QCoreApplication.translate("Messages", "The key file next to the database ({0}) is missing. Restore it from the backup "
                  "together with the database.").format(p.get("name", error.detail))
    if isinstance(error, (errors.DatabaseDamaged, errors.KeyFileDamaged, errors.DatabaseBusy, errors.DatabaseInUse)):
        return storage_text(error)
    if isinstance(error, errors.DatabaseMissing):
        return QCoreApplication.translate("Messages", "No database at this location. Create one with “interviewdesk init” or in the "
                  "first-run dialog.")
    if isinstance(error, errors.DatabaseExists):
        return QCoreApplication.translate("Messages", "A database already exists there; nothing was changed.")
    if isinstance(error, errors.NetworkShareRefused):
        return QCoreApplication.translate("Messages", "The database file is on a network share. SQLite files on network shares get "
                  "corrupted, so this is refused. For several HR officers, use server (LAN) mode: "
                  "interviewdesk --db-url postgresql://server/database …")
    if isinstance(error, errors.DatabaseUnreachable):
        return QCoreApplication.translate("Messages", "The database server did not answer. Check the address, the network and that the "
                  "server is running.")
    if isinstance(error, errors.NewerSchema):
        return QCoreApplication.translate("Messages", "This database was written by a newer version of InterviewDesk. Install that "
                  "version; nothing was changed.")
    if isinstance(error, errors.BackupInvalid):
        return QCoreApplication.translate("Messages", "The backup failed its checks ({0}); nothing was replaced.").format(p.get("reason", error.detail))
    if isinstance(error, errors.BackupExists):
        return QCoreApplication.translate("Messages", "A file of that name already exists; backups never overwrite. Choose "
                  "another name or folder.")
    if isinstance(error, errors.BackupFailed):
        return QCoreApplication.translate("Messages", "The backup could not be written (is the disk full or the folder "
                  "read-only?); nothing was left behind.")
    if isinstance(error, errors.ServerBackupUnsupported):
        return QCoreApplication.translate("Messages", "Server databases are backed up on the server with pg_dump.")
    if isinstance(error, errors.StaleWrite):
        return QCoreApplication.translate("Messages", "Someone else saved this record in the meantime. Your changes were not saved; "
                  "reload the record and make them again.")
    if isinstance(error, errors.DuplicateRecord) and p.get("reason") == "open_application":
        from desktop.core import labels
        return QCoreApplication.translate("Messages", "This candidate already has an open application for this "
                                          "position (stage “{0}”); change its stage instead.").format(
            labels.stage(str(p.get("stage", ""))))
    if isinstance(error, errors.DuplicateRecord):
        which = p.get("field")
        if which:
            return QCoreApplication.translate("Messages", "{0} is already in use.").format(field_label(str(which)))
        return QCoreApplication.translate("Messages", "This record already exists.")
    if isinstance(error, errors.NotFound):
        return QCoreApplication.translate("Messages", "The record no longer exists.")
    if isinstance(error, errors.PermissionDenied) and p.get("reason") == "own_scorecard_first":
        return QCoreApplication.translate("Messages", "Submit your own scorecard first; the panel's scores are "
                                          "shown to you after that.")
    if isinstance(error, errors.PermissionDenied):
        return QCoreApplication.translate("Messages", "You do not have permission for this action.")
    if isinstance(error, errors.LoginFailed):
        if "remaining" in p:
            return QCoreApplication.translate("Messages", "Wrong user name or password. {0} attempt(s) left before the account is locked.").format(
                p["remaining"])
        return QCoreApplication.translate("Messages", "Wrong user name or password.")
    if isinstance(error, errors.AccountLocked):
        return QCoreApplication.translate("Messages", "Too many failed attempts: the account is locked. Try again later or ask the "
                  "administrator to unlock it.")
    if isinstance(error, errors.AccountDisabled):
        return QCoreApplication.translate("Messages", "This account is disabled. Ask the administrator.")
    if isinstance(error, errors.WeakPassword):
        if p.get("reason") == "variety":
            return QCoreApplication.translate("Messages", "Too weak: use at least two kinds of characters (letters, digits, symbols).")
        return QCoreApplication.translate("Messages", "Too short: use at least {0} characters.").format(p.get("minimum", 8))
    if isinstance(error, errors.UnknownSetting):
        return QCoreApplication.translate("Messages", "Unknown setting: {0}").format(p.get("key", error.detail))
    if isinstance(error, errors.InvalidSetting):
        reason = p.get("reason")
        key = p.get("key", "")
        if reason == "choice":
            return QCoreApplication.translate("Messages", "{0}: choose one of {1}.").format(key, p.get("choices", ""))
        if reason in ("minimum", "maximum"):
            return QCoreApplication.translate("Messages", "{0}: the value is out of range (limit {1}).").format(key, p.get("limit", ""))
        if reason == "needs_database":
            return QCoreApplication.translate("Messages", "{0} is stored in the database; open the database first.").format(key)
        if reason == "file":
            return QCoreApplication.translate("Messages", "The settings file could not be read: {0}").format(key)
        if reason == "type":
            kinds = {"int": QCoreApplication.translate("Messages", "a whole number"),
                     "bool": QCoreApplication.translate("Messages", "yes or no (true/false)")}
            return QCoreApplication.translate("Messages", "{0}: the value must be {1}.").format(
                key, kinds.get(str(p.get("kind")), QCoreApplication.translate("Messages", "a single text")))
        if reason == "too_long":
            return QCoreApplication.translate("Messages", "{0}: the value is too long (at most {1} characters).").format(
                key, p.get("limit", ""))
        if reason == "control_chars":
            return QCoreApplication.translate("Messages", "{0}: the value contains control or invisible characters "
                                              "(such as line breaks, zero-width or direction marks).").format(key)
        if reason == "bad_chars":
            return QCoreApplication.translate("Messages", "{0}: the value contains broken characters that cannot "
                                              "be stored; type it again.").format(key)
        if reason == "phone":
            return QCoreApplication.translate("Messages", "{0}: give a mobile number or a landline with area code, "
                                              "e.g. 010-12345678 or 0571-8765432-123; separate several with "
                                              "commas.").format(key)
        if reason == "scope":
            return QCoreApplication.translate("Messages", "{0} belongs to the other part of the settings file "
                                              "(“machine” or “institution”).").format(key)
        return QCoreApplication.translate("Messages", "{0}: the value has the wrong format.").format(key)
    if isinstance(error, errors.ContractIncomplete):
        from desktop.core import contracts
        from desktop.ui import i18n
        return contracts.describe(error, i18n.current())
    if isinstance(error, errors.SigningCertificateInvalid):
        from desktop.integrations.documents import signing
        from desktop.ui import i18n
        return QCoreApplication.translate("Messages", "The institution's signing certificate cannot be used: {0} "
                                          "Nothing was issued.").format(signing.reason_text(error, i18n.current()))
    if isinstance(error, errors.ConflictsFound):
        if error.overridable:
            head = QCoreApplication.translate("Messages", "There are conflicts. Give a reason to book anyway, "
                                              "or choose another time:")
        else:
            head = QCoreApplication.translate("Messages", "There are conflicts that cannot be overridden. "
                                              "Choose another time or room:")
        return head + "\n" + conflicts_text(error.conflicts)
    if isinstance(error, errors.SearchRefused):
        if p.get("reason") == "rate_limited":
            return QCoreApplication.translate("Messages", "You have searched by phone number, e-mail or ID number "
                                              "{0} times in the last {1} minutes, the most allowed. Search by name, "
                                              "or try again later.").format(p.get("limit", ""), p.get("minutes", ""))
        return QCoreApplication.translate("Messages", "Searching by phone number, e-mail or ID number is only for "
                                          "roles that may see them. Search by name instead.")
    if isinstance(error, errors.AlreadyDecided):
        return QCoreApplication.translate("Messages", "Someone else has already dealt with this request. "
                                          "The list shows where it stands now.")
    if isinstance(error, errors.InvalidState) and p.get("reason") in SCORECARD_STATES:
        return scorecard_state_text(str(p["reason"]), p)
    if isinstance(error, errors.InvalidState):
        status = str(p.get("status", ""))
        if status == "change_pending":
            return QCoreApplication.translate("Messages", "A change of this interview is already awaiting "
                                              "approval; wait until it is decided.")
        if status == "checked_in":
            return QCoreApplication.translate("Messages", "The candidate has already checked in.")
        if status == "headcount_full":
            return QCoreApplication.translate("Messages", "The position's headcount is filled: {0} of {1} already "
                                              "hired. Raise the headcount of the position first.").format(
                p.get("hired", ""), p.get("headcount", ""))
        if status == "booked_interviews":
            return QCoreApplication.translate("Messages", "{0} interview(s) are still booked for this application. "
                                              "Say whether to keep them or to cancel them.").format(p.get("count", ""))
        if status == "question_answered":
            return QCoreApplication.translate("Messages", "This question has already been answered; the list "
                                              "shows the answer.")
        if status == "offer_expired":
            return QCoreApplication.translate("Messages", "The offer's reply deadline ({0}) has passed: the answer "
                                              "cannot be recorded. Make a new offer if the post is still to be "
                                              "filled by this candidate.").format(
                _office_time(str(p.get("reply_by", ""))))
        if status == "headcount_exceeded":
            return QCoreApplication.translate("Messages", "The position's headcount is {0} and {1} offer(s) are "
                                              "already accepted: one more would exceed it by {2}.").format(
                p.get("headcount", ""), p.get("accepted", ""), p.get("over", ""))
        if status == "not_checked_in":
            return QCoreApplication.translate("Messages", "The candidate is not checked in; there is nothing to undo.")
        from desktop.core import labels
        return QCoreApplication.translate("Messages", "This is not possible while the interview is “{0}”.").format(
            labels.interview_status(status))
    if isinstance(error, errors.BadLink):
        return link_text(str(p.get("reason", "")))
    if isinstance(error, errors.CheckInRefused):
        return check_in_text(error)
    if isinstance(error, TemplateInvalid):
        return template_text(error)
    if isinstance(error, RoomRefused):
        return room_text(error)
    if isinstance(error, errors.CalendarFileInvalid):
        return calendar_file_text(error)
    if isinstance(error, errors.CalendarReplyRefused):
        if p.get("reason") == "not_candidate":
            return QCoreApplication.translate("Messages", "The calendar reply was not sent by the interview's "
                                              "candidate; it was not recorded.")
        return QCoreApplication.translate("Messages", "The calendar reply belongs to no interview in InterviewDesk; "
                                          "it was not recorded.")
    if isinstance(error, errors.ReferenceMissing):
        if p.get("field"):
            return QCoreApplication.translate("Messages", "{0}: the chosen record no longer exists (someone may have "
                                              "deleted it). Choose again; nothing was saved.").format(
                field_label(str(p["field"])))
        return QCoreApplication.translate("Messages", "A record this refers to (such as the department) no longer "
                                          "exists. Choose again; nothing was saved.")
    if isinstance(error, errors.StillReferenced):
        return QCoreApplication.translate("Messages", "This record is still used by other records and cannot be "
                                          "deleted; nothing was changed.")
    if isinstance(error, errors.ConstraintFailed):
        return QCoreApplication.translate("Messages", "A required value is missing or not allowed; nothing was saved.")
    operational = operational_text(error)
    if operational:
        return operational
    if isinstance(error, errors.DeskError):
        return QCoreApplication.translate("Messages", "The operation failed ({0}).").format(error.code)
    return QCoreApplication.translate("Messages", "An unexpected error occurred. Your data is safe; details can be copied for the IT office.")
