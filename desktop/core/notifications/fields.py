"""The fields a message template may use: what each is called (Chinese and English) and how its
text is made from an outbox payload and the office's facts.

Payload keys read (see scheduling.effects.details for the interview snapshot): candidate_id,
candidate_name, starts_at, ends_at (ISO UTC), mode, room, room_location, video_link, position, round,
reason, confirm_by (ISO UTC or None). Messages to staff (notifications.routing) also carry, where they
apply: user_id and recipient_name, change_request_id, change_kind, change_reason, step, verdict,
comment, decided_by, minutes; an offer notice carries reply_by and report_date (ISO dates). What a
staff payload leaves out but the database knows (the candidate's name, the requester, the step's and
the confirmation's deadlines) is looked up once by `load_facts`. A value that is nowhere renders as
"" — never "None".

Everything that needs the database is read once into `Facts`; turning facts and a payload into
texts is pure, so the Settings preview can render on every keystroke."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from desktop.core import matching, settings
from desktop.core.model import (
    Application,
    Candidate,
    ChangeRequest,
    Interview,
    Room,
    User,
)
from desktop.core.model.base import run_built

WEEKDAYS_ZH = "一二三四五六日"
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")


@dataclass(frozen=True)
class Facts:
    """What a message needs beyond its payload: institution settings, and payload values the
    database knows (`known`, under the payload's key names; the payload wins where it has them)."""

    zone: ZoneInfo
    institution: str = ""
    sender_name: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    known: dict[str, Any] = field(default_factory=dict)


# The names notifications.routing and scheduling use in staff payloads, and the field data they fill.
ALIASES = {"change_reason": "reason", "step": "approval_step", "verdict": "decision", "comment": "decision_comment",
           "decided_by": "approver", "minutes": "minutes_late"}


def data_of(payload: dict[str, Any], facts: Facts) -> dict[str, Any]:
    data = dict(facts.known)
    for key, value in payload.items():
        if value is None or value == "":
            continue
        data[key] = value
        if key in ALIASES and data.get(ALIASES[key]) in (None, "") and ALIASES[key] not in payload:
            data[ALIASES[key]] = value
    return data


@dataclass(frozen=True)
class _Queries:
    interview: Any
    candidate: Any
    applicant: Any


@functools.cache
def _queries() -> _Queries:
    """load_facts' lookups, built once: every message the outbox sends asks them (the columns they
    need, not whole rows; run on the connection after the session's autoflush (run_built), so a
    change not yet flushed is seen, as session.get saw it, without the ORM's per-statement work).
    Each takes a list of ids (load_facts_many asks for a claim's messages at once)."""
    person = (Candidate.name, Candidate.gender)
    return _Queries(
        select(Interview.id, Interview.application_id, Interview.confirmation_due_at)
        .where(Interview.id.in_(bindparam("ids", expanding=True))),
        select(Candidate.id, *person).where(Candidate.id.in_(bindparam("ids", expanding=True))),
        select(Application.id, *person).join(Application, Application.candidate_id == Candidate.id)
        .where(Application.id.in_(bindparam("ids", expanding=True))))


FACT_KEYS = ("interview_id", "candidate_id", "user_id", "change_request_id")   # the records load_facts looks up


def _rows(session: Session, query: Any, ids: set[Any]) -> dict[Any, Any]:
    """The rows of `query` for these ids, by id (none asked: no query)."""
    return {row[0]: row for row in run_built(session, query, {"ids": list(ids)})} if ids else {}


def load_facts(session: Session, payload: dict[str, Any]) -> Facts:
    return load_facts_many(session, [payload])[0]


def load_facts_many(session: Session, payloads: list[dict[str, Any]]) -> list[Facts]:
    """Each payload's facts, as `load_facts` reads them one by one: the office's settings once, and
    the interviews and candidates of all of them in one query each (the outbox worker prepares a
    claim's messages together; three queries per message cost more than composing it)."""
    def value(key: str) -> str:
        return str(settings.institution_value(session, key) or "")

    office = dict(zone=ZoneInfo(value("office.timezone") or "Asia/Shanghai"), institution=value("office.name"),
                  sender_name=value("notify.sender_name"), contact_name=value("notify.contact_name"),
                  contact_phone=value("notify.contact_phone"))
    queries = _queries()
    interviews = _rows(session, queries.interview, {p["interview_id"] for p in payloads if p.get("interview_id")})
    candidates = _rows(session, queries.candidate,
                       {p["candidate_id"] for p in payloads if p.get("candidate_id") is not None})
    applicants = _rows(session, queries.applicant, {
        interviews[p["interview_id"]].application_id for p in payloads
        if p.get("candidate_id") is None and p.get("interview_id") and p["interview_id"] in interviews})
    facts = []
    for payload in payloads:
        known: dict[str, Any] = {}
        interview = interviews.get(payload["interview_id"]) if payload.get("interview_id") else None
        candidate = None
        if payload.get("candidate_id") is not None:
            candidate = candidates.get(payload["candidate_id"])
        elif interview is not None:
            candidate = applicants.get(interview.application_id)
        if candidate is not None:
            known |= {"candidate_name": candidate.name, "candidate_gender": candidate.gender.value}
        if interview is not None and interview.confirmation_due_at is not None and "confirm_by" not in payload:
            known["confirm_by"] = interview.confirmation_due_at.isoformat()
        if payload.get("user_id") is not None and not payload.get("recipient_name"):
            user = session.get(User, payload["user_id"])
            known["recipient_name"] = user.display_name if user is not None else ""
        request = session.get(ChangeRequest, payload["change_request_id"]) if payload.get("change_request_id") else None
        if request is not None:
            requester = session.get(User, request.requested_by_id) if request.requested_by_id else None
            known["requester"] = requester.display_name if requester is not None else request.requested_by_party.value
            if request.step_due_at is not None:
                known["approval_due"] = request.step_due_at.isoformat()
            known["proposed_change"] = proposed_change(session, request.before or {}, request.proposed or {})
        facts.append(Facts(**office, known=known))
    return facts


def proposed_change(session: Session, before: dict[str, Any], proposed: dict[str, Any]) -> dict[str, Any]:
    """What a change request would change, with names instead of ids, for `change_summary`."""
    change: dict[str, Any] = {}
    if proposed.get("status") == "cancelled":
        return {"cancel": True}
    if proposed.get("starts_at") and (proposed.get("starts_at"), proposed.get("duration_minutes")) != (
            before.get("starts_at"), before.get("duration_minutes")):
        start = datetime.fromisoformat(proposed["starts_at"])
        change["starts_at"] = start.isoformat()
        change["ends_at"] = (start + timedelta(minutes=int(proposed.get("duration_minutes") or 30))).isoformat()
    if any(proposed.get(k) != before.get(k) for k in ("room_id", "mode", "video_link")):
        room = session.get(Room, proposed["room_id"]) if proposed.get("room_id") else None
        change["place"] = {"mode": proposed.get("mode"), "video_link": proposed.get("video_link") or "",
                           "room": room.name if room else "", "room_location": room.location if room else ""}
    if sorted(proposed.get("interviewer_ids") or []) != sorted(before.get("interviewer_ids") or []):
        ids = proposed.get("interviewer_ids") or []
        names = dict(session.execute(select(User.id, User.display_name).where(User.id.in_(ids))).all())
        change["interviewers"] = [names.get(i, "") for i in ids]
    return change


# --- formatting in the office's zone ------------------------------------------------------------

def _instant(text: Any) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _day(moment: date, locale: str) -> str:
    if locale == "en":
        return f"{WEEKDAYS_EN[moment.weekday()]}, {moment.day} {MONTHS_EN[moment.month - 1]} {moment.year}"
    return f"{moment.year}年{moment.month}月{moment.day}日（星期{WEEKDAYS_ZH[moment.weekday()]}）"


def _when(text: Any, facts: Facts, locale: str) -> str:
    moment = _instant(text)
    if moment is None:
        return ""
    local = moment.astimezone(facts.zone)
    return f"{_day(local, locale)}{', ' if locale == 'en' else ''}{local:%H:%M}"


def _short(text: Any, facts: Facts, locale: str) -> str:
    """Month, day, weekday and time, for text messages: 11月24日（周二）09:30 / Tue 24 Nov 09:30."""
    moment = _instant(text)
    if moment is None:
        return ""
    local = moment.astimezone(facts.zone)
    if locale == "en":
        return f"{WEEKDAYS_EN[local.weekday()][:3]} {local.day} {MONTHS_EN[local.month - 1][:3]} {local:%H:%M}"
    return f"{local.month}月{local.day}日（周{WEEKDAYS_ZH[local.weekday()]}）{local:%H:%M}"


def _date(text: Any, locale: str) -> str:
    try:
        return _day(date.fromisoformat(str(text)[:10]), locale) if text else ""
    except ValueError:
        return ""


def interview_time(payload: dict[str, Any], facts: Facts, locale: str) -> str:
    start, end = _instant(payload.get("starts_at")), _instant(payload.get("ends_at"))
    if start is None:
        return ""
    text = _when(payload.get("starts_at"), facts, locale)
    return text + (f"–{end.astimezone(facts.zone):%H:%M}" if end is not None else "")


def interview_date(payload: dict[str, Any], facts: Facts, locale: str) -> str:
    start = _instant(payload.get("starts_at"))
    return _day(start.astimezone(facts.zone), locale) if start is not None else ""


# --- words --------------------------------------------------------------------------------------

_WORDS = {
    "zh_CN": {
        "male": "{0}先生", "female": "{0}女士", "onsite": "现场面试", "video": "视频面试",
        "video_place": "线上视频面试，会议链接：{0}", "office": "人事处", "contact_phone": "{0}（电话：{1}）",
        "reschedule": "调整面试时间", "room": "更换面试地点", "swap_interviewer": "更换面试官", "cancel": "取消面试",
        "approved": "同意", "rejected": "不同意", "filed": "已备案", "confirmed": "已确认",
        "approve": "审批", "file": "备案", "confirm": "确认", "candidate": "候选人", "interviewer": "面试官",
        "hr": "人事专员",
        "pay": "薪酬福利", "growth": "晋升发展", "team": "团队与岗位职责", "arrangement": "工作安排", "other": "其他",
        "confirm_email": "直接回复本邮件“确认”", "confirm_sms": "回复短信“1”",
        "confirm_any": "回复邮件“确认”或回复短信“1”",
        "ask_by": "请于{0}前{1}，确认参加。", "ask": "请{0}，确认参加。", "list": "、",
        "ask_by_sms": "请于{0}前回复“1”确认参加。", "ask_sms": "请回复“1”确认参加。",
    },
    "en": {
        "male": "Mr {0}", "female": "Ms {0}", "onsite": "on site", "video": "video call",
        "video_place": "online by video call: {0}", "office": "Human Resources Office",
        "contact_phone": "{0} (tel. {1})",
        "reschedule": "new time", "room": "new place", "swap_interviewer": "new interviewer", "cancel": "cancellation",
        "approved": "approved", "rejected": "rejected", "filed": "filed", "confirmed": "confirmed",
        "approve": "approval", "file": "filing", "confirm": "confirmation", "candidate": "the candidate",
        "interviewer": "an interviewer", "hr": "HR",
        "pay": "pay and benefits", "growth": "promotion and development", "team": "team and duties",
        "arrangement": "working arrangements", "other": "other",
        "confirm_email": "reply to this e-mail with “confirm”", "confirm_sms": "reply “1” to this text message",
        "confirm_any": "reply “confirm” to our e-mail or “1” to our text message",
        "ask_by": "Please {1} by {0} to confirm that you will attend.",
        "ask": "Please {0} to confirm that you will attend.", "list": ", ",
        "ask_by_sms": "Reply 1 by {0} to confirm.", "ask_sms": "Reply 1 to confirm.",
    },
}


def words(locale: str) -> dict[str, str]:
    return _WORDS["en" if locale == "en" else "zh_CN"]


def _text(payload: dict[str, Any], key: str) -> str:
    value = payload.get(key)
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value if v is not None)
    return str(value)


