"""What a candidate's reply is taken for, whichever channel brought it (mail: integrations/mail/
replies.py; SMS: integrations/http_channels/sms_inbox.py). In this order:

0. "接受" / "拒绝" on the first line while the candidate has an offer awaiting the answer
   (desktop/core/offers.py answer_word: "接受！谢谢" accepts, "接受不了" does not): recorded as the
   answer; one refused (after the reply deadline, or over the headcount) is kept with an alert for
   HR, and a late acceptance is answered politely at once ("offer_late": too late, contact 人事处).
   A reply that speaks of the offer without a clear answer ("无法接受", "接受，但…") is kept for HR
   with an alert ("offer_unclear") rather than guessed;
1. a confirmation keyword on the first line ("确认", "1"), while the interview is still ahead;
2. "进度" / "progress" (the whole message): the application's stage and next step are answered at
   once, as far as replies.progress_visibility allows;
3. a survey answer, when the thank-you of this interview carried the survey and no answer is stored
   yet: "5 4 5", "5,4,5", one per line, full-width digits; stored and acknowledged. An answer we
   cannot read ("五 四", "9 9 9", too few) gets ONE polite clarification per interview; a second
   is only noted on the timeline, so an unreadable answer never starts a loop of messages;
4. "同意" / "agree" (the whole message) after the result message that asked for it: consent to
   the talent pool (desktop/core/decision_effects.py);
5. a question ("？", 吗/怎么/什么/是否/多少, how/what/when...): captured as a candidate question,
   routed and timed by desktop/core/questions.py;
6. anything else: on the interview's timeline for HR to read, as before.

Automatic replies (out-of-office) are only noted: answering them could start a loop between two
machines. Every reply is recorded once (inbound_messages: channel + the message's id), and the
interview's timeline entry carries the message id. A message from nobody we know is kept as
"unmatched" with an alert for HR; nothing is lost."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.core import decision_effects, offers, questions, settings
from desktop.core.errors import InvalidState, ValidationFailed
from desktop.core.model import (
    Application, Candidate, Channel, InboundMessage, Interview, InterviewStatus, Offer, OfferStatus, OutboxEntry,
    Position, SurveyResponse,
)
from desktop.core.notifications import routing
from desktop.core.scheduling import alerts, effects, timeline

EXCERPT = 500
STORED = 20_000                 # characters of a reply kept (a pasted document is cut, not refused)
UPCOMING = (InterviewStatus.SCHEDULED, InterviewStatus.CONFIRMED, InterviewStatus.PENDING_APPROVAL)
PROGRESS_WORDS = frozenset({"进度", "查询进度", "查进度", "进展", "progress", "status"})
_PUNCTUATION = "。.!！~～?？ \t\r\n"
_SEPARATORS = re.compile(r"[\s,，、;；/|]+")
_SURVEY_CHARS = re.compile(r"[\d\s,，、;；/|.。分一二三四五六七八九十零〇壹贰叁肆伍两]+")
_QUESTION = re.compile(
    r"[?？]|吗|嘛|怎么|怎样|什么|是否|多少|哪|几[点天个号时]|为何|为什么|能否|可否|能不能|可不可以|有没有|是不是|请问"
    r"|\b(how|what|when|where|which|who|why|whether|could|would|can|is there|are there|do you|does)\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class Reply:
    channel: str                   # "email" or "sms"
    message_id: str                # the Message-ID, or the gateway's id of the text message
    candidate_id: int | None       # None: we do not know who wrote
    interview_id: int | None       # the interview the reply is about (the message it answers)
    sequence: int | None           # the interview's version the answered message was about
    text: str                      # the candidate's own words (quoted text removed)
    automatic: bool = False        # an auto-reply (Auto-Submitted), never answered
    sender: str = ""               # address or number: personal data, stored, never logged
    received_at: datetime | None = None
    keywords: tuple[str, ...] | None = None   # confirmation keywords; None: the mail.confirm_keywords setting


@dataclass(frozen=True)
class Handled:
    kind: str        # repeated, unmatched, offer_answer, offer_refused, offer_unclear, confirmation, progress, survey,
                     # survey_unclear, talent_consent, question, noted, automatic
    inbound_id: int | None = None
    confirmed: bool = False
    question_id: int | None = None
    offer_id: int | None = None     # offer_answer / offer_refused / offer_unclear: the offer it was about
    survey_id: int | None = None
    clarified: bool = False         # survey_unclear: the one clarification went out now


# --- reading the text ---------------------------------------------------------------------------

def confirm_keywords(session: Session) -> tuple[str, ...]:
    text = str(settings.institution_value(session, "mail.confirm_keywords") or "")
    return tuple(w.strip().casefold() for w in re.split(r"[,，;；\n]", text) if w.strip())


def first_line(text: str) -> str:
    return next((line.strip() for line in text.split("\n") if line.strip()), "")


def is_confirmation(text: str, keywords: tuple[str, ...]) -> bool:
    return unicodedata.normalize("NFKC", first_line(text)).strip(_PUNCTUATION).casefold() in keywords


def is_progress(text: str) -> bool:
    return unicodedata.normalize("NFKC", text).strip(_PUNCTUATION).casefold() in PROGRESS_WORDS


def is_question(text: str) -> bool:
    return bool(_QUESTION.search(unicodedata.normalize("NFKC", text)))


class Unclear:
    """A survey answer we could not read; `reason`: numerals, range, count."""

    def __init__(self, reason: str) -> None:
        self.reason = reason


def parse_survey(text: str, count: int) -> list[int] | Unclear | None:
    """The scores in `text` for `count` questions; Unclear for an attempt we cannot read; None when
    the text is no attempt at all (words, a question)."""
    plain = unicodedata.normalize("NFKC", text).strip()
    if not plain or not _SURVEY_CHARS.fullmatch(plain) or not re.search(r"[\d一二三四五六七八九十零〇壹贰叁肆伍两]", plain):
        return None
    tokens = [t.strip(".。分") for t in _SEPARATORS.split(plain) if t.strip(".。分")]
    if any(not t.isdigit() for t in tokens):
        return Unclear("numerals")
    if len(tokens) == 1 and len(tokens[0]) == count:        # "545"
        tokens = list(tokens[0])
    scores = [int(t) for t in tokens]
    if any(not 1 <= s <= 5 for s in scores):
        return Unclear("range")
    if len(scores) != count:
        return Unclear("count")
    return scores


# --- deciding -----------------------------------------------------------------------------------

def _pending_survey(session: Session, candidate_id: int, interview_id: int | None) -> list[str]:
    """The questions of this interview's thank-you when it carried the survey and no answer is stored."""
    if interview_id is None:
        return []
    payloads = session.scalars(select(OutboxEntry.payload).where(
        OutboxEntry.interview_id == interview_id, OutboxEntry.kind == "thank_you")).all()
    asked = next((list(p["survey_questions"]) for p in payloads if (p or {}).get("survey_questions")), [])
    if not asked:
        return []
    answered = session.scalar(select(SurveyResponse.id).where(SurveyResponse.interview_id == interview_id,
                                                              SurveyResponse.candidate_id == candidate_id))
    return [] if answered is not None else asked


