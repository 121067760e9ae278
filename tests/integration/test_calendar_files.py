"""Calendar files meet the database: a candidate's reply confirms (or, for an old time, only shows
on the timeline), a declined invitation alerts HR, a reply that is not the candidate's changes
nothing; a holiday calendar makes the conflict check report the day; busy time from a file replaces
the previous import of the same file; an unreadable file writes nothing."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from factories import add_user
from scheduling_helpers import (
    BACKENDS,
    approve_default_chain,
    book,
    request,
    world_copy,
)
from scheduling_world import STORY_DAY, World, local
from sqlalchemy import func, select

from desktop.core.errors import (
    CalendarFileInvalid,
    CalendarReplyRefused,
    PermissionDenied,
)
from desktop.core.model import (
    Alert,
    BusyBlock,
    ChangeKind,
    Confirmation,
    Holiday,
    Interview,
    InterviewMode,
    InterviewStatus,
    Party,
    Role,
    TimelineEvent,
)
from desktop.core.scheduling import calendar_files, changes, lookups
from desktop.core.scheduling.conflicts import ConflictKind
from desktop.integrations import ical

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ical"
FIXTURE_UID = b"6f1c2d3e-0000-4000-8000-000000000001@interviewdesk"


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


def reply_file(w: World, interview_id: int, client: str) -> bytes:
    """A reply as that calendar program sends it, to this interview's invitation."""
    with w.db.session() as s:
        uid = s.scalar(select(Interview.uid).where(Interview.id == interview_id))
    return (FIXTURES / f"reply_{client}.ics").read_bytes().replace(FIXTURE_UID, uid.encode())


def receive(w: World, data: bytes) -> list[calendar_files.ReplyOutcome]:
    with w.db.session(write=True) as s:
        return [calendar_files.record_reply(s, reply) for reply in ical.parse_replies(data)]


def state(w: World, interview_id: int) -> tuple:
    with w.db.session() as s:
        interview = s.get(Interview, interview_id)
        kinds = sorted(s.scalars(select(TimelineEvent.kind).where(TimelineEvent.interview_id == interview_id)))
        confirmations = sorted(s.execute(select(Confirmation.sequence, Confirmation.channel)
                                         .where(Confirmation.interview_id == interview_id)).all())
        alerts = sorted(s.execute(select(Alert.kind, Alert.user_id).where(Alert.interview_id == interview_id)).all())
        return interview.status, interview.sequence, kinds, confirmations, alerts


def reschedule(w: World, interview_id: int) -> None:
    result = request(w, changes.ChangeInput(interview_id=interview_id, kind=ChangeKind.RESCHEDULE,
                                            party=Party.CANDIDATE, reason="候选人申请改时",
                                            starts_at=local(STORY_DAY, 15)))
    approve_default_chain(w, result.change_request_id)


def test_an_outlook_acceptance_of_the_current_time_confirms(world):
    w = world
    iid = book(w, 0, local(STORY_DAY, 10)).interview_id
    assert receive(w, reply_file(w, iid, "outlook")) == [calendar_files.ReplyOutcome(iid, "confirmed")]
    status, _seq, kinds, confirmations, _alerts = state(w, iid)
    assert status == InterviewStatus.CONFIRMED
    assert confirmations == [(0, "ical")]
    assert "confirmed" in kinds
    assert receive(w, reply_file(w, iid, "outlook")) == [calendar_files.ReplyOutcome(iid, "duplicate")]
    assert state(w, iid)[3] == [(0, "ical")]


def test_an_acceptance_of_an_earlier_time_is_recorded_but_does_not_confirm(world):
    w = world
    iid = book(w, 0, local(STORY_DAY, 10)).interview_id
    reschedule(w, iid)                                   # now sequence 1, at 15:00
    before = state(w, iid)
    assert before[1] == 1
    assert receive(w, reply_file(w, iid, "outlook")) == [calendar_files.ReplyOutcome(iid, "outdated")]
    status, _seq, _kinds, confirmations, _alerts = state(w, iid)
    assert status == before[0] != InterviewStatus.CONFIRMED
    assert confirmations == [(0, "ical")]
    with w.db.session() as s:
        detail = s.scalars(select(TimelineEvent.detail).where(TimelineEvent.interview_id == iid,
                                                              TimelineEvent.kind == "confirmed")).one()
    assert detail["current"] is False and detail["sequence"] == 0
    assert receive(w, reply_file(w, iid, "thunderbird")) == [calendar_files.ReplyOutcome(iid, "tentative")]
    assert state(w, iid)[0] != InterviewStatus.CONFIRMED   # tentative (for the current time) is no confirmation


def test_a_declined_invitation_alerts_the_hr_owner_once(world):
    w = world
    iid = book(w, 0, local(STORY_DAY, 10)).interview_id
    assert receive(w, reply_file(w, iid, "apple")) == [calendar_files.ReplyOutcome(iid, "declined")]
    assert receive(w, reply_file(w, iid, "apple")) == [calendar_files.ReplyOutcome(iid, "duplicate")]
    status, _seq, kinds, confirmations, alerts = state(w, iid)
    assert alerts == [("candidate_declined", w.hr.user_id)]
    assert kinds.count("candidate_declined") == 1
    assert confirmations == [] and status == InterviewStatus.SCHEDULED


def test_a_tentative_answer_only_shows_on_the_timeline(world):
    w = world
    iid = book(w, 0, local(STORY_DAY, 10)).interview_id
    reschedule(w, iid)
    assert receive(w, reply_file(w, iid, "thunderbird")) == [calendar_files.ReplyOutcome(iid, "tentative")]
    _status, _seq, kinds, confirmations, alerts = state(w, iid)
    assert "candidate_tentative" in kinds and confirmations == [] and alerts == []


