"""Demo data for the interview day (issue 11): structured, weighted requirements on every position,
certificates on candidates, and the information centre's interviewer 林刚 (xx.lingang) with a day
to show: yesterday's interview held, closed with its checklist, the candidate's two kiosk questions
routed to their owners, the thank-you with its survey sent and answered "5 4 5"; today one
interview checked in and running, two more to come (the first with the weakest match, so the
10-minute match alert has something to say); and a question a candidate mailed days ago, overdue.

Everything goes through the services the program uses (check-in, the room, the kiosk, the reply
reader, the thank-you job) at the story's own times, so the timeline, the audit log and the outbox
look as they would after a real day. Times keep to working hours on working days, outside lunch;
a part of the day that does not fit the demo's clock (a weekend, the evening) is left out."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import select

from desktop.core import after_interview, candidate_replies, interview_room, matching, questions
from desktop.core.accounts import actor_for_user
from desktop.core.model import (
    Application, ApplicationStage, Candidate, Channel, Confirmation, Interview, InterviewMode, InterviewParticipant,
    InterviewStatus, OutboxEntry, OutboxState, Party, ResponseState, Round, RoundKind, TimelineEvent, User,
)
from desktop.core.question_routing import deadline
from desktop.core.scheduling import attendance
from desktop.core.services.requirements import RequirementInput, replace_requirements

if TYPE_CHECKING:   # the builder lives in desktop/core/demo.py, which calls this module
    from desktop.core.demo import _Builder

CERTIFICATES = {
    "it": ("计算机技术与软件专业技术资格（中级）", "信息安全保障人员认证（CISP）", "红帽认证工程师（RHCE）", "PMP"),
    "medical": ("执业医师资格证", "住院医师规范化培训合格证", "ACLS证书"),
    "imaging": ("大型医用设备上岗证", "放射工作人员证", "医学影像技术初级职称"),
    "nursing": ("护士执业资格证", "BLS证书", "ICU专科护士证书"),
    "finance": ("初级会计职称", "中级会计职称", "注册会计师（CPA）"),
    "admin": ("企业人力资源管理师（三级）", "档案管理员证", "全国计算机等级考试二级"),
}
ZONE = ZoneInfo("Asia/Shanghai")
INTERVIEWER = "xx.lingang"
COLLEAGUES = ("xx.tanglin", "xx.songyu", "xx.zhoutao", "xx.tanglin")
DAY_START, DAY_END, LUNCH = time(8, 30), time(17, 30), (time(12), time(13, 30))
KIOSK_QUESTIONS = ("请问这个岗位的薪酬结构是怎样的？有没有绩效工资？", "入职后团队主要负责哪些系统的开发和维护？")
MAILED_QUESTION = "您好，请问这个岗位以后的晋升通道是怎样的？多久可以参加职称评审？"
NOTES = ("熟悉HIS接口开发，讲清了HL7消息的处理流程。", "数据库优化经验一般，复试时再确认。")


@dataclass(frozen=True)
class DaySummary:
    interviews: int = 0
    questions: int = 0
    surveys: int = 0


def certificates(rng: random.Random, family: str) -> str:
    """None, one or two of the family's certificates (most candidates have one)."""
    return ", ".join(rng.sample(CERTIFICATES[family], rng.choice((0, 1, 1, 2))))


def requirements(b: _Builder, majors_of: dict[str, tuple[str, ...]]) -> None:
    """Every position's requirements as structured, weighted fields (the match report measures them)."""
    for position in b.positions:
        family = b.family[position.id]
        majors = ", ".join(b.day_rng.sample(majors_of[family], 2))
        items = [RequirementInput("education", "", position.education.value, 2),
                 RequirementInput("major", "", majors, 2),
                 RequirementInput("certificate", "", CERTIFICATES[family][0], 2),
                 RequirementInput("skill", "", position.skills, 3)]
        if position.min_years:
            items.insert(2, RequirementInput("years", "", str(position.min_years), 2))
        if family == "it":
            items.append(RequirementInput("custom", "医疗行业经验", "医院, HIS, 卫生", 1))
        replace_requirements(b.s, b.actor, position.id, items, None)


# --- the interview day ------------------------------------------------------------------------------

def _valid(start: datetime, minutes: int) -> bool:
    """Within working hours, on a weekday, not across the lunch break (as the other demo bookings)."""
    local = start.astimezone(ZONE)
    end = local + timedelta(minutes=minutes)
    return (local.weekday() < 5 and local.date() == end.date() and DAY_START <= local.time()
            and end.time() <= DAY_END and not (local.time() < LUNCH[1] and end.time() > LUNCH[0]))


