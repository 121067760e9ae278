"""The typed registry of settings.

Institution-wide settings live in the database (`settings` table) so every desktop sees the same
value; machine-level settings live in a local JSON file so that a rollout can preconfigure each
desktop (database location, language). Later capabilities add their settings with `register()`.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.delivery import placeholders
from desktop.core.notifications import audiences
from desktop.core.errors import InvalidSetting, UnknownSetting
from desktop.core.model import Setting
from desktop.core.model.base import run_built
from desktop.core.validation import name_problem, phone_problem, text_problem

Scope = Literal["institution", "machine"]


@dataclass(frozen=True)
class SettingSpec:
    key: str
    scope: Scope
    kind: type
    default: Any
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    pattern: str = ""
    secret: bool = False
    check: Callable[[Any], None] | None = None   # a further check of the parsed value; raises InvalidSetting
    max_length: int = 200          # characters of a text value (and of the text a number is read from)
    multiline: bool = False        # a text that may hold line breaks and tabs (JSON, a request template)

    def parse(self, value: Any) -> Any:
        """Turn text (from the command line or a file) or a JSON value into a checked value. A value
        of the wrong JSON type (an object or a list for a name, text for a yes/no) is refused, not
        turned into text; text is bounded and free of control and direction characters."""
        if isinstance(value, (dict, list, tuple, set, float)) or (isinstance(value, bool) and self.kind is not bool):
            raise InvalidSetting(f"{self.key}: wrong type", key=self.key, reason="type", kind=self.kind.__name__)
        if isinstance(value, str):
            self._check_text(value)
        try:
            if self.kind is bool:
                if isinstance(value, bool):
                    parsed: Any = value
                elif str(value).strip().lower() in ("1", "true", "yes", "on", "是"):
                    parsed = True
                elif str(value).strip().lower() in ("0", "false", "no", "off", "否"):
                    parsed = False
                else:
                    raise ValueError(value)
            elif self.kind is int:
                if isinstance(value, bool):
                    raise ValueError(value)
                parsed = int(str(value).strip())
            else:
                parsed = "" if value is None else str(value).strip()
        except ValueError:
            raise InvalidSetting(f"{self.key}: wrong type", key=self.key, reason="type",
                                 kind=self.kind.__name__) from None
        if self.choices and parsed not in self.choices:
            raise InvalidSetting(f"{self.key}: not a choice", key=self.key, reason="choice",
                                 choices=", ".join(self.choices))
        if self.minimum is not None and parsed < self.minimum:
            raise InvalidSetting(f"{self.key}: too small", key=self.key, reason="minimum", limit=self.minimum)
        if self.maximum is not None and parsed > self.maximum:
            raise InvalidSetting(f"{self.key}: too large", key=self.key, reason="maximum", limit=self.maximum)
        if self.pattern and parsed and not re.fullmatch(self.pattern, parsed):
            raise InvalidSetting(f"{self.key}: wrong format", key=self.key, reason="format")
        if self.key.endswith("timezone"):
            try:
                ZoneInfo(parsed)
            except (ZoneInfoNotFoundError, ValueError):
                raise InvalidSetting(f"{self.key}: unknown zone", key=self.key, reason="timezone") from None
        if self.check is not None:
            self.check(parsed)
        return parsed

    def _check_text(self, value: str) -> None:
        if len(value) > self.max_length:
            raise InvalidSetting(f"{self.key}: too long", key=self.key, reason="too_long", limit=self.max_length)
        problem = (text_problem(value, self.max_length) if self.multiline
                   else name_problem(value, self.max_length, required=False))
        if problem in ("bad_chars", "control_chars"):
            raise InvalidSetting(f"{self.key}: {problem}", key=self.key, reason=problem)

    def shown(self, value: Any) -> str:
        if self.secret and value:
            return "******"
        if self.kind is bool:
            return "true" if value else "false"
        return str(value)


REGISTRY: dict[str, SettingSpec] = {}


def register(spec: SettingSpec) -> SettingSpec:
    REGISTRY[spec.key] = spec
    return spec


for _spec in (
    SettingSpec("ui.language", "machine", str, "zh_CN", choices=("zh_CN", "en")),
    SettingSpec("database.path", "machine", str, "", max_length=1024),
    SettingSpec("database.url", "machine", str, "", pattern=r"postgresql(\+psycopg)?://.+", secret=True,
                max_length=2048),
    SettingSpec("office.name", "institution", str, "", max_length=100),
    SettingSpec("office.timezone", "institution", str, "Asia/Shanghai"),
    SettingSpec("office.working_day_start", "institution", str, "08:30", pattern=r"([01]\d|2[0-3]):[0-5]\d"),
    SettingSpec("office.working_day_end", "institution", str, "17:30", pattern=r"([01]\d|2[0-3]):[0-5]\d"),
    SettingSpec("office.lunch_break", "institution", str, "12:00-13:30",
                pattern=r"(([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d)?"),
    SettingSpec("security.max_failed_logins", "institution", int, 5, minimum=1, maximum=50),
    SettingSpec("security.lockout_minutes", "institution", int, 15, minimum=1, maximum=24 * 60),
    SettingSpec("security.idle_lock_minutes", "institution", int, 15, minimum=1, maximum=8 * 60),
    SettingSpec("security.min_password_length", "institution", int, 8, minimum=8, maximum=64),
    # searches by phone, ID number or e-mail per user and hour (each is audited; see services/candidates.py)
    SettingSpec("security.identifier_searches_per_hour", "institution", int, 60, minimum=1, maximum=1000),
    SettingSpec("reminders.unconfirmed_minutes_before", "institution", int, 60, minimum=5, maximum=24 * 60),
    SettingSpec("confirmation.deadline_minutes", "institution", int, 60, minimum=5, maximum=7 * 24 * 60),
    # reception may check a candidate in on the interview's day from `before` minutes before its start
    # until `after` minutes after it (desktop/core/scheduling/attendance.py)
    SettingSpec("attendance.checkin_window_before_minutes", "institution", int, 60, minimum=0, maximum=12 * 60),
    SettingSpec("attendance.checkin_window_after_minutes", "institution", int, 120, minimum=0, maximum=12 * 60),
    SettingSpec("outbox.max_attempts", "institution", int, 8, minimum=1, maximum=50),
    # an interviewer in two interviews at once: refused, or allowed with a reason (scheduling/conflicts.py)
    SettingSpec("scheduling.allow_interviewer_overlap_override", "institution", bool, False),
    # approvers may decide by replying to the approval mail with its one-time code (scheduling/mail_approval.py)
    SettingSpec("approval.decide_by_mail", "institution", bool, False),
    # who hears through which channels besides the in-app notice (desktop/core/notifications/routing.py)
    SettingSpec("notify.candidate_channels", "institution", str, "email,sms", pattern=r"((email|sms)(,(email|sms))*)?"),
    SettingSpec("notify.interviewer_channels", "institution", str, "calendar,oa",
                pattern=r"((calendar|oa|email|sms)(,(calendar|oa|email|sms))*)?"),
    SettingSpec("notify.approver_channels", "institution", str, "oa", pattern=r"((oa|email|sms)(,(oa|email|sms))*)?"),
    SettingSpec("notify.hr_channels", "institution", str, "oa", pattern=r"((oa|email|sms)(,(oa|email|sms))*)?"),
    SettingSpec("notify.reception_channels", "institution", str, "", pattern=r"((oa|email|sms)(,(oa|email|sms))*)?"),
    SettingSpec("notify.event_channels", "institution", str, "", max_length=4000, multiline=True,
                check=audiences.check_overrides),   # {"event": "channel,..."} as JSON
):
    register(_spec)

def _whole_path(value: str) -> None:
    """A folder given in full (D:\\备份, \\\\server\\share, /mnt/backup): a relative one would depend on
    where each program was started."""
    if value and not (PureWindowsPath(value).is_absolute() or PurePosixPath(value).is_absolute()):
        raise InvalidSetting("backup.folder: not a whole path", key="backup.folder", reason="whole_path")


# Backups that run by themselves (desktop/core/backups.py): daily at `backup.time` (office time) into
# `backup.folder` (empty: beside the embedded database, in backups/scheduled; a server needs one set).
for _spec in (
    SettingSpec("backup.enabled", "institution", bool, True),
    SettingSpec("backup.time", "institution", str, "12:30", pattern=r"([01]\d|2[0-3]):[0-5]\d"),
    SettingSpec("backup.folder", "institution", str, "", pattern=r"[^\x00-\x1f]{0,400}", max_length=400,
                check=_whole_path),
):
    register(_spec)

# --- channel "email": the institution's SMTP relay out, a mailbox polled over IMAP for replies ---
_HOST = r"[A-Za-z0-9.\-\[\]:]*"
_ADDRESS = r"([^@\s]+@[^@\s]+\.[^@\s]+)?"
for _spec in (
    SettingSpec("mail.smtp_host", "institution", str, "", pattern=_HOST),
    SettingSpec("mail.smtp_port", "institution", int, 25, minimum=1, maximum=65535),
    SettingSpec("mail.smtp_security", "institution", str, "starttls", choices=("none", "starttls", "ssl")),
    SettingSpec("mail.smtp_username", "institution", str, ""),
    SettingSpec("mail.smtp_password", "institution", str, "", secret=True, max_length=1024),
    SettingSpec("mail.ca_file", "institution", str, "", max_length=1024),          # the internal CA, for both servers
    SettingSpec("mail.from_address", "institution", str, "", pattern=_ADDRESS),
    SettingSpec("mail.from_name", "institution", str, "", max_length=100),
    SettingSpec("mail.timeout_seconds", "institution", int, 20, minimum=1, maximum=300),
    SettingSpec("mail.replies_enabled", "institution", bool, False),
    SettingSpec("mail.replies_interval_minutes", "institution", int, 5, minimum=1, maximum=24 * 60),
    SettingSpec("mail.imap_host", "institution", str, "", pattern=_HOST),
    SettingSpec("mail.imap_port", "institution", int, 993, minimum=1, maximum=65535),
    SettingSpec("mail.imap_security", "institution", str, "ssl", choices=("none", "starttls", "ssl")),
    SettingSpec("mail.imap_username", "institution", str, ""),
    SettingSpec("mail.imap_password", "institution", str, "", secret=True, max_length=1024),
    SettingSpec("mail.imap_folder", "institution", str, "INBOX"),
    SettingSpec("mail.confirm_keywords", "institution", str, "确认,确认参加,确认出席,confirm,confirmed,yes,1",
                max_length=500),
):
    register(_spec)

# The audit chain's anchors (desktop/core/anchors.py): where its head is published, and how often.
for _spec in (
    SettingSpec("audit.anchor_email", "institution", str, "", pattern=_ADDRESS),
    SettingSpec("audit.anchor_oa_recipient", "institution", str, "", pattern=r"[^\s]{0,100}"),
    SettingSpec("audit.anchor_interval_hours", "institution", int, 24, minimum=1, maximum=7 * 24),
    SettingSpec("audit.anchor_folder", "institution", str, "", pattern=r"[^\x00-\x1f]{0,400}"),
):
    register(_spec)

# SMS gateway and OA webhook (desktop/integrations/http_channels): each institution's own HTTP API.
_URL = r"https?://\S+"
for _spec in (
    SettingSpec("sms.url", "institution", str, "", pattern=_URL, max_length=2048),
    SettingSpec("sms.method", "institution", str, "POST", choices=("POST", "GET")),
    SettingSpec("sms.headers", "institution", str, "", check=placeholders.check_header_object, max_length=4000,
                multiline=True),
    SettingSpec("sms.body_format", "institution", str, "json", choices=("json", "form", "query")),
    SettingSpec("sms.body_template", "institution", str,
                '{"mobile": "{phone}", "content": "{text}", "sign": "{sign_name}"}',
                check=placeholders.check_sms_body, max_length=4000, multiline=True),
    SettingSpec("sms.sign_name", "institution", str, ""),
    SettingSpec("sms.secret", "institution", str, "", secret=True, max_length=1024),
    SettingSpec("sms.signature_header", "institution", str, "", pattern=r"[A-Za-z0-9-]{1,64}"),
    SettingSpec("sms.timestamp_header", "institution", str, "X-Timestamp", pattern=r"[A-Za-z0-9-]{1,64}"),
    SettingSpec("sms.success_field", "institution", str, "", pattern=r"[\w.-]{1,100}"),
    SettingSpec("sms.success_value", "institution", str, ""),
    SettingSpec("sms.message_field", "institution", str, "", pattern=r"[\w.-]{1,100}"),
    SettingSpec("sms.message_id_field", "institution", str, "", pattern=r"[\w.-]{1,100}"),
    SettingSpec("sms.timeout_seconds", "institution", int, 10, minimum=1, maximum=120),
    SettingSpec("sms.ca_file", "institution", str, "", max_length=1024),
    SettingSpec("oa.url", "institution", str, "", pattern=_URL, max_length=2048),
    SettingSpec("oa.secret", "institution", str, "", secret=True, max_length=1024),
    SettingSpec("oa.timeout_seconds", "institution", int, 10, minimum=1, maximum=120),
    SettingSpec("oa.ca_file", "institution", str, "", max_length=1024),
):
    register(_spec)

# Polling the SMS gateway for candidates' replies (desktop/integrations/http_channels/sms_inbox.py):
# a request like the outgoing one, signed with sms.secret, and where the messages are in the answer.
_FIELD = r"[\w.-]{1,100}"
for _spec in (
    SettingSpec("sms_inbox.enabled", "institution", bool, False),
    SettingSpec("sms_inbox.url", "institution", str, "", pattern=_URL, max_length=2048),
    SettingSpec("sms_inbox.method", "institution", str, "GET", choices=("GET", "POST")),
    SettingSpec("sms_inbox.headers", "institution", str, "",
                check=lambda text: placeholders.check_header_object(text, "sms_inbox.headers"),
                max_length=4000, multiline=True),
    SettingSpec("sms_inbox.since_param", "institution", str, "since", pattern=r"[\w.-]{0,64}"),
    SettingSpec("sms_inbox.since_format", "institution", str, "unix", choices=("unix", "iso")),
    SettingSpec("sms_inbox.list_path", "institution", str, "data", pattern=r"[\w.-]{0,100}"),
    SettingSpec("sms_inbox.id_field", "institution", str, "id", pattern=_FIELD),
    SettingSpec("sms_inbox.phone_field", "institution", str, "mobile", pattern=_FIELD),
    SettingSpec("sms_inbox.text_field", "institution", str, "content", pattern=_FIELD),
    SettingSpec("sms_inbox.time_field", "institution", str, "time", pattern=r"[\w.-]{0,100}"),
    SettingSpec("sms_inbox.interval_minutes", "institution", int, 2, minimum=1, maximum=24 * 60),
):
    register(_spec)


def _survey_questions(value: str) -> None:
    """Three to five questions, one a line (the thank-you message numbers them)."""
    lines = [line for line in value.splitlines() if line.strip()]
    if not 3 <= len(lines) <= 5:
        raise InvalidSetting("survey: 3 to 5 questions", key="survey.questions", reason="survey_count",
                             count=len(lines))
    if any(len(line.strip()) > 100 for line in lines):
        raise InvalidSetting("survey: question too long", key="survey.questions", reason="too_long", limit=100)


def _survey_questions_en(value: str) -> None:
    if value.strip():
        try:
            _survey_questions(value)
        except InvalidSetting as error:
            raise InvalidSetting(str(error), **(error.params | {"key": "survey.questions_en"})) from None


# After the interview (desktop/core/after_interview.py, desktop/core/candidate_replies.py): the
# thank-you with its short survey, and what a candidate's "进度" reply is told.
SURVEY_DEFAULT = "您对本次面试的整体体验打几分？\n面试官是否清楚介绍了岗位与后续流程？\n面试的时间与地点安排是否方便？"
SURVEY_DEFAULT_EN = "Your overall rating?\nWere the position and next steps explained?\nWere time and place convenient?"
for _spec in (
    SettingSpec("after.thank_you_enabled", "institution", bool, True),
    SettingSpec("after.next_step_default", "institution", str, "我们将在2个工作日内通知您结果", max_length=200),
    SettingSpec("survey.enabled", "institution", bool, True),
    SettingSpec("survey.questions", "institution", str, SURVEY_DEFAULT, max_length=600, multiline=True,
                check=_survey_questions),
    SettingSpec("survey.questions_en", "institution", str, SURVEY_DEFAULT_EN, max_length=600, multiline=True,
                check=_survey_questions_en),
    # what an automatic answer to "进度" may say: the stage and next step, the stage only, or only
    # that HR will be in touch
    SettingSpec("replies.progress_visibility", "institution", str, "stage_and_next",
                choices=("stage_and_next", "stage", "contact_only")),
):
    register(_spec)


# After the decision (desktop/core/decision_effects.py, desktop/core/scorecard_deadlines.py): what
# the candidate's feedback shows ("summary": with a written summary HR approves before it goes), how
# long the result waits after the decision so HR can still correct it, and how soon it is due; when
# scorecards are due after the interview.
for _spec in (
    SettingSpec("feedback.visibility", "institution", str, "result", choices=("result", "scores", "summary")),
    SettingSpec("feedback.delay_minutes", "institution", int, 30, minimum=0, maximum=1440),
    SettingSpec("feedback.within_hours", "institution", int, 24, minimum=1, maximum=14 * 24),
    SettingSpec("scorecards.deadline_hours", "institution", int, 24, minimum=1, maximum=14 * 24),
    SettingSpec("scorecards.remind_hours", "institution", int, 20, minimum=1, maximum=14 * 24),
):
    register(_spec)


def _phone_numbers(value: str) -> None:
    """One or more numbers to call (mobile or landline with area code and extension), separated by
    commas or slashes: "010-12345678 转 123 / 13800138000"."""
    for number in re.split(r"[,，/、]", value):
        if number.strip() and phone_problem(number):
            raise InvalidSetting("notify.contact_phone: not a phone number", key="notify.contact_phone",
                                 reason="phone")


# Who signs the messages to candidates and staff, and whom to ask (desktop/core/notifications).
for _spec in (
    SettingSpec("notify.sender_name", "institution", str, "", max_length=100),      # empty: office.name + 人事处
    SettingSpec("notify.contact_name", "institution", str, "", max_length=100),
    SettingSpec("notify.contact_phone", "institution", str, "", max_length=40, check=_phone_numbers),
):
    register(_spec)

# The interviewer's desk 我的面试 (desktop/core/scheduling/my_interviews.py): whether the panel sees the
# recommendations submitted in the candidate's earlier rounds while preparing.
register(SettingSpec("desk.show_earlier_results", "institution", bool, True))
# Data maintenance (desktop/core/lifecycle/maintenance.py): a candidate not passed and not in touch
# for this many months is put on the review list for anonymisation.
register(SettingSpec("maintenance.stale_months", "institution", int, 6, minimum=1, maximum=120))
# The match report (desktop/core/matching.py): how long before an interview HR and the panel are
# warned of a low match, below which score, and the institution's own profile fields candidates fill in.
for _spec in (
    SettingSpec("match.alert_minutes_before", "institution", int, 10, minimum=1, maximum=24 * 60),
    SettingSpec("match.alert_threshold", "institution", int, 30, minimum=0, maximum=100),
    SettingSpec("match.profile_fields", "institution", str, "", max_length=500),   # comma-separated labels
):
    register(_spec)

# Candidate questions (desktop/core/questions.py): who answers each topic, and by when.
QUESTION_TOPICS = ("pay", "growth", "team", "arrangement", "other")
QUESTION_ROUTING_DEFAULT = {"pay": "hr", "growth": "dept_leader", "team": "dept_leader", "arrangement": "hr",
                            "other": "hr"}
_QUESTION_OWNER = re.compile(r"hr|dept_leader|user:[^\s:]{1,64}")


def question_routing(value: str) -> dict[str, str]:
    """The routing setting as {topic: owner rule}, every topic present (the default fills gaps);
    raises InvalidSetting on anything but a JSON object of known topics to "hr", "dept_leader" or
    "user:<username>"."""
    key = "questions.routing"
    try:
        data = json.loads(value) if value else {}
    except ValueError:
        raise InvalidSetting(f"{key}: not JSON", key=key, reason="format") from None
    if not isinstance(data, dict):
        raise InvalidSetting(f"{key}: not an object", key=key, reason="format")
    for topic, rule in data.items():
        if topic not in QUESTION_TOPICS or not isinstance(rule, str) or not _QUESTION_OWNER.fullmatch(rule):
            raise InvalidSetting(f"{key}: {topic}", key=key, reason="format")
    return QUESTION_ROUTING_DEFAULT | data


for _spec in (
    SettingSpec("questions.routing", "institution", str, json.dumps(QUESTION_ROUTING_DEFAULT),
                check=question_routing, max_length=2000, multiline=True),
    # "1d": N working days (office calendar: weekends, holidays, 调休); "4h": N hours of working time
    SettingSpec("questions.deadline", "institution", str, "1d", pattern=r"([1-9]|[1-9]\d)[dh]"),
    # questions the closing step asks the candidate for, unless the round sets its own (rounds.min_questions)
    SettingSpec("questions.min_per_round", "institution", int, 2, minimum=0, maximum=10),
):
    register(_spec)

# Personal-data requests (desktop/core/lifecycle/requests.py): the answer is due this many working days
# after the request arrived (the office calendar: weekends and holidays do not count).
register(SettingSpec("privacy.request_days", "institution", int, 15, minimum=1, maximum=60))

# --- channel "calendar": Exchange Web Services (desktop/integrations/exchange) ---------------------
for _spec in (
    SettingSpec("exchange.enabled", "institution", bool, False),
    SettingSpec("exchange.ews_url", "institution", str, "", pattern=r"https?://\S+", max_length=2048),
    SettingSpec("exchange.auth", "institution", str, "NTLM", choices=("NTLM", "Basic", "SSPI")),
    SettingSpec("exchange.username", "institution", str, ""),          # DOMAIN\\svc or svc@example.cn
    SettingSpec("exchange.password", "institution", str, "", secret=True, max_length=1024),
    SettingSpec("exchange.service_mailbox", "institution", str, "", pattern=_ADDRESS),
    SettingSpec("exchange.mode", "institution", str, "impersonation",
                choices=("impersonation", "delegate", "organizer")),
    SettingSpec("exchange.organizer_mailbox", "institution", str, "", pattern=_ADDRESS),
    SettingSpec("exchange.version", "institution", str, "auto",
                choices=("auto", "Exchange2013", "Exchange2016", "Exchange2019")),
    SettingSpec("exchange.ca_file", "institution", str, "", max_length=1024),
    SettingSpec("exchange.timeout_seconds", "institution", int, 20, minimum=2, maximum=120),
    SettingSpec("exchange.sync_interval_minutes", "institution", int, 5, minimum=1, maximum=24 * 60),
):
    register(_spec)


def _checklist(value: str) -> None:
    from desktop.core.interview_room import checklist_problem, parse_checklist

    if checklist_problem(parse_checklist(value)):
        raise InvalidSetting("room.closing_checklist: an item is too long or there are too many",
                             key="room.closing_checklist", reason="format")


# The interview room (desktop/core/interview_room.py): the default closing checklist (one item a line;
# empty: the shipped list in the user's language); a round may set its own. How many questions the
# candidate is invited to ask is questions.min_per_round (edited on the room's settings tab).
register(SettingSpec("room.closing_checklist", "institution", str, "", max_length=2000, multiline=True,
                     check=_checklist))


def spec_of(key: str) -> SettingSpec:
    try:
        return REGISTRY[key]
    except KeyError:
        raise UnknownSetting(key, key=key) from None


# --- machine-level file -------------------------------------------------------------------------

MACHINE_FILE_MAX_BYTES = 64 * 1024   # a handful of settings; anything bigger is not our file


def read_machine(path: Path) -> dict[str, Any]:
    """This computer's settings. Entries that are not machine settings, or whose value does not
    pass its setting's check (an object where a name belongs), are left out: the default applies."""
    try:
        if path.stat().st_size > MACHINE_FILE_MAX_BYTES:
            raise ValueError("too large")
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, RecursionError):
        raise InvalidSetting("machine settings file unreadable", key=str(path.name), reason="file") from None
    if not isinstance(data, dict):
        raise InvalidSetting("machine settings file unreadable", key=str(path.name), reason="file")
    values = {}
    for key, value in data.items():
        if key in REGISTRY and REGISTRY[key].scope == "machine":
            try:
                values[key] = REGISTRY[key].parse(value)
            except InvalidSetting:
                continue
    return values


