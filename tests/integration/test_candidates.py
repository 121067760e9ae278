"""The candidate register as an HR officer uses it, on both backends: entering people, finding them
again by name, phone tail, e-mail or ID number, paging and sorting, editing with conflict detection,
and deleting."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from desktop.core.errors import StaleWrite, ValidationFailed
from desktop.core.model import AuditEntry, Candidate
from desktop.core.model.recruiting import EDUCATION_RANK, Education
from desktop.core.services import candidates, paging
from desktop.core.services.candidates import CandidateInput
from desktop.core.services.paging import MAX_PAGE, ListQuery
from desktop.core.clock import ManualClock
from desktop.core.sortkeys import name_sort_key
from factories import (
    SYSTEM, START, add_application, add_candidate, add_position, audit_entries, count, department_tree, id_number,
    shared_database,
)

HR = SYSTEM   # the register's behaviour; who may use it is tested in test_permissions.py
ZHANG_ID = id_number(date(1990, 3, 7))
WANG_ID = id_number(date(1988, 11, 23), sequence="004")   # check digit X
assert WANG_ID.endswith("X")   # so that a lower-case x is exercised


def listed(db, **query) -> tuple[list[str], int]:
    with db.session(HR, write=True) as s:     # searches by phone or ID number are audited
        page = candidates.list_candidates(s, HR, ListQuery(**query))
    return [r.name for r in page.rows], page.total


def stored(db, cid: int):
    with db.session() as s:
        c = s.get(Candidate, cid)
        return (c.name, c.school, c.phone, c.phone_tail, c.email, c.id_number, c.birth_date, c.version,
                c.updated_at, c.consent_date)


def seed_register(db, clock):
    """Seven people in three departments, entered a minute apart, with ties in several columns."""
    depts = department_tree(db)
    people = [
        ("张伟", dict(gender="male", phone="138-0013-8000", email="zhangwei@example.cn", id_number=ZHANG_ID,
                     education="master", school="北京大学", years_experience=5, source_channel="官网",
                     department_id=depts.a)),
        ("王芳", dict(gender="female", phone="+86 139 1234 5678", email="WangFang@Example.cn", id_number=WANG_ID,
                     education="bachelor", school="复旦大学", years_experience=3, source_channel="招聘会",
                     department_id=depts.b)),
        ("张敏", dict(gender="female", phone="13700008000", education="doctorate", school="北京大学",
                     years_experience=3, source_channel="官网", department_id=depts.a_sub)),
        ("李娜", dict(gender="female", phone="13612345678", email="lina@example.cn", education="associate",
                     school="浙江大学", years_experience=0, source_channel="内推", department_id=None)),
        ("刘洋", dict(gender="male", email="liuyang@example.cn", education="master", school="复旦大学",
                     years_experience=10, source_channel="官网", department_id=depts.b)),
        ("陈静", dict(education="secondary", school="", years_experience=1, department_id=depts.a)),
        ("Anna Li", dict(gender="female", phone="010-6512 3456", education="bachelor", school="Peking University",
                         years_experience=3, source_channel="官网", department_id=depts.a)),
    ]
    ids = {}
    for name, fields in people:
        ids[name] = add_candidate(db, name, **fields)
        clock.advance(timedelta(minutes=1))
    return depts, ids


@pytest.fixture
def register(db, clock):
    """The seeded register, for tests that change it."""
    return seed_register(db, clock)


@pytest.fixture(scope="module", params=["sqlcipher", "postgresql"])
def shared_register(request, tmp_path_factory, pg_template):
    """The same register for the tests that only read it, seeded once per backend."""
    clock = ManualClock(START)
    with shared_database(request.param, tmp_path_factory.mktemp("register"), pg_template, clock) as db:
        depts, ids = seed_register(db, clock)
        yield db, depts, ids


# --- entering a candidate -------------------------------------------------------------------------

def test_every_problem_of_a_new_candidate_is_reported_at_once_and_nothing_is_written(db, register):
    depts, _ = register
    before = (count(db, Candidate), count(db, AuditEntry))
    wrong = CandidateInput(name="  ", gender="x", phone="138001380", email="zhangwei@", id_number="11010119900307123",
                           education="phd", years_experience=61, department_id=depts.a)
    with pytest.raises(ValidationFailed) as excinfo:
        with db.session(HR, write=True) as s:
            candidates.create_candidate(s, HR, wrong)
    assert excinfo.value.problems == {"name": "required", "gender": "choice", "phone": "phone_mobile",
                                      "email": "email_format", "id_number": "id_length", "education": "choice",
                                      "years_experience": "range"}
    with pytest.raises(ValidationFailed) as excinfo:
        with db.session(HR, write=True) as s:
            candidates.create_candidate(s, HR, CandidateInput(name="张" * 101, id_number=ZHANG_ID[:-1] + "0",
                                                              years_experience=-1))
    assert excinfo.value.problems == {"name": "too_long", "id_number": "id_checksum", "years_experience": "range"}
    assert (count(db, Candidate), count(db, AuditEntry)) == before


def test_an_id_number_with_a_birth_date_after_today_is_refused(db, clock):
    tomorrow = clock.now().date() + timedelta(days=1)
    with pytest.raises(ValidationFailed) as excinfo:
        with db.session(HR, write=True) as s:
            candidates.create_candidate(s, HR, CandidateInput(name="张伟", id_number=id_number(tomorrow)))
    assert excinfo.value.problems == {"id_number": "id_birth_date"}


def test_a_new_candidate_is_stored_cleaned_up_and_audited(db, clock):
    depts = department_tree(db)
    data = CandidateInput(name=" 王芳 ", gender="female", phone="+86 139-1234-5678", email=" WangFang@Example.CN ",
                          id_number=WANG_ID.lower(), school=" 复旦大学 ", department_id=depts.b,
                          talent_pool_consent=True)
    with db.session(HR, write=True) as s:
        cid = candidates.create_candidate(s, HR, data)
    name, school, phone, tail, email, idn, born, version, updated_at, consent = stored(db, cid)
    assert (name, school, phone, tail, email, idn) == ("王芳", "复旦大学", "13912345678", "5678",
                                                       "wangfang@example.cn", WANG_ID)
    assert born == date(1988, 11, 23)
    assert (version, updated_at, consent) == (1, clock.now(), clock.now().date())
    [created] = audit_entries(db, action="create", entity="Candidate")
    assert created.entity_id == str(cid)
    assert created.changes["after"]["name"] == "王芳"


# --- finding candidates ---------------------------------------------------------------------------

def test_the_list_comes_in_pages_with_the_total(shared_register):
    db, _, ids = shared_register
    seen, totals = [], set()
    for offset in (0, 3, 6):
        with db.session(HR) as s:
            page = candidates.list_candidates(s, HR, ListQuery(sort="name", offset=offset, limit=3))
        assert page.offset == offset
        assert len(page.rows) == (3 if offset < 6 else 1)
        totals.add(page.total)
        seen += [r.id for r in page.rows]
    assert totals == {7}
    assert sorted(seen) == sorted(ids.values())               # no row twice, none missing
    with db.session(HR) as s:
        assert candidates.list_candidates(s, HR, ListQuery(offset=7, limit=3)).rows == []
        assert len(candidates.list_candidates(s, HR, ListQuery(limit=0)).rows) == 1   # at least one row
    assert ListQuery(limit=10**6).page_limit() == MAX_PAGE


def test_every_sortable_column_sorts_both_ways_with_ties_broken_by_entry_order(shared_register):
    db, depts, ids = shared_register
    with db.session() as s:
        rows = {c.id: c for c in s.execute(select(Candidate.id, Candidate.name, Candidate.gender, Candidate.education,
                                                  Candidate.school, Candidate.years_experience,
                                                  Candidate.source_channel, Candidate.department_id,
                                                  Candidate.created_at, Candidate.updated_at))}
    dept_names = {depts.a: "内科", depts.a_sub: "心内科", depts.b: "外科"}
    # What each column header means to the officer; empty departments go last.
    meaning = {
        "name": lambda c: name_sort_key(c.name),    # pinyin: 陈 < 李 < 刘 < 王 < 张, latin names among them
        "gender": lambda c: c.gender.value,
        "education": lambda c: EDUCATION_RANK[Education(c.education)],
        "school": lambda c: c.school,
        "years_experience": lambda c: c.years_experience,
        "source_channel": lambda c: c.source_channel,
        "department": lambda c: (c.department_id is None, dept_names.get(c.department_id, "")),
        "created_at": lambda c: c.created_at,
        "updated_at": lambda c: c.updated_at,
    }
    assert set(meaning) == set(candidates.SORTS)
    wrong = {}
    for column, key in meaning.items():
        ascending = [c.id for c in sorted(rows.values(), key=lambda c: (key(c), c.id))]
        for descending, expected in ((False, ascending), (True, ascending[::-1])):
            with db.session(HR) as s:
                got = [r.id for r in candidates.list_candidates(s, HR, ListQuery(sort=column,
                                                                                  descending=descending)).rows]
            if got != expected:
                wrong[(column, descending)] = (got, expected)
    assert wrong == {}
    # Ties really exist, so the tie-break is exercised: three people with 3 years, two at 北京大学.
    assert sorted(c.years_experience for c in rows.values()).count(3) == 3
    names, _ = listed(db, sort="no_such_column")
    assert names == sorted(names, key=name_sort_key)           # unknown columns fall back to the name


def test_names_sort_by_pinyin_not_by_code_point(shared_register):
    db, _, _ = shared_register
    assert listed(db, sort="name") == (["Anna Li", "陈静", "李娜", "刘洋", "王芳", "张敏", "张伟"], 7)
    assert listed(db, sort="name", descending=True)[0] == ["张伟", "张敏", "王芳", "刘洋", "李娜", "陈静", "Anna Li"]


def test_the_pinyin_key_follows_renames_and_pages_in_order(db, register):
    _, ids = register
    with db.session(HR, write=True) as s:
        data, version = candidates.get_for_edit(s, HR, ids["陈静"])
        candidates.update_candidate(s, HR, ids["陈静"], replace(data, name="曾静"), version)   # 曾 as a surname: zeng
    with db.session(HR) as s:
        first = candidates.list_candidates(s, HR, ListQuery(sort="name", limit=4))
        second = candidates.list_candidates(s, HR, ListQuery(sort="name", offset=4, limit=4))
    assert [r.name for r in first.rows + second.rows] == ["Anna Li", "李娜", "刘洋", "王芳", "曾静", "张敏", "张伟"]


def scrolled(db, page_size: int, **query) -> tuple[list[int], list]:
    """Every row as the list gets them while scrolling: each page continues after the last one's key."""
    ids, pages, offset, after = [], [], 0, None
    while True:
        with db.session(HR, write=True) as s:
            page = candidates.list_candidates(s, HR, ListQuery(offset=offset, limit=page_size, after=after, **query))
        ids += [r.id for r in page.rows]
        pages.append(page)
        if not page.has_more():
            return ids, pages
        offset, after = offset + len(page.rows), page.after


