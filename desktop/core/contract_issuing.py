"""Issuing and signing labour contracts (劳动合同, issue 12 §4).

- Contract templates are stored in versions (contract_templates): saving checks 劳动合同法 第十七条
  (desktop.core.contracts.check_template) and writes the next version; a saved version never changes,
  so an issued contract keeps the exact template it was filled from. Nothing saved: the shipped
  contracts.DEFAULT_TEMPLATE.
- Issuing (desktop.integrations.documents.issuing.issue_contract, which renders and signs): prepare_issue
  fills the current template for an accepted offer (offer, candidate, position and the institution's
  contracts.* settings plus what HR enters) and checks 第十七条 again for this person, writing nothing;
  record_issued stores the institution-signed PDF in the encrypted database (SQLCipher / the server)
  with the timeline event. Every refusal comes before the first write.
- The candidate signs in person: attach_candidate_signature stores the signed scan (PDF/image) or the
  signature image captured on a pad, with its time.
- Opening: issued_document gives the stored signed PDF that issuing.verify_contract validates (pyHanko).

Every write is audited by the session; the application's timeline gets contract_issued and
contract_signed events."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import contracts, settings
from desktop.core.contracts import Clause, ContractTemplate
from desktop.core.errors import InvalidState, NotFound, ValidationFailed
from desktop.core.model import (
    Application, ApplicationEvent, Contract, ContractDocument, ContractTemplateRow, Offer, OfferStatus,
)
from desktop.core.permissions import Action, require
from desktop.core.storage.database import Actor
from desktop.core.validation import text_problem

KINDS = ("fixed_term", "open_ended", "project")
MAX_PROBATION_MONTHS = 6                      # 劳动合同法 第十九条
MEDIA_TYPES = {"scan": ("application/pdf", "image/png", "image/jpeg"), "signature": ("image/png", "image/jpeg")}
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
NAME_MAX, TITLE_MAX, CLAUSE_MAX, TERM_MAX = 100, 100, 4000, 500


@dataclass(frozen=True)
class ContractTerms:
    """What HR enters when issuing; the rest comes from the offer, the candidate and the settings."""
    kind: str                       # fixed_term / open_ended / project
    starts_on: date
    ends_on: date | None
    probation_months: int
    job_content: str
    work_place: str
    employee_address: str
    pay: str = ""                   # empty: the offer's salary


@dataclass(frozen=True)
class IssuedContract:
    id: int
    contract_no: str
    template_name: str
    template_version: int
    issued_at: datetime
    pdf_sha256: str


@dataclass(frozen=True)
class ContractCheck:
    contract_id: int
    status: str                     # signing.SignatureCheck.status: valid, tampered, modified, untrusted, ...
    signer: str
    issued_at: datetime | None
    candidate_signed_at: datetime | None

    @property
    def ok(self) -> bool:
        return self.status == "valid"


# --- templates ---------------------------------------------------------------------------------

def _as_template(row: ContractTemplateRow) -> ContractTemplate:
    return ContractTemplate(row.name, row.version, row.title, tuple(Clause(h, t) for h, t in row.clauses))


def _current_row(session: Session) -> ContractTemplateRow | None:
    return session.scalar(select(ContractTemplateRow).where(ContractTemplateRow.is_current)
                          .order_by(ContractTemplateRow.id.desc()).limit(1))


def current_template(session: Session) -> ContractTemplate:
    """The template a contract is issued from now (the shipped default until one is saved)."""
    row = _current_row(session)
    return contracts.DEFAULT_TEMPLATE if row is None else _as_template(row)


def save_template(session: Session, actor: Actor, name: str, title: str,
                  clauses: tuple[tuple[str, str], ...]) -> ContractTemplate:
    """Save the institution's contract template as its next version. Raises ValidationFailed (name,
    title, clauses, template placeholders) or ContractIncomplete naming the missing 第十七条 items."""
    require(session, actor, Action.SETTINGS_MANAGE)
    name, title = (name or "").strip(), (title or "").strip()
    problems = {}
    if text_problem(name, NAME_MAX) or not name:
        problems["name"] = "required" if not name else "invalid"
    if text_problem(title, TITLE_MAX) or not title:
        problems["title"] = "required" if not title else "invalid"
    if not clauses or any(len(h) > TITLE_MAX or len(t) > CLAUSE_MAX or not (h.strip() or t.strip())
                          for h, t in clauses):
        problems["clauses"] = "invalid"
    if problems:
        raise ValidationFailed(problems)
    draft = ContractTemplate(name, 0, title, tuple(Clause(h.strip(), t.strip()) for h, t in clauses))
    contracts.check_template(draft)
    latest = session.scalar(select(ContractTemplateRow.version).where(ContractTemplateRow.name == name)
                            .order_by(ContractTemplateRow.version.desc()).limit(1)) or 0
    for row in session.scalars(select(ContractTemplateRow).where(ContractTemplateRow.is_current)):
        row.is_current = False
    row = ContractTemplateRow(name=name, version=latest + 1, is_current=True, title=title,
                              clauses=[[c.heading, c.text] for c in draft.clauses],
                              created_at=session.info["clock"].now(), created_by_id=actor.user_id)
    session.add(row)
    session.flush()
    return _as_template(row)


HEADING_MARK = "== "


def template_text(template: ContractTemplate) -> str:
    """The template as the administrator edits it: the title on the first line, then each clause as a
    line "== heading" followed by its text ({field} placeholders, see contracts.FIELD_LABELS)."""
    parts = [template.title]
    for clause in template.clauses:
        parts += ["", HEADING_MARK + clause.heading, clause.text]
    return "\n".join(parts) + "\n"


def parse_template_text(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """(title, clauses) from template_text's format; ValidationFailed {"clauses": "format"} when there
    is no title or text stands before the first clause heading."""
    lines = (text or "").replace("\r\n", "\n").split("\n")
    title, rest = lines[0].strip(), lines[1:]
    if not title or title.startswith(HEADING_MARK.strip()):
        raise ValidationFailed({"title": "required"})
    clauses: list[list[str]] = []
    for line in rest:
        if line.startswith(HEADING_MARK.strip()):
            clauses.append([line[len(HEADING_MARK.strip()):].strip(), ""])
        elif clauses:
            clauses[-1][1] += line + "\n"
        elif line.strip():
            raise ValidationFailed({"clauses": "format"})
    return title, tuple((h, t.strip()) for h, t in clauses)


# --- issuing -----------------------------------------------------------------------------------

def _cn_date(d: date) -> str:
    return f"{d.year} 年 {d.month} 月 {d.day} 日"


def _term_text(terms: ContractTerms) -> str:
    if terms.kind == "fixed_term":
        return f"固定期限，自 {_cn_date(terms.starts_on)}起至 {_cn_date(terms.ends_on)}止"
    if terms.kind == "open_ended":
        return f"无固定期限，自 {_cn_date(terms.starts_on)}起"
    return f"以完成一定工作任务为期限，自 {_cn_date(terms.starts_on)}起至工作任务完成时止"


def _terms_problems(terms: ContractTerms) -> dict[str, str]:
    problems = {}
    if terms.kind not in KINDS:
        problems["kind"] = "choice"
    if terms.kind == "fixed_term" and terms.ends_on is None:
        problems["ends_on"] = "required"
    elif terms.ends_on is not None and terms.ends_on <= terms.starts_on:
        problems["ends_on"] = "before_start"
    if not 0 <= terms.probation_months <= MAX_PROBATION_MONTHS:
        problems["probation_months"] = "range"
    for field in ("job_content", "work_place", "employee_address", "pay"):
        if text_problem(getattr(terms, field) or "", TERM_MAX):
            problems[field] = "invalid"
    return problems


def _offer_pay(offer: Offer) -> str:
    """The offer's salary structure with its amounts ("岗位工资 2,800 元/月、…"); offer.salary holds only
    the labels, so it is the fallback for offers recorded without their pay lines."""
    lines = []
    for line in offer.pay or ():
        label, amount, note = (list(line) + ["", "", ""])[:3]
        if label:
            lines.append(f"{label} {amount}".strip() + (f"（{note}）" if note else ""))
    return "、".join(lines) or offer.salary


def _values(session: Session, offer: Offer, app: Application, terms: ContractTerms) -> dict[str, str]:
    value = lambda key: str(settings.institution_value(session, key) or "")  # noqa: E731
    cand = app.candidate
    return {
        "employer_name": value("office.name"), "employer_address": value("contracts.employer_address"),
        "employer_representative": value("contracts.employer_representative"),
        "employee_name": cand.name, "employee_address": terms.employee_address,
        "employee_id_number": cand.id_number or "",
        "contract_term": _term_text(terms),
        "probation": f"{terms.probation_months} 个月" if terms.probation_months else "无",
        "position": app.position.title, "job_content": terms.job_content, "work_place": terms.work_place,
        "working_hours": value("contracts.working_hours"), "rest_and_leave": value("contracts.rest_and_leave"),
        "pay": terms.pay or _offer_pay(offer), "social_insurance": value("contracts.social_insurance"),
        "labour_protection": value("contracts.labour_protection"),
        "other_legal_matters": value("contracts.other_legal_matters"),
        "signing_place": value("contracts.signing_place"),
    }


@dataclass(frozen=True)
class PreparedContract:
    """A contract checked and filled, not yet written: what desktop.integrations.documents.issuing
    renders and signs before record_issued writes it."""
    offer_id: int
    application_id: int
    template_id: int | None
    terms: ContractTerms
    filled: contracts.FilledContract
    signing_place: str


def prepare_issue(session: Session, actor: Actor, offer_id: int, terms: ContractTerms) -> PreparedContract:
    """Every check of issuing, nothing written. Raises NotFound, PermissionDenied, InvalidState (offer
    not accepted, contract already issued), ValidationFailed, or ContractIncomplete (a 第十七条 item
    missing from the template or not filled for this person, each named)."""
    offer = session.get(Offer, offer_id)
    if offer is None:
        raise NotFound("offer")
    app = session.get(Application, offer.application_id)
    require(session, actor, Action.POSITION_EDIT, app.position.department_id)
    if offer.status != OfferStatus.ACCEPTED:
        raise InvalidState("offer not accepted", status=offer.status.value)
    if session.scalar(select(Contract.id).where(Contract.offer_id == offer.id).limit(1)) is not None:
        raise InvalidState("contract already issued")
    problems = _terms_problems(terms)
    if problems:
        raise ValidationFailed(problems)
    row = _current_row(session)
    template = contracts.DEFAULT_TEMPLATE if row is None else _as_template(row)
    filled = contracts.fill(template, _values(session, offer, app, terms))
    return PreparedContract(offer.id, app.id, None if row is None else row.id, terms, filled,
                            str(settings.institution_value(session, "contracts.signing_place") or ""))


def record_issued(session: Session, actor: Actor, prepared: PreparedContract, signed_pdf: bytes) -> IssuedContract:
    """Write the contract with its institution-signed PDF (kept in the encrypted database) and the
    timeline event, in the caller's transaction."""
    now = session.info["clock"].now()
    terms = prepared.terms
    contract = Contract(offer_id=prepared.offer_id, contract_no=f"HT{now:%Y%m%d}-{prepared.offer_id:05d}",
                        kind=terms.kind, starts_on=terms.starts_on, ends_on=terms.ends_on,
                        probation_months=terms.probation_months, status="issued", template_id=prepared.template_id,
                        issued_at=now, issued_by_id=actor.user_id)
    session.add(contract)
    session.flush()
    digest = hashlib.sha256(signed_pdf).hexdigest()
    session.add(ContractDocument(contract_id=contract.id, kind="issued", media_type="application/pdf",
                                 data=signed_pdf, sha256=digest, added_at=now, added_by_id=actor.user_id))
    filled = prepared.filled
    session.add(ApplicationEvent(application_id=prepared.application_id, at=now, kind="contract_issued",
                                 actor_id=actor.user_id, actor_label=actor.label,
                                 detail={"contract_id": contract.id, "contract_no": contract.contract_no,
                                         "template": filled.template_name,
                                         "template_version": filled.template_version}))
    session.flush()
    return IssuedContract(contract.id, contract.contract_no, filled.template_name, filled.template_version, now,
                          digest)


