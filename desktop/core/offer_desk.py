"""What HR's applications panel shows of an application's offer and labour contract (issue 12 §3/§4):
the latest offer with its state and, once accepted, its contract. Read-only; the writes are in
desktop.core.offers, desktop.core.contract_issuing and desktop.integrations.documents.issuing.

API: for_application(session, actor, application_id) -> OfferDesk | None."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import offers
from desktop.core.model import Contract, Offer
from desktop.core.offers import OfferView
from desktop.core.storage.database import Actor


@dataclass(frozen=True)
class ContractRow:
    id: int
    contract_no: str
    status: str                         # issued, signed
    issued_at: datetime | None
    signed_at: datetime | None


@dataclass(frozen=True)
class OfferDesk:
    offer: OfferView
    contract: ContractRow | None
    steps: tuple[offers.OfferStep, ...] = ()     # its approval steps with their signatures

    @property
    def open(self) -> bool:
        return self.offer.status in {s.value for s in offers.OPEN}


def for_application(session: Session, actor: Actor, application_id: int) -> OfferDesk | None:
    """The application's latest offer (None if it never had one) and the contract issued for it.
    Raises PermissionDenied for a user who may not see the application's candidates."""
    offer_id = session.scalar(select(Offer.id).where(Offer.application_id == application_id)
                              .order_by(Offer.id.desc()).limit(1))
    if offer_id is None:
        return None
    view = offers.view(session, actor, offer_id)
    row = session.scalar(select(Contract).where(Contract.offer_id == offer_id).order_by(Contract.id.desc()).limit(1))
    contract = None if row is None else ContractRow(row.id, row.contract_no, row.status, row.issued_at, row.signed_at)
    return OfferDesk(view, contract, tuple(offers.steps_with_signatures(session, offer_id)))