def test_scrolling_by_key_gives_the_rows_of_one_long_page_in_the_same_order(shared_register):
    db, _, _ = shared_register
    wrong = {}
    for column in candidates.SORTS:
        for descending in (False, True):
            for typed in ("", "张", "8000"):
                with db.session(HR, write=True) as s:
                    whole = [r.id for r in candidates.list_candidates(
                        s, HR, ListQuery(search=typed, sort=column, descending=descending, limit=100)).rows]
                got, pages = scrolled(db, 2, search=typed, sort=column, descending=descending)
                if got != whole:
                    wrong[(column, descending, typed)] = (got, whole)
                keyed = [p.after is not None for p in pages[:-1]]
                if keyed != [column != "department"] * len(keyed):    # empty departments page by offset
                    wrong[(column, descending, typed, "after")] = keyed
    assert wrong == {}


def test_a_row_entered_above_while_scrolling_does_not_repeat_the_row_at_the_page_break(db, register, clock):
    _, ids = register
    with db.session(HR) as s:
        first = candidates.list_candidates(s, HR, ListQuery(sort="name", limit=3))
    assert [r.name for r in first.rows] == ["Anna Li", "陈静", "李娜"] and first.after is not None
    add_candidate(db, "艾青", None)     # ai: sorts above the page break
    with db.session(HR) as s:
        second = candidates.list_candidates(s, HR, ListQuery(sort="name", offset=3, limit=10, after=first.after))
    assert [r.name for r in second.rows] == ["刘洋", "王芳", "张敏", "张伟"]     # 李娜 is not shown twice
    assert (second.total, second.more, second.after) == (8, False, None)


