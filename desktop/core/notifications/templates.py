"""Message templates: which messages exist, in which channels, with which fields; checking an
admin's text; rendering a message from an outbox payload; saving and resetting admins' versions.

A template is plain text with `{field_id}` placeholders (`{{` and `}}` for literal braces). Default
texts ship in resources/templates/<locale>.toml; an admin's version (message_templates row) replaces
the default for one event, channel and language. E-mails get an HTML part made from the plain text
(everything escaped, paragraphs and line breaks kept). A line "label: {field}" whose fields are all
empty is left out."""

from __future__ import annotations

import html
import math
import re
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from functools import cache, lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from desktop.core import anchors
from desktop.core.errors import TemplateInvalid
from desktop.core.model import MessageTemplate
from desktop.core.model.base import run_built
from desktop.core.notifications import fields
from desktop.core.notifications.fields import FIELDS, Facts
from desktop.core.paths import resources_dir
from desktop.core.permissions import Action, require
from desktop.core.storage.database import Actor

LOCALES = ("zh_CN", "en")
CHANNELS = ("email", "sms", "oa", "desktop")
CHANNEL_LABELS = {"email": ("电子邮件", "E-mail"), "sms": ("短信", "Text message (SMS)"),
                  "oa": ("OA 办公系统", "OA system"), "desktop": ("桌面提醒", "Desktop notice")}
SUBJECT_MAX = 300           # message_templates.subject
SMS_SINGLE, SMS_PART = 70, 67   # UCS-2: 70 characters in one message, 67 per part when concatenated


@dataclass(frozen=True)
class Event:
    id: str
    zh: str
    en: str
    audience: str               # candidate, interviewer, approver, requester, hr, reception
    fields: frozenset[str]

    @property
    def channels(self) -> tuple[str, ...]:
        # Candidates are reached by e-mail and text message; staff also through OA and the desktop.
        return ("email", "sms") if self.audience == "candidate" else CHANNELS

    def label(self, locale: str) -> str:
        return self.en if locale == "en" else self.zh


_SIGN = {"institution", "sender", "contact", "contact_name", "contact_phone"}
_INTERVIEW = {"position", "round", "interview_time", "interview_time_short", "interview_date", "mode", "place", "room", "room_location",
              "video_link"}
_CANDIDATE = _SIGN | _INTERVIEW | {"salutation", "candidate_name"}
_CONFIRM = {"confirm_deadline", "how_to_confirm", "confirm_request"}
_STAFF = _SIGN | _INTERVIEW | {"recipient_name", "candidate_name", "interviewers"}
_CHANGE = {"change_kind", "change_summary", "reason"}
_QUESTION = {"question", "question_topic", "question_due", "question_owner"}
# Answers to personal-data requests (desktop/core/lifecycle/requests.py): the answer to a deletion
# names nobody (the name is gone by then); HR's remark is {answer}, a refusal's reason {reason}.
_PRIVACY = _SIGN | {"request_kind", "request_received", "answer"}
_PRIVACY_NAMED = _PRIVACY | {"salutation", "candidate_name"}

