"""The current user's desk: in-app notices, open alerts and follow-up tasks, acknowledged or
completed by a user; and retrying or cancelling outbox entries by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import audit
from desktop.core.errors import InvalidState, NotFound, PermissionDenied
from desktop.core.model import Alert, FollowUpTask, Interview, InterviewParticipant, Notice, OutboxEntry, OutboxState
from desktop.core.permissions import Action, allowed, require
from desktop.core.scheduling import attendance
from desktop.core.storage.database import Actor


@dataclass(frozen=True)
class NoticeInfo:
    id: int
    interview_id: int | None
    title: str
    body: str
    created_at: datetime
    seen_at: datetime | None
    interview_starts_at: datetime | None = None
    on_panel: bool = False      # the user sits on the interview's panel: it opens on 我的面试


@dataclass(frozen=True)
class AlertInfo:
    id: int
    kind: str
    interview_id: int | None
    change_request_id: int | None
    detail: dict
    raised_at: datetime


@dataclass(frozen=True)
class TaskInfo:
    id: int
    interview_id: int | None
    title: str
    due_at: datetime
    done_at: datetime | None


def my_notices(session: Session, actor: Actor, *, unseen_only: bool = False, limit: int = 200) -> list[NoticeInfo]:
    query = (select(Notice, Interview.starts_at, InterviewParticipant.id)
             .outerjoin(Interview, Interview.id == Notice.interview_id)
             .outerjoin(InterviewParticipant, (InterviewParticipant.interview_id == Notice.interview_id)
                        & (InterviewParticipant.user_id == actor.user_id))
             .where(Notice.user_id == actor.user_id))
    if unseen_only:
        query = query.where(Notice.seen_at.is_(None))
    rows = session.execute(query.order_by(Notice.created_at.desc(), Notice.id.desc()).limit(limit)).all()
    return [NoticeInfo(n.id, n.interview_id, n.title, n.body, n.created_at, n.seen_at, starts, member is not None)
            for n, starts, member in rows]


def open_notice(session: Session, actor: Actor, notice_id: int) -> NoticeInfo:
    """The user opened a notice: it is seen, and if it is about an interview they take part in,
    the timeline records that they saw this version."""
    notice = session.get(Notice, notice_id)
    if notice is None or notice.user_id != actor.user_id:
        raise NotFound("notice", entity="notice")
    now = session.info["clock"].now()
    if notice.seen_at is None:
        notice.seen_at = now
    if notice.interview_id is not None:
        attendance.mark_seen(session, actor, notice.interview_id)
    session.flush()
    starts = session.scalar(select(Interview.starts_at).where(Interview.id == notice.interview_id)) \
        if notice.interview_id is not None else None
    on_panel = notice.interview_id is not None and session.scalar(select(InterviewParticipant.id).where(
        InterviewParticipant.interview_id == notice.interview_id,
        InterviewParticipant.user_id == actor.user_id)) is not None
    return NoticeInfo(notice.id, notice.interview_id, notice.title, notice.body, notice.created_at, notice.seen_at,
                      starts, on_panel)


def my_alerts(session: Session, actor: Actor, limit: int = 200, since: datetime | None = None) -> list[AlertInfo]:
    """Unacknowledged alerts addressed to this user (or to nobody in particular, for HR), newest first;
    with `since`, only those raised since then."""
    mine = Alert.user_id == actor.user_id
    if allowed(session, actor, Action.INTERVIEW_SCHEDULE, None) or any(
            allowed(session, actor, Action.INTERVIEW_SCHEDULE, dept) for _, dept in actor.grants if dept):
        mine = mine | Alert.user_id.is_(None)
    rows = session.execute(select(Alert.id, Alert.kind, Alert.interview_id, Alert.change_request_id, Alert.detail,
                                  Alert.raised_at)
                           .where(Alert.acknowledged_at.is_(None), mine,
                                  *([Alert.raised_at >= since] if since is not None else []))
                           .order_by(Alert.raised_at.desc(), Alert.id.desc()).limit(limit)).all()
    # plain rows, not entities: every desktop reads these every minute
    return [AlertInfo(a.id, a.kind, a.interview_id, a.change_request_id, dict(a.detail or {}), a.raised_at)
            for a in rows]


def acknowledge(session: Session, actor: Actor, alert_id: int) -> None:
    alert = session.get(Alert, alert_id)
    if alert is None:
        raise NotFound("alert", entity="alert")
    if alert.user_id not in (None, actor.user_id) and not actor.system:
        raise PermissionDenied("not your alert", action="alert.acknowledge")
    if alert.acknowledged_at is None:
        alert.acknowledged_at = session.info["clock"].now()
        alert.acknowledged_by_id = actor.user_id
        session.flush()


def my_tasks(session: Session, actor: Actor, *, open_only: bool = True) -> list[TaskInfo]:
    query = select(FollowUpTask).where(FollowUpTask.assignee_id == actor.user_id)
    if open_only:
        query = query.where(FollowUpTask.done_at.is_(None))
    rows = session.scalars(query.order_by(FollowUpTask.due_at)).all()
    return [TaskInfo(t.id, t.interview_id, t.title, t.due_at, t.done_at) for t in rows]


def complete_task(session: Session, actor: Actor, task_id: int) -> None:
    task = session.get(FollowUpTask, task_id)
    if task is None or (task.assignee_id != actor.user_id and not actor.system):
        raise NotFound("task", entity="task")
    if task.done_at is None:
        task.done_at = session.info["clock"].now()
        session.flush()


def retry_outbox(session: Session, actor: Actor, entry_id: int) -> None:
    """HR sends a failed (or cancelled) entry again: it goes back to pending, due now."""
    require(session, actor, Action.OUTBOX_RETRY)
    entry = session.get(OutboxEntry, entry_id)
    if entry is None:
        raise NotFound("outbox entry", entity="outbox")
    if entry.state not in (OutboxState.FAILED, OutboxState.CANCELLED):
        raise InvalidState("only failed or cancelled entries can be retried", status=entry.state.value)
    entry.state = OutboxState.PENDING
    entry.next_attempt_at = session.info["clock"].now()
    entry.claimed_by = entry.claimed_at = None
    audit.record(session, "retry", "OutboxEntry", entry.id, attempts=entry.attempts)
    session.flush()


def cancel_outbox(session: Session, actor: Actor, entry_id: int) -> None:
    require(session, actor, Action.OUTBOX_RETRY)
    entry = session.get(OutboxEntry, entry_id)
    if entry is None:
        raise NotFound("outbox entry", entity="outbox")
    if entry.state not in (OutboxState.PENDING, OutboxState.FAILED):
        raise InvalidState("only waiting or failed entries can be cancelled", status=entry.state.value)
    entry.state = OutboxState.CANCELLED
    session.flush()