def salutation(payload: dict[str, Any], facts: Facts, locale: str) -> str:
    name = _text(payload, "candidate_name")
    if not name:
        return ""
    gender = payload.get("candidate_gender")
    return words(locale)[gender].format(name) if gender in ("male", "female") else name


def place(payload: dict[str, Any], facts: Facts, locale: str) -> str:
    if payload.get("mode") == "video":
        link = _text(payload, "video_link")
        return words(locale)["video_place"].format(link) if link else words(locale)["video"]
    room, where = _text(payload, "room"), _text(payload, "room_location")
    if room and where and where not in room:
        return f"{room}（{where}）" if locale != "en" else f"{room} ({where})"
    return room or where


def sender(facts: Facts, locale: str) -> str:
    """Who signs: the configured sender, else the institution's HR office."""
    if facts.sender_name:
        return facts.sender_name
    office = words(locale)["office"]
    if facts.institution:
        return f"{facts.institution}{office}" if locale != "en" else f"{office}, {facts.institution}"
    return office


def contact(facts: Facts, locale: str) -> str:
    if facts.contact_name and facts.contact_phone:
        return words(locale)["contact_phone"].format(facts.contact_name, facts.contact_phone)
    return facts.contact_name or facts.contact_phone or sender(facts, locale)


def how_to_confirm(channel: str, locale: str) -> str:
    w = words(locale)
    return w["confirm_email"] if channel == "email" else w["confirm_sms"] if channel == "sms" else w["confirm_any"]


