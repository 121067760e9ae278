"""Scorecards (面试评价): the templates of the rounds in versions, and each interviewer's scorecard
from draft (autosaved) to submitted (locked), reopened by HR with a reason.

A template belongs to a round, or is the institution's default for a round kind; the shipped defaults
are written the first time a round without a template is scored. A version that any scorecard was
started on is never changed: saving it makes the next version current, and the scorecards keep the
version they were scored on. Every write is audited by the session.

A scorecard is submitted only once the interview has begun (the start recorded in the interview room,
else the booked start): a draft may be written before, as preparation. Reopening a scorecard of a
decided round goes through desktop.core.decision_effects.reopen_decision (refused once the result
reached the candidate or an offer exists; otherwise the decision is proposed again)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from desktop.core import decision_effects
from desktop.core.errors import InvalidState, NotFound, StaleWrite, ValidationFailed
from desktop.core.model import (
    Application, Interview, InterviewParticipant, ParticipantRole, Position, Recommendation, Round, RoundKind, Score,
    Scorecard, ScorecardCriterion, ScorecardStatus, ScorecardTemplate, User,
)
from desktop.core.permissions import Action, allowed, require
from desktop.core.scorecard_rules import FAIL_BELOW, PASS_AT, CriterionInput, score_problem, template_problems, \
    weighted_total
from desktop.core.storage.database import Actor
from desktop.core.validation import clean_text, text_problem

COMMENT_MAX, REMARKS_MAX, REASON_MAX = 1000, 2000, 500

DEFAULT_ANCHORS = {"4": "基本达到要求，有明显不足", "7": "良好，达到岗位要求", "10": "出色，明显超出岗位要求"}
SHIPPED: dict[RoundKind, tuple[str, tuple[tuple[str, int], ...]]] = {
    RoundKind.HR: ("HR面", (("沟通能力", 40), ("求职动机", 30), ("稳定性与匹配", 30))),
    RoundKind.BUSINESS: ("业务面", (("专业能力", 40), ("解决问题", 30), ("实操", 30))),
    RoundKind.LEADERSHIP: ("终试", (("价值观", 50), ("综合", 50))),
}


@dataclass(frozen=True)
class TemplateInput:
    name: str
    criteria: tuple[CriterionInput, ...]
    pass_at: Decimal = PASS_AT
    fail_below: Decimal = FAIL_BELOW
    automatic: bool = False


@dataclass(frozen=True)
class CriterionView:
    id: int                                   # 0 in the shipped default not yet saved
    position: int                             # 1, 2, ...: how a scorecard names its criteria
    name: str
    weight: int
    anchors: dict[str, str]
    description: str


@dataclass(frozen=True)
class TemplateView:
    id: int
    line: str
    revision: int
    round_id: int | None
    round_kind: str
    name: str
    pass_at: Decimal
    fail_below: Decimal
    automatic: bool
    criteria: tuple[CriterionView, ...]


@dataclass(frozen=True)
class ScoreInput:
    score: int | None = None
    comment: str = ""


@dataclass(frozen=True)
class CardInput:
    """What the form holds. `expected_version`: the scorecard's version the form was loaded with
    (0 for a scorecard not started yet); another desktop's save in between is refused (StaleWrite)."""

    scores: Mapping[int, ScoreInput]          # criterion position (1, 2, ...) -> score
    recommendation: Recommendation | None = None
    remarks: str = ""
    expected_version: int = 0


@dataclass(frozen=True)
class ScoreView:
    position: int
    criterion: str
    weight: int
    score: int | None
    comment: str


@dataclass(frozen=True)
class CardView:
    id: int | None                            # None: not started yet
    version: int
    interview_id: int
    interviewer_id: int
    interviewer: str
    status: str
    template: TemplateView
    scores: tuple[ScoreView, ...]
    recommendation: str
    remarks: str
    weighted_total: Decimal | None
    saved_at: datetime | None = None
    submitted_at: datetime | None = None
    reopened_at: datetime | None = None
    reopen_reason: str = ""
    submit_from: datetime | None = None       # the interview's start: submitting is possible from then on


# --- templates -------------------------------------------------------------------------------------

