"""Issue 12's story end to end, on both backends with the controllable clock and real delivery on
loopback (SMTP relay, IMAP reply mailbox, SMS gateway): three interviewers submit their scorecards →
the rule marks 通过 with its explanation → HR confirms → the candidate's feedback mail arrives with
exactly what feedback.visibility allows → an offer goes through the two-step chain of kind "offer"
(人事处 → 分管领导) → the offer letter PDF arrives attached on the relay → the candidate replies 接受
by mail → the labour contract is issued and signed with the institution's PKCS#12 file (a test CA
made here) → pyHanko validates it → one flipped byte in the stored PDF → tampered. A contract template
without 社会保险 is refused with the item named."""

from __future__ import annotations

from datetime import date, timedelta
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import make_msgid

import pytest
from delivery_helpers import IMAP_USER, delivery_settings, store_settings
from scheduling_helpers import BACKENDS, book, world_copy
from scheduling_world import STORY_DAY, World, local
from sqlalchemy import select

from desktop.core import contract_issuing, contracts, offers, scorecards
from desktop.core import scorecard_panel as panel
from desktop.core.contract_issuing import ContractTerms
from desktop.core.delivery.worker import OutboxWorker
from desktop.core.errors import ContractIncomplete, StaleWrite
from desktop.core.model import (
    Alert, ApplicationEvent, Candidate, ContractDocument, ContractTemplateRow, InboundMessage, Offer,
    OfferStatus, OutboxEntry, Position, Recommendation, Round,
)
from desktop.core.offers import OfferInput, PayLine
from desktop.core.scheduling.chains import ChainInput, StepInput, save_chain
from desktop.core.scorecards import CardInput, ScoreInput
from desktop.core.storage.database import Actor
from desktop.integrations import senders
from desktop.integrations.documents import issuing
from desktop.integrations.mail.replies import poll_replies
from tests.integration.documents_helpers import pdf_text
from tests.signing_certs import make_signing_certs
from tests.unit.test_contracts import without

ADMIN = Actor.command_line()
PAY = (PayLine("岗位工资", "2,800 元/月"), PayLine("薪级工资", "1,200 元/月"),
       PayLine("绩效工资", "按考核", "绩效工资按单位绩效考核办法发放"))
TERMS = ContractTerms(kind="fixed_term", starts_on=date(2027, 1, 4), ends_on=date(2030, 1, 3), probation_months=3,
                      job_content="内科门诊及病房诊疗工作", work_place="本院门诊楼", employee_address="某市和平街 3 号")
PANEL_NAMES = ("王主任", "李医生", "赵科长")


@pytest.fixture(scope="module")
def signing():
    from tests.conftest import START
    return make_signing_certs(START - timedelta(days=1))


@pytest.fixture(params=BACKENDS)
def world(request, clock, signing, tmp_path, mail_servers) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    w = world_copy(request, request.param, clock)
    p12 = tmp_path / "institution.p12"
    p12.write_bytes(signing.pkcs12)
    store_settings(w, delivery_settings(mail_servers) | {
        "mail.timeout_seconds": 5, "feedback.visibility": "scores",
        "office.name": "某市第一人民医院", "contracts.employer_address": "某市健康路 12 号",
        "contracts.employer_representative": "张院长", "contracts.signing_place": "某市",
        "contracts.pkcs12_path": str(p12), "contracts.pkcs12_password": signing.password})
    with w.db.session(ADMIN, write=True) as s:
        s.get(Candidate, w.candidates[0]).id_number = "110101199001011234"
        for later in s.scalars(select(Round).where(Round.position_id == w.position, Round.sequence > 1)):
            s.delete(later)                              # the first round is the position's last
    return w


def act(w: World, actor, fn, *args, **kwargs):
    with w.db.session(actor, write=True) as s:
        return fn(s, actor, *args, **kwargs)


def deliver(w: World) -> None:
    outcome = OutboxWorker(w.db, senders.configured_senders(w.db)).run_once().outcome
    assert outcome.failed == 0, outcome.errors


def card(*scores: int) -> CardInput:
    return CardInput({i + 1: ScoreInput(s, "") for i, s in enumerate(scores)}, Recommendation.YES)


def outbox(w: World, kind: str) -> OutboxEntry:
    with w.db.session() as s:
        row = s.scalars(select(OutboxEntry).where(OutboxEntry.kind == kind, OutboxEntry.channel == "email")).one()
        s.expunge(row)
        return row


def offer_events(w: World, offer_id: int) -> list[str]:
    with w.db.session() as s:
        rows = s.scalars(select(ApplicationEvent).where(ApplicationEvent.application_id == w.applications[0])
                         .order_by(ApplicationEvent.id)).all()
        return [e.kind for e in rows if (e.detail or {}).get("offer_id") == offer_id]


def reply_by_mail(w: World, mail_servers, answered: OutboxEntry, text: str) -> None:
    message = EmailMessage(policy=SMTP)
    message["From"], message["To"], message["Subject"] = "c1@example.cn", IMAP_USER, "回复：录用通知"
    message["Message-ID"] = make_msgid(domain="example.cn")
    message["In-Reply-To"] = message["References"] = answered.external_id
    message.set_content(text + "\n\n-----原始邮件-----\n发件人: 市第一医院人事处")
    mail_servers["box"].put(message.as_bytes())
    assert poll_replies(w.db).fetched == 1


