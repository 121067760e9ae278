"""The one place where core's typed errors and validation problems become words for people.

Used by the windows and by the command line. Texts are English in the source and translated
through Qt's translation files (resources/i18n); Simplified Chinese is the default language.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.core import errors
from desktop.core.errors import RoomRefused, TemplateInvalid
from desktop.core.failures import typed_failure
from desktop.core.validation import MAX_LENGTH


_REQUIREMENT_PARTS = {   # the columns of a position's requirements table (desktop/ui/positions/requirements.py)
    "kind": QT_TRANSLATE_NOOP("Messages", "kind"), "label": QT_TRANSLATE_NOOP("Messages", "name"),
    "value": QT_TRANSLATE_NOOP("Messages", "what is required"), "weight": QT_TRANSLATE_NOOP("Messages", "weight"),
}


def _worded(table: dict[str, str | tuple[str, ...]], code: object, params: Mapping[str, object], default: str) -> str:
    """The words for `code` in `table` (or for `default` when the code is not there): the table holds
    texts marked for translation (context Messages), each alone or with the names of the `params`
    that fill its {0}, {1}…; a text without params is shown as written, braces and all."""
    entry = table.get(str(code), table[default])
    text, *fields = (entry,) if isinstance(entry, str) else entry
    words = QCoreApplication.translate("Messages", text)
    return words.format(*(params.get(f, "") for f in fields)) if fields else words


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
        "post_type": QCoreApplication.translate("Messages", "Post type"),
        "reply_days": QCoreApplication.translate("Messages", "Days to reply"),
        "start_days": QCoreApplication.translate("Messages", "Days to the start"),
        "body": QCoreApplication.translate("Messages", "Letter text"),
        "channel": QCoreApplication.translate("Messages", "Answer by"),
        "received_on": QCoreApplication.translate("Messages", "Received on"),
        "received_via": QCoreApplication.translate("Messages", "How it came"),
        "due_on": QCoreApplication.translate("Messages", "Deadline"),
        "corrections": QCoreApplication.translate("Messages", "Corrections"),
        "export": QCoreApplication.translate("Messages", "Copy of the data"),
        "grade": QCoreApplication.translate("Messages", "Post grade"),
        "outcome": QCoreApplication.translate("Messages", "Interview decision"),
        "summary": QCoreApplication.translate("Messages", "Feedback summary"),
    }
    if name.startswith("corrections."):
        return QCoreApplication.translate("Messages", "Correction of {0}").format(field_label(name[12:]))
    if name.startswith("pay") and name[3:].isdigit():
        return QCoreApplication.translate("Messages", "Salary line {0}").format(name[3:])
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
        "amount": QCoreApplication.translate("Messages", "has an amount that is not a non-negative number (leave it "
                                             "empty for HR to fill in, or write e.g. 2800 or 2,800 元/月)"),
        "exceeds_start": QCoreApplication.translate("Messages", "is more than the days to the start: the answer "
                                                    "must come before the start"),
        "amount_open": QCoreApplication.translate("Messages", "has no amount yet: fill in the amount the template "
                                                  "leaves open"),
        "comment_required": QCoreApplication.translate("Messages", "needs a comment (a score of 3 or less, or 9 or "
                                                       "more)"),
        "same_outcome": QCoreApplication.translate("Messages", "is the decision already taken; choose the other "
                                                   "outcome to correct it"),
        "unknown_candidate": QCoreApplication.translate("Messages", "is not a candidate on record; search the "
                                                        "candidate again"),
        "purged": QCoreApplication.translate("Messages", "has already been anonymised: there is no personal data "
                                             "left to handle"),
        "no_address": QCoreApplication.translate("Messages", "has no address for this candidate (no e-mail address "
                                                 "or mobile number on file); choose the other channel or correct "
                                                 "the record first"),
        "future": QCoreApplication.translate("Messages", "is in the future"),
    }
    return texts.get(code, code)


_CHECK_IN_REFUSALS = {   # reason -> the sentence, with the check-in window
    "other_day": (QT_TRANSLATE_NOOP("Messages", "Not checked in: the interview is not today. Check-in "
                                    "for it is possible on {0} from {1} to {2}."), "day", "opens", "closes"),
    "too_early": (QT_TRANSLATE_NOOP("Messages", "Not checked in: it is too early. Check-in for this "
                                    "interview is possible on {0} from {1} to {2}."), "day", "opens", "closes"),
    "too_late": (QT_TRANSLATE_NOOP("Messages", "Not checked in: the check-in time is over. "
                                   "Check-in for this interview was possible on {0} from {1} "
                                   "to {2}."), "day", "opens", "closes"),
}


def check_in_text(error: errors.CheckInRefused) -> str:
    return _worded(_CHECK_IN_REFUSALS, error.params.get("reason"), error.params, "too_late")


_ROOM_REFUSALS = {
    "not_today": (QT_TRANSLATE_NOOP("Messages", "The interview can only be started on its day ({0})."), "day"),
    "not_started": QT_TRANSLATE_NOOP("Messages", "The interview has not been started yet."),
    "ended": QT_TRANSLATE_NOOP("Messages", "The interview has already ended; nothing was changed."),
    "unticked": (QT_TRANSLATE_NOOP("Messages", "Closing items not ticked: {0}. Confirm to end anyway."), "items"),
    "overtime_reason": (QT_TRANSLATE_NOOP("Messages", "The interview ran {0} minutes over; please give the reason "
                                          "before ending it."), "minutes"),
    "no_item": QT_TRANSLATE_NOOP("Messages", "This closing item no longer exists; the list was reloaded."),
}


def room_text(error: RoomRefused) -> str:
    """The interview room refused an action (desktop/core/interview_room.py)."""
    from desktop.core import labels

    p = error.params
    if p.get("reason") == "unticked":
        p = {**p, "items": labels.joined(str(i) for i in p.get("items", []))}
    return _worded(_ROOM_REFUSALS, p.get("reason"), p, "no_item")


def validation_text(error: errors.ValidationFailed) -> str:
    separator = QCoreApplication.translate("Messages", "{0}: {1}")
    lines = []
    for f, c in error.problems.items():
        text = problem_text(c)
        if c == "too_long" and f in MAX_LENGTH:
            text = QCoreApplication.translate("Messages", "is too long (at most {0} characters)").format(MAX_LENGTH[f])
        lines.append(separator.format(field_label(f), text))
    return "\n".join(lines)


def _office_time(moment, zone=None) -> str:
    """An instant (aware datetime or ISO text) as "MM-DD HH:MM" in `zone` (office time, Asia/Shanghai
    unless given); "" for nothing or unreadable text."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    if isinstance(moment, str):
        try:
            moment = datetime.fromisoformat(moment)
        except ValueError:
            return ""
    if not isinstance(moment, datetime):
        return ""
    return moment.astimezone(zone or ZoneInfo("Asia/Shanghai")).strftime("%m-%d %H:%M")


