"""Dossiers (面试档案, issue 13 §2): one PDF/A-1b document per application (candidate × position),
produced when the application closes (已录用 / 未录用 / 撤回) or on demand.

How it is made
- `record_of` reads everything the archive keeps of the application into plain, already worded
  (Chinese) values: the candidate as the archive policy allows (archive.include_contacts: masked,
  full or none), the position, the application's own timeline, every round (the schedule's history
  with each change, its requester and every approval decision with its signer, time, comment and
  signature state from signing.check; confirmations and the interview's timeline; attendance;
  scorecards and the round's decision; the candidate's questions and their answers), offers and
  contracts, and earlier dossiers of the same candidate. Its canonical JSON's SHA-256 is the
  dossier's `source_sha256`: the same record gives the same digest.
- `render` lays that record out with reportlab (the shipped CJK TrueType font, embedded; A4; long
  tables repeat their header over page breaks; one bookmark per section and round) and makes the
  file PDF/A-1b: an sRGB OutputIntent (desktop/core/archive/icc.py), XMP metadata in step with the
  document information dictionary (dc:title, dc:identifier = 档号, dc:creator, xmp:CreateDate =
  the formation date, xmp:ModifyDate = the record's last change, pdfaid part 1 / B, and the
  retention period, classification and source digest as properties of a described extension
  schema), no transparency, no encryption. Nothing in the file depends on the time it is rendered:
  reportlab runs invariant, the document ID is derived from the source digest and the last page
  prints who produced the dossier FIRST and when (from the register row when there is one). So the
  same record renders the same bytes, and a regenerated dossier has the same SHA-256.
- `produce` renders, writes the PDF into the archive store (the archive.folder setting, default
  <data dir>/archive) atomically and fills the register row (archive_records). A changed record
  writes a new file (the 档号 stays; the file name carries the first 12 digits of the PDF's digest,
  so an earlier file exported in a package is never overwritten) and updates the row; an unchanged
  one leaves both as they are.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.core import audit, settings, signing
from desktop.core.archive.icc import srgb_profile
from desktop.core.errors import DeskError, DossierUnavailable, InvalidState, NotFound, ValidationFailed
from desktop.core.failures import typed_failure
from desktop.core.lifecycle import retention
from desktop.core.model import (
    CLOSED_STAGES, Application, ApplicationEvent, ApplicationStage, ArchiveRecord, Candidate, CandidateQuestion,
    ChangeRequest, Confirmation, Contract, Decision, Department, Interview, Offer, Position, RetentionPolicy,
    Room, Round, RoundDecision, Score, Scorecard, ScorecardCriterion, Signature, TimelineEvent, User,
)
from desktop.core.paths import app_dirs, resources_dir
from desktop.core.permissions import Action, allowed, require
from desktop.core.storage.database import Actor
from desktop.core.validation import mask_email, mask_id_number, mask_phone

PRODUCER = "InterviewDesk 面试协同台"
AUTOMATIC = "系统（应聘结束时自动生成）"   # the producer printed when the minute job made the dossier
REASONS = ("closed", "on_demand")
# 保管期限 by the class of the closed application when no retention policy names the class
# (Settings → retention; issue 13 §4: not hired 5 years from closing). An open application
# produced on demand is filed like one not (yet) hired.
log = logging.getLogger(__name__)
XMP_NAMESPACE = "http://interviewdesk.cn/ns/archive/1.0/"


@dataclass(frozen=True)
class SignedDecision:
    """One signed approval decision, for an archive package's signatures file: the exact values
    signing.signed_text covers, so it verifies with the signer's public key alone."""

    subject: str
    subject_id: int
    signer_id: int
    signer_name: str
    key_id: str
    content_sha256: str
    verdict: str
    comment: str
    signed_at: datetime
    signature: str


@dataclass(frozen=True)
class Dossier:
    archive_code: str            # 档号, stable per application: MS-<year formed>-<department code>-<application id:06d>
    title: str                   # 题名
    application_id: int
    formed_on: date              # 形成日期: the closing day (today when produced on demand while open)
    retention_label: str         # 保管期限 as printed: "5年", "30年", "永久"
    department_code: str
    creator: str                 # 责任者: the institution (office.name) / the department
    classification: str          # 密级 (archive.classification, default 内部)
    related: tuple[str, ...]     # 关联关系: offer / contract references, earlier dossiers
    pdf: bytes
    pages: int
    source_sha256: str           # digest of the record it was made from
    signed: tuple[SignedDecision, ...]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.pdf).hexdigest()


# --- words ---------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _zh_labels() -> dict[str, str]:
    """The Chinese words of desktop/core/labels.py, read from the project's own translation file:
    a dossier is Chinese whatever language the user's screen is in, and is the same every time."""
    words: dict[str, str] = {}
    path = resources_dir() / "i18n" / "interviewdesk_zh_CN.ts"
    for context in ET.parse(path).getroot().iter("context"):
        if context.findtext("name") != "Labels":
            continue
        for message in context.iter("message"):
            source, text = message.findtext("source") or "", message.find("translation")
            if text is not None and text.text and text.get("type") not in ("unfinished", "obsolete"):
                words[source] = text.text
    return words


def _zh(table: str, code: str | None) -> str:
    """The Chinese word of a stored code, from one of desktop/core/labels.py's tables (by name,
    e.g. "_STAGES"); a code the tables do not know is printed as it is."""
    from desktop.core import labels

    if not code:
        return ""
    source = getattr(labels, table).get(code)
    return _zh_labels().get(source, source) if source else code


# --- the record ----------------------------------------------------------------------------------

def _zone(session: Session) -> ZoneInfo:
    return ZoneInfo(str(settings.institution_value(session, "office.timezone") or "Asia/Shanghai"))


class _Words:
    """Formats the record's values for print: times in the office's zone, users by name."""

    def __init__(self, session: Session) -> None:
        self.session, self.zone = session, _zone(session)
        self._users: dict[int, str] = {}
        self.latest: datetime | None = None      # the record's last change, for xmp:ModifyDate

    def at(self, value: datetime | None) -> str:
        if value is None:
            return ""
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        if self.latest is None or value > self.latest:
            self.latest = value
        return value.astimezone(self.zone).strftime("%Y-%m-%d %H:%M")

    def day(self, value: date | None) -> str:
        return value.isoformat() if value else ""

    def user(self, user_id: int | None, fallback: str = "") -> str:
        if user_id is None:
            return fallback
        if user_id not in self._users:
            user = self.session.get(User, user_id)
            self._users[user_id] = user.display_name if user is not None else f"#{user_id}"
        return self._users[user_id]


SIGNATURE_WORDS = {"valid": "签名有效", "invalid": "签名无效（签名后内容被改动）", "unsigned": "未签名"}