def test_a_search_matching_more_than_the_cap_counts_up_to_it(shared_register, monkeypatch):
    db, _, _ = shared_register
    monkeypatch.setattr(paging, "COUNT_CAP", 3)
    with db.session(HR) as s:
        everyone = candidates.list_candidates(s, HR, ListQuery(limit=2))
        two = candidates.list_candidates(s, HR, ListQuery(search="张", limit=2))
        last = candidates.list_candidates(s, HR, ListQuery(offset=6, limit=2, after=None))
    assert (everyone.total, everyone.capped, everyone.more, len(everyone.rows)) == (3, True, True, 2)
    assert (two.total, two.capped, two.more) == (2, False, False)
    assert (last.total, last.capped, last.more, len(last.rows)) == (3, True, False, 1)
    got, _ = scrolled(db, 2)
    assert len(got) == len(set(got)) == 7                      # scrolling still reaches every row
    monkeypatch.setattr(paging, "COUNT_CAP", 1)
    names, total = listed(db, search="8000")                  # 张伟 and 张敏: an audited search
    assert (sorted(names), total) == (["张伟", "张敏"], 1)
    entries = audit_entries(db, action="search", entity="Candidate")
    assert entries[-1].changes["matches"] == "1+"


def test_education_sorts_by_level(shared_register):
    db, _, _ = shared_register
    names, _ = listed(db, sort="education")
    assert names == ["陈静", "李娜", "王芳", "Anna Li", "张伟", "刘洋", "张敏"]