def conflict_text(conflict, zone=None) -> str:
    """One conflict (scheduling.conflicts.Conflict) as a sentence; times in `zone` (office time)."""
    kind = getattr(conflict.kind, "value", conflict.kind)
    subject = conflict.subject or ""
    when = _office_time(conflict.other_start, zone)
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
    from desktop.core.scheduling.calendar_files import HOLIDAY_YEARS, MAX_HOLIDAY_DAYS, MAX_HOLIDAY_EVENT_DAYS

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


_TEMPLATE_PROBLEMS = {
    "unknown_field": (QT_TRANSLATE_NOOP("Messages", "The template refers to an unknown field: {0}"), "fields"),
    "field_not_allowed": (QT_TRANSLATE_NOOP("Messages", "This message cannot use the field: {0}"), "fields"),
    "braces": QT_TRANSLATE_NOOP("Messages", "The template has an unpaired brace; to show a brace itself, "
                                "write two: {{ or }}."),
    "required_subject": QT_TRANSLATE_NOOP("Messages", "The subject must not be empty."),
    "required": QT_TRANSLATE_NOOP("Messages", "The text must not be empty."),
    "too_long": QT_TRANSLATE_NOOP("Messages", "The subject is too long."),
    "unknown_template": QT_TRANSLATE_NOOP("Messages", "There is no such message template."),
}