def _signature(session: Session, words: _Words, subject: str, subject_id: int, content_sha256: str,
               verdict: str, comment: str, signed: list[SignedDecision],
               state: signing.SignatureCheck | None = None) -> str:
    """The decision's signature state as printed (`state`: as the approvals pages check it, which
    also compares the approver, the time and the request as it is now); a valid signature also goes
    into `signed`."""
    state = state or signing.check(session, subject, subject_id, content_sha256, verdict, comment)
    if state.valid:
        row = session.scalar(select(Signature).where(Signature.subject == subject, Signature.subject_id == subject_id)
                             .order_by(Signature.id.desc()).limit(1))
        signed.append(SignedDecision(subject, subject_id, row.signer_id, words.user(row.signer_id), row.key_id,
                                     row.content_sha256, row.verdict, row.comment, row.signed_at, row.signature))
        return f"{SIGNATURE_WORDS['valid']}（密钥 {row.key_id[:8]}）"
    return SIGNATURE_WORDS.get(state.state, state.state)


def _contacts(candidate: Candidate, policy: str) -> list[tuple[str, str]]:
    if policy == "none":
        return []
    if policy == "full":
        return [("手机", candidate.phone or ""), ("电子邮箱", candidate.email or ""),
                ("身份证号", candidate.id_number or "")]
    return [("手机", mask_phone(candidate.phone)), ("电子邮箱", mask_email(candidate.email)),
            ("身份证号", mask_id_number(candidate.id_number))]


def _change_text(session: Session, words: _Words, values: dict[str, Any]) -> str:
    parts = []
    if values.get("starts_at"):
        parts.append(words.at(datetime.fromisoformat(values["starts_at"])))
    if values.get("duration_minutes"):
        parts.append(f"{values['duration_minutes']}分钟")
    if values.get("room_id"):
        room = session.get(Room, values["room_id"])
        parts.append(room.name if room else f"会议室#{values['room_id']}")
    elif values.get("mode") == "video":
        parts.append("视频面试")
    if values.get("interviewer_ids"):
        parts.append("面试官：" + "、".join(words.user(u) for u in values["interviewer_ids"]))
    if values.get("status") == "cancelled":
        parts.append("取消")
    return "；".join(parts)


# the keys of event details worth printing, and how their values are worded
_DETAIL_KEYS = {"before": ("原阶段", "_STAGES"), "stage": ("新阶段", "_STAGES"), "verdict": ("意见", "_VERDICTS"),
                "party": ("一方", "_PARTIES"), "channel": ("渠道", "_CHANNELS"), "reason": ("理由", ""),
                "comment": ("批示", ""), "note": ("备注", ""), "chain": ("审批链", ""), "step": ("步骤", ""),
                "minutes": ("分钟", ""), "role": ("身份", "_ROLES"), "kind": ("类别", "_CHANGE_KINDS")}


def _detail_text(detail: dict[str, Any]) -> str:
    """The printable part of an event's detail, in words (ids and technical keys are left out)."""
    shown = []
    for key, (label, table) in _DETAIL_KEYS.items():
        value = detail.get(key)
        if value in (None, "") or isinstance(value, (dict, list)):
            continue
        shown.append(f"{label}：{_zh(table, str(value)) if table else value}")
    return "；".join(shown)[:300]


def _round_record(session: Session, words: _Words, interview: Interview, signed: list[SignedDecision]) -> dict:
    from desktop.core.scheduling import changes as changes_service   # imported here: it leads back to this module
    rnd = session.get(Round, interview.round_id)
    room = session.get(Room, interview.room_id) if interview.room_id else None
    place = room.name if room else ("视频面试" if interview.mode.value == "video" else "")
    participants = [[words.user(p.user_id), _zh("_PARTICIPANT_ROLES", p.role.value), _zh("_RESPONSES", p.response.value)]
                    for p in sorted(interview.participants, key=lambda p: p.id)]
    changes = []
    for request in session.scalars(select(ChangeRequest).where(ChangeRequest.interview_id == interview.id)
                                   .order_by(ChangeRequest.created_at, ChangeRequest.id)):
        decisions = []
        for d in session.scalars(select(Decision).where(Decision.change_request_id == request.id)
                                 .order_by(Decision.decided_at, Decision.id)):
            state = _signature(session, words, "change_decision", d.id, d.change_sha256, d.verdict.value,
                               d.comment, signed, state=changes_service.signature_of(session, d, request))
            signer = words.user(d.approver_id) + (f"（代 {words.user(d.acting_for_id)}）" if d.acting_for_id else "")
            decisions.append([str(d.step_position), signer, _zh("_ROLES", d.approver_role), _zh("_VERDICTS", d.verdict.value),
                              words.at(d.decided_at), d.comment, ("邮件" if d.channel == "email" else "系统"), state,
                              d.change_sha256[:16]])
        changes.append({
            "kind": _zh("_CHANGE_KINDS", request.kind.value), "party": _zh("_PARTIES", request.requested_by_party.value),
            "requester": words.user(request.requested_by_id, _zh("_PARTIES", request.requested_by_party.value)),
            "reason": request.reason, "status": _zh("_CHANGE_STATUSES", request.status.value),
            "at": words.at(request.created_at), "decided_at": words.at(request.decided_at),
            "before": _change_text(session, words, request.before or {}),
            "proposed": _change_text(session, words, request.proposed or {}),
            "decisions": decisions,
        })
    confirmations = [[_zh("_PARTIES", c.party.value), words.user(c.user_id, "应聘人员" if c.party.value == "candidate" else ""),
                      _zh("_CHANNELS", c.channel.value), words.at(c.confirmed_at), words.user(c.recorded_by_id), c.note,
                      str(c.sequence)]
                     for c in session.scalars(select(Confirmation).where(Confirmation.interview_id == interview.id)
                                              .order_by(Confirmation.confirmed_at, Confirmation.id))]
    timeline = [[words.at(e.at), _zh("_TIMELINE_EVENTS", e.kind), e.actor_label or words.user(e.actor_id),
                 _detail_text(e.detail or {})]
                for e in session.scalars(select(TimelineEvent).where(TimelineEvent.interview_id == interview.id)
                                         .order_by(TimelineEvent.at, TimelineEvent.id))]
    scorecards = []
    for card in session.scalars(select(Scorecard).where(Scorecard.interview_id == interview.id).order_by(Scorecard.id)):
        scores = []
        for score in sorted(card.scores, key=lambda s: s.criterion_id):
            criterion = session.get(ScorecardCriterion, score.criterion_id)
            scores.append([criterion.name if criterion else "", f"{criterion.weight}%" if criterion else "",
                           "" if score.score is None else str(score.score), score.comment])
        scorecards.append({"interviewer": words.user(card.interviewer_id), "status": card.status.value,
                           "recommendation": card.recommendation.value if card.recommendation else "",
                           "submitted_at": words.at(card.submitted_at), "remarks": card.remarks, "scores": scores,
                           "reopened": words.at(card.reopened_at), "reopen_reason": card.reopen_reason})
    decision = session.scalar(select(RoundDecision).where(RoundDecision.interview_id == interview.id)
                              .order_by(RoundDecision.id.desc()).limit(1))
    decided = None
    if decision is not None:
        decided = {"average": "" if decision.average is None else f"{float(decision.average):.2f}",
                   "proposed": decision.proposed.value, "outcome": decision.outcome.value if decision.outcome else "",
                   "overridden": decision.overridden, "reason": decision.reason, "explanation": decision.explanation,
                   "decided_by": words.user(decision.decided_by_id), "decided_at": words.at(decision.decided_at),
                   "summary": decision.feedback_summary}
    questions = [[words.at(q.asked_at), _zh("_QUESTION_TOPICS", q.topic.value), q.question, q.answer,
                  words.at(q.answered_at), words.user(q.answered_by_id)]
                 for q in session.scalars(select(CandidateQuestion).where(CandidateQuestion.interview_id == interview.id)
                                          .order_by(CandidateQuestion.asked_at, CandidateQuestion.id))]
    return {
        "round": f"第{rnd.sequence}轮 {rnd.name}" if rnd else "", "kind": _zh("_ROUND_KINDS", rnd.kind.value) if rnd else "",
        "starts_at": words.at(interview.starts_at), "duration": f"{interview.duration_minutes}分钟", "place": place,
        "mode": _zh("_INTERVIEW_MODES", interview.mode.value), "status": _zh("_INTERVIEW_STATUSES", interview.status.value),
        "hr_owner": words.user(interview.hr_owner_id), "participants": participants, "changes": changes,
        "confirmations": confirmations, "timeline": timeline,
        "attendance": {"checked_in": words.at(interview.checked_in_at), "started": words.at(interview.started_at),
                       "ended": words.at(interview.ended_at), "no_show": interview.status.value == "no_show",
                       "overtime_reason": interview.overtime_reason, "next_step": interview.next_step},
        "scorecards": scorecards, "decision": decided, "questions": questions,
    }


