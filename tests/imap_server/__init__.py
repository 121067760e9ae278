"""A small IMAP4rev1 server on loopback for the reply-mailbox tests (standard library only).

It speaks the subset imaplib uses to read a mailbox: CAPABILITY, STARTTLS, LOGIN, SELECT/EXAMINE,
UID SEARCH (UNSEEN or ALL), UID FETCH (RFC822, BODY[], BODY.PEEK[], FLAGS), UID STORE ±FLAGS,
NOOP and LOGOUT. Messages live in memory; a test puts them in and reads their flags back.
`fail_store` makes STORE answer NO, as a mailbox with a read-only folder does.
"""

from __future__ import annotations

import base64
import re
import socketserver
import ssl
import threading
from dataclasses import dataclass, field


@dataclass
class StoredMessage:
    uid: int
    raw: bytes
    flags: set[str] = field(default_factory=set)


class Mailbox:
    def __init__(self, user: str, password: str, folder: str = "INBOX") -> None:
        self.user, self.password, self.folder = user, password, folder
        self.messages: list[StoredMessage] = []
        self.lock = threading.Lock()
        self.fail_store = False
        self.fetches = 0

    def put(self, raw: bytes) -> int:
        with self.lock:
            uid = (self.messages[-1].uid if self.messages else 0) + 1
            self.messages.append(StoredMessage(uid, raw))
            return uid

    def flags(self, uid: int) -> set[str]:
        with self.lock:
            return set(next(m for m in self.messages if m.uid == uid).flags)


_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|(\S+)')


def _args(text: str) -> list[str]:
    """Quoted strings and atoms, as imaplib sends LOGIN and SELECT arguments."""
    return [re.sub(r"\\(.)", r"\1", quoted) if atom == "" else atom for quoted, atom in _TOKEN.findall(text)]


def folder_of(name: str) -> str:
    """Decode a modified UTF-7 folder name (RFC 3501 5.1.3)."""
    def wide(match: re.Match) -> str:
        body = match.group(1)
        if not body:
            return "&"
        data = body.replace(",", "/")
        return base64.b64decode(data + "=" * (-len(data) % 4)).decode("utf-16-be")
    return re.sub(r"&([A-Za-z0-9+,]*)-", wide, name)


def _uids(spec: str, existing: list[int]) -> list[int]:
    chosen: list[int] = []
    top = max(existing, default=0)
    for piece in spec.split(","):
        if ":" in piece:
            low, high = piece.split(":")
            a, b = int(low), top if high == "*" else int(high)
            chosen.extend(u for u in existing if min(a, b) <= u <= max(a, b))
        elif piece == "*":
            chosen.extend(existing[-1:])
        elif int(piece) in existing:
            chosen.append(int(piece))
    return chosen


