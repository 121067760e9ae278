"""The match report: how well a candidate's profile meets a position's requirements, 0–100 %, with
the reason for every requirement (met / partly / missed), the profile words that show it, and the gap.

Deterministic and explainable, no model: education by level (one level below is partly), majors by
name (the same, or one containing the other, is met; a shared word such as 医学 is partly), years by
number (70 % of the minimum is partly), and certificates, skills and an institution's own keywords
by how many are found in the profile (all: met, some: partly, none: missed). The score is the
weighted share of requirements met, a partly met one counting half. A position without structured
requirements is measured against its older fields (education, minimum years, skills).

Only what a candidate wrote about their training and work is read; the personal fields (name, phone,
e-mail, ID number, birth date) are never part of a profile, so they can never become evidence. The
texts come in Chinese or English (`locale`), like the message texts of desktop/core/notifications."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.errors import NotFound
from desktop.core.model import Application, Candidate, Interview, InterviewParticipant, Position, PositionRequirement
from desktop.core.model.recruiting import EDUCATION_RANK, Education, RequirementKind
from desktop.core.permissions import Action, require
from desktop.core.storage.database import Actor

MET, PARTLY, MISSED = "met", "partly", "missed"
_CREDIT = {MET: 2, PARTLY: 1, MISSED: 0}          # in halves: met 1, partly 0.5
LEGACY_WEIGHTS = {RequirementKind.EDUCATION: 2, RequirementKind.YEARS: 2, RequirementKind.SKILL: 3}
SNIPPET = 12                                       # characters quoted either side of a word found in a long text
_SPLIT = re.compile(r"[,，;；、/\n]+")
# Two-character words too general to make majors related (计算机科学与技术 and 材料科学与工程 share 科学).
_GENERIC = frozenset({"科学", "技术", "工程", "专业", "学与", "与技", "与工", "与管", "理学", "工学", "方向"})

EDUCATION_WORDS = {
    "none": ("无", "none"), "secondary": ("高中/中专", "high school / vocational"), "associate": ("大专", "junior college"),
    "bachelor": ("本科", "Bachelor"), "master": ("硕士", "Master"), "doctorate": ("博士", "Doctorate"),
}
KIND_WORDS = {
    "education": ("学历", "Education"), "major": ("专业", "Major"), "years": ("工作年限", "Years of experience"),
    "certificate": ("证书", "Certificates"), "skill": ("技能", "Skills"), "custom": ("其他要求", "Other requirement"),
}
_RANK = {e.value: rank for e, rank in EDUCATION_RANK.items()}
SOURCE_WORDS = {
    "skills": ("技能", "skills"), "certificates": ("证书", "certificates"), "experience": ("工作经历", "experience"),
    "resume_summary": ("简历摘要", "résumé"),
}


@dataclass(frozen=True)
class Requirement:
    kind: str          # a RequirementKind value
    label: str         # the institution's name for it ("" for the built-in kinds: their own name)
    value: str         # see RequirementKind
    weight: int = 1


@dataclass(frozen=True)
class Profile:
    """What the candidate wrote about their training and work: never a personal field."""

    education: str = Education.BACHELOR.value
    major: str = ""
    years_experience: int = 0
    skills: str = ""
    experience: str = ""
    resume_summary: str = ""
    certificates: str = ""
    extra: Mapping[str, str] = field(default_factory=dict)   # the institution's own fields, by label


@dataclass(frozen=True)
class RequirementResult:
    kind: str
    label: str           # shown name: the institution's label, else the kind's name in `locale`
    weight: int
    verdict: str         # met, partly, missed
    evidence: str        # the profile words that show it, quoted
    gap: str             # what is missing ("" when met)
    required: str = ""   # the requirement's value as stored
    has: str = ""        # the candidate's value (education, major, years)
    found: tuple[str, ...] = ()     # keywords found
    missing: tuple[str, ...] = ()   # keywords not found


@dataclass(frozen=True)
class MatchReport:
    score: int                                   # 0–100
    reasons: list[RequirementResult] = field(default_factory=list)
    locale: str = "zh_CN"

    def gaps(self, limit: int = 3) -> list[RequirementResult]:
        """The main gaps: missed before partly, heavier first, in the position's order otherwise."""
        open_ = [(r.verdict != MISSED, -r.weight, n, r) for n, r in enumerate(self.reasons) if r.verdict != MET]
        return [r for *_key, r in sorted(open_, key=lambda item: item[:3])][:limit]


def _en(locale: str) -> bool:
    return locale == "en"


def _pick(words: tuple[str, str], locale: str) -> str:
    return words[1] if _en(locale) else words[0]


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").casefold().strip()