def confirm_request(payload: dict[str, Any], facts: Facts, locale: str, channel: str) -> str:
    how = how_to_confirm(channel, locale)
    deadline = (_short if channel == "sms" else _when)(payload.get("confirm_by"), facts, locale)
    w = words(locale)
    if channel == "sms":     # every character counts in a text message
        return w["ask_by_sms"].format(deadline) if deadline else w["ask_sms"]
    return w["ask_by"].format(deadline, how) if deadline else w["ask"].format(how)


def change_summary(payload: dict[str, Any], facts: Facts, locale: str) -> str:
    if payload.get("change_summary"):
        return str(payload["change_summary"])
    change, w = payload.get("proposed_change") or {}, _SUMMARY["en" if locale == "en" else "zh_CN"]
    parts = [w["cancel"]] if change.get("cancel") else []
    if change.get("starts_at"):
        parts.append(w["time"].format(interview_time(change, facts, locale)))
    if change.get("place"):
        parts.append(w["place"].format(place(change["place"], facts, locale)))
    if change.get("interviewers"):
        parts.append(w["interviewers"].format(words(locale)["list"].join(n for n in change["interviewers"] if n)))
    return w["join"].join(parts)


_SUMMARY = {"zh_CN": {"cancel": "取消面试", "time": "时间改为{0}", "place": "地点改为{0}", "interviewers": "面试官改为{0}",
                      "join": "；"},
            "en": {"cancel": "cancel the interview", "time": "time: {0}", "place": "place: {0}",
                   "interviewers": "interviewers: {0}", "join": "; "}}


