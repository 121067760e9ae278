"""The application context every window shares: the open database, who is signed in, the clock,
the settings and the task runner. Its own module, so the UI and the composition root (desktop/app.py)
both import it without importing each other."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session

from desktop.core import permissions, settings
from desktop.core.clock import Clock
from desktop.core.paths import AppDirs
from desktop.core.permissions import Action
from desktop.core.storage.database import Actor, Database

DEFAULT_TIMEZONE = "Asia/Shanghai"


class AppContext(QObject):
    """What every window needs: the open database, who is signed in, the clock, the settings, and
    the task runner through which all database work leaves the UI thread.

    `sig_changed(entity, ids)` is broadcast after every write made through `write()`; views refresh
    only when the entity concerns them (ids is a tuple, empty when unknown)."""

    sig_changed = Signal(str, object)

    def __init__(self, db: Database, actor: Actor, *, clock: Clock, dirs: AppDirs, tasks: Any,
                 language: str = "zh_CN", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.clock = clock
        self.dirs = dirs
        self.tasks = tasks
        self.language = language
        self.keystore: Any = None    # this computer's key store for the OS key slot (embedded database)
        self.institution: dict[str, Any] = {k: s.default for k, s in settings.REGISTRY.items()
                                            if s.scope == "institution"}
        self.tz = ZoneInfo(DEFAULT_TIMEZONE)

    # --- who and where ---------------------------------------------------------------------------

    @property
    def machine_file(self):
        return self.dirs.machine_settings

    def may(self, action: Action) -> bool:
        """Whether to offer an action at all; core checks again, per department, when it runs."""
        return action in permissions.actions_of(self.actor)

    def database_label(self) -> str:
        """The file path, or the server address without its password."""
        if self.db.path is not None:
            return str(self.db.path)
        return self.db.engine.url.render_as_string(hide_password=True)

    def use_institution_settings(self, values: dict[str, Any]) -> None:
        self.institution.update(values)
        try:
            self.tz = ZoneInfo(str(self.institution.get("office.timezone") or DEFAULT_TIMEZONE))
        except (ZoneInfoNotFoundError, ValueError):
            self.tz = ZoneInfo(DEFAULT_TIMEZONE)

    # --- time --------------------------------------------------------------------------------------

    def local(self, instant: datetime) -> datetime:
        return instant.astimezone(self.tz)

    def format_time(self, instant: datetime | None) -> str:
        return "" if instant is None else self.local(instant).strftime("%Y-%m-%d %H:%M")

    def today(self) -> date:
        return self.local(self.clock.now()).date()

    # --- work off the UI thread --------------------------------------------------------------------

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None, *, owner: QObject | None = None,
            write: bool = False) -> None:
        self.tasks.run_in_background(fn, on_done, on_error, write=write, owner=owner)

    def read(self, fn: Callable[[Session], Any], on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], None] | None = None, *, owner: QObject | None = None) -> None:
        """Run `fn(session)` in a read-only unit of work on a worker thread."""
        db, actor = self.db, self.actor

        def work() -> Any:
            with db.session(actor) as session:
                return fn(session)

        self.tasks.run_in_background(work, on_done, on_error, owner=owner)

    def write(self, fn: Callable[[Session], Any], on_done: Callable[[Any], None] | None = None,
              on_error: Callable[[BaseException], None] | None = None, *, entity: str,
              ids: Callable[[Any], Iterable[int]] | None = None, owner: QObject | None = None) -> None:
        """Run `fn(session)` in one committed unit of work on the single writer thread, then tell
        every view that `entity` changed."""
        db, actor = self.db, self.actor

        def work() -> Any:
            with db.session(actor, write=True) as session:
                return fn(session)

        def done(result: Any) -> None:
            if on_done is not None:
                on_done(result)
            self.sig_changed.emit(entity, tuple(ids(result)) if ids else ())

        self.tasks.run_in_background(work, done, on_error, write=True, owner=owner)
