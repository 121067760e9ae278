"""Positions (岗位) as HR sets them up, on both backends: checks on entry, unique codes, the three
default interview rounds, the paged list, and editing with conflict detection."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from desktop.core.clock import ManualClock
from desktop.core.errors import DuplicateRecord, StaleWrite, ValidationFailed
from desktop.core.model import ApplicationStage, AuditEntry, Position, Round
from desktop.core.model.recruiting import EDUCATION_RANK, Education
from desktop.core.services import positions
from desktop.core.services.paging import ListQuery
from desktop.core.services.positions import PositionInput
from factories import (
    START, SYSTEM, add_application, add_candidate, add_position, audit_entries, count, department_tree,
    shared_database,
)

HR = SYSTEM   # who may edit positions is tested in test_permissions.py


def create(db, data: PositionInput) -> int:
    with db.session(HR, write=True) as s:
        return positions.create_position(s, HR, data)


def detail(db, pid: int) -> positions.PositionDetail:
    with db.session(HR) as s:
        return positions.get_position(s, HR, pid)


def listed(db, **query) -> tuple[list[str], int]:
    with db.session(HR) as s:
        page = positions.list_positions(s, HR, ListQuery(**query))
    return [r.code for r in page.rows], page.total


# --- creating -------------------------------------------------------------------------------------

def test_a_new_position_gets_the_three_standard_interview_rounds(db):
    depts = department_tree(db)
    pid = create(db, PositionInput(code=" nk-01 ", title=" 内科住院医师 ", department_id=depts.a, headcount=2,
                                   education="master", skills="临床经验，沟通；英语、 科研 ,",
                                   opened_on=date(2026, 11, 1), closes_on=date(2026, 12, 31)))
    shown = detail(db, pid)
    assert [(r.sequence, r.name, r.kind) for r in shown.rounds] == [
        (1, "初试", "hr"), (2, "复试", "business"), (3, "终试", "leadership")]
    assert (shown.data.code, shown.data.title, shown.department) == ("NK-01", "内科住院医师", "内科")
    assert shown.data.skills == "临床经验, 沟通, 英语, 科研"
    assert (shown.version, shown.applicants_by_stage) == (1, {})
    assert count(db, Round) == 3
    [created] = audit_entries(db, action="create", entity="Position")
    assert created.changes["after"]["code"] == "NK-01"


def test_every_problem_of_a_position_is_reported_at_once_and_nothing_is_written(db):
    depts = department_tree(db)
    before = (count(db, Position), count(db, Round), count(db, AuditEntry))
    with pytest.raises(ValidationFailed) as excinfo:
        create(db, PositionInput(code="内科-1", title=" ", department_id=None, headcount=0, min_years=51,
                                 education="phd", status="hiring",
                                 opened_on=date(2026, 12, 1), closes_on=date(2026, 11, 30)))
    assert excinfo.value.problems == {"code": "code_format", "title": "required", "department_id": "required",
                                      "headcount": "range", "min_years": "range", "education": "choice",
                                      "status": "choice", "closes_on": "before_opening"}
    with pytest.raises(ValidationFailed) as excinfo:
        create(db, PositionInput(code="", title="岗" * 121, department_id=depts.a, headcount=1000))
    assert excinfo.value.problems == {"code": "required", "title": "too_long", "headcount": "range"}
    assert (count(db, Position), count(db, Round), count(db, AuditEntry)) == before
    # Closing on the day it opens is fine.
    create(db, PositionInput(code="NK-01", title="内科护士", department_id=depts.a,
                             opened_on=date(2026, 12, 1), closes_on=date(2026, 12, 1)))


def test_position_codes_are_unique_whatever_the_case(db):
    depts = department_tree(db)
    create(db, PositionInput(code="NK-01", title="内科住院医师", department_id=depts.a))
    other = create(db, PositionInput(code="WK-01", title="外科住院医师", department_id=depts.b))
    before = count(db, AuditEntry)
    with pytest.raises(DuplicateRecord) as excinfo:
        create(db, PositionInput(code="nk-01", title="内科护士", department_id=depts.a))
    assert excinfo.value.params["field"] == "code"
    shown = detail(db, other)
    with pytest.raises(DuplicateRecord):
        with db.session(HR, write=True) as s:
            positions.update_position(s, HR, other, replace(shown.data, code="NK-01"), shown.version)
    assert count(db, Position) == 2
    assert count(db, AuditEntry) == before
    assert detail(db, other).data.code == "WK-01"


# --- editing --------------------------------------------------------------------------------------

def test_editing_a_position_bumps_its_version_and_is_audited(db, clock):
    depts = department_tree(db)
    pid = create(db, PositionInput(code="NK-01", title="内科住院医师", department_id=depts.a))
    shown = detail(db, pid)
    clock.advance(timedelta(days=1))
    with db.session(HR, write=True) as s:
        assert positions.update_position(s, HR, pid, replace(shown.data, code="NK-01", headcount=3,
                                                             status="paused"), shown.version) == 2
    again = detail(db, pid)
    assert (again.version, again.data.headcount, again.data.status, again.updated_at) == (2, 3, "paused",
                                                                                           clock.now())
    [update] = audit_entries(db, action="update", entity="Position")
    assert update.changes["headcount"] == {"before": 1, "after": 3}
    assert update.changes["status"] == {"before": "open", "after": "paused"}


def test_an_edit_made_on_an_old_version_of_a_position_is_refused(db):
    depts = department_tree(db)
    pid = create(db, PositionInput(code="NK-01", title="内科住院医师", department_id=depts.a))
    seen_by_both = detail(db, pid)
    with db.session(HR, write=True) as s:
        positions.update_position(s, HR, pid, replace(seen_by_both.data, headcount=2), seen_by_both.version)
    with pytest.raises(StaleWrite):
        with db.session(HR, write=True) as s:
            positions.update_position(s, HR, pid, replace(seen_by_both.data, headcount=5, title="改名"),
                                      seen_by_both.version)
    now = detail(db, pid)
    assert (now.version, now.data.headcount, now.data.title) == (2, 2, "内科住院医师")
    with pytest.raises(ValidationFailed) as excinfo:
        with db.session(HR, write=True) as s:
            positions.update_position(s, HR, pid, replace(now.data, opened_on=date(2027, 1, 2),
                                                          closes_on=date(2027, 1, 1)), now.version)
    assert excinfo.value.problems == {"closes_on": "before_opening"}
    assert detail(db, pid).version == 2


# --- the list -------------------------------------------------------------------------------------

@pytest.fixture(scope="module", params=["sqlcipher", "postgresql"])
def openings(request, tmp_path_factory, pg_template):
    """Five positions in three departments with applicants, seeded once per backend and only read."""
    clock = ManualClock(START)
    with shared_database(request.param, tmp_path_factory.mktemp("positions"), pg_template, clock) as db:
        depts = department_tree(db)
        made = {}
        for code, title, dept, fields in (
                ("NK-02", "内科护士", depts.a, dict(headcount=3, education="bachelor", min_years=2,
                                                    closes_on=date(2026, 12, 31))),
                ("WK-01", "外科住院医师", depts.b, dict(headcount=1, education="master", min_years=3,
                                                        status="paused")),
                ("NK-01", "内科住院医师", depts.a, dict(headcount=2, education="doctorate", min_years=3,
                                                        closes_on=date(2026, 12, 15))),
                ("XNK-01", "心内科护士", depts.a_sub, dict(headcount=3, education="associate", min_years=0,
                                                         closes_on=date(2026, 12, 31), status="closed")),
                ("WK-02", "外科护士长", depts.b, dict(headcount=1, education="bachelor", min_years=10))):
            made[code] = add_position(db, dept, code, title, **fields)
            clock.advance(timedelta(minutes=1))
        for i, stage in enumerate((ApplicationStage.APPLIED, ApplicationStage.APPLIED, ApplicationStage.INTERVIEWING)):
            cid = add_candidate(db, f"应聘者{i}", depts.a)
            add_application(db, cid, made["NK-01"], stage)
        yield db, depts, made


def test_the_position_list_pages_searches_and_filters(openings):
    db, _, made = openings
    first, total = listed(db, sort="code", limit=2)
    second, _ = listed(db, sort="code", limit=2, offset=2)
    third, _ = listed(db, sort="code", limit=2, offset=4)
    assert (first, second, third, total) == (["NK-01", "NK-02"], ["WK-01", "WK-02"], ["XNK-01"], 5)
    assert listed(db, search="nk-0") == (["NK-01", "NK-02"], 2)          # code prefix, any case
    assert listed(db, search="护士") == (["NK-02", "WK-02", "XNK-01"], 3)  # words in the title
    assert listed(db, search="住院医师", filters={"status": "open"}) == (["NK-01"], 1)
    with db.session(HR) as s:
        rows = {r.code: r for r in positions.list_positions(s, HR, ListQuery()).rows}
    assert rows["NK-01"].applicants == 3 and rows["NK-02"].applicants == 0
    assert rows["XNK-01"].department == "心内科"
    assert detail(db, made["NK-01"]).applicants_by_stage == {"applied": 2, "interviewing": 1}


def test_every_sortable_position_column_sorts_both_ways(openings):
    db, depts, _ = openings
    with db.session() as s:
        rows = list(s.execute(select(Position.id, Position.code, Position.title, Position.department_id,
                                     Position.headcount, Position.education, Position.min_years, Position.status,
                                     Position.closes_on, Position.updated_at)))
    names = {depts.a: "内科", depts.a_sub: "心内科", depts.b: "外科"}
    meaning = {
        "code": lambda p: p.code, "title": lambda p: p.title, "department": lambda p: names[p.department_id],
        "headcount": lambda p: p.headcount, "education": lambda p: EDUCATION_RANK[Education(p.education)],
        "min_years": lambda p: p.min_years, "status": lambda p: p.status.value,
        "closes_on": lambda p: (p.closes_on is None, p.closes_on or date.min),   # no closing date: last
        "updated_at": lambda p: p.updated_at,
    }
    assert set(meaning) == set(positions.SORTS)
    wrong = {}
    for column, key in meaning.items():
        ascending = [p.code for p in sorted(rows, key=lambda p: (key(p), p.id))]
        for descending, expected in ((False, ascending), (True, ascending[::-1])):
            got, _ = listed(db, sort=column, descending=descending)
            if got != expected:
                wrong[(column, descending)] = (got, expected)
    assert wrong == {}
    assert listed(db, sort="closes_on")[0][-2:] == ["WK-01", "WK-02"]