def write_machine(path: Path, values: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(values, ensure_ascii=False, indent=2, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def machine_value(path: Path, key: str) -> Any:
    spec = spec_of(key)
    return read_machine(path).get(key, spec.default)


# --- institution-wide, in the database ----------------------------------------------------------

def institution_values(session: Session) -> dict[str, Any]:
    stored = dict(session.execute(select(Setting.key, Setting.value)).all())
    return {k: stored.get(k, s.default) for k, s in REGISTRY.items() if s.scope == "institution"}


def institution_value(session: Session, key: str) -> Any:
    """One setting. The stored values are read once per unit of work (one query, not one per key);
    store_institution keeps that copy current within the unit of work."""
    spec = spec_of(key)
    stored = session.info.get("_settings")
    if stored is None:
        stored = session.info["_settings"] = stored_values(session)
    return stored.get(key, spec.default)


def stored_values(session: Session) -> dict[str, Any]:
    """The stored institution settings as `institution_value` reads them (one query)."""
    return dict(run_built(session, _STORED, {}).all())


_STORED = select(Setting.key, Setting.value)   # read by nearly every unit of work


def use_stored(session: Session, stored: dict[str, Any]) -> None:
    """This unit of work reads `stored` (from `stored_values`, read moments ago in another unit of
    work) instead of querying the settings again: the outbox's senders read them once per claim."""
    session.info["_settings"] = dict(stored)


def store_institution(session: Session, key: str, value: Any, actor_label: str) -> None:
    """Write one checked value. Callers check the SETTINGS_MANAGE permission (services.config)."""
    spec = spec_of(key)
    if spec.scope != "institution":
        raise UnknownSetting(key, key=key)
    clock = session.info["clock"]
    session.info.pop("_settings", None)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value, updated_at=clock.now(), updated_by=actor_label))
    elif row.value != value:
        row.value = value
        row.updated_at = clock.now()
        row.updated_by = actor_label


