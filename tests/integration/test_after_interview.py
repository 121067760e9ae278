"""After the interview, with real delivery on loopback (SMTP relay with STARTTLS, SMS gateway over
HTTP, IMAP reply mailbox): the thank-you with its survey goes out within minutes of the end, pressed
or not; the candidate's "5 4 5" is stored and acknowledged, an unreadable answer gets one
clarification and then only a note; "进度" is answered; a question is captured for the question
desk; nothing is answered twice and nothing is lost."""

from __future__ import annotations

from datetime import timedelta

import pytest
from delivery_helpers import configure, deliver
from delivery_helpers import reply as candidate_reply
from imap_server import Mailbox
from scheduling_helpers import BACKENDS, book, world_copy
from scheduling_world import STORY_DAY, World, local
from sqlalchemy import select, update

from desktop.core.model import (
    Alert, CandidateQuestion, InboundMessage, Interview, InterviewStatus, OutboxEntry, SurveyResponse,
)
from desktop.core.scheduling import attendance, reminders, timeline
from desktop.integrations.mail.replies import poll_replies

from factories import SYSTEM


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


def minute(w: World) -> None:
    with w.db.session(write=True) as s:
        reminders.evaluate(s)


def held(w: World, candidate: int, hour: int, *, pressed_at=None, next_step: str = "", check_in: bool = True) -> int:
    """An interview of candidate number `candidate` at `hour`:00 (30 min) that took place; pressed_at:
    when 结束面试 was pressed (None: nobody pressed it)."""
    iid = book(w, candidate, local(STORY_DAY, hour)).interview_id
    with w.db.session(SYSTEM, write=True) as s:
        values = {"checked_in_at": local(STORY_DAY, hour) - timedelta(minutes=5)} if check_in else {}
        if pressed_at is not None:
            values |= {"started_at": local(STORY_DAY, hour), "ended_at": pressed_at, "next_step": next_step,
                       "status": InterviewStatus.FINISHED}
        if values:
            s.execute(update(Interview).where(Interview.id == iid).values(**values))
    return iid


def thank_yous(w: World, iid: int) -> list[OutboxEntry]:
    with w.db.session() as s:
        rows = s.scalars(select(OutboxEntry).where(OutboxEntry.interview_id == iid, OutboxEntry.kind == "thank_you")
                         .order_by(OutboxEntry.channel)).all()
        s.expunge_all()
        return rows


def kinds(w: World, iid: int) -> list[str]:
    with w.db.session() as s:
        return [e.kind for e in timeline.entries(s, iid)]


def outbox_kinds(w: World, iid: int) -> list[str]:
    with w.db.session() as s:
        return sorted(s.scalars(select(OutboxEntry.kind).where(OutboxEntry.interview_id == iid,
                                                               OutboxEntry.channel == "email")))


def reply(box: Mailbox, answers: str, text: str, *, automatic: bool = False) -> None:
    """The candidate answers the thank-you, its survey quoted below."""
    candidate_reply(box, answers, text, quoted="1. 您对本次面试的整体体验打几分？", automatic=automatic)


def thank_you_sent(w: World, mail_servers, **pressed) -> tuple[int, str]:
    configure(w, mail_servers)
    iid = held(w, 0, 10, **pressed)
    w.db.clock.set(local(STORY_DAY, 10, 31))
    minute(w)
    deliver(w)
    [mail, _text] = thank_yous(w, iid)
    return iid, mail.external_id


