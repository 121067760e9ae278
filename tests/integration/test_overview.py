"""The read-only overview pages (this week's interviews, change requests, outbox, archive, recruitment
report, open alerts) on both backends: each person sees their departments' records, a page at a
time, and contact details only where they may reveal them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from desktop.core.clock import ManualClock
from desktop.core.errors import PermissionDenied
from desktop.core.model import Alert, ApplicationStage, ChangeStatus, OutboxState, Role
from desktop.core.services import overview
from desktop.core.services.paging import ListQuery
from factories import (
    START, SYSTEM, actor, add_alert, add_application, add_archive_record, add_candidate, add_change_request,
    add_interview, add_outbox_entry, add_position, add_room, add_user, department_tree, shared_database,
)

MONDAY = START                                  # 09:00 Shanghai
WEEK = (MONDAY - timedelta(hours=1), MONDAY + timedelta(days=7))


@dataclass(frozen=True)
class Office:
    db: object
    depts: object
    interviews: dict[str, int]
    interviewer_a: object


@pytest.fixture(scope="module", params=["sqlcipher", "postgresql"])
def office(request, tmp_path_factory, pg_template):
    """A week of a hospital's recruiting: 内科 (A) with 心内科 under it, and 外科 (B)."""
    clock = ManualClock(START)
    with shared_database(request.param, tmp_path_factory.mktemp("overview"), pg_template, clock) as db:
        depts = department_tree(db)
        doctor_a = add_user(db, "liwei", [(Role.INTERVIEWER, depts.a)], display_name="李伟")
        doctor_b = add_user(db, "zhouhong", [(Role.INTERVIEWER, depts.b)], display_name="周红")
        room = add_room(db, "行政楼 301")
        nk = add_position(db, depts.a, "NK-01", "内科住院医师", headcount=2)
        xnk = add_position(db, depts.a_sub, "XNK-01", "心内科护士")
        wk = add_position(db, depts.b, "WK-01", "外科住院医师")
        apps = {
            "张伟": add_application(db, add_candidate(db, "张伟", depts.a), nk),
            "赵敏": add_application(db, add_candidate(db, "赵敏", depts.a), nk, ApplicationStage.INTERVIEWING),
            "陈静": add_application(db, add_candidate(db, "陈静", depts.a_sub), xnk),
            "王芳": add_application(db, add_candidate(db, "王芳", depts.b), wk, ApplicationStage.REJECTED),
        }
        interviews = {
            "张伟": add_interview(db, apps["张伟"], MONDAY + timedelta(hours=1), room_id=room,
                                interviewer_ids=(doctor_a.user_id, doctor_b.user_id)),
            "陈静": add_interview(db, apps["陈静"], MONDAY + timedelta(hours=2)),          # no room yet
            "王芳": add_interview(db, apps["王芳"], MONDAY + timedelta(hours=3), room_id=room,
                                interviewer_ids=(doctor_b.user_id,)),
            "赵敏": add_interview(db, apps["赵敏"], MONDAY + timedelta(days=8), room_id=room),  # the week after
            "张伟 复试": add_interview(db, apps["张伟"], MONDAY + timedelta(days=1), round_sequence=2,
                                   room_id=room),
        }
        add_change_request(db, interviews["张伟"])
        clock.advance(timedelta(minutes=1))
        add_change_request(db, interviews["王芳"], status=ChangeStatus.APPROVED)
        clock.advance(timedelta(minutes=1))
        add_change_request(db, interviews["陈静"], status=ChangeStatus.APPROVED)

        add_outbox_entry(db, "13800138000", interview_id=interviews["张伟"])
        add_outbox_entry(db, "wangfang@example.cn", interview_id=interviews["王芳"], channel="email",
                         state=OutboxState.FAILED)
        add_outbox_entry(db, "13912345678", channel="sms")                 # not tied to an interview

        add_archive_record(db, "WS2026-NK-0001", "张伟 应聘档案", apps["张伟"])
        add_archive_record(db, "WS2026-WK-0001", "王芳 应聘档案", apps["王芳"])
        add_archive_record(db, "WS2026-ZH-0001", "年度招聘总结")

        add_alert(db, "late", interview_id=interviews["张伟"])
        add_alert(db, "late", interview_id=interviews["王芳"])
        add_alert(db, "backup_overdue")
        add_alert(db, "approval_overdue", user_id=doctor_a.user_id)
        add_alert(db, "approval_overdue", user_id=doctor_b.user_id)
        done = add_alert(db, "no_show", interview_id=interviews["陈静"])
        with db.session(SYSTEM, write=True) as s:
            s.get(Alert, done).acknowledged_at = clock.now()
        yield Office(db, depts, interviews, doctor_a)


