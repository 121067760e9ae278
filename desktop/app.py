"""Composition root: reads the machine settings, opens the database through the sign-in dialogs,
and wires the AppContext into the main window. Nothing happens at import time."""

from __future__ import annotations

import sys

from desktop.core import settings
from desktop.core.clock import SystemClock
from desktop.core.errors import InvalidSetting
from desktop.core.paths import AppDirs, app_dirs
from desktop.core.storage.connect import Target
from desktop.ui.context import AppContext


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