def test_the_thank_you_follows_a_pressed_end_within_minutes_with_the_next_step_and_the_survey(world, mail_servers):
    w = world
    configure(w, mail_servers)
    iid = held(w, 0, 10, pressed_at=local(STORY_DAY, 10, 20), next_step="3个工作日内电话通知复试安排。")
    w.db.clock.set(local(STORY_DAY, 10, 19))
    minute(w)
    assert thank_yous(w, iid) == []
    w.db.clock.set(local(STORY_DAY, 10, 21))
    minute(w)
    minute(w)                                           # the next minute (or another desktop) adds nothing
    mail, text = thank_yous(w, iid)
    assert (mail.channel, mail.recipient, text.channel, text.recipient) == ("email", "c1@example.cn", "sms",
                                                                          "13800138000")
    assert mail.created_at - local(STORY_DAY, 10, 20) <= timedelta(minutes=10)
    assert kinds(w, iid).count("thanked") == 1

    deliver(w)
    invitation, sent = mail_servers["relay"].mailbox.messages()
    assert "面试通知" in invitation["Subject"]
    body = sent.get_body(("plain",)).get_content()
    assert "c1@example.cn" in sent["To"] and "内科住院医师" in sent["Subject"]
    assert "候选人1" in body and "下一步：3个工作日内电话通知复试安排" in body
    assert "1. 您对本次面试的整体体验打几分？" in body and "如：5 4 5" in body
    sms = mail_servers["sms"].received[-1].json()["content"]
    assert "3个工作日内电话通知复试安排。" in sms and "请回复3个1-5的数字" in sms


def test_without_the_button_the_booked_end_counts_for_interviews_that_took_place(world, mail_servers):
    w = world
    configure(w, mail_servers, **{"after.next_step_default": "我们将在5个工作日内通知您结果"})
    came = held(w, 0, 10)                                      # checked in, nobody pressed 结束面试
    absent = held(w, 1, 9, check_in=False)                    # never came, not marked yet
    cancelled = held(w, 2, 11)
    with w.db.session(SYSTEM, write=True) as s:
        s.execute(update(Interview).where(Interview.id == cancelled).values(status=InterviewStatus.CANCELLED))
    w.db.clock.set(local(STORY_DAY, 10, 29))
    minute(w)
    assert thank_yous(w, came) == []
    w.db.clock.set(local(STORY_DAY, 10, 31))
    minute(w)
    assert [e.payload["next_step"] for e in thank_yous(w, came)] == ["我们将在5个工作日内通知您结果"] * 2
    w.db.clock.set(local(STORY_DAY, 12, 0))
    minute(w)
    assert thank_yous(w, absent) == [] and thank_yous(w, cancelled) == []


def test_a_started_interview_running_over_is_not_thanked_in_the_middle(world, mail_servers):
    w = world
    configure(w, mail_servers)
    iid = held(w, 0, 10)
    with w.db.session(SYSTEM, write=True) as s:
        attendance.mark_started(s, SYSTEM, iid)
    w.db.clock.set(local(STORY_DAY, 10, 45))
    minute(w)
    assert thank_yous(w, iid) == []
    w.db.clock.set(local(STORY_DAY, 11, 31))                  # nobody ended it: an hour over the booking
    minute(w)
    assert len(thank_yous(w, iid)) == 2


def test_survey_answers_are_stored_and_an_unreadable_one_is_clarified_once(world, mail_servers):
    w = world
    iid, thanks_id = thank_you_sent(w, mail_servers)
    box = mail_servers["box"]
    reply(box, thanks_id, "五 四")
    reply(box, thanks_id, "9 9 9")
    summary = poll_replies(w.db)
    assert (summary.fetched, summary.noted, summary.surveys) == (2, 2, 0)
    assert outbox_kinds(w, iid) == ["invitation", "survey_clarify", "thank_you"]      # one clarification only
    with w.db.session() as s:
        unclear = [e.detail for e in timeline.entries(s, iid) if e.kind == "survey_unclear"]
    assert [(d["reason"], d["clarified"]) for d in unclear] == [("numerals", True), ("range", False)]

    reply(box, thanks_id, "５，４，５")                        # full-width, typed with a Chinese input method
    reply(box, thanks_id, "5 5 5")                            # a second answer is no survey answer any more
    summary = poll_replies(w.db)
    assert (summary.surveys, summary.noted) == (1, 2)
    with w.db.session() as s:
        [response] = s.scalars(select(SurveyResponse)).all()
        assert (response.interview_id, response.answers, response.channel) == (iid, [5, 4, 5], "email")
        assert response.questions[0] == "您对本次面试的整体体验打几分？"
        taken = s.scalars(select(InboundMessage.kind).order_by(InboundMessage.id)).all()
    assert taken == ["survey_unclear", "survey_unclear", "survey", "noted"]
    assert outbox_kinds(w, iid) == ["invitation", "survey_clarify", "survey_thanks", "thank_you"]
    deliver(w)
    acknowledged = mail_servers["relay"].mailbox.messages()[-1]
    assert "5 4 5" in acknowledged.get_body(("plain",)).get_content()
    assert poll_replies(w.db).fetched == 0                     # each message read once


