"""Failures a test schedules: the next N matching requests go wrong the way real deployments do
(throttling, a load balancer's 503, a connection cut before or after the server acted, a slow
backend, permission and mailbox errors)."""

from __future__ import annotations

import threading
from dataclasses import dataclass

KINDS = ("server_busy", "http_503", "drop", "slow", "access_denied", "mailbox_not_found")


@dataclass
class Fault:
    operation: str | None
    kind: str
    times: int
    back_off_ms: int
    after_apply: bool
    delay: float


class FaultPlan:
    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._lock = threading.Lock()

    def add(self, operation: str | None, kind: str, times: int, back_off_ms: int, after_apply: bool,
            delay: float) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; known: {', '.join(KINDS)}")
        if after_apply and kind != "drop":
            raise ValueError("after_apply only makes sense for kind='drop'")
        if times < 1:
            raise ValueError("times must be at least 1")
        with self._lock:
            self._faults.append(Fault(operation, kind, times, back_off_ms, after_apply, delay))

    def take(self, operation: str) -> Fault | None:
        """The first scheduled fault for this operation, used up by one."""
        with self._lock:
            for fault in self._faults:
                if fault.operation in (None, operation):
                    fault.times -= 1
                    if fault.times == 0:
                        self._faults.remove(fault)
                    return fault
        return None

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()
