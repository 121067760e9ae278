"""Candidates: paged search, detail with masking by role, create and edit with validation,
audited reveal of personal fields."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import NamedTuple

from sqlalchemy import String, bindparam, case, func, literal, literal_column, or_, select, type_coerce
from sqlalchemy.orm import Session

from desktop.core import audit, question_views
from desktop.core.errors import NotFound, PermissionDenied, SearchRefused, StaleWrite, ValidationFailed
from desktop.core.model import Application, AuditEntry, Candidate, Department, Education, Gender, Position
from desktop.core.model.base import driver_utc as _utc
from desktop.core.model.recruiting import EDUCATION_RANK
from desktop.core.permissions import Action, allowed, require, visible_departments
from desktop.core.services import paging
from desktop.core.services.paging import ListQuery, Page
from desktop.core.settings import institution_value
from desktop.core.storage.database import Actor
from desktop.core.validation import (
    MAX_LENGTH, clean_name, clean_text, email_problem, id_number_birth_date, id_number_problem, mask_email,
    mask_id_number, mask_phone, name_problem, normalise_phone, phone_problem, phone_tail, text_problem,
)

PERSONAL_FIELDS = ("phone", "email", "id_number", "birth_date")
MAX_PROFILE_FIELDS = 30
PROFILE_LABEL_LENGTH = 100
SEARCH_WINDOW = timedelta(hours=1)     # the identifier-search limit counts this far back


@dataclass(frozen=True)
class CandidateInput:
    name: str
    gender: str = Gender.UNSPECIFIED.value
    phone: str = ""
    email: str = ""
    id_number: str = ""
    education: str = Education.BACHELOR.value
    school: str = ""
    major: str = ""
    years_experience: int = 0
    experience: str = ""
    skills: str = ""
    resume_summary: str = ""
    source_channel: str = ""
    department_id: int | None = None
    talent_pool_consent: bool = False
    certificates: str = ""                      # comma-separated
    # The institution's own profile fields (Settings → match.profile_fields, custom requirements) by label.
    profile_extra: dict[str, str] = field(default_factory=dict)


class CandidateRow(NamedTuple):     # a tuple: 200 of them are made for every page of the list
    id: int
    name: str
    gender: str
    phone: str          # masked unless the viewer may see it
    education: str
    school: str
    years_experience: int
    source_channel: str
    department: str
    updated_at: datetime


@dataclass(frozen=True)
class ApplicationInfo:
    id: int
    position_id: int
    position_title: str
    stage: str
    applied_at: datetime


@dataclass(frozen=True)
class CandidateDetail:
    id: int
    version: int
    data: CandidateInput           # personal fields masked as in `masked`
    masked: frozenset[str]         # fields shown masked to this viewer
    can_reveal: bool
    can_edit: bool
    department: str
    birth_date: str
    consent_date: date | None
    reschedule_count: int
    no_show_count: int
    late_count: int
    created_at: datetime
    updated_at: datetime
    applications: list[ApplicationInfo] = field(default_factory=list)
    questions: list = field(default_factory=list)     # question_views.AskedAndAnswered, newest first
    restricted: bool = False       # PIPL: processing restricted on the candidate's request


def validate(data: CandidateInput, today: date) -> CandidateInput:
    """Return the cleaned input or raise ValidationFailed naming every problem at once."""
    problems: dict[str, str] = {}
    for key in ("name", "school", "major", "source_channel"):
        problem = name_problem(getattr(data, key), MAX_LENGTH[key], required=key == "name")
        if problem:
            problems[key] = problem
    for key in ("experience", "skills", "resume_summary", "certificates"):
        problem = text_problem(getattr(data, key), MAX_LENGTH[key])
        if problem:
            problems[key] = problem
    extra = _profile_extra_problems(data.profile_extra)
    if extra:
        problems["profile_extra"] = extra
    for key, check in (("phone", phone_problem), ("email", email_problem)):
        problem = check(getattr(data, key))
        if problem:
            problems[key] = problem
    problem = id_number_problem(data.id_number, today)
    if problem:
        problems["id_number"] = problem
    if data.gender not in {g.value for g in Gender}:
        problems["gender"] = "choice"
    if data.education not in {e.value for e in Education}:
        problems["education"] = "choice"
    if not 0 <= data.years_experience <= 60:
        problems["years_experience"] = "range"
    if problems:
        raise ValidationFailed(problems)
    return replace(data, name=clean_name(data.name), phone=normalise_phone(data.phone),
                   email=data.email.strip().lower(), id_number=data.id_number.strip().upper(),
                   school=clean_name(data.school), major=clean_name(data.major),
                   source_channel=clean_name(data.source_channel), experience=clean_text(data.experience),
                   skills=clean_text(data.skills), resume_summary=clean_text(data.resume_summary),
                   certificates=", ".join(w.strip() for w in re.split(r"[,，;；、\n]", data.certificates) if w.strip()),
                   profile_extra={clean_name(k): clean_text(str(v)) for k, v in data.profile_extra.items()
                                  if clean_text(str(v or ""))})


def _profile_extra_problems(extra: dict[str, str]) -> str | None:
    """The institution's own fields: at most MAX_PROFILE_FIELDS, each a short name and a text."""
    if not isinstance(extra, dict):
        return "choice"
    if len(extra) > MAX_PROFILE_FIELDS:
        return "too_many"
    for label, value in extra.items():
        problem = (name_problem(str(label), PROFILE_LABEL_LENGTH)
                   or text_problem(str(value or ""), MAX_LENGTH["profile_field"]))
        if problem:
            return problem
    return None