def keywords(value: str) -> list[str]:
    """"Python, SQL；公文写作" -> ["Python", "SQL", "公文写作"] (duplicates dropped, order kept)."""
    return list(dict.fromkeys(w.strip() for w in _SPLIT.split(value or "") if w.strip()))


def _ascii_word(word: str) -> bool:
    return bool(re.fullmatch(r"[\x20-\x7e]+", word))


def _find(word: str, text: str) -> int:
    """Where `word` is in `text` (both normalised), or -1. A Latin word must stand alone (Java is not
    found in JavaScript); Chinese words have no spaces, so any occurrence counts."""
    if not word:
        return -1
    if _ascii_word(word):
        hit = re.search(r"(?<![a-z0-9])" + re.escape(word) + r"(?![a-z0-9])", text)
        return hit.start() if hit else -1
    return text.find(word)


def _quote(text: str, at: int, length: int) -> str:
    start, end = max(0, at - SNIPPET), min(len(text), at + length + SNIPPET)
    snippet = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + snippet + ("…" if end < len(text) else "")


def _sources(profile: Profile, locale: str, first: str = "") -> list[tuple[str, str, bool]]:
    """(name, text, quote a snippet) of every profile field keywords are looked for in; `first`
    (a custom requirement's own field) is searched before the others."""
    found = [(_pick(SOURCE_WORDS[k], locale), getattr(profile, k), k in ("experience", "resume_summary"))
             for k in ("skills", "certificates", "experience", "resume_summary")]
    extra = [(str(label), str(text or ""), len(str(text or "")) > 40) for label, text in (profile.extra or {}).items()]
    extra.sort(key=lambda item: item[0] != first)
    return extra + found if first else found + extra


def _keyword_result(req: Requirement, profile: Profile, locale: str) -> tuple[str, str, tuple, tuple]:
    wanted = keywords(req.value)
    sources = [(name, text, _norm(text), long) for name, text, long in
               _sources(profile, locale, req.label if req.kind == RequirementKind.CUSTOM else "")]
    found, missing, quotes = [], [], []
    for word in wanted:
        for name, text, normal, long in sources:
            at = _find(_norm(word), normal)
            if at >= 0:
                found.append(word)
                shown = _quote(unicodedata.normalize("NFKC", text), at, len(word)) if long else word
                quotes.append(f"{name}: “{shown}”" if _en(locale) else f"{name}：“{shown}”")
                break
        else:
            missing.append(word)
    verdict = MISSED if not found else (MET if not missing else PARTLY)
    return verdict, ("; " if _en(locale) else "；").join(quotes), tuple(found), tuple(missing)


def _bigrams(text: str) -> set[str]:
    words = set(re.findall(r"[a-z]{3,}", text))
    cjk = re.sub(r"[^\u4e00-\u9fff]", " ", text)
    for run in cjk.split():
        words |= {run[i:i + 2] for i in range(len(run) - 1)}
    return words - _GENERIC


def _major_verdict(required: list[str], major: str) -> str:
    has = _norm(major)
    if not has:
        return MISSED
    best = MISSED
    for wanted in map(_norm, required):
        if wanted and (wanted == has or wanted in has or has in wanted):
            return MET
        if _bigrams(wanted) & _bigrams(has):
            best = PARTLY
    return best


def _years(value: str) -> int:
    try:
        return max(0, int(str(value).strip()))
    except ValueError:
        return 0


def judge(req: Requirement, profile: Profile, locale: str = "zh_CN") -> RequirementResult:
    """One requirement measured against the profile."""
    kind, label = str(req.kind), req.label.strip() or _pick(KIND_WORDS.get(str(req.kind), (req.kind, req.kind)), locale)
    found: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    has = ""
    if kind == RequirementKind.EDUCATION:
        need, has = _RANK.get(req.value, 0), profile.education
        rank = _RANK.get(has, 0)
        verdict = MET if rank >= need else (PARTLY if rank == need - 1 else MISSED)
        evidence = _pick(EDUCATION_WORDS.get(has, (has, has)), locale)
    elif kind == RequirementKind.MAJOR:
        has = profile.major.strip()
        verdict = _major_verdict(keywords(req.value), has)
        evidence = f"“{has}”" if has else ""
    elif kind == RequirementKind.YEARS:
        need, years = _years(req.value), max(0, int(profile.years_experience or 0))
        has = str(years)
        verdict = MET if years >= need else (PARTLY if years * 10 >= need * 7 else MISSED)
        evidence = f"{years} years" if _en(locale) else f"{years}年"
    else:
        verdict, evidence, found, missing = _keyword_result(req, profile, locale)
    result = RequirementResult(kind, label, int(req.weight), verdict, evidence, "", req.value, has, found, missing)
    return RequirementResult(**{**result.__dict__, "gap": gap_text(result, locale)})


