"""Interview day, the acceptance story of issue 11, on both backends with the controllable clock and
every server on loopback (SMTP relay with STARTTLS and AUTH, the candidate-reply IMAP mailbox, an SMS
gateway and an OA webhook over HTTP). Each step goes through the app's own services, the minute job
(`reminders.evaluate`) and the outbox worker, as the desktop runs them:

Friday afternoon the candidate arrives, the panel starts the interview, the minute job tells the
panel at the planned end and ten minutes later; the closing checklist is ticked and the next step
told; the candidate types two questions at the kiosk (one about promotion, routed to the department
leader); the interview ends and the thank-you with its survey reaches the candidate's mailbox within
ten minutes. The leader's question is due one working day later, across the weekend and a Monday
holiday: the leader is reminded at half time and the superior and HR are told at the deadline, each
once; the leader's answer reaches the candidate's mailbox. The candidate answers the survey "5 4 5"
and asks "进度" by replying to the thank-you; both are answered. The interview's timeline shows it all,
in order.

The second test feeds the bad inputs of the acceptance that no other test sends over a text message:
an unreadable survey answer ("五 四", "9 9 9"), an empty message, an oversized question and a message
from an unknown number; and a kiosk with too many questions."""

from __future__ import annotations

from datetime import date, timedelta
from email.message import EmailMessage

import pytest
import delivery_helpers as delivery
from delivery_helpers import deliver
from http_gateway import answer
from imap_server import Mailbox
from scheduling_helpers import BACKENDS, act, book, world_copy
from scheduling_world import STORY_DAY, World, local
from sqlalchemy import select

from desktop.core import interview_room, questions
from desktop.core.errors import ValidationFailed
from desktop.core.model import (
    Alert, CandidateQuestion, Holiday, InboundMessage, Interview, OutboxEntry, QuestionTopic, SurveyResponse,
)
from desktop.core.scheduling import attendance, reminders, timeline
from desktop.integrations.http_channels.sms_inbox import poll_inbox
from desktop.integrations.mail.replies import poll_replies

from factories import SYSTEM

FRIDAY = date(2026, 11, 27)
SATURDAY, SUNDAY, MONDAY, TUESDAY = (FRIDAY + timedelta(days=n) for n in (1, 2, 3, 4))   # Monday: a holiday
CANDIDATE_MAIL, CANDIDATE_PHONE = "c1@example.cn", "13800138000"


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


def configure(w: World, mail_servers, **changes) -> None:
    delivery.configure(w, mail_servers, oa=True, **changes)
    with w.db.session(SYSTEM, write=True) as s:
        s.add(Holiday(day=MONDAY, name="临时假日", is_workday=False))


# --- acting as the desktop does ---------------------------------------------------------------------

def at(w: World, moment) -> None:
    w.db.clock.set(moment)


def minute_job(w: World, prefix: str = "") -> list[str]:
    """One run of the minute job; the kinds of alert it raised (those starting with `prefix`)."""
    with w.db.session(write=True) as s:
        return sorted(k for k in reminders.evaluate(s).kinds if k.startswith(prefix))


def mails_to(mail_servers, address: str) -> list[EmailMessage]:
    return [m for m in mail_servers["relay"].mailbox.messages() if address in m["To"]]


def text_of(mail: EmailMessage) -> str:
    return mail.get_body(("plain",)).get_content()


def reply(box: Mailbox, answers: str, text: str) -> None:
    """The candidate answers the thank-you from their mail program, our text quoted below theirs."""
    delivery.reply(box, answers, text, quoted="感谢您参加我单位内科住院医师岗位初试")


def question_alerts(w: World, question_id: int) -> list[tuple[str, int]]:
    with w.db.session() as s:
        return sorted((a.kind, a.user_id) for a in s.scalars(select(Alert).where(Alert.kind.like("question%")))
                      if a.detail.get("question_id") == question_id)


def oa_notices(mail_servers, event: str) -> list[str]:
    return sorted(r.json()["recipient"] for r in mail_servers["oa"].received if r.json()["event"] == event)


STORY = ("checked_in", "started", "overtime", "question_asked", "finished", "thanked", "question_answered",
         "question_reminded", "question_escalated", "survey_answered", "progress_answered")


# --- the story ---------------------------------------------------------------------------------------