def _offers(session: Session, words: _Words, application: Application, events: list[ApplicationEvent],
            signed: list[SignedDecision]) -> tuple[list[dict], list[str]]:
    from desktop.core import offers as offer_service   # imported here: offers imports this module
    offers, related = [], []
    for offer in session.scalars(select(Offer).where(Offer.application_id == application.id).order_by(Offer.id)):
        steps = []
        for event in events:
            detail = event.detail or {}
            if event.kind != "offer_step" or detail.get("offer_id") != offer.id:
                continue
            verdict, comment = str(detail.get("verdict", "")), str(detail.get("comment", ""))
            # the offer's content hash as recorded with the step (issue 13 §1), else the one its
            # signature names (the verdict and comment as recorded now are still checked against it);
            # a step decided before signatures were kept has neither and is printed unsigned
            content = str(detail.get("content_sha256", "")) or session.scalar(
                select(Signature.content_sha256).where(Signature.subject == "offer_step", Signature.subject_id == event.id)
                .order_by(Signature.id.desc()).limit(1)) or ""
            state = (_signature(session, words, "offer_step", event.id, content, verdict, comment, signed,
                                state=offer_service.step_signature(session, event)) if content
                     else SIGNATURE_WORDS["unsigned"])
            steps.append([str(detail.get("step", "")), event.actor_label or words.user(event.actor_id),
                          _zh("_ROLES", str(detail.get("role", ""))), _zh("_VERDICTS", verdict), words.at(event.at),
                          comment, state])
        contracts = []
        for contract in session.scalars(select(Contract).where(Contract.offer_id == offer.id).order_by(Contract.id)):
            contracts.append([contract.contract_no, CONTRACT_KINDS.get(contract.kind, contract.kind),
                              words.day(contract.starts_on), words.day(contract.ends_on),
                              CONTRACT_STATES.get(contract.status, contract.status), words.at(contract.issued_at), words.at(contract.signed_at)])
            related.append(f"劳动合同 {contract.contract_no}")
        related.append(f"录用通知 第{offer.id}号（{OFFER_STATES.get(offer.status.value, offer.status.value)}）")
        offers.append({"id": offer.id, "status": OFFER_STATES.get(offer.status.value, offer.status.value), "grade": offer.grade,
                       "start_date": words.day(offer.start_date), "work_place": offer.work_place,
                       "created_at": words.at(offer.created_at), "sent_at": words.at(offer.sent_at),
                       "responded_at": words.at(offer.responded_at), "answer_note": offer.answer_note,
                       "steps": steps, "contracts": contracts})
    return offers, related


def record_class(application: Application) -> str:
    """The retention class of the application: hired, not_hired or withdrawn."""
    if application.stage == ApplicationStage.HIRED:
        return retention.HIRED
    if application.stage == ApplicationStage.WITHDRAWN:
        return retention.WITHDRAWN
    return retention.NOT_HIRED


def retention_years(session: Session, application: Application) -> int | None:
    """The dossier's retention period in years (None: permanent), from the policy of its class (the
    one Settings → Retention edits, with the same defaults the purges use)."""
    return retention.policies(session)[record_class(application)].period_years


def retention_label(session: Session, application: Application) -> str:
    years = retention_years(session, application)
    return "永久" if years is None else f"{years}年"


def _register_row(session: Session, application_id: int) -> ArchiveRecord | None:
    return session.scalar(select(ArchiveRecord).where(ArchiveRecord.application_id == application_id)
                          .order_by(ArchiveRecord.id).limit(1))


