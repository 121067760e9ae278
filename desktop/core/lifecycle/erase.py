"""Erasing one person's personal data from the live database (a purge or an anonymisation).

What goes: the candidate's name (replaced by a neutral label "已清除 #<id>"), contacts, ID number,
birth date, profile texts; files (the contract documents: scans, signatures, issued PDFs — the only
files the live database holds); every free text written about them or by them (room notes,
scorecard remarks and comments, round decision reasons and summaries, their questions and the
answers, inbound messages, the offer letter's text, confirmation notes, interview notes and next
steps); and every occurrence of their name, phone, e-mail or ID number in the records around them
(outbox payloads and recipients, calendar items, timeline and application events, notices, alerts,
tasks, change requests, personal-data requests). Talent pool entries and tags are removed. What
stays: the rows themselves (so counts, dates and the decisions' signatures still hold), marked by
candidates.purged_at, and a PurgeTombstone with the counts. The archive (the dossiers in the archive
store and their register rows, archive_records) is not touched: it keeps what the archive policy
allows, for as long as the archive's own retention says. Signed decisions (a comment an approver
signed) are not changed either, or their signatures would read as forged. Messages to the person not
yet delivered are cancelled.

The audit log: entries are hash-chained, and older entries may carry the person's name or an
outbox recipient in the clear. Those entries are redacted — their `changes` replaced by
{"redacted": <seq>} — and one "redact" entry, appended to the chain, lists each redacted entry's
seq and hash, so `verify_chain` still proves the chain whole (desktop/core/audit.py). Every row the
purge changed gets a "baseline" entry with its new values (personal ones masked, as always), so
`db check` (desktop/core/reconcile.py) compares the live rows with what the log recorded.

The writes are plain UPDATE/DELETE statements, not ORM changes: an ORM update would log the old
values as "before". Versioned rows get their version bumped, so an editor holding one gets a
stale-write error instead of writing old data back.

After the transaction commits, `desktop.core.lifecycle.compaction.compact(db)` makes the removal
physical (SQLCipher: checkpoint and VACUUM; PostgreSQL: VACUUM of the tables touched).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import JSON, String, Text, Unicode, UnicodeText, delete, or_, select, update
from sqlalchemy.orm import Session

from desktop.core import audit
from desktop.core.errors import InvalidState, NotFound
from desktop.core.model import (
    Alert, Application, ApplicationEvent, Base, CalendarItem, Candidate, CandidateQuestion, ChangeRequest, Confirmation,
    Contract, ContractDocument, FollowUpTask, Gender, InboundMessage, Interview, InterviewNote, Notice, Offer,
    ArchiveRecord, OutboxEntry, OutboxState, PersonalDataRequest, PurgeRequest, PurgeTombstone, RoundDecision, Score, Scorecard, TalentPoolEntry, TimelineEvent,
    candidate_tags,
)
from desktop.core.model.system import AuditEntry
from desktop.core.sortkeys import name_sort_key
from desktop.core.storage.database import Actor

LABEL = "已清除 #{id}"

# Columns that hold only words about or by the person: emptied whatever they say.
FREE_TEXT: dict[type, tuple[str, ...]] = {
    Interview: ("notes", "next_step", "overtime_reason"),
    Scorecard: ("remarks", "reopen_reason"),
    Score: ("comment",),
    RoundDecision: ("reason", "feedback_summary"),
    CandidateQuestion: ("question", "answer"),
    InboundMessage: ("sender", "text"),
    Offer: ("body", "answer_note"),
    Confirmation: ("note",),
    PersonalDataRequest: ("note", "answer", "details"),
}


# Records whose text a signature covers (a decision's comment): changing them would make a valid
# signature look forged, so the erasure neither changes them nor redacts their entries.
SIGNED = ("Signature", "Decision", "PurgeDecision", "AuditEntry", "AuditHead")


# The records that can speak of a candidate: a mention of their name or contacts found through the
# audit log is scrubbed (and its entries redacted) only in these. Staff, departments, positions,
# rooms and settings are never touched: a colleague of the same name is not the candidate.
PERSON_RECORDS = frozenset({
    "Alert", "ApplicationEvent", "ArchiveRecord", "CalendarItem", "CandidateQuestion", "ChangeRequest", "Confirmation",
    "FollowUpTask", "InboundMessage", "Interview", "InterviewNote", "Notice", "Offer", "OutboxEntry",
    "PersonalDataRequest", "PurgeRequest", "RoundDecision", "Score", "Scorecard", "TimelineEvent",
})


def label_of(candidate_id: int) -> str:
    return LABEL.format(id=candidate_id)


@dataclass
class _Erasure:
    """One person's erasure in progress: what to look for, what to put instead, what was touched."""

    candidate_id: int
    values: tuple[str, ...]
    label: str
    changed: dict[type, set[int]] = field(default_factory=dict)
    deleted: dict[type, set[int]] = field(default_factory=dict)

    def replace(self, value: Any) -> Any:
        """The value with every personal value in it replaced by the label (JSON recursively)."""
        if isinstance(value, str):
            for secret in self.values:
                if secret in value:
                    value = value.replace(secret, self.label)
            return value
        if isinstance(value, dict):
            return {k: self.replace(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.replace(v) for v in value]
        return value


def _texts(model: type) -> list[Any]:
    """The columns of a table that can hold text (strings and JSON), keys left out."""
    return [c for c in model.__table__.columns
            if isinstance(c.type, (String, Text, Unicode, UnicodeText, JSON)) and not c.primary_key and not c.foreign_keys]


def _empty(column: Any) -> Any:
    if isinstance(column.type, JSON):
        return {} if column.default is None or column.default.arg is dict else []
    return "" if not column.nullable else None


def _scrub(session: Session, erasure: _Erasure, model: type, where: Any) -> int:
    """Empty the free texts and replace the personal values in every other text of the rows of
    `model` matched by `where`; returns how many rows matched."""
    table = model.__table__
    columns = _texts(model)
    blank = set(FREE_TEXT.get(model, ()))
    rows = session.execute(select(table.c.id, *columns).where(where)).all()
    versioned = "version" in table.c
    for row in rows:
        new: dict[str, Any] = {}
        for column in columns:
            value = getattr(row, column.key)
            if value is None:
                continue
            after = _empty(column) if column.key in blank else erasure.replace(value)
            if after != value:
                new[column.key] = after
        if new:
            if versioned:
                new["version"] = table.c.version + 1
            session.execute(update(table).where(table.c.id == row.id).values(**new))
            erasure.changed.setdefault(model, set()).add(row.id)
    return len(rows)


def _delete(session: Session, erasure: _Erasure, model: type, where: Any) -> int:
    table = model.__table__
    ids = list(session.scalars(select(table.c.id).where(where)))
    if ids:
        session.execute(delete(table).where(table.c.id.in_(ids)))
        erasure.deleted.setdefault(model, set()).update(ids)
    return len(ids)


def _in(column: Any, ids: Iterable[int]) -> Any:
    ids = list(ids)
    return column.in_(ids) if ids else column.is_(None) & column.is_not(None)   # matches nothing


def erase_candidate(session: Session, actor: Actor, candidate_id: int, *, record_class: str,
                    purge_request_id: int | None = None, reason: str = "") -> PurgeTombstone:
    """Remove the personal data of one candidate from the live database in the caller's transaction;
    returns the tombstone (counts and dates, no personal value). The caller decided that the
    erasure is allowed (a purge approved by two people, or an anonymisation confirmed)."""
    candidate = session.get(Candidate, candidate_id)
    if candidate is None:
        raise NotFound("candidate", entity="candidate")
    if candidate.purged_at is not None:
        raise InvalidState("already purged", status="purged")
    now = session.info["clock"].now()
    values = tuple(sorted({v for v in (candidate.name, candidate.phone, candidate.email, candidate.id_number)
                           if v and len(v.strip()) >= 2}, key=len, reverse=True))
    erasure = _Erasure(candidate_id, values, label_of(candidate_id))
    app_ids = list(session.scalars(select(Application.id).where(Application.candidate_id == candidate_id)))
    closed = [c for c in session.scalars(select(Application.closed_at).where(Application.candidate_id == candidate_id))
              if c is not None]
    interview_ids = list(session.scalars(select(Interview.id).where(_in(Interview.application_id, app_ids))))
    offer_ids = list(session.scalars(select(Offer.id).where(_in(Offer.application_id, app_ids))))
    contract_ids = list(session.scalars(select(Contract.id).where(_in(Contract.offer_id, offer_ids))))
    contacts = [v for v in (candidate.phone, candidate.email) if v]
    on_interviews = lambda column: _in(column, interview_ids)   # noqa: E731  (read as a phrase below)

    counts = {
        "applications": len(app_ids),
        "interviews": len(interview_ids),
        "offers": len(offer_ids),
        "contracts": len(contract_ids),
        "files": _delete(session, erasure, ContractDocument, _in(ContractDocument.contract_id, contract_ids)),
        "notes": _delete(session, erasure, InterviewNote, on_interviews(InterviewNote.interview_id)),
        "talent_pool": _delete(session, erasure, TalentPoolEntry, TalentPoolEntry.candidate_id == candidate_id),
    }
    session.execute(delete(candidate_tags).where(candidate_tags.c.candidate_id == candidate_id))
    scorecard_ids = list(session.scalars(select(Scorecard.id).where(on_interviews(Scorecard.interview_id))))
    counts["scorecards"] = _scrub(session, erasure, Scorecard, _in(Scorecard.id, scorecard_ids))
    _scrub(session, erasure, Score, _in(Score.scorecard_id, scorecard_ids))
    _scrub(session, erasure, Interview, _in(Interview.id, interview_ids))
    counts["decisions"] = _scrub(session, erasure, RoundDecision, _in(RoundDecision.application_id, app_ids))
    counts["questions"] = _scrub(session, erasure, CandidateQuestion, CandidateQuestion.candidate_id == candidate_id)
    counts["messages"] = _scrub(session, erasure, InboundMessage, or_(
        InboundMessage.candidate_id == candidate_id, _in(InboundMessage.sender, contacts)))
    _cancel_undelivered(session, erasure, contacts)
    counts["outbox"] = _scrub(session, erasure, OutboxEntry, or_(
        on_interviews(OutboxEntry.interview_id), _in(OutboxEntry.recipient, contacts)))
    _scrub(session, erasure, Offer, _in(Offer.id, offer_ids))
    _scrub(session, erasure, Confirmation, on_interviews(Confirmation.interview_id))
    for model in (CalendarItem, TimelineEvent, Alert, FollowUpTask, Notice, ChangeRequest):
        _scrub(session, erasure, model, on_interviews(model.interview_id))
    _scrub(session, erasure, ApplicationEvent, _in(ApplicationEvent.application_id, app_ids))
    # the register's entry of a dossier (its title names the person); the dossier file in the archive
    # store and the packages exported are the archive, and are not touched
    _scrub(session, erasure, ArchiveRecord, _in(ArchiveRecord.application_id, app_ids))
    _scrub(session, erasure, PersonalDataRequest, PersonalDataRequest.candidate_id == candidate_id)
    if purge_request_id is not None:
        _scrub(session, erasure, PurgeRequest, PurgeRequest.id == purge_request_id)
    _scrub_mentions(session, erasure)
    _erase_person(session, erasure, candidate)

    tombstone = PurgeTombstone(candidate_id=candidate_id, purge_request_id=purge_request_id, record_class=record_class,
                               closed_on=max(closed).date() if closed else None, purged_at=now,
                               purged_by_id=actor.user_id, counts=counts)
    _redact_log(session, erasure)
    session.add(tombstone)
    session.flush()
    session.expire_all()
    _baselines(session, erasure)
    return tombstone


def _cancel_undelivered(session: Session, erasure: _Erasure, contacts: list[str]) -> None:
    """Messages to the person not delivered yet are not sent to a label: they are cancelled."""
    table = OutboxEntry.__table__
    waiting = (OutboxState.PENDING.value, OutboxState.IN_PROGRESS.value, OutboxState.FAILED.value)
    ids = list(session.scalars(select(table.c.id).where(_in(table.c.recipient, contacts), table.c.state.in_(waiting))))
    if ids:
        session.execute(update(table).where(table.c.id.in_(ids)).values(
            state=OutboxState.CANCELLED.value, claimed_by=None, version=table.c.version + 1))
        erasure.changed.setdefault(OutboxEntry, set()).update(ids)


def _erase_person(session: Session, erasure: _Erasure, candidate: Candidate) -> None:
    table = Candidate.__table__
    session.execute(update(table).where(table.c.id == candidate.id).values(
        name=erasure.label, name_sort_key=name_sort_key(erasure.label), phone=None, phone_tail=None, email=None,
        id_number=None, birth_date=None, gender=Gender.UNSPECIFIED.value, school="", major="", experience="",
        skills="", certificates="", profile_extra={}, resume_summary="", talent_pool_consent=False,
        consent_date=None, purged_at=session.info["clock"].now(), updated_at=session.info["clock"].now(),
        version=table.c.version + 1))
    erasure.changed.setdefault(Candidate, set()).add(candidate.id)


def _json_forms(value: str) -> set[str]:
    """How a value can appear in stored JSON text: as it is, and with non-ASCII escaped."""
    return {value, json.dumps(value)[1:-1]}


def _mentions(session: Session, erasure: _Erasure) -> dict[int, tuple[int, str, str, str]]:
    """The audit entries that name one of the person's values: {id: (seq, hash, entity, entity id)}.
    Signed records are left out (see SIGNED)."""
    text = audit.changes_text(AuditEntry.changes)
    patterns = [f"%{form}%" for value in erasure.values for form in _json_forms(value)]
    if not patterns:
        return {}
    query = (select(AuditEntry.id, AuditEntry.seq, AuditEntry.hash, AuditEntry.entity, AuditEntry.entity_id)
             .where(AuditEntry.action != "redact", AuditEntry.entity.not_in(SIGNED),
                    or_(*(text.like(p) for p in patterns))))
    models = {m.class_.__name__ for m in Base.registry.mappers}
    # an event that changed no row (a search, an export) has no live record: its entry goes too
    return {row.id: (row.seq, row.hash, row.entity, row.entity_id) for row in session.execute(query)
            if row.entity in PERSON_RECORDS or row.entity not in models}


def _scrub_mentions(session: Session, erasure: _Erasure) -> None:
    """Rows outside the person's own records that the log shows naming them (a notice, an alert, an
    export record): their live texts are scrubbed too."""
    models = {m.class_.__name__: m.class_ for m in Base.registry.mappers}
    wanted: dict[type, set[int]] = {}
    for _seq, _hash, entity, entity_id in _mentions(session, erasure).values():
        model = models.get(entity)
        if entity not in PERSON_RECORDS or model is None or not entity_id.isdigit():
            continue
        wanted.setdefault(model, set()).add(int(entity_id))
    for model, ids in wanted.items():
        _scrub(session, erasure, model, model.__table__.c.id.in_(sorted(ids)))


def _redact_log(session: Session, erasure: _Erasure) -> None:
    """Redact every audit entry of the rows the erasure touched, and every entry that names one of
    the person's values anywhere (a row deleted long ago, an export record); then append the
    "redact" entry that lets the chain verify over them."""
    touched = {(m.__name__, str(i)) for kind in (erasure.changed, erasure.deleted) for m, ids in kind.items()
               for i in ids}
    touched.add(("Candidate", str(erasure.candidate_id)))
    found: dict[int, tuple[int, str]] = {}
    by_entity: dict[str, set[str]] = {}
    for entity, entity_id in touched:
        by_entity.setdefault(entity, set()).add(entity_id)
    base = select(AuditEntry.id, AuditEntry.seq, AuditEntry.hash).where(AuditEntry.action != "redact",
                                                                        AuditEntry.entity.not_in(SIGNED))
    for entity, ids in by_entity.items():
        ids = sorted(ids)
        for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
            for row in session.execute(base.where(AuditEntry.entity == entity, AuditEntry.entity_id.in_(chunk))):
                found[row.id] = (row.seq, row.hash)
    found.update({i: (seq, digest) for i, (seq, digest, _e, _r) in _mentions(session, erasure).items()})
    if found:
        audit.redact(session, found, purged_candidate=erasure.candidate_id)


def _baselines(session: Session, erasure: _Erasure) -> None:
    """What the log now knows of every row the erasure changed or deleted."""
    key = audit.digest_key_of(session)
    entries = []
    for model, ids in erasure.changed.items():
        for obj in session.scalars(select(model).where(model.id.in_(sorted(ids)))):
            entries.append(("baseline", model.__name__, str(obj.id), audit.created_changes(obj, key)))
    for model, ids in erasure.deleted.items():
        entries += [("baseline", model.__name__, str(i), {"deleted": True}) for i in sorted(ids)]
    audit.AuditWriter(session).append_many(entries)