def template_text(error: TemplateInvalid) -> str:
    """A refused message template, naming the offending fields as written: {field}."""
    p = error.params
    shown = "、".join("{" + str(name) + "}" for name in p.get("fields", ()))
    reason = p.get("reason")
    if reason == "required" and p.get("part") == "subject":
        reason = "required_subject"
    return _worded(_TEMPLATE_PROBLEMS, reason, {"fields": shown}, "unknown_template")


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


_OS_UNLOCK_FAILURES = {
    "no_store": QT_TRANSLATE_NOOP("Messages", "This computer has no usable key store (Windows account "
                                  "protection or the system keyring)."),
    "no_slot": QT_TRANSLATE_NOOP("Messages", "Sign-in without the passphrase is not set up for this "
                                 "database."),
    "other_store": QT_TRANSLATE_NOOP("Messages", "The database's key slot belongs to another kind of computer."),
    "missing": QT_TRANSLATE_NOOP("Messages", "This computer's keyring no longer holds the database's key "
                                 "(it was deleted, or this is another computer)."),
    "refused": QT_TRANSLATE_NOOP("Messages", "This computer's key store refused the database's key slot "
                                 "(the file was copied from another computer, or Windows was reinstalled)."),
    "store_error": QT_TRANSLATE_NOOP("Messages", "This computer's key store did not answer."),
    "other": QT_TRANSLATE_NOOP("Messages", "This computer's key store could not open the database."),
}


def os_unlock_text(reason: str) -> str:
    """Why this computer's key store did not open the database (the passphrase still does)."""
    return _worded(_OS_UNLOCK_FAILURES, reason, {}, "other")


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


_ARCHIVE_EXPORT = {   # ArchiveExportRefused's reason -> the sentence
    "range": QT_TRANSLATE_NOOP("Messages", "The first day of the range is after the last day."),
    "unknown_department": (QT_TRANSLATE_NOOP("Messages", "There is no department with the code {0}."), "code"),
    "exists": (QT_TRANSLATE_NOOP("Messages", "{0} already exists; packages never overwrite. Choose another "
                                 "name or folder."), "path"),
    "nothing": QT_TRANSLATE_NOOP("Messages", "No dossier was formed in this range (no application closed "
                                 "then, in the departments you may export)."),
    "changed": QT_TRANSLATE_NOOP("Messages", "A record changed while the package was being written, so the "
                                 "package would not match the archive register. Export again."),
    "cancelled": QT_TRANSLATE_NOOP("Messages", "The export was cancelled."),
    "archived_missing": (QT_TRANSLATE_NOOP("Messages", "The archived dossier {0} is missing from the archive store or "
                                           "was altered there, and its candidate's personal data has been purged, so it "
                                           "cannot be made again. Restore the archive store from its backup."), "code"),
}


def archive_export_text(error: errors.ArchiveExportRefused) -> str:
    return sentences(_worded(_ARCHIVE_EXPORT, error.reason, error.params, "range"),
                     QCoreApplication.translate("Messages", "No package was written and nothing was registered."))


def export_failure_text(error: BaseException) -> str:
    """Why an archive export failed; a failure of the disk or the folder also says that no partial
    package was left behind."""
    text = describe(error)
    if isinstance(error, errors.ArchiveExportRefused):
        return text
    return sentences(text, QCoreApplication.translate(
        "Messages", "Nothing of the package was left at the destination, and no export was registered."))