def record_of(session: Session, application_id: int) -> tuple[dict, list[SignedDecision], datetime | None]:
    """The application's record as the dossier prints it, the valid signed decisions in it, and the
    time of its last change."""
    application = session.get(Application, application_id)
    if application is None:
        raise NotFound("application", entity="application")
    words = _Words(session)
    signed: list[SignedDecision] = []
    candidate = session.get(Candidate, application.candidate_id)
    position = session.get(Position, application.position_id)
    department = session.get(Department, position.department_id) if position.department_id else None
    policy = str(settings.institution_value(session, "archive.include_contacts") or "masked")
    events = list(session.scalars(select(ApplicationEvent).where(ApplicationEvent.application_id == application.id)
                                  .order_by(ApplicationEvent.at, ApplicationEvent.id)))
    interviews = list(session.scalars(select(Interview).where(Interview.application_id == application.id)
                                      .order_by(Interview.starts_at, Interview.id)))
    rounds = [_round_record(session, words, interview, signed) for interview in interviews]
    offers, related = _offers(session, words, application, events, signed)
    earlier = [code for code, in session.execute(
        select(ArchiveRecord.archive_code).join(Application, Application.id == ArchiveRecord.application_id)
        .where(Application.candidate_id == candidate.id, Application.id != application.id)
        .order_by(ArchiveRecord.archive_code))]
    related += [f"前次面试档案 {code}" for code in earlier]
    record = {
        "application": {"id": application.id, "stage": _zh("_STAGES", application.stage.value),
                        "source": application.source, "applied_at": words.at(application.applied_at),
                        "closed_at": words.at(application.closed_at), "hr_owner": words.user(application.hr_owner_id)},
        "candidate": {"name": candidate.name, "gender": _zh("_GENDERS", candidate.gender.value),
                      "education": _zh("_EDUCATIONS", candidate.education.value), "school": candidate.school,
                      "major": candidate.major, "years": candidate.years_experience,
                      "contacts": _contacts(candidate, policy), "purged": candidate.purged_at is not None},
        "position": {"code": position.code, "title": position.title, "department": department.name if department else "",
                     "department_code": department.code if department else "", "headcount": position.headcount,
                     "post_type": _zh("_POST_TYPES", position.post_type) if position.post_type else "",
                     "education": _zh("_EDUCATIONS", position.education.value)},
        "events": [[words.at(e.at), _zh("_APPLICATION_EVENTS", e.kind), e.actor_label or words.user(e.actor_id),
                    _detail_text(e.detail or {})] for e in events],
        "rounds": rounds, "offers": offers, "related": related,
    }
    return record, signed, words.latest


def source_digest(record: dict) -> str:
    body = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


# --- the document --------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Filing:
    """What the cover and the last page print besides the record."""

    archive_code: str
    title: str
    formed_on: date
    retention: str
    creator: str
    classification: str
    produced_by: str
    produced_at: datetime
    source_sha256: str
    modified_at: datetime
    zone: ZoneInfo


def _pdf_date(at: datetime) -> str:
    text = at.strftime("D:%Y%m%d%H%M%S")
    offset = at.utcoffset() or (at - at)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{text}{sign}{abs(minutes) // 60:02d}'{abs(minutes) % 60:02d}'"


def _xmp_date(at: datetime) -> str:
    return at.isoformat(timespec="seconds")


def _xmp(filing: _Filing, created: datetime, modified: datetime, subject: str, keywords: str) -> bytes:
    x = escape
    custom = (("ArchiveCode", filing.archive_code, "档号"), ("RetentionPeriod", filing.retention, "保管期限"),
              ("Classification", filing.classification, "密级"), ("FormedOn", filing.formed_on.isoformat(), "形成日期"),
              ("SourceSHA256", filing.source_sha256, "来源记录数字摘要"))
    described = "".join(
        f'<rdf:li rdf:parseType="Resource"><pdfaProperty:name>{name}</pdfaProperty:name>'
        f'<pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category>'
        f'<pdfaProperty:description>{x(label)}</pdfaProperty:description></rdf:li>' for name, _, label in custom)
    values = "".join(f"<idarc:{name}>{x(value)}</idarc:{name}>" for name, value, _ in custom)
    text = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<dc:format>application/pdf</dc:format>'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{x(filing.title)}</rdf:li></rdf:Alt></dc:title>'
        f'<dc:creator><rdf:Seq><rdf:li>{x(filing.creator)}</rdf:li></rdf:Seq></dc:creator>'
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{x(subject)}</rdf:li></rdf:Alt></dc:description>'
        f'<dc:identifier>{x(filing.archive_code)}</dc:identifier></rdf:Description>\n'
        '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
        f'<xmp:CreateDate>{_xmp_date(created)}</xmp:CreateDate><xmp:ModifyDate>{_xmp_date(modified)}</xmp:ModifyDate>'
        f'<xmp:MetadataDate>{_xmp_date(modified)}</xmp:MetadataDate><xmp:CreatorTool>{x(PRODUCER)}</xmp:CreatorTool>'
        '</rdf:Description>\n'
        '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
        f'<pdf:Producer>{x(PRODUCER)}</pdf:Producer><pdf:Keywords>{x(keywords)}</pdf:Keywords></rdf:Description>\n'
        '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">'
        '<pdfaid:part>1</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>\n'
        '<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" '
        'xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">'
        '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">'
        '<pdfaSchema:schema>InterviewDesk archive filing</pdfaSchema:schema>'
        f'<pdfaSchema:namespaceURI>{XMP_NAMESPACE}</pdfaSchema:namespaceURI><pdfaSchema:prefix>idarc</pdfaSchema:prefix>'
        f'<pdfaSchema:property><rdf:Seq>{described}</rdf:Seq></pdfaSchema:property>'
        '</rdf:li></rdf:Bag></pdfaExtension:schemas></rdf:Description>\n'
        f'<rdf:Description rdf:about="" xmlns:idarc="{XMP_NAMESPACE}">{values}</rdf:Description>\n'
        '</rdf:RDF></x:xmpmeta>\n' + " " * 400 + '\n<?xpacket end="w"?>')
    return text.encode("utf-8")


_STREAMS_PATCHED = False


def _install_stream_ending() -> None:
    """PDF/A (ISO 19005-1 6.1.7) wants an end-of-line between a stream's data and "endstream",
    outside the stream's Length; reportlab writes "endstream" right after the data. Streams of a
    document marked as a dossier (`_pdfa`) get the end-of-line; other documents are untouched."""
    global _STREAMS_PATCHED
    from reportlab.pdfbase import pdfdoc

    if _STREAMS_PATCHED:
        return
    original = pdfdoc.PDFStream.format

    def format_with_eol(self, document):
        if getattr(document, "_pdfa", False) and self.filters and pdfdoc.PDFBase85Encode in self.filters:
            # ASCII85 only makes the file bigger and slower to write: binary Flate is fine in PDF/A
            self.filters = [f for f in self.filters if f is not pdfdoc.PDFBase85Encode]
        data = original(self, document)
        if getattr(document, "_pdfa", False) and data.endswith(b"endstream\n"):
            data = data[:-len(b"endstream\n")] + b"\nendstream\n"
        return data

    pdfdoc.PDFStream.format = format_with_eol
    _STREAMS_PATCHED = True


def _plain_stream_class():
    from reportlab.pdfbase import pdfdoc

    class PlainStream(pdfdoc.PDFObject):
        """An unfiltered stream (the XMP metadata must stay readable: PDF/A-1 6.7.2)."""

        def __init__(self, dictionary, content: bytes) -> None:
            self.dictionary, self.content = dictionary, content

        def format(self, document) -> bytes:
            dictionary = pdfdoc.PDFDictionary(dict(self.dictionary.dict, Length=len(self.content)))
            return pdfdoc.format(dictionary, document) + b"\nstream\n" + self.content + b"\nendstream\n"

    return PlainStream


