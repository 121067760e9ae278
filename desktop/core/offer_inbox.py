"""The approver's offers (录用审批, issue 12 §3): offers pending approval whose current step this user
may decide — in their own right, for an absent approver, or as the deputy after the deadline
(chains.standing, as offers.decide checks it). The candidate's name is masked for a viewer who may
not see the department's candidates, as on every other list.

API: offer_inbox(session, actor) -> list[OfferEntry]; deciding is offers.decide."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.core.model import (
    Application, ApplicationEvent, ApprovalChain, Candidate, Offer, OfferStatus, Position, User,
)
from desktop.core.offers import OfferStep, PayLine, steps_with_signatures
from desktop.core.scheduling import chains
from desktop.core.services.overview import Rights, rights
from desktop.core.storage.database import Actor


@dataclass(frozen=True)
class OfferEntry:
    offer_id: int
    version: int
    application_id: int
    candidate: str              # masked unless the viewer may see the department's candidates
    position: str
    pay: tuple[PayLine, ...]
    start_date: date | None
    probation_months: int
    work_place: str
    reply_by: datetime | None
    step: int
    step_kind: str              # approve / file / confirm
    step_role: str              # a role code, or "named"
    step_count: int
    step_due_at: datetime | None
    acting_for: str             # the absent approver's name when deciding for them
    submitted_by: str
    submitted_at: datetime | None
    history: tuple[OfferStep, ...] = ()     # the steps decided so far, with their signatures


def offer_inbox(session: Session, actor: Actor) -> list[OfferEntry]:
    now = session.info["clock"].now()
    rows = session.execute(
        select(Offer, Candidate.name, Position.title, Position.department_id)
        .join(Application, Application.id == Offer.application_id)
        .join(Candidate, Candidate.id == Application.candidate_id)
        .join(Position, Position.id == Application.position_id)
        .where(Offer.status == OfferStatus.PENDING_APPROVAL).order_by(Offer.id)).all()
    found, seen_rights = [], {}
    names: dict[int, str] | None = None
    for offer, name, title, department_id in rows:
        chain = session.scalar(select(ApprovalChain).options(selectinload(ApprovalChain.steps))
                               .where(ApprovalChain.id == offer.chain_id)) if offer.chain_id else None
        step = next((s for s in chain.steps if s.position == offer.current_step), None) if chain else None
        if step is None:
            continue
        who = chains.standing(session, actor, step, department_id, now, offer.step_due_at)
        if not who.allowed:
            continue
        if names is None:
            names = dict(session.execute(select(User.id, User.display_name)).all())
        may: Rights = seen_rights.setdefault(department_id, rights(session, actor, department_id))
        submitted = _submitted(session, offer)
        found.append(OfferEntry(
            offer.id, offer.version, offer.application_id, may.name(name), title,
            tuple(PayLine(*line) for line in offer.pay), offer.start_date, offer.probation_months, offer.work_place,
            offer.reply_by, step.position, step.kind.value, step.role.value if step.role else "named",
            len(chain.steps), offer.step_due_at, names.get(who.acting_for, "") if who.acting_for else "",
            submitted.actor_label if submitted else "", submitted.at if submitted else None,
            tuple(steps_with_signatures(session, offer.id))))
    return found


def _submitted(session: Session, offer: Offer) -> ApplicationEvent | None:
    """The latest submission (an offer returned to HR may be submitted again)."""
    events = session.scalars(select(ApplicationEvent).where(
        ApplicationEvent.application_id == offer.application_id, ApplicationEvent.kind == "offer_submitted")
        .order_by(ApplicationEvent.at.desc(), ApplicationEvent.id.desc())).all()
    return next((e for e in events if (e.detail or {}).get("offer_id") == offer.id), None)
