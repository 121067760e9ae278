"""Issued labour contracts: the 第十七条 check blocks a template without 社会保险, the filled contract
PDF is signed with the institution's PKCS#12 certificate (PAdES, pyHanko) and validates against the
CA; one flipped byte, an appended change or a foreign CA is flagged; a damaged PKCS#12 file or a
wrong password is refused with its reason and nothing is signed."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.core import contracts
from desktop.core.errors import ContractIncomplete, SigningCertificateInvalid
from desktop.integrations.documents import signing
from desktop.integrations.documents.contract import render_contract
from tests.integration.documents_helpers import embedded_fonts, pdf_text
from tests.signing_certs import make_signing_certs
from tests.unit.test_contracts import values, without


@pytest.fixture(scope="module")
def certs():
    from tests.conftest import START
    return make_signing_certs(START - timedelta(days=1))


def contract_pdf() -> bytes:
    return render_contract(contracts.fill(contracts.DEFAULT_TEMPLATE, values()))


def test_contract_pdf_holds_the_filled_clauses():
    pdf = contract_pdf()
    text = "".join(pdf_text(pdf).split())
    for expected in ("劳动合同书", "第五条社会保险", "甲方依法为乙方缴纳养老、医疗", "110101199001011234", "乙方（签字）"):
        assert expected in text, expected
    assert any(name.endswith("WenQuanYiMicroHei-0") for name in embedded_fonts(pdf))


def test_template_without_social_insurance_cannot_be_issued():
    with pytest.raises(ContractIncomplete) as caught:
        contracts.fill(without("social_insurance"), values())
    assert "社会保险" in contracts.describe(caught.value)


def test_signed_contract_validates_and_one_flipped_byte_is_flagged(certs, clock):
    pdf = contract_pdf()
    signed = signing.sign_pdf(pdf, certs.pkcs12, certs.password, now=clock.now(), location="某市")
    assert signed.startswith(pdf)           # an incremental update: the rendered contract is untouched
    roots = signing.load_certificates(certs.ca_pem)
    check = signing.validate_pdf(signed, roots, now=clock.now())
    assert check.ok and check.status == "valid" and check.signatures == 1
    assert "电子签章" in check.signer
    assert check.signed_at is not None

    # one flipped byte inside the signed range (in the rendered contract)
    index = signed.index(b"/Title")
    tampered = signed[:index] + bytes([signed[index] ^ 0x01]) + signed[index + 1:]
    flagged = signing.validate_pdf(tampered, roots, now=clock.now())
    assert not flagged.ok and flagged.status == "tampered"
    # and anywhere else in the file: never "valid"
    for position in (len(pdf) // 2, len(signed) - 200):
        mangled = signed[:position] + bytes([signed[position] ^ 0x20]) + signed[position + 1:]
        assert signing.validate_pdf(mangled, roots, now=clock.now()).status != "valid"


def test_appended_change_foreign_root_and_unsigned_are_flagged(certs, clock):
    signed = signing.sign_pdf(contract_pdf(), certs.pkcs12, certs.password, now=clock.now())
    roots = signing.load_certificates(certs.ca_pem)
    appended = signed + b"\n1 0 obj\n(changed)\nendobj\n"
    assert signing.validate_pdf(appended, roots, now=clock.now()).status != "valid"
    other = make_signing_certs(clock.now() - timedelta(days=1))
    assert signing.validate_pdf(signed, signing.load_certificates(other.ca_pem), now=clock.now()).status == "untrusted"
    assert signing.validate_pdf(contract_pdf(), roots, now=clock.now()).status == "unsigned"
    assert signing.validate_pdf(b"not a pdf at all", roots, now=clock.now()).status == "damaged"


def test_wrong_password_damaged_or_empty_pkcs12_is_refused(certs, clock):
    pdf = contract_pdf()
    cases = {
        "wrong_password": (certs.pkcs12, "错误的密码"),
        "damaged": (certs.pkcs12[: len(certs.pkcs12) // 2], certs.password),
        "missing": (b"", certs.password),
    }
    flipped = bytearray(certs.pkcs12)
    flipped[len(flipped) // 2] ^= 0xFF
    for reason, (data, password) in cases.items():
        with pytest.raises(SigningCertificateInvalid) as caught:
            signing.sign_pdf(pdf, data, password, now=clock.now())
        assert caught.value.reason == reason
        assert signing.reason_text(caught.value)
    with pytest.raises(SigningCertificateInvalid) as caught:
        signing.sign_pdf(pdf, bytes(flipped), certs.password, now=clock.now())
    assert caught.value.reason in ("damaged", "wrong_password")
    assert signing.reason_text(SigningCertificateInvalid("wrong_password")) == "单位签名证书的密码不正确。"
    assert signing.reason_text(SigningCertificateInvalid("damaged"), "en").startswith("The signing certificate file")


def test_expired_certificate_is_refused(certs, clock):
    with pytest.raises(SigningCertificateInvalid) as caught:
        signing.sign_pdf(contract_pdf(), certs.pkcs12, certs.password, now=certs.not_after + timedelta(days=1))
    assert caught.value.reason == "expired"
