"""The institution's PAdES signature on issued documents (pyHanko), and its validation when a signed
document is opened.

sign_pdf loads the institution's PKCS#12 file (configured by the administrator) and adds an invisible
PAdES baseline signature (SubFilter ETSI.CAdES.detached, SHA-256) as an incremental update.
validate_pdf checks every embedded signature against the given trust roots and says in one word
what a reader must know: valid, tampered (the signed bytes changed or the signature does not verify),
modified (something was appended after signing), untrusted (the certificate does not chain to a
trusted root, or is not valid at the moment), unsigned, damaged (not a readable PDF).

Times: pyHanko writes the signing time it reads from the system clock into the signature
dictionary; the time the app records for the step comes from the session's clock (the caller)."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import datetime

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives.serialization import pkcs12

from desktop.core.errors import SigningCertificateInvalid

log = logging.getLogger(__name__)

SIGNATURE_FIELD = "InstitutionSignature"
REASONS = {    # SigningCertificateInvalid.reason → (Chinese, English), for the UI and the command line
    "missing": ("未找到单位签名证书文件，或文件为空。", "The institution's signing certificate file is missing or empty."),
    "damaged": ("单位签名证书文件已损坏，或不是 PKCS#12（.p12/.pfx）文件。",
                "The signing certificate file is damaged or is not a PKCS#12 (.p12/.pfx) file."),
    "wrong_password": ("单位签名证书的密码不正确。", "The signing certificate's password is wrong."),
    "no_key": ("证书文件中没有私钥或证书，无法用于签名。",
               "The certificate file holds no private key or certificate to sign with."),
    "not_yet_valid": ("单位签名证书尚未生效。", "The signing certificate is not valid yet."),
    "expired": ("单位签名证书已过期。", "The signing certificate has expired."),
}


def reason_text(error: SigningCertificateInvalid, lang: str = "zh_CN") -> str:
    zh, en = REASONS.get(error.reason, (error.reason, error.reason))
    return en if lang == "en" else zh


@dataclass(frozen=True)
class SignatureCheck:
    status: str                 # valid, tampered, modified, untrusted, unsigned, damaged
    signer: str = ""            # the certificate's subject (the institution), "" when unknown
    signed_at: datetime | None = None   # the time the signer claimed
    signatures: int = 0

    @property
    def ok(self) -> bool:
        return self.status == "valid"


def _load_pkcs12(data: bytes, password: str, now: datetime):
    """The pyHanko signer from the PKCS#12 bytes, or SigningCertificateInvalid with the reason."""
    if not data:
        raise SigningCertificateInvalid("missing")
    secret = password.encode("utf-8") if password else None
    try:
        key, cert, others = pkcs12.load_key_and_certificates(data, secret)
    except ValueError:
        raise SigningCertificateInvalid(_why_not_loaded(data)) from None
    except Exception:   # noqa: BLE001 — cryptography raises several types for malformed input
        raise SigningCertificateInvalid("damaged") from None
    if key is None or cert is None:
        raise SigningCertificateInvalid("no_key")
    if now < cert.not_valid_before_utc:
        raise SigningCertificateInvalid("not_yet_valid")
    if now > cert.not_valid_after_utc:
        raise SigningCertificateInvalid("expired")
    from pyhanko.sign import signers
    try:
        return signers.SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=secret)
    except ValueError:
        raise SigningCertificateInvalid("damaged") from None


def _why_not_loaded(data: bytes) -> str:
    """cryptography says "Invalid password or PKCS12 data" for both: a file that parses as a PKCS#12
    structure (with a MAC) was refused for its password; anything else is damaged."""
    from asn1crypto import pkcs12 as asn1_pkcs12
    try:
        pfx = asn1_pkcs12.Pfx.load(data, strict=True)
        pfx.native                           # noqa: B018 — forces the parse of every part
    except Exception:   # noqa: BLE001 — any parse failure means the file is not a sound PKCS#12
        return "damaged"
    return "wrong_password"


def sign_pdf(pdf: bytes, pkcs12_data: bytes, password: str, *, now: datetime, reason: str = "用人单位签章",
             location: str = "") -> bytes:
    """The PDF with the institution's PAdES signature appended. `now` (the session clock, aware) is the
    moment the certificate must be valid at. Raises SigningCertificateInvalid; never half-signs."""
    signer = _load_pkcs12(pkcs12_data, password, now)
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    meta = signers.PdfSignatureMetadata(field_name=SIGNATURE_FIELD, md_algorithm="sha256",
                                        subfilter=fields.SigSeedSubFilter.PADES, reason=reason,
                                        location=location or None)
    # sign_pdf runs its own asyncio loop: call from a worker thread (ctx.write), never inside a loop
    out = signers.PdfSigner(meta, signer=signer).sign_pdf(writer)
    return out.getvalue()


def certificate_summary(pkcs12_data: bytes, password: str, *, now: datetime) -> tuple[str, datetime]:
    """The signing certificate's subject and end of validity, for the administrator checking the file.
    Raises SigningCertificateInvalid as sign_pdf would."""
    cert = _load_pkcs12(pkcs12_data, password, now).signing_cert
    return cert.subject.human_friendly, cert.not_valid_after


def load_certificates(data: bytes) -> list[asn1_x509.Certificate]:
    """Trust roots from PEM (one or more) or DER bytes."""
    if pem.detect(data):
        return [asn1_x509.Certificate.load(der) for _t, _h, der in pem.unarmor(data, multiple=True)]
    return [asn1_x509.Certificate.load(data)]


def validate_pdf(pdf: bytes, trust_roots: list[asn1_x509.Certificate], *, now: datetime) -> SignatureCheck:
    """What the signatures of the PDF say, checked against `trust_roots` at `now`."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception:   # noqa: BLE001 — any failure to read the file means it is not a sound PDF
        return SignatureCheck("damaged")
    if not embedded:
        return SignatureCheck("unsigned")
    checks = []
    for sig in embedded:
        context = ValidationContext(trust_roots=trust_roots, moment=now, allow_fetching=False)
        try:
            status = validate_pdf_signature(sig, context)
        except (SignatureValidationError, ValueError, KeyError, TypeError):
            check = SignatureCheck("tampered", signatures=len(embedded))
        except Exception:   # noqa: BLE001 — pyHanko raises assorted errors for mangled signature data
            log.warning("signature could not be validated", exc_info=True)
            check = SignatureCheck("tampered", signatures=len(embedded))
        else:
            check = SignatureCheck(_status_word(status), signer=status.signing_cert.subject.human_friendly,
                                   signed_at=status.signer_reported_dt, signatures=len(embedded))
        checks.append(check)
    order = ("valid", "untrusted", "modified", "tampered")
    return max(checks, key=lambda c: order.index(c.status))   # the worst one speaks for the file


def _status_word(status) -> str:
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    if not (status.intact and status.valid):
        return "tampered"
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return "modified"
    if not status.trusted:
        return "untrusted"
    return "valid"
