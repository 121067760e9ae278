"""Approval chains: a change passes the chain configured for its department and kind, step by
step; rejections need a reason, a filing step (备案) cannot reject, an absent leader's delegate
and, after the deadline, the named deputy can act; a same-day change may take effect at once and
is reverted if rejected; every decision carries the hash of what was approved; and two leaders
deciding the same step at the same moment cannot both succeed."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from desktop.core.errors import AlreadyDecided, PermissionDenied, StaleWrite, ValidationFailed
from desktop.core.model import (
    Alert, Candidate, ChangeKind, ChangeRequest, Channel, Decision, Department, Interview, InterviewParticipant, Notice,
    OutboxEntry, Party, Role, Verdict,
)
from desktop.core.scheduling import attendance, chains, changes, reception, reminders, views
from desktop.core.scheduling.chains import ChainInput, StepInput

from factories import actor, add_user
from scheduling_helpers import BACKENDS, approve_default_chain, book, decide, default_chain_id, request, world_copy
from scheduling_world import STORY_DAY, World, local


ADMIN = actor(Role.ADMIN, None)
TOMORROW = STORY_DAY + timedelta(days=1)


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


@pytest.fixture
def embedded_world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, "sqlcipher", clock)


def move(interview_id: int, hh: int, day=TOMORROW, reason: str = "候选人申请改时") -> changes.ChangeInput:
    return changes.ChangeInput(interview_id=interview_id, kind=ChangeKind.RESCHEDULE, party=Party.CANDIDATE,
                               reason=reason, starts_at=local(day, hh))


def save_chain(w: World, data: ChainInput, chain_id: int | None = None) -> int:
    with w.db.session(ADMIN, write=True) as s:
        return chains.save_chain(s, ADMIN, data, chain_id)


def interview(w: World, interview_id: int) -> tuple:
    with w.db.session() as s:
        i = s.get(Interview, interview_id)
        return i.starts_at, i.sequence, i.status.value


def timeline(w: World, interview_id: int) -> list[tuple[str, dict]]:
    with w.db.session(w.hr) as s:
        return [(e.kind, e.detail) for e in views.interview_detail(s, w.hr, interview_id).timeline]


def sent(w: World, interview_id: int, sequence: int) -> list[tuple[str, str, object]]:
    """The outbox rows of one version of the interview: (channel, kind, user id or recipient)."""
    with w.db.session() as s:
        rows = s.scalars(select(OutboxEntry).where(OutboxEntry.interview_id == interview_id)
                         .order_by(OutboxEntry.id)).all()
        return sorted((e.channel, e.kind, e.payload.get("user_id") or e.recipient)
                      for e in rows if e.payload["sequence"] == sequence and not e.kind.startswith("approval_"))


def approval_messages(w: World, change_request_id: int) -> list[tuple[str, int, str]]:
    """The OA messages about one change request: (kind, user id, verdict or step kind)."""
    with w.db.session() as s:
        rows = s.scalars(select(OutboxEntry).where(OutboxEntry.kind.like("approval_%")).order_by(OutboxEntry.id)).all()
        return [(e.kind, e.payload["user_id"], e.payload.get("verdict") or e.payload.get("step"))
                for e in rows if e.payload["change_request_id"] == change_request_id]


def notices(w: World, user_id: int) -> list[str]:
    with w.db.session() as s:
        return list(s.scalars(select(Notice.title).where(Notice.user_id == user_id).order_by(Notice.id)))


def decisions(w: World, request_id: int) -> list[Decision]:
    with w.db.session() as s:
        rows = list(s.scalars(select(Decision).where(Decision.change_request_id == request_id)
                              .order_by(Decision.id)))
        s.expunge_all()   # plain records to look at after the unit of work
        return rows


def test_a_rejection_at_the_first_step_changes_nothing_and_tells_the_requester(world):
    w = world
    iid = book(w, 0, local(TOMORROW, 10)).interview_id
    rid = request(w, move(iid, 15)).change_request_id
    before_outbox = len(sent(w, iid, 0))
    with pytest.raises(ValidationFailed) as no_reason:
        decide(w, w.leader, rid, Verdict.REJECTED, "  ")
    assert no_reason.value.problems == {"comment": "required"}
    assert decisions(w, rid) == []

    result = decide(w, w.leader, rid, Verdict.REJECTED, "科室当天下午有手术，不同意")
    assert (result.status, result.next_step) == ("rejected", None)
    assert interview(w, iid) == (local(TOMORROW, 10), 0, "scheduled")
    assert len(sent(w, iid, 0)) == before_outbox and sent(w, iid, 1) == []
    assert notices(w, w.hr.user_id) == ["面试变更申请被驳回"]
    assert approval_messages(w, rid) == [("approval_request", w.leader.user_id, "approve"),
                                         ("approval_request", w.deputy.user_id, "approve"),
                                         ("approval_result", w.hr.user_id, "rejected")]
    rejected = [d for kind, d in timeline(w, iid) if kind == "change_rejected"]
    assert rejected == [{"change_request_id": rid, "step": 1, "step_kind": "approve", "step_role": "dept_leader",
                         "comment": "科室当天下午有手术，不同意", "by_mail": False}]
    assert [(d.verdict, d.approver_id, d.approver_role) for d in decisions(w, rid)] == [
        (Verdict.REJECTED, w.leader.user_id, "dept_leader")]
    with pytest.raises(AlreadyDecided):
        decide(w, w.personnel, rid, Verdict.FILED, "已备案", step=2)


def test_the_personnel_office_files_a_change_and_cannot_reject_it(embedded_world):
    w = embedded_world
    iid = book(w, 0, local(TOMORROW, 10)).interview_id
    rid = request(w, move(iid, 15)).change_request_id
    assert decide(w, w.leader, rid, Verdict.APPROVED).next_step == 2
    for verdict in (Verdict.REJECTED, Verdict.APPROVED):
        with pytest.raises(ValidationFailed) as refused:
            decide(w, w.personnel, rid, verdict, "不予备案", step=2)
        assert refused.value.problems == {"verdict": "not_for_step"}
    with pytest.raises(PermissionDenied):
        decide(w, w.leader, rid, Verdict.FILED, "已备案", step=2)     # not the personnel office
    assert decide(w, w.personnel, rid, Verdict.FILED, "已备案", step=2).next_step == 3
    assert [(d.step_position, d.verdict, d.approver_role) for d in decisions(w, rid)] == [
        (1, Verdict.APPROVED, "dept_leader"), (2, Verdict.FILED, "personnel_office")]
    assert interview(w, iid)[1] == 0           # nothing applies before the director confirms


def test_the_most_specific_active_chain_governs_a_change(world):
    w = world
    with w.db.session() as s:
        sub = s.scalar(select(Department.id).where(Department.parent_id == w.dept))
    personnel_only = (StepInput("approve", role="personnel_office"),)
    mine = save_chain(w, ChainInput("内科改时", w.dept, "reschedule", False, personnel_only))
    any_kind = save_chain(w, ChainInput("内科其他变更", w.dept, None, False, (StepInput("approve", role="director"),)))
    cancels = save_chain(w, ChainInput("全院取消", None, "cancel", False, (StepInput("confirm", role="director"),)))
    save_chain(w, ChainInput("外科改时（停用）", w.other_dept, "reschedule", False, personnel_only, is_active=False))
    default = default_chain_id(w)
    with w.db.session() as s:
        chosen = {(dept, kind): chains.chain_for(s, dept, kind).id
                  for dept in (w.dept, sub, w.other_dept, None) for kind in ChangeKind}
    assert chosen[(w.dept, ChangeKind.RESCHEDULE)] == mine
    assert chosen[(sub, ChangeKind.RESCHEDULE)] == mine                 # inherited from 内科
    assert chosen[(w.dept, ChangeKind.ROOM)] == any_kind
    assert chosen[(w.dept, ChangeKind.CANCEL)] == any_kind              # the department before the kind
    assert chosen[(w.other_dept, ChangeKind.CANCEL)] == cancels
    assert chosen[(w.other_dept, ChangeKind.RESCHEDULE)] == default     # the inactive chain does not count
    assert chosen[(None, ChangeKind.SWAP_INTERVIEWER)] == default

    iid = book(w, 0, local(TOMORROW, 10)).interview_id
    rid = request(w, move(iid, 15)).change_request_id
    with w.db.session() as s:
        assert s.get(ChangeRequest, rid).chain_id == mine
    with w.db.session(w.leader) as s:
        assert views.inbox(s, w.leader) == []
    with w.db.session(w.personnel) as s:
        assert [(i.change_request_id, i.steps_total) for i in views.inbox(s, w.personnel)] == [(rid, 1)]
    assert decide(w, w.personnel, rid, Verdict.APPROVED).status == "applied"
    assert interview(w, iid) == (local(TOMORROW, 15), 1, "scheduled")


def test_a_chain_without_steps_applies_the_change_at_once(embedded_world):
    w = embedded_world
    save_chain(w, ChainInput("换会议室无需审批", w.dept, "room", False, ()))
    iid = book(w, 0, local(TOMORROW, 10)).interview_id
    result = request(w, changes.ChangeInput(interview_id=iid, kind=ChangeKind.ROOM, party=Party.HR,
                                            reason="301 会议室漏水", room_id=w.big_room))
    assert (result.applied, result.status) == (True, "applied")
    with w.db.session() as s:
        assert s.get(Interview, iid).room_id == w.big_room
    assert interview(w, iid) == (local(TOMORROW, 10), 1, "scheduled")
    assert ("calendar", "update", w.wang.user_id) in sent(w, iid, 1)
    assert [k for k, _ in timeline(w, iid)][-2:] == ["change_requested", "change_applied"]


def test_an_overdue_step_escalates_to_the_deputy_who_may_then_decide(world, clock):
    w = world
    save_chain(w, ChainInput("内科改时", w.dept, "reschedule", False, (
        StepInput("approve", user_id=w.leader.user_id, deadline_minutes=30, escalate_to_id=w.deputy.user_id),
        StepInput("file", role="personnel_office", deadline_minutes=60))))
    iid = book(w, 0, local(TOMORROW, 10)).interview_id
    rid = request(w, move(iid, 15)).change_request_id                  # 08:00, step 1 due at 08:30

    clock.set(local(STORY_DAY, 8, 29))
    with pytest.raises(PermissionDenied):
        decide(w, w.deputy, rid, Verdict.APPROVED)
    with w.db.session(write=True) as s:
        assert "approval_overdue" not in reminders.evaluate(s).kinds
    with w.db.session(w.deputy) as s:
        assert views.inbox(s, w.deputy) == []

    clock.set(local(STORY_DAY, 8, 30))
    with w.db.session(write=True) as s:
        assert reminders.evaluate(s).kinds == ["approval_overdue", "approval_overdue"]
    with w.db.session() as s:
        told = sorted(s.scalars(select(Alert.user_id).where(Alert.kind == "approval_overdue",
                                                            Alert.change_request_id == rid)))
    assert told == sorted([w.deputy.user_id, w.hr.user_id])
    assert [d for k, d in timeline(w, iid) if k == "change_escalated"] == [
        {"change_request_id": rid, "step": 1, "to": w.deputy.user_id}]
    with w.db.session(write=True) as s:
        assert reminders.evaluate(s).kinds == []                       # raised once

    clock.set(local(STORY_DAY, 8, 31))
    with w.db.session(w.deputy) as s:
        assert [i.change_request_id for i in views.inbox(s, w.deputy)] == [rid]
    assert decide(w, w.deputy, rid, Verdict.APPROVED, "赵科长外出，代为审批").next_step == 2
    assert [(d.approver_id, d.approver_role, d.acting_for_id) for d in decisions(w, rid)] == [
        (w.deputy.user_id, "deputy", None)]


def test_a_delegate_decides_for_an_absent_leader_only_during_the_absence(world, clock):
    w = world
    with w.db.session(w.hr, write=True) as s:
        with pytest.raises(PermissionDenied):       # only the leader (or an admin) names a delegate
            chains.add_delegation(s, w.hr, w.leader.user_id, w.li.user_id, clock.now(),
                                  clock.now() + timedelta(hours=2))
    with w.db.session(w.leader, write=True) as s:
        chains.add_delegation(s, w.leader, w.leader.user_id, w.li.user_id, clock.now(),
                              clock.now() + timedelta(hours=2))
    first = book(w, 0, local(TOMORROW, 10)).interview_id
    rid = request(w, move(first, 15)).change_request_id
    with w.db.session(w.li) as s:
        assert [(i.change_request_id, i.acting_for) for i in views.inbox(s, w.li)] == [(rid, "赵科长")]
    decide(w, w.li, rid, Verdict.APPROVED, "代赵科长审批：同意")
    assert [(d.approver_id, d.approver_role, d.acting_for_id) for d in decisions(w, rid)] == [
        (w.li.user_id, "dept_leader", w.leader.user_id)]
    assert [d["acting_for"] for k, d in timeline(w, first) if k == "change_step"] == [w.leader.user_id]

    clock.advance(timedelta(hours=2))                                   # the leader is back
    second = book(w, 1, local(TOMORROW, 11)).interview_id
    later = request(w, move(second, 16)).change_request_id
    with pytest.raises(PermissionDenied):
        decide(w, w.li, later, Verdict.APPROVED)
    with w.db.session(w.li) as s:
        assert views.inbox(s, w.li) == []
    assert decisions(w, later) == []


def test_a_same_day_change_takes_effect_at_once_and_is_reverted_if_rejected(world):
    w = world
    steps = (StepInput("approve", role="dept_leader", deadline_minutes=60),
             StepInput("file", role="personnel_office", deadline_minutes=60),
             StepInput("confirm", role="director", deadline_minutes=60))
    save_chain(w, ChainInput("默认审批链", None, None, True, steps), default_chain_id(w))

    approved = book(w, 0, local(STORY_DAY, 10)).interview_id
    result = request(w, move(approved, 15, day=STORY_DAY))
    assert (result.applied, result.status) == (True, "pending")
    assert interview(w, approved) == (local(STORY_DAY, 15), 1, "pending_approval")
    assert sent(w, approved, 1) == sorted([("calendar", "update", w.wang.user_id),
                                           ("email", "change_notice", "c1@example.cn"),
                                           ("oa", "interviewer_change", w.wang.user_id),
                                           ("sms", "change_notice", "13800138000")])
    queued = len(sent(w, approved, 1))
    approve_default_chain(w, result.change_request_id)
    assert interview(w, approved) == (local(STORY_DAY, 15), 1, "scheduled")
    assert len(sent(w, approved, 1)) == queued and sent(w, approved, 2) == []   # nothing is sent twice
    with w.db.session() as s:
        assert s.get(ChangeRequest, result.change_request_id).status.value == "applied"

    rejected = book(w, 1, local(STORY_DAY, 11), interviewers=(w.li.user_id,)).interview_id
    early = request(w, move(rejected, 16, day=STORY_DAY))
    assert early.applied and interview(w, rejected) == (local(STORY_DAY, 16), 1, "pending_approval")
    decide(w, w.leader, early.change_request_id, Verdict.REJECTED, "下午没有会议室，不同意")
    assert interview(w, rejected) == (local(STORY_DAY, 11), 2, "scheduled")
    with w.db.session() as s:
        reverted = s.scalars(select(OutboxEntry).where(OutboxEntry.interview_id == rejected,
                                                       OutboxEntry.channel == "calendar")).all()
        assert [(e.kind, e.payload["sequence"], e.payload["starts_at"]) for e in reverted] == [
            ("create", 0, local(STORY_DAY, 11).isoformat()), ("update", 1, local(STORY_DAY, 16).isoformat()),
            ("update", 2, local(STORY_DAY, 11).isoformat())]
    assert ("sms", "change_notice", "13800138001") in sent(w, rejected, 2)
    applied = [(d["sequence"], d["pending_approval"], d["reverted"]) for k, d in timeline(w, rejected)
               if k == "change_applied"]
    assert applied == [(1, True, False), (2, False, True)]

    # A change to another day waits for the chain as usual.
    tomorrow = book(w, 2, local(TOMORROW, 10)).interview_id
    assert not request(w, move(tomorrow, 15)).applied
    assert interview(w, tomorrow) == (local(TOMORROW, 10), 0, "scheduled")


def test_a_candidate_who_confirms_an_early_applied_change_stays_confirmed_after_approval(embedded_world):
    w = embedded_world
    steps = (StepInput("approve", role="dept_leader", deadline_minutes=60),)
    save_chain(w, ChainInput("当天改时先生效", w.dept, "reschedule", True, steps))
    iid = book(w, 0, local(STORY_DAY, 10)).interview_id
    rid = request(w, move(iid, 15, day=STORY_DAY)).change_request_id
    with w.db.session(w.hr, write=True) as s:
        assert attendance.record_confirmation(s, w.hr, iid, Channel.PHONE, note="候选人电话确认15:00")
    decide(w, w.leader, rid, Verdict.APPROVED)
    assert interview(w, iid) == (local(STORY_DAY, 15), 1, "confirmed")


def test_each_decision_carries_the_hash_of_exactly_what_was_approved(embedded_world):
    w = embedded_world
    first = book(w, 0, local(TOMORROW, 10)).interview_id
    second = book(w, 1, local(TOMORROW, 11), interviewers=(w.li.user_id,)).interview_id
    one = request(w, move(first, 15)).change_request_id
    other = request(w, move(second, 15)).change_request_id
    decide(w, w.leader, one, Verdict.APPROVED)
    decide(w, w.leader, other, Verdict.APPROVED)
    with w.db.session() as s:
        req = s.get(ChangeRequest, one)
        signed = decisions(w, one)[0].change_sha256
        assert len(signed) == 64 and signed == changes.change_hash(req)
        assert decisions(w, other)[0].change_sha256 != signed
        req.proposed = dict(req.proposed, starts_at=local(TOMORROW, 16).isoformat())   # not what was signed
        assert changes.change_hash(req) != signed


def test_swapping_an_interviewer_invites_the_new_one_releases_the_old_one_and_updates_the_other(embedded_world):
    w = embedded_world
    chen = add_user(w.db, "chen", [(Role.INTERVIEWER, w.dept)], display_name="陈医生", department_id=w.dept)
    iid = book(w, 0, local(TOMORROW, 10), interviewers=(w.wang.user_id, w.li.user_id)).interview_id
    rid = request(w, changes.ChangeInput(interview_id=iid, kind=ChangeKind.SWAP_INTERVIEWER, party=Party.INTERVIEWER,
                                         reason="李医生出差", interviewer_ids=(w.wang.user_id, chen.user_id)))
    approve_default_chain(w, rid.change_request_id)
    calendar = [entry for entry in sent(w, iid, 1) if entry[0] == "calendar"]
    assert calendar == sorted([("calendar", "update", w.wang.user_id), ("calendar", "cancel", w.li.user_id),
                               ("calendar", "create", chen.user_id)])
    assert notices(w, chen.user_id) == ["新的面试安排"]
    assert notices(w, w.li.user_id)[-1] == "面试已取消"
    assert notices(w, w.wang.user_id)[-1] == "面试安排有变更"
    with w.db.session() as s:
        assert sorted(s.scalars(select(InterviewParticipant.user_id).where(
            InterviewParticipant.interview_id == iid))) == sorted([w.wang.user_id, chen.user_id])


def test_a_cancellation_cancels_the_interview_for_everyone(embedded_world):
    w = embedded_world
    iid = book(w, 0, local(TOMORROW, 10), interviewers=(w.wang.user_id, w.li.user_id)).interview_id
    rid = request(w, changes.ChangeInput(interview_id=iid, kind=ChangeKind.CANCEL, party=Party.CANDIDATE,
                                         reason="候选人已接受其他单位录用"))
    approve_default_chain(w, rid.change_request_id)
    assert interview(w, iid)[1:] == (1, "cancelled")
    assert sent(w, iid, 1) == sorted([("calendar", "cancel", w.wang.user_id), ("calendar", "cancel", w.li.user_id),
                                      ("email", "cancellation", "c1@example.cn"),
                                      ("oa", "interviewer_change", w.wang.user_id),
                                      ("oa", "interviewer_change", w.li.user_id),
                                      ("sms", "cancellation", "13800138000")])
    with w.db.session() as s:
        assert s.get(Interview, iid).confirmation_due_at is None
    with w.db.session(w.reception) as s:
        assert all(room.entries == [] for room in reception.room_board(s, w.reception, TOMORROW))


def test_two_leaders_deciding_the_same_step_at_once_cannot_both_succeed(world):
    """SQLCipher admits one writer at a time (BEGIN IMMEDIATE), so the second leader reads the step
    already decided: AlreadyDecided. PostgreSQL lets both read the same version of the request; the
    second write fails its version check: StaleWrite. Either way one decision is kept."""
    w = world
    iid = book(w, 0, local(TOMORROW, 10)).interview_id
    rid = request(w, move(iid, 15)).change_request_id
    barrier = threading.Barrier(2, timeout=30)
    outcome: dict[str, str] = {}

    def act(leader, verdict: Verdict, comment: str) -> None:
        try:
            if w.db.is_embedded:
                barrier.wait()
                with w.db.session(leader, write=True) as s:
                    changes.decide(s, leader, rid, verdict, comment, expected_step=1)
            else:
                with w.db.session(leader, write=True) as s:
                    s.get(ChangeRequest, rid)          # both have read the request as it was
                    barrier.wait()
                    changes.decide(s, leader, rid, verdict, comment, expected_step=1)
            outcome[leader.username] = "decided"
        except (AlreadyDecided, StaleWrite) as refused:
            outcome[leader.username] = type(refused).__name__
        except BaseException as unexpected:
            outcome[leader.username] = repr(unexpected)

    threads = [threading.Thread(target=act, args=(w.leader, Verdict.APPROVED, "同意")),
               threading.Thread(target=act, args=(w.deputy, Verdict.APPROVED, "同意（吴）"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    loser = "AlreadyDecided" if w.db.is_embedded else "StaleWrite"
    assert sorted(outcome.values()) == sorted(["decided", loser]), outcome
    winner = next(name for name, result in outcome.items() if result == "decided")
    with w.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Decision).where(
            Decision.change_request_id == rid, Decision.step_position == 1)) == 1
        kept = s.scalar(select(Decision).where(Decision.change_request_id == rid))
        req = s.get(ChangeRequest, rid)
        s.expunge_all()
    assert kept.approver_id == {"leader": w.leader.user_id, "deputy": w.deputy.user_id}[winner]
    assert kept.comment == {"leader": "同意", "deputy": "同意（吴）"}[winner]
    assert (req.status.value, req.current_step) == ("pending", 2)       # one step further, not two


def test_rejecting_an_early_applied_change_whose_old_time_was_taken_keeps_the_new_time_and_alerts_hr(embedded_world):
    w = embedded_world
    steps = (StepInput("approve", role="dept_leader", deadline_minutes=60),)
    save_chain(w, ChainInput("当天改时先生效", w.dept, "reschedule", True, steps))
    moved = book(w, 0, local(STORY_DAY, 10)).interview_id
    rid = request(w, move(moved, 15, day=STORY_DAY)).change_request_id
    book(w, 1, local(STORY_DAY, 10))                      # the freed 10:00 room is given to someone else
    with w.db.session() as s:
        counted = s.get(Candidate, w.candidates[0]).reschedule_count
    decide(w, w.leader, rid, Verdict.REJECTED, "不同意改期")
    assert interview(w, moved) == (local(STORY_DAY, 15), 1, "scheduled")
    with w.db.session() as s:
        assert s.get(ChangeRequest, rid).status.value == "rejected"
        alert = s.scalars(select(Alert).where(Alert.change_request_id == rid)).one()
        # 王主任 and room 301 are both taken at 10:00 now; an interviewer's overlap is hard by default
        assert (alert.kind, alert.user_id, alert.detail["conflicts"]) == ("revert_impossible", w.hr.user_id,
                                                                          ["interviewer_busy", "room_booked"])
        assert s.get(Candidate, w.candidates[0]).reschedule_count == counted   # the move stands: it counts
    assert [k for k, _ in timeline(w, moved)][-1] == "change_rejected"


def test_an_undone_move_does_not_count_as_the_candidates_reschedule(embedded_world):
    w = embedded_world
    steps = (StepInput("approve", role="dept_leader", deadline_minutes=60),)
    save_chain(w, ChainInput("当天改时先生效", w.dept, "reschedule", True, steps))
    iid = book(w, 0, local(STORY_DAY, 10)).interview_id
    rid = request(w, move(iid, 15, day=STORY_DAY)).change_request_id
    decide(w, w.leader, rid, Verdict.REJECTED, "不同意改期")
    with w.db.session() as s:
        assert s.get(Candidate, w.candidates[0]).reschedule_count == 0
