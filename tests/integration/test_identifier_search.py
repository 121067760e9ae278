"""Searching candidates by phone number, e-mail or ID number confirms the digits typed, so it must not
undo the masking: only roles that may see those fields search by them, every such search is in the
audit log like a reveal (without the digits), and a user can make only so many per hour."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop.core.errors import SearchRefused
from desktop.core.model import Role
from desktop.core.services import candidates
from desktop.core.services.paging import ListQuery
from desktop.core.settings import store_institution
from factories import SYSTEM, actor, add_candidate, audit_entries, department_tree, id_number

PHONE = "13712340357"
ID = id_number(date(1991, 5, 17))


@pytest.fixture
def people(db):
    depts = department_tree(db)
    zhao = add_candidate(db, "赵敏", depts.a, phone=PHONE, email="zhaomin@example.cn", id_number=ID)
    wang = add_candidate(db, "王芳", depts.b, phone="13912345678")
    return depts, zhao, wang


def search(db, who, text: str):
    with db.session(who, write=True) as s:
        return candidates.list_candidates(s, who, ListQuery(search=text))


def test_an_interviewer_cannot_recover_a_phone_number_digit_by_digit(db, people):
    depts, zhao, _ = people
    interviewer = actor(Role.INTERVIEWER, depts.a, user_id=9001)
    # what the list shows the interviewer: the masked number and the name
    assert [r.phone for r in search(db, interviewer, "").rows if r.id == zhao] == ["137****0357"]
    refused = []
    for length in range(3, len(PHONE) + 1):               # 137, 1371, ... the whole number
        for typed in (PHONE[:length], PHONE[:length - 1] + "9"):   # right and wrong next digit alike
            with pytest.raises(SearchRefused) as caught:
                search(db, interviewer, typed)
            refused.append(caught.value.params["reason"])
    assert set(refused) == {"not_allowed"}
    for typed in (ID, ID[:17] + "0", "zhaomin@", "0357"):  # the ID number, an e-mail prefix, the last four
        with pytest.raises(SearchRefused):
            search(db, interviewer, typed)
    assert [r.name for r in search(db, interviewer, "赵").rows] == ["赵敏"]    # names still search
    assert audit_entries(db, action="search") == []      # nothing was searched, so nothing to record


def test_an_hr_officers_identifier_search_is_audited_without_the_digits(db, people, clock):
    depts, zhao, _ = people
    hr = actor(Role.HR_OFFICER, depts.a, user_id=9002, username="zhangrs")
    assert [r.id for r in search(db, hr, PHONE[:7]).rows] == [zhao]
    assert [r.id for r in search(db, hr, "0357").rows] == [zhao]
    assert [r.id for r in search(db, hr, ID).rows] == [zhao]
    assert search(db, hr, "139").total == 0                # 王芳 is in another department
    search(db, hr, "赵")                                    # a name search is not an identifier search
    entries = audit_entries(db, action="search")
    assert [(e.entity, e.actor_name, e.changes["by"], e.changes["matches"]) for e in entries] == [
        ("Candidate", "zhangrs", "phone_prefix", 1), ("Candidate", "zhangrs", "phone_tail", 1),
        ("Candidate", "zhangrs", "id_number", 1), ("Candidate", "zhangrs", "phone_prefix", 0)]
    assert entries[0].changes["shown"] == [zhao]
    assert entries[0].changes["term"] == "*******"
    logged = repr([e.changes for e in entries])
    assert PHONE[:7] not in logged and "0357" not in logged and ID not in logged


def test_identifier_searches_are_limited_per_user_and_hour(db, people, clock):
    depts, zhao, _ = people
    with db.session(SYSTEM, write=True) as s:
        store_institution(s, "security.identifier_searches_per_hour", 3, "admin")
    hr = actor(Role.HR_OFFICER, depts.a, user_id=9003)
    colleague = actor(Role.HR_OFFICER, depts.a, user_id=9004)
    for typed in ("0357", "137", "1371"):
        search(db, hr, typed)
    search(db, hr, "赵")                                    # names do not count
    with pytest.raises(SearchRefused) as caught:
        search(db, hr, "13712")
    assert caught.value.params == {"reason": "rate_limited", "limit": 3, "minutes": 60}
    assert len(audit_entries(db, action="search")) == 3    # the refused search found and recorded nothing
    assert search(db, colleague, "0357").total == 1        # the limit is per user
    clock.advance(timedelta(minutes=61))
    assert search(db, hr, "13712").total == 1              # an hour later the officer may search again
    for _ in range(5):
        search(db, SYSTEM, "0357")                         # the IT office's command line is not limited


def test_an_identifier_search_outside_a_write_unit_is_refused_rather_than_left_unaudited(db, people):
    depts, _, _ = people
    hr = actor(Role.HR_OFFICER, depts.a, user_id=9005)
    with db.session(hr) as s:
        with pytest.raises(RuntimeError):
            candidates.list_candidates(s, hr, ListQuery(search="0357"))
        assert candidates.list_candidates(s, hr, ListQuery(search="赵")).total == 1