def _decide(session: Session, reply: Reply, interview: Interview | None) -> tuple[str, Any]:
    text = reply.text.strip()
    if reply.automatic or not text:
        return ("automatic" if reply.automatic else "noted"), None
    accepted = offers.answer_word(text)
    about_offer = accepted is not None or (offers.mentions_answer(first_line(text)) and not is_question(text))
    offer = offers.awaiting_answer(session, reply.candidate_id, reply.interview_id) if about_offer else None
    if offer is not None and accepted is not None:
        return "offer_answer", (offer.id, accepted)
    if offer is not None and offer.status == OfferStatus.SENT:
        return "offer_unclear", offer.id
    ahead = interview is not None and interview.status in UPCOMING and interview.ended_at is None
    if ahead and is_confirmation(text, reply.keywords if reply.keywords is not None else confirm_keywords(session)):
        return "confirmation", None
    if is_progress(text):
        return "progress", None
    asked = _pending_survey(session, reply.candidate_id, reply.interview_id)
    if asked:
        parsed = parse_survey(text, len(asked))
        if isinstance(parsed, list):
            return "survey", (parsed, asked)
        if isinstance(parsed, Unclear):
            return "survey_unclear", parsed.reason
    if decision_effects.is_consent(text):
        return "talent_consent", None
    if is_question(text):
        return "question", None
    return "noted", None