def _grid(day: date, step: int) -> list[datetime]:
    first = datetime.combine(day, DAY_START, tzinfo=ZONE)
    return [(first + timedelta(minutes=m)).astimezone(timezone.utc) for m in range(0, 9 * 60, step)]


def _previous_working_day(today: date) -> date:
    day = today - timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _plan(now: datetime, minutes: int) -> tuple[datetime | None, datetime | None, list[datetime]]:
    """(yesterday's, today's running one, today's next ones): starts that fit the clock."""
    today = now.astimezone(ZONE).date()
    held = datetime.combine(_previous_working_day(today), time(15), tzinfo=ZONE).astimezone(timezone.utc)
    running = [s for s in _grid(today, 5) if _valid(s, minutes)
               and now - timedelta(minutes=35) <= s <= now - timedelta(minutes=15)]
    start = min(running, key=lambda s: abs(s - (now - timedelta(minutes=20))), default=None)
    upcoming, free_from = [], max(now + timedelta(minutes=30), (start or now) + timedelta(minutes=minutes))
    for s in _grid(today, 30):
        if len(upcoming) < 2 and s >= free_from and _valid(s, minutes):
            upcoming.append(s)
            free_from = s + timedelta(minutes=minutes)
    return held, start, upcoming


def _pool(b: _Builder, booked: set[int], before: datetime) -> list[Application]:
    """Applications of the information centre's positions nobody interviews yet, in by `before`."""
    apps = b.s.scalars(select(Application).where(Application.stage.in_(
        (ApplicationStage.APPLIED, ApplicationStage.SCREENING, ApplicationStage.INTERVIEWING)))
        .order_by(Application.id)).all()
    return [a for a in apps if a.id not in booked and b.root[a.position_id] == "XXZX" and a.applied_at < before]


def _book(b: _Builder, app: Application, start: datetime, colleague: str, room_index: int | None) -> Interview:
    rnd = next(r for r in app.position.rounds if r.kind is RoundKind.BUSINESS)
    created = start - timedelta(days=2, hours=3)
    room = b.rooms[room_index] if room_index is not None else None
    panel = [b.users[INTERVIEWER], b.users[colleague]]
    app.stage = ApplicationStage.INTERVIEWING
    interview = Interview(
        uid=f"demo-day-{app.id}@interviewdesk", application_id=app.id, round_id=rnd.id, starts_at=start,
        duration_minutes=rnd.duration_minutes, mode=InterviewMode.ONSITE if room else InterviewMode.VIDEO,
        room_id=room.id if room else None, video_link=None if room else "https://meeting.example.com/j/606218533",
        status=InterviewStatus.CONFIRMED, hr_owner_id=app.hr_owner_id, created_at=created,
        confirmation_due_at=created + timedelta(hours=1),
        participants=[InterviewParticipant(user_id=u.id, response=ResponseState.ACCEPTED, seen_sequence=0,
                                           seen_at=created + timedelta(hours=1),
                                           responded_at=created + timedelta(hours=2)) for u in panel])
    b.s.add(interview)
    b.s.flush()
    owner = b.s.get(User, app.hr_owner_id)
    confirmed = created + timedelta(minutes=25)
    b.s.add_all((
        TimelineEvent(interview_id=interview.id, at=created, kind="invited", actor_id=owner.id,
                      actor_label=owner.display_name, detail={"sequence": 0}),
        Confirmation(interview_id=interview.id, party=Party.CANDIDATE, sequence=0, channel=Channel.SMS,
                     confirmed_at=confirmed, recorded_by_id=app.hr_owner_id),
        TimelineEvent(interview_id=interview.id, at=confirmed, kind="confirmed",
                      detail={"party": "candidate", "channel": "sms"})))
    b.s.flush()
    return interview


def _mark_sent(b: _Builder, interview_id: int, at: datetime) -> None:
    """The demo's messages were delivered (no real phone or mailbox is ever reached from the demo)."""
    for entry in b.s.scalars(select(OutboxEntry).where(OutboxEntry.interview_id == interview_id,
                                                      OutboxEntry.state == OutboxState.PENDING)):
        entry.state, entry.attempts, entry.sent_at = OutboxState.SENT, 1, max(at, entry.created_at)
        entry.next_attempt_at = None


