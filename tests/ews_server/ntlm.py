"""The acceptor half of NTLM, as IIS runs it in front of EWS: NEGOTIATE -> CHALLENGE -> AUTHENTICATE on
one kept-alive connection. The NTLMv2 proof is recomputed from the account's password and compared;
the MIC is checked when the client says it sent one. NTLMv1 is refused, as hardened servers do.

pyspnego's message classes and crypto are reused (its MD4 works where OpenSSL 3 dropped it); its own
server mode is not, because it reads passwords from a file named by a process-wide variable."""

from __future__ import annotations

import hmac
import os
from dataclasses import dataclass

from spnego._ntlm_raw.crypto import (
    compute_response_v2,
    hmac_md5,
    ntowfv1,
    ntowfv2,
    rc4k,
)
from spnego._ntlm_raw.messages import (
    Authenticate,
    AvFlags,
    AvId,
    Challenge,
    FileTime,
    Negotiate,
    NegotiateFlags,
    NTClientChallengeV2,
    TargetInfo,
    Version,
)

SERVER_NAME = "EXCH01"
DOMAIN = "EXAMPLE"


@dataclass
class PendingHandshake:
    """What the server must remember between CHALLENGE and AUTHENTICATE on one connection."""

    negotiate: bytes
    challenge: bytes
    server_challenge: bytes


def challenge_for(negotiate_token: bytes) -> tuple[bytes, PendingHandshake]:
    negotiate = Negotiate.unpack(negotiate_token)
    flags = (negotiate.flags | NegotiateFlags.request_target | NegotiateFlags.ntlm | NegotiateFlags.always_sign
             | NegotiateFlags.target_info | NegotiateFlags.target_type_domain)
    if flags & NegotiateFlags.unicode:
        flags &= ~NegotiateFlags.oem
    if flags & NegotiateFlags.extended_session_security:
        flags &= ~NegotiateFlags.lm_key
    info = TargetInfo()
    info[AvId.nb_domain_name] = DOMAIN
    info[AvId.nb_computer_name] = SERVER_NAME
    info[AvId.dns_domain_name] = "example.cn"
    info[AvId.dns_computer_name] = "exch01.example.cn"
    info[AvId.timestamp] = FileTime.now()
    server_challenge = os.urandom(8)
    extra = {"version": Version.get_current()} if flags & NegotiateFlags.version else {}
    challenge = Challenge(flags, server_challenge, target_name=DOMAIN, target_info=info, **extra).pack()
    return challenge, PendingHandshake(negotiate_token, challenge, server_challenge)


def user_of(authenticate_token: bytes) -> tuple[str, str]:
    """(domain, user) the client claims, before the proof is checked."""
    auth = Authenticate.unpack(authenticate_token)
    return auth.domain_name or "", auth.user_name or ""


def verify(authenticate_token: bytes, pending: PendingHandshake, password: str) -> bool:
    """True when the AUTHENTICATE message proves knowledge of `password` for this challenge."""
    auth = Authenticate.unpack(authenticate_token)
    response = auth.nt_challenge_response or b""
    if not auth.user_name or len(response) <= 24:   # anonymous or NTLMv1: refused
        return False
    client = NTClientChallengeV2.unpack(response[16:])
    key = ntowfv2(auth.user_name, ntowfv1(password), auth.domain_name)
    expected, _, key_exchange_key = compute_response_v2(
        key, pending.server_challenge, client.challenge_from_client, client.time_stamp, client.av_pairs)
    if not hmac.compare_digest(expected, response):
        return False
    if client.av_pairs.get(AvId.flags, 0) & AvFlags.mic:
        if auth.flags & NegotiateFlags.key_exch and auth.flags & (NegotiateFlags.sign | NegotiateFlags.seal):
            session_key = rc4k(key_exchange_key, auth.encrypted_random_session_key or b"")
        else:
            session_key = key_exchange_key
        sent_mic = auth.mic
        auth.mic = b"\x00" * 16
        mic = hmac_md5(session_key, pending.negotiate + pending.challenge + auth.pack())
        return hmac.compare_digest(mic, sent_mic or b"")
    return True
