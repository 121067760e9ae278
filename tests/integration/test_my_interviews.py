"""我的面试 on both backends: an interviewer's own interviews today and in the next two weeks, paged
in SQL; the preparation of one (profile masked by role, the position's requirements, the earlier
rounds with their recommendations as the setting allows, place and planned duration); opening it
records "seen" once; who may open it at all, and where a deep link leads."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop.core import settings
from desktop.core.errors import NotFound
from desktop.core.model import (
    Interview, InterviewMode, InterviewParticipant, InterviewStatus, Notice, ParticipantRole, PositionRequirement,
    Recommendation, RequirementKind, Role, Scorecard, ScorecardStatus, TimelineEvent,
)
from desktop.core.scheduling import my_interviews
from factories import SYSTEM, add_interview, add_user
from scheduling_helpers import BACKENDS, book, world_copy
from scheduling_world import STORY_DAY, World, local

TOMORROW = STORY_DAY + timedelta(days=1)


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


def desk(w: World, actor, **kwargs) -> my_interviews.DeskList:
    with w.db.session(actor) as s:
        return my_interviews.my_interviews(s, actor, **kwargs)


def prepare(w: World, actor, interview_id: int) -> my_interviews.Preparation:
    with w.db.session(actor) as s:
        return my_interviews.preparation(s, actor, interview_id)


def open_(w: World, actor, interview_id: int) -> my_interviews.Preparation:
    with w.db.session(actor, write=True) as s:
        return my_interviews.open_interview(s, actor, interview_id)


def saw(w: World, interview_id: int) -> list[tuple[int, int]]:
    with w.db.session() as s:
        return [(e.actor_id, e.detail["sequence"]) for e in s.scalars(select(TimelineEvent).where(
            TimelineEvent.interview_id == interview_id, TimelineEvent.kind == "interviewer_saw"))]


def test_the_desk_lists_my_interviews_today_then_upcoming_paged_in_sql(world, clock):
    later_today = book(world, 0, local(STORY_DAY, 14)).interview_id
    tomorrow = book(world, 1, local(TOMORROW, 9), interviewers=(world.wang.user_id, world.li.user_id),
                    mode=InterviewMode.VIDEO).interview_id
    morning = book(world, 2, local(STORY_DAY, 10)).interview_id
    book(world, 0, local(STORY_DAY + timedelta(days=20), 10))                  # beyond the two weeks
    add_interview(world.db, world.applications[1], local(STORY_DAY - timedelta(days=1), 10),
                  interviewer_ids=(world.wang.user_id,))                          # yesterday
    li_only = book(world, 2, local(TOMORROW, 15), interviewers=(world.li.user_id,)).interview_id
    cancelled = book(world, 1, local(TOMORROW, 11)).interview_id
    with world.db.session(SYSTEM, write=True) as s:
        s.get(Interview, cancelled).status = InterviewStatus.CANCELLED

    found = desk(world, world.wang)
    assert found.day == STORY_DAY and found.total == 3 and not found.has_more
    assert [r.interview_id for r in found.rows] == [morning, later_today, tomorrow]
    first, _, video = found.rows
    assert (first.candidate, first.position, first.round, first.place, first.role) == (
        "候选人3", "内科住院医师", "初试", "行政楼301", "interviewer")
    assert first.state == "unconfirmed" and not first.seen_current
    assert video.mode == "video" and video.place == "https://meet.example.cn/x"
    assert video.ends_at - video.starts_at == timedelta(minutes=30)
    assert [r.interview_id for r in desk(world, world.li).rows] == [tomorrow, li_only]

    page = desk(world, world.wang, offset=1, limit=1)
    assert [r.interview_id for r in page.rows] == [later_today] and page.total == 3 and page.has_more
    clock.set(local(TOMORROW, 8))                   # the next morning: today's are gone, the new day first
    assert [r.interview_id for r in desk(world, world.wang).rows] == [tomorrow]


def test_the_profile_is_masked_by_role_as_on_the_candidate_pages(world):
    guest = add_user(world.db, "guest", [(Role.INTERVIEWER, world.other_dept)], display_name="外院专家",
                     department_id=world.other_dept)
    iid = book(world, 0, local(STORY_DAY, 10), interviewers=(world.wang.user_id, guest.user_id)).interview_id

    mine = prepare(world, world.wang, iid).candidate
    assert mine.visible and mine.name == "候选人1"
    assert mine.phone == "138****8000" and mine.email == "c***@example.cn" and mine.masked == {"phone", "email"}
    assert mine.education == "bachelor"

    hrs = prepare(world, world.hr, iid)
    assert hrs.candidate.phone == "13800138000" and hrs.candidate.email == "c1@example.cn"
    assert hrs.my_role == "" and not hrs.seen_current

    outside = prepare(world, guest, iid)               # on the panel, but not allowed the department's candidates
    assert not outside.candidate.visible and outside.candidate.name == "候***"
    assert outside.candidate.phone == "" and outside.candidate.school == ""
    assert [r.candidate for r in desk(world, guest).rows] == ["候***"]
    assert outside.my_role == "interviewer" and outside.position.title == "内科住院医师"


def test_preparation_shows_requirements_place_duration_and_earlier_rounds(world):
    with world.db.session(SYSTEM, write=True) as s:
        s.add_all([
            PositionRequirement(position_id=world.position, ordinal=2, kind=RequirementKind.SKILL, label="技能",
                                value="心电图,急救", weight=2),
            PositionRequirement(position_id=world.position, ordinal=1, kind=RequirementKind.EDUCATION, label="学历",
                                value="master", weight=3)])
    first_round = add_interview(world.db, world.applications[0], local(STORY_DAY - timedelta(days=3), 10),
                                interviewer_ids=(world.li.user_id, world.hr.user_id))
    second_round = add_interview(world.db, world.applications[0], local(STORY_DAY, 15), round_sequence=2,
                                 room_id=world.big_room, interviewer_ids=(world.wang.user_id,))
    with world.db.session(SYSTEM, write=True) as s:
        s.get(Interview, first_round).status = InterviewStatus.FINISHED
        s.scalar(select(InterviewParticipant).where(InterviewParticipant.interview_id == second_round)).role = \
            ParticipantRole.INTERVIEWER
        s.add_all([Scorecard(interview_id=first_round, interviewer_id=world.li.user_id,
                             recommendation=Recommendation.YES, remarks="基础扎实", status=ScorecardStatus.SUBMITTED,
                             submitted_at=local(STORY_DAY - timedelta(days=3), 11)),
                   Scorecard(interview_id=first_round, interviewer_id=world.hr.user_id,
                             recommendation=Recommendation.NO, remarks="草稿")])     # not submitted: not shown

    found = prepare(world, world.wang, second_round)
    assert (found.round, found.room, found.room_location, found.planned_minutes) == ("复试", "行政楼大会议室",
                                                                                     "行政楼一层", 40)
    assert [(r.kind, r.label, r.value, r.weight) for r in found.position.requirements] == [
        ("education", "学历", "master", 3), ("skill", "技能", "心电图,急救", 2)]
    assert found.position.department and found.panel[0].name == "王主任"
    assert found.earlier_results_shown
    assert [(e.interview_id, e.round, e.status) for e in found.earlier] == [(first_round, "初试", "finished")]
    assert [(r.interviewer, r.recommendation) for r in found.earlier[0].results] == [("李医生", "yes")]
    assert prepare(world, world.li, first_round).earlier == []          # the first round has none before it

    with world.db.session(SYSTEM, write=True) as s:
        settings.store_institution(s, "desk.show_earlier_results", False, "admin")
    hidden = prepare(world, world.wang, second_round)
    assert not hidden.earlier_results_shown
    assert [(e.round, e.results) for e in hidden.earlier] == [("初试", [])]   # the round itself stays listed


def test_opening_records_seen_once_and_reads_the_notices(world):
    iid = book(world, 0, local(STORY_DAY, 10)).interview_id
    with world.db.session() as s:
        assert s.scalars(select(Notice).where(Notice.user_id == world.wang.user_id,
                                              Notice.seen_at.is_(None))).all()
    assert saw(world, iid) == []
    opened = open_(world, world.wang, iid)
    assert opened.seen_current and opened.my_role == "interviewer"
    open_(world, world.wang, iid)
    assert saw(world, iid) == [(world.wang.user_id, 0)]                 # once per version
    assert desk(world, world.wang).rows[0].seen_current
    with world.db.session() as s:
        assert not s.scalars(select(Notice).where(Notice.user_id == world.wang.user_id,
                                                  Notice.seen_at.is_(None))).all()
    open_(world, world.hr, iid)                                            # HR looking is not the panel seeing it
    assert saw(world, iid) == [(world.wang.user_id, 0)]


def test_only_the_panel_and_those_who_may_see_the_department_open_it(world):
    outsider = add_user(world.db, "outsider", [(Role.INTERVIEWER, world.other_dept)], display_name="别科医生",
                        department_id=world.other_dept)
    iid = book(world, 0, local(STORY_DAY, 10)).interview_id
    for call in (prepare, open_):
        with pytest.raises(NotFound):
            call(world, outsider, iid)
        with pytest.raises(NotFound):
            call(world, world.wang, 999_999)
    assert saw(world, iid) == []
    with world.db.session(world.wang) as s:
        mine = my_interviews.link_target(s, world.wang, iid)
        assert mine.on_panel and mine.starts_at == local(STORY_DAY, 10)
        assert my_interviews.on_any_panel(s, world.wang)
    with world.db.session(world.hr) as s:
        assert not my_interviews.link_target(s, world.hr, iid).on_panel
        assert not my_interviews.on_any_panel(s, world.hr)
    with world.db.session(outsider) as s, pytest.raises(NotFound):
        my_interviews.link_target(s, outsider, iid)