def read(office, who, fn, *args, **kwargs):
    with office.db.session(who) as s:
        return fn(s, who, *args, **kwargs)


# --- interviews ---------------------------------------------------------------------------------

def test_the_week_shows_only_interviews_of_the_viewers_departments(office):
    hr_a, everyone = actor(Role.HR_OFFICER, office.depts.a), actor(Role.HR_OFFICER, None)
    mine = read(office, hr_a, overview.interviews_between, *WEEK)
    assert [r.candidate for r in mine.rows] == ["张伟", "陈静", "张伟"]
    assert mine.total == 3
    first = mine.rows[0]
    assert (first.position, first.round, first.room, first.interviewers) == ("内科住院医师", "初试", "行政楼 301",
                                                                            "周红、李伟")
    assert mine.rows[1].room == ""
    assert mine.rows[2].round == "复试"
    all_of_them = read(office, everyone, overview.interviews_between, *WEEK)
    assert [r.candidate for r in all_of_them.rows] == ["张伟", "陈静", "王芳", "张伟"]
    with pytest.raises(PermissionDenied):
        read(office, actor(Role.RECEPTION, None), overview.interviews_between, *WEEK)


def test_the_interview_list_pages_searches_and_sorts(office):
    everyone = actor(Role.DIRECTOR, None)
    page = read(office, everyone, overview.interviews_between, *WEEK, ListQuery(limit=2, offset=2))
    assert ([r.candidate for r in page.rows], page.total, page.offset) == (["王芳", "张伟"], 4, 2)
    assert read(office, everyone, overview.interviews_between, *WEEK, ListQuery(search="王")).total == 1
    by_room = read(office, everyone, overview.interviews_between, *WEEK, ListQuery(sort="room"))
    assert [r.room for r in by_room.rows][-1] == ""                          # no room yet: last
    by_room_desc = read(office, everyone, overview.interviews_between, *WEEK, ListQuery(sort="room",
                                                                                        descending=True))
    assert [r.id for r in by_room_desc.rows] == [r.id for r in by_room.rows][::-1]
    latest_first = read(office, everyone, overview.interviews_between, *WEEK, ListQuery(descending=True))
    assert [r.starts_at for r in latest_first.rows] == sorted((r.starts_at for r in latest_first.rows), reverse=True)


# --- change requests ------------------------------------------------------------------------------

def test_change_requests_are_scoped_filtered_and_paged(office):
    leader_a, everyone = actor(Role.DEPT_LEADER, office.depts.a), actor(Role.PERSONNEL_OFFICE, None)
    mine = read(office, leader_a, overview.change_requests)
    assert ([r.candidate for r in mine.rows], mine.total) == (["张伟", "陈静"], 2)
    approved = read(office, everyone, overview.change_requests, ListQuery(filters={"status": "approved"}))
    assert [r.candidate for r in approved.rows] == ["王芳", "陈静"]
    newest = read(office, everyone, overview.change_requests, ListQuery(descending=True, limit=1))
    assert ([r.candidate for r in newest.rows], newest.total) == (["陈静"], 3)
    assert newest.rows[0].kind == "reschedule" and newest.rows[0].requested_by == "candidate"


# --- outbox ---------------------------------------------------------------------------------------

def recipients(office, who, **query) -> list[str]:
    return [r.recipient for r in read(office, who, overview.outbox, ListQuery(**query)).rows]


