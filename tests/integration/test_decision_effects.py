"""What a round's decision brings with it, on both backends with real delivery on loopback: three
interviewers submit, the rule passes with its explanation, HR confirms; HR is asked to book the next
round with the panel; the candidate's result mail carries exactly what feedback.visibility allows.
A failed round sends the polite regret asking for the talent pool; the reply "同意" adds the
candidate to the pool with the consent date. The feedback-on-time figures come from the outbox."""

from __future__ import annotations

from datetime import timedelta

import pytest
from delivery_helpers import configure, deliver, reply
from scheduling_helpers import BACKENDS, act, book, world_copy
from scheduling_world import STORY_DAY, World, local
from sqlalchemy import select

from desktop.core import decision_effects, scorecards
from desktop.core import scorecard_panel as panel
from desktop.core.model import (
    Alert, Candidate, InboundMessage, OutboxEntry, Recommendation, Round, TalentPoolEntry,
)
from desktop.core.scorecards import CardInput, ScoreInput
from desktop.integrations.mail.replies import poll_replies


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


# the result goes out at once (the delay and corrections within it: test_feedback_delay_and_summary.py)
AT_ONCE = {"feedback.delay_minutes": 0}


def card(*scores) -> CardInput:
    return CardInput({i + 1: ScoreInput(s, "") for i, s in enumerate(scores)}, Recommendation.YES)


def scored(w: World, cards) -> int:
    iid = book(w, 0, local(STORY_DAY, 10), interviewers=(w.wang.user_id, w.li.user_id, w.leader.user_id)).interview_id
    deliver(w)                                           # the invitation, out of the way
    w.db.clock.set(local(STORY_DAY, 11, 0))
    for who, scores in zip((w.wang, w.li, w.leader), cards):
        act(w, who, scorecards.submit, iid, card(*scores))
    return iid


def results(w: World, iid: int) -> list[OutboxEntry]:
    with w.db.session() as s:
        rows = s.scalars(select(OutboxEntry).where(OutboxEntry.interview_id == iid,
                                                   OutboxEntry.kind.in_(("result_pass", "result_regret")))
                         .order_by(OutboxEntry.channel)).all()
        s.expunge_all()
        return rows


def body_of(mail_servers) -> tuple[str, str]:
    sent = mail_servers["relay"].mailbox.messages()[-1]
    return sent["Subject"], sent.get_body(("plain",)).get_content()


def test_passed_with_scores_visible_hr_is_asked_for_the_next_round_and_the_mail_has_the_scores(world, mail_servers):
    w = world
    configure(w, mail_servers, **AT_ONCE, **{"feedback.visibility": "scores"})
    iid = scored(w, ((8, 7, 7), (7, 8, 7), (7, 7, 8)))
    proposed = act(w, w.hr, panel.propose, iid)
    assert (proposed.proposed, proposed.explanation) == ("passed", "加权平均 7.33 ≥ 7.0")
    assert results(w, iid) == []                         # nothing goes out before HR confirms
    w.db.clock.set(local(STORY_DAY, 11, 30))
    act(w, w.hr, panel.settle, iid, proposed.version)

    with w.db.session() as s:
        following = s.scalar(select(Round).where(Round.position_id == w.position, Round.sequence == 2))
        [task] = s.scalars(select(Alert).where(Alert.interview_id == iid, Alert.kind == "propose_next_round")).all()
        assert (task.user_id, task.detail["round_id"], task.detail["round"]) == (w.hr.user_id, following.id,
                                                                                 following.name)
        assert task.detail["panel"] == [w.wang.user_id, w.li.user_id, w.leader.user_id]
        assert task.detail["panel_names"] == ["王主任", "李医生", "赵科长"]
    mail, text = results(w, iid)
    assert (mail.kind, mail.channel, text.channel) == ("result_pass", "email", "sms")
    deliver(w)
    subject, body = body_of(mail_servers)
    assert "面试结果通知" in subject and "您已通过本轮面试" in body
    assert "您的面试反馈已更新：加权平均 7.33 分（满分 10 分）；沟通能力 7.33 分；求职动机 7.33 分；稳定性与匹配 7.33 分" in body
    assert "王主任" not in body and "李医生" not in body       # never who scored what

    with w.db.session() as s:
        figures = decision_effects.on_time(s, local(STORY_DAY, 0), local(STORY_DAY, 23), w.db.clock.now())
    assert (figures.decided, figures.on_time, figures.late) == (1, 1, 0)


def test_result_only_the_mail_has_no_scores(world, mail_servers):
    w = world
    configure(w, mail_servers, **AT_ONCE)                # feedback.visibility: result (the default)
    iid = scored(w, ((8, 7, 7), (7, 8, 7), (7, 7, 8)))
    act(w, w.hr, panel.settle, iid, act(w, w.hr, panel.propose, iid).version)
    deliver(w)
    _subject, body = body_of(mail_servers)
    assert "您已通过本轮面试" in body
    assert "反馈" not in body and "7.33" not in body and "加权" not in body


