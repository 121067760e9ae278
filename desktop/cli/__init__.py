"""`interviewdesk` (and `python -m desktop`): the command line for the IT office.

Global options come before the command:

    interviewdesk [--db PATH | --db-url URL] [--passphrase-file FILE] [--recovery-key-file FILE]
                  [--lang zh_CN|en] [--debug] COMMAND ...

Without a command the desktop application starts. Every command acts as the command-line system
actor ("cli" in the audit log); each change is one unit of work. See `interviewdesk --help`.
"""

from __future__ import annotations

import importlib
import sys
import traceback
from collections.abc import Sequence

from desktop.core.clock import Clock
from desktop.core import errors
from desktop.core.errors import DeskError, InvalidSetting
from desktop.core.failures import typed_failure

# Exit codes besides 0 (success), 1 (the operation failed), 2 (wrong usage or a missing input) and 130
# (cancelled), one per failure a scheduled task can act on without reading the message (see --help):
# the database or key file is damaged, the database stays locked or is open elsewhere, and failures of
# the disk, the file system or the database server.
EXIT_FAILED, EXIT_USAGE = 1, 2
EXIT_DAMAGED, EXIT_KEY_FILE, EXIT_BUSY, EXIT_IN_USE = 3, 4, 5, 6
EXIT_CODES: dict[type[DeskError], int] = {
    errors.DatabaseDamaged: EXIT_DAMAGED,
    errors.KeyFileDamaged: EXIT_KEY_FILE,
    errors.DatabaseBusy: EXIT_BUSY,
    errors.DatabaseInUse: EXIT_IN_USE,
    errors.DiskFull: 10,
    errors.StorageAccessDenied: 11,
    errors.ReadOnlyStorage: 12,
    errors.StorageIOError: 13,
    errors.OutOfResources: 14,
    errors.DatabaseOperationFailed: 15,
    errors.StorageFailed: 16,
}


def exit_code(error: DeskError) -> int:
    return next((code for kind, code in EXIT_CODES.items() if isinstance(error, kind)), EXIT_FAILED)


_app = None  # the QCoreApplication that carries the translators while a command runs


def main(argv: Sequence[str] | None = None, *, clock: Clock | None = None) -> int:
    """Run one command; returns the exit code (0 success, 1 failure, 2 wrong usage, 3-6 below)."""
    from desktop.cli import parser
    from desktop.core.paths import app_dirs
    from desktop.core.storage.connect import Target

    for stream in (sys.stdout, sys.stderr):  # a console or file that cannot show 中文 must not crash a command
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        args = parser.build().parse_args(args_list)
    except SystemExit as exc:  # argparse has printed usage or help
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    dirs = app_dirs()
    if args.command is None:
        from desktop.app import run_gui

        target = Target.resolve(dirs, args.db, args.db_url) if (args.db or args.db_url) else None
        return run_gui(target, args.lang, args.open_link)
    _install_translations(args.lang, dirs)
    return _run(args, dirs, clock)


def _run(args, dirs, clock: Clock | None) -> int:
    from PySide6.QtCore import QCoreApplication

    from desktop.cli.context import Cli, Failure, UsageError
    from desktop.core.storage.connect import Target
    from desktop.ui.messages import describe

    try:
        module, _, function = args.handler.rpartition(".")
        handler = getattr(importlib.import_module(f"desktop.cli.{module}"), function)
        target = Target.resolve(dirs, args.db, args.db_url)
        return int(handler(Cli(args, dirs, target, clock)) or 0)
    except UsageError as exc:
        Cli.warn(str(exc))
        return 2
    except Failure as exc:
        Cli.warn(str(exc))
        return 1
    except DeskError as exc:
        if args.debug:
            traceback.print_exc()
        Cli.warn(describe(exc))
        return exit_code(exc)
    except KeyboardInterrupt:
        Cli.warn(QCoreApplication.translate("Cli", "Cancelled."))
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: a message, no personal data
        if args.debug:
            traceback.print_exc()
        typed = typed_failure(exc)   # the disk, the file system, the database server: worded, own exit code
        if typed is not None:
            Cli.warn(describe(typed))
            return exit_code(typed)
        Cli.warn(describe(exc))
        Cli.warn(QCoreApplication.translate(
            "Cli", "Run the command again with --debug (before the command) to see technical details for the "
                   "IT office."))
        return 1


def _install_translations(language: str | None, dirs) -> str:
    """Qt translations without a display: a QCoreApplication, or the application already running."""
    global _app
    from PySide6.QtCore import QCoreApplication

    from desktop.core import settings
    from desktop.ui import i18n

    app = QCoreApplication.instance()
    if app is None:
        app = _app = QCoreApplication(["interviewdesk"])
    if not language:
        try:
            language = settings.read_machine(dirs.machine_settings).get("ui.language")
        except InvalidSetting:
            language = None
    return i18n.install(app, language or i18n.system_language())