@pytest.mark.parametrize("what", ["unknown_uid", "not_candidate"])
def test_a_reply_for_no_interview_or_from_someone_else_changes_nothing(world, what):
    w = world
    iid = book(w, 0, local(STORY_DAY, 10)).interview_id
    data = reply_file(w, iid, "outlook")
    if what == "unknown_uid":
        data = (FIXTURES / "reply_outlook.ics").read_bytes()
    else:
        data = data.replace(b"mailto:c1@example.cn", b"mailto:c2@example.cn")
    before = state(w, iid)
    with pytest.raises(CalendarReplyRefused) as raised:
        receive(w, data)
    assert raised.value.params["reason"] == what
    assert state(w, iid) == before


def test_an_imported_holiday_is_reported_by_the_conflict_check(world):
    w = world
    admin = add_user(w.db, "it_admin", [(Role.ADMIN, None)], display_name="信息科")
    days = ical.parse_holidays((FIXTURES / "holidays_cn_2026.ics").read_bytes())
    with w.db.session(admin, write=True) as s:
        counts = calendar_files.import_holidays(s, admin, days)
    assert counts == calendar_files.ImportCounts(added=len(days))
    changed = [d if d.day != date(2026, 11, 25) else calendar_files.HolidayDay(d.day, "院庆日", False) for d in days]
    with w.db.session(admin, write=True) as s:
        assert calendar_files.import_holidays(s, admin, changed) == calendar_files.ImportCounts(
            updated=1, unchanged=len(days) - 1)
    holiday = STORY_DAY + timedelta(days=1)           # 2026-11-25, a Wednesday
    with w.db.session(w.hr) as s:
        found = lookups.check_booking(s, w.applications[0], local(holiday, 10), 30, InterviewMode.ONSITE, w.room,
                                      (w.wang.user_id,))
    assert [(c.kind, c.subject) for c in found] == [(ConflictKind.HOLIDAY, "院庆日")]
    with w.db.session(w.hr, write=True) as s, pytest.raises(PermissionDenied):
        calendar_files.import_holidays(s, w.hr, days)


def test_busy_time_from_a_file_replaces_the_previous_import_of_that_file(world):
    w = world
    data = (FIXTURES / "busy_outlook.ics").read_bytes()
    blocks = ical.parse_busy(data, zone="Asia/Shanghai", first=date(2026, 11, 1), last=date(2026, 12, 31))
    with w.db.session(w.hr, write=True) as s:
        assert calendar_files.import_busy(s, w.hr, blocks, "王主任.ics", user_id=w.wang.user_id).added == 8
        calendar_files.import_busy(s, w.hr, blocks[:2], "会议室.ics", room_id=w.room)
    later = ical.parse_busy(data, zone="Asia/Shanghai", first=date(2026, 12, 1), last=date(2026, 12, 31))
    with w.db.session(w.hr, write=True) as s:
        counts = calendar_files.import_busy(s, w.hr, later, "王主任.ics", user_id=w.wang.user_id)
    assert (counts.added, counts.removed) == (3, 8)
    with w.db.session() as s:
        mine = s.execute(select(BusyBlock.starts_at, BusyBlock.summary).where(BusyBlock.user_id == w.wang.user_id)
                         .order_by(BusyBlock.starts_at)).all()
        rooms = s.scalar(select(func.count()).select_from(BusyBlock).where(BusyBlock.room_id == w.room))
    assert [(start, summary) for start, summary in mine] == [(b.starts_at, b.summary) for b in later]
    assert rooms == 2
    with w.db.session(w.li, write=True) as s, pytest.raises(PermissionDenied):   # not li's own calendar
        calendar_files.import_busy(s, w.li, blocks, "王主任.ics", user_id=w.wang.user_id)


def test_an_unreadable_file_leaves_the_database_as_it_was(world):
    w = world
    admin = add_user(w.db, "it_admin", [(Role.ADMIN, None)], display_name="信息科")
    broken = (FIXTURES / "holidays_cn_2026.ics").read_bytes().replace(b"DTSTART;VALUE=DATE:20261001",
                                                                       b"DTSTART;VALUE=DATE:2026-10-01")

    def import_file(session):
        return calendar_files.import_holidays(session, admin, ical.parse_holidays(broken))

    with pytest.raises(CalendarFileInvalid) as raised, w.db.session(admin, write=True) as s:
        import_file(s)
    assert raised.value.params["reason"] == "bad_value" and raised.value.params["line"] == 27
    with w.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Holiday)) == 0


def test_an_interviewers_schedule_is_exported_without_candidate_names(world):
    w = world
    first = book(w, 0, local(STORY_DAY, 10)).interview_id
    book(w, 1, local(STORY_DAY, 11), interviewers=(w.li.user_id,))
    with w.db.session(w.wang) as s:
        entries = calendar_files.schedule_entries(s, w.wang, STORY_DAY, STORY_DAY + timedelta(days=6),
                                                  user_id=w.wang.user_id)
        uid = s.scalar(select(Interview.uid).where(Interview.id == first))
    assert [e.uid for e in entries] == [uid]
    data = ical.export_schedule(entries, zone="Asia/Shanghai", name="王主任", stamp=local(STORY_DAY, 8))
    assert "候选人".encode() not in data
    with w.db.session(w.hr) as s:
        room = calendar_files.schedule_entries(s, w.hr, STORY_DAY, STORY_DAY, room_id=w.room)
    assert len(room) == 2