def test_search_finds_people_the_way_officers_look_for_them(shared_register):
    db, _, _ = shared_register
    everyone = {"张伟", "王芳", "张敏", "李娜", "刘洋", "陈静", "Anna Li"}
    cases = [
        ("张", {"张伟", "张敏"}),                  # name prefix
        ("张伟", {"张伟"}),
        ("伟", set()),                             # not a prefix
        ("Anna", {"Anna Li"}),
        ("8000", {"张伟", "张敏"}),                # 尾号: the last four digits
        ("5678", {"王芳", "李娜"}),
        ("139", {"王芳"}),                         # phone number prefix
        ("+86 139 1234", {"王芳"}),
        ("138-0013-8000", {"张伟"}),
        ("010651", {"Anna Li"}),
        ("wangfang@", {"王芳"}),                   # e-mail prefix, any case
        ("LIUYANG@EXAMPLE", {"刘洋"}),
        ("@example.cn", set()),
        (ZHANG_ID, {"张伟"}),                      # the full ID number
        (WANG_ID, {"王芳"}),
        (WANG_ID.lower(), {"王芳"}),
        (ZHANG_ID[:-1], set()),
        ("   ", everyone),
    ]
    wrong = {}
    for typed, expected in cases:
        names, total = listed(db, search=typed)
        if set(names) != expected or total != len(expected):
            wrong[typed] = (names, total)
    assert wrong == {}


def test_search_and_department_filter_combine(shared_register):
    db, depts, _ = shared_register
    assert listed(db, search="5678", filters={"department_id": depts.b}) == (["王芳"], 1)
    assert listed(db, filters={"department_id": depts.b}, sort="name") == (["刘洋", "王芳"], 2)


# --- editing --------------------------------------------------------------------------------------

