"""Composition root: reads the machine settings, opens the database through the sign-in dialogs,
and wires the AppContext into the main window. Nothing happens at import time.

Start-up imports only what the first window needs: the Exchange client (exchangelib, a large import)
is loaded only when Exchange is switched on, and the database opens with this computer's key store
when it has an OS key slot (no Argon2 wait, no passphrase)."""

from __future__ import annotations

import logging
import sys

from desktop.core import settings
from desktop.core.clock import SystemClock
from desktop.core.errors import InvalidSetting
from desktop.core.paths import AppDirs, app_dirs
from desktop.core.storage.connect import Target

log = logging.getLogger(__name__)


def _language(dirs: AppDirs, language: str | None) -> str:
    if language:
        return language
    try:
        return str(settings.machine_value(dirs.machine_settings, "ui.language"))
    except InvalidSetting:
        return "zh_CN"


class ExchangeWhenEnabled:
    """The calendar provider of conflict checks (core.scheduling.provider.CalendarProvider): Exchange
    free/busy once an administrator has switched Exchange on, without importing the Exchange client
    (exchangelib) at start-up on the many desktops that never use it."""

    def __init__(self, db) -> None:
        self.db = db
        self._exchange = None

    def busy_times(self, mailboxes, start, end):
        if self._exchange is None:
            from desktop.core.scheduling.provider import BusyTimes

            with self.db.session() as session:
                if not settings.institution_value(session, "exchange.enabled"):
                    return BusyTimes()
            from desktop.integrations.exchange.freebusy import ExchangeCalendar

            self._exchange = ExchangeCalendar(self.db)
        return self._exchange.busy_times(mailboxes, start, end)

    def forget(self) -> None:
        if self._exchange is not None:
            self._exchange.forget()


def run_gui(target: Target | None, language: str | None) -> int:
    """Start the desktop application; returns the process exit code."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui import crash, errors, gc, i18n, style
    from desktop.ui.context import AppContext
    from desktop.ui.signin import Desk, sign_in
    from desktop.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("InterviewDesk")
    app.setOrganizationName("InterviewDesk")
    dirs = app_dirs()
    guard = crash.CrashGuard(dirs.logs).install()
    try:
        log.info("InterviewDesk starts")
        gc.install(app)
        style.apply(app)
        machine_language = i18n.install(app, _language(dirs, language))
        guard.tell_about_previous_crash()
        target = target or Target.resolve(dirs)
        tasks = TaskRunner()
        tasks.default_error_handler = errors.show_error
        clock = SystemClock()
        keystore = None
        if not target.is_server:
            from desktop.integrations.keystore import system_keystore

            keystore = system_keystore()
        signed_in = sign_in(tasks, target, clock, keystore)
        if signed_in is None:
            log.info("InterviewDesk ends: nobody signed in")
            return 0
        return _run_desk(app, signed_in, tasks, clock, dirs, machine_language, keystore, AppContext, Desk)
    except Exception as error:   # start-up failed: logged and shown, never a silent exit
        guard.record(error, "start-up failed")
        dialog = errors.ErrorDialog(error)
        dialog.exec()
        return 1
    finally:
        guard.uninstall()


def _run_desk(app, signed_in, tasks, clock, dirs, machine_language, keystore, AppContext, Desk) -> int:
    from desktop.ui.delivery import DeliveryService
    from desktop.ui.main_window import MainWindow

    signed_in.db.calendar = ExchangeWhenEnabled(signed_in.db)   # free/busy in conflict checks
    ctx = AppContext(signed_in.db, signed_in.actor, clock=clock, dirs=dirs, tasks=tasks, language=machine_language)
    ctx.keystore = keystore
    desk = Desk(ctx, MainWindow, machine_language)
    desk.start(signed_in)
    delivery = DeliveryService(ctx)
    delivery.start()        # messages and calendar updates go out while the app runs
    code = app.exec()
    log.info("InterviewDesk ends (%s)", code)
    delivery.stop()
    tasks.wait_for_done()
    signed_in.db.dispose()
    return code


def main() -> int:
    """Entry point of the `interviewdesk-gui` script: the default database, the saved language."""
    return run_gui(None, None)


if __name__ == "__main__":
    sys.exit(main())