def _PlainStream(dictionary, content: bytes):  # noqa: N802 (made like a class)
    return _plain_stream_class()(dictionary, content)


def _make_pdfa(canvas, filing: _Filing, keywords: str) -> None:
    """Turns reportlab's document into PDF/A-1b before it is written: the information dictionary
    and the XMP packet say the same, an sRGB OutputIntent, a fixed document ID."""
    from reportlab.pdfbase import pdfdoc

    _install_stream_ending()
    doc = canvas._doc
    doc._pdfa = True
    created = datetime.combine(filing.formed_on, time(0, 0), filing.zone)
    modified = max(filing.modified_at.astimezone(filing.zone), created)
    subject = f"{filing.title}（档号 {filing.archive_code}，保管期限 {filing.retention}）"

    info = {"Title": filing.title, "Author": filing.creator, "Subject": subject, "Keywords": keywords,
            "Creator": PRODUCER, "Producer": PRODUCER, "CreationDate": _pdf_date(created), "ModDate": _pdf_date(modified)}
    # the information dictionary is registered when the document is made: its entries are replaced
    doc.info.format = lambda document: pdfdoc.PDFDictionary(
        {key: pdfdoc.PDFString(value) for key, value in info.items()}).format(document)
    metadata = _PlainStream(pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("Metadata"), "Subtype": pdfdoc.PDFName("XML")}),
                            _xmp(filing, created, modified, subject, keywords))
    profile = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"N": 3}), srgb_profile())
    intent = pdfdoc.PDFDictionary({
        "Type": pdfdoc.PDFName("OutputIntent"), "S": pdfdoc.PDFName("GTS_PDFA1"),
        "OutputConditionIdentifier": pdfdoc.PDFString("sRGB IEC61966-2.1"),
        "Info": pdfdoc.PDFString("sRGB IEC61966-2.1"), "RegistryName": pdfdoc.PDFString("http://www.color.org"),
        "DestOutputProfile": doc.Reference(profile)})
    catalog = doc.Catalog
    catalog.Metadata = doc.Reference(metadata)
    catalog.OutputIntents = pdfdoc.PDFArray([intent])
    catalog.__NoDefault__ = [*pdfdoc.PDFCatalog.__NoDefault__, "OutputIntents"]
    ident = hashlib.sha256(f"{filing.source_sha256}|{filing.archive_code}|{filing.produced_by}|"
                           f"{filing.produced_at.astimezone(filing.zone):%Y-%m-%d %H:%M}|{filing.retention}|{filing.classification}"
                           .encode("utf-8")).hexdigest()[:32]
    doc._ID = b"\n[<" + ident.encode("ascii") + b"><" + ident.encode("ascii") + b">]\n"


