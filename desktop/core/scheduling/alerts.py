"""Raising an alert exactly once: its dedupe key says what it is about (and which version of the
interview), so the reminder engine, a calendar reply and the Exchange read-back may all run again,
from several desktops at the same moment, and each alert still exists once."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.core.model import Alert, Interview


def raise_once(session: Session, key: str, kind: str, *, user_id: int | None, interview_id: int | None = None,
               change_request_id: int | None = None, detail: dict[str, Any] | None = None) -> Alert | None:
    """Add the alert unless one with this key exists; returns it, or None when it was there already."""
    if session.scalar(select(Alert.id).where(Alert.dedupe_key == key)) is not None:
        return None
    alert = Alert(dedupe_key=key, kind=kind, interview_id=interview_id, change_request_id=change_request_id,
                  user_id=user_id, detail=detail or {}, raised_at=session.info["clock"].now())
    try:
        with session.begin_nested():  # another desktop may raise the same alert at the same moment
            session.add(alert)
            session.flush()
    except IntegrityError:
        return None
    return alert


def for_hr(session: Session, key: str, kind: str, interview: Interview, **detail: Any) -> bool:
    """An alert about `interview` for its HR owner, once per key; True when it was raised now."""
    return raise_once(session, key, kind, user_id=interview.hr_owner_id, interview_id=interview.id,
                      detail=detail) is not None
