"""Offer templates per post type (录用模板, issue 12 §3): the salary structure the institution uses
for a 岗位类别 (岗位工资 + 薪级工资 + 绩效工资 in a 事业单位, base + bonus elsewhere), probation, work
place, days to reply and to the start, and optionally the letter's own text.

- A position's post type (Position.post_type: management / professional / skilled, "" not set)
  chooses its template: the active template of that type (the first one made when there are
  several), else the active default (post type NULL).
- The shipped templates (SHIPPED) are shown while the table is empty and written at the first write
  that needs them (a save, or an offer made from one): a read never writes. Until then they carry
  negative ids (-1, -2, ...), which the writes resolve by name.
- prefill() fills an offer (offers.OfferInput) from the template, the position and the calendar;
  an amount the template leaves empty is for HR to fill before the offer can be saved.

Saving is for those who manage settings, like the contract templates (contract_issuing); every
write is audited by the session."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import settings
from desktop.core.labels import POST_TYPES                    # management / professional / skilled
from desktop.core.errors import DuplicateRecord, InvalidState, NotFound, StaleWrite, ValidationFailed
from desktop.core.model import Application, DecisionOutcome, OfferTemplate, Position, RoundDecision
from desktop.core.notifications.templates import TemplateInvalid
from desktop.core.offers import LABEL_MAX, NOTE_MAX, OFFICE_TZ, PLACE_MAX, OfferInput, PayLine
from desktop.core.permissions import Action, require
from desktop.core.scheduling.office import OfficeHours
from desktop.core.storage.database import Actor
from desktop.core.validation import clean_text, name_problem, text_problem

POST_TYPE_ZH = {"management": "管理岗位", "professional": "专业技术岗位", "skilled": "工勤技能岗位"}
# What a letter text may use: {candidate} is the name with the salutation (张三女士).
PLACEHOLDERS = ("candidate", "position", "department", "institution", "grade", "start_date", "probation",
                "work_place", "reply_by", "pay")
NAME_MAX, BODY_MAX, LINES_MAX, AMOUNT_MAX = 100, 4000, 12, 40
MAX_PROBATION, REPLY_DAYS, START_DAYS = 6, (1, 60), (0, 365)

_PERFORMANCE_NOTE = "按单位绩效考核办法发放"
# (name, post type, pay lines, probation months, reply days, start days)
SHIPPED: tuple[tuple[str, str | None, tuple[tuple[str, str, str], ...], int, int, int], ...] = (
    ("事业单位管理岗位", "management", (
        ("岗位工资", "", "按聘用的管理岗位等级执行"), ("薪级工资", "", "按工作年限和任职年限确定薪级"),
        ("基础性绩效工资", "", "按月发放"), ("奖励性绩效工资", "", _PERFORMANCE_NOTE)), 6, 7, 30),
    ("事业单位专业技术岗位", "professional", (
        ("岗位工资", "", "按聘用的专业技术岗位等级执行"), ("薪级工资", "", "按工作年限和任职年限确定薪级"),
        ("基础性绩效工资", "", "按月发放"), ("奖励性绩效工资", "", _PERFORMANCE_NOTE)), 6, 7, 30),
    ("事业单位工勤技能岗位", "skilled", (
        ("岗位工资", "", "按聘用的技术工或普通工岗位等级执行"), ("薪级工资", "", "按工作年限确定薪级"),
        ("基础性绩效工资", "", "按月发放"), ("奖励性绩效工资", "", _PERFORMANCE_NOTE)), 3, 7, 30),
    ("通用（基本工资 + 绩效奖金）", None, (
        ("基本工资", "", "按月发放"), ("绩效奖金", "", _PERFORMANCE_NOTE)), 3, 7, 30),
)


@dataclass(frozen=True)
class TemplateInput:
    name: str
    post_type: str                  # one of POST_TYPES, or "" for the default of every type
    pay: tuple[PayLine, ...]        # an empty amount is left for HR
    probation_months: int = 3
    work_place: str = ""            # empty: the institution's address (contracts.employer_address)
    reply_days: int = 7
    start_days: int = 30
    body: str = ""                  # the letter's text; empty: the standard letter


@dataclass(frozen=True)
class TemplateView:
    id: int                         # negative: a shipped template not written yet
    version: int
    name: str
    post_type: str                  # "" for the default
    pay: tuple[PayLine, ...]
    probation_months: int
    work_place: str
    reply_days: int
    start_days: int
    body: str
    active: bool
    updated_at: datetime | None = None

    @property
    def shipped(self) -> bool:
        return self.id < 0

    def as_input(self) -> TemplateInput:
        return TemplateInput(self.name, self.post_type, self.pay, self.probation_months, self.work_place,
                             self.reply_days, self.start_days, self.body)


@dataclass(frozen=True)
class OfferPrefill:
    """What the offer dialog opens with: the offer as the template fills it, the template used, the
    templates to switch to, and the last round decision as a sentence ("" when none)."""
    offer: OfferInput
    template: TemplateView
    templates: tuple[TemplateView, ...]
    post_type: str
    decision: str
    decision_outcome: str


def post_type_label(code: str | None) -> str:
    return POST_TYPE_ZH.get(code or "", code or "")


# --- reading -------------------------------------------------------------------------------------

def _view(row: OfferTemplate) -> TemplateView:
    return TemplateView(row.id, row.version, row.name, row.post_type or "",
                        tuple(PayLine(*(list(line) + ["", "", ""])[:3]) for line in row.pay),
                        row.probation_months, row.work_place, row.reply_days, row.start_days, row.body, row.active,
                        row.updated_at)


def _shipped_views() -> tuple[TemplateView, ...]:
    return tuple(TemplateView(-(i + 1), 0, name, post_type or "", tuple(PayLine(*line) for line in pay), probation,
                              "", reply, start, "", True)
                 for i, (name, post_type, pay, probation, reply, start) in enumerate(SHIPPED))


def _any_saved(session: Session) -> bool:
    return session.scalar(select(OfferTemplate.id).limit(1)) is not None


def list_templates(session: Session, *, active_only: bool = False) -> tuple[TemplateView, ...]:
    """Every template, defaults of the post types first, then by name (the shipped ones when none is
    saved). Templates hold no personal data: whoever drafts offers or manages settings reads them."""
    if not _any_saved(session):
        return _shipped_views()
    query = select(OfferTemplate).order_by(OfferTemplate.post_type.is_(None), OfferTemplate.post_type,
                                           OfferTemplate.id)
    if active_only:
        query = query.where(OfferTemplate.active.is_(True))
    return tuple(_view(row) for row in session.scalars(query))


def ensure_shipped(session: Session) -> None:
    """Write the shipped templates when no template is saved (called by writes only)."""
    if _any_saved(session):
        return
    now = session.info["clock"].now()
    for name, post_type, pay, probation, reply, start in SHIPPED:
        session.add(OfferTemplate(name=name, post_type=post_type, pay=[list(line) for line in pay],
                                  probation_months=probation, work_place="", reply_days=reply, start_days=start,
                                  body="", active=True, created_at=now, updated_at=now))
    session.flush()


def resolve(session: Session, template_id: int) -> OfferTemplate:
    """The stored template of an id a view carried; a shipped one (negative id) is written first."""
    if template_id < 0:
        ensure_shipped(session)
        index = -template_id - 1
        if index >= len(SHIPPED):
            raise NotFound("offer template", entity="offer_template")
        row = session.scalar(select(OfferTemplate).where(OfferTemplate.name == SHIPPED[index][0]))
        if row is None:          # someone renamed it after this view was read
            raise StaleWrite("offer template changed", entity="offer_template")
        return row
    row = session.get(OfferTemplate, template_id)
    if row is None:
        raise NotFound("offer template", entity="offer_template")
    return row


def template_for(session: Session, post_type: str) -> TemplateView:
    """The active template of the post type (the first made when there are several), else the
    active default. There always is an active default: the last one cannot be deactivated or given
    a post type."""
    active = sorted(list_templates(session, active_only=True), key=lambda t: abs(t.id))
    own = [t for t in active if post_type and t.post_type == post_type]
    default = [t for t in active if not t.post_type]
    found = own or default or active
    return found[0] if found else _shipped_views()[-1]


# --- validation and saving -----------------------------------------------------------------------

_AMOUNT = re.compile(r"(\d+|\d{1,3}(,\d{3})+)(\.\d{1,2})?(\s*元(/月|/年)?)?")


def _amount_problem(amount: str) -> bool:
    """An amount is empty (left for HR to fill in each offer) or a non-negative number, as the letter
    shows it: "2800", "2,800.50", "2,800 元/月". Rules such as 按考核发放 belong in the note."""
    text = amount.strip()
    return bool(text) and (len(text) > AMOUNT_MAX or _AMOUNT.fullmatch(text) is None)


def body_fields(body: str) -> set[str]:
    """The placeholders a letter text uses; TemplateInvalid names the unknown ones (or unpaired braces)."""
    try:
        parsed = list(string.Formatter().parse(body))
    except ValueError:
        raise TemplateInvalid("unpaired brace", reason="braces", part="body") from None
    names = {name for _literal, name, _spec, _conv in parsed if name is not None}
    unknown = sorted(n for n in names if n not in PLACEHOLDERS)
    bad_spec = any(name is not None and (spec or conv) for _l, name, spec, conv in parsed)
    if unknown:
        raise TemplateInvalid("unknown placeholder", reason="unknown_field", fields=tuple(unknown), part="body")
    if bad_spec:
        raise TemplateInvalid("placeholder with a format", reason="braces", part="body")
    return names


def validate(data: TemplateInput) -> TemplateInput:
    problems: dict[str, str] = {}
    problem = name_problem(data.name or "", NAME_MAX)
    if problem:
        problems["name"] = problem
    if data.post_type and data.post_type not in POST_TYPES:
        problems["post_type"] = "choice"
    if not data.pay:
        problems["pay"] = "required"
    elif len(data.pay) > LINES_MAX:
        problems["pay"] = "too_many"
    for i, line in enumerate(data.pay, start=1):
        label = clean_text(line.label)
        if not label:
            problems[f"pay{i}"] = "required"
        elif len(label) > LABEL_MAX or len(line.note.strip()) > NOTE_MAX or text_problem(line.note, NOTE_MAX):
            problems[f"pay{i}"] = "too_long"
        elif _amount_problem(line.amount):
            problems[f"pay{i}"] = "amount"
    if not 0 <= data.probation_months <= MAX_PROBATION:        # 劳动合同法 第十九条
        problems["probation_months"] = "range"
    problem = text_problem(data.work_place, PLACE_MAX)
    if problem or "\n" in clean_text(data.work_place):
        problems["work_place"] = problem or "control_chars"
    if not REPLY_DAYS[0] <= data.reply_days <= REPLY_DAYS[1]:
        problems["reply_days"] = "range"
    if not START_DAYS[0] <= data.start_days <= START_DAYS[1]:
        problems["start_days"] = "range"
    elif "reply_days" not in problems and data.reply_days > data.start_days:
        problems["reply_days"] = "exceeds_start"
    problem = text_problem(data.body, BODY_MAX)
    if problem:
        problems["body"] = problem
    if problems:
        raise ValidationFailed(problems)
    body_fields(data.body)
    return TemplateInput(name=" ".join(data.name.split()), post_type=data.post_type or "",
                         pay=tuple(PayLine(clean_text(p.label), p.amount.strip(), clean_text(p.note)) for p in data.pay),
                         probation_months=data.probation_months, work_place=clean_text(data.work_place),
                         reply_days=data.reply_days, start_days=data.start_days, body=clean_text(data.body))


def save(session: Session, actor: Actor, template_id: int | None, data: TemplateInput,
         expected_version: int | None = None) -> TemplateView:
    """Create (template_id None) or change a template; refused before anything is written."""
    require(session, actor, Action.SETTINGS_MANAGE)
    clean = validate(data)
    row = None
    if template_id is not None:
        if template_id > 0:
            row = resolve(session, template_id)
            if expected_version is not None and row.version != expected_version:
                raise StaleWrite("offer template changed", entity="offer_template")
        else:
            row = resolve(session, template_id)      # writes the shipped ones, then this one changes
    else:
        ensure_shipped(session)
    taken = session.scalar(select(OfferTemplate.id).where(OfferTemplate.name == clean.name))
    if taken is not None and (row is None or taken != row.id):
        raise DuplicateRecord("offer template name taken", field="name")
    if row is not None and row.active and row.post_type is None and clean.post_type:
        _keep_a_default(session, row)
    now = session.info["clock"].now()
    if row is None:
        row = OfferTemplate(created_at=now, active=True)
        session.add(row)
    row.name, row.post_type = clean.name, clean.post_type or None
    row.pay = [[p.label, p.amount, p.note] for p in clean.pay]
    row.probation_months, row.work_place, row.body = clean.probation_months, clean.work_place, clean.body
    row.reply_days, row.start_days = clean.reply_days, clean.start_days
    row.updated_at, row.updated_by_id = now, actor.user_id
    session.flush()
    return _view(row)


def _keep_a_default(session: Session, row: OfferTemplate) -> None:
    others = session.scalar(select(OfferTemplate.id).where(OfferTemplate.post_type.is_(None),
                                                           OfferTemplate.active.is_(True),
                                                           OfferTemplate.id != row.id).limit(1))
    if others is None:
        raise InvalidState("last default template", status="last_default_template")


def set_active(session: Session, actor: Actor, template_id: int, active: bool,
               expected_version: int | None = None) -> TemplateView:
    """Deactivate (offers no longer start from it; offers made from it keep it) or reactivate.
    The last active default (post type not set) cannot be deactivated: positions without a type of
    their own need it."""
    require(session, actor, Action.SETTINGS_MANAGE)
    row = resolve(session, template_id)
    if template_id > 0 and expected_version is not None and row.version != expected_version:
        raise StaleWrite("offer template changed", entity="offer_template")
    if row.active == active:
        return _view(row)
    if not active and row.post_type is None:
        _keep_a_default(session, row)
    row.active = active
    row.updated_at, row.updated_by_id = session.info["clock"].now(), actor.user_id
    session.flush()
    return _view(row)


# --- filling an offer ----------------------------------------------------------------------------

def reply_deadline(hours: OfficeHours, now: datetime, days: int) -> datetime:
    """The end of the office's working day `days` days from today, in office time (UTC)."""
    return hours.at(hours.local(now).date() + timedelta(days=days), hours.day_end)


