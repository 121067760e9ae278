"""`archive export` and `archive verify`: archive packages of interview dossiers (issue 13 §3).

Export acts as the command-line actor, like every command; `verify` opens no database at all, so it
works years later on any computer that has InterviewDesk (the package's README says how to check it
without)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop.cli import exit_code
from desktop.cli.context import Cli
from desktop.core.archive import export as exporting
from desktop.core.archive.verify import verify as verify_package
from desktop.core.errors import DeskError
from desktop.ui.messages import export_failure_text, package_problem_text

PROGRESS_STEPS = 10     # progress lines on the terminal per export


def export(cli: Cli) -> int:
    args = cli.args
    request = exporting.ExportRequest(args.date_from, args.date_to, Path(args.dest).expanduser().absolute(),
                                      args.department)
    shown = set()

    def progress(done: int, total: int) -> None:
        step = done * PROGRESS_STEPS // total
        if step not in shown:
            shown.add(step)
            cli.warn(QCoreApplication.translate("Cli", "{0} of {1} dossiers written…").format(done, total))

    try:
        exporting.check_request(request)            # before the passphrase is asked for
        with cli.database() as db:
            result = exporting.export(db, cli.actor, request, progress=progress)
    except DeskError as exc:       # worded with what became of the package: nothing was left, nothing registered
        cli.warn(export_failure_text(exc))
        return exit_code(exc)
    cli.say(QCoreApplication.translate("Cli", "Package written: {0} ({1} dossiers).").format(result.path,
                                                                                           result.dossiers))
    cli.say(QCoreApplication.translate("Cli", "Package digest (SHA-256 of manifest.sha256): {0}")
            .format(result.package_sha256))
    cli.say(QCoreApplication.translate("Cli", "Registered as export #{0} in the archive register.")
            .format(result.export_id))
    if result.reproduced:
        cli.say(QCoreApplication.translate("Cli", "{0} dossier(s) were produced anew for the register (their "
                                                  "records had changed or had no dossier yet).")
                .format(result.reproduced))
    return 0


def verify(cli: Cli) -> int:
    report = verify_package(Path(cli.args.package).expanduser())
    for warning in report.warnings:
        cli.say(QCoreApplication.translate("Cli", "Note: {0}").format(package_problem_text(warning)))
    if not report.ok:
        cli.say(QCoreApplication.translate("Cli", "PACKAGE CHECK FAILED: {0}").format(
            package_problem_text(report.problem)))
        return 1
    cli.say(QCoreApplication.translate("Cli", "Package OK: {0} dossiers, {1} files and {2} signatures checked.")
            .format(report.dossiers, report.files, report.signatures))
    cli.say(QCoreApplication.translate("Cli", "Package digest (SHA-256 of manifest.sha256): {0}")
            .format(report.package_sha256))
    return 0
