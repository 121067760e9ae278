"""Batch scheduling: a list of candidates placed one after another into an interview day, in the
working windows (the lunch break is kept), around what the interviewer and the room already have,
booked in one transaction; whoever does not fit is reported, not squeezed in."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from desktop.core.errors import ValidationFailed
from desktop.core.model import Application, ApplicationStage, Interview, InterviewMode, OutboxEntry, Round
from desktop.core.scheduling import booking

from factories import add_position, count
from scheduling_helpers import BACKENDS, book, world_copy
from scheduling_world import STORY_DAY, World, local


SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY = STORY_DAY + timedelta(days=1)            # a Wednesday


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock, candidates=20)


@pytest.fixture
def embedded_world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, "sqlcipher", clock, candidates=20)


def batch(w: World, applications: list[int], **options) -> booking.BatchInput:
    return booking.BatchInput(application_ids=tuple(applications),
                              round_id_by_application={a: w.round1 for a in applications}, day=DAY,
                              duration_minutes=30, mode=InterviewMode.ONSITE, interviewer_ids=(w.wang.user_id,),
                              room_id=w.room, **options)


def hhmm(instant) -> str:
    return f"{instant.astimezone(SHANGHAI):%H:%M}"


def test_twenty_candidates_of_thirty_minutes_fill_the_morning_and_the_afternoon_and_five_wait(world):
    w = world
    with w.db.session(w.hr, write=True) as s:
        result = booking.book_batch(s, w.hr, batch(w, w.applications))
    # 08:30–12:00 holds seven, 13:30–17:30 holds eight: fifteen of twenty.
    assert [hhmm(start) for _, _, start in result.booked] == [
        "08:30", "09:00", "09:30", "10:00", "10:30", "11:00", "11:30",
        "13:30", "14:00", "14:30", "15:00", "15:30", "16:00", "16:30", "17:00"]
    assert [a for a, _, _ in result.booked] == w.applications[:15]      # in the order given
    assert result.unplaced == w.applications[15:]
    with w.db.session() as s:
        booked = s.execute(select(Interview.id, Interview.application_id, Interview.starts_at, Interview.room_id)
                           .order_by(Interview.starts_at)).all()
        stages = set(s.scalars(select(Application.stage).where(Application.id.in_(w.applications[:15]))))
        waiting = set(s.scalars(select(Application.stage).where(Application.id.in_(w.applications[15:]))))
        invitations = s.scalars(select(OutboxEntry.kind).where(OutboxEntry.channel == "sms")).all()
    assert [(i, a, t) for i, a, t, _ in booked] == [(i, a, t) for a, i, t in result.booked]
    assert {room for *_, room in booked} == {w.room}
    assert stages == {ApplicationStage.INTERVIEWING} and waiting == {ApplicationStage.APPLIED}
    assert invitations == ["invitation"] * 15


def test_what_the_interviewer_and_the_room_already_have_is_skipped_around(embedded_world):
    w = embedded_world
    li = w.li.user_id
    book(w, 19, local(DAY, 9, 30))                                               # 王主任 09:30–10:00
    book(w, 18, local(DAY, 14, 0), room=w.big_room, minutes=60)                  # 王主任 14:00–15:00, hall
    book(w, 17, local(DAY, 16, 0), interviewers=(li,))                           # room 301 16:00–16:30
    with w.db.session(w.hr, write=True) as s:
        result = booking.book_batch(s, w.hr, batch(w, w.applications[:12]))
    assert [hhmm(start) for _, _, start in result.booked] == [
        "08:30", "09:00", "10:00", "10:30", "11:00", "11:30", "13:30", "15:00", "15:30", "16:30", "17:00"]
    assert result.unplaced == [w.applications[11]]

    # 李医生 in the hall, ten minutes between candidates, from 08:40: planning alone writes nothing.
    before = count(w.db, Interview)
    plan_input = booking.BatchInput(**{**batch(w, w.applications[12:18], gap_minutes=10,
                                               first_start=local(DAY, 8, 40)).__dict__,
                                       "interviewer_ids": (li,), "room_id": w.big_room})
    with w.db.session(w.hr) as s:
        plan, rest = booking.plan_batch(s, plan_input, w.db.clock.now())
    assert [(a, hhmm(start)) for a, start in plan] == list(zip(
        w.applications[12:18], ["08:40", "09:20", "10:00", "10:40", "11:20", "13:30"]))
    assert rest == [] and count(w.db, Interview) == before


def test_the_batch_is_booked_in_one_transaction(world):
    w = world
    other = add_position(w.db, w.other_dept, "WK-2026-01", "外科住院医师")
    with w.db.session() as s:
        foreign_round = s.scalar(select(Round.id).where(Round.position_id == other, Round.sequence == 1))
    data = batch(w, w.applications[:6])
    rounds = dict(data.round_id_by_application) | {w.applications[4]: foreign_round}   # wrong for the fifth
    before = (count(w.db, Interview), count(w.db, OutboxEntry))
    with pytest.raises(ValidationFailed) as refused:
        with w.db.session(w.hr, write=True) as s:
            booking.book_batch(s, w.hr, booking.BatchInput(**{**data.__dict__, "round_id_by_application": rounds}))
    assert refused.value.problems == {"round_id": "choice"}
    assert (count(w.db, Interview), count(w.db, OutboxEntry)) == before    # the first four are not kept either
    with w.db.session() as s:
        assert set(s.scalars(select(Application.stage).where(Application.id.in_(w.applications[:6])))) == {
            ApplicationStage.APPLIED}
