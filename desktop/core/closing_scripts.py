"""Closing scripts (收尾话术): what the interviewer may say to close politely, per scenario, filled
with the candidate's salutation and name, the position, the strengths and concerns the interviewer
picked or typed, and the next step. Default texts ship in resources/templates/closing_scripts.<locale>.toml;
an administrator's version is kept like a message template (a message_templates row of channel
"room"), so the same history, audit and reset apply."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.model import MessageTemplate
from desktop.core.notifications.templates import TemplateInvalid, fill, used_fields
from desktop.core.paths import resources_dir
from desktop.core.permissions import Action, require
from desktop.core.storage.database import Actor
from desktop.core.validation import text_problem

CHANNEL = "room"
LOCALES = ("zh_CN", "en")
BODY_MAX = 2000
SCENARIOS: dict[str, tuple[str, str]] = {
    "low_match": ("低匹配度", "Low match"),
    "low_interest": ("候选人兴趣不高", "Candidate not very interested"),
    "overtime": ("时间超限", "Over time"),
    "advance": ("有意向推进", "Moving forward"),
    "general": ("通用", "General"),
}
FIELDS: dict[str, tuple[str, str]] = {
    "salutation": ("称呼（姓名加先生/女士）", "Salutation (name with Mr/Ms)"),
    "candidate_name": ("候选人姓名", "Candidate's name"),
    "position": ("岗位", "Position"),
    "strengths": ("优势", "Strengths"),
    "concerns": ("顾虑", "Concerns"),
    "next_step": ("下一步及时限", "Next step and when"),
}
# a strength or concern the interviewer can pick with one click (they may also type their own)
STRENGTH_CHOICES = {
    "zh_CN": ("专业基础扎实", "相关经验丰富", "表达清晰", "学习能力强", "沟通顺畅", "责任心强"),
    "en": ("a solid professional grounding", "relevant experience", "clear expression", "quick learning",
           "easy communication", "a strong sense of responsibility"),
}
CONCERN_CHOICES = {
    "zh_CN": ("相关经验偏少", "专业方向不完全对口", "对岗位了解不够", "到岗时间不确定", "薪酬期望差距"),
    "en": ("limited related experience", "a field not fully matching the post", "little knowledge of the role",
           "an uncertain start date", "a gap in salary expectations"),
}


@dataclass(frozen=True)
class ScriptText:
    scenario: str
    locale: str
    body: str
    is_default: bool
    updated_at: datetime | None = None


@dataclass(frozen=True)
class ScriptValues:
    salutation: str = ""
    candidate_name: str = ""
    position: str = ""
    strengths: tuple[str, ...] = ()
    concerns: tuple[str, ...] = ()
    next_step: str = ""


def label(scenario: str, locale: str) -> str:
    zh, en = SCENARIOS[scenario]
    return en if locale == "en" else zh


def _event(scenario: str) -> str:
    return f"closing_script.{scenario}"


def _check_key(scenario: str, locale: str) -> None:
    if scenario not in SCENARIOS or locale not in LOCALES:
        raise TemplateInvalid(f"没有这种收尾话术：{scenario}/{locale}", reason="unknown_template")


@cache
def _defaults(locale: str) -> dict[str, dict[str, str]]:
    with open(resources_dir() / "templates" / f"closing_scripts.{locale}.toml", "rb") as file:
        return tomllib.load(file)


def default_text(scenario: str, locale: str = "zh_CN") -> ScriptText:
    _check_key(scenario, locale)
    return ScriptText(scenario, locale, _defaults(locale)[scenario]["body"].strip("\n"), True)


def script_for(session: Session, scenario: str, locale: str = "zh_CN") -> ScriptText:
    """The administrator's version if there is one, else the shipped text."""
    _check_key(scenario, locale)
    row = session.scalar(select(MessageTemplate).where(
        MessageTemplate.event == _event(scenario), MessageTemplate.channel == CHANNEL,
        MessageTemplate.locale == locale))
    if row is None:
        return default_text(scenario, locale)
    return ScriptText(scenario, locale, row.body, False, row.updated_at)


def all_scripts(session: Session, locale: str = "zh_CN") -> dict[str, ScriptText]:
    return {scenario: script_for(session, scenario, locale) for scenario in SCENARIOS}


def check(scenario: str, locale: str, body: str) -> str:
    """The body as it would be stored; raises TemplateInvalid on the first problem."""
    _check_key(scenario, locale)
    body = body.replace("\r\n", "\n").strip("\n")
    if not body.strip():
        raise TemplateInvalid("正文不能为空。", reason="required", part="body")
    if len(body) > BODY_MAX:
        raise TemplateInvalid(f"正文不能超过 {BODY_MAX} 个字符。", reason="too_long", part="body")
    if text_problem(body, BODY_MAX):
        raise TemplateInvalid("正文含有无法保存的字符。", reason="bad_chars", part="body")
    unknown = [name for name in used_fields(body) if name not in FIELDS]
    if unknown:
        shown = "、".join("{" + n + "}" for n in unknown)
        raise TemplateInvalid(f"话术引用了未知字段：{shown}", reason="unknown_field", fields=unknown)
    return body


def save(session: Session, actor: Actor, scenario: str, locale: str, body: str) -> ScriptText:
    require(session, actor, Action.SETTINGS_MANAGE)
    body = check(scenario, locale, body)
    now = session.info["clock"].now()
    row = session.scalar(select(MessageTemplate).where(
        MessageTemplate.event == _event(scenario), MessageTemplate.channel == CHANNEL,
        MessageTemplate.locale == locale))
    if row is None:
        row = MessageTemplate(event=_event(scenario), channel=CHANNEL, locale=locale, subject="")
        session.add(row)
    row.body, row.updated_at, row.updated_by_id = body, now, actor.user_id
    session.flush()
    return ScriptText(scenario, locale, body, False, now)


def reset(session: Session, actor: Actor, scenario: str, locale: str) -> ScriptText:
    require(session, actor, Action.SETTINGS_MANAGE)
    default = default_text(scenario, locale)
    row = session.scalar(select(MessageTemplate).where(
        MessageTemplate.event == _event(scenario), MessageTemplate.channel == CHANNEL,
        MessageTemplate.locale == locale))
    if row is not None:
        session.delete(row)
        session.flush()
    return default


def joined(items: tuple[str, ...] | list[str], locale: str) -> str:
    items = [" ".join(i.split()) for i in items if i.strip()]
    if locale == "en":
        return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""
    return "、".join(items)


def render(body: str, values: ScriptValues, locale: str = "zh_CN") -> str:
    """Pure: the script filled in. A line with an empty field (no concern picked, no next step told
    yet) is left out rather than said with a gap; the default scripts keep such parts on lines of their own."""
    filled = {"salutation": values.salutation or values.candidate_name, "candidate_name": values.candidate_name,
              "position": values.position, "strengths": joined(values.strengths, locale),
              "concerns": joined(values.concerns, locale), "next_step": values.next_step.strip().rstrip("。.；;，, ")}
    lines = []
    for line in body.split("\n"):
        names = used_fields(line)
        if names and not all(filled.get(n) for n in names):
            continue
        lines.append(fill(line, filled).rstrip())
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip("\n")