def _held(b: _Builder, interview: Interview, candidate: Candidate) -> int:
    """Yesterday's interview from arrival to the survey answer; returns the questions captured."""
    start, me = interview.starts_at, actor_for_user(b.s, b.users[INTERVIEWER].id)
    reception = actor_for_user(b.s, b.users["qt.liuxiaoyan"].id)
    with b._at(start - timedelta(minutes=12)):
        attendance.check_in(b.s, reception, interview.id)
    with b._at(start + timedelta(minutes=1)) as clock:
        interview_room.start(b.s, me, interview.id)
        for note in NOTES:
            clock.advance(timedelta(minutes=12))
            interview_room.add_note(b.s, me, interview.id, note)
        clock.advance(timedelta(minutes=14))
        interview_room.set_next_step(b.s, me, interview.id, "2个工作日内电话通知复试安排")
        for ordinal in range(1, len(interview_room.round_checklist(b.s, b.s.get(Round, interview.round_id))) + 1):
            interview_room.tick_item(b.s, me, interview.id, ordinal)
            clock.advance(timedelta(minutes=1))
        asked = questions.capture_many(b.s, me, interview_id=interview.id, texts=list(KIOSK_QUESTIONS), source="kiosk")
        clock.advance(timedelta(minutes=3))
        ended = interview_room.end(b.s, me, interview.id).interview_id
    end = interview.ended_at
    with b._at(end + timedelta(minutes=2)):
        after_interview.queue_thank_yous(b.s)
    _mark_sent(b, ended, end + timedelta(minutes=3))
    answers = " ".join("5454"[:len(after_interview.survey_questions(b.s)[0])]) or "5 4 5"
    with b._at(end + timedelta(minutes=48)) as clock:
        candidate_replies.handle(b.s, candidate_replies.Reply(
            channel="email", message_id=f"<survey-{interview.id}@mail.example.com>", candidate_id=candidate.id,
            interview_id=interview.id, sequence=0, text=answers, sender=candidate.email, received_at=clock.now()))
    _mark_sent(b, ended, end + timedelta(minutes=49))
    return len(asked)


def _running(b: _Builder, interview: Interview) -> None:
    start, me = interview.starts_at, actor_for_user(b.s, b.users[INTERVIEWER].id)
    with b._at(start - timedelta(minutes=7)):
        attendance.check_in(b.s, actor_for_user(b.s, b.users["qt.liuxiaoyan"].id), interview.id)
    with b._at(start + timedelta(minutes=2)) as clock:
        interview_room.start(b.s, me, interview.id)
        clock.advance(timedelta(minutes=9))
        interview_room.add_note(b.s, me, interview.id, "自我介绍清楚，做过区医院的预约挂号系统。")


def _mailed_question(b: _Builder, app: Application) -> int:
    """A candidate without an interview mailed a question days ago; it is past its deadline now."""
    today = b.now.astimezone(ZONE).date()
    for days in range(2, 15):
        asked = datetime.combine(today - timedelta(days=days), time(10, 20), tzinfo=ZONE).astimezone(timezone.utc)
        if deadline(b.s, asked)[0] < b.now - timedelta(hours=1):
            break
    if app.applied_at > asked - timedelta(hours=2):
        return 0
    candidate = b.s.get(Candidate, app.candidate_id)
    with b._at(asked):
        candidate_replies.handle(b.s, candidate_replies.Reply(
            channel="email", message_id=f"<question-{app.id}@mail.example.com>", candidate_id=candidate.id,
            interview_id=None, sequence=None, text=MAILED_QUESTION, sender=candidate.email, received_at=asked))
    return 1


def build(b: _Builder, booked_ids: set[int]) -> DaySummary:
    """The day around the demo's clock; `booked_ids` are the applications booked already."""
    minutes = next(r.duration_minutes for r in b.positions[0].rounds if r.kind is RoundKind.BUSINESS)
    held_at, running_at, upcoming = _plan(b.now, minutes)
    booked_people = set(b.s.scalars(select(Application.candidate_id).where(Application.id.in_(booked_ids))))
    pool = [a for a in _pool(b, booked_ids, held_at - timedelta(days=3)) if a.candidate_id not in booked_people]
    if len(pool) < 3:
        return DaySummary()
    scores = {a.id: matching.report_unchecked(b.s, a.id).score for a in pool}
    pool.sort(key=lambda a: (-scores[a.id], a.id))      # the weakest match last: the first to come today
    asked = _mailed_question(b, pool.pop(0))
    held = _book(b, pool.pop(0), held_at, COLLEAGUES[0], 3)
    asked += _held(b, held, b.s.get(Candidate, b.s.get(Application, held.application_id).candidate_id))
    count = 1
    if running_at is not None and len(pool) > 1:
        _running(b, _book(b, pool.pop(0), running_at, COLLEAGUES[1], 3))
        count += 1
    for n, start in enumerate(upcoming):
        if pool:
            _book(b, pool.pop(), start, COLLEAGUES[2 + n], 3 if n == 0 else None)
            count += 1
    return DaySummary(count, asked, 1)