def test_progress_is_answered_and_a_question_reaches_the_question_desk(world, mail_servers):
    w = world
    iid, thanks_id = thank_you_sent(w, mail_servers, pressed_at=local(STORY_DAY, 10, 25),
                                    next_step="2个工作日内通知结果")
    box = mail_servers["box"]
    reply(box, thanks_id, "进度")
    reply(box, thanks_id, "Progress", automatic=True)          # an auto-reply is never answered
    reply(box, thanks_id, "请问复试大概什么时候安排？")
    reply(box, thanks_id, "好的" + "谢谢" * 5000 + "？")          # too long for a question: kept for HR
    summary = poll_replies(w.db)
    assert (summary.fetched, summary.progress, summary.questions, summary.noted) == (4, 1, 1, 4)
    with w.db.session() as s:
        [question] = s.scalars(select(CandidateQuestion)).all()
        assert (question.question, question.source, question.interview_id) == ("请问复试大概什么时候安排？", "email", iid)
        assert question.message_id.endswith("@example.cn>")
        inbound = s.scalars(select(InboundMessage).order_by(InboundMessage.id)).all()
        assert [m.kind for m in inbound] == ["progress", "automatic", "question", "noted"]
        assert len(inbound[3].text) == 10_003                  # nothing lost
    assert outbox_kinds(w, iid) == ["invitation", "progress_answer", "thank_you"]
    deliver(w)
    answer = mail_servers["relay"].mailbox.messages()[-1].get_body(("plain",)).get_content()
    assert "内科住院医师岗位当前进度：面试阶段" in answer or "当前进度" in answer
    assert "下一步：2个工作日内通知结果" in answer


def test_progress_visibility_limits_the_answer(world, mail_servers):
    w = world
    iid, thanks_id = thank_you_sent(w, mail_servers)
    configure(w, mail_servers, **{"replies.progress_visibility": "contact_only"})
    reply(mail_servers["box"], thanks_id, "进度。")
    poll_replies(w.db)
    deliver(w)
    answer = mail_servers["relay"].mailbox.messages()[-1].get_body(("plain",)).get_content()
    assert "人事处将与您联系" in answer and "当前进度" not in answer and "下一步" not in answer


def test_a_reply_to_an_unknown_message_is_left_unmatched(world, mail_servers):
    w = world
    thank_you_sent(w, mail_servers)
    reply(mail_servers["box"], "<never-sent@hospital.example.cn>", "进度")
    summary = poll_replies(w.db)
    assert (summary.fetched, summary.unmatched, summary.progress) == (1, 1, 0)
    with w.db.session() as s:
        assert s.scalars(select(InboundMessage)).all() == []
        assert s.scalars(select(Alert).where(Alert.kind == "inbound_message")).all() == []
    assert poll_replies(w.db).fetched == 1                     # left unseen for a person


def test_a_confirmation_keyword_after_the_interview_is_not_a_confirmation(world, mail_servers):
    w = world
    iid, thanks_id = thank_you_sent(w, mail_servers, pressed_at=local(STORY_DAY, 10, 25))
    reply(mail_servers["box"], thanks_id, "确认")
    assert poll_replies(w.db).confirmations == 0
    with w.db.session() as s:
        assert s.scalar(select(InboundMessage.kind)) == "noted"
