"""The way in, from start to the signed-in user: first run, unlock or connect, login, and a new
password when an administrator has reset it. Returns None when the user quits on the way."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from desktop.core.clock import Clock
from desktop.core.storage import switch
from desktop.core.storage.connect import Target
from desktop.core.storage.database import Database
from desktop.ui.first_run import FirstRunDialog
from desktop.ui.login import ConnectDialog, LoginDialog, SignedIn, UnlockDialog
from desktop.ui.password import ChangePasswordDialog
from desktop.ui.tasks import TaskRunner


def _first_run(tasks: TaskRunner, target: Target, clock: Clock, db: Database | None) -> SignedIn | None:
    dialog = FirstRunDialog(tasks, target, clock, db=db)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    if not accepted and dialog.database is not None:
        dialog.database.dispose()
    return dialog.signed_in if accepted else None


def sign_in(tasks: TaskRunner, target: Target, clock: Clock) -> SignedIn | None:
    if not target.is_server and target.path is not None:
        switch.settle(target.path)   # a restore cut short (even onto a new machine) is finished first: a few renames
    if not target.is_server and not target.exists():
        return _first_run(tasks, target, clock, None)

    opener = ConnectDialog(tasks, target, clock) if target.is_server else UnlockDialog(tasks, target, clock)
    if opener.exec() != QDialog.DialogCode.Accepted or opener.opened is None:
        return None
    opened = opener.opened
    if opened.db is None or not opened.has_users:
        return _first_run(tasks, target, clock, opened.db)

    login = LoginDialog(tasks, opened.db)
    if login.exec() != QDialog.DialogCode.Accepted or login.signed_in is None:
        opened.db.dispose()
        return None
    signed_in = login.signed_in
    if signed_in.login.must_change_password:
        change = ChangePasswordDialog(tasks, signed_in.db, signed_in.actor, forced=True)
        if change.exec() != QDialog.DialogCode.Accepted:
            opened.db.dispose()
            return None
    return signed_in
