"""`db check` compares every audited record with what the audit log last recorded for it: rows
changed, deleted or inserted behind the program's back are named; a database used normally (book,
change, approve) passes. On the encrypted file and on PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import delete, insert, select, text, update

from desktop.core.model import (
    ArchiveRecord, AuditEntry, Candidate, ChangeKind, Channel, Interview, InterviewMode, Party, Role, RoleGrant, User,
    Verdict,
)
from desktop.core.reconcile import reconcile
from desktop.core.delivery import outbox
from desktop.core.scheduling import attendance, booking, calendar_files, chains, changes, inbox, reminders
from desktop.core.services import candidates
from desktop.core.storage import health
from factories import SYSTEM, id_number
from scheduling_world import STORY_DAY, build, local


@pytest.fixture
def world(db, clock):
    clock.set(local(STORY_DAY, 8, 0))
    return build(db)


def _findings(db):
    with db.session() as s:
        return reconcile(s)


def _book_change_approve(world, clock) -> int:
    """A day's work through the services: book, move it by a change request, the chain approves."""
    db, w = world.db, world
    with db.session(w.hr, write=True) as s:
        booked = booking.book(s, w.hr, booking.BookingInput(
            application_id=w.applications[0], round_id=w.round1, starts_at=local(STORY_DAY, 10, 0),
            duration_minutes=30, mode=InterviewMode.ONSITE, room_id=w.room, interviewer_ids=(w.wang.user_id,)))
    clock.advance(timedelta(minutes=10))
    with db.session(w.hr, write=True) as s:
        request = changes.request_change(s, w.hr, changes.ChangeInput(
            interview_id=booked.interview_id, kind=ChangeKind.RESCHEDULE, party=Party.CANDIDATE, reason="候选人申请改期",
            starts_at=local(STORY_DAY, 15, 0), room_id=w.room))
    for step, (approver, verdict) in enumerate(((w.leader, Verdict.APPROVED), (w.personnel, Verdict.FILED),
                                                (w.director, Verdict.CONFIRMED)), start=1):
        clock.advance(timedelta(minutes=5))
        with db.session(approver, write=True) as s:
            changes.decide(s, approver, request.change_request_id, verdict, "同意", expected_step=step)
    with db.session() as s:
        assert s.get(Interview, booked.interview_id).starts_at == local(STORY_DAY, 15, 0)
    return booked.interview_id


def test_a_normal_day_of_work_then_db_check_passes(world, clock):
    _book_change_approve(world, clock)
    number = id_number(date(1994, 5, 17))
    data = candidates.CandidateInput(name="周晓梅", phone="13912345678", email="zhouxm@example.cn", id_number=number)
    with world.db.session(SYSTEM, write=True) as s:
        cid = candidates.create_candidate(s, SYSTEM, data)
    with world.db.session(SYSTEM, write=True) as s:
        version = candidates.get_for_edit(s, SYSTEM, cid)[1]
        candidates.update_candidate(s, SYSTEM, cid, data.__class__(**{**data.__dict__, "phone": "13800001111"}),
                                    version)
    report = _findings(world.db)
    assert report.findings == ()
    assert report.rows > 30 and report.not_comparable == 0
    checked = health.check(world.db)
    assert checked.ok, checked.problems
    assert checked.reconciliation == report


def test_editing_the_default_chain_twice_records_every_step_it_removes(world):
    """Replacing a chain's steps deletes the old ones as orphans of the chain: each deletion is
    recorded, and the shipped default chain, now changed in Settings, still compares."""
    w = world
    admin = w.director.__class__.command_line()
    with w.db.session(admin) as s:
        default = next(c for c in chains.list_chains(s, admin) if c.data.department_id is None)
    for steps in ((chains.StepInput("approve", "dept_leader", None, 60, None),
                   chains.StepInput("file", "personnel_office", None, 120, None)),
                  (chains.StepInput("approve", "dept_leader", None, 30, None),)):
        with w.db.session(admin, write=True) as s:
            chains.save_chain(s, admin, chains.ChainInput("默认审批链（调整）", None, None, True, steps), default.id)
    with w.db.session() as s:
        deleted = s.scalars(select(AuditEntry.entity_id).where(AuditEntry.entity == "ApprovalStep",
                                                               AuditEntry.action == "delete")).all()
    assert len(deleted) == 5           # the three shipped steps, then the two of the first edit
    assert _findings(w.db).findings == ()


