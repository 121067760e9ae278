"""The candidate's result waits feedback.delay_minutes after the decision, so HR can still correct it;
a correction within that time cancels the queued message (it never goes out) and queues the
corrected one. With feedback visibility "summary" the result waits for the written summary HR of
the department approves (a to-do for HR meanwhile, late once feedback.within_hours passed); the
approval sends result, scores and summary. On both backends, delivered by the outbox worker to the
loopback SMTP server, with the ManualClock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from delivery_helpers import delivery_settings, store_settings
from scheduling_helpers import BACKENDS, book, world_copy
from scheduling_world import STORY_DAY, World, local
from sqlalchemy import func, select

from desktop.core import decision_effects, feedback_summary, scorecards
from desktop.core import scorecard_panel as panel
from desktop.core.delivery.worker import OutboxWorker
from desktop.core.errors import InvalidState, PermissionDenied, ValidationFailed
from desktop.core.model import Alert, AuditEntry, DecisionOutcome, OutboxEntry, OutboxState, Recommendation, RoundDecision
from desktop.core.scorecards import CardInput, ScoreInput
from desktop.integrations import senders

RESULTS = ("result_pass", "result_regret")


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


def configure(w: World, mail_servers, **changes) -> None:
    store_settings(w, delivery_settings(mail_servers) | {"mail.timeout_seconds": 5} | changes)


def deliver(w: World) -> None:
    outcome = OutboxWorker(w.db, senders.configured_senders(w.db)).run_once().outcome
    assert outcome.failed == 0, outcome.errors


def act(w: World, actor, fn, *args, **kwargs):
    with w.db.session(actor, write=True) as s:
        return fn(s, actor, *args, **kwargs)


def decided(w: World, scores=(8, 7, 7)) -> tuple[int, int]:
    """Three interviewers submit, HR confirms the rule's proposal at 11:30: (interview id, decision version)."""
    iid = book(w, 0, local(STORY_DAY, 10), interviewers=(w.wang.user_id, w.li.user_id, w.leader.user_id)).interview_id
    deliver(w)                                           # the invitation, out of the way
    w.db.clock.set(local(STORY_DAY, 11, 0))
    for who in (w.wang, w.li, w.leader):
        act(w, who, scorecards.submit, iid, CardInput({i + 1: ScoreInput(s, "") for i, s in enumerate(scores)},
                                                     Recommendation.YES))
    w.db.clock.set(local(STORY_DAY, 11, 30))
    view = act(w, w.hr, panel.settle, iid, act(w, w.hr, panel.propose, iid).version)
    return iid, view.version


def candidate_mails(mail_servers) -> list:
    return [m for m in mail_servers["relay"].mailbox.messages() if str(m["Subject"]).startswith("面试结果通知")]


def results(w: World, iid: int) -> list[tuple[str, str, str]]:
    with w.db.session() as s:
        return [tuple(r) for r in s.execute(select(OutboxEntry.kind, OutboxEntry.channel, OutboxEntry.state)
                                            .where(OutboxEntry.interview_id == iid, OutboxEntry.kind.in_(RESULTS))
                                            .order_by(OutboxEntry.id))]


def figures(w: World, now) -> tuple[int, int, int]:
    with w.db.session() as s:
        f = decision_effects.on_time(s, local(STORY_DAY, 0), local(STORY_DAY, 23), now)
    return f.decided, f.on_time, f.late


def test_the_result_goes_out_after_the_configured_delay_not_before(world, mail_servers):
    w = world
    configure(w, mail_servers, **{"feedback.delay_minutes": 30})
    iid, _version = decided(w)
    with w.db.session() as s:
        due = s.scalars(select(OutboxEntry.next_attempt_at).where(OutboxEntry.interview_id == iid,
                                                                 OutboxEntry.kind.in_(RESULTS))).all()
        assert due and set(due) == {local(STORY_DAY, 12, 0)}
        view = panel.decision_of(s, w.hr, iid)
    assert (view.sends_at, view.correctable) == (local(STORY_DAY, 12, 0), True)
    w.db.clock.set(local(STORY_DAY, 11, 59))
    deliver(w)
    assert candidate_mails(mail_servers) == []          # a first attempt waits for its time as well
    w.db.clock.set(local(STORY_DAY, 12, 0))
    deliver(w)
    [mail] = candidate_mails(mail_servers)
    assert "您已通过本轮面试" in mail.get_body(("plain",)).get_content()
    with w.db.session() as s:
        view = panel.decision_of(s, w.hr, iid)
    assert (view.sends_at, view.correctable) == (None, False)
    assert figures(w, local(STORY_DAY, 12, 0)) == (1, 1, 0)


