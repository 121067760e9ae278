"""One InterviewDesk per Windows user and data folder: a second start with a link
(`interviewdesk --open interviewdesk://interview/42`, as Windows runs it for the URL scheme) hands
the link to the running app over a local socket and exits; the running app raises its window and
opens the interview. When none is running, the new start becomes the one that listens.

Protocol: one UTF-8 line with the link, answered by one line, "ok" or "bad". The receiver parses
the link again (anything on this machine may connect), reads at most MAX_LINE bytes and keeps
links that arrive before anyone signs in until the window exists."""

from __future__ import annotations

import getpass
import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from desktop.core import links
from desktop.core.errors import BadLink

log = logging.getLogger(__name__)
MAX_LINE = 512
HANDOVER_TIMEOUT_MS = 3000


def server_name(data_dir: Path, user: str | None = None) -> str:
    """The socket's name: one per operating-system user and data folder (two installations, or a
    portable copy, do not steal each other's links)."""
    who = user if user is not None else getpass.getuser()
    digest = hashlib.sha256(f"{who}\0{Path(data_dir).resolve()}".encode()).hexdigest()[:16]
    return f"InterviewDesk-{digest}"


def hand_over(name: str, link: str, timeout_ms: int = HANDOVER_TIMEOUT_MS) -> bool:
    """Give `link` to the app already running under `name`; False when none is running (or it did
    not answer). Blocking: called before this process shows any window."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    try:
        socket.write(link.strip().encode("utf-8")[:MAX_LINE - 1] + b"\n")
        if not socket.waitForBytesWritten(timeout_ms):
            return False
        answer = b""
        while b"\n" not in answer and socket.waitForReadyRead(timeout_ms):
            answer += bytes(socket.readAll().data())
        return answer.strip() == b"ok"
    finally:
        socket.disconnectFromServer()


class LinkServer(QObject):
    """Listens for links from later starts; `sig_link(interview_id)` for each good one, once a
    receiver is attached (`deliver_to`); until then they wait in `pending`."""

    sig_link = Signal(int)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._connected)
        self.pending: list[int] = []
        self.receiver: Callable[[int], None] | None = None
        self.refused = 0

    def listen(self) -> bool:
        """Listen under the name; False when another InterviewDesk of this user already does (asked
        first: Qt would otherwise replace a live socket file, and Windows lets two pipes share a name)."""
        probe = QLocalSocket()
        probe.connectToServer(self.name)
        if probe.waitForConnected(500):
            probe.abort()
            return False
        if self.server.listen(self.name):
            return True
        QLocalServer.removeServer(self.name)    # left behind by an app that ended without closing it
        listening = self.server.listen(self.name)
        if not listening:
            log.warning("links: cannot listen (%s)", self.server.errorString())
        return listening

    def close(self) -> None:
        self.server.close()

    def deliver_to(self, receiver: Callable[[int], None]) -> None:
        self.receiver = receiver
        waiting, self.pending = self.pending, []
        for interview_id in waiting:
            self._deliver(interview_id)

    def _deliver(self, interview_id: int) -> None:
        self.sig_link.emit(interview_id)
        if self.receiver is None:
            self.pending.append(interview_id)
        else:
            self.receiver(interview_id)

    def _connected(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            buffer = bytearray()
            socket.readyRead.connect(lambda s=socket, b=buffer: self._read(s, b))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket, buffer: bytearray) -> None:
        buffer += bytes(socket.read(MAX_LINE - len(buffer)).data())
        if b"\n" not in buffer and len(buffer) < MAX_LINE:
            return
        socket.readyRead.disconnect()          # one line per connection; the rest is not read
        line = bytes(buffer).split(b"\n", 1)[0]
        try:
            interview_id = links.parse(line.decode("utf-8", errors="replace"))
        except BadLink as refused:
            self.refused += 1
            log.info("links: refused a link (%s)", refused.params.get("reason"))
            socket.write(b"bad\n")
        else:
            socket.write(b"ok\n")
            self._deliver(interview_id)
        socket.flush()
        socket.disconnectFromServer()
