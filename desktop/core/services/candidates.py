"""Candidates: paged search, detail with masking by role, create and edit with validation,
audited reveal of personal fields."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from desktop.core import audit, question_views
from desktop.core.errors import NotFound, PermissionDenied, SearchRefused, StaleWrite, ValidationFailed
from desktop.core.model import Application, AuditEntry, Candidate, Department, Education, Gender, Position
from desktop.core.model.recruiting import EDUCATION_RANK
from desktop.core.permissions import Action, allowed, require, visible_departments
from desktop.core.services.paging import ListQuery, Page, prefix_range
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
SORTS = {
    "name": Candidate.name_sort_key, "gender": Candidate.gender,     # by pinyin (sortkeys.py)
    "education": case(EDUCATION_RANK, value=Candidate.education),   # by level, not by the stored word
    "school": Candidate.school, "years_experience": Candidate.years_experience,
    "source_channel": Candidate.source_channel, "department": Department.name,
    "created_at": Candidate.created_at, "updated_at": Candidate.updated_at,
}


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


@dataclass(frozen=True)
class CandidateRow:
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


def _visible(session: Session, actor: Actor):
    depts = visible_departments(session, actor, Action.CANDIDATE_VIEW)
    return None if depts is None else Candidate.department_id.in_(depts)


@dataclass(frozen=True)
class SearchTerm:
    """What the search box holds: a name prefix, or an identifier (`kind` is not "name")."""

    kind: str          # name, id_number, phone_tail, phone_prefix, email_prefix
    value: str
    name_prefix: str = ""   # digits may also begin a name ("123号床…"): matched as a name too

    @property
    def identifier(self) -> bool:
        return self.kind != "name"

    def condition(self):
        if self.kind == "id_number":
            return Candidate.id_number == self.value
        if self.kind in ("phone_tail", "phone_prefix"):
            by_phone = (Candidate.phone_tail == self.value if self.kind == "phone_tail"
                        else prefix_range(Candidate.phone, self.value))
            return or_(by_phone, prefix_range(Candidate.name, self.name_prefix)) if self.name_prefix else by_phone
        if self.kind == "email_prefix":
            return prefix_range(Candidate.email, self.value)
        return prefix_range(Candidate.name, self.value)

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


def search_condition(text: str):
    term = parse_search(text)
    return None if term is None else term.condition()


def _identifier_scope(session: Session, actor: Actor, term: SearchTerm) -> list:
    """Searching by phone, e-mail or ID number confirms the digits typed, so it is open only to roles
    that may see those fields (those who contact candidates), only over the departments where they
    may, at most `security.identifier_searches_per_hour` times per hour, and each search is recorded
    like a reveal. Raises SearchRefused; nothing is searched then."""
    if not session.info.get("write", True):
        raise RuntimeError("identifier searches are audited: run them in a write unit of work")
    try:
        depts = visible_departments(session, actor, Action.CANDIDATE_REVEAL)
    except PermissionDenied:
        raise SearchRefused("identifier search not allowed", reason="not_allowed") from None
    if actor.system:
        return []
    limit = int(institution_value(session, "security.identifier_searches_per_hour"))
    since = session.info["clock"].now() - SEARCH_WINDOW
    done = session.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.actor_id == actor.user_id, AuditEntry.action == "search", AuditEntry.at >= since)) or 0
    if done >= limit:
        raise SearchRefused("identifier searches rate-limited", reason="rate_limited", limit=limit,
                            minutes=int(SEARCH_WINDOW.total_seconds() // 60))
    return [] if depts is None else [Candidate.department_id.in_(depts)]


def list_candidates(session: Session, actor: Actor, query: ListQuery) -> Page[CandidateRow]:
    term = parse_search(query.search)
    conditions = [c for c in (_visible(session, actor), term.condition() if term else None) if c is not None]
    if term is not None and term.identifier:
        conditions += _identifier_scope(session, actor, term)
    if query.filters.get("department_id"):
        conditions.append(Candidate.department_id == query.filters["department_id"])
    total = session.scalar(select(func.count()).select_from(Candidate).where(*conditions)) or 0
    column = SORTS.get(query.sort, SORTS["name"])
    # Empty values sort last (both backends alike), and descending is the exact reverse of ascending.
    order = ((column.desc().nulls_first(), Candidate.id.desc()) if query.descending
             else (column.asc().nulls_last(), Candidate.id.asc()))
    stmt = (select(Candidate.id, Candidate.name, Candidate.gender, Candidate.phone, Candidate.education,
                   Candidate.school, Candidate.years_experience, Candidate.source_channel, Candidate.department_id,
                   Candidate.updated_at)
            .outerjoin(Department, Department.id == Candidate.department_id)
            .where(*conditions).order_by(*order).offset(max(query.offset, 0)).limit(query.page_limit()))
    names = _department_names(session)
    rows = []
    for r in session.execute(stmt):
        phone = r.phone or ""
        if not allowed(session, actor, Action.CANDIDATE_REVEAL, r.department_id):
            phone = mask_phone(phone)
        rows.append(CandidateRow(r.id, r.name, r.gender.value, phone, r.education.value, r.school,
                                 r.years_experience, r.source_channel, names.get(r.department_id, ""),
                                 r.updated_at))
    if term is not None and term.identifier:
        audit.record(session, "search", "Candidate", "", by=term.kind, term=term.masked(), matches=total,
                     offset=query.offset, shown=[r.id for r in rows][:50])
    return Page(rows, total, query.offset)


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