def reply_to_decide(payload: dict[str, Any], locale: str) -> str:
    """How to decide by replying to this approval mail, with its one-time code (scheduling.mail_approval);
    empty when the mail carries no code (decisions by mail are off, or the code was used up)."""
    code = _text(payload, "approval_code")
    if not code:
        return ""
    if locale == "en":
        return (f"You may also decide by replying to this e-mail from your registered address: write “agree” or "
                f"“disagree” on the first line (a comment may follow; give your reason when you disagree) and keep "
                f"the approval code {code} in the reply. The code works once, for this step only.")
    return (f"也可用登记的邮箱直接回复本邮件办理：第一行写“同意”或“不同意”（其后可写意见，不同意时请写明理由），"
            f"并在回复中保留审批码 {code}。审批码仅限本环节使用一次。")


def _list(payload: dict[str, Any], key: str, locale: str) -> str:
    value = payload.get(key)
    if isinstance(value, (list, tuple)):
        return words(locale)["list"].join(str(v) for v in value if v)
    return _text(payload, key)


def _word(payload: dict[str, Any], key: str, locale: str) -> str:
    value = _text(payload, key)
    return words(locale).get(value, value) if value else ""


# --- after the interview: the survey, the next step, progress answers -----------------------------

_AFTER = {
    "zh_CN": {
        "survey_how": "请直接回复数字（1-5分，5分最好），按题目顺序，如：{0}",
        "survey_how_sms": "请回复{0}个1-5的数字，如：{1}",
        "next_interview": "面试安排在{0}", "wait": "请留意我们的通知",
        "applied": "已报名，等待资格审查", "screening": "资格审查中", "interviewing": "面试阶段",
        "on_hold": "综合评定中", "offer": "拟录用，后续安排另行通知", "hired": "已录用",
        "rejected": "本次应聘流程已结束", "withdrawn": "已撤回应聘",
        "progress": "您应聘的{0}岗位当前进度：{1}。", "progress_next": "下一步：{0}。",
        "progress_contact": "您的应聘正在处理中，人事处将与您联系。",
    },
    "en": {
        "survey_how": "Reply with one digit per question (1 to 5, 5 is best), in order, e.g. {0}",
        "survey_how_sms": "Reply {0} scores 1-5, e.g. {1}",
        "next_interview": "an interview on {0}", "wait": "please watch for our notice",
        "applied": "applied, awaiting screening", "screening": "being screened", "interviewing": "interviews",
        "on_hold": "under final review", "offer": "proposed for hiring, details to follow", "hired": "hired",
        "rejected": "the selection for this application has ended", "withdrawn": "withdrawn",
        "progress": "Your application for {0}: {1}.", "progress_next": "Next step: {0}.",
        "progress_contact": "Your application is in progress; Human Resources will contact you.",
    },
}