def test_a_correction_within_the_delay_replaces_the_queued_message(world, mail_servers):
    w = world
    configure(w, mail_servers, **{"feedback.delay_minutes": 30, "feedback.visibility": "scores"})
    iid, version = decided(w)
    w.db.clock.set(local(STORY_DAY, 11, 50))
    with pytest.raises(ValidationFailed) as refused:            # a correction needs its reason
        act(w, w.hr, panel.settle, iid, version, DecisionOutcome.FAILED)
    assert refused.value.problems == {"reason": "required"}
    with pytest.raises(ValidationFailed) as refused:            # and another outcome
        act(w, w.hr, panel.settle, iid, version, DecisionOutcome.PASSED, "再次确认")
    assert refused.value.problems == {"outcome": "same_outcome"}
    assert [state for _k, _c, state in results(w, iid)] == ["pending", "pending"]   # nothing half-done

    view = act(w, w.hr, panel.settle, iid, version, DecisionOutcome.FAILED, "复核发现专业能力评分录入有误")
    assert (view.outcome, view.reason, view.decided_at) == ("failed", "复核发现专业能力评分录入有误",
                                                            local(STORY_DAY, 11, 50))
    assert results(w, iid) == [("result_pass", "email", "cancelled"), ("result_pass", "sms", "cancelled"),
                               ("result_regret", "email", "pending"), ("result_regret", "sms", "pending")]
    with w.db.session() as s:
        open_tasks = s.scalars(select(Alert.kind).where(Alert.interview_id == iid, Alert.acknowledged_at.is_(None),
                                                        Alert.kind == "propose_next_round")).all()
        assert open_tasks == []                          # the passed decision's task is closed with it
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity == "RoundDecision", AuditEntry.action == "update")) >= 2

    w.db.clock.set(local(STORY_DAY, 12, 5))              # the old message's time: it never goes out
    deliver(w)
    assert candidate_mails(mail_servers) == []
    w.db.clock.set(local(STORY_DAY, 12, 20))             # the corrected decision's own delay
    deliver(w)
    [mail] = candidate_mails(mail_servers)
    body = mail.get_body(("plain",)).get_content()
    assert "很遗憾" in body and "您已通过本轮面试" not in body
    assert figures(w, local(STORY_DAY, 12, 20)) == (1, 1, 0)

    with w.db.session() as s:
        version = s.scalar(select(RoundDecision.version).where(RoundDecision.interview_id == iid))
    with pytest.raises(InvalidState) as too_late:           # once it went out, the decision stands
        act(w, w.hr, panel.settle, iid, version, DecisionOutcome.PASSED, "改回通过")
    assert too_late.value.params["reason"] == "result_sent"


def test_with_a_summary_the_result_waits_for_hrs_approval_and_carries_the_summary(world, mail_servers):
    w = world
    configure(w, mail_servers, **{"feedback.delay_minutes": 30, "feedback.visibility": "summary"})
    iid, version = decided(w)
    assert results(w, iid) == []                         # held for the summary
    with w.db.session() as s:
        [task] = s.scalars(select(Alert).where(Alert.interview_id == iid,
                                               Alert.kind == decision_effects.SUMMARY_DUE)).all()
        assert (task.user_id, task.acknowledged_at) == (w.hr.user_id, None)
        view = panel.decision_of(s, w.hr, iid)
    assert (view.awaiting_summary, view.correctable, view.summary) == (True, True, "")
    assert figures(w, local(STORY_DAY, 12, 0)) == (1, 0, 0)
    assert figures(w, local(STORY_DAY + timedelta(days=1), 11, 31)) == (1, 0, 1)   # late once 24 h passed

    summary = "您在沟通表达方面表现突出，建议进一步加强临床病例分析的系统性。"
    with pytest.raises(PermissionDenied):                # HR of the department only
        act(w, w.wang, feedback_summary.approve, iid, version, summary)
    with pytest.raises(ValidationFailed) as refused:
        act(w, w.hr, feedback_summary.approve, iid, version, "   ")
    assert refused.value.problems == {"summary": "required"}
    with pytest.raises(ValidationFailed) as refused:
        act(w, w.hr, feedback_summary.approve, iid, version, "评" * 2001)
    assert refused.value.problems == {"summary": "too_long"}
    draft = act(w, w.hr, feedback_summary.save, iid, version, "草稿")
    assert (draft.summary, draft.awaiting_summary, draft.summary_approved_at) == ("草稿", True, None)
    assert results(w, iid) == []

    w.db.clock.set(local(STORY_DAY, 11, 40))
    approved = act(w, w.hr, feedback_summary.approve, iid, draft.version, summary)
    assert (approved.summary, approved.summary_approved_by, approved.summary_approved_at) == (
        summary, "张人事", local(STORY_DAY, 11, 40))
    assert (approved.awaiting_summary, approved.sends_at) == (False, local(STORY_DAY, 12, 0))
    with pytest.raises(InvalidState) as twice:
        act(w, w.hr, feedback_summary.approve, iid, approved.version, summary)
    assert twice.value.params["reason"] == "summary_not_due"
    with w.db.session() as s:
        task = s.scalar(select(Alert).where(Alert.interview_id == iid, Alert.kind == decision_effects.SUMMARY_DUE))
        assert task.acknowledged_at == local(STORY_DAY, 11, 40)
    w.db.clock.set(local(STORY_DAY, 12, 0))
    deliver(w)
    [mail] = candidate_mails(mail_servers)
    body = mail.get_body(("plain",)).get_content()
    assert "您的面试反馈已更新：加权平均 7.4 分（满分 10 分）；沟通能力 8.0 分" in body
    assert "面试评语：" + summary in body and "草稿" not in body
    assert figures(w, local(STORY_DAY, 12, 0)) == (1, 1, 0)