def test_outbox_recipients_are_clear_only_where_the_viewer_may_reveal(office):
    assert recipients(office, actor(Role.HR_OFFICER, None)) == ["13800138000", "wangfang@example.cn",
                                                                 "13912345678"]
    # An officer of 内科 sees the whole queue, but 外科's candidate only masked.
    assert recipients(office, actor(Role.HR_OFFICER, office.depts.a)) == ["13800138000", "w***@example.cn",
                                                                           "139****5678"]
    # The IT admin keeps the queue running without seeing whom it writes to.
    assert recipients(office, actor(Role.ADMIN, None)) == ["138****8000", "w***@example.cn", "139****5678"]


def test_the_outbox_is_filtered_and_closed_to_roles_without_it(office):
    admin = actor(Role.ADMIN, None)
    failed = read(office, admin, overview.outbox, ListQuery(filters={"state": "failed"}))
    assert ([r.channel for r in failed.rows], failed.total) == (["email"], 1)
    assert read(office, admin, overview.outbox, ListQuery(filters={"channel": "sms"})).total == 2
    for role in (Role.INTERVIEWER, Role.RECEPTION, Role.DIRECTOR):
        with pytest.raises(PermissionDenied):
            read(office, actor(role, None), overview.outbox)


# --- archive, report, alerts ----------------------------------------------------------------------

def test_the_archive_shows_each_department_its_own_records(office):
    def codes(who, **query):
        return [r.archive_code for r in read(office, who, overview.archive, ListQuery(**query)).rows]

    assert codes(actor(Role.PERSONNEL_OFFICE, None), sort="archive_code") == [
        "WS2026-NK-0001", "WS2026-WK-0001", "WS2026-ZH-0001"]
    assert codes(actor(Role.PERSONNEL_OFFICE, office.depts.a)) == ["WS2026-NK-0001"]
    assert codes(actor(Role.HR_OFFICER, office.depts.b)) == ["WS2026-WK-0001"]
    assert codes(actor(Role.DIRECTOR, None), search="总结") == ["WS2026-ZH-0001"]
    page = read(office, actor(Role.DIRECTOR, None), overview.archive, ListQuery(limit=1, offset=1,
                                                                                 sort="archive_code"))
    assert ([r.archive_code for r in page.rows], page.total) == (["WS2026-WK-0001"], 3)
    for role in (Role.INTERVIEWER, Role.ADMIN, Role.RECEPTION):
        with pytest.raises(PermissionDenied):
            read(office, actor(role, None), overview.archive)


def test_the_recruitment_report_counts_applicants_and_interviews_per_position(office):
    rows = read(office, actor(Role.DEPT_LEADER, office.depts.a), overview.recruitment_report)
    assert [(r.position_code, r.department, r.headcount, r.interviews) for r in rows] == [
        ("NK-01", "内科", 2, 3), ("XNK-01", "心内科", 1, 1)]
    assert rows[0].by_stage["applied"] == 1 and rows[0].by_stage["interviewing"] == 1
    assert sum(rows[0].by_stage.values()) == 2
    everything = read(office, actor(Role.DIRECTOR, None), overview.recruitment_report)
    assert [r.position_code for r in everything] == ["NK-01", "WK-01", "XNK-01"]
    assert everything[1].by_stage["rejected"] == 1
    with pytest.raises(PermissionDenied):
        read(office, actor(Role.INTERVIEWER, None), overview.recruitment_report)


def test_open_alerts_concern_the_viewers_departments_and_the_viewer(office):
    li = office.interviewer_a
    seen = {(a.kind, a.interview_id) for a in read(office, li, overview.open_alerts)}
    assert seen == {("late", office.interviews["张伟"]), ("backup_overdue", None), ("approval_overdue", None)}
    everything = read(office, actor(Role.HR_OFFICER, None), overview.open_alerts)
    assert sorted(a.kind for a in everything) == ["backup_overdue", "late", "late"]   # not others' own alerts
    assert len(read(office, actor(Role.HR_OFFICER, None), overview.open_alerts, limit=1)) == 1
    with pytest.raises(PermissionDenied):
        read(office, actor(Role.RECEPTION, None), overview.open_alerts)