EVENTS: dict[str, Event] = {e.id: e for e in (
    Event("invitation", "面试邀请", "Interview invitation", "candidate", frozenset(_CANDIDATE | _CONFIRM)),
    Event("change_notice", "面试变更通知（请确认）", "Change notice (please confirm)", "candidate",
          frozenset(_CANDIDATE | _CONFIRM | {"reason"})),
    Event("reminder_day_before", "面试前一天提醒", "Reminder the day before", "candidate", frozenset(_CANDIDATE)),
    Event("cancellation", "面试取消通知", "Cancellation", "candidate", frozenset(_CANDIDATE | {"reason"})),
    Event("interviewer_assignment", "面试官安排通知", "Interviewer assignment", "interviewer", frozenset(_STAFF)),
    Event("interviewer_change", "面试官安排变更", "Interviewer's interview changed", "interviewer",
          frozenset(_STAFF | _CHANGE)),
    Event("approval_request", "审批请求", "Approval request", "approver",
          frozenset(_STAFF | _CHANGE | {"requester", "approval_step", "approval_due", "reply_to_decide"})),
    Event("approval_result", "审批结果通知", "Approval result", "requester",
          frozenset(_STAFF | _CHANGE | {"approver", "decision", "decision_comment"})),
    Event("confirmation_overdue", "候选人逾期未确认", "Confirmation overdue", "hr",
          frozenset(_STAFF | {"confirm_deadline"})),
    Event("late_alert", "候选人迟到提醒", "Late arrival alert", "hr", frozenset(_STAFF | {"minutes_late"})),
    Event("match_alert", "匹配度较低提醒", "Low match alert", "hr",
          frozenset(_STAFF | {"match_score", "match_gaps", "match_focus"})),
    Event("scorecard_reminder", "面试评价提交提醒", "Scorecard reminder", "interviewer",
          frozenset(_STAFF | {"scorecard_due"})),
    Event("scorecard_overdue", "面试评价逾期未提交", "Scorecard overdue", "approver",
          frozenset(_STAFF | {"scorecard_due", "interviewer_name"})),
    Event("reception_change", "前台：面试改期或取消", "Reception: interview moved or cancelled", "reception",
          frozenset(_STAFF | _CHANGE | {"previous_time", "previous_room"})),
    Event("thank_you", "面试致谢（含问卷）", "Thank you after the interview (with survey)", "candidate",
          frozenset(_CANDIDATE | {"next_step", "survey"})),
    Event("survey_thanks", "问卷答复确认", "Survey answers received", "candidate",
          frozenset(_CANDIDATE | {"survey_answers"})),
    Event("survey_clarify", "问卷答复格式提示", "Survey answer unclear", "candidate",
          frozenset(_CANDIDATE | {"survey"})),
    Event("progress_answer", "应聘进度答复", "Progress answer", "candidate",
          frozenset(_SIGN | {"salutation", "candidate_name", "position", "progress", "stage", "next_step"})),
    Event("result_pass", "面试结果（通过）", "Result: passed", "candidate",
          frozenset(_CANDIDATE | {"feedback", "feedback_summary"})),
    Event("result_regret", "面试结果（未通过）", "Result: not this time", "candidate",
          frozenset(_CANDIDATE | {"feedback", "feedback_summary"})),
    Event("offer_notice", "录用通知", "Offer notice", "candidate", frozenset(_CANDIDATE | {"reply_by", "report_date"})),
    Event("offer_late", "录用答复逾期", "Offer answer too late", "candidate", frozenset(_CANDIDATE | {"reply_by"})),
    Event("question_answer", "候选人提问的答复", "Answer to a candidate's question", "candidate",
          frozenset(_CANDIDATE | {"question", "answer"})),
    Event("privacy_access", "个人信息查阅复制请求的答复", "Answer: access to personal data", "candidate",
          frozenset(_PRIVACY_NAMED | {"export_delivery"})),
    Event("privacy_correct", "个人信息更正请求的答复", "Answer: correction", "candidate",
          frozenset(_PRIVACY_NAMED | {"corrected_fields"})),
    Event("privacy_delete", "个人信息删除请求的答复（已删除）", "Answer: deletion (deleted)", "candidate",
          frozenset(_PRIVACY)),
    Event("privacy_retained", "个人信息删除请求的答复（保存期内限制处理）", "Answer: deletion (kept, processing restricted)",
          "candidate", frozenset(_PRIVACY_NAMED | {"retained_until", "retention_basis"})),
    Event("privacy_restrict", "限制处理请求的答复", "Answer: restriction of processing", "candidate",
          frozenset(_PRIVACY_NAMED)),
    Event("privacy_withdraw", "撤回同意的答复（退出人才库）", "Answer: consent withdrawn (talent pool left)", "candidate",
          frozenset(_PRIVACY_NAMED)),
    Event("privacy_refused", "个人信息请求的答复（不予办理）", "Answer: request refused", "candidate",
          frozenset(_PRIVACY_NAMED | {"reason"})),
    Event("question_reminder", "候选人提问待答复提醒", "Candidate question: reply reminder", "hr",
          frozenset(_STAFF | _QUESTION)),
    Event("question_escalated", "候选人提问逾期未答复", "Candidate question: reply overdue", "hr",
          frozenset(_STAFF | _QUESTION)),
)}


