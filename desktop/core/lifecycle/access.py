"""What an access request (个人信息查阅、复制) gives the candidate: their personal information as
the institution holds it, as plain JSON-able data in sections. desktop/integrations/documents/
personal_data.py makes the readable PDF and the JSON file of it.

Included: the record they gave us (in clear: it is their own), their applications with each stage
change, their interviews (time, round, place, status, arrival), their confirmations, the questions they
asked with our answers, their survey answers, the messages we sent them (kind, channel, when, not the
texts), their talent-pool entry and their personal-data requests. Not included, and said so in the
copy: the interviewers' internal evaluations (scores and remarks), which are the institution's
assessment records rather than information the candidate provided.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import settings
from desktop.core.model import (
    Application, ApplicationEvent, Candidate, CandidateQuestion, Confirmation, Department, Interview, OutboxEntry,
    Party, PersonalDataRequest, Position, Room, Round, SurveyResponse, TalentPoolEntry,
)
from desktop.core.scheduling.office import OfficeHours

FORMAT = "interviewdesk.personal_data/1"
PROFILE = ("name", "gender", "phone", "email", "id_number", "birth_date", "education", "school", "major",
           "years_experience", "experience", "skills", "certificates", "resume_summary", "source_channel")


def _value(value: Any) -> Any:
    if hasattr(value, "value"):        # an enum
        return value.value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def _local(hours: OfficeHours, moment: datetime | None) -> str:
    return hours.local(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def personal_data(session: Session, candidate_id: int, request_id: int | None = None) -> dict[str, Any]:
    """The candidate's data in sections (times in office time, "YYYY-MM-DD HH:MM")."""
    hours = OfficeHours.load(session)
    c = session.get(Candidate, candidate_id)
    now = session.info["clock"].now()
    profile = {k: _value(getattr(c, k)) for k in PROFILE}
    profile["profile_extra"] = dict(c.profile_extra or {})
    profile["talent_pool_consent"] = c.talent_pool_consent
    profile["consent_date"] = _value(c.consent_date)
    profile["restricted"] = c.restricted
    profile["recorded_at"] = _local(hours, c.created_at)
    profile["updated_at"] = _local(hours, c.updated_at)
    applications = []
    app_rows = session.execute(select(Application, Position.title, Department.name)
                               .join(Position, Position.id == Application.position_id)
                               .outerjoin(Department, Department.id == Position.department_id)
                               .where(Application.candidate_id == c.id).order_by(Application.applied_at)).all()
    app_ids = [a.id for a, _t, _d in app_rows]
    events: dict[int, list] = {}
    for e in session.scalars(select(ApplicationEvent).where(ApplicationEvent.application_id.in_(app_ids))
                             .order_by(ApplicationEvent.at)):
        events.setdefault(e.application_id, []).append(
            {"at": _local(hours, e.at), "kind": e.kind, "stage": str((e.detail or {}).get("to") or "")})
    interviews: dict[int, list] = {}
    interview_rows = session.execute(
        select(Interview, Round.name, Room.name).join(Round, Round.id == Interview.round_id)
        .outerjoin(Room, Room.id == Interview.room_id).where(Interview.application_id.in_(app_ids))
        .order_by(Interview.starts_at)).all()
    interview_ids = [i.id for i, _r, _room in interview_rows]
    confirmations: dict[int, list] = {}
    for f in session.scalars(select(Confirmation).where(Confirmation.interview_id.in_(interview_ids),
                                                        Confirmation.party == Party.CANDIDATE)
                             .order_by(Confirmation.confirmed_at)):
        confirmations.setdefault(f.interview_id, []).append(
            {"at": _local(hours, f.confirmed_at), "channel": _value(f.channel)})
    for i, round_name, room in interview_rows:
        interviews.setdefault(i.application_id, []).append({
            "round": round_name, "starts_at": _local(hours, i.starts_at), "minutes": i.duration_minutes,
            "mode": _value(i.mode), "room": room or "", "status": _value(i.status),
            "checked_in_at": _local(hours, i.checked_in_at), "confirmations": confirmations.get(i.id, [])})
    for a, title, department in app_rows:
        applications.append({"position": title, "department": department or "", "stage": _value(a.stage),
                             "source": a.source, "applied_at": _local(hours, a.applied_at),
                             "closed_at": _local(hours, a.closed_at), "history": events.get(a.id, []),
                             "interviews": interviews.get(a.id, [])})
    questions = [{"asked_at": _local(hours, q.asked_at), "question": q.question, "answer": q.answer,
                  "answered_at": _local(hours, q.answered_at)}
                 for q in session.scalars(select(CandidateQuestion).where(CandidateQuestion.candidate_id == c.id)
                                          .order_by(CandidateQuestion.asked_at))]
    surveys = [{"received_at": _local(hours, s.received_at), "questions": list(s.questions or []),
                "answers": list(s.answers or [])}
               for s in session.scalars(select(SurveyResponse).where(SurveyResponse.candidate_id == c.id)
                                        .order_by(SurveyResponse.received_at))]
    addresses = [a for a in (c.email, c.phone) if a]
    messages = [
        {"at": _local(hours, m.created_at), "channel": m.channel, "kind": m.kind, "state": _value(m.state),
         "sent_at": _local(hours, m.sent_at)}
        for m in session.scalars(select(OutboxEntry).where(OutboxEntry.recipient.in_(addresses),
                                                           OutboxEntry.channel.in_(("email", "sms")))
                                 .order_by(OutboxEntry.created_at))] if addresses else []
    pool = session.scalar(select(TalentPoolEntry).where(TalentPoolEntry.candidate_id == c.id))
    requests = [{"kind": r.kind, "received_on": hours.local(r.received_at).date().isoformat(), "status": r.status,
                 "outcome": r.outcome}
                for r in session.scalars(select(PersonalDataRequest).where(PersonalDataRequest.candidate_id == c.id)
                                         .order_by(PersonalDataRequest.received_at))]
    return {
        "format": FORMAT, "produced_at": _local(hours, now), "request_id": request_id,
        "institution": str(settings.institution_value(session, "office.name") or ""),
        "profile": profile, "applications": applications, "questions": questions, "surveys": surveys,
        "messages": messages,
        "talent_pool": {"added_at": _local(hours, pool.added_at), "follow_up_on": _value(pool.follow_up_on)}
        if pool else None,
        "requests": requests,
        "not_included": "interview_evaluations",
    }