def test_failed_the_regret_asks_for_the_talent_pool_and_a_reply_agreeing_adds_the_candidate(world, mail_servers):
    w = world
    configure(w, mail_servers, **AT_ONCE, **{"feedback.visibility": "scores"})
    iid = scored(w, ((4, 4, 4), (4, 5, 4), (4, 4, 5)))
    proposed = act(w, w.hr, panel.propose, iid)
    assert proposed.proposed == "failed"
    act(w, w.hr, panel.settle, iid, proposed.version)
    with w.db.session() as s:
        tasks = ("propose_next_round", "offer_step_open")
        assert s.scalars(select(Alert.kind).where(Alert.interview_id == iid, Alert.kind.in_(tasks))).all() == []
    deliver(w)
    _subject, body = body_of(mail_servers)
    assert "很遗憾" in body and "请回复本邮件“同意”" in body and "加权平均 4.2 分（满分 10 分）" in body
    [mail, _text] = results(w, iid)

    w.db.clock.set(local(STORY_DAY, 15, 0))
    reply(mail_servers["box"], mail.external_id, "同意。", subject="回复：面试结果通知")
    assert poll_replies(w.db).fetched == 1
    with w.db.session() as s:
        candidate = s.get(Candidate, w.candidates[0])
        assert (candidate.talent_pool_consent, candidate.consent_date) == (True, STORY_DAY)
        [entry] = s.scalars(select(TalentPoolEntry)).all()
        assert entry.candidate_id == candidate.id and entry.added_at == local(STORY_DAY, 15, 0)
        assert s.scalars(select(InboundMessage.kind)).all() == ["talent_consent"]


def test_after_the_last_round_the_offer_step_opens_and_an_unsent_feedback_counts_late(world, mail_servers):
    w = world
    configure(w, mail_servers, **AT_ONCE)
    iid = scored(w, ((8, 8, 8), (8, 8, 8), (8, 7, 8)))
    with w.db.session(w.hr, write=True) as s:           # the booked round is the position's last
        for later in s.scalars(select(Round).where(Round.position_id == w.position, Round.sequence > 1)):
            s.delete(later)
    act(w, w.hr, panel.settle, iid, act(w, w.hr, panel.propose, iid).version)
    with w.db.session() as s:
        [task] = s.scalars(select(Alert).where(Alert.interview_id == iid,
                                               Alert.kind.in_(("propose_next_round", "offer_step_open")))).all()
        assert (task.kind, task.user_id, task.detail["application_id"]) == ("offer_step_open", w.hr.user_id,
                                                                            w.applications[0])
    assert len(results(w, iid)) == 2
    with w.db.session() as s:
        late = decision_effects.on_time(s, local(STORY_DAY, 0), local(STORY_DAY, 23),
                                        w.db.clock.now() + timedelta(hours=25))
    assert (late.decided, late.on_time, late.late) == (1, 0, 1)     # never delivered: late after 24 h


# --- 安排下一轮: the booking proposed after a passed round --------------------------------------

def test_the_next_round_is_proposed_with_the_panel_last_booked_for_it_and_booking_it_closes_hrs_task(world):
    from desktop.core import next_round
    from desktop.core.errors import InvalidState, PermissionDenied
    from desktop.core.scheduling import booking
    from desktop.core.model import InterviewMode

    w = world
    iid = scored(w, ((8, 7, 7), (7, 8, 7), (7, 7, 8)))
    with pytest.raises(InvalidState) as early:                # proposed, not yet confirmed
        act(w, w.hr, next_round.proposal, iid)
    assert early.value.params["reason"] == "not_passed"
    act(w, w.hr, panel.settle, iid, act(w, w.hr, panel.propose, iid).version)
    with w.db.session() as s:
        second = s.scalar(select(Round).where(Round.position_id == w.position, Round.sequence == 2))
        second_id, second_name, second_minutes = second.id, second.name, second.duration_minutes

    fresh = act(w, w.hr, next_round.proposal, iid)            # that round was never booked: no panel known
    assert (fresh.application_id, fresh.round_id, fresh.round, fresh.duration_minutes) == (
        w.applications[0], second_id, second_name, second_minutes)
    assert (fresh.interviewer_ids, fresh.panel_from, fresh.booked) == ((), None, False)

    def book_round2(candidate, start, panel_ids):
        with w.db.session(w.hr, write=True) as s:
            return booking.book(s, w.hr, booking.BookingInput(
                application_id=w.applications[candidate], round_id=second_id, starts_at=start,
                duration_minutes=second_minutes, mode=InterviewMode.ONSITE, room_id=w.room,
                interviewer_ids=panel_ids)).interview_id

    book_round2(1, local(STORY_DAY + timedelta(days=1), 9), (w.li.user_id,))
    book_round2(2, local(STORY_DAY + timedelta(days=2), 9), (w.leader.user_id, w.li.user_id))   # the latest
    proposed = act(w, w.hr, next_round.proposal, iid)
    assert proposed.interviewer_ids == (w.leader.user_id, w.li.user_id)
    assert proposed.panel_from == local(STORY_DAY + timedelta(days=2), 9) and not proposed.booked
    with pytest.raises(PermissionDenied):                      # the interviewer may not book
        act(w, w.wang, next_round.proposal, iid)

    with w.db.session() as s:
        task = s.scalars(select(Alert).where(Alert.kind == "propose_next_round")).one()
        assert task.acknowledged_at is None
    book_round2(0, local(STORY_DAY + timedelta(days=3), 9), proposed.interviewer_ids)
    with w.db.session() as s:
        task = s.scalars(select(Alert).where(Alert.kind == "propose_next_round")).one()
        assert (task.acknowledged_at, task.acknowledged_by_id) == (w.db.clock.now(), w.hr.user_id)
    assert act(w, w.hr, next_round.proposal, iid).booked


def test_after_the_last_round_there_is_no_next_round_to_book(world, mail_servers):
    from desktop.core import next_round
    from desktop.core.errors import InvalidState

    w = world
    with w.db.session(write=True) as s:
        for r in s.scalars(select(Round).where(Round.position_id == w.position, Round.sequence > 1)):
            s.delete(r)
    iid = scored(w, ((8, 7, 7), (7, 8, 7), (7, 7, 8)))
    act(w, w.hr, panel.settle, iid, act(w, w.hr, panel.propose, iid).version)
    with pytest.raises(InvalidState) as last:
        act(w, w.hr, next_round.proposal, iid)
    assert last.value.params["reason"] == "last_round"