def has_subject(channel: str) -> bool:
    return channel != "sms"


# --- syntax -------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


@lru_cache(maxsize=1024)
def _pieces(text: str) -> tuple[tuple[bool, str], ...]:
    """(is_field, text) pieces; a lone brace raises TemplateInvalid. Remembered: every message
    renders the same few template lines."""
    pieces: list[tuple[bool, str]] = []
    at = 0
    for match in _TOKEN.finditer(text):
        pieces.append((False, text[at:match.start()]))
        token = match.group(0)
        if token in ("{{", "}}"):
            pieces.append((False, token[0]))
        elif match.group(1) is not None:
            pieces.append((True, match.group(1).strip()))
        else:
            raise TemplateInvalid("模板中有不成对的花括号；如需显示花括号本身，请写成 {{ 或 }}。", reason="braces")
        at = match.end()
    pieces.append((False, text[at:]))
    return tuple(p for p in pieces if p[1] or p[0])


def used_fields(text: str) -> list[str]:
    return list(dict.fromkeys(name for is_field, name in _pieces(text) if is_field))


def validate(text: str, event: str | None = None) -> list[str]:
    """The fields `text` uses; raises TemplateInvalid naming every unknown field, or every field the
    event's messages may not use (an approver's name has no place in an invitation)."""
    names = used_fields(text)
    unknown = [n for n in names if n not in FIELDS]
    if unknown:
        shown = "、".join("{" + n + "}" for n in unknown)
        raise TemplateInvalid(f"模板引用了未知字段：{shown}", reason="unknown_field", fields=unknown)
    if event is not None:
        allowed = _event(event).fields
        refused = [n for n in names if n not in allowed]
        if refused:
            shown = "、".join("{" + n + "}" for n in refused)
            raise TemplateInvalid(f"此类消息不能使用字段：{shown}", reason="field_not_allowed", fields=refused)
    return names


def _event(event: str) -> Event:
    try:
        return EVENTS[event]
    except KeyError:
        raise TemplateInvalid(f"没有这种消息：{event}", reason="unknown_template") from None


def _check_key(event: str, channel: str, locale: str) -> Event:
    spec = _event(event)
    if channel not in spec.channels or locale not in LOCALES:
        raise TemplateInvalid(f"没有这种消息模板：{event}/{channel}/{locale}", reason="unknown_template")
    return spec


# --- texts: defaults and admins' versions -------------------------------------------------------

@dataclass(frozen=True)
class TemplateText:
    event: str
    channel: str
    locale: str
    subject: str
    body: str
    is_default: bool
    updated_at: datetime | None = None


@cache
def _defaults(locale: str) -> dict[str, dict[str, dict[str, str]]]:
    with open(resources_dir() / "templates" / f"{locale}.toml", "rb") as file:
        return tomllib.load(file)


def default_text(event: str, channel: str, locale: str = "zh_CN") -> TemplateText:
    _check_key(event, channel, locale)
    entry = _defaults(locale)[event][channel]
    return TemplateText(event, channel, locale, entry.get("subject", "").strip(), entry["body"].strip("\n"), True)


def template_for(session: Session, event: str, channel: str, locale: str = "zh_CN", *,
                 saved: dict[tuple[str, str, str], TemplateText] | None = None) -> TemplateText:
    """The admin's version if there is one, else the default. `saved`: the admins' versions as
    `saved_versions` read them (a sender reads them once for many messages) instead of a query."""
    _check_key(event, channel, locale)
    if saved is not None:
        return saved.get((event, channel, locale)) or default_text(event, channel, locale)
    row = session.scalar(select(MessageTemplate).where(
        MessageTemplate.event == event, MessageTemplate.channel == channel, MessageTemplate.locale == locale))
    if row is None:
        return default_text(event, channel, locale)
    return TemplateText(event, channel, locale, row.subject, row.body, False, row.updated_at)