def template_view(t: ScorecardTemplate) -> TemplateView:
    return TemplateView(t.id, t.line, t.revision, t.round_id, t.round_kind.value, t.name, Decimal(t.pass_at),
                        Decimal(t.fail_below), t.automatic,
                        tuple(CriterionView(c.id, c.position, c.name, c.weight, dict(c.anchors), c.description)
                              for c in t.criteria))


def _line(round_id: int | None, kind: RoundKind) -> str:
    return f"round:{round_id}" if round_id is not None else f"kind:{kind.value}"


def _current(session: Session, line: str) -> ScorecardTemplate | None:
    return session.scalar(select(ScorecardTemplate).where(ScorecardTemplate.line == line,
                                                          ScorecardTemplate.is_current.is_(True)))


def _criteria(data: TemplateInput) -> list[ScorecardCriterion]:
    return [ScorecardCriterion(position=i + 1, name=clean_text(c.name), weight=c.weight,
                               anchors={p: clean_text(c.anchors[p]) for p in ("4", "7", "10")},
                               description=clean_text(c.description)) for i, c in enumerate(data.criteria)]


def _write_template(session: Session, actor: Actor, round_id: int | None, kind: RoundKind,
                    data: TemplateInput) -> ScorecardTemplate:
    line = _line(round_id, kind)
    current = _current(session, line)
    in_use = current is not None and session.scalar(
        select(Scorecard.id).where(Scorecard.template_id == current.id).limit(1)) is not None
    if current is not None and not in_use:          # nobody scored on it: change it where it is
        current.criteria.clear()
        session.flush()                             # the old rows go before the new take their positions
        current.criteria.extend(_criteria(data))
        template = current
    else:
        if current is not None:
            current.is_current = False
            session.flush()
        template = ScorecardTemplate(line=line, revision=(current.revision + 1) if current else 1, is_current=True,
                                     round_id=round_id, round_kind=kind, created_at=session.info["clock"].now(),
                                     created_by_id=actor.user_id, criteria=_criteria(data))
        session.add(template)
    template.name, template.pass_at, template.fail_below = clean_text(data.name), data.pass_at, data.fail_below
    template.automatic = data.automatic
    session.flush()
    return template


def shipped_input(kind: RoundKind) -> TemplateInput:
    name, criteria = SHIPPED[kind]
    return TemplateInput(name, tuple(CriterionInput(n, w, DEFAULT_ANCHORS) for n, w in criteria))


def save_template(session: Session, actor: Actor, data: TemplateInput, *, round_id: int | None = None,
                  kind: RoundKind | None = None) -> TemplateView:
    """The template of a round (`round_id`) or the institution's default of a round `kind`."""
    if round_id is not None:
        rnd = session.get(Round, round_id)
        if rnd is None:
            raise NotFound("round")
        require(session, actor, Action.POSITION_EDIT, rnd.position.department_id)
        kind = rnd.kind
    elif kind is None:
        raise ValidationFailed({"round": "required"})
    elif not allowed(session, actor, Action.SETTINGS_MANAGE):
        require(session, actor, Action.POSITION_EDIT)
    problems = template_problems(data.name, data.criteria, Decimal(data.pass_at), Decimal(data.fail_below))
    if problems:
        raise ValidationFailed(problems)
    return template_view(_write_template(session, actor, round_id, kind, data))


def _shipped_view(kind: RoundKind) -> TemplateView:
    """The shipped default as the form shows it before anything is saved (written at the first save)."""
    d = shipped_input(kind)
    return TemplateView(0, _line(None, kind), 0, None, kind.value, d.name, d.pass_at, d.fail_below, d.automatic,
                        tuple(CriterionView(0, i + 1, c.name, c.weight, dict(c.anchors), "")
                              for i, c in enumerate(d.criteria)))


def _template_for(session: Session, rnd: Round, *, create: bool) -> ScorecardTemplate | TemplateView:
    found = _current(session, _line(rnd.id, rnd.kind)) or _current(session, _line(None, rnd.kind))
    if found is not None:
        return found
    if not create:
        return _shipped_view(rnd.kind)
    return _write_template(session, Actor.command_line(), None, rnd.kind, shipped_input(rnd.kind))


def kind_template(session: Session, kind: RoundKind) -> TemplateView:
    """The institution's default template of a round kind as it is now (the shipped one if none is saved)."""
    found = _current(session, _line(None, kind))
    return template_view(found) if found is not None else _shipped_view(kind)