def _after(locale: str) -> dict[str, str]:
    return _AFTER["en" if locale == "en" else "zh_CN"]


def _example(count: int) -> str:
    return " ".join("545"[i % 3] for i in range(count))


def survey(payload: dict[str, Any], locale: str, channel: str) -> str:
    """The numbered questions and how to answer: one a line by e-mail, on one line by SMS."""
    questions = payload.get("survey_questions_en" if locale == "en" else "survey_questions") \
        or payload.get("survey_questions") or []
    if not questions:
        return ""
    w = _after(locale)
    if channel == "sms":
        numbered = " ".join(f"{n}.{q}" for n, q in enumerate(questions, 1))
        return f"{numbered} {w['survey_how_sms'].format(len(questions), _example(len(questions)))}"
    lines = [f"{n}. {q}" for n, q in enumerate(questions, 1)]
    return "\n".join(lines + [w["survey_how"].format(_example(len(questions)))])


def next_step(payload: dict[str, Any], facts: Facts, locale: str) -> str:
    """The next step as the candidate was told it (the room's closing checklist), else an interview
    booked next, else nothing."""
    if payload.get("next_at"):
        return _after(locale)["next_interview"].format(_when(payload["next_at"], facts, locale))
    return _text(payload, "next_step").strip().rstrip("。.！!；;，, ")


def stage(payload: dict[str, Any], locale: str) -> str:
    code = _text(payload, "stage")
    return _after(locale).get(code, "") if code else ""


def progress(payload: dict[str, Any], facts: Facts, locale: str) -> str:
    """What a "进度" reply is told, as far as replies.progress_visibility allows."""
    w = _after(locale)
    visibility = payload.get("visibility") or "contact_only"
    if visibility == "contact_only" or not stage(payload, locale):
        return w["progress_contact"]
    text = w["progress"].format(_text(payload, "position"), stage(payload, locale))
    if visibility == "stage_and_next":
        following = next_step(payload, facts, locale)
        if following:
            text += (" " if locale == "en" else "") + w["progress_next"].format(following)
    return text


def feedback(payload: dict[str, Any], locale: str) -> str:
    """The interview feedback as far as feedback.visibility allowed when the decision was made:
    nothing beyond the result, or the panel's weighted average and the average per criterion (also
    with "summary", whose written text is the field feedback_summary)."""
    shown = payload.get("feedback") or {}
    if shown.get("visibility") not in ("scores", "summary") or not shown.get("average"):
        return ""
    if locale == "en":
        parts = [f"weighted average {shown['average']} of 10"] + [f"{n} {v}" for n, v in shown.get("criteria") or []]
        return "; ".join(parts)
    parts = [f"加权平均 {shown['average']} 分（满分 10 分）"] + [f"{n} {v} 分" for n, v in shown.get("criteria") or []]
    return "；".join(parts)