_PACKAGE_PROBLEMS = {   # verify.Problem's code -> what failed (the file is named before it)
    "not_found": QT_TRANSLATE_NOOP("Messages", "there is no such folder or file"),
    "not_package": QT_TRANSLATE_NOOP("Messages", "it is neither a package folder nor a readable .zip file"),
    "unreadable": QT_TRANSLATE_NOOP("Messages", "it could not be read (damaged file or disk)"),
    "manifest_missing": QT_TRANSLATE_NOOP("Messages", "the manifest is missing: this is not a complete package"),
    "manifest_format": (QT_TRANSLATE_NOOP("Messages", "line {0} of the manifest is not “<SHA-256>  <file>”"),
                        "line"),
    "missing": QT_TRANSLATE_NOOP("Messages", "the file is listed in the manifest but missing"),
    "digest": QT_TRANSLATE_NOOP("Messages", "its SHA-256 differs from the manifest: the file was changed"),
    "damaged": QT_TRANSLATE_NOOP("Messages", "its bytes fail the zip file's own check (CRC): the file was changed "
                                 "or damaged"),
    "unlisted": QT_TRANSLATE_NOOP("Messages", "the file is not in the manifest: it was added after the export"),
    "format": QT_TRANSLATE_NOOP("Messages", "the file is not in the package's format"),
    "key_id": (QT_TRANSLATE_NOOP("Messages", "the public key {0} does not match its key id: the keys file was "
                                 "altered"), "key_id"),
    "no_metadata": QT_TRANSLATE_NOOP("Messages", "no metadata record refers to this file"),
    "metadata_file": (QT_TRANSLATE_NOOP("Messages", "the metadata names {0}, which is not in the package"), "file"),
    "metadata_algorithm": (QT_TRANSLATE_NOOP("Messages", "the metadata's digest algorithm is {0}, not SHA-256"),
                           "algorithm"),
    "metadata_digest": (QT_TRANSLATE_NOOP("Messages", "the metadata's digest (数字摘要) differs from that of {0}"),
                        "file"),
    "metadata_size": (QT_TRANSLATE_NOOP("Messages", "the metadata's file size differs from that of {0}"), "file"),
    "signature_count": (QT_TRANSLATE_NOOP("Messages", "the metadata's number of signed decisions differs from "
                                          "{0}"), "file"),
    "signature_format": (QT_TRANSLATE_NOOP("Messages", "signature {0} is incomplete"), "number"),
    "signature_text": (QT_TRANSLATE_NOOP("Messages", "signature {0} ({1} {2}): its fields differ from the signed "
                                         "text"), "number", "subject", "subject_id"),
    "signature_key": (QT_TRANSLATE_NOOP("Messages", "signature {0} ({1} {2}): its key {3} is not in "
                                        "keys/public_keys.json (is the keys file from another database?)"),
                      "number", "subject", "subject_id", "key_id"),
    "signature_signer": (QT_TRANSLATE_NOOP("Messages", "signature {0} ({1} {2}): key {3} belongs to another user "
                                           "in keys/public_keys.json (is the keys file from another database?)"),
                         "number", "subject", "subject_id", "key_id"),
    "signature_invalid": (QT_TRANSLATE_NOOP("Messages", "signature {0} ({1} {2}) does not verify with key {3}: "
                                            "the signed text or the signature was changed, or the keys file is "
                                            "from another database"), "number", "subject", "subject_id", "key_id"),
    "signature_invalid_at_export": (QT_TRANSLATE_NOOP("Messages", "signature {0} ({1} {2}) was already invalid "
                                                      "when the package was exported"),
                                    "number", "subject", "subject_id"),
}


def package_problem_text(problem) -> str:
    """One problem of an archive package (desktop.core.archive.verify.Problem), naming the file."""
    what = _worded(_PACKAGE_PROBLEMS, problem.code, problem.params, "format")
    if not problem.path:
        return what[:1].upper() + what[1:]
    return QCoreApplication.translate("Messages", "{0}: {1}").format(problem.path, what)