def round_template(session: Session, round_id: int) -> TemplateView:
    """The template a new scorecard of this round is scored on (the shipped default if none is saved)."""
    rnd = session.get(Round, round_id)
    if rnd is None:
        raise NotFound("round")
    found = _template_for(session, rnd, create=False)
    return found if isinstance(found, TemplateView) else template_view(found)


# --- one interviewer's scorecard -------------------------------------------------------------------

def department_of(session: Session, interview: Interview) -> int:
    return session.scalar(select(Position.department_id).join(Application, Application.position_id == Position.id)
                          .where(Application.id == interview.application_id))


def _interview(session: Session, interview_id: int) -> Interview:
    interview = session.get(Interview, interview_id)
    if interview is None:
        raise NotFound("interview")
    return interview


def _on_panel(interview: Interview, user_id: int | None) -> bool:
    return any(p.user_id == user_id and p.role == ParticipantRole.INTERVIEWER for p in interview.participants)


def _require_panel(session: Session, actor: Actor, interview: Interview) -> None:
    require(session, actor, Action.SCORECARD_SUBMIT, department_of(session, interview))
    if not _on_panel(interview, actor.user_id):
        raise InvalidState("not on the panel", reason="not_on_panel")


def _own(session: Session, interview_id: int, user_id: int | None) -> Scorecard | None:
    return session.scalar(select(Scorecard).where(Scorecard.interview_id == interview_id,
                                                  Scorecard.interviewer_id == user_id))


def submit_from(interview: Interview) -> datetime:
    """When the interview began: the start recorded in the room, else the booked start."""
    return interview.started_at or interview.starts_at


def card_view(session: Session, card: Scorecard | None, template: ScorecardTemplate | TemplateView,
              interview_id: int, interviewer_id: int) -> CardView:
    tv = template if isinstance(template, TemplateView) else template_view(template)
    given = {s.criterion_id: s for s in card.scores} if card else {}
    scores = tuple(ScoreView(c.position, c.name, c.weight, given[c.id].score if c.id in given else None,
                             given[c.id].comment if c.id in given else "") for c in tv.criteria)
    total = weighted_total({s.position: s.score for s in scores}, {c.position: c.weight for c in tv.criteria})
    name = session.scalar(select(User.display_name).where(User.id == interviewer_id)) or ""
    opens = submit_from(_interview(session, interview_id))
    if card is None:
        return CardView(None, 0, interview_id, interviewer_id, name, ScorecardStatus.DRAFT.value, tv, scores, "", "",
                        total, submit_from=opens)
    return CardView(card.id, card.version, interview_id, interviewer_id, name, card.status.value, tv, scores,
                    card.recommendation.value if card.recommendation else "", card.remarks, total, card.saved_at,
                    card.submitted_at, card.reopened_at, card.reopen_reason, opens)


def _panel_template(session: Session, interview: Interview, *, create: bool) -> ScorecardTemplate | TemplateView:
    """A panel scores one interview on one version: the one its first scorecard was started on, else
    the round's current template (written from the shipped default at the first save if none)."""
    started = session.scalar(select(Scorecard.template_id).where(Scorecard.interview_id == interview.id,
                                                                 Scorecard.template_id.is_not(None))
                             .order_by(Scorecard.id).limit(1))
    if started is not None:
        return session.get(ScorecardTemplate, started)
    return _template_for(session, session.get(Round, interview.round_id), create=create)


def my_scorecard(session: Session, actor: Actor, interview_id: int) -> CardView:
    """The acting interviewer's scorecard of the interview (a blank one on the round's template if not
    started), with the interview notes at hand in the room (desktop.core.interview_room)."""
    interview = _interview(session, interview_id)
    _require_panel(session, actor, interview)
    card = _own(session, interview_id, actor.user_id)
    template = session.get(ScorecardTemplate, card.template_id) if card else \
        _panel_template(session, interview, create=False)
    return card_view(session, card, template, interview_id, actor.user_id)