class _Session(socketserver.StreamRequestHandler):
    server: ImapServer

    def send(self, line: str | bytes) -> None:
        self.wfile.write((line.encode() if isinstance(line, str) else line) + b"\r\n")
        self.wfile.flush()

    def handle(self) -> None:
        box, tls = self.server.mailbox, self.server.tls
        self.logged_in = self.selected = False
        caps = "IMAP4rev1" + (" STARTTLS" if tls and not self.server.implicit_tls else "") + " AUTH=PLAIN"
        self.send(f"* OK [CAPABILITY {caps}] test IMAP ready")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            tag, _, rest = line.decode("utf-8", "replace").rstrip("\r\n").partition(" ")
            command, _, arguments = rest.partition(" ")
            command = command.upper()
            if command == "UID":
                sub, _, arguments = arguments.partition(" ")
                command = "UID " + sub.upper()
            if command == "CAPABILITY":
                self.send(f"* CAPABILITY {caps}")
            elif command == "STARTTLS" and tls:
                self.send(f"{tag} OK begin TLS now")
                self.request = tls.wrap_socket(self.request, server_side=True)
                self.rfile, self.wfile = self.request.makefile("rb"), self.request.makefile("wb")
                caps = "IMAP4rev1 AUTH=PLAIN"
                continue
            elif command == "NOOP":
                pass
            elif command == "LOGOUT":
                self.send("* BYE logging out")
                self.send(f"{tag} OK LOGOUT completed")
                return
            elif command in ("LOGIN", "AUTHENTICATE"):
                if command == "LOGIN":
                    user, password = _args(arguments)[:2]
                elif arguments.upper() == "PLAIN":
                    self.send("+ ")
                    answer = base64.b64decode(self.rfile.readline().strip()).decode("utf-8")
                    _, user, password = answer.split("\0")
                else:
                    self.send(f"{tag} NO unsupported mechanism")
                    continue
                if tls and not self.server.implicit_tls and not isinstance(self.request, ssl.SSLSocket):
                    self.send(f"{tag} NO [PRIVACYREQUIRED] STARTTLS first")
                    continue
                if (user, password) != (box.user, box.password):
                    self.send(f"{tag} NO [AUTHENTICATIONFAILED] invalid credentials")
                    continue
                self.logged_in = True
            elif not self.logged_in:
                self.send(f"{tag} BAD log in first")
                continue
            elif command in ("SELECT", "EXAMINE"):
                if folder_of(_args(arguments)[0]) != box.folder:
                    self.send(f"{tag} NO [NONEXISTENT] no such folder")
                    continue
                with box.lock:
                    count = len(box.messages)
                    top = max((m.uid for m in box.messages), default=0)
                self.selected = True
                self.send(f"* {count} EXISTS")
                self.send("* 0 RECENT")
                self.send("* FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft)")
                self.send("* OK [UIDVALIDITY 7] UIDs valid")
                self.send(f"* OK [UIDNEXT {top + 1}] predicted next UID")
                self.send(f"{tag} OK [READ-WRITE] {command} completed")
                continue
            elif not self.selected:
                self.send(f"{tag} BAD select a folder first")
                continue
            elif command == "UID SEARCH":
                criteria = arguments.upper().split()
                with box.lock:
                    found = [m.uid for m in box.messages
                             if "UNSEEN" not in criteria or "\\Seen" not in m.flags]
                self.send("* SEARCH" + "".join(f" {u}" for u in found))
            elif command == "UID FETCH":
                spec, _, items = arguments.partition(" ")
                self._fetch(spec, items.upper())
            elif command == "UID STORE":
                spec, mode, flags = arguments.split(" ", 2)
                if box.fail_store:
                    self.send(f"{tag} NO [CANNOT] folder is read-only")
                    continue
                self._store(spec, mode.upper(), set(flags.strip("()").split()))
            else:
                self.send(f"{tag} BAD unknown command")
                continue
            self.send(f"{tag} OK {command} completed")

    def _numbered(self, spec: str) -> list[tuple[int, StoredMessage]]:
        box = self.server.mailbox
        with box.lock:
            existing = [m.uid for m in box.messages]
            chosen = set(_uids(spec, existing))
            return [(n, m) for n, m in enumerate(box.messages, start=1) if m.uid in chosen]

    def _fetch(self, spec: str, items: str) -> None:
        box = self.server.mailbox
        for number, message in self._numbered(spec):
            parts = [f"UID {message.uid}"]
            if "FLAGS" in items:
                parts.append(f"FLAGS ({' '.join(sorted(message.flags))})")
            body = None
            if "RFC822" in items or "BODY[]" in items or "BODY.PEEK[]" in items:
                body = message.raw
                name = "RFC822" if "RFC822" in items else "BODY[]"
                if "BODY.PEEK[]" not in items:
                    with box.lock:
                        message.flags.add("\\Seen")
                with box.lock:
                    box.fetches += 1
            if body is None:
                self.send(f"* {number} FETCH ({' '.join(parts)})")
            else:
                self.wfile.write(f"* {number} FETCH ({' '.join(parts)} {name} {{{len(body)}}}\r\n".encode())
                self.wfile.write(body)
                self.send(")")

    def _store(self, spec: str, mode: str, flags: set[str]) -> None:
        box = self.server.mailbox
        for number, message in self._numbered(spec):
            with box.lock:
                if mode.startswith("+"):
                    message.flags |= flags
                elif mode.startswith("-"):
                    message.flags -= flags
                else:
                    message.flags = set(flags)
                shown = " ".join(sorted(message.flags))
            if ".SILENT" not in mode:
                self.send(f"* {number} FETCH (UID {message.uid} FLAGS ({shown}))")


class ImapServer(socketserver.ThreadingTCPServer):
    """`tls`: offer STARTTLS with this context (or, with implicit_tls, speak TLS from the start)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, mailbox: Mailbox, tls: ssl.SSLContext | None = None, implicit_tls: bool = False) -> None:
        super().__init__(("127.0.0.1", 0), _Session)
        self.mailbox, self.tls, self.implicit_tls = mailbox, tls, implicit_tls
        self._thread: threading.Thread | None = None

    def get_request(self):
        conn, address = super().get_request()
        if self.implicit_tls and self.tls is not None:
            conn = self.tls.wrap_socket(conn, server_side=True)
        return conn, address

    @property
    def port(self) -> int:
        return self.server_address[1]

    def start(self) -> ImapServer:
        self._thread = threading.Thread(target=self.serve_forever, name="test-imap", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