def _decision(session: Session, application_id: int) -> tuple[str, str]:
    row = session.scalar(select(RoundDecision).where(RoundDecision.application_id == application_id)
                         .order_by(RoundDecision.proposed_at.desc(), RoundDecision.id.desc()).limit(1))
    if row is None:
        return "", ""
    outcome = row.outcome or row.proposed
    text = row.explanation if not row.overridden else f"{row.explanation}（改判：{row.reason}）" if row.reason else \
        row.explanation
    return text, outcome.value if isinstance(outcome, DecisionOutcome) else str(outcome)


def prefill(session: Session, actor: Actor, application_id: int, template_id: int | None = None) -> OfferPrefill:
    """A new offer for the application as the template fills it (the position's template unless
    `template_id` names another): pay lines, probation, work place (the template's, else the
    institution's address), start = today + start days, reply by the end of the working day reply
    days from today, the grade from the position's post type. Writes nothing."""
    application = session.get(Application, application_id)
    if application is None:
        raise NotFound("application", entity="application")
    position = session.get(Position, application.position_id)
    require(session, actor, Action.CANDIDATE_EDIT, position.department_id)
    templates = list_templates(session, active_only=True) or _shipped_views()
    template = (next((t for t in list_templates(session) if t.id == template_id), None)
                if template_id is not None else None) or template_for(session, position.post_type)
    now = session.info["clock"].now()
    hours = OfficeHours.load(session)
    today = hours.local(now).date()
    place = template.work_place or str(settings.institution_value(session, "contracts.employer_address") or "")
    offer = OfferInput(application_id=application_id, pay=template.pay,
                       start_date=today + timedelta(days=template.start_days),
                       probation_months=template.probation_months, work_place=place,
                       reply_by=reply_deadline(hours, now, template.reply_days),
                       grade=post_type_label(position.post_type), template_id=template.id)
    decision, outcome = _decision(session, application_id)
    return OfferPrefill(offer, template, templates, position.post_type or "", decision, outcome)


def letter_values(*, candidate: str, position: str, department: str, institution: str, grade: str,
                  start_date: date, probation_months: int, work_place: str, reply_by: datetime,
                  pay: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """The placeholders of a letter text, worded as the letter shows them."""
    deadline = reply_by.astimezone(OFFICE_TZ)
    return {
        "candidate": candidate, "position": position, "department": department, "institution": institution,
        "grade": grade, "start_date": f"{start_date.year} 年 {start_date.month} 月 {start_date.day} 日",
        "probation": f"{probation_months} 个月" if probation_months else "不设试用期", "work_place": work_place,
        "reply_by": f"{deadline.year} 年 {deadline.month} 月 {deadline.day} 日 {deadline:%H:%M}",
        "pay": "、".join(f"{label} {amount}".strip() for label, amount in pay),
    }


def fill_body(body: str, values: dict[str, str]) -> str:
    """The letter text with its placeholders filled (a name the text should not have stays as written)."""
    class Keep(dict):
        def __missing__(self, key: str) -> str:
            return "{" + key + "}"
    try:
        return string.Formatter().vformat(body, (), Keep(values))
    except (ValueError, IndexError, KeyError):
        return body