def test_a_correction_after_the_approval_asks_for_the_summary_again(world, mail_servers):
    w = world
    configure(w, mail_servers, **{"feedback.delay_minutes": 30, "feedback.visibility": "summary"})
    iid, version = decided(w)
    approved = act(w, w.hr, feedback_summary.approve, iid, version, "表现良好。")
    corrected = act(w, w.hr, panel.settle, iid, approved.version, DecisionOutcome.FAILED, "名额调整，复核改判")
    assert (corrected.awaiting_summary, corrected.summary, corrected.summary_approved_at) == (True, "表现良好。", None)
    assert [state for _k, _c, state in results(w, iid)] == ["cancelled", "cancelled"]
    with w.db.session() as s:
        task = s.scalar(select(Alert).where(Alert.interview_id == iid, Alert.kind == decision_effects.SUMMARY_DUE))
        assert task.acknowledged_at is None              # the to-do is open again
    w.db.clock.set(local(STORY_DAY, 13, 0))
    deliver(w)
    assert candidate_mails(mail_servers) == []
    act(w, w.hr, feedback_summary.approve, iid, corrected.version, "感谢参加，期待今后合作。")
    deliver(w)                                           # the corrected decision's delay has passed
    [mail] = candidate_mails(mail_servers)
    body = mail.get_body(("plain",)).get_content()
    assert "很遗憾" in body and "面试评语：感谢参加，期待今后合作。" in body and "表现良好" not in body
    with w.db.session() as s:
        assert s.scalar(select(func.count()).select_from(OutboxEntry).where(
            OutboxEntry.interview_id == iid, OutboxEntry.state == OutboxState.SENT,
            OutboxEntry.kind.in_(RESULTS))) == 2         # e-mail and SMS of the corrected decision only


def test_the_reports_show_the_on_time_rate_of_the_viewers_departments(world, mail_servers):
    from factories import actor

    from desktop.core.model import Role
    from desktop.core.services import overview

    w = world
    configure(w, mail_servers, **{"feedback.delay_minutes": 30})
    decided(w)
    w.db.clock.set(local(STORY_DAY, 12, 0))
    deliver(w)

    def report(who):
        with w.db.session(who) as s:
            return overview.feedback_timeliness(s, who, STORY_DAY.replace(day=1), STORY_DAY)

    mine = report(w.leader)
    assert (mine.decided, mine.on_time, mine.late, mine.rate, mine.within_hours) == (1, 1, 0, 1.0, 24)
    other = report(actor(Role.DEPT_LEADER, w.other_dept))
    assert (other.decided, other.rate) == (0, None)      # another department's decisions are not theirs
    with pytest.raises(PermissionDenied):
        report(w.wang)                                   # interviewers have no reports
    earlier = STORY_DAY - timedelta(days=40)
    with w.db.session(w.leader) as s:
        assert overview.feedback_timeliness(s, w.leader, earlier, earlier).decided == 0