def feedback_summary(payload: dict[str, Any]) -> str:
    """The written summary HR approved (visibility "summary"); empty otherwise."""
    shown = payload.get("feedback") or {}
    return (shown.get("summary") or "").strip() if shown.get("visibility") == "summary" else ""


# --- personal-data requests (desktop/core/lifecycle/requests.py) ----------------------------------

_PRIVACY = {
    "zh_CN": {
        "access": "查阅、复制个人信息", "correct": "更正个人信息", "delete": "删除个人信息",
        "restrict": "限制处理个人信息", "withdraw_consent": "撤回同意（退出人才库）",
        "name": "姓名", "gender": "性别", "phone": "手机号码", "email": "电子邮箱", "id_number": "身份证号码",
        "education": "学历", "school": "毕业院校", "major": "专业", "years_experience": "工作年限",
        "experience": "工作经历", "skills": "技能", "certificates": "证书",
        "hired": "录用人员档案", "not_hired": "未录用人员的招聘记录", "withdrawn": "撤回应聘人员的招聘记录",
        "talent_pool": "人才库记录", "audit_log": "审计日志", "permanent": "永久保存",
        "attached": "您的个人信息副本（PDF 可读版与 JSON 数据版）附在本邮件中，请妥善保管。",
        "collect": "您的个人信息副本（PDF 可读版与 JSON 数据版）已备好，请携带本人身份证件到人事处领取。",
        "collect_sms": "请携带身份证件到人事处领取副本。",
        "list": "、",
    },
    "en": {
        "access": "see and copy your personal information", "correct": "correct your personal information",
        "delete": "delete your personal information", "restrict": "restrict the processing of your personal information",
        "withdraw_consent": "withdraw your consent (leave the talent pool)",
        "name": "name", "gender": "gender", "phone": "mobile number", "email": "e-mail address",
        "id_number": "ID number", "education": "education", "school": "school", "major": "major",
        "years_experience": "years of experience", "experience": "work experience", "skills": "skills",
        "certificates": "certificates",
        "hired": "personnel records of people hired", "not_hired": "recruitment records of applicants not hired",
        "withdrawn": "recruitment records of withdrawn applications", "talent_pool": "talent pool records",
        "audit_log": "the audit log", "permanent": "permanently",
        "attached": "A copy of your personal information (a readable PDF and the data as JSON) is attached to "
                    "this e-mail; please keep it safe.",
        "collect": "A copy of your personal information (a readable PDF and the data as JSON) is ready; please "
                   "collect it at the Human Resources Office with your ID card.",
        "collect_sms": "Collect your copy at the HR Office with your ID card.",
        "list": ", ",
    },
}


def _privacy(locale: str) -> dict[str, str]:
    return _PRIVACY["en" if locale == "en" else "zh_CN"]


def privacy_word(payload: dict[str, Any], key: str, locale: str) -> str:
    code = _text(payload, key)
    return _privacy(locale).get(code, code) if code else ""


def corrected_fields(payload: dict[str, Any], locale: str) -> str:
    w = _privacy(locale)
    return w["list"].join(w.get(str(f), str(f)) for f in payload.get("corrected_fields") or [])


def retained_until(payload: dict[str, Any], locale: str) -> str:
    if "retained_until" not in payload and not payload.get("retention_class"):
        return ""
    return _date(payload.get("retained_until"), locale) or _privacy(locale)["permanent"]


def export_delivery(payload: dict[str, Any], locale: str, channel: str) -> str:
    """Attached to the e-mail, or to be collected in person (a text message carries no files)."""
    if payload.get("export_attached") and channel == "email":
        return _privacy(locale)["attached"]
    return _privacy(locale)["collect_sms" if channel == "sms" else "collect"]


@dataclass(frozen=True)
class Field:
    id: str
    zh: str
    en: str
    compute: Callable[[dict[str, Any], Facts, str, str], str]   # payload, facts, locale, channel

    def label(self, locale: str) -> str:
        return self.en if locale == "en" else self.zh