@dataclass(frozen=True)
class SearchTerm:
    """What the search box holds: a name prefix, or an identifier (`kind` is not "name")."""

    kind: str          # name, id_number, phone_tail, phone_prefix, email_prefix
    value: str
    name_prefix: str = ""   # digits may also begin a name ("123号床…"): matched as a name too

    @property
    def identifier(self) -> bool:
        return self.kind != "name"

    def masked(self) -> str:
        """What the audit log keeps of the typed term: its kind and length, never the digits."""
        return "*" * len(self.value)


def parse_search(text: str) -> SearchTerm | None:
    """Name prefix, e-mail prefix, the last four phone digits (尾号), a phone number prefix, or a whole
    ID number. None for an empty search."""
    text = unicodedata.normalize("NFC", text.strip())   # names are stored in NFC
    if not text:
        return None
    if re.fullmatch(r"\d{17}[\dXx]", text):   # before phone digits: most ID numbers are all digits
        return SearchTerm("id_number", text.upper())
    digits = normalise_phone(text)
    if digits.isdigit():
        # Digits are a phone number or its 尾号 -- or the start of a name that begins with digits.
        if len(digits) == 4:
            return SearchTerm("phone_tail", digits, name_prefix=text)
        if len(digits) >= 3:
            return SearchTerm("phone_prefix", digits, name_prefix=text)
    if "@" in text:
        return SearchTerm("email_prefix", text.lower())
    return SearchTerm("name", text)


def is_identifier_search(text: str) -> bool:
    """Whether searching `text` reads personal fields (and so is checked, limited and audited)."""
    term = parse_search(text)
    return term is not None and term.identifier