def test_a_day_at_the_desk_then_db_check_passes(world, clock):
    """Confirmation, the reminder engine's alerts, check-in, the interviewer's start and finish,
    messages delivered (the outbox's own bookkeeping) and failed then retried by HR: nothing of it
    shows as changed behind the program's back."""
    w = world
    iid = _book_change_approve(w, clock)
    with w.db.session(w.hr, write=True) as s:
        attendance.record_confirmation(s, w.hr, iid, Channel.PHONE, note="电话确认")
    clock.set(local(STORY_DAY, 15, 12))
    with w.db.session(write=True) as s:
        assert reminders.evaluate(s).kinds
    with w.db.session(w.reception, write=True) as s:
        attendance.check_in(s, w.reception, iid)
    with w.db.session(w.wang, write=True) as s:
        attendance.mark_started(s, w.wang, iid)
    clock.advance(timedelta(minutes=30))
    with w.db.session(w.wang, write=True) as s:
        attendance.mark_finished(s, w.wang, iid)
    with w.db.session(write=True) as s:
        [first] = outbox.claim(s, "desk", "email", 100)     # one at a time per recipient: in order
        outbox.mark_sent(s, first, outbox.Delivered("<m-1@example.cn>"))
    with w.db.session(write=True) as s:
        [second] = outbox.claim(s, "desk", "email", 100)
        outbox.mark_failed(s, second, outbox.PermanentFailure("收件人被邮件服务器拒绝（550）"))
    with w.db.session(w.hr, write=True) as s:
        inbox.retry_outbox(s, w.hr, second.id)
        inbox.acknowledge(s, w.hr, inbox.my_alerts(s, w.hr)[0].id)
    assert _findings(w.db).findings == ()


def test_importing_a_calendar_file_again_leaves_no_unrecorded_deletion(world):
    """A newer export of the same calendar replaces the busy times of the older one: each removed
    row is deleted with an entry, so db check finds nothing missing."""
    w = world
    day = local(STORY_DAY, 13, 0)
    first = [calendar_files.Busy(day + timedelta(days=n), day + timedelta(days=n, hours=1), "外出") for n in range(3)]
    with w.db.session(w.hr, write=True) as s:
        calendar_files.import_busy(s, w.hr, first, "王主任.ics", user_id=w.wang.user_id)
    with w.db.session(w.hr, write=True) as s:
        assert calendar_files.import_busy(s, w.hr, first[:1], "王主任.ics", user_id=w.wang.user_id).removed == 3
    assert _findings(w.db).findings == ()


# --- changes behind the program's back ------------------------------------------------------------

def move_interview_three_hours(world, ids):
    table = Interview.__table__
    with world.db.engine.begin() as conn:
        starts = conn.execute(select(table.c.starts_at).where(table.c.id == ids["interview"])).scalar_one()
        conn.execute(update(table).where(table.c.id == ids["interview"]).values(starts_at=starts + timedelta(hours=3)))
    return [("Interview", str(ids["interview"]), "differs", ("starts_at",))]


def rename_candidate_and_change_id_number(world, ids):
    table = Candidate.__table__
    with world.db.engine.begin() as conn:
        conn.execute(update(table).where(table.c.id == ids["candidate"])
                     .values(name="李四", id_number=id_number(date(1980, 1, 2))))
    return [("Candidate", str(ids["candidate"]), "differs", ("name", "id_number"))]


def delete_archive_record(world, ids):
    with world.db.engine.begin() as conn:
        conn.execute(delete(ArchiveRecord.__table__).where(ArchiveRecord.__table__.c.id == ids["archive"]))
    return [("ArchiveRecord", str(ids["archive"]), "missing", ())]


def grant_admin_to_reception(world, ids):
    table = RoleGrant.__table__
    with world.db.engine.begin() as conn:
        grant = conn.execute(insert(table).values(user_id=world.reception.user_id, role="admin", department_id=None)
                             .returning(table.c.id)).scalar_one()
    return [("RoleGrant", str(grant), "no_history", ())]


def set_a_known_password_hash(world, ids):
    table = User.__table__
    with world.db.engine.begin() as conn:
        conn.execute(update(table).where(table.c.id == world.reception.user_id)
                     .values(password_hash="$argon2id$v=19$m=65536,t=3,p=4$forged"))
    return [("User", str(world.reception.user_id), "differs", ("password_hash",))]


TAMPERING = [move_interview_three_hours, rename_candidate_and_change_id_number, delete_archive_record,
             grant_admin_to_reception, set_a_known_password_hash]