def handle(session: Session, reply: Reply) -> Handled:
    """Decide what the reply is and record it, in the caller's transaction."""
    now = reply.received_at or session.info["clock"].now()
    if session.scalar(select(InboundMessage.id).where(InboundMessage.channel == reply.channel,
                                                      InboundMessage.external_id == reply.message_id[:255])):
        return Handled("repeated")
    interview = session.get(Interview, reply.interview_id) if reply.interview_id else None
    kind, found = ("unmatched", None) if reply.candidate_id is None else _decide(session, reply, interview)
    inbound = InboundMessage(channel=reply.channel, external_id=reply.message_id[:255], received_at=now,
                             sender=reply.sender[:254], kind=kind, candidate_id=reply.candidate_id,
                             interview_id=reply.interview_id, text=reply.text[:STORED])
    try:
        with session.begin_nested():        # another desktop may read the same message at the same moment
            session.add(inbound)
            session.flush()
    except IntegrityError:
        return Handled("repeated")
    handled = _act(session, reply, interview, inbound, kind, found, now)
    if interview is not None:
        timeline.add(session, interview, timeline.Event.CANDIDATE_REPLIED, None, at=now, channel=reply.channel,
                     sequence=reply.sequence, message_id=reply.message_id, text=reply.text.strip()[:EXCERPT],
                     confirmed=handled.confirmed, taken_as=inbound.kind)
    elif inbound.kind in ("unmatched", "noted", "automatic"):     # nowhere else for HR to see it
        alerts.raise_once(session, f"inbound:{inbound.id}", "inbound_message", user_id=None,
                          detail={"channel": reply.channel, "inbound_id": inbound.id, "known": reply.candidate_id
                                  is not None, "text": " ".join(reply.text.split())[:100]})
    session.flush()
    return handled


def _act(session: Session, reply: Reply, interview: Interview | None, inbound: InboundMessage, kind: str,
         found: Any, now: datetime) -> Handled:
    from desktop.core.scheduling import attendance     # attendance imports the scheduling package

    if kind == "offer_answer":
        offer_id, accepted = found
        try:
            with session.begin_nested():
                offers.record_answer(session, None, offer_id, accepted, note=reply.text.strip()[:100],
                                     channel=reply.channel)
        except InvalidState as refused:        # too late, or no place left: HR talks to the candidate
            inbound.kind = "offer_refused"
            reason = refused.params["status"]
            alerts.raise_once(session, f"offer_answer:{inbound.id}", "offer_answer_refused",
                              user_id=_hr_of_offer(session, offer_id), interview_id=reply.interview_id,
                              detail={"offer_id": offer_id, "accepted": accepted, "reason": reason})
            if accepted and reason == "offer_expired":     # told at once, politely, where they wrote from
                reply_by = session.get(Offer, offer_id).reply_by
                _answer(session, reply, interview, inbound, "offer_late", {
                    "offer_id": offer_id, "reply_by": reply_by.astimezone(offers.OFFICE_TZ).date().isoformat()
                    if reply_by else ""})
            return Handled("offer_refused", inbound.id, offer_id=offer_id)
        return Handled(kind, inbound.id, offer_id=offer_id)
    if kind == "offer_unclear":
        alerts.raise_once(session, f"offer_unclear:{inbound.id}", "offer_answer_unclear",
                          user_id=_hr_of_offer(session, found), interview_id=reply.interview_id,
                          detail={"offer_id": found, "inbound_id": inbound.id, "channel": reply.channel})
        return Handled(kind, inbound.id, offer_id=found)
    if kind == "confirmation":
        attendance.record_confirmation(session, None, interview.id, Channel(reply.channel), sequence=reply.sequence,
                                       note=("邮件回复：" if reply.channel == "email" else "短信回复：") + reply.text[:100],
                                       at=now)
        return Handled(kind, inbound.id, confirmed=True)
    if kind == "progress":
        _answer(session, reply, interview, inbound, "progress_answer", _progress(session, reply, interview, now))
        if interview is not None:
            timeline.add(session, interview, timeline.Event.PROGRESS_ANSWERED, None, at=now, channel=reply.channel,
                         message_id=reply.message_id)
        return Handled(kind, inbound.id)
    if kind == "survey":
        scores, asked = found
        response = SurveyResponse(interview_id=interview.id, candidate_id=reply.candidate_id, channel=reply.channel,
                                  received_at=now, answers=scores, questions=asked, message_id=reply.message_id[:255])
        session.add(response)
        session.flush()
        _answer(session, reply, interview, inbound, "survey_thanks", {"survey_answers": scores})
        timeline.add(session, interview, timeline.Event.SURVEY_ANSWERED, None, at=now, channel=reply.channel,
                     answers=scores, message_id=reply.message_id)
        return Handled(kind, inbound.id, survey_id=response.id)
    if kind == "survey_unclear":
        clarified = session.scalar(select(OutboxEntry.id).where(OutboxEntry.interview_id == interview.id,
                                                                OutboxEntry.kind == "survey_clarify")) is None
        if clarified:
            asked = _pending_survey(session, reply.candidate_id, interview.id)
            _answer(session, reply, interview, inbound, "survey_clarify", {"survey_questions": asked})
        timeline.add(session, interview, timeline.Event.SURVEY_UNCLEAR, None, at=now, channel=reply.channel,
                     reason=found, clarified=clarified, message_id=reply.message_id)
        return Handled(kind, inbound.id, clarified=clarified)
    if kind == "talent_consent":
        if not decision_effects.consent(session, reply.candidate_id, now):    # nothing asked, or given before
            inbound.kind = "noted"
            return Handled("noted", inbound.id)
        return Handled(kind, inbound.id)
    if kind == "question":
        try:
            with session.begin_nested():
                captured = questions.capture(session, None, candidate_id=reply.candidate_id,
                                             interview_id=reply.interview_id, text=reply.text.strip(),
                                             source=reply.channel, message_id=reply.message_id[:255])
        except ValidationFailed:        # too long for a question: kept as a reply for HR to read
            inbound.kind = "noted"
            return Handled("noted", inbound.id)
        return Handled(kind, inbound.id, question_id=captured.id)
    return Handled(kind, inbound.id)


