"""A real HTTP server on loopback standing in for an SMS gateway or an OA webhook receiver.

It records every request as it arrived (method, path, query, headers, raw body) and answers from a
script: each entry is (status, headers, body) or a number of seconds to stay silent (a gateway
that hangs); when the script is used up it answers `default`. The server thread keeps the tests
honest about bytes on the wire: signatures are checked against the raw body received."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Received:
    method: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def form(self) -> list[tuple[str, str]]:
        return parse_qsl(self.body.decode("utf-8"), keep_blank_values=True)


@dataclass
class Gateway:
    script: list = field(default_factory=list)
    default: tuple = (200, {"Content-Type": "application/json"}, b'{"code": 0, "msgid": "m-1"}')
    received: list[Received] = field(default_factory=list)

    def __post_init__(self) -> None:
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                with gateway.lock:
                    gateway.received.append(Received(self.command, parts.path, parse_qsl(parts.query, True),
                                                     {k.lower(): v for k, v in self.headers.items()}, body))
                    step = gateway.script.pop(0) if gateway.script else gateway.default
                if isinstance(step, (int, float)):
                    time.sleep(step)       # longer than the client waits: it gives up first
                    return
                status, headers, payload = step
                payload = payload.encode("utf-8") if isinstance(payload, str) else payload
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = _answer

            def log_message(self, *_args) -> None:   # quiet test output
                pass

        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def answer(status: int, body: dict | str = "", **headers: str) -> tuple:
    if isinstance(body, dict):
        return status, {"Content-Type": "application/json", **headers}, json.dumps(body, ensure_ascii=False)
    return status, {"Content-Type": "text/plain; charset=utf-8", **headers}, body