def test_from_scorecards_to_a_signed_contract(world, mail_servers, clock):
    w = world
    relay = mail_servers["relay"]

    # 1. three interviewers submit; the rule marks 通过 with its explanation; HR confirms
    iid = book(w, 0, local(STORY_DAY, 10), interviewers=(w.wang.user_id, w.li.user_id, w.leader.user_id)).interview_id
    deliver(w)                                           # the invitation
    invitations = len(relay.mailbox.messages())
    clock.set(local(STORY_DAY, 11, 0))
    for who, scores in zip((w.wang, w.li, w.leader), ((8, 7, 8), (7, 8, 7), (8, 8, 7))):
        act(w, who, scorecards.submit, iid, card(*scores))
    proposed = act(w, w.hr, panel.propose, iid)
    assert (proposed.proposed, proposed.explanation) == ("passed", "加权平均 7.57 ≥ 7.0")
    deliver(w)
    assert len(relay.mailbox.messages()) == invitations  # nothing to the candidate before HR confirms
    clock.set(local(STORY_DAY, 11, 30))
    act(w, w.hr, panel.settle, iid, proposed.version)
    with w.db.session() as s:                            # the last round passed: HR is asked for the offer
        [task] = s.scalars(select(Alert).where(Alert.interview_id == iid, Alert.kind == "offer_step_open")).all()
        assert (task.user_id, task.detail["application_id"]) == (w.hr.user_id, w.applications[0])

    # 2. the feedback mail goes out feedback.delay_minutes (30) after the decision, with the result
    #    and the panel's scores, nothing more
    deliver(w)
    assert len(relay.mailbox.messages()) == invitations      # HR may still correct the decision
    clock.set(local(STORY_DAY, 12, 0))
    deliver(w)
    feedback = relay.mailbox.messages()[-1]
    body = feedback.get_body(("plain",)).get_content()
    assert str(feedback["Subject"]) == "面试结果通知：内科住院医师岗位" and feedback["To"].addresses[0].addr_spec == "c1@example.cn"
    assert "您已通过本轮面试" in body
    assert ("您的面试反馈已更新：加权平均 7.57 分（满分 10 分）；沟通能力 7.67 分；求职动机 7.67 分；"
            "稳定性与匹配 7.33 分") in body
    for hidden in PANEL_NAMES + ("推荐", "7.7", "7.3 分"):     # never who scored what, nor recommendations
        assert hidden not in body, hidden
    assert not [p for p in feedback.walk() if p.get_content_disposition() == "attachment"]

    # 3. the offer through the two-step chain named for offers
    act(w, ADMIN, save_chain, ChainInput("录用审批", None, "offer", False, (
        StepInput("approve", role="personnel_office", deadline_minutes=24 * 60),
        StepInput("approve", role="director", deadline_minutes=24 * 60))))
    offer_id = act(w, w.hr, offers.create, OfferInput(
        application_id=w.applications[0], pay=PAY, start_date=date(2027, 1, 4), probation_months=3,
        work_place="本院门诊楼", reply_by=local(STORY_DAY + timedelta(days=7), 17), grade="专技十二级"))
    assert act(w, w.hr, offers.submit, offer_id) == OfferStatus.PENDING_APPROVAL
    clock.advance(timedelta(hours=1))
    assert act(w, w.personnel, offers.decide, offer_id, True, "同意") == OfferStatus.PENDING_APPROVAL
    deliver(w)
    assert len(relay.mailbox.messages()) == invitations + 1     # not before the last step
    clock.advance(timedelta(hours=2))
    assert act(w, w.director, offers.decide, offer_id, True) == OfferStatus.SENT

    # 4. the letter arrives attached as a PDF with its CJK font
    deliver(w)
    letter = relay.mailbox.messages()[-1]
    assert str(letter["Subject"]) == "录用通知：内科住院医师岗位" and letter["To"].addresses[0].addr_spec == "c1@example.cn"
    [pdf] = [p for p in letter.walk() if p.get_content_type() == "application/pdf"]
    assert pdf.get_filename() == "录用通知书.pdf"
    text = "".join(pdf_text(pdf.get_content()).split())
    for expected in ("候选人1", "内科住院医师", "岗位工资", "2,800元/月", "薪级工资", "1,200元/月", "本院门诊楼"):
        assert expected in text, expected

    # 5. the candidate answers 接受 by replying to the letter's mail
    clock.advance(timedelta(days=1))
    reply_by_mail(w, mail_servers, outbox(w, "offer_notice"), "接受！\n谢谢贵单位")
    with w.db.session() as s:
        offer = s.get(Offer, offer_id)
        assert (offer.status, offer.responded_at) == (OfferStatus.ACCEPTED, clock.now())
        assert s.scalars(select(InboundMessage.kind)).all() == ["offer_answer"]
    assert offer_events(w, offer_id) == ["offer_drafted", "offer_submitted", "offer_step", "offer_step",
                                         "offer_approved", "offer_sent", "offer_accepted"]

    # 6. the contract, filled from the accepted offer and signed by the institution
    clock.advance(timedelta(days=1))
    with w.db.session(w.hr, write=True) as s:
        issued = issuing.issue_contract(s, w.hr, offer_id, TERMS)
    assert issued.issued_at == clock.now()
    with w.db.session(w.hr) as s:
        pdf_bytes = contract_issuing.contract_pdf(s, w.hr, issued.id)
        check = issuing.verify_contract(s, w.hr, issued.id)
    assert check.status == "valid" and "某市第一人民医院" in check.signer
    text = "".join(pdf_text(pdf_bytes).split())
    for expected in ("劳动合同书", "候选人1", "110101199001011234", "内科住院医师", "内科门诊及病房诊疗工作",
                     "本院门诊楼", "2,800元/月", "社会保险"):
        assert expected in text, expected

    # 7. one flipped byte inside the signed range → tampered
    with w.db.session(ADMIN, write=True) as s:
        doc = s.scalar(select(ContractDocument).where(ContractDocument.contract_id == issued.id))
        data = bytearray(doc.data)
        data[data.index(b"/Contents") - 200] ^= 0x01
        doc.data = bytes(data)
    with w.db.session(w.hr) as s:
        assert issuing.verify_contract(s, w.hr, issued.id).status == "tampered"


