"""Shared pieces of the scheduling UI tests (the `world` fixture is in conftest.py): bookings made
through the core service, waiting for background work, and mouse gestures sent to a widget the way
Qt delivers them."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget

from desktop.core.model import InterviewMode
from desktop.core.scheduling import booking
from scheduling_world import STORY_DAY, World, local

__all__ = ["STORY_DAY", "book", "click", "drag", "idle", "local"]


def idle(qtbot, ctx) -> None:
    qtbot.waitUntil(lambda: ctx.tasks.is_idle, timeout=10_000)


def book(w: World, candidate: int, start: datetime, *, interviewers: tuple[int, ...] | None = None,
         room: int | None = None, minutes: int = 30, reason: str = "") -> int:
    """HR books applicant number `candidate` (default: 王主任 in room 301); returns the interview id."""
    with w.db.session(w.hr, write=True) as s:
        return booking.book(s, w.hr, booking.BookingInput(
            application_id=w.applications[candidate], round_id=w.round1, starts_at=start, duration_minutes=minutes,
            mode=InterviewMode.ONSITE, room_id=room or w.room,
            interviewer_ids=interviewers or (w.wang.user_id,)), override_reason=reason).interview_id


def _send(widget: QWidget, kind: QEvent.Type, pos: QPoint, buttons: Qt.MouseButton) -> None:
    point = QPointF(pos)
    event = QMouseEvent(kind, point, QPointF(widget.mapToGlobal(pos)), Qt.MouseButton.LeftButton
                        if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QCoreApplication.sendEvent(widget, event)


def drag(widget: QWidget, start: QPoint, end: QPoint, steps: int = 4) -> None:
    """Press at `start`, move in a few steps, release at `end` (left button)."""
    _send(widget, QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    for n in range(1, steps + 1):
        _send(widget, QEvent.Type.MouseMove, start + (end - start) * n / steps, Qt.MouseButton.LeftButton)
    _send(widget, QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)


def click(widget: QWidget, at: QPoint) -> None:
    _send(widget, QEvent.Type.MouseButtonPress, at, Qt.MouseButton.LeftButton)
    _send(widget, QEvent.Type.MouseButtonRelease, at, Qt.MouseButton.NoButton)
