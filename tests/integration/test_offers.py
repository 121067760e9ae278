"""Offers on both backends: a draft through the two-step chain named for offers (人事处 → 分管领导),
a rejection back to HR, chains of interview changes not governing offers, the phone answer with its
note, accepted offers never over the position's headcount (the refusal says by how many), an answer
after the deadline refused and the offer expired, withdrawal. Every refusal writes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from desktop.core import offers
from desktop.core.errors import InvalidState, PermissionDenied, ValidationFailed
from desktop.core.model import Alert, Application, ApplicationEvent, Offer, OfferStatus, OutboxEntry, Position, Role
from desktop.core.offers import OfferInput, PayLine
from desktop.core.scheduling.chains import ChainInput, StepInput, save_chain

from factories import actor
from scheduling_helpers import BACKENDS, book, world_copy
from scheduling_world import STORY_DAY, World, local

ADMIN = actor(Role.ADMIN, None)
PAY = (PayLine("岗位工资", "2,800 元/月"), PayLine("薪级工资", "1,200 元/月"),
       PayLine("绩效工资", "按考核", "绩效工资按单位绩效考核办法发放"))


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


def act(w: World, who, fn, *args, **kwargs):
    with w.db.session(who, write=True) as s:
        return fn(s, who, *args, **kwargs)


def offer_input(w: World, n: int = 0, **changes) -> OfferInput:
    values = dict(application_id=w.applications[n], pay=PAY, start_date=STORY_DAY + timedelta(days=30),
                  probation_months=3, work_place="本院门诊楼", reply_by=local(STORY_DAY + timedelta(days=7), 17))
    return OfferInput(**(values | changes))


def two_step_chain(w: World) -> int:
    return act(w, ADMIN, save_chain, ChainInput("录用审批", None, "offer", False, (
        StepInput("approve", role="personnel_office", deadline_minutes=24 * 60),
        StepInput("approve", role="director", deadline_minutes=24 * 60))))


def status(w: World, offer_id: int) -> str:
    with w.db.session() as s:
        return s.get(Offer, offer_id).status.value


def events(w: World, offer_id: int) -> list[str]:
    with w.db.session() as s:
        rows = s.scalars(select(ApplicationEvent).order_by(ApplicationEvent.id)).all()
        return [e.kind for e in rows if (e.detail or {}).get("offer_id") == offer_id]


def sent_offer(w: World, n: int = 0) -> int:
    offer_id = act(w, w.hr, offers.create, offer_input(w, n))
    act(w, w.hr, offers.submit, offer_id)        # no chain for offers: approved at once
    return offer_id


def test_two_step_approval_then_accepted_by_phone(world, clock):
    w = world
    two_step_chain(w)
    act(w, ADMIN, save_chain, ChainInput("全院变更", None, None, False, (StepInput("approve", role="dept_leader"),)))
    offer_id = act(w, w.hr, offers.create, offer_input(w))
    assert act(w, w.hr, offers.submit, offer_id) == OfferStatus.PENDING_APPROVAL
    with pytest.raises(PermissionDenied):
        act(w, w.director, offers.decide, offer_id, True)        # not the director's step yet
    with pytest.raises(PermissionDenied):
        act(w, w.leader, offers.decide, offer_id, True)          # the chain of interview changes is not the offer's
    assert act(w, w.personnel, offers.decide, offer_id, True, "同意") == OfferStatus.PENDING_APPROVAL
    clock.advance(timedelta(hours=1))
    assert act(w, w.director, offers.decide, offer_id, True) == OfferStatus.SENT
    with pytest.raises(ValidationFailed) as refused:
        act(w, w.hr, offers.record_answer, offer_id, True, "")   # a phone answer needs its note
    assert refused.value.problems == {"note": "required"}
    assert act(w, w.hr, offers.record_answer, offer_id, True, "电话确认接受，下周报到") == OfferStatus.ACCEPTED
    with w.db.session() as s:
        seen = offers.view(s, w.hr, offer_id)
    assert (seen.status, seen.answer_note, seen.pay) == ("accepted", "电话确认接受，下周报到", PAY)
    assert events(w, offer_id) == ["offer_drafted", "offer_submitted", "offer_step", "offer_step", "offer_approved", "offer_sent",
                                   "offer_accepted"]


def test_rejection_returns_the_offer_to_hr_with_its_reason(world):
    w = world
    two_step_chain(w)
    offer_id = act(w, w.hr, offers.create, offer_input(w))
    act(w, w.hr, offers.submit, offer_id)
    with pytest.raises(ValidationFailed):
        act(w, w.personnel, offers.decide, offer_id, False, "  ")
    assert status(w, offer_id) == "pending_approval"
    assert act(w, w.personnel, offers.decide, offer_id, False, "薪级工资核定有误") == OfferStatus.DRAFT
    with w.db.session() as s:
        step = s.scalars(select(ApplicationEvent).where(ApplicationEvent.kind == "offer_step")).one()
        assert (step.detail["verdict"], step.detail["comment"], step.detail["role"]) == (
            "rejected", "薪级工资核定有误", "personnel_office")


def test_bad_offer_input_is_refused_with_every_problem(world):
    w = world
    bad = offer_input(w, pay=(PayLine("", "1"),), probation_months=7, work_place=" ",
                      reply_by=local(STORY_DAY, 7))
    with pytest.raises(ValidationFailed) as refused:
        act(w, w.hr, offers.create, bad)
    assert refused.value.problems == {"pay1": "required", "probation_months": "range", "work_place": "required",
                                      "reply_by": "past"}
    with w.db.session() as s:
        assert s.scalar(select(func.count(Offer.id))) == 0


def test_accepted_offers_never_exceed_the_headcount(world):
    w = world
    with w.db.session(write=True) as s:
        s.get(Position, w.position).headcount = 1
    first, second = sent_offer(w, 0), sent_offer(w, 1)
    act(w, w.hr, offers.record_answer, first, True, "电话接受")
    with pytest.raises(InvalidState) as refused:
        act(w, w.hr, offers.record_answer, second, True, "电话接受")
    assert (refused.value.params["status"], refused.value.params["over"], refused.value.params["headcount"]) == (
        "headcount_exceeded", 1, 1)
    assert status(w, second) == "sent"
    with pytest.raises(InvalidState):                      # a new offer is stopped before approval too
        act(w, w.hr, offers.submit, act(w, w.hr, offers.create, offer_input(w, 2)))
    act(w, w.hr, offers.record_answer, second, False, "电话婉拒")
    assert status(w, second) == "declined"


def test_an_answer_after_the_deadline_is_refused_and_the_offer_expires(world, clock):
    w = world
    offer_id = sent_offer(w)
    clock.set(local(STORY_DAY + timedelta(days=7), 17, 1))
    with pytest.raises(InvalidState) as refused:
        act(w, w.hr, offers.record_answer, offer_id, True, "电话接受")
    assert refused.value.params["status"] == "offer_expired"
    assert status(w, offer_id) == "sent"
    with w.db.session(write=True) as s:
        assert offers.expire_due(s) == [offer_id]
    assert status(w, offer_id) == "expired"
    assert events(w, offer_id)[-1] == "offer_expired"


def test_withdrawal_needs_a_reason_and_closes_the_offer(world):
    w = world
    offer_id = sent_offer(w)
    with pytest.raises(ValidationFailed):
        act(w, w.hr, offers.withdraw, offer_id, "")
    act(w, w.hr, offers.withdraw, offer_id, "岗位调整")
    assert status(w, offer_id) == "withdrawn"
    with pytest.raises(InvalidState):
        act(w, w.hr, offers.record_answer, offer_id, True, "电话接受")
    assert act(w, w.hr, offers.create, offer_input(w)) > offer_id    # a closed offer does not block a new one


# --- the letter by mail and the candidate's answer ------------------------------------------------

def reply(w: World, offer_id: int, text: str, message_id: str):
    from desktop.core import candidate_replies

    with w.db.session(write=True) as s:
        entry = s.scalars(select(OutboxEntry).where(OutboxEntry.kind == "offer_notice",
                                                    OutboxEntry.channel == "email")).one()
        return candidate_replies.handle(s, candidate_replies.Reply(
            channel="email", message_id=message_id, candidate_id=entry.payload["candidate_id"],
            interview_id=entry.interview_id, sequence=None, text=text, sender="c1@example.cn"))


def test_the_approved_offer_goes_out_with_its_letter_and_the_candidate_accepts_by_reply(world, relay, certs, clock):
    from desktop.core.delivery.worker import OutboxWorker
    from desktop.integrations.mail.smtp import MailSender

    from test_mail_smtp import configure

    w = world
    configure(w, relay.port, certs)
    two_step_chain(w)
    interview_id = book(w, 0, local(STORY_DAY, 10)).interview_id
    offer_id = act(w, w.hr, offers.create, offer_input(w))
    act(w, w.hr, offers.submit, offer_id)
    act(w, w.personnel, offers.decide, offer_id, True)
    with w.db.session() as s:          # nothing goes out before the last step
        assert s.scalar(select(func.count(OutboxEntry.id)).where(OutboxEntry.kind == "offer_notice")) == 0
    act(w, w.director, offers.decide, offer_id, True)
    with w.db.session(write=True) as s:    # the invitation's mail is not what this test is about
        for other in s.scalars(select(OutboxEntry).where(OutboxEntry.kind != "offer_notice")):
            s.delete(other)
    OutboxWorker(w.db, [MailSender(w.db)]).run_once()

    [message] = relay.mailbox.messages()
    assert str(message["Subject"]) == "录用通知：内科住院医师岗位"
    [pdf] = [p for p in message.walk() if p.get_content_type() == "application/pdf"]
    assert pdf.get_filename() == "录用通知书.pdf"
    data = pdf.get_content()
    assert data.startswith(b"%PDF") and b"FontFile2" in data          # the CJK font travels with it
    with w.db.session() as s:
        entry = s.scalars(select(OutboxEntry).where(OutboxEntry.kind == "offer_notice",
                                                    OutboxEntry.channel == "email")).one()
        assert entry.interview_id == interview_id      # a reply to this mail finds its way back

    handled = reply(w, offer_id, "接受！\n谢谢", "<r1@example.cn>")
    assert (handled.kind, handled.offer_id) == ("offer_answer", offer_id)
    assert status(w, offer_id) == "accepted"
    assert events(w, offer_id)[-3:] == ["offer_approved", "offer_sent", "offer_accepted"]


def test_an_acceptance_by_reply_after_the_deadline_is_refused_and_hr_alerted(world, clock):
    w = world
    book(w, 0, local(STORY_DAY, 10))
    offer_id = sent_offer(w)
    clock.set(local(STORY_DAY + timedelta(days=8), 9))
    handled = reply(w, offer_id, "接受", "<late@example.cn>")
    assert handled.kind == "offer_refused"
    assert status(w, offer_id) == "sent"
    with w.db.session() as s:
        [alert] = s.scalars(select(Alert).where(Alert.kind == "offer_answer_refused")).all()
        assert alert.detail["reason"] == "offer_expired"


def test_the_minute_job_reminds_hr_a_day_before_the_deadline_expires_and_tells_the_deputy(world, clock):
    from desktop.core.scheduling import reminders

    w = world
    with w.db.session(write=True) as s:
        s.get(Application, w.applications[0]).hr_owner_id = w.hr.user_id
    answered_late = sent_offer(w)
    act(w, ADMIN, save_chain, ChainInput("录用审批", None, "offer", False, (
        StepInput("approve", role="personnel_office", deadline_minutes=60, escalate_to_id=w.deputy.user_id),)))
    waiting = act(w, w.hr, offers.create, offer_input(w, 1))
    act(w, w.hr, offers.submit, waiting)

    def minute(at):
        clock.set(at)
        with w.db.session(write=True) as s:
            return reminders.evaluate(s).kinds

    assert "offer_step_overdue" not in minute(local(STORY_DAY, 8, 59))
    assert minute(local(STORY_DAY, 9, 0)).count("offer_step_overdue") == 1
    act(w, w.deputy, offers.decide, waiting, True, "代为审批")        # the deputy may act after the deadline
    assert status(w, waiting) == "sent"
    assert "offer_reply_due" not in minute(local(STORY_DAY + timedelta(days=6), 16, 59))
    assert minute(local(STORY_DAY + timedelta(days=6), 17, 0)).count("offer_reply_due") == 2     # both unanswered
    assert "offer_reply_due" not in minute(local(STORY_DAY + timedelta(days=6), 17, 1))    # once
    minute(local(STORY_DAY + timedelta(days=7), 17, 1))
    assert status(w, answered_late) == "expired"
    with w.db.session() as s:
        reminded = s.scalars(select(Alert.user_id).where(Alert.kind == "offer_reply_due").order_by(Alert.id)).all()
        overdue = s.scalars(select(Alert).where(Alert.kind == "offer_step_overdue")).one()
        assert (reminded, overdue.user_id) == ([w.hr.user_id, None], w.deputy.user_id)
    assert status(w, waiting) == "expired"


def test_an_offer_whose_reply_deadline_passed_in_approval_is_not_sent_but_edited(world, clock):
    w = world
    two_step_chain(w)
    offer_id = act(w, w.hr, offers.create, offer_input(w))
    act(w, w.hr, offers.submit, offer_id)
    act(w, w.personnel, offers.decide, offer_id, True)
    clock.set(local(STORY_DAY + timedelta(days=7), 18))
    with pytest.raises(InvalidState) as refused:
        act(w, w.director, offers.decide, offer_id, True)
    assert refused.value.params["status"] == "reply_by_passed" and status(w, offer_id) == "pending_approval"
    act(w, w.director, offers.decide, offer_id, False, "答复期限已过，请修改")
    act(w, w.hr, offers.update, offer_id, offer_input(w, reply_by=local(STORY_DAY + timedelta(days=14), 17)))
    act(w, w.hr, offers.submit, offer_id)
    act(w, w.personnel, offers.decide, offer_id, True)
    assert act(w, w.director, offers.decide, offer_id, True) == OfferStatus.SENT


# --- the application follows the answer -------------------------------------------------------------

def stage_and_events(w: World, n: int = 0) -> tuple[str, list[tuple[str, dict]]]:
    with w.db.session() as s:
        application = s.get(Application, w.applications[n])
        rows = s.scalars(select(ApplicationEvent).where(ApplicationEvent.application_id == application.id)
                         .order_by(ApplicationEvent.id)).all()
        return application.stage.value, [(e.kind, dict(e.detail or {})) for e in rows]


def test_an_accepted_offer_hires_a_declined_one_withdraws_the_application_in_the_same_transaction(world):
    w = world
    accepted, declined = sent_offer(w, 0), sent_offer(w, 1)
    before, _ = stage_and_events(w, 0)
    act(w, w.hr, offers.record_answer, accepted, True, "电话确认接受")
    stage, history = stage_and_events(w, 0)
    assert stage == "hired"
    assert history[-2][0] == "offer_accepted"
    assert history[-1] == ("stage_changed", {"before": before, "stage": "hired", "by_offer": accepted})
    with w.db.session() as s:
        application = s.get(Application, w.applications[0])
        assert application.closed_at == w.db.clock.now()

    act(w, w.hr, offers.record_answer, declined, False, "电话婉拒，已另有工作")
    stage, history = stage_and_events(w, 1)
    assert stage == "withdrawn" and history[-1][1]["stage"] == "withdrawn"


def test_a_refused_acceptance_leaves_the_application_as_it_was(world, clock):
    w = world
    with w.db.session(write=True) as s:
        s.get(Position, w.position).headcount = 1
    first, second = sent_offer(w, 0), sent_offer(w, 1)
    act(w, w.hr, offers.record_answer, first, True, "电话接受")
    before = stage_and_events(w, 1)
    with pytest.raises(InvalidState):
        act(w, w.hr, offers.record_answer, second, True, "电话接受")       # over the headcount
    assert stage_and_events(w, 1) == before


def test_an_expired_or_withdrawn_offer_leaves_the_application_where_it_was(world, clock):
    w = world
    expiring, withdrawn = sent_offer(w, 0), sent_offer(w, 1)
    stages = (stage_and_events(w, 0)[0], stage_and_events(w, 1)[0])
    act(w, w.hr, offers.withdraw, withdrawn, "岗位调整，重新发出")
    clock.set(local(STORY_DAY + timedelta(days=7), 17, 1))
    with w.db.session(write=True) as s:
        offers.expire_due(s)
    assert (stage_and_events(w, 0)[0], stage_and_events(w, 1)[0]) == stages
    with pytest.raises(InvalidState) as late:            # HR recording a late phone answer is told why not
        act(w, w.hr, offers.record_answer, expiring, True, "电话接受")
    assert late.value.params["status"] == "offer_expired"


# --- a late acceptance is refused, the candidate told, HR alerted ------------------------------------

def test_a_late_acceptance_after_expiry_is_refused_the_candidate_is_told_and_hr_alerted(world, clock):
    from desktop.core.notifications import templates

    w = world
    with w.db.session(write=True) as s:
        s.get(Application, w.applications[0]).hr_owner_id = w.hr.user_id
    book(w, 0, local(STORY_DAY, 10))
    offer_id = sent_offer(w)
    clock.set(local(STORY_DAY + timedelta(days=8), 9))
    with w.db.session(write=True) as s:
        offers.expire_due(s)
    stage = stage_and_events(w)[0]
    handled = reply(w, offer_id, "我接受，谢谢！", "<late2@example.cn>")
    assert (handled.kind, handled.offer_id) == ("offer_refused", offer_id)
    assert status(w, offer_id) == "expired" and stage_and_events(w)[0] == stage
    with w.db.session() as s:
        [alert] = s.scalars(select(Alert).where(Alert.kind == "offer_answer_refused")).all()
        assert (alert.user_id, alert.detail["reason"], alert.detail["accepted"]) == (w.hr.user_id, "offer_expired",
                                                                                      True)
        [told] = s.scalars(select(OutboxEntry).where(OutboxEntry.kind == "offer_late")).all()
        candidate_email = told.recipient
        assert (told.channel, told.payload["in_reply_to"], told.payload["reply_by"]) == (
            "email", "<late2@example.cn>", (STORY_DAY + timedelta(days=7)).isoformat())
        mail = templates.render(s, "offer_late", "email", told.payload)
    assert candidate_email and "超过期限" in mail.text and "如仍有意向，请联系" in mail.text
    assert "内科住院医师" in mail.subject

    again = reply(w, offer_id, "拒绝", "<late3@example.cn>")        # a late refusal: noted for HR, nobody told
    assert again.kind == "offer_refused"
    with w.db.session() as s:
        assert s.scalar(select(func.count(OutboxEntry.id)).where(OutboxEntry.kind == "offer_late")) == 1


def test_a_reply_about_the_offer_without_a_clear_answer_goes_to_hr(world, clock):
    w = world
    with w.db.session(write=True) as s:
        s.get(Application, w.applications[0]).hr_owner_id = w.hr.user_id
    book(w, 0, local(STORY_DAY, 10))
    offer_id = sent_offer(w)
    for n, text in enumerate(("接受不了", "无法接受，薪资偏低", "接受，但希望推迟两周报到")):
        handled = reply(w, offer_id, text, f"<unclear{n}@example.cn>")
        assert (handled.kind, handled.offer_id) == ("offer_unclear", offer_id)
    assert status(w, offer_id) == "sent"                     # nothing guessed
    with w.db.session() as s:
        raised = s.scalars(select(Alert).where(Alert.kind == "offer_answer_unclear")).all()
        assert [(a.user_id, a.detail["offer_id"]) for a in raised] == [(w.hr.user_id, offer_id)] * 3
    assert reply(w, offer_id, "请问接受后什么时候报到？", "<q@example.cn>").kind == "question"
    assert reply(w, offer_id, "接受！谢谢", "<yes@example.cn>").kind == "offer_answer"
    assert status(w, offer_id) == "accepted" and stage_and_events(w)[0] == "hired"