def _layout(record: dict, filing: _Filing) -> tuple[bytes, int]:
    """The dossier's pages: cover, candidate, position, the application's timeline, one section per
    round, offers and contracts, the filing page. Returns the PDF and its page count."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        CondPageBreak, Flowable, KeepTogether, LongTable, PageBreak, Paragraph, SimpleDocTemplate, Spacer, TableStyle,
    )

    from reportlab.pdfbase.pdfmetrics import stringWidth

    from desktop.integrations.documents.fonts import cjk_font, page_footer, styles

    st = styles()
    cell, small, heading, plain = st["cell"], st["small"], st["heading"], st["plain"]
    sub = heading.clone("sub", fontSize=11, leading=17, spaceBefore=6, spaceAfter=3)
    small_cell = small.clone("smallcell", fontSize=8.5, leading=11.5)
    width = A4[0] - 36 * mm
    story: list = []
    counter = [0]

    class Mark(Flowable):
        """A bookmark (outline entry) at this place of the document."""

        def __init__(self, title: str, level: int) -> None:
            super().__init__()
            self.title, self.level = title, level
            counter[0] += 1
            self.key = f"s{counter[0]}"
            self.width = self.height = 0

        def wrap(self, available_width, available_height):
            return 0, 0

        def draw(self) -> None:
            self.canv.bookmarkPage(self.key)
            self.canv.addOutlineEntry(self.title, self.key, level=self.level, closed=False)

    def p(text: Any, style=cell) -> Paragraph:
        return Paragraph(escape(str(text if text is not None else "")).replace("\n", "<br/>"), style)

    def section(title: str, level: int = 0) -> None:
        # a heading does not stay alone at the foot of a page (a section's, with its first subsection)
        story.append(CondPageBreak((50 if level == 0 else 30) * mm))
        story.append(Mark(title, level))
        story.append(p(title, heading if level == 0 else sub))

    def subheading(title: str) -> None:
        story.append(CondPageBreak(22 * mm))
        story.append(p(title, sub))

    font = cjk_font()

    def fitted(value: Any, style, column_width: float) -> Any:
        """A value that fits its column on one line as plain text (cheap to lay out), else a
        wrapping paragraph."""
        text = str(value if value is not None else "")
        if "\n" not in text and stringWidth(text, font, style.fontSize) <= column_width - 7:
            return text
        return p(text, style)

    def text_style(style) -> list[tuple]:
        return [("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), style.fontSize),
                ("LEADING", (0, 0), (-1, -1), style.leading)]

    def table(header: list[str], rows: list[list[Any]], widths: list[float], style=cell) -> None:
        if not rows:
            story.append(p("（无）", plain))
            return
        scale = width / sum(widths)
        columns = [w * scale for w in widths]
        data = [[fitted(h, style, c) for h, c in zip(header, columns)]]
        data += [[fitted(v, style, c) for v, c in zip(row, columns)] for row in rows]
        grid = LongTable(data, colWidths=columns, repeatRows=1)
        grid.setStyle(TableStyle(text_style(style) + [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.92, 0.92)),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]))
        story.append(grid)
        story.append(Spacer(1, 4))

    def pairs(items: list[tuple[str, Any]]) -> None:
        rows, row = [], []
        for label, value in items:
            row += [label, value]
            if len(row) == 4:
                rows.append(row)
                row = []
        if row:
            rows.append(row + ["", ""])
        columns = [width * f for f in (0.16, 0.34, 0.16, 0.34)]
        data = [[fitted(v, cell, c) for v, c in zip(r, columns)] for r in rows]
        grid = LongTable(data, colWidths=columns)
        grid.setStyle(TableStyle(text_style(cell) + [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (0, -1), colors.Color(0.95, 0.95, 0.95)),
            ("BACKGROUND", (2, 0), (2, -1), colors.Color(0.95, 0.95, 0.95)),
        ]))
        story.append(grid)
        story.append(Spacer(1, 6))

    filing_rows = [("档号", filing.archive_code), ("题名", filing.title), ("责任者", filing.creator),
                   ("形成日期", filing.formed_on.isoformat()), ("保管期限", filing.retention), ("密级", filing.classification)]
    # cover
    story.append(Mark("封面", 0))
    story += [Spacer(1, 40 * mm), p("面试档案", st["title"].clone("cover", fontSize=26, leading=36)),
              Spacer(1, 12 * mm)]
    pairs(filing_rows + [("关联关系", "；".join(record["related"]) or "无"), ("文件格式", "PDF/A-1b")])
    story.append(PageBreak())

    cand, pos, app = record["candidate"], record["position"], record["application"]
    section("一、应聘人员")
    pairs([("姓名", cand["name"]), ("性别", cand["gender"]), ("学历", cand["education"]), ("毕业院校", cand["school"]),
           ("专业", cand["major"]), ("工作年限", f"{cand['years']}年"), *[(k, v or "—") for k, v in cand["contacts"]]]
          + ([("个人信息", "已按保管期限清除")] if cand["purged"] else []))
    section("二、应聘岗位")
    pairs([("岗位编号", pos["code"]), ("岗位名称", pos["title"]), ("用人部门", pos["department"]),
           ("部门代码", pos["department_code"]), ("岗位类别", pos["post_type"]), ("学历要求", pos["education"]),
           ("招聘人数", pos["headcount"]), ("结果", app["stage"]), ("报名时间", app["applied_at"]),
           ("结束时间", app["closed_at"] or "（未结束）"), ("来源", app["source"]), ("人事经办", app["hr_owner"])])
    section("三、应聘过程")
    table(["时间", "事项", "经办人", "说明"], record["events"], [22, 26, 18, 34])

    section("四、面试")
    if not record["rounds"]:
        story.append(p("本次应聘未安排面试。", plain))
    for rnd in record["rounds"]:
        section(f"{rnd['round']}（{rnd['starts_at']}）", 1)
        pairs([("轮次类型", rnd["kind"]), ("状态", rnd["status"]), ("时间", rnd["starts_at"]), ("时长", rnd["duration"]),
               ("方式", rnd["mode"]), ("地点", rnd["place"]), ("人事经办", rnd["hr_owner"]),
               ("签到", rnd["attendance"]["checked_in"] or ("未到场" if rnd["attendance"]["no_show"] else "—"))])
        table(["面试官/参加人", "身份", "答复"], rnd["participants"], [40, 30, 30])
        subheading("日程变更与审批")
        if not rnd["changes"]:
            story.append(p("无日程变更。", plain))
        for n, change in enumerate(rnd["changes"], start=1):
            story.append(KeepTogether([p(f"变更{n}：{change['kind']}　申请人：{change['requester']}（{change['party']}）　"
                                         f"提出：{change['at']}　状态：{change['status']}"
                                         + (f"　办结：{change['decided_at']}" if change["decided_at"] else ""), plain),
                                       p(f"理由：{change['reason']}", plain),
                                       p(f"原安排：{change['before'] or '—'}　→　变更为：{change['proposed'] or '—'}", plain)]))
            table(["步骤", "审批人", "身份", "意见", "时间", "批示", "渠道", "签名", "内容摘要"], change["decisions"],
                  [6, 12, 11, 8, 14, 17, 7, 15, 12], small_cell)
        subheading("确认记录")
        table(["确认方", "确认人", "渠道", "时间", "记录人", "备注", "版本"], rnd["confirmations"],
              [11, 14, 11, 17, 13, 26, 8], small_cell)
        subheading("面试时间线")
        table(["时间", "事项", "经办", "说明"], rnd["timeline"], [20, 24, 18, 38], small_cell)
        attendance = rnd["attendance"]
        subheading("出勤")
        pairs([("签到", attendance["checked_in"] or "—"), ("未到场", "是" if attendance["no_show"] else "否"),
               ("开始", attendance["started"] or "—"), ("结束", attendance["ended"] or "—"),
               ("超时说明", attendance["overtime_reason"] or "—"), ("后续安排", attendance["next_step"] or "—")])
        subheading("评分")
        if not rnd["scorecards"]:
            story.append(p("无评分表。", plain))
        for card in rnd["scorecards"]:
            story.append(p(f"评分人：{card['interviewer']}　状态：{SCORECARD_STATES.get(card['status'], card['status'])}　"
                           f"推荐意见：{RECOMMENDATIONS.get(card['recommendation'], card['recommendation']) or '—'}　"
                           f"提交：{card['submitted_at'] or '—'}", plain))
            table(["评分项", "权重", "得分", "评语"], card["scores"], [24, 10, 10, 56], small_cell)
            if card["remarks"]:
                story.append(p(f"总体评价：{card['remarks']}", plain))
            if card["reopened"]:
                story.append(p(f"重新开放：{card['reopened']}　原因：{card['reopen_reason']}", plain))
        subheading("本轮结论")
        decision = rnd["decision"]
        if decision is None:
            story.append(p("未形成结论。", plain))
        else:
            pairs([("平均分", decision["average"] or "—"), ("规则建议", OUTCOMES.get(decision["proposed"], decision["proposed"])),
                   ("结论", OUTCOMES.get(decision["outcome"], decision["outcome"]) or "待定"),
                   ("改变建议", "是" if decision["overridden"] else "否"), ("决定人", decision["decided_by"] or "—"),
                   ("决定时间", decision["decided_at"] or "—")])
            for label, key in (("说明", "explanation"), ("理由", "reason"), ("反馈摘要", "summary")):
                if decision[key]:
                    story.append(p(f"{label}：{decision[key]}", plain))
        subheading("应聘人员提问与答复")
        table(["提问时间", "类别", "问题", "答复", "答复时间", "答复人"], rnd["questions"], [14, 10, 26, 26, 14, 10], small_cell)

    section("五、录用与合同")
    if not record["offers"]:
        story.append(p("无录用通知。", plain))
    for offer in record["offers"]:
        section(f"录用通知 第{offer['id']}号", 1)
        pairs([("状态", offer["status"]), ("岗位等级", offer["grade"]), ("报到日期", offer["start_date"]),
               ("工作地点", offer["work_place"]), ("拟定", offer["created_at"]), ("发出", offer["sent_at"] or "—"),
               ("答复", offer["responded_at"] or "—"), ("答复记录", offer["answer_note"] or "—")])
        subheading("审批")
        table(["步骤", "审批人", "身份", "意见", "时间", "批示", "签名"], offer["steps"], [7, 14, 13, 9, 16, 23, 18], small_cell)
        subheading("劳动合同")
        table(["合同编号", "类型", "起始", "终止", "状态", "单位签章", "本人签署"], offer["contracts"],
              [18, 12, 12, 12, 10, 18, 18], small_cell)

    story.append(PageBreak())
    section("档案信息")
    pairs(filing_rows + [("生成人", filing.produced_by), ("生成时间", filing.produced_at.astimezone(filing.zone)
                                                       .strftime("%Y-%m-%d %H:%M")),
                         ("生成系统", PRODUCER), ("文件格式", "PDF/A-1b（GB/T 23286.1）")])
    story.append(p(f"来源记录数字摘要（SHA-256）：{filing.source_sha256}", small))
    story.append(p("关联关系：" + ("；".join(record["related"]) or "无"), plain))
    story.append(p("说明：审批意见的“签名”一栏为形成本档案时用签名人公钥核验的结果（签名有效 / 签名无效 / 未签名）。"
                   "本档案由系统根据业务记录生成，同一记录重新生成时内容与数字摘要不变。", plain))

    keywords = f"面试档案;{filing.archive_code};{filing.retention}"
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm,
                            bottomMargin=20 * mm, title=filing.title, author=filing.creator, invariant=1,
                            initialFontName=cjk_font())
    footer = page_footer(f"{filing.archive_code} 面试档案")
    pages = [0]

    def first(canvas, document) -> None:
        _make_pdfa(canvas, filing, keywords)
        canvas.showOutline()
        footer(canvas, document)

    def later(canvas, document) -> None:
        pages[0] = document.page
        footer(canvas, document)

    doc.build(story, onFirstPage=first, onLaterPages=later)
    return buffer.getvalue(), max(pages[0], 1)


RECOMMENDATIONS = {"strong_yes": "强烈推荐", "yes": "推荐", "undecided": "待定", "no": "不推荐"}
OFFER_STATES = {"draft": "草拟", "pending_approval": "审批中", "sent": "已发出", "accepted": "已接受", "declined": "已拒绝",
                "withdrawn": "已撤回", "expired": "已过期"}
CONTRACT_KINDS = {"fixed_term": "固定期限", "open_ended": "无固定期限", "project": "以完成一定工作任务为期限"}
CONTRACT_STATES = {"draft": "草拟", "issued": "已签发", "signed": "已签订"}
SCORECARD_STATES = {"draft": "草稿（未提交）", "submitted": "已提交", "reopened": "重新开放"}
OUTCOMES = {"passed": "通过", "failed": "未通过", "hr_decides": "由人事决定"}


# --- render and produce --------------------------------------------------------------------------

def _today(session: Session, now: datetime) -> date:
    return now.astimezone(_zone(session)).date()


def render(session: Session, application_id: int, *, produced_by: str, now: datetime) -> Dossier:
    """The application's dossier. Reads only; deterministic: the same record (and the same first
    production in the register) renders the same bytes. `produced_by`/`now` are printed only when
    the application has no register row yet (its first production)."""
    application = session.get(Application, application_id)
    if application is None:
        raise NotFound("application", entity="application")
    record, signed, latest = record_of(session, application_id)
    source = source_digest(record)
    row = _register_row(session, application_id)
    zone = _zone(session)
    if application.closed_at is not None:
        closed = application.closed_at if application.closed_at.tzinfo else application.closed_at.replace(tzinfo=timezone.utc)
        formed_on = closed.astimezone(zone).date()
    elif row is not None and row.formed_on is not None:
        formed_on = row.formed_on
    else:
        formed_on = _today(session, now)
    position, candidate = record["position"], record["candidate"]
    code = row.archive_code if row is not None else (
        f"MS-{formed_on.year}-{position['department_code'] or 'X'}-{application.id:06d}")
    institution = str(settings.institution_value(session, "office.name") or "")
    creator = "／".join(x for x in (institution, position["department"]) if x) or "人事处"
    first_by, first_at = produced_by, now
    if row is not None:
        first_by = str(_manifest(row).get("produced_by") or "") or _producer_label(session, row.created_by_id) or produced_by
        first_at = row.created_at
    if first_at.tzinfo is None:
        first_at = first_at.replace(tzinfo=timezone.utc)
    filing = _Filing(
        archive_code=code, title=f"{candidate['name']} 应聘 {position['title']} 面试档案", formed_on=formed_on,
        retention=retention_label(session, application), creator=creator,
        classification=str(settings.institution_value(session, "archive.classification") or "内部"),
        produced_by=first_by, produced_at=first_at, source_sha256=source,
        modified_at=latest or first_at, zone=zone)
    pdf, pages = _layout(record, filing)
    return Dossier(archive_code=filing.archive_code, title=filing.title, application_id=application.id,
                   formed_on=formed_on, retention_label=filing.retention, department_code=position["department_code"],
                   creator=creator, classification=filing.classification, related=tuple(record["related"]), pdf=pdf,
                   pages=pages, source_sha256=source, signed=tuple(signed))


def _manifest(row: ArchiveRecord) -> dict:
    try:
        value = json.loads(row.manifest or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _producer_label(session: Session, user_id: int | None) -> str:
    user = session.get(User, user_id) if user_id is not None else None
    return user.display_name if user is not None else ""


def archive_folder(session: Session) -> Path:
    """The archive store: the archive.folder setting, or <data dir>/archive."""
    configured = str(settings.institution_value(session, "archive.folder") or "").strip()
    return Path(configured) if configured else app_dirs().data / "archive"


def file_path(session: Session, record: ArchiveRecord) -> Path:
    """Where the register row's PDF is in the archive store."""
    return archive_folder(session) / record.department_code / record.file_name if record.department_code \
        else archive_folder(session) / record.file_name


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:                  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


