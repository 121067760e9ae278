"""Demo data (`interviewdesk demo`, desktop.core.demo): a believable hospital that passes the
program's own checks, books nobody twice, and leaves an intact audit log."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from desktop.core import demo
from desktop.core.accounts import login
from desktop.core.audit import verify_chain
from desktop.core.model import (
    ApplicationStage, ApprovalChain, Application, ArchiveRecord, Candidate, ChangeRequest, ChangeStatus, Department,
    Interview, InterviewParticipant, OutboxEntry, Position, RetentionPolicy, Role, RoleGrant, Room, TimelineEvent,
    Alert, User,
)
from desktop.core.validation import email_problem, id_number_birth_date, id_number_problem, phone_problem
from test_cli_support import PASSPHRASE, cli, database, template  # noqa: F401  (fixtures)

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_demo_data_is_complete_valid_and_audited(db, clock):
    summary = demo.populate(db)
    now = clock.now()

    with db.session() as s:
        assert _count(s, Department) >= 3 and s.scalar(select(func.count()).where(Department.parent_id.is_not(None)))
        assert {r for (r,) in s.execute(select(RoleGrant.role).distinct())} == set(Role)
        assert _count(s, Position) >= 10 and _count(s, Room) >= 3
        assert _count(s, Candidate) >= 200 == summary.candidates
        assert len({st for (st,) in s.execute(select(Application.stage).distinct())}) >= 5
        upcoming = s.scalars(select(Interview).where(Interview.starts_at > now,
                                                     Interview.starts_at < now + timedelta(days=14))).all()
        assert len(upcoming) >= 50
        for person in s.scalars(select(Candidate)):
            assert phone_problem(person.phone) is None and person.phone[:2] in {f"1{d}" for d in "3456789"}
            assert id_number_problem(person.id_number, now.date()) is None
            assert id_number_birth_date(person.id_number) == person.birth_date
            assert (int(person.id_number[16]) % 2 == 1) == (person.gender.value == "male")
            assert email_problem(person.email) is None and person.email.endswith((".com", ".net", ".org"))
            assert person.email.split("@")[1].startswith("example.")
        pending = s.scalars(select(ChangeRequest).where(ChangeRequest.status == ChangeStatus.PENDING)).all()
        assert len(pending) >= 3 and all(c.chain_id for c in pending)
        default_chain = s.scalar(select(ApprovalChain).where(ApprovalChain.change_kind.is_(None)))
        assert [(st.kind.value, st.role.value) for st in default_chain.steps] == [
            ("approve", "dept_leader"), ("file", "personnel_office"), ("confirm", "director")]
        assert {e.state.value for e in s.scalars(select(OutboxEntry))} >= {"pending", "sent", "failed"}
        assert all(e.state.value == "sent" for e in s.scalars(select(OutboxEntry).where(OutboxEntry.channel == "sms")))
        assert s.scalar(select(func.count()).where(Alert.acknowledged_at.is_(None))) >= 1
        assert _count(s, TimelineEvent) >= 50 and _count(s, RetentionPolicy) >= 2 and _count(s, ArchiveRecord) >= 2
        assert verify_chain(s).ok
    assert login(db, "hr.wangli", demo.DEMO_PASSWORD).actor.username == "hr.wangli"


def test_demo_interviews_fall_in_working_hours_and_book_no_one_twice(db, clock):
    demo.populate(db, seed=11)
    with db.session() as s:
        interviews = s.scalars(select(Interview)).all()
        for i in interviews:
            local = i.starts_at.astimezone(SHANGHAI)
            end = local + timedelta(minutes=i.duration_minutes)
            assert local.weekday() < 5
            assert (8, 30) <= (local.hour, local.minute) and (end.hour, end.minute) <= (17, 30)
            assert not ((local.hour, local.minute) < (13, 30) and (end.hour, end.minute) > (12, 0))
        rooms = Counter((i.room_id, i.starts_at) for i in interviews if i.room_id)
        assert max(rooms.values()) == 1
        people = Counter(s.execute(select(InterviewParticipant.user_id, Interview.starts_at)
                                   .join(Interview, Interview.id == InterviewParticipant.interview_id)).all())
        assert max(people.values()) == 1
        for i in interviews:
            assert s.get(Application, i.application_id).stage is ApplicationStage.INTERVIEWING


def test_the_same_seed_gives_the_same_people(embedded_db, pg_database, clock):
    from factories import pg_url
    from desktop.core.storage.database import open_server

    other = open_server(pg_url(pg_database), clock=clock)
    try:
        demo.populate(embedded_db, seed=3, candidates=40, interviews=10)
        demo.populate(other, seed=3, candidates=40, interviews=10)
        query = select(Candidate.name, Candidate.id_number, Candidate.phone).order_by(Candidate.id)
        with embedded_db.session() as a, other.session() as b:
            assert a.execute(query).all() == b.execute(query).all()
            assert a.scalars(select(User.username).order_by(User.id)).all() == \
                b.scalars(select(User.username).order_by(User.id)).all()
    finally:
        other.dispose()


def test_demo_command_fills_an_empty_database_once(cli, database, monkeypatch):
    path, _recovery = database
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    filled = cli("--db", path, "demo")
    assert filled.code == 0, filled.err
    assert demo.DEMO_PASSWORD in filled.out and "hr.wangli" in filled.out
    assert cli("--db", path, "audit", "verify").code == 0

    again = cli("--db", path, "demo")
    assert again.code == 1 and "已有候选人" in again.err


def test_demo_shows_the_interview_day(db, clock):
    """林刚 has a day to show on the demo's clock (Monday 09:00): one interview checked in and
    running, more to come today, last Friday's held and thanked with its survey answered; open
    questions with owners, one of them overdue; positions with weighted requirements and
    candidates with certificates."""
    from desktop.core.model import CandidateQuestion, InterviewStatus, PositionRequirement, QuestionStatus, SurveyResponse

    summary = demo.populate(db)
    now = clock.now()
    today = now.astimezone(SHANGHAI).date()
    with db.session() as s:
        lingang = s.scalar(select(User.id).where(User.username == "xx.lingang"))
        mine = s.scalars(select(Interview).join(InterviewParticipant).where(InterviewParticipant.user_id == lingang)).all()
        on_today = [i for i in mine if i.starts_at.astimezone(SHANGHAI).date() == today]
        running = [i for i in on_today if i.status is InterviewStatus.IN_PROGRESS]
        assert len(running) == 1 and running[0].checked_in_at is not None and running[0].started_at <= now
        assert len(on_today) >= 3 and any(i.starts_at > now for i in on_today)
        assert any(i.status is InterviewStatus.FINISHED and i.ended_at for i in mine)
        open_ = s.scalars(select(CandidateQuestion).where(CandidateQuestion.status == QuestionStatus.OPEN)).all()
        assert len(open_) >= 3 and all(q.owner_id for q in open_)
        assert any(q.due_at < now for q in open_) and any(q.due_at > now for q in open_)
        assert s.scalar(select(SurveyResponse.answers)) == [5, 4, 5]
        assert s.scalar(select(func.count(PositionRequirement.position_id.distinct()))) == _count(s, Position)
        assert s.scalar(select(func.count()).where(Candidate.certificates != "")) > summary.candidates // 2


def test_demo_shows_the_evaluation_chain(db, clock):
    """Issue 12 on the demo's clock: an interview held by three interviewers with their submitted
    scorecards, the round's decision confirmed by HR with the feedback sent; an offer waiting at the
    主管领导 step after 人事处 approved it (陈建国 may decide it), and an offer accepted."""
    from desktop.core import offer_inbox
    from desktop.core.accounts import actor_for_user
    from desktop.core.model import DecisionOutcome, Offer, OfferStatus, RoundDecision, Scorecard, ScorecardStatus

    summary = demo.populate(db)
    assert (summary.evaluation.scorecards, summary.evaluation.decisions) == (3, 1)
    assert (summary.evaluation.offers_waiting, summary.evaluation.offers_accepted) == (1, 1)
    with db.session() as s:
        [decision] = s.scalars(select(RoundDecision)).all()
        assert decision.outcome == DecisionOutcome.PASSED and decision.explanation.startswith("加权平均")
        cards = s.scalars(select(Scorecard).where(Scorecard.interview_id == decision.interview_id)).all()
        assert len(cards) == 3 and {c.status for c in cards} == {ScorecardStatus.SUBMITTED}
        interview = s.get(Interview, decision.interview_id)
        assert interview.ended_at < min(c.submitted_at for c in cards) <= decision.decided_at <= clock.now()
        results = s.scalars(select(OutboxEntry).where(OutboxEntry.interview_id == interview.id,
                                                      OutboxEntry.kind == "result_pass")).all()
        assert results and all(r.sent_at and r.sent_at >= decision.decided_at + timedelta(minutes=30) for r in results)
        waiting = s.scalars(select(Offer).where(Offer.status == OfferStatus.PENDING_APPROVAL)).all()
        assert len(waiting) == 1 and waiting[0].current_step == 2
        director = actor_for_user(s, s.scalar(select(User.id).where(User.username == "ld.chenjianguo")))
        assert [o.offer_id for o in offer_inbox.offer_inbox(s, director)] == [waiting[0].id]
        accepted = s.scalars(select(Offer).where(Offer.status == OfferStatus.ACCEPTED)).all()
        assert len(accepted) == 1 and accepted[0].responded_at <= clock.now()