_SAVED = select(MessageTemplate.event, MessageTemplate.locale, MessageTemplate.subject, MessageTemplate.body,
                MessageTemplate.updated_at).where(MessageTemplate.channel == bindparam("channel"))   # once per claim


def saved_versions(session: Session, channel: str) -> dict[tuple[str, str, str], TemplateText]:
    """Every admin's version of one channel's templates, by (event, channel, locale): one query."""
    rows = run_built(session, _SAVED, {"channel": channel}).all()
    return {(r.event, channel, r.locale): TemplateText(r.event, channel, r.locale, r.subject, r.body, False,
                                                       r.updated_at) for r in rows}


def check(event: str, channel: str, locale: str, subject: str, body: str) -> tuple[str, str]:
    """The subject and body as they would be stored; raises TemplateInvalid on the first problem."""
    _check_key(event, channel, locale)
    subject = " ".join(subject.split()) if has_subject(channel) else ""
    body = body.replace("\r\n", "\n").strip("\n")
    if not body.strip():
        raise TemplateInvalid("正文不能为空。", reason="required", part="body")
    if has_subject(channel) and not subject:
        raise TemplateInvalid("标题不能为空。", reason="required", part="subject")
    if len(subject) > SUBJECT_MAX:
        raise TemplateInvalid(f"标题不能超过 {SUBJECT_MAX} 个字符。", reason="too_long", part="subject")
    validate(subject, event)
    validate(body, event)
    return subject, body


def save(session: Session, actor: Actor, event: str, channel: str, locale: str, subject: str,
         body: str) -> TemplateText:
    """Store the admin's version; checked completely before anything is written."""
    require(session, actor, Action.SETTINGS_MANAGE)
    subject, body = check(event, channel, locale, subject, body)
    now = session.info["clock"].now()
    row = session.scalar(select(MessageTemplate).where(
        MessageTemplate.event == event, MessageTemplate.channel == channel, MessageTemplate.locale == locale))
    if row is None:
        row = MessageTemplate(event=event, channel=channel, locale=locale)
        session.add(row)
    row.subject, row.body, row.updated_at, row.updated_by_id = subject, body, now, actor.user_id
    session.flush()
    return TemplateText(event, channel, locale, subject, body, False, now)


def reset(session: Session, actor: Actor, event: str, channel: str, locale: str) -> TemplateText:
    """Back to the shipped text: the admin's version is deleted (the audit log keeps it)."""
    require(session, actor, Action.SETTINGS_MANAGE)
    default = default_text(event, channel, locale)
    row = session.scalar(select(MessageTemplate).where(
        MessageTemplate.event == event, MessageTemplate.channel == channel, MessageTemplate.locale == locale))
    if row is not None:
        session.delete(row)
        session.flush()
    return default


# --- rendering ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str           # e-mail only; "" for the other channels


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def to_html(text: str, locale: str = "zh_CN") -> str:
    """The plain text as a small HTML document: every character escaped, blank lines separate
    paragraphs, single line breaks stay line breaks."""
    escaped = html.escape(text.strip("\n"))     # once for the whole text: it leaves line ends and blanks alone
    paragraphs = [p for p in _PARAGRAPH_BREAK.split(escaped) if p.strip()]
    body = "\n".join("<p>" + p.replace("\n", "<br>\n") + "</p>" for p in paragraphs)
    lang = "en" if locale == "en" else "zh-CN"
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"></head>\n'
            f'<body style="font-family: sans-serif; font-size: 14px; line-height: 1.6">\n{body}\n</body></html>\n')


@dataclass(frozen=True)
class _Line:
    pieces: tuple[tuple[bool, str], ...]
    names: tuple[str, ...]       # its fields
    label: bool   # "label: {field}": left out when its fields are all empty (no reason given, no deadline set)