@pytest.mark.parametrize("tamper", TAMPERING, ids=[t.__name__ for t in TAMPERING])
def test_a_row_changed_behind_the_programs_back_is_named(world, clock, tamper):
    interview = _book_change_approve(world, clock)
    number = id_number(date(1994, 5, 17))
    with world.db.session(SYSTEM, write=True) as s:
        cid = candidates.create_candidate(s, SYSTEM, candidates.CandidateInput(
            name="周晓梅", phone="13912345678", email="zhouxm@example.cn", id_number=number))
        record = ArchiveRecord(archive_code="WS-2026-0001", title="周晓梅 面试档案", created_at=clock.now())
        s.add(record)
        s.flush()
        archive = record.id
    assert _findings(world.db).ok and health.check(world.db).ok

    expected = tamper(world, {"interview": interview, "candidate": cid, "archive": archive})

    report = _findings(world.db)
    assert [(f.entity, f.record, f.problem, f.fields) for f in report.findings] == expected
    checked = health.check(world.db)
    assert "records_differ" in checked.problems and "audit_chain" not in checked.problems
    assert checked.reconciliation == report


def test_old_entries_without_digests_are_not_comparable_never_equal(world, clock):
    """An entry written before digests existed keeps only the mask: a changed ID number with the
    same last four digits cannot be told apart, and is reported as not comparable; one whose mask
    differs is a difference."""
    number = id_number(date(1994, 5, 17))
    with world.db.session(SYSTEM, write=True) as s:
        cid = candidates.create_candidate(s, SYSTEM, candidates.CandidateInput(name="周晓梅", id_number=number))
    with world.db.engine.begin() as conn:    # as an older program wrote it: no digests in the entry
        row = conn.execute(select(AuditEntry.__table__).where(AuditEntry.entity == "Candidate",
                                                              AuditEntry.entity_id == str(cid))).one()
        changes = {k: v for k, v in row.changes.items() if k != "digests"}
        conn.execute(update(AuditEntry.__table__).where(AuditEntry.id == row.id).values(changes=changes))
    report = _findings(world.db)
    assert report.ok and report.not_comparable == 1
    assert report.not_comparable_records == (f"Candidate #{cid}",)

    with world.db.engine.begin() as conn:
        conn.execute(update(Candidate.__table__).where(Candidate.__table__.c.id == cid)
                     .values(id_number="9" + number[1:]))     # same mask: not comparable, not "equal"
    assert _findings(world.db).not_comparable == 1
    with world.db.engine.begin() as conn:
        conn.execute(update(Candidate.__table__).where(Candidate.__table__.c.id == cid)
                     .values(id_number=number[:-4] + "0000"))  # the mask shows it
    report = _findings(world.db)
    assert [(f.entity, f.problem, f.fields) for f in report.findings] == [("Candidate", "differs", ("id_number",))]


def test_a_new_database_passes(db):
    """Only the schema's own rows (the default approval chain) and nothing else: nothing to report."""
    report = _findings(db)
    assert report.ok and report.rows == 4       # the shipped chain and its three steps
    assert health.check(db).ok


def test_a_column_newer_than_the_entries_is_not_comparable_unless_derived(world, clock):
    """Entries written before a schema upgrade added a column do not know it: its value cannot be
    compared (and is counted so), except a search key derived from the record's other values."""
    with world.db.session(SYSTEM, write=True) as s:
        cid = candidates.create_candidate(s, SYSTEM, candidates.CandidateInput(name="周晓梅", phone="13912345678"))
    with world.db.engine.begin() as conn:    # as entries from before 0002 (phone_tail) and 0001's school look
        row = conn.execute(select(AuditEntry.__table__).where(AuditEntry.entity == "Candidate",
                                                              AuditEntry.entity_id == str(cid))).one()
        after = {k: v for k, v in row.changes["after"].items() if k != "phone_tail"}
        conn.execute(update(AuditEntry.__table__).where(AuditEntry.id == row.id)
                     .values(changes={**row.changes, "after": after}))
    assert _findings(world.db).not_comparable == 0          # phone_tail is derived from the phone
    with world.db.engine.begin() as conn:
        row = conn.execute(select(AuditEntry.__table__).where(AuditEntry.id == row.id)).one()
        after = {k: v for k, v in row.changes["after"].items() if k != "school"}
        conn.execute(update(AuditEntry.__table__).where(AuditEntry.id == row.id)
                     .values(changes={**row.changes, "after": after}))
    report = _findings(world.db)
    assert report.ok and report.not_comparable == 1 and report.not_comparable_records == (f"Candidate #{cid}",)


def test_the_demo_hospital_passes(db):
    """Every kind of record the demo writes (scorecards with decimal weights included) compares."""
    from desktop.core import demo
    demo.populate(db, seed=3, candidates=40, interviews=10)
    report = _findings(db)
    assert report.findings == () and report.rows > 300
