"""The bytes of an outgoing e-mail, written directly (RFC 5322, MIME RFC 2045–2047 and 2231).

The outbox sends a few fixed shapes: a plain text, or plain text and HTML as alternatives, with
attachments after them (the interview's .ics, an offer letter, a personal-data copy). Composing
those through the email package's EmailMessage (header registry, content manager) and flattening
them with its generator cost some 5 ms of CPU per message, more than everything else the outbox
worker does for it together (bench/bench_mail.py); writing the same structure here costs a few
hundredths of that. The email package still reads what we write: the 发件箱 viewer, the tests and
`compose` parse these bytes, so what HR sees is what went out.

What is written:
- headers in ASCII: a text or display name outside printable ASCII becomes RFC 2047 encoded words
  (UTF-8, base64), folded to lines of at most 78 characters; an address in Chinese is written as it
  is (RFC 6532), and the message then needs SMTPUTF8 (`needs_smtputf8`);
- bodies as 7bit when they are ASCII in short lines, else quoted-printable or base64, whichever is
  shorter (Chinese text: base64; English with long lines: quoted-printable), so no relay without
  8BITMIME ever sees raw 8-bit data; CRLF line ends throughout;
- a non-ASCII attachment name as RFC 2231 `filename*`, in continuations when long;
- boundaries that start with "=_", which neither base64 nor quoted-printable can produce, and are
  checked against the 7bit bodies.
"""

from __future__ import annotations

import binascii
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote

CRLF = b"\r\n"
MAX_LINE = 78            # RFC 5322's recommended limit for a line, headers included
_WORD_BYTES = 45         # UTF-8 bytes in one encoded word: "=?utf-8?b?" + 60 base64 + "?=" is 72 characters
_ATEXT_PHRASE = re.compile(r"[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]+")
_PRINTABLE = re.compile(r"[\x20-\x7e]*")
_TOKEN = re.compile(r"[A-Za-z0-9!#$&+\-.^_`|~]+")   # a parameter value that needs no quotes


@dataclass(frozen=True)
class Part:
    """One leaf of the message: its content type (with parameters), and its bytes as they are."""

    content_type: str                 # "text/plain", "text/calendar", "application/pdf"
    data: bytes
    params: tuple[tuple[str, str], ...] = ()
    filename: str | None = None       # an attachment's name; None for the message's own text


def text(subtype: str, body: str) -> Part:
    """A text part in UTF-8 (line ends become CRLF on the wire)."""
    return Part(f"text/{subtype}", body.encode("utf-8"), (("charset", "utf-8"),))


# --- headers ------------------------------------------------------------------------------------