_SCORECARD_STATES = {
    "submitted": QT_TRANSLATE_NOOP("Messages", "This scorecard has already been submitted (perhaps on another "
                                   "desktop) and is locked. HR can reopen it if it must change."),
    "not_on_panel": QT_TRANSLATE_NOOP("Messages", "Only interviewers on this interview's panel fill in its "
                                      "scorecard."),
    "not_submitted": QT_TRANSLATE_NOOP("Messages", "This scorecard has not been submitted; there is nothing "
                                       "to reopen."),
    "scores_missing": (QT_TRANSLATE_NOOP("Messages", "{0} interviewer(s) of the panel have not submitted their "
                                         "scorecard yet; the rule waits for all of them."), "missing"),
    "decided": QT_TRANSLATE_NOOP("Messages", "This round has already been decided; the decision shown is the "
                                 "current one."),
    "result_sent": QT_TRANSLATE_NOOP("Messages", "The result has already gone out to the candidate, so the "
                                     "decision can no longer be corrected."),
    "not_decided": QT_TRANSLATE_NOOP("Messages", "The round is not decided yet; the feedback summary is "
                                     "written after the decision."),
    "summary_not_due": QT_TRANSLATE_NOOP("Messages", "This decision's feedback summary is not awaited (already "
                                         "approved, or the feedback goes out without one)."),
    "not_begun": (QT_TRANSLATE_NOOP("Messages", "The interview has not begun yet: the scorecard can be "
                                    "submitted from {0}. Your draft is kept until then."), "starts_local"),
    "feedback_sent": QT_TRANSLATE_NOOP("Messages", "The round's result has already gone to the candidate, so its "
                                       "scorecards can no longer be reopened."),
    "offer_exists": QT_TRANSLATE_NOOP("Messages", "An offer exists for this application, so the round's "
                                      "scorecards can no longer be reopened."),
    "next_round_booked": QT_TRANSLATE_NOOP("Messages", "The next round is already booked for this candidate; cancel "
                                           "it first if the decision must be taken again."),
    "not_passed": QT_TRANSLATE_NOOP("Messages", "The next round can be booked once this round is decided "
                                    "as passed."),
    "last_round": QT_TRANSLATE_NOOP("Messages", "This was the position's last round: the offer step follows, "
                                    "there is no next round to book."),
}
SCORECARD_STATES = tuple(_SCORECARD_STATES)




def scorecard_state_text(reason: str, p: dict) -> str:
    return _worded(_SCORECARD_STATES, reason, {**p, "starts_local": _office_time(p.get("starts_at"))},
                   "decided")


_INVALID_STATES = {   # InvalidState's status -> what stands in the way
    "in_retention": (QT_TRANSLATE_NOOP("Messages", "{0} of the chosen people are still within their retention "
                                       "period (a new application or consent since the list was made); refresh "
                                       "the due list and choose again."), "count"),
    "not_stale": (QT_TRANSLATE_NOOP("Messages", "{0} of the chosen people no longer meet the maintenance rule "
                                    "(they were in touch again, or applied); refresh the review list and choose "
                                    "again."), "count"),
    "purged": (QT_TRANSLATE_NOOP("Messages", "{0} of the chosen people have already been purged; refresh the "
                                 "due list and choose again."), "count"),
    "change_pending": QT_TRANSLATE_NOOP("Messages", "A change of this interview is already awaiting "
                                        "approval; wait until it is decided."),
    "checked_in": QT_TRANSLATE_NOOP("Messages", "The candidate has already checked in."),
    "pay_amount_open": (QT_TRANSLATE_NOOP("Messages", "The amount of “{0}” in the salary structure is still "
                                          "open; fill it in before submitting the offer."), "line"),
    "last_default_template": QT_TRANSLATE_NOOP("Messages", "This is the only active default template: positions "
                                               "without a post type of their own need it. Make another default "
                                               "first; nothing was changed."),
    "headcount_full": (QT_TRANSLATE_NOOP("Messages", "The position's headcount is filled: {0} of {1} already "
                                         "hired. Raise the headcount of the position first."), "hired", "headcount"),
    "booked_interviews": (QT_TRANSLATE_NOOP("Messages", "{0} interview(s) are still booked for this application. "
                                            "Say whether to keep them or to cancel them."), "count"),
    "question_answered": QT_TRANSLATE_NOOP("Messages", "This question has already been answered; the list "
                                           "shows the answer."),
    "not_checked_in": QT_TRANSLATE_NOOP("Messages", "The candidate is not checked in; there is nothing to undo."),
    "offer_expired": (QT_TRANSLATE_NOOP("Messages", "The offer's reply deadline ({0}) has passed: the answer "
                                        "cannot be recorded. Make a new offer if the post is still to be "
                                        "filled by this candidate."), "reply_by_local"),
    "headcount_exceeded": (QT_TRANSLATE_NOOP("Messages", "The position's headcount is {0} and {1} offer(s) are "
                                             "already accepted: one more would exceed it by {2}."),
                           "headcount", "accepted", "over"),
    "interview": (QT_TRANSLATE_NOOP("Messages", "This is not possible while the interview is “{0}”."), "interview"),
    "privacy_request_done": QT_TRANSLATE_NOOP("Messages", "This personal-data request has already been answered "
                                              "or closed; the list shows where it stands now."),
    "privacy_open_application": QT_TRANSLATE_NOOP("Messages", "The candidate still has an open application. "
                                                  "Close it first (e.g. as withdrawn), then answer the deletion "
                                                  "request: the retention of the closed record decides whether "
                                                  "the data can go."),
    "not_restricted": QT_TRANSLATE_NOOP("Messages", "Processing of this candidate's data is not restricted (any "
                                        "more); nothing was changed."),
    "privacy_not_access": QT_TRANSLATE_NOOP("Messages", "Only an access request gives the candidate a copy of "
                                            "their data."),
    "no_signing_key": QT_TRANSLATE_NOOP("Messages", "This user has no signing key yet: one is made at their next "
                                        "sign-in. Nothing was changed."),
}

