"""Issuing a labour contract and checking it when it is opened: core (desktop.core.contract_issuing)
checks and fills, this module renders the PDF, signs it with the institution's PKCS#12 certificate
(settings contracts.pkcs12_path and the secret contracts.pkcs12_password, never logged) and validates
stored contracts against the CA (contracts.ca_file, or the CA certificates inside the PKCS#12 file).

Run in a worker (ctx.write / ctx.read): signing runs pyHanko's own asyncio loop."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from desktop.core import contract_issuing, settings
from desktop.core.contract_issuing import ContractCheck, ContractTerms, IssuedContract
from desktop.core.errors import SigningCertificateInvalid
from desktop.core.storage.database import Actor
from desktop.integrations.documents.contract import render_contract
from desktop.integrations.documents.signing import certificate_summary, load_certificates, sign_pdf, validate_pdf


def _certificate(session: Session) -> tuple[bytes, str]:
    """The institution's PKCS#12 bytes and password; SigningCertificateInvalid("missing") without a file."""
    path = str(settings.institution_value(session, "contracts.pkcs12_path") or "")
    password = str(settings.institution_value(session, "contracts.pkcs12_password") or "")
    if not path:
        raise SigningCertificateInvalid("missing")
    try:
        data = Path(path).read_bytes()
    except OSError:
        raise SigningCertificateInvalid("missing") from None
    return data, password


def check_certificate(session: Session) -> tuple[str, datetime]:
    """The configured certificate's subject and end of validity (Settings → 劳动合同 "Check certificate").
    Raises SigningCertificateInvalid with the reason (missing, damaged, wrong_password, no_key, expired)."""
    pkcs12, password = _certificate(session)
    return certificate_summary(pkcs12, password, now=session.info["clock"].now())


def issue_contract(session: Session, actor: Actor, offer_id: int, terms: ContractTerms) -> IssuedContract:
    """The labour contract of an accepted offer, filled, rendered, signed by the institution and stored.
    Raises what contract_issuing.prepare_issue raises, or SigningCertificateInvalid (no or damaged
    certificate file, wrong password, expired): all before anything is written."""
    prepared = contract_issuing.prepare_issue(session, actor, offer_id, terms)
    pkcs12, password = _certificate(session)
    signed = sign_pdf(render_contract(prepared.filled), pkcs12, password, now=session.info["clock"].now(),
                      location=prepared.signing_place)
    return contract_issuing.record_issued(session, actor, prepared, signed)


def _trust_roots(session: Session) -> list:
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs12
    ca_file = str(settings.institution_value(session, "contracts.ca_file") or "")
    if ca_file:
        try:
            return load_certificates(Path(ca_file).read_bytes())
        except (OSError, ValueError):
            raise SigningCertificateInvalid("missing") from None
    data, password = _certificate(session)
    try:
        _key, _cert, others = pkcs12.load_key_and_certificates(data, password.encode("utf-8") if password else None)
    except Exception:   # noqa: BLE001 — malformed input raises several types
        raise SigningCertificateInvalid("damaged") from None
    return [load_certificates(c.public_bytes(Encoding.DER))[0] for c in others or ()]


def verify_contract(session: Session, actor: Actor, contract_id: int) -> ContractCheck:
    """Validate the stored signed PDF of the contract when it is opened: "valid", or "tampered",
    "modified", "untrusted", "unsigned", "damaged" (signing.validate_pdf), or "missing" (no PDF)."""
    contract, doc = contract_issuing.issued_document(session, actor, contract_id)
    if doc is None:
        return ContractCheck(contract.id, "missing", "", contract.issued_at, contract.signed_at)
    check = validate_pdf(doc.data, _trust_roots(session), now=session.info["clock"].now())
    return ContractCheck(contract.id, check.status, check.signer, contract.issued_at, contract.signed_at)