def match(requirements: Sequence[Requirement], profile: Profile, locale: str = "zh_CN") -> MatchReport:
    """The report of `profile` against `requirements`; pure: the same input always gives the same report."""
    reasons = [judge(r, profile, locale) for r in requirements if r.weight > 0]
    total = sum(r.weight for r in reasons)
    if not total:
        return MatchReport(100, reasons, locale)
    halves = sum(r.weight * _CREDIT[r.verdict] for r in reasons)
    return MatchReport((halves * 100 + total) // (2 * total), reasons, locale)   # rounded half up


def legacy_requirements(education: str, min_years: int, skills: str) -> list[Requirement]:
    """A position's older fields as requirements, so positions made before structured requirements
    have a report too."""
    found = []
    if education and education != Education.NONE.value:
        found.append(Requirement(RequirementKind.EDUCATION.value, "", education, LEGACY_WEIGHTS[RequirementKind.EDUCATION]))
    if min_years > 0:
        found.append(Requirement(RequirementKind.YEARS.value, "", str(min_years), LEGACY_WEIGHTS[RequirementKind.YEARS]))
    if keywords(skills):
        found.append(Requirement(RequirementKind.SKILL.value, "", skills, LEGACY_WEIGHTS[RequirementKind.SKILL]))
    return found


# --- words: gaps and what to check in the interview ----------------------------------------------

def _zh_words(words: Sequence[str]) -> str:
    return "、".join(words)


def _zh_around(before: str, word: str, after: str) -> str:
    """Chinese around a Latin word gets a space on that side: 缺少 Python 技能, 缺少公文写作技能."""
    def latin(char: str) -> bool:
        return char.isascii() and char.isalnum()

    return (before + (" " if before and latin(word[:1]) else "") + word
            + (" " if after and latin(word[-1:]) else "") + after)


def gap_text(r: RequirementResult, locale: str = "zh_CN") -> str:
    """What is missing, in a phrase: 学历未达要求（要求硕士，实为本科） / education below the requirement."""
    if r.verdict == MET:
        return ""
    en, kind = _en(locale), r.kind
    if kind == RequirementKind.EDUCATION:
        need = _pick(EDUCATION_WORDS.get(r.required, (r.required, r.required)), locale)
        has = _pick(EDUCATION_WORDS.get(r.has, (r.has, r.has)), locale)
        return (f"education below the requirement (required: {need}, has: {has})" if en
                else f"学历未达要求（要求{need}，实为{has}）")
    if kind == RequirementKind.MAJOR:
        need = ", ".join(keywords(r.required)) if en else _zh_words(keywords(r.required))
        if not r.has:
            return f"no major given (required: {need})" if en else f"未填写专业（要求{need}）"
        if r.verdict == PARTLY:
            return (f"related but different major (required: {need}, has: {r.has})" if en
                    else f"专业相近但不一致（要求{need}，实为{r.has}）")
        return f"different major (required: {need}, has: {r.has})" if en else f"专业不符（要求{need}，实为{r.has}）"
    if kind == RequirementKind.YEARS:
        return (f"too little experience (required: {_years(r.required)} years, has: {r.has})" if en
                else f"工作年限不足（要求{_years(r.required)}年，实为{r.has}年）")
    missing = ", ".join(r.missing) if en else _zh_words(r.missing)
    if kind == RequirementKind.SKILL:
        return f"missing skills: {missing}" if en else _zh_around("缺少", missing, "技能")
    if kind == RequirementKind.CERTIFICATE:
        return f"missing certificates: {missing}" if en else f"缺少证书：{missing}"
    return f"{r.label}: {missing} not found" if en else f"{r.label}未见：{missing}"


def focus_text(r: RequirementResult, locale: str = "zh_CN") -> str:
    """What the interviewers should check for this gap: 学历背景及同等能力 / Python 的实际掌握程度."""
    en, kind = _en(locale), r.kind
    missing = ", ".join(r.missing) if en else _zh_words(r.missing)
    if kind == RequirementKind.EDUCATION:
        return "equivalent qualifications and training" if en else "学历背景及同等能力"
    if kind == RequirementKind.MAJOR:
        return "how their studies relate to the position" if en else "专业背景与岗位的关联"
    if kind == RequirementKind.YEARS:
        return "relevant work experience" if en else "相关工作经历"
    if kind == RequirementKind.SKILL:
        return f"actual command of {missing}" if en else _zh_around("", missing, "的实际掌握程度")
    if kind == RequirementKind.CERTIFICATE:
        return f"plans to obtain {missing}" if en else f"{missing}的取得计划"
    return f"{r.label} ({missing})" if en else f"{r.label}（{missing}）"


def to_payload(report: MatchReport, limit: int = 3) -> dict:
    """The report as an alert message carries it (plain JSON): the score and the main gaps, so the
    message can be worded in each recipient's language when it is sent."""
    return {"score": report.score, "gaps": [
        {"kind": r.kind, "label": r.label, "weight": r.weight, "verdict": r.verdict, "required": r.required,
         "has": r.has, "found": list(r.found), "missing": list(r.missing)} for r in report.gaps(limit)]}


def _from_payload(gap: Mapping) -> RequirementResult:
    return RequirementResult(str(gap.get("kind", "")), str(gap.get("label", "")), int(gap.get("weight") or 1),
                             str(gap.get("verdict", MISSED)), "", "", str(gap.get("required", "")),
                             str(gap.get("has", "")), tuple(gap.get("found") or ()), tuple(gap.get("missing") or ()))


def payload_texts(match_payload: Mapping | None, locale: str = "zh_CN") -> tuple[str, str, str]:
    """(score, gaps, focus) of an alert's payload in `locale`: ("28%", "学历未达要求（…）、缺少 Python 技能", "…")."""
    if not match_payload:
        return "", "", ""
    gaps = [_from_payload(g) for g in match_payload.get("gaps") or () if isinstance(g, Mapping)]
    joiner = "; " if _en(locale) else "、"
    return (f"{int(match_payload.get('score') or 0)}%", joiner.join(gap_text(g, locale) for g in gaps),
            joiner.join(focus_text(g, locale) for g in gaps))


# --- reports from the database --------------------------------------------------------------------

def profile_of(candidate: Candidate) -> Profile:
    """The candidate's profile for matching: training and work only, never a personal field."""
    extra = {str(k): str(v) for k, v in (candidate.profile_extra or {}).items() if v not in (None, "")}
    return Profile(education=candidate.education.value, major=candidate.major or "",
                   years_experience=candidate.years_experience or 0, skills=candidate.skills or "",
                   experience=candidate.experience or "", resume_summary=candidate.resume_summary or "",
                   certificates=candidate.certificates or "", extra=extra)


def requirements_of(session: Session, position: Position) -> list[Requirement]:
    """The position's structured requirements in their order, else its older fields as requirements."""
    rows = session.scalars(select(PositionRequirement).where(PositionRequirement.position_id == position.id)
                           .order_by(PositionRequirement.ordinal)).all()
    if rows:
        return [Requirement(r.kind.value, r.label, r.value, r.weight) for r in rows]
    return legacy_requirements(position.education.value, position.min_years, position.skills)


def _report(session: Session, application: Application, locale: str) -> MatchReport:
    candidate = session.get(Candidate, application.candidate_id)
    position = session.get(Position, application.position_id)
    return match(requirements_of(session, position), profile_of(candidate), locale)


def _may_view(session: Session, actor: Actor, application: Application, interview_id: int | None = None) -> None:
    """Whoever may see the candidate may see their report; a panel member of the interview too."""
    if interview_id is not None and actor.user_id is not None and session.scalar(
            select(InterviewParticipant.id).where(InterviewParticipant.interview_id == interview_id,
                                                  InterviewParticipant.user_id == actor.user_id)) is not None:
        return
    department_id = session.scalar(select(Candidate.department_id).where(Candidate.id == application.candidate_id))
    require(session, actor, Action.CANDIDATE_VIEW, department_id)


def report_for_application(session: Session, actor: Actor, application_id: int,
                           locale: str = "zh_CN") -> MatchReport:
    application = session.get(Application, application_id)
    if application is None:
        raise NotFound("application", entity="application")
    _may_view(session, actor, application)
    return _report(session, application, locale)


def report_for_interview(session: Session, actor: Actor, interview_id: int, locale: str = "zh_CN") -> MatchReport:
    interview = session.get(Interview, interview_id)
    if interview is None:
        raise NotFound("interview", entity="interview")
    application = session.get(Application, interview.application_id)
    _may_view(session, actor, application, interview.id)
    return _report(session, application, locale)


def report_unchecked(session: Session, application_id: int, locale: str = "zh_CN") -> MatchReport:
    """The report for the reminder engine (it acts for nobody and words the alert for staff who may
    see it); never for showing to a user."""
    return _report(session, session.get(Application, application_id), locale)