# --- the candidate's signature, and opening a signed contract ------------------------------------

def _contract(session: Session, actor: Actor, contract_id: int, action: Action) -> tuple[Contract, Application]:
    contract = session.get(Contract, contract_id)
    if contract is None:
        raise NotFound("contract")
    app = session.get(Application, session.get(Offer, contract.offer_id).application_id)
    require(session, actor, action, app.position.department_id)
    return contract, app


def _media_type(data: bytes) -> str:
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    return ""


def attach_candidate_signature(session: Session, actor: Actor, contract_id: int, kind: str,
                               data: bytes) -> datetime:
    """Store the candidate's signed scan (kind "scan": PDF, PNG or JPEG) or signature image (kind
    "signature": PNG or JPEG) and mark the contract signed at the session clock's time."""
    contract, app = _contract(session, actor, contract_id, Action.POSITION_EDIT)
    media = _media_type(data or b"")
    if kind not in MEDIA_TYPES:
        raise ValidationFailed({"kind": "choice"})
    if not data or len(data) > MAX_DOCUMENT_BYTES:
        raise ValidationFailed({"file": "empty" if not data else "too_large"})
    if media not in MEDIA_TYPES[kind]:
        raise ValidationFailed({"file": "type"})
    if contract.status not in ("issued", "signed"):
        raise InvalidState("contract not issued", status=contract.status)
    now = session.info["clock"].now()
    session.add(ContractDocument(contract_id=contract.id, kind=kind, media_type=media, data=data,
                                 sha256=hashlib.sha256(data).hexdigest(), added_at=now, added_by_id=actor.user_id))
    if contract.signed_at is None:
        contract.signed_at = now
    contract.status = "signed"
    session.add(ApplicationEvent(application_id=app.id, at=now, kind="contract_signed", actor_id=actor.user_id,
                                 actor_label=actor.label, detail={"contract_id": contract.id, "document": kind}))
    session.flush()
    return now


def issued_document(session: Session, actor: Actor, contract_id: int) -> tuple[Contract, ContractDocument | None]:
    """The contract and its stored institution-signed PDF (None if there is none)."""
    contract, _app = _contract(session, actor, contract_id, Action.CANDIDATE_VIEW)
    doc = session.scalar(select(ContractDocument).where(ContractDocument.contract_id == contract.id,
                                                        ContractDocument.kind == "issued"))
    return contract, doc


def contract_pdf(session: Session, actor: Actor, contract_id: int) -> bytes:
    """The issued, institution-signed PDF as stored (to show or print after verifying it)."""
    _contract_row, doc = issued_document(session, actor, contract_id)
    if doc is None:
        raise NotFound("contract document")
    return doc.data