def test_interview_day_from_arrival_to_the_answered_survey_and_progress(world, mail_servers):
    w = world
    configure(w, mail_servers)
    iid = book(w, 0, local(FRIDAY, 15, 0), minutes=40).interview_id         # booked on Tuesday for Friday
    deliver(w)
    [invitation] = mails_to(mail_servers, CANDIDATE_MAIL)
    assert "面试通知" in invitation["Subject"]

    # Friday: arrival, start, the panel hears at the planned end and ten minutes later, once each
    at(w, local(FRIDAY, 14, 55))
    assert act(w, w.reception, attendance.check_in, iid) == 0
    at(w, local(FRIDAY, 15, 0))
    with w.db.session(w.wang) as s:
        assert interview_room.room_state(s, w.wang, iid).phase(w.db.clock.now()) == "ready"
    started = act(w, w.wang, interview_room.start, iid)
    assert (started.status, started.planned_minutes) == ("in_progress", 40)
    for moment, expected in ((local(FRIDAY, 15, 39), []), (local(FRIDAY, 15, 40), ["room_planned_end"]),
                             (local(FRIDAY, 15, 41), []), (local(FRIDAY, 15, 49), []),
                             (local(FRIDAY, 15, 50), ["room_overtime"]), (local(FRIDAY, 15, 50), [])):
        at(w, moment)
        assert minute_job(w, "room_") == expected, moment
    with w.db.session() as s:
        assert sorted(s.scalars(select(Alert.kind).where(Alert.interview_id == iid, Alert.kind.like("room_%"),
                                                         Alert.user_id == w.wang.user_id))) == [
            "room_overtime", "room_planned_end"]

    # the close: checklist ticked with times, next step told, two questions typed at the kiosk
    at(w, local(FRIDAY, 15, 51))
    act(w, w.wang, interview_room.tick_item, iid, 1)
    act(w, w.wang, interview_room.set_next_step, iid, "2个工作日内通知结果")
    act(w, w.wang, interview_room.tick_item, iid, 2)
    at(w, local(FRIDAY, 15, 52))
    growth, night = act(w, w.wang, questions.capture_many, interview_id=iid, source="kiosk",
                        texts=["以后有没有晋升和职业发展的机会？", "", "需要值夜班吗？"])
    assert (growth.topic, growth.owner_id, growth.owner_name) == (QuestionTopic.GROWTH, w.leader.user_id, "赵科长")
    assert (night.topic, night.owner_id) == (QuestionTopic.ARRANGEMENT, w.hr.user_id)
    # one working day: Saturday, Sunday and the Monday holiday do not count; half of the working time
    # (98 minutes on Friday, 352 on Tuesday before 15:52) is gone at Tuesday 10:37
    assert growth.due_at == local(TUESDAY, 15, 52)
    with w.db.session() as s:
        assert s.get(CandidateQuestion, growth.id).remind_at == local(TUESDAY, 10, 37)
    at(w, local(FRIDAY, 15, 53))
    act(w, w.wang, interview_room.tick_item, iid, 3)
    act(w, w.wang, interview_room.add_note, iid, "临床基础扎实；关心晋升通道。")
    with w.db.session(w.wang) as s:
        room = interview_room.room_state(s, w.wang, iid)
    assert [i.ticked_at for i in room.checklist] == [local(FRIDAY, 15, 51)] * 2 + [local(FRIDAY, 15, 53)]

    at(w, local(FRIDAY, 15, 54))
    ended = act(w, w.wang, interview_room.end, iid, "候选人提问较多")
    assert (ended.duration_minutes, ended.overtime_minutes, ended.unticked) == (54, 14, ())

    # the thank-you with the survey, within ten minutes of the end, in the candidate's mailbox
    at(w, local(FRIDAY, 15, 55))
    minute_job(w)
    minute_job(w)                                                   # the next minute adds nothing
    with w.db.session() as s:
        thanks = s.scalars(select(OutboxEntry).where(OutboxEntry.interview_id == iid,
                                                     OutboxEntry.kind == "thank_you")).all()
        assert sorted((t.channel, t.recipient) for t in thanks) == [("email", CANDIDATE_MAIL), ("sms", CANDIDATE_PHONE)]
        assert all(t.created_at - local(FRIDAY, 15, 54) <= timedelta(minutes=10) for t in thanks)
    deliver(w)
    thank_you = mails_to(mail_servers, CANDIDATE_MAIL)[-1]
    body = text_of(thank_you)
    assert "内科住院医师" in thank_you["Subject"] and "候选人1" in body
    assert "下一步：2个工作日内通知结果" in body
    assert "1. 您对本次面试的整体体验打几分？" in body and "如：5 4 5" in body
    with w.db.session() as s:
        thanks_id = s.scalar(select(OutboxEntry.external_id).where(
            OutboxEntry.interview_id == iid, OutboxEntry.kind == "thank_you", OutboxEntry.channel == "email"))
    assert thanks_id and thanks_id == thank_you["Message-ID"]

    # HR answers the night-shift question at once; the leader's waits over the long weekend
    at(w, local(FRIDAY, 16, 30))
    assert act(w, w.hr, questions.answer, night.id, "内科住院医师需参加夜班轮值，每月约四次，有夜班补贴。").sla_met
    for moment in (local(FRIDAY, 17, 30), local(SATURDAY, 12, 0), local(SUNDAY, 12, 0), local(MONDAY, 10, 0),
                   local(MONDAY, 16, 0), local(TUESDAY, 10, 36)):
        at(w, moment)
        assert minute_job(w, "question") == [], moment
    at(w, local(TUESDAY, 10, 37))
    assert minute_job(w, "question") == ["question_reminder"]
    for _ in range(3):
        assert minute_job(w, "question") == []                      # once
    assert question_alerts(w, growth.id) == [("question_reminder", w.leader.user_id)]
    at(w, local(TUESDAY, 15, 51))
    assert minute_job(w, "question") == []
    at(w, local(TUESDAY, 15, 52))
    assert minute_job(w, "question") == ["question_overdue", "question_overdue"]
    for _ in range(3):
        assert minute_job(w, "question") == []
    # 内科's leader has no department above: the directors, and the interview's HR owner
    assert question_alerts(w, growth.id) == sorted([("question_reminder", w.leader.user_id),
                                                    ("question_overdue", w.director.user_id),
                                                    ("question_overdue", w.hr.user_id)])
    deliver(w)
    assert oa_notices(mail_servers, "question_reminder") == ["leader"]
    assert oa_notices(mail_servers, "question_escalated") == ["director", "hr_zhang"]

    # the leader answers; the answer reaches the candidate's mailbox; the SLA was missed
    at(w, local(TUESDAY, 16, 20))
    answered = act(w, w.leader, questions.answer, growth.id, "医院每年组织两次职称晋升评审，另有外出进修机会。")
    assert not answered.sla_met and answered.channels == ("email", "sms")
    deliver(w)
    answers = [m for m in mails_to(mail_servers, CANDIDATE_MAIL) if "关于您的提问的答复" in m["Subject"]]
    assert len(answers) == 2
    assert "以后有没有晋升和职业发展的机会？" in text_of(answers[-1])
    assert "医院每年组织两次职称晋升评审" in text_of(answers[-1])
    with w.db.session() as s:
        stored = s.get(CandidateQuestion, growth.id)
        assert (stored.status, stored.answered_by_id, stored.sla_met) == ("answered", w.leader.user_id, False)

    # the candidate replies to the thank-you: the survey, then 进度
    at(w, local(TUESDAY, 18, 0))
    reply(mail_servers["box"], thanks_id, "5 4 5")
    assert poll_replies(w.db).surveys == 1
    with w.db.session() as s:
        [response] = s.scalars(select(SurveyResponse)).all()
        assert (response.interview_id, response.answers, response.channel) == (iid, [5, 4, 5], "email")
    deliver(w)
    acknowledged = mails_to(mail_servers, CANDIDATE_MAIL)[-1]
    assert "问卷" in acknowledged["Subject"] and "5 4 5" in text_of(acknowledged)

    at(w, local(TUESDAY, 18, 5))
    reply(mail_servers["box"], thanks_id, "进度")
    assert poll_replies(w.db).progress == 1
    deliver(w)
    progress = mails_to(mail_servers, CANDIDATE_MAIL)[-1]
    assert "进度" in progress["Subject"] and "下一步：2个工作日内通知结果" in text_of(progress)
    assert poll_replies(w.db).fetched == 0                           # each reply read once

    with w.db.session() as s:
        entries = [e for e in timeline.entries(s, iid) if e.kind in STORY]
        assert s.get(Interview, iid).overtime_reason == "候选人提问较多"
    assert [e.kind for e in entries] == [
        "checked_in", "started", "overtime", "question_asked", "question_asked", "finished", "thanked",
        "question_answered", "question_reminded", "question_escalated", "question_answered",
        "survey_answered", "progress_answered"]
    assert [e.at for e in entries] == sorted(e.at for e in entries)
    finished = next(e for e in entries if e.kind == "finished").detail
    assert (finished["duration_minutes"], finished["overtime_minutes"], finished["overtime_reason"]) == (
        54, 14, "候选人提问较多")
    asked = [e.detail for e in entries if e.kind == "question_asked"]
    assert [(d["source"], d["owner_id"]) for d in asked] == [("kiosk", w.leader.user_id), ("kiosk", w.hr.user_id)]
    assert [e.detail["sla_met"] for e in entries if e.kind == "question_answered"] == [True, False]


