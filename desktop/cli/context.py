"""What every command shares: the resolved database target, secrets read from the environment, a
file or a prompt (never from an argument, where other users of the computer could see them), opening
the database, and printing.

Texts go through Qt's translation in the "Cli" context; errors are worded by desktop.ui.messages.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop.core.clock import Clock, SystemClock
from desktop.core.paths import AppDirs
from desktop.core.storage import switch
from desktop.core.storage.connect import Target, open_target
from desktop.core.storage.database import Actor, Database
from desktop.core.storage.files import check_database_file
from desktop.core.storage.netshare import refuse_network_path
from desktop.core.validation import printable

PASSPHRASE_ENV = "INTERVIEWDESK_PASSPHRASE"
RECOVERY_KEY_ENV = "INTERVIEWDESK_RECOVERY_KEY"
NEW_PASSPHRASE_ENV = "INTERVIEWDESK_NEW_PASSPHRASE"
ADMIN_PASSWORD_ENV = "INTERVIEWDESK_ADMIN_PASSWORD"
USER_PASSWORD_ENV = "INTERVIEWDESK_USER_PASSWORD"


class UsageError(Exception):
    """The command was called wrongly or lacks an input (exit code 2). The message is translated."""


class Failure(Exception):
    """The operation did not succeed for a reason the command words itself (exit code 1)."""


class Cli:
    def __init__(self, args: argparse.Namespace, dirs: AppDirs, target: Target, clock: Clock | None = None) -> None:
        self.args = args
        self.dirs = dirs
        self.target = target
        self.clock = clock or SystemClock()
        self.actor = Actor.command_line()

    # --- output -----------------------------------------------------------------------------------

    # Stored text (names typed by anyone, holiday names from a file) may hold terminal control
    # sequences: everything printed is passed through `printable`, which writes them as escapes.

    @staticmethod
    def say(text: str = "") -> None:
        print(printable(text, keep_newlines=True), file=sys.stdout)

    @staticmethod
    def warn(text: str) -> None:
        print(printable(text, keep_newlines=True), file=sys.stderr)

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        """Columns aligned for a terminal, counting Chinese characters as two columns; a line break
        or tab inside a cell is shown as an escape and cannot break the table."""
        shown = [[printable(str(c)) for c in row] for row in [header, *rows]]
        widths = [max(_width(r[i]) for r in shown) for i in range(len(header))]
        for row in shown:
            cells = [c + " " * (w - _width(c)) for c, w in zip(row, widths)]
            self.say("  ".join(cells).rstrip())

    # --- secrets ----------------------------------------------------------------------------------

    def secret(self, *, env: str, file: str | None, prompt: str, confirm: bool = False) -> str:
        """A secret from a file named by an option (first line), else the environment, else a prompt
        on the terminal; without a terminal, a usage error that says how to provide it."""
        if file:
            return _first_line(file)
        value = os.environ.get(env)
        if value:
            return value
        if not sys.stdin.isatty():
            raise UsageError(QCoreApplication.translate(
                "Cli", "{0} is needed. Set the environment variable {1} or give it in a file with the option "
                "shown in “interviewdesk --help”; secrets are never accepted as arguments.").format(
                prompt.rstrip(": ："), env))
        first = getpass.getpass(prompt)
        if confirm:
            again = getpass.getpass(QCoreApplication.translate("Cli", "Repeat to confirm: "))
            if again != first:
                raise UsageError(QCoreApplication.translate("Cli", "The two entries differ; nothing was changed."))
        if not first:
            raise UsageError(QCoreApplication.translate("Cli", "Nothing was entered; nothing was changed."))
        return first

    def passphrase(self, *, confirm: bool = False) -> str:
        return self.secret(env=PASSPHRASE_ENV, file=self.args.passphrase_file, confirm=confirm,
                           prompt=QCoreApplication.translate("Cli", "Database passphrase: "))

    def recovery_key(self) -> str | None:
        if self.args.recovery_key_file:
            return _first_line(self.args.recovery_key_file)
        return os.environ.get(RECOVERY_KEY_ENV) or None

    def unlock(self) -> dict[str, str]:
        """How to unlock the embedded database: the recovery key when one is given, else the passphrase."""
        if self.target.is_server:
            return {}
        recovery = self.recovery_key()
        return {"recovery_key": recovery} if recovery else {"passphrase": self.passphrase()}

    # --- the database -----------------------------------------------------------------------------

    def _look_at_file(self) -> None:
        """Before asking for a passphrase: finish (or roll back) an interrupted restore, then say
        whether the path holds no database or a plainly damaged one."""
        if self.target.is_server or self.target.path is None:
            return
        refuse_network_path(self.target.path)
        switch.settle(self.target.path)
        check_database_file(self.target.path)

    @contextmanager
    def database(self, *, maintain: bool = True) -> Iterator[Database]:
        """The target, opened and at the current schema (an older one is backed up, then upgraded).
        The checks pass `maintain=False`: looking at a database must not write to it."""
        self._look_at_file()
        db = open_target(self.target, clock=self.clock, maintain=maintain, **self.unlock())
        try:
            yield db
        finally:
            db.dispose()

    def embedded_path(self, *, must_exist: bool = True) -> Path:
        if self.target.is_server or self.target.path is None:
            raise Failure(QCoreApplication.translate(
                "Cli", "This command works on the embedded database file only. Server databases are looked "
                       "after with the server's own tools (pg_dump, pg_restore, ALTER ROLE)."))
        if must_exist:
            self._look_at_file()
        return self.target.path


def _first_line(name: str) -> str:
    try:
        with open(Path(name).expanduser(), encoding="utf-8") as fh:
            line = fh.readline()
    except (OSError, UnicodeDecodeError):
        raise UsageError(QCoreApplication.translate("Cli", "The file {0} could not be read.").format(name)) from None
    value = line.rstrip("\r\n")
    if not value:
        raise UsageError(QCoreApplication.translate("Cli", "The first line of {0} is empty.").format(name))
    return value


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)
