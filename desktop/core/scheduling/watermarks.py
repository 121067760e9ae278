"""How far the minute job has looked, per database in this process: a check that fires at a fixed
time after a recorded moment (a scorecard's reminder 20 h after the interview's end) needs, each
minute, only the moments whose time came since its last committed run, not the whole catch-up
window again; and a check that found nothing to raise about an item (an interview whose candidate
matches the position well enough) need not compute it again each minute of its window.

A mark is kept in memory for the database's engine, under the check's name and the settings it
was computed with; it moves when the session that used it commits (a run rolled back is looked at
again). The first run of a process, a run after the settings changed, or a clock that went back
finds no usable mark and looks at the whole window: the alerts' dedupe keys keep that from raising
anything twice, so the mark only saves work and never decides what is raised."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import datetime
from weakref import WeakKeyDictionary

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

_marks: WeakKeyDictionary[Engine, dict[str, tuple[Hashable, datetime]]] = WeakKeyDictionary()
_settled: WeakKeyDictionary[Engine, dict[str, dict[Hashable, datetime]]] = WeakKeyDictionary()
_PENDING = "watermarks.pending"
_PENDING_SETTLED = "watermarks.pending_settled"
_LISTENING = "watermarks.listening"


def since(session: Session, name: str, settings: Hashable, now: datetime) -> datetime | None:
    """The `now` of the last committed run of check `name` with these settings, or None when the
    whole window must be looked at."""
    mark = _marks.get(session.get_bind(), {}).get(name)
    if mark is None or mark[0] != settings or mark[1] > now:
        return None
    return mark[1]


def advance(session: Session, name: str, settings: Hashable, now: datetime) -> None:
    """Check `name` has looked at everything due by `now`; takes effect when the session commits."""
    _listen(session)
    session.info.setdefault(_PENDING, {})[name] = (session.get_bind(), settings, now)
    session.connection()    # the run's transaction has begun, so a rollback of it is seen


def settled(session: Session, name: str) -> dict[Hashable, datetime]:
    """The items check `name` found nothing to raise about in a committed run, with when that stops
    holding (the end of their window). Read only."""
    return _settled.get(session.get_bind(), {}).get(name, {})


def settle(session: Session, name: str, items: dict[Hashable, datetime], now: datetime) -> None:
    """Check `name` found nothing to raise about these items until the time given with each; takes
    effect when the session commits, and items whose time passed by `now` are forgotten."""
    _listen(session)
    session.info.setdefault(_PENDING_SETTLED, {}).setdefault(name, [session.get_bind(), now, {}])[2].update(items)
    session.connection()


def _listen(session: Session) -> None:
    if _LISTENING not in session.info:
        session.info[_LISTENING] = True
        event.listen(session, "after_commit", _commit)
        event.listen(session, "after_soft_rollback", _forget)   # also a rollback before any SQL


def _commit(session: Session) -> None:
    if session.in_nested_transaction():     # a savepoint released: the run is not committed yet
        return
    for name, (engine, settings, now) in session.info.pop(_PENDING, {}).items():
        _marks.setdefault(engine, {})[name] = (settings, now)
    for name, (engine, now, items) in session.info.pop(_PENDING_SETTLED, {}).items():
        known = _settled.setdefault(engine, {}).setdefault(name, {})
        known.update(items)
        for item in [item for item, until in known.items() if until <= now]:
            del known[item]


def _forget(session: Session, previous_transaction) -> None:
    if not previous_transaction.nested:
        session.info.pop(_PENDING, None)
        session.info.pop(_PENDING_SETTLED, None)