# Labour contracts (desktop/core/contract_issuing.py): the institution's signing certificate (a PKCS#12
# file the administrator configures, its password a secret), the CA to validate signed contracts
# against (empty: the CA certificates inside the PKCS#12 file), and the institution's standing
# values the contract template fills in (劳动合同法 第十七条). The employer's name is office.name.
for _spec in (
    SettingSpec("contracts.pkcs12_path", "institution", str, "", max_length=1024),
    SettingSpec("contracts.pkcs12_password", "institution", str, "", secret=True, max_length=1024),
    SettingSpec("contracts.ca_file", "institution", str, "", max_length=1024),
    SettingSpec("contracts.employer_address", "institution", str, ""),
    SettingSpec("contracts.employer_representative", "institution", str, "", max_length=100),
    SettingSpec("contracts.signing_place", "institution", str, "", max_length=100),
    SettingSpec("contracts.working_hours", "institution", str,
                "乙方实行标准工时制度，每日工作8小时，每周工作40小时", max_length=500, multiline=True),
    SettingSpec("contracts.rest_and_leave", "institution", str,
                "乙方依法享受法定节假日、年休假、婚丧假、产假等假期", max_length=500, multiline=True),
    SettingSpec("contracts.social_insurance", "institution", str,
                "甲方依法为乙方缴纳养老、医疗、失业、工伤、生育保险和住房公积金", max_length=500, multiline=True),
    SettingSpec("contracts.labour_protection", "institution", str,
                "甲方按照国家规定为乙方提供符合标准的劳动条件和劳动保护用品，对可能产生职业危害的岗位如实告知并采取防护措施",
                max_length=500, multiline=True),
    SettingSpec("contracts.other_legal_matters", "institution", str,
                "法律、法规规定应当纳入劳动合同的其他事项，依照有关规定执行", max_length=500, multiline=True),
):
    register(_spec)


# Dossiers (desktop/core/archive/dossier.py): the archive store's folder (empty: <data dir>/archive;
# a network share in server mode), how the candidate's contacts appear in a dossier (masked by
# default; full or none), and the classification (密级) printed and filed with each dossier.
def _absolute_folder(value: str) -> None:
    if value and not Path(value).is_absolute():
        raise InvalidSetting("archive.folder: not absolute", key="archive.folder", reason="format")


for _spec in (
    SettingSpec("archive.folder", "institution", str, "", max_length=1024, check=_absolute_folder),
    SettingSpec("archive.include_contacts", "institution", str, "masked", choices=("masked", "full", "none")),
    SettingSpec("archive.classification", "institution", str, "内部", max_length=20),
):
    register(_spec)