_SETTING_PROBLEMS = {   # InvalidSetting's reason -> the sentence, starting with the setting's key
    "choice": (QT_TRANSLATE_NOOP("Messages", "{0}: choose one of {1}."), "key", "choices"),
    "minimum": (QT_TRANSLATE_NOOP("Messages", "{0}: the value is out of range (limit {1})."), "key", "limit"),
    "maximum": (QT_TRANSLATE_NOOP("Messages", "{0}: the value is out of range (limit {1})."), "key", "limit"),
    "needs_database": (QT_TRANSLATE_NOOP("Messages", "{0} is stored in the database; open the database first."),
                       "key"),
    "file": (QT_TRANSLATE_NOOP("Messages", "The settings file could not be read: {0}"), "key"),
    "type": (QT_TRANSLATE_NOOP("Messages", "{0}: the value must be {1}."), "key", "kind"),
    "too_long": (QT_TRANSLATE_NOOP("Messages", "{0}: the value is too long (at most {1} characters)."), "key",
                 "limit"),
    "control_chars": (QT_TRANSLATE_NOOP("Messages", "{0}: the value contains control or invisible characters "
                                        "(such as line breaks, zero-width or direction marks)."), "key"),
    "bad_chars": (QT_TRANSLATE_NOOP("Messages", "{0}: the value contains broken characters that cannot "
                                    "be stored; type it again."), "key"),
    "phone": (QT_TRANSLATE_NOOP("Messages", "{0}: give a mobile number or a landline with area code, "
                                "e.g. 010-12345678 or 0571-8765432-123; separate several with "
                                "commas."), "key"),
    "scope": (QT_TRANSLATE_NOOP("Messages", "{0} belongs to the other part of the settings file "
                                "(“machine” or “institution”)."), "key"),
    "format": (QT_TRANSLATE_NOOP("Messages", "{0}: the value has the wrong format."), "key"),
    "whole_path": (QT_TRANSLATE_NOOP("Messages", "{0}: give the folder's whole path, e.g. D:\\Backups or "
                                                 "\\\\server\\share\\backups."), "key"),
}
_SETTING_KINDS = {   # the kind a setting's value must be, for "{0}: the value must be {1}."
    "int": QT_TRANSLATE_NOOP("Messages", "a whole number"),
    "bool": QT_TRANSLATE_NOOP("Messages", "yes or no (true/false)"),
    "str": QT_TRANSLATE_NOOP("Messages", "a single text"),
}


_DOSSIER_REASONS = {
    "not_produced": QT_TRANSLATE_NOOP("Messages", "This application has no dossier yet. Produce it with "
                                      "“Produce dossier”."),
    "file_missing": QT_TRANSLATE_NOOP("Messages", "The dossier's file is missing from the archive store (the "
                                      "archive folder in Settings). Produce the dossier again, or restore the "
                                      "archive folder from its backup."),
    "file_changed": QT_TRANSLATE_NOOP("Messages", "The dossier's file in the archive store is not the one that was "
                                      "registered (its SHA-256 differs): it was altered or replaced, so it is not "
                                      "opened. Produce the dossier again and tell the archive's keeper."),
}


def dossier_text(reason: str) -> str:
    return QCoreApplication.translate("Messages", _DOSSIER_REASONS.get(reason, _DOSSIER_REASONS["not_produced"]))