# --- bad input ---------------------------------------------------------------------------------------

STRANGER = "13912345678"


def texts(*items: tuple[str, str, str]) -> tuple:
    """The gateway's answer listing incoming text messages (id, number, text) received at 10:40."""
    return answer(200, {"code": 0, "data": {"items": [
        {"id": i, "mobile": phone, "content": text, "time": "2026-11-24 10:40:00"} for i, phone, text in items]}})


def sent_texts(mail_servers) -> list[tuple[str, str]]:
    """(number, text) of every text message the gateway was asked to send."""
    return [(r.json()["mobile"], r.json()["content"]) for r in mail_servers["sms"].received if r.path == "/send"]


def test_bad_replies_by_text_message_get_a_clear_result_and_nothing_is_lost(world, mail_servers):
    w = world
    configure(w, mail_servers, **{"sms_inbox.enabled": True, "sms_inbox.url": mail_servers["sms"].url + "/replies",
                                    "sms_inbox.list_path": "data.items"})
    iid = book(w, 0, local(STORY_DAY, 10, 0)).interview_id
    at(w, local(STORY_DAY, 9, 55))
    act(w, w.reception, attendance.check_in, iid)
    at(w, local(STORY_DAY, 10, 31))                  # nobody pressed 结束面试: the booked end counts
    minute_job(w)
    deliver(w)
    assert "请回复3个1-5的数字" in [text for number, text in sent_texts(mail_servers) if number == CANDIDATE_PHONE][-1]

    oversized = "请问" + "科室轮转安排" * 200 + "？"
    batch = texts(("g-1", CANDIDATE_PHONE, "五 四"), ("g-2", CANDIDATE_PHONE, "9 9 9"), ("g-3", CANDIDATE_PHONE, ""),
                  ("g-4", CANDIDATE_PHONE, oversized), ("g-5", STRANGER, "5 4 5"))
    mail_servers["sms"].script = [batch, batch]
    at(w, local(STORY_DAY, 10, 45))
    first = poll_inbox(w.db)
    again = poll_inbox(w.db)                                          # the gateway lists them again
    assert first.kinds == {"survey_unclear": 2, "noted": 2, "unmatched": 1}
    assert (again.recorded, again.repeated) == (0, 5)
    with w.db.session() as s:
        inbound = {m.external_id: m for m in s.scalars(select(InboundMessage))}
        assert {k: m.kind for k, m in inbound.items()} == {"g-1": "survey_unclear", "g-2": "survey_unclear",
                                                           "g-3": "noted", "g-4": "noted", "g-5": "unmatched"}
        assert inbound["g-4"].text == oversized and inbound["g-3"].text == ""          # kept whole for HR
        assert s.scalars(select(CandidateQuestion)).all() == []       # too long to be a question
        assert s.scalars(select(SurveyResponse)).all() == []          # a stranger's digits answer nothing
        [stranger] = s.scalars(select(Alert).where(Alert.kind == "inbound_message")).all()
        assert stranger.detail["text"] == "5 4 5" and not stranger.detail["known"]
        unclear = [e.detail for e in timeline.entries(s, iid) if e.kind == "survey_unclear"]
        assert [(d["reason"], d["clarified"]) for d in unclear] == [("numerals", True), ("range", False)]
        answered = sorted(s.scalars(select(OutboxEntry.kind).where(OutboxEntry.kind.in_(
            ("survey_clarify", "survey_thanks", "progress_answer")))))
    assert answered == ["survey_clarify"]                             # one clarification, never a loop
    before = len(sent_texts(mail_servers))
    deliver(w)
    [(number, clarification)] = sent_texts(mail_servers)[before:]
    assert number == CANDIDATE_PHONE and "未能识别您的评分" in clarification

    mail_servers["sms"].script = [texts(("g-6", CANDIDATE_PHONE, "5 4 5"))]
    assert poll_inbox(w.db).kinds == {"survey": 1}                    # the clarified answer is taken
    with w.db.session() as s:
        [response] = s.scalars(select(SurveyResponse)).all()
        assert (response.answers, response.channel, response.interview_id) == ([5, 4, 5], "sms", iid)
    before = len(sent_texts(mail_servers))
    deliver(w)
    assert [number for number, _ in sent_texts(mail_servers)[before:]] == [CANDIDATE_PHONE]
    assert STRANGER not in [number for number, _ in sent_texts(mail_servers)]


def test_a_kiosk_with_too_many_questions_saves_none_and_says_so(world):
    w = world
    iid = book(w, 0, local(STORY_DAY, 10, 0)).interview_id
    at(w, local(STORY_DAY, 10, 35))
    typed = [f"第{n}个问题：科室有几位带教老师？" for n in range(1, questions.MAX_PER_KIOSK + 2)]
    with pytest.raises(ValidationFailed) as refused:
        act(w, w.wang, questions.capture_many, interview_id=iid, source="kiosk", texts=typed)
    assert refused.value.problems == {"questions": "too_many"}
    with w.db.session() as s:
        assert s.scalars(select(CandidateQuestion)).all() == []
    assert len(act(w, w.wang, questions.capture_many, interview_id=iid, source="kiosk",
                   texts=typed[:questions.MAX_PER_KIOSK])) == questions.MAX_PER_KIOSK
