"""How far the minute job has looked, per database in this process: a check that fires at a fixed
time after a recorded moment (a scorecard's reminder 20 h after the interview's end) needs, each
minute, only the moments whose time came since its last committed run, not the whole catch-up
window again.

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
_PENDING = "watermarks.pending"
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
    if _LISTENING not in session.info:
        session.info[_LISTENING] = True
        event.listen(session, "after_commit", _commit)
        event.listen(session, "after_rollback", _forget)
    session.info.setdefault(_PENDING, {})[name] = (session.get_bind(), settings, now)


def _commit(session: Session) -> None:
    if session.in_nested_transaction():     # a savepoint released: the run is not committed yet
        return
    for name, (engine, settings, now) in session.info.pop(_PENDING, {}).items():
        _marks.setdefault(engine, {})[name] = (settings, now)


def _forget(session: Session) -> None:
    if not session.in_nested_transaction():
        session.info.pop(_PENDING, None)
