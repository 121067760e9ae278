"""Raising an alert exactly once: its dedupe key says what it is about (and which version of the
interview), so the reminder engine, a calendar reply and the Exchange read-back may all run again,
from several desktops at the same moment, and each alert still exists once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import String, cast, literal, select
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.core.model import Alert, Interview


def sql_key(*parts: Any) -> ColumnElement[str]:
    """A dedupe key made in SQL as the f-strings make it in Python: texts and columns joined by ":"
    (sql_key("confirm", Interview.id, Interview.sequence) is "confirm:<id>:<sequence>"), for a query
    that asks of each row whether its alert or message exists already."""
    pieces = [literal(part) if isinstance(part, str) else cast(part, String) for part in parts]
    key = pieces[0]
    for piece in pieces[1:]:
        key = key + literal(":") + piece
    return key


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


@dataclass(frozen=True)
class Wanted:
    """One alert to raise once: its dedupe key, kind, whom it is for, and what it is about."""

    key: str
    kind: str
    user_id: int | None
    interview_id: int | None = None
    change_request_id: int | None = None
    detail: dict[str, Any] = field(default_factory=dict)


def raise_many(session: Session, wanted: list[Wanted]) -> list[Alert]:
    """`raise_once` for many alerts at once, as the minute job raises them: one query for the keys
    raised before and one savepoint (one flush) for the new ones, instead of a query, a savepoint and
    a flush per alert. When another desktop raised one of them at the same moment, the savepoint is
    undone and each is raised on its own. Returns the alerts raised now, in the order asked."""
    if not wanted:
        return []
    raised_before = set(session.scalars(select(Alert.dedupe_key).where(
        Alert.dedupe_key.in_({w.key for w in wanted}))))
    now = session.info["clock"].now()
    fresh: dict[str, Wanted] = {}
    for w in wanted:
        if w.key not in raised_before:
            fresh.setdefault(w.key, w)
    if not fresh:
        return []
    new = [Alert(dedupe_key=w.key, kind=w.kind, interview_id=w.interview_id, change_request_id=w.change_request_id,
                 user_id=w.user_id, detail=w.detail, raised_at=now) for w in fresh.values()]
    try:
        with session.begin_nested():
            session.add_all(new)
            session.flush()
    except IntegrityError:
        return [a for w in fresh.values() if (a := raise_once(
            session, w.key, w.kind, user_id=w.user_id, interview_id=w.interview_id,
            change_request_id=w.change_request_id, detail=w.detail)) is not None]
    return new


def for_hr(session: Session, key: str, kind: str, interview: Interview, **detail: Any) -> bool:
    """An alert about `interview` for its HR owner, once per key; True when it was raised now."""
    return raise_once(session, key, kind, user_id=interview.hr_owner_id, interview_id=interview.id,
                      detail=detail) is not None
