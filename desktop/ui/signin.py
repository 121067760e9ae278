"""The way in, from start to the signed-in user: first run, unlock or connect, login, and a new
password when an administrator has reset it. Returns None when the user quits on the way.

`Desk` keeps the signed-in desk running: signing out returns to the login without closing the app
or unlocking the database again, and the next user gets a main window built for their roles and
their own language."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from desktop.core import accounts, signing
from desktop.core.clock import Clock
from desktop.core.storage import os_slot, switch
from desktop.core.storage.connect import Target
from desktop.core.storage.database import Database
from desktop.ui import i18n
from desktop.ui.first_run import FirstRunDialog
from desktop.ui.login import ConnectDialog, LoginDialog, SignedIn, UnlockDialog
from desktop.ui.password import ChangePasswordDialog
from desktop.ui.tasks import TaskRunner

log = logging.getLogger(__name__)
Accepted = QDialog.DialogCode.Accepted


def _first_run(tasks: TaskRunner, target: Target, clock: Clock, db: Database | None,
               keystore: Any) -> SignedIn | None:
    dialog = FirstRunDialog(tasks, target, clock, db=db, keystore=keystore)
    accepted = dialog.exec() == Accepted
    if not accepted and dialog.database is not None:
        dialog.database.dispose()
    return dialog.signed_in if accepted else None


def log_in(tasks: TaskRunner, db: Database, notice: str = "",
           meanwhile: Callable[[], None] | None = None) -> SignedIn | None:
    """The login dialog until someone signs in (with their own password, chosen now if an
    administrator reset it) or quits. Keeping the temporary password means signing in again.
    `meanwhile`: for the UI thread while the password is checked (login.BusyDialog)."""
    while True:
        login = LoginDialog(tasks, db, notice=notice, meanwhile=meanwhile)
        if login.exec() != Accepted or login.signed_in is None:
            log.info("sign-in: the login dialog was closed")
            return None
        signed_in = login.signed_in
        if not signed_in.login.must_change_password:
            return signed_in
        log.info("sign-in: a temporary password; asking for the user's own")
        change = ChangePasswordDialog(tasks, db, signed_in.actor, forced=True)
        if change.exec() == Accepted:
            return replace(signed_in, login=replace(signed_in.login, must_change_password=False))
        log.info("sign-in: the temporary password was not replaced; back to the login")
        notice = QCoreApplication.translate("SignIn", "Your password was not changed. Sign in again and choose "
                                                      "your own password.")


def sign_in(tasks: TaskRunner, target: Target, clock: Clock, keystore: Any = None,
            meanwhile: Callable[[], None] | None = None) -> SignedIn | None:
    """`keystore` (desktop/integrations/keystore): used when the database has an OS key slot.
    `meanwhile`: for the UI thread while the passphrase or the password is checked (login.BusyDialog),
    each time; the start loads the main window then."""
    if not target.is_server and target.path is not None:
        switch.settle(target.path)   # a restore cut short (even onto a new machine) is finished first: a few renames
    if not target.is_server and not target.exists():
        return _first_run(tasks, target, clock, None, keystore)

    if target.is_server:
        opener: ConnectDialog | UnlockDialog = ConnectDialog(tasks, target, clock)
    else:
        assert target.path is not None
        with_slot = keystore is not None and os_slot.slot_state(target.path).present
        opener = UnlockDialog(tasks, target, clock, keystore=keystore if with_slot else None, meanwhile=meanwhile)
    if opener.exec() != Accepted or opener.opened is None:
        log.info("sign-in: the database was not opened")
        return None
    opened = opener.opened
    if opened.db is None or not opened.has_users:
        return _first_run(tasks, target, clock, opened.db, keystore)

    signed_in = log_in(tasks, opened.db, meanwhile=meanwhile)
    if signed_in is None:
        opened.db.dispose()
    return signed_in


class Desk(QObject):
    """One main window at a time for whoever is signed in; sign out and language changes build the
    next one. `make_window(ctx)` builds a main window (desktop/ui/main_window.MainWindow)."""

    def __init__(self, ctx: Any, make_window: Callable[[Any], Any], machine_language: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.make_window = make_window
        self.machine_language = machine_language
        self.window: Any = None
        ctx.sig_changed.connect(self._changed)

    def start(self, signed_in: SignedIn) -> Any:
        self._use(signed_in)
        window = self._open_window()
        self._unwrap_signing_key_when_idle()
        return window

    def _use(self, signed_in: SignedIn) -> None:
        self.ctx.actor = signed_in.actor
        self.ctx.use_institution_settings(signed_in.institution)
        self._apply_language(signed_in.login.language or self.machine_language)

    def _unwrap_signing_key_when_idle(self) -> None:
        """The login left the signing key's Argon2 run for later (core.signing.PendingKey): it runs once
        the first page has its data, off the UI thread, so the window does not wait for it; a
        signature asked for sooner waits for the key instead."""
        self.ctx.tasks.when_idle(signing.KEYRING.unwrap_in_background)

    def _apply_language(self, language: str) -> None:
        app = QApplication.instance()
        self.ctx.language = i18n.install(app, language) if app is not None else language

    def _open_window(self, page: str | None = None) -> Any:
        old, self.window = self.window, self.make_window(self.ctx)
        self.window.sig_sign_out.connect(self.switch_user)
        if page is not None and page in self.window.page_keys():
            self.window.open_page(page)
        self.window.show()
        if old is not None:
            old.close()
            old.deleteLater()
        return self.window

    def open_link(self, interview_id: int) -> None:
        """A deep link (interviewdesk://interview/<id>): the signed-in user's window opens it."""
        if self.window is not None:
            self.window.open_link(interview_id)

    def switch_user(self) -> None:
        """The window has asked about unsaved work already; the database stays open."""
        old = self.window
        old.suspend()
        accounts.sign_out(self.ctx.actor.user_id)     # their signing key leaves with them
        log.info("signed out")
        self._apply_language(self.machine_language)    # before login: this desktop's language
        notice = QCoreApplication.translate("SignIn", "{0} signed out. The next user signs in here.")
        signed_in = log_in(self.ctx.tasks, self.ctx.db, notice=notice.format(self.ctx.actor.label))
        if signed_in is None:
            old.close()            # Quit: the last window closes and the app ends
            QApplication.quit()
            return
        self._use(signed_in)
        self._open_window()
        self._unwrap_signing_key_when_idle()

    def _changed(self, entity: str, _ids: object) -> None:
        if entity == "language":       # the user chose another language in Settings: rebuild at once
            QTimer.singleShot(0, self._rebuild_in_new_language)

    def _rebuild_in_new_language(self) -> None:
        if self.window is not None:
            self._apply_language(self.ctx.language)
            self._open_window("settings")