def _holds(path: Path, digest: str) -> bool:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == digest
    except FileNotFoundError:
        return False
    except OSError as error:
        raise (typed_failure(error) or error) from None


def _write_atomically(path: Path, data: bytes) -> None:
    """The whole file or none: a temporary file in the same folder, flushed to disk, renamed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".dossier-", suffix=".part", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise (typed_failure(error) or error) from None


def produce(session: Session, actor: Actor, application_id: int, reason: str) -> ArchiveRecord:
    """Render the dossier, write it into the archive store and register it (one unit of work; the
    file is written before the flush, so a failed write leaves the register as it was).
    An unchanged record finds its file and row as they are; a changed one gets a new file and the
    row is updated (its 档号, first producer and formation date stay). On demand: whoever may export
    the department's archive (HR officer, personnel office)."""
    if reason not in REASONS:
        raise ValidationFailed({"reason": "choice"})
    application = session.get(Application, application_id)
    if application is None:
        raise NotFound("application", entity="application")
    if not actor.system:
        require(session, actor, Action.ARCHIVE_EXPORT, session.get(Position, application.position_id).department_id)
    if reason == "closed" and application.stage not in CLOSED_STAGES:
        raise InvalidState("application open", status="application_open")
    return _produce(session, actor.label, actor.user_id, application, reason)


