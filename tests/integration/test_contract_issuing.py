"""Issuing labour contracts on both backends: templates saved in versions with the 第十七条 check, a
contract issued for an accepted offer (filled, rendered, signed with the institution's PKCS#12 file
configured in the settings, stored in the database), the candidate's scan and signature image with
their times, and the signed PDF validated when opened (one flipped byte → tampered). A damaged
PKCS#12 file, a wrong password, an offer not accepted or a missing item refuse with nothing saved."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from desktop.core import contract_issuing, contracts, settings
from desktop.core.contract_issuing import ContractTerms
from desktop.core.errors import ContractIncomplete, InvalidState, PermissionDenied, SigningCertificateInvalid, \
    ValidationFailed
from desktop.core.model import (
    Application, ApplicationEvent, AuditEntry, Candidate, Contract, ContractDocument, ContractTemplateRow, Offer,
    OfferStatus,
)
from desktop.core.storage.database import Actor
from desktop.integrations.documents import issuing
from tests.integration.documents_helpers import pdf_text
from tests.signing_certs import make_signing_certs
from tests.unit.test_contracts import without

from scheduling_helpers import BACKENDS, world_copy
from scheduling_world import STORY_DAY, World, local

ADMIN = Actor.command_line()
TERMS = ContractTerms(kind="fixed_term", starts_on=date(2027, 1, 4), ends_on=date(2030, 1, 3), probation_months=6,
                      job_content="门诊及病房诊疗工作", work_place="某市健康路 12 号", employee_address="某市和平街 3 号")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(scope="module")
def certs():
    from tests.conftest import START
    return make_signing_certs(START - timedelta(days=1))


@pytest.fixture(params=BACKENDS)
def world(request, clock, certs, tmp_path) -> World:
    clock.set(local(STORY_DAY, 9, 0))
    w = world_copy(request, request.param, clock)
    p12 = tmp_path / "institution.p12"
    p12.write_bytes(certs.pkcs12)
    with w.db.session(ADMIN, write=True) as s:
        for key, value in {"office.name": "某市第一人民医院", "contracts.employer_address": "某市健康路 12 号",
                           "contracts.employer_representative": "张院长", "contracts.signing_place": "某市",
                           "contracts.pkcs12_path": str(p12), "contracts.pkcs12_password": certs.password}.items():
            settings.store_institution(s, key, value, "test")
        s.get(Candidate, s.get(Application, w.applications[0]).candidate_id).id_number = "110101199001011234"
    return w


def offer(w: World, status: OfferStatus = OfferStatus.ACCEPTED, app: int = 0) -> int:
    with w.db.session(ADMIN, write=True) as s:
        row = Offer(application_id=w.applications[app], grade="专技十二级", salary="岗位工资 2450 元/月、薪级工资 1200 元/月",
                    status=status, created_at=w.db.clock.now())
        s.add(row)
        s.flush()
        return row.id


def count(w: World, model) -> int:
    with w.db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def issue(w: World, offer_id: int, terms: ContractTerms = TERMS):
    with w.db.session(w.hr, write=True) as s:
        return issuing.issue_contract(s, w.hr, offer_id, terms)


def test_issued_signed_stored_and_valid_when_opened_then_the_candidate_signs(world, clock):
    issued = issue(world, offer(world))
    assert issued.template_name == contracts.DEFAULT_TEMPLATE.name and issued.issued_at == clock.now()
    with world.db.session(world.hr) as s:
        pdf = contract_issuing.contract_pdf(s, world.hr, issued.id)
        check = issuing.verify_contract(s, world.hr, issued.id)
        event = s.execute(select(ApplicationEvent.application_id, ApplicationEvent.detail)
                          .where(ApplicationEvent.kind == "contract_issued")).one()
    text = "".join(pdf_text(pdf).split())
    for expected in ("劳动合同书", "某市第一人民医院", "110101199001011234", "固定期限", "门诊及病房诊疗工作",
                     "岗位工资2450元/月", "第五条社会保险"):
        assert expected in text, expected
    assert check.ok and "某市第一人民医院" in check.signer and check.candidate_signed_at is None
    assert event.application_id == world.applications[0] and event.detail["contract_no"] == issued.contract_no

    clock.advance(timedelta(hours=2))
    with world.db.session(world.hr, write=True) as s:
        at = contract_issuing.attach_candidate_signature(s, world.hr, issued.id, "signature", PNG)
    clock.advance(timedelta(minutes=5))
    with world.db.session(world.hr, write=True) as s:
        contract_issuing.attach_candidate_signature(s, world.hr, issued.id, "scan", b"%PDF-1.7 scanned page")
    with world.db.session(world.hr) as s:
        contract = s.execute(select(Contract.status, Contract.signed_at).where(Contract.id == issued.id)).one()
        docs = s.execute(select(ContractDocument.kind, ContractDocument.added_at)
                         .order_by(ContractDocument.id)).all()
        assert issuing.verify_contract(s, world.hr, issued.id).candidate_signed_at == at
    assert contract.status == "signed" and contract.signed_at == at == issued.issued_at + timedelta(hours=2)
    assert [d.kind for d in docs] == ["issued", "signature", "scan"]
    assert docs[2].added_at == at + timedelta(minutes=5)


def test_one_flipped_byte_in_the_stored_pdf_is_flagged(world):
    issued = issue(world, offer(world))
    with world.db.session(ADMIN, write=True) as s:
        doc = s.scalar(select(ContractDocument).where(ContractDocument.contract_id == issued.id))
        data = bytearray(doc.data)
        spot = data.index(b"/Contents")
        data[spot - 200] ^= 0x01       # inside the signed byte range, before the signature
        doc.data = bytes(data)
    with world.db.session(world.hr) as s:
        assert issuing.verify_contract(s, world.hr, issued.id).status == "tampered"


@pytest.mark.parametrize("broken", ["damaged", "wrong_password", "missing", "expired"])
def test_a_bad_certificate_refuses_with_its_reason_and_nothing_saved(world, clock, tmp_path, certs, broken):
    with world.db.session(ADMIN, write=True) as s:
        if broken == "damaged":
            (tmp_path / "institution.p12").write_bytes(certs.pkcs12[:-40] + b"\x00" * 40)
        elif broken == "wrong_password":
            settings.store_institution(s, "contracts.pkcs12_password", "不是这个密码", "test")
        elif broken == "missing":
            settings.store_institution(s, "contracts.pkcs12_path", str(tmp_path / "nowhere.p12"), "test")
    if broken == "expired":
        clock.set(certs.not_after + timedelta(days=1))
    offer_id = offer(world)
    before = count(world, AuditEntry)
    with pytest.raises(SigningCertificateInvalid) as caught:
        issue(world, offer_id)
    assert caught.value.reason == broken
    assert certs.password not in str(caught.value)
    assert (count(world, Contract), count(world, ContractDocument), count(world, AuditEntry)) == (0, 0, before)


def test_a_template_without_social_insurance_is_refused_when_saved_naming_the_item(world):
    bare = without("social_insurance")
    with world.db.session(ADMIN, write=True) as s, pytest.raises(ContractIncomplete) as caught:
        contract_issuing.save_template(s, ADMIN, bare.name, bare.title, tuple((c.heading, c.text) for c in bare.clauses))
    assert caught.value.missing_items == ("social_insurance",)
    assert "社会保险" in contracts.describe(caught.value)
    assert count(world, ContractTemplateRow) == 0
    with world.db.session(world.hr, write=True) as s, pytest.raises(PermissionDenied):
        contract_issuing.save_template(s, world.hr, "x", "y", (("a", "b"),))


def test_saved_templates_are_versioned_and_an_issued_contract_keeps_its_version(world):
    base = contracts.DEFAULT_TEMPLATE
    clauses = tuple((c.heading, c.text) for c in base.clauses)
    with world.db.session(ADMIN, write=True) as s:
        first = contract_issuing.save_template(s, ADMIN, "医院聘用合同", "聘用合同书", clauses)
    issued = issue(world, offer(world))
    with world.db.session(ADMIN, write=True) as s:
        second = contract_issuing.save_template(s, ADMIN, "医院聘用合同", "聘用合同书（2027 版）", clauses)
        assert contract_issuing.current_template(s) == second
    assert (first.version, second.version, issued.template_version) == (1, 2, 1)
    with world.db.session() as s:
        rows = s.execute(select(ContractTemplateRow.version, ContractTemplateRow.title, ContractTemplateRow.is_current)
                         .order_by(ContractTemplateRow.version)).all()
        assert s.get(Contract, issued.id).template_id is not None
    assert [tuple(r) for r in rows] == [(1, "聘用合同书", False), (2, "聘用合同书（2027 版）", True)]


def test_a_value_missing_for_this_person_blocks_issuing_with_the_item_named(world):
    offer_id = offer(world, app=1)       # the second candidate has no ID number on file
    with pytest.raises(ContractIncomplete) as caught:
        issue(world, offer_id)
    assert caught.value.missing_fields == ("employee_id_number",)
    assert "劳动者身份证件号码" in contracts.describe(caught.value)
    assert count(world, Contract) == 0


def test_bad_terms_an_offer_not_accepted_and_a_second_contract_are_refused(world):
    with pytest.raises(InvalidState):
        issue(world, offer(world, OfferStatus.SENT))
    offer_id = offer(world)
    bad = ContractTerms(kind="forever", starts_on=date(2027, 1, 4), ends_on=date(2026, 1, 1), probation_months=7,
                        job_content="x", work_place="y", employee_address="z")
    with pytest.raises(ValidationFailed) as caught:
        issue(world, offer_id, bad)
    assert set(caught.value.problems) == {"kind", "ends_on", "probation_months"}
    issue(world, offer_id)
    with pytest.raises(InvalidState):
        issue(world, offer_id)
    with world.db.session(world.hr, write=True) as s, pytest.raises(ValidationFailed) as caught:
        contract_issuing.attach_candidate_signature(s, world.hr, 1, "signature", b"%PDF-1.7")
    assert caught.value.problems == {"file": "type"}
    assert count(world, Contract) == 1 and count(world, ContractDocument) == 1
