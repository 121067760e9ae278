"""Demo data after the interview (issue 12): a business-round interview of the information centre held
two working days ago by a panel of three (周涛, 唐琳, 宋宇), their submitted scorecards, the rule's
decision confirmed by HR and the candidate's feedback sent after the configured delay; an offer
chain (人事处 → 主管领导) with one offer waiting for the 主管领导 step (陈建国 or 孙丽萍) after 人事处
approved it, and one offer that went through, was sent and accepted by phone.

Everything goes through the services the program uses (check-in, the room, scorecards, the decision,
offers) at the story's own times, like desktop/core/demo_day.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import select

from desktop.core import interview_room, offers, scorecard_panel, scorecards
from desktop.core.accounts import actor_for_user
from desktop.core.model import (
    Application, ApplicationStage, Candidate, ChangeKind, Interview, InterviewMode, InterviewParticipant,
    InterviewStatus, OutboxEntry, OutboxState, Position, Recommendation, ResponseState, Round, RoundKind,
    TimelineEvent, User,
)
from desktop.core.offers import OfferInput, PayLine
from desktop.core.scheduling import attendance
from desktop.core.scheduling.chains import ChainInput, StepInput, save_chain
from desktop.core.scorecards import CardInput, ScoreInput

if TYPE_CHECKING:   # the builder lives in desktop/core/demo.py, which calls this module
    from desktop.core.demo import _Builder

ZONE = ZoneInfo("Asia/Shanghai")
PANEL = ("xx.zhoutao", "xx.tanglin", "xx.songyu")
HR = "hr.wangli"
SCORES = {   # per interviewer: scores of the four business criteria, recommendation, remarks
    "xx.zhoutao": ((8, 7, 8, 8), Recommendation.YES, "接口开发经验扎实，表达清楚。"),
    "xx.tanglin": ((7, 8, 7, 7), Recommendation.YES, "实操题完成较好，数据库调优略弱。"),
    "xx.songyu": ((9, 7, 6, 7), Recommendation.STRONG_YES, "对医院信息化理解深入，值得培养。"),
}
COMMENT_OF_NINE = "现场排查HIS接口故障思路清晰，给出了完整的重试与告警方案。"
PAY = (PayLine("岗位工资", "3,450 元/月"), PayLine("薪级工资", "1,280 元/月"), PayLine("绩效工资", "按院绩效方案核发"))


@dataclass(frozen=True)
class EvaluationSummary:
    scorecards: int = 0
    decisions: int = 0
    offers_waiting: int = 0
    offers_accepted: int = 0


def _working_day_before(b: _Builder, day: date, n: int) -> date:
    while n:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def _instant(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=ZONE).astimezone(timezone.utc)


def _pick(b: _Builder, taken: set[int], code_prefix: str, before: datetime) -> Application | None:
    apps = b.s.scalars(select(Application).join(Position, Position.id == Application.position_id).where(
        Application.stage.in_((ApplicationStage.APPLIED, ApplicationStage.SCREENING, ApplicationStage.INTERVIEWING)),
        Position.code.startswith(code_prefix), Application.applied_at < before).order_by(Application.id)).all()
    people = set(b.s.scalars(select(Application.candidate_id).where(Application.id.in_(taken)))) if taken else set()
    return next((a for a in apps if a.id not in taken and a.candidate_id not in people), None)


def _mark_sent(b: _Builder, interview_id: int, at: datetime) -> None:
    """Delivered (the demo never reaches a real mailbox or phone)."""
    for entry in b.s.scalars(select(OutboxEntry).where(OutboxEntry.interview_id == interview_id,
                                                      OutboxEntry.state == OutboxState.PENDING)):
        entry.state, entry.attempts = OutboxState.SENT, 1
        entry.sent_at = max(at, entry.next_attempt_at or entry.created_at, entry.created_at)
        entry.next_attempt_at = None


def _finished_interview(b: _Builder, app: Application, start: datetime) -> Interview:
    rnd = next(r for r in app.position.rounds if r.kind is RoundKind.BUSINESS)
    panel = [b.users[u] for u in PANEL]
    created = start - timedelta(days=3, hours=2)
    room = b.rooms[3]
    app.stage = ApplicationStage.INTERVIEWING
    interview = Interview(
        uid=f"demo-panel-{app.id}@interviewdesk", application_id=app.id, round_id=rnd.id, starts_at=start,
        duration_minutes=rnd.duration_minutes, mode=InterviewMode.ONSITE, room_id=room.id,
        status=InterviewStatus.CONFIRMED, hr_owner_id=b.users[HR].id, created_at=created,
        confirmation_due_at=created + timedelta(hours=1),
        participants=[InterviewParticipant(user_id=u.id, response=ResponseState.ACCEPTED, seen_sequence=0,
                                           seen_at=created + timedelta(hours=1),
                                           responded_at=created + timedelta(hours=2)) for u in panel])
    app.hr_owner_id = b.users[HR].id
    b.s.add(interview)
    b.s.flush()
    b.s.add(TimelineEvent(interview_id=interview.id, at=created, kind="invited", actor_id=b.users[HR].id,
                          actor_label=b.users[HR].display_name, detail={"sequence": 0}))
    chair = actor_for_user(b.s, panel[0].id)
    with b._at(start - timedelta(minutes=10)):
        attendance.check_in(b.s, actor_for_user(b.s, b.users["qt.liuxiaoyan"].id), interview.id)
    with b._at(start + timedelta(minutes=1)) as clock:
        interview_room.start(b.s, chair, interview.id)
        clock.advance(timedelta(minutes=30))
        interview_room.add_note(b.s, chair, interview.id, "讲解了HIS与LIS接口改造项目，现场排查题完成。")
        clock.advance(timedelta(minutes=6))
        for ordinal in range(1, len(interview_room.round_checklist(b.s, b.s.get(Round, interview.round_id))) + 1):
            interview_room.tick_item(b.s, chair, interview.id, ordinal)
            clock.advance(timedelta(minutes=1))
        interview_room.end(b.s, chair, interview.id)
    return interview


def _scored_and_decided(b: _Builder, interview: Interview) -> int:
    end = interview.ended_at
    for n, username in enumerate(PANEL):
        scores, recommendation, remarks = SCORES[username]
        card = CardInput({i + 1: ScoreInput(s, COMMENT_OF_NINE if s >= 9 or s <= 3 else "")
                          for i, s in enumerate(scores)}, recommendation, remarks)
        with b._at(end + timedelta(minutes=40 + 25 * n)):
            scorecards.submit(b.s, actor_for_user(b.s, b.users[username].id), interview.id, card)
    hr = actor_for_user(b.s, b.users[HR].id)
    with b._at(end + timedelta(hours=2)):
        proposed = scorecard_panel.propose(b.s, hr, interview.id)
    with b._at(end + timedelta(hours=2, minutes=10)) as clock:
        decided = scorecard_panel.settle(b.s, hr, interview.id, proposed.version)
        sent_at = clock.now()
    _mark_sent(b, interview.id, decided.decided_at + timedelta(minutes=30) if decided.decided_at else sent_at)
    return len(PANEL)


def _offer_chain(b: _Builder) -> None:
    save_chain(b.s, b.actor, ChainInput("录用审批链", None, ChangeKind.OFFER.value, False, (
        StepInput("approve", role="personnel_office", deadline_minutes=24 * 60),
        StepInput("approve", role="director", deadline_minutes=48 * 60))))


def _offer(b: _Builder, app: Application, made: datetime, accepted: bool) -> int:
    hr = actor_for_user(b.s, b.users[HR].id)
    app.hr_owner_id = b.users[HR].id
    start_date = b.today + timedelta(days=35)
    reply_by = _instant(b.today + timedelta(days=7), time(17))
    with b._at(made) as clock:
        offer_id = offers.create(b.s, hr, OfferInput(app.id, PAY, start_date, 3, "滨江市第一人民医院科教楼2楼信息中心",
                                                     reply_by, "专业技术十二级"))
        offers.submit(b.s, hr, offer_id)
        clock.advance(timedelta(hours=2))
        offers.decide(b.s, actor_for_user(b.s, b.users["rsc.zhaohong"].id), offer_id, True, "编制内，同意")
        if accepted:
            clock.advance(timedelta(hours=3))
            offers.decide(b.s, actor_for_user(b.s, b.users["ld.chenjianguo"].id), offer_id, True, "同意录用")
            b.s.flush()
            for entry in b.s.scalars(select(OutboxEntry).where(OutboxEntry.kind == "offer_notice",
                                                              OutboxEntry.state == OutboxState.PENDING)):
                entry.state, entry.attempts, entry.sent_at = OutboxState.SENT, 1, clock.now() + timedelta(minutes=1)
            clock.advance(timedelta(hours=20))
            offers.record_answer(b.s, hr, offer_id, True, "电话确认接受录用，按期报到")
    return offer_id


def build(b: _Builder, booked_ids: set[int]) -> EvaluationSummary:
    """The evaluation chain around the demo's clock; `booked_ids` are applications booked already."""
    held_day = _working_day_before(b, b.today, 2)
    start = _instant(held_day, time(14))
    if start + timedelta(hours=4) > b.now:
        return EvaluationSummary()
    taken = set(booked_ids)
    app = _pick(b, taken, "XX-", start - timedelta(days=4))
    if app is None:
        return EvaluationSummary()
    taken.add(app.id)
    interview = _finished_interview(b, app, start)
    cards = _scored_and_decided(b, interview)
    _offer_chain(b)
    waiting = accepted = 0
    made = _instant(_working_day_before(b, b.today, 1), time(9, 30))
    for code, accept in (("XX-YW-", False), ("XX-RJ-", True)):
        other = _pick(b, taken, code, made - timedelta(days=1))
        if other is None:
            continue
        taken.add(other.id)
        _offer(b, other, made if not accept else made - timedelta(days=3), accept)
        waiting, accepted = waiting + (not accept), accepted + accept
    return EvaluationSummary(cards, 1, waiting, accepted)