def _identifier_scope(session: Session, actor: Actor, term: SearchTerm) -> set[int] | None:
    """Searching by phone, e-mail or ID number confirms the digits typed, so it is open only to roles
    that may see those fields (those who contact candidates), only over the departments where they
    may, at most `security.identifier_searches_per_hour` times per hour, and each search is recorded
    like a reveal. Returns the departments searched (None: all). Raises SearchRefused; nothing is
    searched then."""
    if not session.info.get("write", True):
        raise RuntimeError("identifier searches are audited: run them in a write unit of work")
    try:
        depts = visible_departments(session, actor, Action.CANDIDATE_REVEAL)
    except PermissionDenied:
        raise SearchRefused("identifier search not allowed", reason="not_allowed") from None
    if actor.system:
        return None
    limit = int(institution_value(session, "security.identifier_searches_per_hour"))
    since = session.info["clock"].now() - SEARCH_WINDOW
    done = session.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.actor_id == actor.user_id, AuditEntry.action == "search", AuditEntry.at >= since)) or 0
    if done >= limit:
        raise SearchRefused("identifier searches rate-limited", reason="rate_limited", limit=limit,
                            minutes=int(SEARCH_WINDOW.total_seconds() // 60))
    return depts


# --- the list: statements built once per shape -------------------------------------------------
#
# The list runs at every keystroke in the search box and at every page while scrolling, so its
# statements are built and compiled once per shape (sort, direction, kind of search, scopes) with
# bind parameters, run as Core statements on the table (plain rows, no ORM entities), count at most
# COUNT_CAP + 1 matches, and continue a scrolled list after the last row's sort key (keyset paging
# on the sort's index) instead of skipping ever more rows with OFFSET.

_T = Candidate.__table__
_D = Department.__table__
# Gender and education as the stored words (CandidateRow keeps them so), the time as the driver gives
# it (`_utc`): no per-row type processing through three Python layers for 200 rows at every keystroke.
_LIST_COLUMNS = (_T.c.id, _T.c.name, type_coerce(_T.c.gender, String), _T.c.phone, type_coerce(_T.c.education, String),
                 _T.c.school, _T.c.years_experience, _T.c.source_channel, _T.c.department_id, _D.c.name,
                 type_coerce(_T.c.updated_at, String))
SORTS = {   # by pinyin (sortkeys.py); education by level, not by the stored word
    "name": _T.c.name_sort_key, "gender": _T.c.gender, "education": case(EDUCATION_RANK, value=_T.c.education),
    "school": _T.c.school, "years_experience": _T.c.years_experience, "source_channel": _T.c.source_channel,
    "department": _D.c.name, "created_at": _T.c.created_at, "updated_at": _T.c.updated_at,
}


_NULLABLE_SORTS = frozenset({"department"})   # no department sorts last: paged by offset, not by key
_STATEMENTS: dict[tuple, object] = {}


def _bound_range(column, low: str, high: str):
    return (column >= bindparam(low, type_=column.type)) & (column < bindparam(high, type_=column.type))


def _search_condition(kind: str, with_name: bool):
    """What a search of `kind` matches, as a range an index serves on SQLite and PostgreSQL alike
    (LIKE 'x%' only uses an index under particular collations), with bind parameters filled by
    `_search_params`. Digits also match names that begin with them (`with_name`)."""
    if kind == "id_number":
        return _T.c.id_number == bindparam("term", type_=_T.c.id_number.type)
    if kind in ("phone_tail", "phone_prefix"):
        by_phone = (_T.c.phone_tail == bindparam("term", type_=_T.c.phone_tail.type) if kind == "phone_tail"
                    else _bound_range(_T.c.phone, "term", "term_end"))
        return or_(by_phone, _bound_range(_T.c.name, "name", "name_end")) if with_name else by_phone
    if kind == "email_prefix":
        return _bound_range(_T.c.email, "term", "term_end")
    return _bound_range(_T.c.name, "name", "name_end")


def _search_params(term: SearchTerm) -> dict[str, object]:
    if term.kind in ("id_number", "phone_tail"):
        params: dict[str, object] = {"term": term.value}
    elif term.kind in ("phone_prefix", "email_prefix"):
        params = {"term": term.value, "term_end": term.value + "\U0010ffff"}
    else:
        return {"name": term.value, "name_end": term.value + "\U0010ffff"}
    if term.name_prefix:
        params |= {"name": term.name_prefix, "name_end": term.name_prefix + "\U0010ffff"}
    return params


def _conditions(shape: tuple) -> list:
    kind, with_name, visible, revealing, department = shape
    conditions = []
    if visible:
        conditions.append(_T.c.department_id.in_(bindparam("visible", expanding=True)))
    if kind:
        conditions.append(_search_condition(kind, with_name))
    if revealing:
        conditions.append(_T.c.department_id.in_(bindparam("revealing", expanding=True)))
    if department:
        conditions.append(_T.c.department_id == bindparam("department"))
    return conditions


def _count_statement(shape: tuple):
    """How many match, counting at most COUNT_CAP + 1 (the index range stops there)."""
    key = ("count", shape)
    stmt = _STATEMENTS.get(key)
    if stmt is None:
        matches = select(literal(1)).select_from(_T).where(*_conditions(shape)).limit(bindparam("cap")).subquery()
        stmt = _STATEMENTS[key] = select(func.count()).select_from(matches)
    return stmt


def _ordered(column, id_column, sort: str, descending: bool) -> tuple:
    if sort in _NULLABLE_SORTS:   # empty values sort last (both backends alike), descending is the reverse
        return ((column.desc().nulls_first(), id_column.desc()) if descending
                else (column.asc().nulls_last(), id_column.asc()))
    return (column.desc(), id_column.desc()) if descending else (column.asc(), id_column.asc())


def _page_statement(shape: tuple, sort: str, descending: bool, keyset: bool, offset: int):
    """The page is chosen first from the sort's index (ids and sort keys only, so that sorting a long
    match or skipping an offset never reads whole rows), then only its rows are read. The list by name
    without a search, from its start or scrolled on by key, reads its page from the covering index
    ix_candidates_list_by_name alone (every shown column is there): no row is read at all."""
    covered = sort == "name" and shape[0] is None and (keyset or offset == 0)
    key = ("page", shape, sort, descending, keyset, covered)
    stmt = _STATEMENTS.get(key)
    if stmt is None:
        column = SORTS[sort]
        conditions = _conditions(shape)
        if keyset:     # right after the last row shown: (sort key, id) beyond the bound pair, on the index
            last, last_id = bindparam("after", type_=column.type), bindparam("after_id", type_=_T.c.id.type)
            conditions.append((column <= last) & ((column < last) | (_T.c.id < last_id)) if descending
                              else (column >= last) & ((column > last) | (_T.c.id > last_id)))
        if covered:
            stmt = _STATEMENTS[key] = (
                select(*_LIST_COLUMNS, column.label("sort_value"))
                .select_from(_T.outerjoin(_D, _D.c.id == _T.c.department_id)).where(*conditions)
                .order_by(*_ordered(column, _T.c.id, sort, descending))
                .limit(bindparam("limit")).offset(bindparam("offset")))
            return stmt
        source = _T.outerjoin(_D, _D.c.id == _T.c.department_id) if sort == "department" else _T
        # A name search reads its matches from the name index and sorts them (bounded by the most common
        # surname); the planner must not walk the whole sort-key index instead, looking for a rare one.
        by = column.op("||")(literal_column("''")) if sort == "name" and shape[0] is not None else column
        page = (select(_T.c.id.label("id"), column.label("sort_value")).select_from(source).where(*conditions)
                .order_by(*_ordered(by, _T.c.id, sort, descending))
                .limit(bindparam("limit")).offset(bindparam("offset")).subquery("page"))
        stmt = (select(*_LIST_COLUMNS, page.c.sort_value)
                .select_from(page.join(_T, _T.c.id == page.c.id).outerjoin(_D, _D.c.id == _T.c.department_id))
                .order_by(*_ordered(page.c.sort_value, page.c.id, sort, descending)))
        _STATEMENTS[key] = stmt
    return stmt


def list_candidates(session: Session, actor: Actor, query: ListQuery) -> Page[CandidateRow]:
    term = parse_search(query.search)
    visible = visible_departments(session, actor, Action.CANDIDATE_VIEW)
    params: dict[str, object] = {}
    revealing = None
    if term is not None:
        params |= _search_params(term)
        if term.identifier:
            revealing = _identifier_scope(session, actor, term)
    department = query.filters.get("department_id")
    shape = (term.kind if term else None, bool(term and term.name_prefix), visible is not None,
             revealing is not None, bool(department))
    if visible is not None:
        params["visible"] = sorted(visible)
    if revealing is not None:
        params["revealing"] = sorted(revealing)
    if department:
        params["department"] = department
    conn = session.connection()
    cap = paging.COUNT_CAP
    sort = query.sort if query.sort in SORTS else "name"
    keyset = query.after is not None and query.offset > 0 and sort not in _NULLABLE_SORTS
    limit = query.page_limit()
    offset = 0 if keyset else max(query.offset, 0)
    found = conn.execute(_page_statement(shape, sort, query.descending, keyset, offset),
                         params | {"limit": limit + 1, "offset": offset}
                         | ({"after": query.after[0], "after_id": query.after[1]} if keyset else {})).all()
    more = len(found) > limit
    found = found[:limit]
    if not more and not keyset and (found or offset == 0):
        # The page reached the last match (a phone or ID number, most names typed): the count is known
        # without counting them again.
        total = offset + len(found)
    else:
        total = conn.execute(_count_statement(shape), params | {"cap": cap + 1}).scalar_one()
    capped = total > cap
    may_see: dict[int | None, bool] = {}
    rows = []
    for (cid, name, gender, phone, education, school, years, source, department_id, department_name, updated_at,
         _) in found:
        clear = may_see.get(department_id)
        if clear is None:
            clear = may_see[department_id] = allowed(session, actor, Action.CANDIDATE_REVEAL, department_id)
        rows.append(CandidateRow(cid, name, gender, (phone or "") if clear else mask_phone(phone or ""),
                                 education, school, years, source, department_name or "", _utc(updated_at)))
    if term is not None and term.identifier:
        audit.record(session, "search", "Candidate", "", by=term.kind, term=term.masked(),
                     matches=f"{cap}+" if capped else total,
                     offset=query.offset, shown=[r.id for r in rows][:50])
    after = (found[-1][-1], found[-1][0]) if found and more and sort not in _NULLABLE_SORTS else None
    return Page(rows, cap if capped else total, query.offset, capped=capped, more=more, after=after)


def _department_names(session: Session) -> dict[int | None, str]:
    cached = session.info.get("_department_names")
    if cached is None:
        cached = dict(session.execute(select(Department.id, Department.name)).all())
        session.info["_department_names"] = cached
    return cached


def _load(session: Session, actor: Actor, candidate_id: int, action: Action) -> Candidate:
    candidate = session.get(Candidate, candidate_id)
    if candidate is None:
        raise NotFound("candidate", entity="candidate")
    require(session, actor, action, candidate.department_id)
    return candidate


def _input_of(c: Candidate) -> CandidateInput:
    return CandidateInput(
        name=c.name, gender=c.gender.value, phone=c.phone or "", email=c.email or "", id_number=c.id_number or "",
        education=c.education.value, school=c.school, major=c.major, years_experience=c.years_experience,
        experience=c.experience, skills=c.skills, resume_summary=c.resume_summary, source_channel=c.source_channel,
        department_id=c.department_id, talent_pool_consent=c.talent_pool_consent, certificates=c.certificates or "",
        profile_extra={str(k): str(v) for k, v in (c.profile_extra or {}).items()})


def get_candidate(session: Session, actor: Actor, candidate_id: int) -> CandidateDetail:
    """The detail view. Phone and e-mail are clear only for roles that contact candidates; the ID
    number and birth date are always masked here and shown through `reveal` (audited)."""
    c = _load(session, actor, candidate_id, Action.CANDIDATE_VIEW)
    can_reveal = allowed(session, actor, Action.CANDIDATE_REVEAL, c.department_id)
    masked = {"id_number", "birth_date"} | (set() if can_reveal else {"phone", "email"})
    data = _input_of(c)
    data = replace(data, id_number=mask_id_number(data.id_number),
                   phone=mask_phone(data.phone) if "phone" in masked else data.phone,
                   email=mask_email(data.email) if "email" in masked else data.email)
    apps = session.execute(
        select(Application.id, Application.position_id, Position.title, Application.stage, Application.applied_at)
        .join(Position, Position.id == Application.position_id)
        .where(Application.candidate_id == c.id).order_by(Application.applied_at)).all()
    return CandidateDetail(
        id=c.id, version=c.version, data=data, masked=frozenset(masked), can_reveal=can_reveal,
        can_edit=allowed(session, actor, Action.CANDIDATE_EDIT, c.department_id),
        department=_department_names(session).get(c.department_id, ""),
        birth_date="****-**-**" if c.birth_date else "", consent_date=c.consent_date,
        reschedule_count=c.reschedule_count, no_show_count=c.no_show_count, late_count=c.late_count,
        created_at=c.created_at, updated_at=c.updated_at,
        applications=[ApplicationInfo(a.id, a.position_id, a.title, a.stage.value, a.applied_at) for a in apps],
        questions=question_views.of_candidate(session, c.id), restricted=c.restricted)


def reveal(session: Session, actor: Actor, candidate_id: int, field_name: str) -> str:
    """Show one personal field in clear. Writes an audit entry in the same transaction."""
    if field_name not in PERSONAL_FIELDS:
        raise ValidationFailed({field_name: "not_personal"})
    c = _load(session, actor, candidate_id, Action.CANDIDATE_REVEAL)
    audit.record(session, "reveal", "Candidate", c.id, field=field_name)
    value = getattr(c, field_name)
    return value.isoformat() if isinstance(value, date) else (value or "")


def get_for_edit(session: Session, actor: Actor, candidate_id: int) -> tuple[CandidateInput, int]:
    """The unmasked record for the edit form (opening it is a reveal of the personal fields)."""
    c = _load(session, actor, candidate_id, Action.CANDIDATE_EDIT)
    audit.record(session, "reveal", "Candidate", c.id, field="edit_form")
    return _input_of(c), c.version


def _apply(c: Candidate, data: CandidateInput) -> None:
    for name in ("name", "gender", "education", "school", "major", "years_experience", "experience", "skills",
                 "resume_summary", "source_channel", "department_id", "talent_pool_consent", "certificates"):
        setattr(c, name, getattr(data, name))
    c.profile_extra = dict(data.profile_extra)
    c.phone = data.phone or None
    c.phone_tail = phone_tail(data.phone) or None
    c.email = data.email or None
    c.id_number = data.id_number or None
    c.birth_date = id_number_birth_date(data.id_number) if data.id_number else None


def create_candidate(session: Session, actor: Actor, data: CandidateInput) -> int:
    now = session.info["clock"].now()
    data = validate(data, now.date())
    require(session, actor, Action.CANDIDATE_CREATE, data.department_id)
    c = Candidate(created_at=now, updated_at=now)
    _apply(c, data)
    if data.talent_pool_consent:
        c.consent_date = now.date()
    session.add(c)
    session.flush()
    return c.id


def update_candidate(session: Session, actor: Actor, candidate_id: int, data: CandidateInput,
                     expected_version: int) -> int:
    """Save an edit made on version `expected_version`; if someone saved since, raise StaleWrite
    and change nothing. Returns the new version."""
    now = session.info["clock"].now()
    data = validate(data, now.date())
    c = _load(session, actor, candidate_id, Action.CANDIDATE_EDIT)
    if c.version != expected_version:
        raise StaleWrite("candidate changed", entity="candidate")
    if data.department_id != c.department_id:
        require(session, actor, Action.CANDIDATE_EDIT, data.department_id)
    if data.talent_pool_consent and not c.talent_pool_consent:
        c.consent_date = now.date()
    elif not data.talent_pool_consent:
        c.consent_date = None
    _apply(c, data)
    c.updated_at = now
    session.flush()
    return c.version


def delete_candidate(session: Session, actor: Actor, candidate_id: int, expected_version: int) -> None:
    c = _load(session, actor, candidate_id, Action.CANDIDATE_DELETE)
    if c.version != expected_version:
        raise StaleWrite("candidate changed", entity="candidate")
    if session.scalar(select(func.count()).select_from(Application).where(Application.candidate_id == c.id)):
        raise ValidationFailed({"applications": "has_applications"})
    session.delete(c)
    session.flush()
