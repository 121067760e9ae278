"""Composition root: reads the machine settings, opens the database through the sign-in dialogs,
and wires the AppContext into the main window. Nothing happens at import time."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session

from desktop.core import permissions, settings
from desktop.core.clock import Clock, SystemClock
from desktop.core.errors import InvalidSetting
from desktop.core.paths import AppDirs, app_dirs
from desktop.core.permissions import Action
from desktop.core.storage.connect import Target
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


def _language(dirs: AppDirs, language: str | None) -> str:
    if language:
        return language
    try:
        return str(settings.machine_value(dirs.machine_settings, "ui.language"))
    except InvalidSetting:
        return "zh_CN"


def run_gui(target: Target | None, language: str | None) -> int:
    """Start the desktop application; returns the process exit code."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui import errors, gc, i18n, style
    from desktop.integrations.exchange.freebusy import ExchangeCalendar
    from desktop.ui.delivery import DeliveryService
    from desktop.ui.main_window import MainWindow
    from desktop.ui.signin import sign_in
    from desktop.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("InterviewDesk")
    app.setOrganizationName("InterviewDesk")
    gc.install(app)
    style.apply(app)
    dirs = app_dirs()
    language = i18n.install(app, _language(dirs, language))
    target = target or Target.resolve(dirs)
    tasks = TaskRunner()
    tasks.default_error_handler = errors.show_error
    errors.install_excepthook()
    clock = SystemClock()
    try:
        signed_in = sign_in(tasks, target, clock)
        if signed_in is None:
            return 0
        signed_in.db.calendar = ExchangeCalendar(signed_in.db)   # free/busy in conflict checks; nothing when off
        ctx = AppContext(signed_in.db, signed_in.actor, clock=clock, dirs=dirs, tasks=tasks, language=language)
        ctx.use_institution_settings(signed_in.institution)
        window = MainWindow(ctx)
        delivery = DeliveryService(ctx)
        delivery.start()        # messages and calendar updates go out while the app runs
        window.show()
        code = app.exec()
        delivery.stop()
        tasks.wait_for_done()
        signed_in.db.dispose()
        return code
    finally:
        errors.uninstall_excepthook()


def main() -> int:
    """Entry point of the `interviewdesk-gui` script: the default database, the saved language."""
    return run_gui(None, None)


if __name__ == "__main__":
    sys.exit(main())