def _key(key: str) -> Callable[[dict[str, Any], Facts, str, str], str]:
    return lambda payload, _facts, _locale, _channel: _text(payload, key)


FIELDS: dict[str, Field] = {f.id: f for f in (
    Field("salutation", "称呼（姓名加先生/女士）", "Salutation (name with Mr/Ms)",
          lambda p, f, loc, _c: salutation(p, f, loc)),
    Field("candidate_name", "候选人姓名", "Candidate's name", _key("candidate_name")),
    Field("recipient_name", "收件人姓名", "Recipient's name", _key("recipient_name")),
    Field("position", "岗位", "Position", _key("position")),
    Field("round", "面试轮次", "Round", _key("round")),
    Field("interview_time", "面试时间（含星期）", "Interview time (with weekday)",
          lambda p, f, loc, _c: interview_time(p, f, loc)),
    Field("interview_time_short", "面试时间（简短，适合短信）", "Interview time (short, for SMS)",
          lambda p, f, loc, _c: _short(p.get("starts_at"), f, loc)),
    Field("interview_date", "面试日期（含星期）", "Interview date (with weekday)",
          lambda p, f, loc, _c: interview_date(p, f, loc)),
    Field("mode", "面试形式", "Interview mode", lambda p, _f, loc, _c: _word(p, "mode", loc)),
    Field("place", "面试地点或视频链接", "Place or video link", lambda p, f, loc, _c: place(p, f, loc)),
    Field("room", "会议室", "Room", _key("room")),
    Field("room_location", "会议室位置", "Room location", _key("room_location")),
    Field("video_link", "视频会议链接", "Video link", _key("video_link")),
    Field("interviewers", "面试官", "Interviewers", lambda p, _f, loc, _c: _list(p, "interviewers", loc)),
    Field("confirm_deadline", "确认截止时间", "Confirmation deadline",
          lambda p, f, loc, _c: _when(p.get("confirm_by"), f, loc)),
    Field("how_to_confirm", "确认方式", "How to confirm", lambda _p, _f, loc, c: how_to_confirm(c, loc)),
    Field("confirm_request", "确认请求（截止时间加确认方式）", "Confirmation request (deadline and how)",
          lambda p, f, loc, c: confirm_request(p, f, loc, c)),
    Field("previous_time", "原定面试时间（改期前）", "Time before the change",
          lambda p, f, loc, _c: interview_time({"starts_at": p.get("previous_starts_at"),
                                                "ends_at": p.get("previous_ends_at")}, f, loc)),
    Field("previous_room", "原定会议室（改期前）", "Room before the change", _key("previous_room")),
    Field("reason", "原因", "Reason", _key("reason")),
    Field("change_kind", "变更类型", "Kind of change", lambda p, _f, loc, _c: _word(p, "change_kind", loc)),
    Field("change_summary", "变更内容", "What changes", lambda p, f, loc, _c: change_summary(p, f, loc)),
    Field("requester", "申请人", "Requested by", lambda p, _f, loc, _c: _word(p, "requester", loc)),
    Field("approver", "审批人", "Decided by", _key("approver")),
    Field("approval_step", "审批环节", "Approval step", lambda p, _f, loc, _c: _word(p, "approval_step", loc)),
    Field("approval_due", "审批截止时间", "Decision due by", lambda p, f, loc, _c: _when(p.get("approval_due"), f, loc)),
    Field("reply_to_decide", "邮件回复审批说明（含审批码）", "How to decide by replying (with the code)",
          lambda p, _f, loc, _c: reply_to_decide(p, loc)),
    Field("decision", "审批结果", "Decision", lambda p, _f, loc, _c: _word(p, "decision", loc)),
    Field("decision_comment", "审批意见", "Approver's comment", _key("decision_comment")),
    Field("minutes_late", "迟到分钟数", "Minutes late", _key("minutes_late")),
    Field("match_score", "匹配度（百分比）", "Match score (per cent)",
          lambda p, _f, loc, _c: matching.payload_texts(p.get("match"), loc)[0]),
    Field("match_gaps", "主要差距", "Main gaps", lambda p, _f, loc, _c: matching.payload_texts(p.get("match"), loc)[1]),
    Field("match_focus", "建议重点确认", "What to check above all",
          lambda p, _f, loc, _c: matching.payload_texts(p.get("match"), loc)[2]),
    Field("reply_by", "答复截止日期", "Reply by", lambda p, _f, loc, _c: _date(p.get("reply_by"), loc)),
    Field("report_date", "报到日期", "Start date", lambda p, _f, loc, _c: _date(p.get("report_date"), loc)),
    Field("next_step", "下一步安排及时限", "Next step and when", lambda p, f, loc, _c: next_step(p, f, loc)),
    Field("survey", "满意度问卷（题目及答法）", "Survey (questions and how to answer)",
          lambda p, _f, loc, c: survey(p, loc, c)),
    Field("survey_answers", "候选人的问卷评分", "The candidate's survey scores",
          lambda p, _f, _l, _c: " ".join(str(a) for a in p.get("survey_answers") or [])),
    Field("feedback", "面试反馈（按可见范围）", "Interview feedback (as far as visible)",
          lambda p, _f, loc, _c: feedback(p, loc)),
    Field("feedback_summary", "面试评语（经人事审核）", "Feedback summary (approved by HR)",
          lambda p, _f, _l, _c: feedback_summary(p)),
    Field("stage", "应聘当前阶段", "Current stage of the application", lambda p, _f, loc, _c: stage(p, loc)),
    Field("progress", "应聘进度答复（按可见范围）", "Progress answer (as far as visible)",
          lambda p, f, loc, _c: progress(p, f, loc)),
    Field("question", "候选人的提问", "The candidate's question", _key("question")),
    Field("answer", "答复内容", "The answer", _key("answer")),
    Field("question_topic", "提问类别", "Topic of the question", lambda p, _f, loc, _c: _word(p, "question_topic", loc)),
    Field("question_due", "答复截止时间", "Reply due by", lambda p, f, loc, _c: _when(p.get("question_due"), f, loc)),
    Field("question_owner", "答复负责人", "Who answers", _key("question_owner")),
    Field("scorecard_due", "评价提交截止时间", "Scorecard due by",
          lambda p, f, loc, _c: _when(p.get("scorecard_due"), f, loc)),
    Field("interviewer_name", "未提交评价的面试官", "Interviewer who has not scored", _key("interviewer_name")),
    Field("request_kind", "个人信息请求的类型", "Kind of personal-data request",
          lambda p, _f, loc, _c: privacy_word(p, "request_kind", loc)),
    Field("request_received", "个人信息请求的收到日期", "Day the request arrived",
          lambda p, _f, loc, _c: _date(p.get("request_received"), loc)),
    Field("corrected_fields", "已更正的信息项", "What was corrected", lambda p, _f, loc, _c: corrected_fields(p, loc)),
    Field("retained_until", "保存期限届满日期", "Kept until", lambda p, _f, loc, _c: retained_until(p, loc)),
    Field("retention_basis", "保存依据（档案类别）", "Why it is kept (record class)",
          lambda p, _f, loc, _c: privacy_word(p, "retention_class", loc)),
    Field("export_delivery", "个人信息副本的提供方式", "How the copy is provided",
          lambda p, _f, loc, c: export_delivery(p, loc, c)),
    Field("institution", "单位名称", "Institution", lambda _p, f, _l, _c: f.institution),
    Field("sender", "落款（发件部门）", "Signed by", lambda _p, f, loc, _c: sender(f, loc)),
    Field("contact", "联系人及电话", "Contact person and phone", lambda _p, f, loc, _c: contact(f, loc)),
    Field("contact_name", "联系人", "Contact person", lambda _p, f, _l, _c: f.contact_name),
    Field("contact_phone", "联系电话", "Contact phone", lambda _p, f, _l, _c: f.contact_phone),
)}


def values(field_ids: set[str] | frozenset[str], payload: dict[str, Any], facts: Facts, locale: str,
           channel: str) -> dict[str, str]:
    data = data_of(payload, facts)
    return {fid: FIELDS[fid].compute(data, facts, locale, channel) for fid in field_ids}