def _produce(session: Session, label: str, user_id: int | None, application: Application, reason: str) -> ArchiveRecord:
    now = session.info["clock"].now()
    dossier = render(session, application.id, produced_by=label, now=now)
    digest = dossier.sha256
    row = _register_row(session, application.id)
    name = f"{dossier.archive_code}-{digest[:12]}.pdf"
    folder = archive_folder(session) / dossier.department_code if dossier.department_code else archive_folder(session)
    target = folder / name
    if not _holds(target, digest):              # missing or altered in the store: (re)written
        _write_atomically(target, dossier.pdf)
    if row is not None and row.sha256 == digest and row.file_name == name:
        return row
    policy = session.scalar(select(RetentionPolicy).where(RetentionPolicy.record_class == record_class(application)))
    if row is None:
        row = ArchiveRecord(archive_code=dossier.archive_code, title=dossier.title, created_by_id=user_id, created_at=now)
        session.add(row)
    first_by = str(_manifest(row).get("produced_by") or "") or label
    row.title, row.application_id, row.file_name, row.sha256 = dossier.title, application.id, name, digest
    row.retention_policy_id = policy.id if policy is not None else None
    row.reason, row.source_sha256, row.size_bytes, row.pages = reason, dossier.source_sha256, len(dossier.pdf), dossier.pages
    row.formed_on, row.retention_label, row.department_code = dossier.formed_on, dossier.retention_label, dossier.department_code
    years = retention_years(session, application)
    # the retention runs from the formation (closing) date; a permanent dossier has no end
    row.dispose_after = None if years is None else datetime.combine(
        _add_years(dossier.formed_on, years), time(0, 0), _zone(session)).astimezone(timezone.utc)
    row.manifest = json.dumps({"format": "PDF/A-1b", "produced_by": first_by, "signed_decisions": len(dossier.signed),
                               "related": list(dossier.related), "classification": dossier.classification},
                              ensure_ascii=False, sort_keys=True)
    session.flush()
    audit.record(session, "dossier_produced", "archive_record", row.id, reason=reason, sha256=digest)
    return row


def produce_on_close(session: Session, actor: Actor | None, application_id: int) -> ArchiveRecord | None:
    """Called where an application closes (hired, not hired, withdrawn), inside the closing unit of
    work: a dossier takes about a tenth of a second, so it is produced right away, by whoever closed
    it. A failure of the archive store (full, unwritable, a share away) must not undo the closing:
    the dossier is then left due and `produce_due` (the minute job) produces it later."""
    application = session.get(Application, application_id)
    if application is None or application.stage not in CLOSED_STAGES:
        return None
    try:
        with session.begin_nested():
            return _produce(session, actor.label if actor else AUTOMATIC, actor.user_id if actor else None,
                            application, "closed")
    except (DeskError, IntegrityError) as error:      # the store failed; or another desktop registered it first
        log.warning("dossier of application %s left due: %s", application_id, getattr(error, "code", "integrity"))
        return None


def due(session: Session, limit: int = 20) -> list[int]:
    """Closed applications without a dossier (their closing could not write one), oldest first."""
    return list(session.scalars(
        select(Application.id).outerjoin(ArchiveRecord, ArchiveRecord.application_id == Application.id)
        .where(Application.closed_at.is_not(None), Application.stage.in_(list(CLOSED_STAGES)), ArchiveRecord.id.is_(None))
        .order_by(Application.closed_at, Application.id).limit(limit)))


def produce_due(session: Session, limit: int = 5) -> int:
    """The minute job's share: produce up to `limit` due dossiers (a few per run, so that a long
    outage of the archive store does not make one run long). Returns how many were produced."""
    made = 0
    for application_id in due(session, limit):
        if produce_on_close(session, None, application_id) is not None:
            made += 1
        else:
            break                    # the store still fails: the next run tries again
    return made


# --- reading the register ------------------------------------------------------------------------

@dataclass(frozen=True)
class DossierState:
    """What the application page and the register show of an application's dossier."""

    application_id: int
    closed: bool
    may_produce: bool
    record_id: int | None = None
    archive_code: str = ""
    pages: int = 0
    size_bytes: int = 0
    sha256: str = ""
    produced_at: datetime | None = None
    formed_on: date | None = None
    retention_label: str = ""


def _department_of(session: Session, application: Application) -> int | None:
    return session.scalar(select(Position.department_id).where(Position.id == application.position_id))


def state(session: Session, actor: Actor, application_id: int) -> DossierState:
    """The application's dossier as registered (ARCHIVE_VIEW on the position's department)."""
    application = session.get(Application, application_id)
    if application is None:
        raise NotFound("application", entity="application")
    department = _department_of(session, application)
    require(session, actor, Action.ARCHIVE_VIEW, department)
    may = actor.system or allowed(session, actor, Action.ARCHIVE_EXPORT, department)
    row = _register_row(session, application_id)
    closed = application.stage in CLOSED_STAGES
    if row is None:
        return DossierState(application_id, closed, may)
    return DossierState(application_id, closed, may, row.id, row.archive_code, row.pages, row.size_bytes, row.sha256,
                        row.created_at, row.formed_on,
                        row.retention_label)


def produce_now(session: Session, actor: Actor, application_id: int) -> ArchiveRecord:
    """"Produce dossier" on the application page or in the register: a closed application's dossier
    is filed as closed, an open one's as on demand."""
    application = session.get(Application, application_id)
    if application is None:
        raise NotFound("application", entity="application")
    return produce(session, actor, application_id, "closed" if application.stage in CLOSED_STAGES else "on_demand")


def open_file(session: Session, actor: Actor, application_id: int) -> Path:
    """The dossier's file in the archive store, for the system's PDF viewer, after checking that it
    is the file registered (its SHA-256). Opening it is recorded in the audit log (it holds
    personal data)."""
    application = session.get(Application, application_id)
    if application is None:
        raise NotFound("application", entity="application")
    require(session, actor, Action.ARCHIVE_VIEW, _department_of(session, application))
    row = _register_row(session, application_id)
    if row is None or not row.file_name:
        raise DossierUnavailable("no dossier", reason="not_produced")
    path = file_path(session, row)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DossierUnavailable("file missing", reason="file_missing") from None
    except OSError as error:
        raise (typed_failure(error) or error) from None
    if hashlib.sha256(data).hexdigest() != row.sha256:
        raise DossierUnavailable("file changed", reason="file_changed")
    audit.record(session, "dossier_opened", "archive_record", row.id)
    return path
