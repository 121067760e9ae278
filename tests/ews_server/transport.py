"""HTTP/1.1 in front of the dispatcher, as IIS serves /EWS/Exchange.asmx: keep-alive with
Content-Length (NTLM needs the connection to survive its 401s), optional TLS, and the HTTP-level
faults a test schedules (503, a dropped connection, a slow answer)."""

from __future__ import annotations

import math
import socket
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING

from ews_server.auth import Challenge401, ConnectionAuth
from ews_server.dispatch import acting_mailbox
from ews_server.soap import EwsError, MalformedRequest, read_request

if TYPE_CHECKING:
    from ews_server.server import EwsServer

ENDPOINT = "/ews/exchange.asmx"
INJECTED = {
    "access_denied": ("ErrorAccessDenied", "Access is denied. Check credentials and try again."),
    "mailbox_not_found": ("ErrorNonExistentMailbox", "The SMTP address has no mailbox associated with it."),
}


class EwsHttpServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, ews: EwsServer, tls: ssl.SSLContext | None):
        self.ews = ews
        self.tls = tls
        self.open_connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), EwsHandler)

    def get_request(self):
        sock, address = super().get_request()
        # Headers and body leave in separate writes; without NODELAY, Nagle plus the client's delayed
        # ACK would add ~40 ms to every answer.
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if self.tls is not None:    # the handshake happens on the connection's own thread
            sock = self.tls.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, address

    def handle_error(self, request, client_address) -> None:
        """Clients that give up (failed TLS, a dropped connection) are normal here, not errors to print."""

    def close_connections(self) -> None:
        with self.connections_lock:
            connections = list(self.open_connections)
        for conn in connections:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            conn.close()


class EwsHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: EwsHttpServer
    server_version = "Microsoft-IIS/10.0"
    sys_version = ""

    def setup(self) -> None:
        if isinstance(self.request, ssl.SSLSocket):
            self.request.do_handshake()
        super().setup()
        self.auth_state = ConnectionAuth()
        with self.server.connections_lock:
            self.server.open_connections.add(self.request)

    def finish(self) -> None:
        with self.server.connections_lock:
            self.server.open_connections.discard(self.request)
        try:
            super().finish()
        except OSError:
            pass

    def log_message(self, format: str, *args) -> None:
        """Quiet: the request log on EwsServer is what tests read."""

    def _send(self, status: int, body: bytes, content_type: str = "text/xml; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-FEServer", "EXCH01")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        # Browsers and health checks GET the endpoint; EWS itself is POST only.
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._send(405, b"Method not allowed", "text/plain")

    def do_POST(self) -> None:
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path.split("?")[0].lower() != ENDPOINT:
            self._send(404, b"Not found", "text/plain")
            return
        ews = self.server.ews
        who = ews.authenticator.authenticate(self.headers.get("Authorization"), self.auth_state)
        if isinstance(who, Challenge401):
            self._send(401, b"401 - Unauthorized: Access is denied due to invalid credentials.", "text/html",
                       {"WWW-Authenticate": who.www_authenticate})
            return
        try:
            request = read_request(raw)
        except MalformedRequest:
            self._send(400, b"Bad Request", "text/plain")
            return
        ews.record(request.operation, acting_mailbox(request, who, self.headers.get("X-AnchorMailbox")))
        fault = ews.faults.take(request.operation)
        injected = None
        if fault is not None:
            if fault.kind == "slow":
                time.sleep(fault.delay)
            elif fault.kind == "http_503":
                headers = {"Retry-After": str(math.ceil(fault.back_off_ms / 1000))} if fault.back_off_ms else {}
                self._send(503, b"<html><body>Service Unavailable</body></html>", "text/html", headers)
                return
            elif fault.kind == "drop" and not fault.after_apply:
                self.close_connection = True
                return
            elif fault.kind == "server_busy":
                status, body = ews.dispatcher.busy(fault.back_off_ms)
                self._send(status, body)
                return
            elif fault.kind in INJECTED:
                injected = EwsError(*INJECTED[fault.kind])
        status, body = ews.dispatcher.handle(request, who, injected)
        if fault is not None and fault.kind == "drop":      # applied, but the answer is lost on the way
            self.close_connection = True
            return
        self._send(status, body)