def test_saving_an_edit_bumps_the_version_and_records_before_and_after(db, register, clock):
    _, ids = register
    cid = ids["张伟"]
    with db.session(HR, write=True) as s:
        data, version = candidates.get_for_edit(s, HR, cid)
    assert version == 1
    clock.advance(timedelta(hours=1))
    with db.session(HR, write=True) as s:
        new_version = candidates.update_candidate(s, HR, cid, replace(data, school="清华大学", phone="13900001111",
                                                                      talent_pool_consent=True), version)
    assert new_version == 2
    _, school, phone, tail, *_, version_now, updated_at, consent = stored(db, cid)
    assert (school, phone, tail, version_now) == ("清华大学", "13900001111", "1111", 2)
    assert updated_at == clock.now() and consent == clock.now().date()
    [update] = audit_entries(db, action="update", entity="Candidate")
    assert update.entity_id == str(cid)
    assert update.changes["school"] == {"before": "北京大学", "after": "清华大学"}
    assert update.changes["phone_tail"] == {"before": "8000", "after": "1111"}
    assert "name" not in update.changes                        # only what changed

    with db.session(HR, write=True) as s:
        candidates.update_candidate(s, HR, cid, replace(data, school="清华大学", phone="13900001111",
                                                        talent_pool_consent=False), 2)
    assert stored(db, cid)[-1] is None                         # consent withdrawn: its date goes too


def test_an_edit_made_on_an_old_version_is_refused_and_changes_nothing(db, register):
    _, ids = register
    cid = ids["王芳"]
    with db.session(HR, write=True) as s:
        mine, version = candidates.get_for_edit(s, HR, cid)
    theirs = mine
    with db.session(HR, write=True) as s:
        candidates.update_candidate(s, HR, cid, replace(mine, school="清华大学"), version)
    updates = len(audit_entries(db, action="update"))
    with pytest.raises(StaleWrite):
        with db.session(HR, write=True) as s:
            candidates.update_candidate(s, HR, cid, replace(theirs, school="中山大学", years_experience=9), version)
    assert stored(db, cid)[1] == "清华大学"
    assert stored(db, cid)[7] == 2
    assert len(audit_entries(db, action="update")) == updates


def test_an_invalid_edit_is_refused_and_changes_nothing(db, register):
    _, ids = register
    cid = ids["张伟"]
    before = stored(db, cid)
    with db.session(HR, write=True) as s:
        data, version = candidates.get_for_edit(s, HR, cid)
    with pytest.raises(ValidationFailed) as excinfo:
        with db.session(HR, write=True) as s:
            candidates.update_candidate(s, HR, cid, replace(data, school="清华大学", email="no-at-sign"), version)
    assert excinfo.value.problems == {"email": "email_format"}
    assert stored(db, cid) == before


# --- deleting -------------------------------------------------------------------------------------

def test_a_candidate_who_applied_somewhere_cannot_be_deleted(db, register):
    depts, ids = register
    pid = add_position(db, depts.a, "NK-01", "内科医师")
    add_application(db, ids["张伟"], pid)
    with pytest.raises(ValidationFailed) as excinfo:
        with db.session(HR, write=True) as s:
            candidates.delete_candidate(s, HR, ids["张伟"], 1)
    assert excinfo.value.problems == {"applications": "has_applications"}
    assert stored(db, ids["张伟"])[0] == "张伟"
    with db.session(HR) as s:
        [app] = candidates.get_candidate(s, HR, ids["张伟"]).applications
    assert (app.position_title, app.stage) == ("内科医师", "applied")


def test_deleting_needs_the_current_version_and_is_audited(db, register):
    _, ids = register
    cid = ids["陈静"]
    with db.session(HR, write=True) as s:
        data, version = candidates.get_for_edit(s, HR, cid)
        candidates.update_candidate(s, HR, cid, replace(data, school="协和医学院"), version)
    with pytest.raises(StaleWrite):
        with db.session(HR, write=True) as s:
            candidates.delete_candidate(s, HR, cid, 1)
    with db.session(HR, write=True) as s:
        candidates.delete_candidate(s, HR, cid, 2)
    with db.session() as s:
        assert s.get(Candidate, cid) is None
    [deleted] = audit_entries(db, action="delete", entity="Candidate")
    assert deleted.entity_id == str(cid)
    assert deleted.changes["before"]["school"] == "协和医学院"