def _encoded_words(value: str, first_room: int) -> list[str]:
    """`value` as encoded words, none splitting a character; the first fits in `first_room`. Each
    word takes as many whole characters as fit (cut in the UTF-8 bytes, before a character's first
    byte); a character wider than the room still gets a word of its own."""
    data = value.encode("utf-8")
    limit = min(_WORD_BYTES, max((first_room - 12) // 4 * 3, 3))
    chunks, start = [], 0
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:      # inside a character: cut before it
            cut -= 1
        if cut == start:                     # one character wider than the room
            cut += 1
            while cut < len(data) and data[cut] & 0xC0 == 0x80:
                cut += 1
        chunks.append(data[start:cut])
        start, limit = cut, _WORD_BYTES
    if start < len(data) or not chunks:
        chunks.append(data[start:])
    return ["=?utf-8?b?" + binascii.b2a_base64(chunk, newline=False).decode("ascii") + "?=" for chunk in chunks]


def _plain(value: str) -> bool:
    """Text that may stand in a header as it is: printable ASCII that no reader takes for an encoded word."""
    return value.isascii() and _PRINTABLE.fullmatch(value) is not None and "=?" not in value


def _fold(name: str, pieces: Sequence[str], joiner: str = " ") -> str:
    """`Name: piece piece …`, broken before a piece wherever a line would pass 78 characters."""
    lines, line = [], f"{name}:"
    for n, piece in enumerate(pieces):
        sep = " " if n == 0 else joiner
        if n > 0 and len(line) + len(sep) + len(piece) > MAX_LINE:
            lines.append(line)
            line = " " + piece
        else:
            line += sep + piece
    lines.append(line)
    return "\r\n".join(lines)


def unstructured(name: str, value: str) -> str:
    """A header of free text (Subject): as it is when it is plain ASCII, else encoded words."""
    if _plain(value) and value == " ".join(value.split()) and all(len(w) < MAX_LINE - len(name) - 2
                                                                   for w in value.split()):
        return _fold(name, value.split() or [""])
    return _fold(name, _encoded_words(value, MAX_LINE - len(name) - 2))


def _phrase(display: str, room: int) -> list[str]:
    if not display:
        return []
    if _plain(display) and _ATEXT_PHRASE.fullmatch(display) and display.strip() == display and "  " not in display:
        return display.split()
    if _plain(display):
        return ['"' + display.replace("\\", "\\\\").replace('"', '\\"') + '"']
    return _encoded_words(display, room)


def address(name: str, display: str, addr_spec: str) -> str:
    """An address header (From, To): `display name <addr>`; an address in Chinese as it is (RFC 6532)."""
    if any(c in addr_spec for c in "\r\n<> "):
        raise ValueError("not an e-mail address")
    return _fold(name, [*_phrase(display, MAX_LINE - len(name) - 2), f"<{addr_spec}>"])


def needs_smtputf8(*addresses: str) -> bool:
    return not all(a.isascii() for a in addresses)


# --- bodies -------------------------------------------------------------------------------------

def _lines(data: bytes) -> list[bytes]:
    return data.splitlines()        # bytes: only CR, LF and CRLF end a line


def _encode(part: Part) -> tuple[str, bytes]:
    """(Content-Transfer-Encoding, the body as written)."""
    if part.content_type.startswith("text/"):
        lines = _lines(part.data)
        body = CRLF.join(lines) + CRLF
        if part.data.isascii() and all(len(line) <= MAX_LINE for line in lines):
            return "7bit", body
        quoted = binascii.b2a_qp(body, quotetabs=False, istext=True, header=False)
        encoded = _base64(body)
        return ("quoted-printable", quoted) if len(quoted) <= len(encoded) else ("base64", encoded)
    return "base64", _base64(part.data)


def _base64(data: bytes) -> bytes:
    """Base64 in lines of 76 characters, each ended by CRLF: base64.encodebytes' lines, made from
    one encoding of the whole instead of one call per 57 bytes."""
    encoded = binascii.b2a_base64(data, newline=False)
    return b"".join([encoded[at:at + 76] + CRLF for at in range(0, len(encoded), 76)])


def _param(name: str, value: str) -> list[str]:
    """A content parameter as header pieces: a token, a quoted string, or RFC 2231 in UTF-8."""
    if _TOKEN.fullmatch(value):
        return [f"{name}={value}"]
    if _plain(value):
        return [f'{name}="' + value.replace("\\", "\\\\").replace('"', '\\"') + '"']
    encoded = quote(value, safe="!#$&+-.^_`|~")
    whole = f"{name}*=utf-8''{encoded}"
    if len(whole) <= MAX_LINE - 2:
        return [whole]
    pieces, rest, n = [], encoded, 0
    while rest:
        head = f"{name}*{n}*=" + ("utf-8''" if n == 0 else "")
        cut = MAX_LINE - 2 - len(head)
        while cut < len(rest) and "%" in rest[max(cut - 2, 0):cut]:   # never split a %XX escape
            cut -= 1
        pieces.append(head + rest[:cut])
        rest, n = rest[cut:], n + 1
    return pieces


def _content_type(part: Part) -> str:
    pieces = [part.content_type]
    for name, value in part.params:
        pieces += _param(name, value)
    return _fold("Content-Type", [p + ";" for p in pieces[:-1]] + pieces[-1:])


def _leaf(part: Part) -> tuple[list[str], bytes, str]:
    cte, body = _encode(part)
    headers = [_content_type(part), f"Content-Transfer-Encoding: {cte}"]
    if part.filename is not None:
        params = _param("filename", part.filename)
        headers.append(_fold("Content-Disposition", ["attachment;"] + [p + ";" for p in params[:-1]] + params[-1:]))
    return headers, body, cte


def _boundary(bodies: Sequence[bytes]) -> str:
    while True:
        mark = "=_" + secrets.token_hex(12)
        if not any(mark.encode("ascii") in body for body in bodies):
            return mark


def _multipart(subtype: str, children: Sequence[tuple[list[str], bytes]]) -> tuple[list[str], bytes]:
    mark = _boundary([body for _headers, body in children])
    out = bytearray()
    for headers, body in children:
        out += b"--" + mark.encode("ascii") + CRLF
        out += "\r\n".join(headers).encode("utf-8") + CRLF + CRLF + body + CRLF
    out += b"--" + mark.encode("ascii") + b"--" + CRLF
    return [f'Content-Type: multipart/{subtype}; boundary="{mark}"'], bytes(out)


def message(headers: Sequence[str], text_plain: str, text_html: str = "",
            attachments: Sequence[Part] = ()) -> bytes:
    """The whole message: `headers` (made with `unstructured` and `address`, or plain lines), then
    MIME-Version and the body: the text (and its HTML alternative), and the attachments after it."""
    plain_headers, plain_body, _cte = _leaf(text("plain", text_plain))
    body: tuple[list[str], bytes] = (plain_headers, plain_body)
    if text_html:
        html_headers, html_body, _cte = _leaf(text("html", text_html))
        body = _multipart("alternative", [body, (html_headers, html_body)])
    if attachments:
        body = _multipart("mixed", [body] + [_leaf(part)[:2] for part in attachments])
    head = "\r\n".join([*headers, "MIME-Version: 1.0", *body[0]]).encode("utf-8")
    return head + CRLF + CRLF + body[1]
