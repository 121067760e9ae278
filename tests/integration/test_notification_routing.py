"""Which channels carry what is configuration: the candidate hears by e-mail and SMS, interviewers
through their calendar and the OA system, approvers and HR through OA, each once per event and
version; the day-before reminder and the late alert go out once too."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from desktop.core import settings
from desktop.core.errors import InvalidSetting
from desktop.core.model import OutboxEntry, TimelineEvent
from desktop.core.scheduling import reminders

from scheduling_helpers import BACKENDS, book, world_copy
from scheduling_world import STORY_DAY, World, local

NEXT_DAY = date(2026, 11, 25)


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


def configure(w: World, **values: str) -> None:
    with w.db.session(write=True) as s:
        for key, value in values.items():
            settings.store_institution(s, f"notify.{key}", value, "测试")


def rows(w: World) -> list[tuple[str, str, str]]:
    with w.db.session() as s:
        return [(e.channel, e.kind, e.recipient) for e in s.scalars(select(OutboxEntry).order_by(OutboxEntry.id))]


def test_the_default_routes_reach_candidate_interviewer_calendar_and_oa(world):
    book(world, 0, local(STORY_DAY, 10))
    assert sorted(rows(world)) == [("calendar", "create", "wang"),
                                   ("email", "invitation", "c1@example.cn"),
                                   ("oa", "interviewer_assignment", "wang"),
                                   ("sms", "invitation", "13800138000")]


def test_channels_switched_off_send_nothing_there(world):
    configure(world, candidate_channels="email", interviewer_channels="calendar")
    book(world, 0, local(STORY_DAY, 10))
    assert sorted(c for c, _, _ in rows(world)) == ["calendar", "email"]
    configure(world, candidate_channels="", interviewer_channels="")
    book(world, 1, local(STORY_DAY, 11))
    assert len(rows(world)) == 2                     # the second booking queued nothing


def test_an_unknown_channel_is_refused():
    with pytest.raises(InvalidSetting):
        settings.spec_of("notify.candidate_channels").parse("email,fax")
    assert settings.spec_of("notify.interviewer_channels").parse("calendar,oa") == "calendar,oa"


def test_the_day_before_reminder_goes_once_and_not_right_after_the_invitation(world, clock):
    soon = book(world, 0, local(STORY_DAY, 15)).interview_id        # booked at 08:00 for today 15:00
    later = book(world, 1, local(NEXT_DAY, 10)).interview_id        # and for tomorrow 10:00

    def reminders_of(iid: int) -> list[str]:
        with world.db.session() as s:
            return sorted(e.channel for e in s.scalars(select(OutboxEntry).where(
                OutboxEntry.interview_id == iid, OutboxEntry.kind == "reminder_day_before")))

    with world.db.session(write=True) as s:
        reminders.evaluate(s)
    assert reminders_of(soon) == [] and reminders_of(later) == []    # both were just told
    clock.set(local(STORY_DAY, 21, 0))                                # 13 hours later, 13 hours ahead
    with world.db.session(write=True) as s:
        reminders.evaluate(s)
    with world.db.session(write=True) as s:
        reminders.evaluate(s)
    assert reminders_of(later) == ["email", "sms"]
    assert reminders_of(soon) == []                                   # it is over
    with world.db.session() as s:
        kinds = s.scalars(select(TimelineEvent.kind).where(TimelineEvent.interview_id == later)).all()
    assert kinds.count("reminder_sent") == 1


def test_a_late_alert_reaches_hr_and_the_interviewer_through_oa_once(world, clock):
    book(world, 0, local(STORY_DAY, 10))
    clock.set(local(STORY_DAY, 10, 10) + timedelta(seconds=1))
    for _ in range(2):
        with world.db.session(write=True) as s:
            reminders.evaluate(s)
    late = sorted(r for r in rows(world) if r[1] == "late_alert")
    assert late == [("oa", "late_alert", "hr_zhang"), ("oa", "late_alert", "wang")]
    overdue = [r for r in rows(world) if r[1] == "confirmation_overdue"]
    assert overdue == [("oa", "confirmation_overdue", "hr_zhang")]


def test_an_event_can_be_routed_apart_from_its_audience(world, clock):
    """The day-before reminder by SMS only; approval requests also by e-mail to approvers who have an
    address in their account (the others by OA only)."""
    import json

    from desktop.core.model import User
    from desktop.core.scheduling import changes
    from desktop.core.model import ChangeKind, Party
    from scheduling_helpers import request

    configure(world, event_channels=json.dumps({"reminder_day_before": "sms", "approval_request": "oa,email"}))
    with world.db.session(write=True) as s:
        s.get(User, world.leader.user_id).email = "leader@hospital.example.cn"
    later = book(world, 1, local(NEXT_DAY, 10)).interview_id
    asked = request(world, changes.ChangeInput(later, ChangeKind.RESCHEDULE, Party.CANDIDATE, "改时",
                                               starts_at=local(NEXT_DAY, 15)))
    assert asked.change_request_id
    approvals = sorted((c, r) for c, k, r in rows(world) if k == "approval_request")
    assert approvals == [("email", "leader@hospital.example.cn"), ("oa", "deputy"), ("oa", "leader")]
    clock.set(local(STORY_DAY, 21, 0))
    with world.db.session(write=True) as s:
        reminders.evaluate(s)
    assert sorted(c for c, k, _ in rows(world) if k == "reminder_day_before") == ["sms"]
    assert sorted(c for c, k, _ in rows(world) if k == "invitation") == ["email", "sms"]   # the default


def test_event_routing_refuses_unknown_events_and_channels_the_audience_cannot_use():
    spec = settings.spec_of("notify.event_channels")
    for bad in ('{"party_invite": "sms"}', '{"invitation": "oa"}', '{"invitation": "calendar"}', "[1]", "not json"):
        with pytest.raises(InvalidSetting):
            spec.parse(bad)
    assert spec.parse('{"late_alert": "sms,oa"}') == '{"late_alert": "sms,oa"}'
