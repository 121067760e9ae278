"""Candidate questions on both backends: captured in the room, at the kiosk or from a reply; routed
to an owner by topic; due one working day later (across a weekend and a holiday); the owner reminded
at half time and the superior and HR told at the deadline, each once; the answer queued to the
candidate's e-mail with the SLA recorded."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from desktop.core import questions, settings
from desktop.core.errors import InvalidState, NotFound, PermissionDenied, ValidationFailed
from desktop.core.model import Alert, Candidate, CandidateQuestion, Holiday, OutboxEntry, QuestionTopic, TimelineEvent
from desktop.core.scheduling import reminders

from factories import SYSTEM
from scheduling_helpers import BACKENDS, book, world_copy
from scheduling_world import STORY_DAY, World, local

FRIDAY = date(2026, 11, 27)
MONDAY = FRIDAY + timedelta(days=3)       # a holiday in these tests
TUESDAY = FRIDAY + timedelta(days=4)


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


def _holiday(w: World, day: date, name: str = "临时假日", workday: bool = False) -> None:
    with w.db.session(SYSTEM, write=True) as s:
        s.add(Holiday(day=day, name=name, is_workday=workday))


def _interview(w: World, clock, candidate: int = 0) -> int:
    booked = book(w, candidate, local(FRIDAY, 15, 0), minutes=40)
    clock.set(local(FRIDAY, 16, 0))
    return booked.interview_id


def _capture(w: World, interview_id: int, text: str, *, source: str = "room", actor=None, **kwargs):
    actor = w.wang if actor is None else actor
    with w.db.session(actor, write=True) as s:
        return questions.capture(s, actor, candidate_id=w.candidates[0], interview_id=interview_id, text=text,
                                 source=source, **kwargs)


def _question(w: World, question_id: int) -> CandidateQuestion:
    with w.db.session() as s:
        question = s.get(CandidateQuestion, question_id)
        s.expunge(question)
        return question


def _timeline(w: World, interview_id: int) -> list[str]:
    with w.db.session() as s:
        return list(s.scalars(select(TimelineEvent.kind).where(TimelineEvent.interview_id == interview_id)
                              .order_by(TimelineEvent.id)))


def test_a_question_is_routed_by_topic_and_due_one_working_day_later_across_a_holiday(world, clock):
    w = world
    _holiday(w, MONDAY)
    interview_id = _interview(w, clock)
    growth = _capture(w, interview_id, "请问这个岗位以后有哪些培训和晋升机会？")
    pay = _capture(w, interview_id, "  入职后的薪资待遇大概是多少？  ")
    assert growth.topic == QuestionTopic.GROWTH and growth.owner_id == w.leader.user_id
    assert growth.owner_name == "赵科长"
    assert pay.topic == QuestionTopic.PAY and pay.owner_id == w.hr.user_id
    # Friday 16:00 + 1 working day: Monday is a holiday, so Tuesday 16:00; half of the working time
    # (90 minutes on Friday, 360 on Tuesday) is Tuesday 10:45.
    assert growth.due_at == local(TUESDAY, 16, 0)
    stored = _question(w, pay.id)
    assert stored.remind_at == local(TUESDAY, 10, 45)
    assert stored.question == "入职后的薪资待遇大概是多少？" and stored.source == "room"
    assert _timeline(w, interview_id).count("question_asked") == 2


def test_the_person_entering_a_question_may_choose_its_topic_and_routing_is_configuration(world, clock):
    w = world
    interview_id = _interview(w, clock)
    with w.db.session(SYSTEM, write=True) as s:
        settings.store_institution(s, "questions.routing", json.dumps({"other": "user:li", "pay": "dept_leader"}),
                                   "test")
    other = _capture(w, interview_id, "医院食堂怎么样？")
    assert (other.topic, other.owner_id) == (QuestionTopic.OTHER, w.li.user_id)
    chosen = _capture(w, interview_id, "医院食堂怎么样？", topic=QuestionTopic.PAY)
    assert (chosen.topic, chosen.owner_id) == (QuestionTopic.PAY, w.leader.user_id)


def test_bad_questions_are_refused_with_nothing_written(world, clock):
    w = world
    interview_id = _interview(w, clock)
    for text, problem in (("", "required"), ("   \n ", "required"), ("问" * 1001, "too_long")):
        with pytest.raises(ValidationFailed) as refused:
            _capture(w, interview_id, text)
        assert refused.value.problems == {"question": problem}
    with pytest.raises(ValidationFailed) as refused:
        _capture(w, interview_id, "好的问题", source="fax")
    assert refused.value.problems == {"source": "choice"}
    assert _capture(w, interview_id, "问" * 1000).topic == QuestionTopic.OTHER   # the limit itself is fine
    with pytest.raises(ValidationFailed) as refused:
        with w.db.session(w.wang, write=True) as s:
            questions.capture_many(s, w.wang, interview_id=interview_id, texts=["第一个问题", "", "问" * 1001],
                                   source="kiosk")
    assert refused.value.problems == {"question2": "too_long"}   # blank entries are skipped, not numbered
    with w.db.session() as s:
        assert len(s.scalars(select(CandidateQuestion)).all()) == 1


def test_a_reply_captured_twice_is_one_question(world, clock):
    w = world
    interview_id = _interview(w, clock)
    first = _capture(w, None, "请问体检安排在什么时候？", source="email", actor=None, message_id="<q1@example.cn>")
    again = _capture(w, None, "请问体检安排在什么时候？", source="email", actor=None, message_id="<q1@example.cn>")
    assert again.id == first.id and again.duplicate and not first.duplicate
    stored = _question(w, first.id)
    assert stored.interview_id == interview_id      # the candidate's latest interview
    with w.db.session() as s:
        assert len(s.scalars(select(CandidateQuestion)).all()) == 1


def test_the_kiosk_captures_all_or_nothing(world, clock):
    w = world
    interview_id = _interview(w, clock)
    with w.db.session(w.wang, write=True) as s:
        captured = questions.capture_many(s, w.wang, interview_id=interview_id, source="kiosk",
                                          texts=["科室有多少位医生？", "需要值夜班吗？"])
        assert questions.minimum_for(s, interview_id) == 2
    assert [c.topic for c in captured] == [QuestionTopic.TEAM, QuestionTopic.ARRANGEMENT]
    assert [c.owner_id for c in captured] == [w.leader.user_id, w.hr.user_id]


def test_someone_outside_the_department_cannot_capture(world, clock):
    w = world
    interview_id = _interview(w, clock)
    from factories import actor as make_actor
    from desktop.core.model import Role
    outsider = make_actor(Role.INTERVIEWER, w.other_dept, user_id=w.li.user_id)
    with pytest.raises(PermissionDenied):
        _capture(w, interview_id, "问题", actor=outsider)
    with pytest.raises(NotFound):
        _capture(w, 10_000, "问题")


def _evaluate(w: World) -> list[str]:
    with w.db.session(write=True) as s:
        return sorted(k for k in reminders.evaluate(s).kinds if k.startswith("question"))


def _alerts(w: World) -> list[tuple[str, int]]:
    with w.db.session() as s:
        return sorted((a.kind, a.user_id) for a in s.scalars(select(Alert).where(Alert.kind.like("question%"))))


def _outbox(w: World, kind: str) -> list[tuple[str, str]]:
    with w.db.session() as s:
        return sorted((e.channel, e.recipient) for e in s.scalars(select(OutboxEntry).where(OutboxEntry.kind == kind)))


def test_reminder_at_half_time_and_escalation_at_the_deadline_across_a_weekend_and_a_holiday(world, clock):
    w = world
    _holiday(w, MONDAY)
    interview_id = _interview(w, clock)
    question = _capture(w, interview_id, "以后有机会去上级医院进修培训吗？")     # growth: the department leader
    assert question.owner_id == w.leader.user_id
    for moment in (local(FRIDAY, 17, 30), local(FRIDAY + timedelta(days=1), 12, 0), local(MONDAY, 12, 0),
                   local(TUESDAY, 10, 44)):
        clock.set(moment)
        assert _evaluate(w) == []
    clock.set(local(TUESDAY, 10, 45))
    assert _evaluate(w) == ["question_reminder"]
    assert _evaluate(w) == []                      # once
    assert _alerts(w) == [("question_reminder", w.leader.user_id)]
    assert _question(w, question.id).reminded_at == local(TUESDAY, 10, 45)
    assert _outbox(w, "question_reminder") == [("oa", "leader")]
    clock.set(local(TUESDAY, 15, 59))
    assert _evaluate(w) == []
    clock.set(local(TUESDAY, 16, 0))
    # the leader of 内科 has no department above: the directors, and the interview's HR owner
    assert _evaluate(w) == ["question_overdue", "question_overdue"]
    assert _evaluate(w) == []
    assert sorted(_alerts(w)) == sorted([("question_reminder", w.leader.user_id),
                                         ("question_overdue", w.director.user_id), ("question_overdue", w.hr.user_id)])
    assert _outbox(w, "question_escalated") == [("oa", "director"), ("oa", "hr_zhang")]
    kinds = _timeline(w, interview_id)
    assert kinds.count("question_reminded") == 1 and kinds.count("question_escalated") == 1


def test_hr_owned_question_escalates_to_the_department_leader_and_a_tiaoxiu_saturday_counts(world, clock):
    w = world
    _holiday(w, FRIDAY + timedelta(days=1), "调休上班", workday=True)   # Saturday is a working day
    interview_id = _interview(w, clock)
    question = _capture(w, interview_id, "每天几点上班？")
    assert question.owner_id == w.hr.user_id and question.due_at == local(FRIDAY + timedelta(days=1), 16, 0)
    clock.set(question.due_at)
    # past the deadline the reminder is moot: the leader of the owner's department, and HR (the owner)
    assert _evaluate(w) == ["question_overdue", "question_overdue"]
    assert _alerts(w) == sorted([("question_overdue", w.leader.user_id), ("question_overdue", w.hr.user_id)])
    assert _question(w, question.id).reminded_at == question.due_at


def test_the_owner_answers_and_the_answer_goes_to_the_candidate_with_the_sla(world, clock):
    w = world
    interview_id = _interview(w, clock)
    question = _capture(w, interview_id, "以后有哪些培训机会？")
    with pytest.raises(PermissionDenied):
        with w.db.session(w.li, write=True) as s:
            questions.answer(s, w.li, question.id, "不该由我答复")
    with pytest.raises(ValidationFailed) as refused:
        with w.db.session(w.leader, write=True) as s:
            questions.answer(s, w.leader, question.id, "  ")
    assert refused.value.problems == {"answer": "required"}
    clock.set(local(FRIDAY + timedelta(days=3), 9, 0))
    with w.db.session(w.leader, write=True) as s:
        answered = questions.answer(s, w.leader, question.id, "每年有两次外出进修机会，另有院内规范化培训。")
    assert answered.sla_met and answered.channels == ("email", "sms")
    stored = _question(w, question.id)
    assert (stored.status, stored.answered_by_id, stored.sla_met) == ("answered", w.leader.user_id, True)
    assert _outbox(w, "question_answer") == [("email", "c1@example.cn"), ("sms", "13800138000")]
    with pytest.raises(InvalidState):
        with w.db.session(w.leader, write=True) as s:
            questions.answer(s, w.leader, question.id, "再答一次")
    assert "question_answered" in _timeline(w, interview_id)


def test_a_late_answer_misses_the_sla_and_hr_of_the_department_may_answer(world, clock):
    w = world
    interview_id = _interview(w, clock)
    question = _capture(w, interview_id, "以后有哪些培训机会？")
    clock.set(question.due_at + timedelta(minutes=1))
    with w.db.session(w.hr, write=True) as s:
        answered = questions.answer(s, w.hr, question.id, "每年有两次外出进修机会。")
    assert not answered.sla_met
    assert _question(w, question.id).sla_met is False


def test_lists_show_each_viewer_their_questions_and_hr_may_reassign(world, clock):
    w = world
    interview_id = _interview(w, clock)
    growth = _capture(w, interview_id, "以后有哪些培训机会？")          # the department leader's
    pay = _capture(w, interview_id, "工资待遇怎么样？")                 # HR's
    with w.db.session(w.leader) as s:
        mine = questions.open_questions(s, w.leader)
    assert [(r.id, r.can_answer, r.can_reassign) for r in mine] == [(growth.id, True, False)]
    assert mine[0].candidate == "候选人1" and mine[0].position == "内科住院医师" and mine[0].owner == "赵科长"
    with w.db.session(w.hr) as s:
        every = questions.open_questions(s, w.hr)
        assert [r.id for r in questions.open_questions(s, w.hr, mine=True)] == [pay.id]
        assert (w.li.user_id, "李医生", "li") in questions.owner_choices(s)
    assert sorted(r.id for r in every) == sorted([growth.id, pay.id]) and all(r.can_reassign for r in every)
    with w.db.session(w.li) as s:
        assert questions.open_questions(s, w.li) == []
    with pytest.raises(PermissionDenied):
        with w.db.session(w.leader, write=True) as s:
            questions.reassign(s, w.leader, growth.id, w.li.user_id)
    with w.db.session(w.hr, write=True) as s:
        moved = questions.reassign(s, w.hr, growth.id, w.li.user_id)
    assert moved.owner_id == w.li.user_id and moved.due_at == growth.due_at
    with w.db.session(w.li) as s:
        assert [r.id for r in questions.open_questions(s, w.li)] == [growth.id]
    with w.db.session(w.li, write=True) as s:
        questions.answer(s, w.li, growth.id, "每年有两次外出进修机会。")
    with w.db.session(w.hr) as s:
        answered = questions.open_questions(s, w.hr, answered=True)
    assert [(r.id, r.answered_by, r.sla_met) for r in answered] == [(growth.id, "李医生", True)]
    assert "question_reassigned" in _timeline(w, interview_id)


def test_after_escalation_the_superior_sees_and_may_answer(world, clock):
    w = world
    interview_id = _interview(w, clock)
    question = _capture(w, interview_id, "以后有哪些培训机会？")          # the leader's; superior: directors
    with w.db.session(w.director) as s:
        assert [r.can_answer for r in questions.open_questions(s, w.director)] == [False]
    clock.set(question.due_at + timedelta(minutes=5))
    _evaluate(w)
    with w.db.session(w.director) as s:
        assert [r.can_answer for r in questions.open_questions(s, w.director)] == [True]
    with w.db.session(w.director, write=True) as s:
        assert not questions.answer(s, w.director, question.id, "每年有两次外出进修机会。").sla_met


def test_a_mailed_question_of_a_candidate_without_an_interview_shows_their_position(world, clock):
    """A question by mail before any interview belongs to the candidate's application: the lists show
    its position (not "—"), HR of the department sees it and the leader sees the name unmasked."""
    w = world
    with w.db.session(SYSTEM, write=True) as s:
        asked = questions.capture(s, None, candidate_id=w.candidates[1], interview_id=None,
                                  text="以后有哪些培训和晋升机会？", source="email", message_id="<m1@example.com>")
    with w.db.session(w.leader) as s:
        mine = questions.open_questions(s, w.leader)
    assert [(r.id, r.position, r.candidate) for r in mine] == [(asked.id, "内科住院医师", "候选人2")]
    with w.db.session(w.hr) as s:
        assert [r.id for r in questions.open_questions(s, w.hr)] == [asked.id]


def test_an_owner_from_another_department_previews_the_answer_with_the_name_masked(world, clock):
    from factories import add_user

    from desktop.core.model import Role

    w = world
    interview_id = _interview(w, clock)
    canteen = add_user(w.db, "canteen", [(Role.INTERVIEWER, w.other_dept)], display_name="食堂经理",
                       department_id=w.other_dept)
    with w.db.session(SYSTEM, write=True) as s:
        settings.store_institution(s, "questions.routing", json.dumps({"other": "user:canteen"}), "test")
    asked = _capture(w, interview_id, "医院食堂怎么样？")
    assert asked.owner_id == canteen.user_id
    with w.db.session(canteen) as s:
        seen = questions.preview(s, canteen, asked.id, "食堂有三层，供应早中晚三餐。").text
    with w.db.session(w.hr) as s:
        name = s.get(Candidate, w.candidates[0]).name
        full = questions.preview(s, w.hr, asked.id, "食堂有三层，供应早中晚三餐。").text
    assert name in full and name not in seen and name[0] in seen     # 候* for the canteen manager