def _hr_of_offer(session: Session, offer_id: int) -> int | None:
    """The application's HR officer, who talks to the candidate (None: every HR officer sees it)."""
    return session.scalar(select(Application.hr_owner_id).join(Offer, Offer.application_id == Application.id)
                          .where(Offer.id == offer_id))


# --- answering ----------------------------------------------------------------------------------

def _answer(session: Session, reply: Reply, interview: Interview | None, inbound: InboundMessage, event: str,
            extra: dict[str, Any]) -> None:
    """One message back to the candidate on the channel they wrote from, through the outbox."""
    candidate = session.get(Candidate, reply.candidate_id)
    address = candidate.email if reply.channel == "email" else candidate.phone
    if not address:
        return
    payload = (effects.details(session, interview) if interview is not None else {}) | {
        "candidate_id": candidate.id, "candidate_name": candidate.name, "in_reply_to": reply.message_id} | extra
    routing.queue(session, [(f"{reply.channel}:reply{inbound.id}:candidate:{event}", dict(
        interview_id=interview.id if interview is not None else None, channel=reply.channel, kind=event,
        recipient=address, payload=payload))])


def _progress(session: Session, reply: Reply, interview: Interview | None, now: datetime) -> dict[str, Any]:
    """The application's stage and next step, as far as the visibility setting allows."""
    visibility = settings.institution_value(session, "replies.progress_visibility")
    application_id = interview.application_id if interview is not None else session.scalar(
        select(Application.id).where(Application.candidate_id == reply.candidate_id)
        .order_by(Application.id.desc()).limit(1))
    if application_id is None:
        return {"visibility": "contact_only"}
    stage, position = session.execute(select(Application.stage, Position.title).join(
        Position, Position.id == Application.position_id).where(Application.id == application_id)).one()
    facts: dict[str, Any] = {"visibility": visibility, "stage": stage.value, "position": position}
    if visibility != "stage_and_next":
        return facts
    upcoming = session.scalar(select(Interview.starts_at).where(
        Interview.application_id == application_id, Interview.status.in_(UPCOMING), Interview.starts_at > now)
        .order_by(Interview.starts_at).limit(1))
    if upcoming is not None:
        return facts | {"next_at": upcoming.isoformat()}
    told = session.scalar(select(Interview.next_step).where(
        Interview.application_id == application_id, Interview.next_step != "")
        .order_by(Interview.starts_at.desc()).limit(1))
    return facts | {"next_step": told or ""}
