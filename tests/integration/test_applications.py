"""Applying a candidate to a position and moving the application through its stages, on both
backends: what an HR officer does between entering a candidate and booking the interview, and the
decisions after it (待定, 拟录用, 已录用, 未录用) with their effects on headcount and booked interviews."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop.core.errors import DuplicateRecord, InvalidState, PermissionDenied, StaleWrite, ValidationFailed
from desktop.core.model import (
    Application, ApplicationEvent, ChangeKind, ChangeRequest, ChangeStatus, Interview, InterviewMode, InterviewStatus,
    Role, Round,
)
from desktop.core.scheduling import booking, lookups
from desktop.core.services import applications
from desktop.core.services.applications import ApplicationInput, StageMove
from factories import (
    START, actor, add_candidate, add_interview, add_position, add_user, audit_entries, count, department_tree,
)


@pytest.fixture
def office(db):
    depts = department_tree(db)
    hr = add_user(db, "zhangrs", [(Role.HR_OFFICER, depts.a)], display_name="张人事")
    position = add_position(db, depts.a, "NK-01", "内科医师", headcount=1)
    li = add_candidate(db, "李娜", depts.a, source_channel="招聘会")
    zhao = add_candidate(db, "赵敏", depts.a)
    return depts, hr, position, li, zhao


def apply(db, who, candidate_id, position_id, **fields):
    with db.session(who, write=True) as s:
        return applications.apply(s, who, ApplicationInput(candidate_id, position_id, **fields))


def move(db, who, application_id, stage, **fields):
    with db.session(who, write=True) as s:
        version = s.get(Application, application_id).version
        return applications.move_stage(s, who, StageMove(application_id, stage, version, **fields))


def events(db, application_id):
    with db.session() as s:
        return [(e.kind, e.detail.get("before"), e.detail.get("stage"), e.actor_label) for e in s.scalars(
            select(ApplicationEvent).where(ApplicationEvent.application_id == application_id)
            .order_by(ApplicationEvent.id))]


def test_a_new_candidate_applied_to_a_position_can_be_booked(db, office):
    _, hr, position, li, _ = office
    with db.session(hr) as s:
        assert lookups.find_applications(s, hr, "李娜") == []
        assert [c.name for c in applications.candidates_to_apply(s, hr, "李")] == ["李娜"]
    applied = apply(db, hr, li, position, stage="screening")
    assert not applied.reopened
    with db.session(hr) as s:
        [choice] = lookups.find_applications(s, hr, "李娜")
        [row] = applications.of_candidate(s, hr, li)
        assert applications.candidates_to_apply(s, hr, "李") == []
    assert (choice.id, choice.position_code, choice.stage) == (applied.application_id, "NK-01", "screening")
    assert (row.stage, row.source, row.applied_at, row.closed) == ("screening", "招聘会", START, False)  # source from the candidate
    assert events(db, applied.application_id) == [("applied", None, "screening", "张人事")]
    [created] = [e for e in audit_entries(db, entity="Application") if e.action == "create"]
    assert created.actor_name == "zhangrs" and created.changes["after"]["stage"] == "screening"


def test_a_second_open_application_for_the_same_position_is_refused_and_nothing_is_written(db, office):
    _, hr, position, li, _ = office
    apply(db, hr, li, position, source="内推")
    before = count(db, Application), count(db, ApplicationEvent)
    with pytest.raises(DuplicateRecord) as refused:
        apply(db, hr, li, position)
    assert refused.value.params == {"field": "application", "reason": "open_application", "stage": "applied"}
    assert (count(db, Application), count(db, ApplicationEvent)) == before


def test_applying_again_after_a_closed_application_opens_it_again_with_its_history(db, office):
    _, hr, position, li, _ = office
    first = apply(db, hr, li, position).application_id
    move(db, hr, first, "rejected")
    again = apply(db, hr, li, position, stage="on_hold", source="人才库")
    assert again.application_id == first and again.reopened
    assert [e[0] for e in events(db, first)] == ["applied", "stage_changed", "reopened"]
    with db.session(hr) as s:
        [row] = applications.of_candidate(s, hr, li)
    assert (row.stage, row.source, row.closed) == ("on_hold", "人才库", False)


def test_what_cannot_be_applied_is_refused_with_the_reason(db, office):
    depts, hr, position, li, _ = office
    closed = add_position(db, depts.a, "NK-02", status="closed")
    other_dept = add_position(db, depts.b, "WK-01")
    with pytest.raises(ValidationFailed) as refused:
        apply(db, hr, li, closed, stage="hired", source="x" * 51)
    assert refused.value.problems == {"stage": "choice", "source": "too_long"}
    with pytest.raises(ValidationFailed) as refused:
        apply(db, hr, li, closed)
    assert refused.value.problems == {"position_id": "position_not_open"}
    with pytest.raises(PermissionDenied):
        apply(db, hr, li, other_dept)
    interviewer = actor(Role.INTERVIEWER, depts.a)
    with pytest.raises(PermissionDenied):
        apply(db, interviewer, li, position)
    assert count(db, Application) == 0


def test_stage_moves_are_on_the_timeline_and_hired_counts_against_the_headcount(db, office):
    _, hr, position, li, zhao = office
    first = apply(db, hr, li, position).application_id
    second = apply(db, hr, zhao, position).application_id
    move(db, hr, first, "on_hold")
    move(db, hr, first, "offer")
    moved = move(db, hr, first, "hired")
    assert moved.stage == "hired"
    move(db, hr, second, "offer")
    with pytest.raises(InvalidState) as full:
        move(db, hr, second, "hired")
    assert full.value.params == {"status": "headcount_full", "hired": 1, "headcount": 1}
    with db.session(hr) as s:
        rows, total = applications.of_position(s, hr, position)
        assert applications.hired_count(s, position) == 1
    assert {r.candidate: (r.stage, r.closed) for r in rows} == {"李娜": ("hired", True), "赵敏": ("offer", False)}
    assert total == 2
    assert [(k, b, st) for k, b, st, _ in events(db, first)] == [
        ("applied", None, "applied"), ("stage_changed", "applied", "on_hold"), ("stage_changed", "on_hold", "offer"),
        ("stage_changed", "offer", "hired")]
    updates = [e.changes["stage"] for e in audit_entries(db, entity="Application") if e.action == "update"]
    assert {"before": "offer", "after": "hired"} in updates
    with pytest.raises(ValidationFailed):
        move(db, hr, first, "hired")                        # already there


def test_not_hired_asks_before_touching_booked_interviews(db, office, clock):
    _, hr, position, li, _ = office
    app = apply(db, hr, li, position).application_id
    interview = add_interview(db, app, START + timedelta(days=2))
    before = events(db, app)
    with pytest.raises(InvalidState) as asked:
        move(db, hr, app, "rejected")
    assert asked.value.params == {"status": "booked_interviews", "count": 1}
    assert events(db, app) == before                        # nothing moved
    kept = move(db, hr, app, "rejected", booked="keep")
    assert kept.kept == (interview,) and kept.cancel_requests == ()
    with db.session(hr) as s:
        assert s.get(Interview, interview).status == InterviewStatus.SCHEDULED
        assert s.get(Application, app).closed_at == START
        assert lookups.find_applications(s, hr, "李娜") == []    # a closed application cannot be booked
        round_id = s.scalar(select(Round.id).where(Round.position_id == position).order_by(Round.sequence))
    with pytest.raises(ValidationFailed) as refused, db.session(hr, write=True) as s:   # not by the service either
        booking.book(s, hr, booking.BookingInput(app, round_id, START + timedelta(days=3), 30, InterviewMode.VIDEO,
                                                 (hr.user_id,), video_link="https://meet.example.cn/a"))
    assert refused.value.problems == {"application_id": "closed"}
    assert count(db, Interview) == 1


def test_not_hired_with_cancel_files_the_cancellation_through_the_approval_chain(db, office):
    _, hr, position, li, _ = office
    app = apply(db, hr, li, position).application_id
    interview = add_interview(db, app, START + timedelta(days=2))
    with pytest.raises(ValidationFailed) as refused:
        move(db, hr, app, "rejected", booked="cancel")
    assert refused.value.problems == {"reason": "required"}
    moved = move(db, hr, app, "rejected", booked="cancel", reason="未录用，取消后续面试")
    with db.session(hr) as s:
        [request] = s.execute(select(ChangeRequest.id, ChangeRequest.kind, ChangeRequest.status,
                                     ChangeRequest.reason)).all()
        status = s.get(Interview, interview).status
    assert moved.cancel_requests == (request.id,)
    assert tuple(request)[1:] == (ChangeKind.CANCEL, ChangeStatus.PENDING, "未录用，取消后续面试")
    assert status == InterviewStatus.SCHEDULED              # until the chain approves the cancellation


def test_a_move_made_on_an_old_version_changes_nothing_and_a_closed_one_can_be_reopened(db, office):
    _, hr, position, li, _ = office
    app = apply(db, hr, li, position).application_id
    with db.session(hr, write=True) as s:
        old = s.get(Application, app).version
    move(db, hr, app, "rejected")
    with pytest.raises(StaleWrite):
        with db.session(hr, write=True) as s:
            applications.move_stage(s, hr, StageMove(app, "offer", old))
    move(db, hr, app, "on_hold")
    with db.session(hr) as s:
        assert s.get(Application, app).closed_at is None
        assert [e.kind for e in applications.timeline(s, hr, app)] == ["applied", "stage_changed", "reopened"]