@lru_cache(maxsize=256)
def _compiled(subject: str, body: str) -> tuple[frozenset[str], tuple[tuple[bool, str], ...], tuple[_Line, ...]]:
    """A template as rendering uses it: the fields it uses, the subject's pieces, each body line's
    pieces and whether it is a label line. Remembered: every message of an event renders the same
    template, and taking it apart again cost as much as filling it in."""
    names = (set(used_fields(subject)) | set(used_fields(body))) & set(FIELDS)
    lines = []
    for line in body.split("\n"):
        pieces = _pieces(line)
        fields_of = tuple(name for is_field, name in pieces if is_field)
        literal = "".join(name for is_field, name in pieces if not is_field).strip()
        lines.append(_Line(pieces, fields_of, bool(fields_of) and literal.endswith(("：", ":"))))
    return frozenset(names), _pieces(subject), tuple(lines)


def _filled(pieces: tuple[tuple[bool, str], ...], values: dict[str, str]) -> str:
    return "".join([values.get(name, "") if is_field else name for is_field, name in pieces])


def fill(text: str, values: dict[str, str]) -> str:
    return _filled(_pieces(text), values)


def render_text(event: str, channel: str, subject: str, body: str, payload: dict[str, Any], facts: Facts,
                locale: str = "zh_CN") -> Rendered:
    """Pure: the same template, payload and facts always give the same message."""
    names, subject_pieces, body_lines = _compiled(subject, body)
    values = fields.values(names, payload, facts, locale, channel)
    subject_text = " ".join(_filled(subject_pieces, values).split()) if has_subject(channel) else ""
    lines = [_filled(line.pieces, values).rstrip() for line in body_lines
             if not (line.label and not any(values.get(n) for n in line.names))]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")   # a left-out line leaves no gap
    return Rendered(subject_text, text, to_html(text, locale) if channel == "email" else "")


def render(session: Session | None, event: str, channel: str, payload: dict[str, Any], *,
           locale: str = "zh_CN", saved: dict[tuple[str, str, str], TemplateText] | None = None,
           facts: fields.Facts | None = None) -> Rendered:
    """The message of `event` on `channel`. `saved` (saved_versions) and `facts` (fields.load_facts)
    when the caller read them already: with both, nothing is read and `session` may be None."""
    if event == anchors.KIND:   # a fixed text that `audit verify --anchors` reads back; not an editable template
        subject, text = anchors.message(payload)
        return Rendered(subject, text, to_html(text, "zh_CN") if channel == "email" else "")
    locale = locale if locale in LOCALES else "zh_CN"
    template = template_for(session, event, channel, locale, saved=saved)
    return render_text(event, channel, template.subject, template.body, payload,
                       facts if facts is not None else fields.load_facts(session, payload), locale)


def sms_segments(text: str) -> tuple[int, int]:
    """(characters, messages) under the UCS-2 rule carriers apply to Chinese text: up to 70
    characters is one message; longer texts go in parts of 67 (the rest carries the join header).
    Characters outside the BMP (emoji) take two UCS-2 units."""
    chars = len(text.encode("utf-16-le")) // 2
    if chars == 0:
        return 0, 0
    return chars, 1 if chars <= SMS_SINGLE else math.ceil(chars / SMS_PART)


def sms_parts(text: str) -> list[str]:
    """The text as the phone receives it: one message up to 70 characters, else parts of 67
    (counted in UCS-2 units as sms_segments does; a character outside the BMP is never split)."""
    chars, count = sms_segments(text)
    if count <= 1:
        return [text] if text else []
    parts, current, used = [], "", 0
    for char in text:
        width = len(char.encode("utf-16-le")) // 2
        if used + width > SMS_PART:
            parts.append(current)
            current, used = "", 0
        current += char
        used += width
    parts.append(current)
    return parts


# --- the sample interview for previews ----------------------------------------------------------