def test_a_contract_template_without_social_insurance_is_refused_with_the_item_named(world):
    w = world
    bare = without("social_insurance")
    with w.db.session(ADMIN, write=True) as s, pytest.raises(ContractIncomplete) as caught:
        clauses = tuple((c.heading, c.text) for c in bare.clauses)
        contract_issuing.save_template(s, ADMIN, bare.name, bare.title, clauses)
    assert caught.value.missing_items == ("social_insurance",)
    assert "社会保险" in contracts.describe(caught.value)
    with w.db.session() as s:
        assert s.scalars(select(ContractTemplateRow)).all() == []
        assert contract_issuing.current_template(s) == contracts.DEFAULT_TEMPLATE     # issuing keeps the vetted one


# --- bad input along the story that the service tests leave out -------------------------------------

def test_two_approvers_on_two_desktops_exactly_one_decides_the_step(world):
    w = world
    act(w, ADMIN, save_chain, ChainInput("录用审批", None, "offer", False, (
        StepInput("approve", role="personnel_office"), StepInput("approve", role="director"))))
    offer_id = act(w, w.hr, offers.create, OfferInput(
        application_id=w.applications[0], pay=PAY, start_date=date(2027, 1, 4), probation_months=3,
        work_place="本院门诊楼", reply_by=local(STORY_DAY + timedelta(days=7), 17)))
    act(w, w.hr, offers.submit, offer_id)
    with w.db.session() as s:
        loaded = s.get(Offer, offer_id).version            # both desktops show the same offer
    act(w, w.personnel, offers.decide, offer_id, True, "同意", loaded)
    with pytest.raises(StaleWrite):                         # the second one is told, nothing written
        act(w, w.personnel, offers.decide, offer_id, False, "不同意", loaded)
    with w.db.session() as s:
        assert (s.get(Offer, offer_id).status, s.get(Offer, offer_id).current_step) == (
            OfferStatus.PENDING_APPROVAL, 2)               # waiting for the second step
    assert offer_events(w, offer_id).count("offer_step") == 1


def test_an_acceptance_by_mail_over_the_headcount_is_refused_and_hr_alerted(world, mail_servers):
    w = world
    with w.db.session(ADMIN, write=True) as s:
        s.get(Position, w.position).headcount = 1
    book(w, 0, local(STORY_DAY, 10))
    ids = []
    for n in (0, 1):
        ids.append(act(w, w.hr, offers.create, OfferInput(
            application_id=w.applications[n], pay=PAY, start_date=date(2027, 1, 4), probation_months=3,
            work_place="本院门诊楼", reply_by=local(STORY_DAY + timedelta(days=7), 17))))
        act(w, w.hr, offers.submit, ids[-1])                # no chain for offers: sent at once
    act(w, w.hr, offers.record_answer, ids[1], True, "电话接受")   # the only place is taken
    deliver(w)
    reply_by_mail(w, mail_servers, outbox_for(w, w.candidates[0]), "接受")
    with w.db.session() as s:
        assert s.get(Offer, ids[0]).status == OfferStatus.SENT
        [alert] = s.scalars(select(Alert).where(Alert.kind == "offer_answer_refused")).all()
        assert (alert.detail["offer_id"], alert.detail["reason"]) == (ids[0], "headcount_exceeded")
        assert s.scalars(select(InboundMessage.kind)).all() == ["offer_refused"]


def outbox_for(w: World, candidate_id: int) -> OutboxEntry:
    with w.db.session() as s:
        row = s.scalars(select(OutboxEntry).where(OutboxEntry.kind == "offer_notice", OutboxEntry.channel == "email")
                        ).all()
        [mine] = [r for r in row if r.payload["candidate_id"] == candidate_id]
        s.expunge(mine)
        return mine
