"""Who is calling: Basic on every request, or NTLM once per connection, as IIS does for /EWS.

An unauthenticated request gets 401 with the scheme offered in WWW-Authenticate, which is how
exchangelib discovers the scheme before it ever sends credentials."""

from __future__ import annotations

import base64
import binascii
import hmac
from dataclasses import dataclass, field

from ews_server import ntlm


@dataclass
class Challenge401:
    """Answer 401 with this WWW-Authenticate value (the connection stays open)."""

    www_authenticate: str


@dataclass
class ConnectionAuth:
    """Per-connection state: NTLM authenticates the TCP connection, not single requests."""

    user: str | None = None
    pending: ntlm.PendingHandshake | None = None


@dataclass
class Authenticator:
    scheme: str                          # "NTLM" or "Basic"
    passwords: dict[str, str] = field(default_factory=dict)   # lower-case address -> password

    def offer(self) -> str:
        return "NTLM" if self.scheme == "NTLM" else 'Basic realm="exch01.example.cn"'

    def authenticate(self, header: str | None, conn: ConnectionAuth) -> str | Challenge401:
        """The authenticated login (lower-case address) or the 401 to send."""
        if self.scheme == "NTLM":
            return self._ntlm(header, conn)
        return self._basic(header)

    def _basic(self, header: str | None) -> str | Challenge401:
        if not header or not header.startswith("Basic "):
            return Challenge401(self.offer())
        try:
            user, _, password = base64.b64decode(header[6:]).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return Challenge401(self.offer())
        login = _login_name(user)
        known = self.passwords.get(login)
        if known is None or not hmac.compare_digest(known.encode(), password.encode()):
            return Challenge401(self.offer())
        return login

    def _ntlm(self, header: str | None, conn: ConnectionAuth) -> str | Challenge401:
        if not header:
            if conn.user:
                return conn.user
            return Challenge401(self.offer())
        scheme, _, token_text = header.partition(" ")
        if scheme not in ("NTLM", "Negotiate"):
            return Challenge401(self.offer())
        try:
            token = base64.b64decode(token_text)
        except binascii.Error:
            return Challenge401(self.offer())
        message_type = int.from_bytes(token[8:12], "little") if len(token) >= 12 else 0
        if message_type == 1:
            conn.user, conn.pending = None, None
            challenge, conn.pending = ntlm.challenge_for(token)
            return Challenge401(f"NTLM {base64.b64encode(challenge).decode()}")
        if message_type == 3 and conn.pending is not None:
            pending, conn.pending = conn.pending, None
            domain, user = ntlm.user_of(token)
            login = _login_name(f"{domain}\\{user}" if domain else user)
            password = self.passwords.get(login)
            if password is not None and ntlm.verify(token, pending, password):
                conn.user = login
                return login
        return Challenge401(self.offer())


def _login_name(user: str) -> str:
    r"""'svc@example.cn', '\svc@example.cn' and 'EXAMPLE\svc@example.cn' all name the same account."""
    return user.rpartition("\\")[2].strip().lower()