SAMPLE_PEOPLE = {
    "candidate_name": "张伟", "candidate_gender": "male", "recipient_name": "王主任", "interviewers": ["王主任", "李医生"],
    "requester": "李娜", "approver": "赵科长", "approval_step": "部门领导审批", "change_kind": "reschedule",
    "reason": "候选人因临时出差申请改期", "decision": "approved", "decision_comment": "同意。", "minutes_late": 12,
    "approval_code": "K7QM-4TXD",
    "match": {"score": 28, "gaps": [
        {"kind": "education", "label": "学历", "weight": 3, "verdict": "partly", "required": "master", "has": "bachelor"},
        {"kind": "skill", "label": "技能", "weight": 2, "verdict": "missed", "required": "Python", "missing": ["Python"]}]},
    "question": "请问这个岗位需要值夜班吗？多久轮一次？", "question_topic": "arrangement",
    "question_owner": "赵科长", "interviewer_name": "李医生",
    "answer": "需要。住院医师一般每周值一次夜班，值班次日下午可以调休。",
    # an answer to a personal-data request (privacy_*)
    "request_kind": "access", "corrected_fields": ["phone", "school"], "retention_class": "not_hired",
    "export_attached": True,
    # after the interview: the thank-you's survey, a survey answer, a progress answer
    "next_step": "我们将在2个工作日内通知您结果", "survey_answers": [5, 4, 5], "stage": "interviewing",
    "visibility": "stage_and_next",
    "survey_questions": ["您对本次面试的整体体验打几分？", "面试官是否清楚介绍了岗位与后续流程？", "面试的时间与地点安排是否方便？"],
    "survey_questions_en": ["Your overall rating?", "Were the position and next steps explained?",
                            "Were time and place convenient?"],
}


def builtin_sample(now: datetime, zone: ZoneInfo) -> dict[str, Any]:
    """The built-in sample: 张伟 for 人事专员, 初试, tomorrow 09:30 in room 301, confirmation within an hour."""
    local = datetime.combine(now.astimezone(zone).date() + timedelta(days=1), time(9, 30), tzinfo=zone)
    starts = local.astimezone(UTC)
    payload = {"starts_at": starts.isoformat(), "ends_at": (starts + timedelta(minutes=30)).isoformat(),
               "mode": "onsite", "room": "行政楼301会议室", "room_location": "行政楼三层", "video_link": "",
               "position": "人事专员", "round": "初试", "status": "scheduled"}
    return _with_people(payload, now, starts)


def _with_people(payload: dict[str, Any], now: datetime, starts: datetime) -> dict[str, Any]:
    moved = starts + timedelta(days=1, hours=5)
    return payload | SAMPLE_PEOPLE | {
        "confirm_by": min(now + timedelta(hours=1), max(starts, now)).isoformat(),
        "approval_due": (now + timedelta(hours=4)).isoformat(),
        "question_due": (now + timedelta(days=1)).isoformat(),
        "scorecard_due": (now + timedelta(hours=4)).isoformat(),
        "proposed_change": {"starts_at": moved.isoformat(), "ends_at": (moved + timedelta(minutes=30)).isoformat()},
        "reply_by": (now + timedelta(days=7)).date().isoformat(),
        "request_received": (now - timedelta(days=3)).date().isoformat(),
        "retained_until": (now + timedelta(days=4 * 365)).date().isoformat(),
        "report_date": (now + timedelta(days=30)).date().isoformat()}


def sample_payload(session: Session) -> dict[str, Any]:
    """A realistic message payload for previews: the newest real interview's position, round, time
    and place if there is one, else the built-in sample. The people are always the built-in 张伟 and
    colleagues: administrators do not see candidates, and a preview is no reason to show one."""
    from desktop.core.model import Interview
    from desktop.core.scheduling.effects import details
    from desktop.core.scheduling.office import OfficeHours

    now = session.info["clock"].now()
    interview = session.scalar(select(Interview).order_by(Interview.created_at.desc(), Interview.id.desc()).limit(1))
    if interview is None:
        return builtin_sample(now, OfficeHours.load(session).zone)
    snapshot = {k: v for k, v in details(session, interview).items() if k not in ("interview_id", "uid")}
    return _with_people(snapshot, now, interview.starts_at)