def _problems(data: CardInput, template: ScorecardTemplate, *, final: bool) -> dict[str, str]:
    problems: dict[str, str] = {}
    positions = {c.position for c in template.criteria}
    for position in data.scores:
        if position not in positions:
            problems[f"scores.{position}"] = "unknown_criterion"
    for c in template.criteria:
        given = data.scores.get(c.position, ScoreInput())
        problem = score_problem(given.score, given.comment, final=final) or text_problem(given.comment, COMMENT_MAX)
        if problem:
            problems[f"scores.{c.position}"] = problem
    if final and data.recommendation is None:
        problems["recommendation"] = "required"
    remarks = text_problem(data.remarks, REMARKS_MAX)
    if remarks:
        problems["remarks"] = remarks
    return problems


def _write_card(session: Session, actor: Actor, interview_id: int, data: CardInput, *, final: bool) -> CardView:
    interview = _interview(session, interview_id)
    _require_panel(session, actor, interview)
    card = _own(session, interview_id, actor.user_id)
    if (card.version if card else 0) != data.expected_version:
        raise StaleWrite("scorecard changed on another desktop", entity="Scorecard")
    if card is not None and card.status == ScorecardStatus.SUBMITTED:
        raise InvalidState("scorecard already submitted", reason="submitted")
    template = session.get(ScorecardTemplate, card.template_id) if card else \
        _panel_template(session, interview, create=True)
    now = session.info["clock"].now()
    if final and now < submit_from(interview):
        raise InvalidState("interview not begun", reason="not_begun", starts_at=submit_from(interview).isoformat())
    problems = _problems(data, template, final=final)
    if problems:
        raise ValidationFailed(problems)
    if card is None:
        card = Scorecard(interview_id=interview_id, interviewer_id=actor.user_id, template_id=template.id,
                         status=ScorecardStatus.DRAFT, remarks="")
        session.add(card)
    existing = {s.criterion_id: s for s in card.scores}
    for c in template.criteria:
        given = data.scores.get(c.position, ScoreInput())
        row = existing.get(c.id)
        if row is None:
            card.scores.append(Score(criterion_id=c.id, score=given.score, comment=clean_text(given.comment)))
        else:
            row.score, row.comment = given.score, clean_text(given.comment)
    card.recommendation, card.remarks, card.saved_at = data.recommendation, clean_text(data.remarks), now
    if card.id is not None:
        flag_modified(card, "saved_at")      # every save moves the version, even one changing only scores
    if final:
        card.status, card.submitted_at = ScorecardStatus.SUBMITTED, now
    session.flush()
    return card_view(session, card, template, interview_id, actor.user_id)


def save_draft(session: Session, actor: Actor, interview_id: int, data: CardInput) -> CardView:
    """Autosave: what the form holds, incomplete allowed (a score out of 0-10 is still refused)."""
    return _write_card(session, actor, interview_id, data, final=False)


def submit(session: Session, actor: Actor, interview_id: int, data: CardInput) -> CardView:
    """Every criterion scored 0-10, a comment for <= 3 or >= 9, a recommendation; then locked. Of two
    desktops submitting the same scorecard exactly one wins: the other gets StaleWrite (its form was
    loaded before the first submit) or InvalidState (reason "submitted")."""
    return _write_card(session, actor, interview_id, data, final=True)


def reopen(session: Session, actor: Actor, scorecard_id: int, reason: str) -> CardView:
    """HR opens a submitted scorecard again for its interviewer; the reason is kept and audited. After
    the round's decision: see decision_effects.reopen_decision (refused, or the decision reopened)."""
    card = session.get(Scorecard, scorecard_id)
    if card is None:
        raise NotFound("scorecard")
    interview = _interview(session, card.interview_id)
    require(session, actor, Action.INTERVIEW_SCHEDULE, department_of(session, interview))
    reason = clean_text(reason)
    problem = "required" if not reason else text_problem(reason, REASON_MAX)
    if problem:
        raise ValidationFailed({"reason": problem})
    if card.status != ScorecardStatus.SUBMITTED:
        raise InvalidState("scorecard not submitted", reason="not_submitted")
    decision_effects.reopen_decision(session, actor, interview, card.id, reason)
    card.status, card.reopened_at = ScorecardStatus.REOPENED, session.info["clock"].now()
    card.reopened_by_id, card.reopen_reason = actor.user_id, reason
    session.flush()
    return card_view(session, card, session.get(ScorecardTemplate, card.template_id), card.interview_id,
                     card.interviewer_id)
