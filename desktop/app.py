"""Composition root: reads the machine settings, opens the database through the sign-in dialogs,
and wires the AppContext into the main window. Nothing happens at import time but one thing:
Python's automatic collector is switched off (the window collects on its UI thread, ui/gc.py).

Start-up imports only what the first window needs: the Exchange client (exchangelib, a large import)
is loaded only when Exchange is switched on, Alembic only when the schema needs a migration, and the
pinyin dictionaries in the background once the window is up; the database opens with this
computer's key store when it has an OS key slot (no Argon2 wait, no passphrase)."""

from __future__ import annotations

import gc as cyclic_gc        # the standard collector (desktop.ui.gc, imported in run_gui, drives it)
import logging
import sys

# Off from here rather than from when ui/gc.py takes over in run_gui: the start's imports and first
# queries ran about 200 collections of their own on a growing heap before.
cyclic_gc.disable()

from desktop.core import model, settings, signing  # noqa: E402
from desktop.core.clock import SystemClock  # noqa: E402
from desktop.core.errors import InvalidSetting  # noqa: E402
from desktop.core.paths import AppDirs, app_dirs  # noqa: E402
from desktop.core.storage.connect import Target  # noqa: E402

log = logging.getLogger(__name__)
PRELOAD_AFTER_MS = 3000
# What the signed-in desk is built from (_run_desk, the main window and the page most users open on), loaded
# while the passphrase or the password is checked (_load_desk_meanwhile).
DESK_MODULES = ("desktop.ui.main_window", "desktop.ui.today.page", "desktop.ui.backup_schedule",
                "desktop.ui.delivery", "desktop.core.sortkeys")


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


def _load_desk_meanwhile() -> None:
    """While Argon2 checks the passphrase or the password on a worker (without holding Python's lock), the
    UI thread imports the desk's modules, which the main window would otherwise import after the check.
    On two cores Argon2's own threads keep both busy, so this shares them rather than fills an idle one:
    the check takes a little longer and the window comes sooner (bench/bench_start.py). Nothing here
    touches the database. A wrong password has cost nothing: the next try needs them too."""
    for name in DESK_MODULES:
        __import__(name)     # as an import statement does: importlib.import_module's own escape -X importtime


def _link_handed_over(dirs: AppDirs, open_link: str | None, errors, links):
    """(exit code, None) when this start ends here: the link was bad, or an InterviewDesk already
    running for this user took it over. Otherwise (None, the listening LinkServer)."""
    interview_id = None
    if open_link is not None:
        from desktop.core import links as core_links
        from desktop.core.errors import BadLink

        try:
            interview_id = core_links.parse(open_link)
        except BadLink as error:
            errors.ErrorDialog(error).exec()
            return 2, None, None
    name = links.server_name(dirs.data)
    if interview_id is not None and links.hand_over(name, str(interview_id)):
        log.info("InterviewDesk ends: the link went to the app already running")
        return 0, None, None
    server = links.LinkServer(name)
    server.listen()
    return None, server, interview_id


def run_gui(target: Target | None, language: str | None, open_link: str | None = None) -> int:
    """Start the desktop application; returns the process exit code. `open_link`: an interview to
    open once signed in (interviewdesk://interview/<id>), handed to the running app if there is one."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.ui import crash, errors, gc, i18n, links, style
    from desktop.ui.context import AppContext
    from desktop.ui.signin import Desk, sign_in
    from desktop.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("InterviewDesk")
    app.setOrganizationName("InterviewDesk")
    dirs = app_dirs()
    guard = crash.CrashGuard(dirs.logs).install()
    link_server = None
    tasks = None
    try:
        log.info("InterviewDesk starts")
        gc.install(app)
        style.apply(app)
        machine_language = i18n.install(app, _language(dirs, language))
        ended, link_server, interview_id = _link_handed_over(dirs, open_link, errors, links)
        if ended is not None:
            return ended
        if interview_id is not None:
            link_server.pending.append(interview_id)    # opened once someone has signed in
        guard.tell_about_previous_crash()
        target = target or Target.resolve(dirs)
        tasks = TaskRunner()
        tasks.default_error_handler = errors.show_error
        # the mappers configured once the first dialog is up (the user reads and types): the login's first query
        # would do it, ahead of the password check whose wait _load_desk_meanwhile uses. Not sooner: beside the
        # UI thread's own work before the dialog it put the dialog off by some 30 ms
        QTimer.singleShot(0, lambda: tasks.run_in_background(model.configure))
        clock = SystemClock()
        keystore = None
        if not target.is_server:
            from desktop.integrations.keystore import system_keystore

            keystore = system_keystore()
        signed_in = sign_in(tasks, target, clock, keystore, meanwhile=_load_desk_meanwhile)
        if signed_in is None:
            log.info("InterviewDesk ends: nobody signed in")
            return 0
        return _run_desk(app, signed_in, tasks, clock, dirs, machine_language, keystore, AppContext, Desk,
                         link_server)
    except Exception as error:   # start-up failed: logged and shown, never a silent exit
        guard.record(error, "start-up failed")
        dialog = errors.ErrorDialog(error)
        dialog.exec()
        return 1
    finally:
        if tasks is not None:
            tasks.wait_for_done()     # (done at once) when nobody signed in, or the start failed
        if link_server is not None:
            link_server.close()
        guard.uninstall()


def _run_desk(app, signed_in, tasks, clock, dirs, machine_language, keystore, AppContext, Desk,
              link_server=None) -> int:
    from PySide6.QtCore import QTimer

    from desktop.core import sortkeys
    from desktop.ui import gc
    from desktop.ui.backup_schedule import BackupScheduler
    from desktop.ui.delivery import DeliveryService
    from desktop.ui.main_window import MainWindow

    signed_in.db.calendar = ExchangeWhenEnabled(signed_in.db)   # free/busy in conflict checks
    ctx = AppContext(signed_in.db, signed_in.actor, clock=clock, dirs=dirs, tasks=tasks, language=machine_language)
    ctx.keystore = keystore
    desk = Desk(ctx, MainWindow, machine_language)
    desk.start(signed_in)
    if link_server is not None:
        link_server.deliver_to(desk.open_link)    # links from later starts (and the one this start got)
    delivery = DeliveryService(ctx)
    tasks.when_idle(delivery.start, owner=delivery)   # messages and calendar updates go out once the page is up
    scheduled_backup = BackupScheduler(ctx)
    scheduled_backup.start()     # the daily backup, made up soon after the start when a day was missed
    # the pinyin dictionaries (sorting by name) load once the first page is up, off the UI thread
    QTimer.singleShot(PRELOAD_AFTER_MS, sortkeys.preload)
    gc.install(app).settle()      # what the start made is kept out of later collections
    code = app.exec()
    log.info("InterviewDesk ends (%s)", code)
    scheduled_backup.stop()
    delivery.stop()
    tasks.wait_for_done()
    signing.KEYRING.clear()       # no unlocked signing key outlives the desk
    signed_in.db.dispose()
    return code


def main() -> int:
    """Entry point of the `interviewdesk-gui` script: the default database, the saved language."""
    return run_gui(None, None)


if __name__ == "__main__":
    sys.exit(main())