_BACKUP_FAILURES = {
    "no_folder": QT_TRANSLATE_NOOP("Messages", "No backup folder is set. Choose one in Settings → Backups."),
    "folder_missing": QT_TRANSLATE_NOOP("Messages", "The backup folder cannot be reached (is the network share "
                                                    "connected?); no backup was written."),
    "folder_unwritable": QT_TRANSLATE_NOOP("Messages", "The backup folder does not allow writing; no backup was "
                                                       "written. Choose another folder or ask IT for write access."),
    "disk_full": QT_TRANSLATE_NOOP("Messages", "The backup folder's disk is full; no backup was written and nothing "
                                               "was left behind."),
    "verify": QT_TRANSLATE_NOOP("Messages", "The backup was written but failed its check, so it was removed. Check "
                                            "the backup folder's disk and try again."),
    "tool_failed": QT_TRANSLATE_NOOP("Messages", "pg_dump could not back up the server database (is the server "
                                                 "reachable, does the user have read access?)."),
    "interrupted": QT_TRANSLATE_NOOP("Messages", "The backup was interrupted (the program closed while writing it)."),
    "tool_missing": QT_TRANSLATE_NOOP("Messages", "pg_dump is not installed on this computer, so it cannot back up "
                                                  "the server database. Install the PostgreSQL client tools, or let "
                                                  "the scheduled task on the server do it."),
    "tool_old": QT_TRANSLATE_NOOP("Messages", "pg_dump on this computer is older than the database server; install "
                                              "the client tools of the server's version."),
    "": QT_TRANSLATE_NOOP("Messages", "The backup could not be written (is the disk full or the folder read-only?); "
                                      "nothing was left behind."),
}

_SERVER_BACKUP = {
    "tool_missing": (QT_TRANSLATE_NOOP("Messages", "Server databases are backed up with {0}, which is not installed "
                                                   "on this computer. Install the PostgreSQL client tools, or run "
                                                   "“interviewdesk db backup” on the server."), "tool"),
    "tool_old": (QT_TRANSLATE_NOOP("Messages", "pg_dump on this computer is version {0}, older than the server "
                                               "(version {1}); it cannot back it up. Install the client tools of "
                                               "the server's version."), "tool", "server"),
    "": QT_TRANSLATE_NOOP("Messages", "Server databases are backed up on the server with pg_dump."),
}


def backup_failure_text(reason: str) -> str:
    """Why a backup failed, from the reason a backup run recorded ("verify:sha256,…" counts as verify)."""
    return _worded(_BACKUP_FAILURES, reason.split(":")[0], {}, "")


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
        return backup_failure_text(str(p.get("reason", "")))
    if isinstance(error, errors.BackupInProgress):
        return QCoreApplication.translate("Messages", "Another desktop is writing a backup of this database right now. "
                                          "Wait a few minutes and look at the list of backups again.")
    if isinstance(error, errors.ServerBackupUnsupported):
        return _worded(_SERVER_BACKUP, p.get("reason", ""), p, "")
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
        kind = _worded(_SETTING_KINDS, p.get("kind"), {}, "str")
        return _worded(_SETTING_PROBLEMS, p.get("reason"), {**p, "kind": kind}, "format")
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
    if isinstance(error, errors.SecondPersonRequired):
        return QCoreApplication.translate("Messages", "You proposed this purge yourself. Removing personal data "
                                          "takes two people: another approver must decide it.")
    if isinstance(error, errors.AlreadyDecided):
        return QCoreApplication.translate("Messages", "Someone else has already dealt with this request. "
                                          "The list shows where it stands now.")
    if isinstance(error, errors.InvalidState) and p.get("reason") in SCORECARD_STATES:
        return scorecard_state_text(str(p["reason"]), p)
    if isinstance(error, errors.InvalidState):
        from desktop.core import labels
        status = str(p.get("status", ""))
        return _worded(_INVALID_STATES, status, {**p, "interview": labels.interview_status(status),
                                                 "reply_by_local": _office_time(p.get("reply_by"))},
                       "interview")
    if isinstance(error, errors.ArchiveExportRefused):
        return archive_export_text(error)
    if isinstance(error, errors.BadLink):
        return link_text(str(p.get("reason", "")))
    if isinstance(error, errors.DossierUnavailable):
        return dossier_text(str(p.get("reason", "")))
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
