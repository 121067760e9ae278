"""Who may do what, and where: the permission table walked role by role, and the same rules seen
through the services an HR officer, an interviewer, reception and the IT admin actually use."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from desktop.core import accounts
from desktop.core.errors import PermissionDenied
from desktop.core.model import AuditEntry, Candidate, Position, Role
from desktop.core.permissions import Action, actions_of, allowed, visible_departments
from desktop.core.services import candidates, positions
from desktop.core.services.paging import ListQuery
from desktop.core.storage.database import Actor
from factories import (
    PASSWORD, SYSTEM, actor, add_candidate, add_position, add_user, audit_entries, count, department_tree, id_number,
)

# The intended policy, written out by hand so that any change to the matrix has to change this too.
EXPECTED: dict[Role, set[str]] = {
    Role.ADMIN: {"users.manage", "settings.manage", "departments.manage", "audit.view", "outbox.view",
                 "outbox.retry", "position.view"},
    Role.HR_OFFICER: {"candidate.view", "candidate.create", "candidate.edit", "candidate.delete",
                      "candidate.reveal", "candidate.export", "position.view", "position.edit", "interview.view",
                      "interview.schedule", "change.request", "room_board.view", "check_in.record", "outbox.view",
                      "outbox.retry", "reports.view", "archive.view", "archive.export"},
    Role.INTERVIEWER: {"candidate.view", "position.view", "interview.view", "change.request", "scorecard.submit"},
    Role.DEPT_LEADER: {"candidate.view", "position.view", "interview.view", "approval.decide", "change.request",
                       "scorecard.submit", "reports.view"},
    Role.PERSONNEL_OFFICE: {"candidate.view", "candidate.reveal", "candidate.export", "position.view",
                            "position.edit", "interview.view", "approval.decide", "reports.view", "archive.view",
                            "archive.export", "audit.view"},
    Role.DIRECTOR: {"candidate.view", "position.view", "interview.view", "approval.decide", "scorecard.submit",
                    "reports.view", "archive.view"},
    Role.RECEPTION: {"room_board.view", "check_in.record"},
}
# Actions about the institution as a whole: holding the role in any department is enough.
INSTITUTION_WIDE = {"users.manage", "settings.manage", "departments.manage", "audit.view", "outbox.view",
                    "outbox.retry", "room_board.view", "check_in.record"}

ZHANG = dict(phone="138-0013-8000", email="zhangwei@example.cn", id_number=id_number(date(1990, 3, 7)))


@pytest.fixture
def depts(db):
    return department_tree(db)


# --- the table ------------------------------------------------------------------------------------

def test_every_role_and_action_is_covered_by_the_expected_table():
    assert set(EXPECTED) == set(Role)
    known = {a.value for a in Action}
    for role, granted in EXPECTED.items():
        assert granted <= known, role
    assert INSTITUTION_WIDE <= known


def test_permission_matrix_for_a_role_held_in_one_department(embedded_db):
    """Each role scoped to 内科 (A): its records, those of 心内科 under A, and those of 外科 (B).
    The decision is pure given the department tree, so one backend is enough here."""
    db, depts = embedded_db, department_tree(embedded_db)
    wrong = []
    with db.session() as s:
        for role in Role:
            who = actor(role, depts.a)
            for action in Action:
                granted = action.value in EXPECTED[role]
                everywhere = granted and action.value in INSTITUTION_WIDE
                expected = {"own": granted, "sub": granted, "other": everywhere, "no department": everywhere}
                seen = {"own": allowed(s, who, action, depts.a), "sub": allowed(s, who, action, depts.a_sub),
                        "other": allowed(s, who, action, depts.b), "no department": allowed(s, who, action, None)}
                wrong += [(role.value, action.value, where) for where in expected if expected[where] != seen[where]]
    assert wrong == []


def test_permission_matrix_for_an_institution_wide_grant(embedded_db):
    db, depts = embedded_db, department_tree(embedded_db)
    wrong = []
    with db.session() as s:
        for role in Role:
            who = actor(role, None)
            for action in Action:
                granted = action.value in EXPECTED[role]
                for dept in (depts.a, depts.a_sub, depts.b, None):
                    if allowed(s, who, action, dept) != granted:
                        wrong.append((role.value, action.value, dept))
    assert wrong == []


def test_a_sub_department_grant_does_not_reach_up_to_the_parent(embedded_db):
    db, depts = embedded_db, department_tree(embedded_db)
    who = actor(Role.HR_OFFICER, depts.a_sub)
    with db.session() as s:
        assert allowed(s, who, Action.CANDIDATE_VIEW, depts.a_sub)
        assert not allowed(s, who, Action.CANDIDATE_VIEW, depts.a)
        assert visible_departments(s, who, Action.CANDIDATE_VIEW) == {depts.a_sub}


def test_several_grants_add_up_each_in_its_own_department(embedded_db):
    db, depts = embedded_db, department_tree(embedded_db)
    # HR officer in 内科 who also interviews for 外科.
    who = Actor(user_id=None, username="li", grants=(("hr_officer", depts.a), ("interviewer", depts.b)))
    with db.session() as s:
        assert allowed(s, who, Action.CANDIDATE_EDIT, depts.a)
        assert not allowed(s, who, Action.CANDIDATE_EDIT, depts.b)
        assert allowed(s, who, Action.CANDIDATE_VIEW, depts.b)
        assert not allowed(s, who, Action.CANDIDATE_REVEAL, depts.b)
        assert visible_departments(s, who, Action.CANDIDATE_VIEW) == {depts.a, depts.a_sub, depts.b}
        assert visible_departments(s, who, Action.CANDIDATE_EDIT) == {depts.a, depts.a_sub}
    assert actions_of(who) == {Action(a) for a in EXPECTED[Role.HR_OFFICER] | EXPECTED[Role.INTERVIEWER]}


def test_visible_departments_for_lists(embedded_db):
    db, depts = embedded_db, department_tree(embedded_db)
    with db.session() as s:
        assert visible_departments(s, actor(Role.HR_OFFICER, depts.a), Action.CANDIDATE_VIEW) == {depts.a,
                                                                                                  depts.a_sub}
        assert visible_departments(s, actor(Role.HR_OFFICER, None), Action.CANDIDATE_VIEW) is None
        assert visible_departments(s, actor(Role.RECEPTION, depts.a), Action.CHECK_IN) is None
        with pytest.raises(PermissionDenied) as excinfo:
            visible_departments(s, actor(Role.RECEPTION, depts.a), Action.CANDIDATE_VIEW)
        assert excinfo.value.params["action"] == "candidate.view"
        assert visible_departments(s, SYSTEM, Action.CANDIDATE_VIEW) is None


# --- enforced by the services ---------------------------------------------------------------------

def test_an_interviewer_cannot_create_edit_or_delete_candidates(db, depts):
    cid = add_candidate(db, "张伟", depts.a, **ZHANG)
    interviewer = actor(Role.INTERVIEWER, depts.a)
    before = (count(db, Candidate), count(db, AuditEntry))
    with pytest.raises(PermissionDenied):
        with db.session(interviewer, write=True) as s:
            candidates.create_candidate(s, interviewer, candidates.CandidateInput(name="王芳", department_id=depts.a))
    with db.session(interviewer) as s:
        detail = candidates.get_candidate(s, interviewer, cid)
    with pytest.raises(PermissionDenied):
        with db.session(interviewer, write=True) as s:
            candidates.update_candidate(s, interviewer, cid, replace(detail.data, school="北京大学", phone="",
                                                                     email="", id_number=""), detail.version)
    with pytest.raises(PermissionDenied):
        with db.session(interviewer, write=True) as s:
            candidates.delete_candidate(s, interviewer, cid, detail.version)
    with pytest.raises(PermissionDenied):
        with db.session(interviewer, write=True) as s:
            candidates.get_for_edit(s, interviewer, cid)
    assert (count(db, Candidate), count(db, AuditEntry)) == before
    assert detail.can_edit is False and detail.can_reveal is False


def test_an_hr_officer_sees_and_changes_only_candidates_of_their_departments(db, depts):
    own = add_candidate(db, "张伟", depts.a, **ZHANG)
    sub = add_candidate(db, "赵敏", depts.a_sub)
    other = add_candidate(db, "王芳", depts.b, phone="13912345678")
    add_candidate(db, "无部门", None)
    hr = actor(Role.HR_OFFICER, depts.a)

    with db.session(hr, write=True) as s:     # the tail search is audited
        page = candidates.list_candidates(s, hr, ListQuery(sort="name"))
        assert {r.id for r in page.rows} == {own, sub}
        assert page.total == 2
        assert candidates.list_candidates(s, hr, ListQuery(search="王芳")).total == 0
        assert candidates.list_candidates(s, hr, ListQuery(search="5678")).total == 0
        assert candidates.get_candidate(s, hr, sub).department == "心内科"
        with pytest.raises(PermissionDenied):
            candidates.get_candidate(s, hr, other)

    audit_before = count(db, AuditEntry)
    with pytest.raises(PermissionDenied):
        with db.session(hr, write=True) as s:
            candidates.create_candidate(s, hr, candidates.CandidateInput(name="李娜", department_id=depts.b))
    with pytest.raises(PermissionDenied):
        with db.session(hr, write=True) as s:
            candidates.reveal(s, hr, other, "phone")
    with pytest.raises(PermissionDenied):   # moving a candidate into another department
        with db.session(hr, write=True) as s:
            data, version = candidates.get_for_edit(s, hr, own)
            candidates.update_candidate(s, hr, own, replace(data, department_id=depts.b), version)
    assert count(db, AuditEntry) == audit_before
    with db.session() as s:
        assert s.get(Candidate, own).department_id == depts.a

    with db.session(hr, write=True) as s:
        created = candidates.create_candidate(s, hr, candidates.CandidateInput(name="李娜", department_id=depts.a_sub))
    assert created


def test_reception_and_admin_cannot_open_the_candidate_list(db, depts):
    add_candidate(db, "张伟", depts.a, **ZHANG)
    for role in (Role.RECEPTION, Role.ADMIN):
        who = actor(role, None)
        with db.session(who) as s:
            with pytest.raises(PermissionDenied):
                candidates.list_candidates(s, who, ListQuery())
    reception = actor(Role.RECEPTION, None)
    with db.session(reception) as s:
        with pytest.raises(PermissionDenied):
            positions.list_positions(s, reception, ListQuery())


def test_the_admin_manages_accounts_but_cannot_see_personal_data(db, depts):
    cid = add_candidate(db, "张伟", depts.a, **ZHANG)
    admin = actor(Role.ADMIN, None, username="it_admin")
    with db.session(admin, write=True) as s:
        made = accounts.add_user(s, admin, username="wangfang", display_name="王芳", password=PASSWORD,
                                 roles=[(Role.HR_OFFICER, depts.a)], department_id=depts.a)
    assert made.roles == (("hr_officer", "内科"),)
    with db.session(admin) as s:
        assert [u.username for u in accounts.list_users(s, admin)] == ["wangfang"]
    audit_before = count(db, AuditEntry)
    for field in ("phone", "email", "id_number", "birth_date"):
        with pytest.raises(PermissionDenied):
            with db.session(admin, write=True) as s:
                candidates.reveal(s, admin, cid, field)
    assert count(db, AuditEntry) == audit_before

    hr = actor(Role.HR_OFFICER, None)
    with pytest.raises(PermissionDenied):
        with db.session(hr, write=True) as s:
            accounts.add_user(s, hr, username="lina", display_name="李娜", password=PASSWORD,
                              roles=[(Role.ADMIN, None)])
    with db.session(hr) as s:
        with pytest.raises(PermissionDenied):
            accounts.list_users(s, hr)


def test_positions_are_edited_only_by_roles_that_own_them_in_that_department(db, depts):
    pid = add_position(db, depts.b, "WK-01", "外科住院医师")
    hr_a, interviewer = actor(Role.HR_OFFICER, depts.a), actor(Role.INTERVIEWER, None)
    with pytest.raises(PermissionDenied):
        with db.session(hr_a, write=True) as s:
            positions.create_position(s, hr_a, positions.PositionInput("WK-02", "外科护士", depts.b))
    with pytest.raises(PermissionDenied):
        with db.session(interviewer, write=True) as s:
            positions.create_position(s, interviewer, positions.PositionInput("NK-02", "内科护士", depts.a))
    with db.session(hr_a) as s:
        with pytest.raises(PermissionDenied):
            positions.get_position(s, hr_a, pid)
        assert positions.list_positions(s, hr_a, ListQuery()).total == 0
    with db.session(interviewer) as s:
        detail = positions.get_position(s, interviewer, pid)
        assert detail.can_edit is False
    with pytest.raises(PermissionDenied):
        with db.session(interviewer, write=True) as s:
            positions.update_position(s, interviewer, pid, replace(detail.data, headcount=3), detail.version)
    with db.session() as s:
        assert s.scalar(select(Position.headcount).where(Position.id == pid)) == 1
        assert s.scalar(select(Position.id).where(Position.code == "WK-02")) is None


def test_a_logged_in_officer_is_held_to_the_departments_of_their_roles(db, depts):
    add_candidate(db, "张伟", depts.a, **ZHANG)
    add_candidate(db, "王芳", depts.b)
    add_user(db, "zhaomin", [(Role.HR_OFFICER, depts.b)], department_id=depts.b)
    me = accounts.login(db, "zhaomin", PASSWORD).actor
    assert me.grants == (("hr_officer", depts.b),)
    with db.session(me) as s:
        assert [r.name for r in candidates.list_candidates(s, me, ListQuery()).rows] == ["王芳"]


# --- masking and audited reveal ----------------------------------------------------------------------

def test_an_interviewer_sees_contact_details_and_id_number_masked(db, depts):
    cid = add_candidate(db, "张伟", depts.a, **ZHANG)
    interviewer = actor(Role.INTERVIEWER, depts.a)
    with db.session(interviewer) as s:
        [row] = candidates.list_candidates(s, interviewer, ListQuery()).rows
        detail = candidates.get_candidate(s, interviewer, cid)
    assert row.phone == "138****8000"
    assert detail.data.phone == "138****8000"
    assert detail.data.email == "z***@example.cn"
    assert detail.data.id_number == "110***********" + ZHANG["id_number"][-4:]
    assert detail.birth_date == "****-**-**"
    assert detail.masked == {"phone", "email", "id_number", "birth_date"}


def test_an_hr_officer_sees_the_phone_in_clear_and_the_id_number_only_when_revealed(db, depts):
    cid = add_candidate(db, "张伟", depts.a, **ZHANG)
    hr = actor(Role.HR_OFFICER, depts.a, username="wangfang")
    with db.session(hr) as s:
        [row] = candidates.list_candidates(s, hr, ListQuery()).rows
        detail = candidates.get_candidate(s, hr, cid)
    assert row.phone == "13800138000"
    assert (detail.data.phone, detail.data.email) == ("13800138000", "zhangwei@example.cn")
    assert detail.data.id_number != ZHANG["id_number"]
    assert detail.masked == {"id_number", "birth_date"}
    assert detail.can_reveal and detail.can_edit
    assert audit_entries(db, action="reveal") == []      # looking at the masked detail is not a reveal

    with db.session(hr, write=True) as s:
        assert candidates.reveal(s, hr, cid, "id_number") == ZHANG["id_number"]
        assert candidates.reveal(s, hr, cid, "birth_date") == "1990-03-07"
    revealed = audit_entries(db, action="reveal")
    assert [(e.entity, e.entity_id, e.actor_name, e.changes) for e in revealed] == [
        ("Candidate", str(cid), "wangfang", {"field": "id_number"}),
        ("Candidate", str(cid), "wangfang", {"field": "birth_date"}),
    ]
    assert ZHANG["id_number"] not in str([e.changes for e in revealed])   # the entry names the field, not the value


def test_a_reveal_is_recorded_in_the_same_transaction(db, depts):
    """If the unit of work that revealed fails, the reveal entry disappears with it, and while it is
    open the entry is already there: the value is never shown without its record."""
    cid = add_candidate(db, "张伟", depts.a, **ZHANG)
    hr = actor(Role.HR_OFFICER, depts.a)
    with pytest.raises(RuntimeError):
        with db.session(hr, write=True) as s:
            candidates.reveal(s, hr, cid, "phone")
            assert s.scalar(select(AuditEntry.action).order_by(AuditEntry.seq.desc()).limit(1)) == "reveal"
            raise RuntimeError("the screen failed to open")
    assert audit_entries(db, action="reveal") == []


def test_a_reveal_without_permission_records_nothing_and_is_refused(db, depts):
    cid = add_candidate(db, "张伟", depts.a, **ZHANG)
    before = count(db, AuditEntry)
    for who in (actor(Role.INTERVIEWER, depts.a), actor(Role.DEPT_LEADER, depts.a), actor(Role.DIRECTOR, None)):
        with pytest.raises(PermissionDenied):
            with db.session(who, write=True) as s:
                candidates.reveal(s, who, cid, "id_number")
    assert count(db, AuditEntry) == before


def test_personnel_office_may_reveal_but_not_edit(db, depts):
    cid = add_candidate(db, "张伟", depts.a, **ZHANG)
    office = actor(Role.PERSONNEL_OFFICE, None)
    with db.session(office, write=True) as s:
        assert candidates.reveal(s, office, cid, "email") == "zhangwei@example.cn"
        with pytest.raises(PermissionDenied):
            candidates.get_for_edit(s, office, cid)


def test_opening_the_edit_form_counts_as_a_reveal(db, depts):
    cid = add_candidate(db, "张伟", depts.a, **ZHANG)
    hr = actor(Role.HR_OFFICER, depts.a)
    with db.session(hr, write=True) as s:
        data, version = candidates.get_for_edit(s, hr, cid)
    assert (data.id_number, data.phone, version) == (ZHANG["id_number"], "13800138000", 1)
    assert [e.changes for e in audit_entries(db, action="reveal")] == [{"field": "edit_form"}]
