"""Showing errors: a dialog worded by messages.describe, with details the user can copy for the IT
office. Installed as sys.excepthook and used for failures of background tasks.

The details never carry personal data: SQL parameters (which may hold a phone number) are left
out, and only the first line of a driver's message is kept (PostgreSQL adds the offending values
on later lines)."""

from __future__ import annotations

import platform
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QStyle, QVBoxLayout,
    QWidget,
)

from desktop.core.errors import DeskError
from desktop.ui import messages
from desktop.ui.style import APP_TITLE


def _safe_message(exc: BaseException) -> str:
    from sqlalchemy.exc import StatementError

    if isinstance(exc, StatementError):
        orig = exc.orig
        first = str(orig).splitlines()[0] if orig is not None and str(orig) else ""
        return f"{type(orig).__name__ if orig is not None else type(exc).__name__}: {first}"
    if isinstance(exc, DeskError):
        return f"{type(exc).__name__}: {exc.detail or exc.code}"
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}"


def error_details(exc: BaseException) -> str:
    """Text for the IT office: versions, the error type and where it happened."""
    from PySide6 import __version__ as pyside_version

    lines = [f"InterviewDesk / Python {platform.python_version()} / PySide6 {pyside_version} / {platform.platform()}",
             _safe_message(exc), ""]
    lines += [f'  File "{f.filename}", line {f.lineno}, in {f.name}'
              for f in traceback.extract_tb(exc.__traceback__)]
    cause = exc.__cause__ or exc.__context__
    if cause is not None and cause is not exc:
        lines += ["", "Caused by: " + _safe_message(cause)]
        lines += [f'  File "{f.filename}", line {f.lineno}, in {f.name}'
                  for f in traceback.extract_tb(cause.__traceback__)]
    return "\n".join(lines)


class ErrorDialog(QDialog):
    """The message in the user's words; for unexpected errors, details to copy for the IT office."""

    def __init__(self, error: BaseException, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(APP_TITLE)
        self.setMinimumWidth(460)
        self.message = QLabel(messages.describe(error))
        self.message.setWordWrap(True)
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(40, 40))
        top = QHBoxLayout()
        top.addWidget(icon, 0)
        top.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)

        self.details = QPlainTextEdit(error_details(error))
        self.details.setReadOnly(True)
        self.details.setVisible(False)
        self.details.setMinimumHeight(160)
        layout.addWidget(self.details)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.copy_button = QPushButton(self.tr("Copy details"))
        self.copy_button.clicked.connect(self.copy_details)
        self.toggle_button = QPushButton(self.tr("Show details"))
        self.toggle_button.setCheckable(True)
        self.toggle_button.toggled.connect(self._toggle)
        expected = isinstance(error, DeskError)
        if not expected:
            buttons.addButton(self.toggle_button, QDialogButtonBox.ButtonRole.ActionRole)
            buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(buttons)

    def _toggle(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.toggle_button.setText(self.tr("Hide details") if shown else self.tr("Show details"))
        self.adjustSize()

    def forget(self, _result: int = 0) -> None:
        _open_dialogs.discard(self)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.message.text() + "\n\n" + self.details.toPlainText())


def show_error(error: BaseException, parent: QWidget | None = None, *, logged: bool = False) -> ErrorDialog:
    """Open the dialog without blocking (the caller's form stays open with its input). An unexpected
    error also goes to the log file (desktop/ui/crash.py), without its text."""
    if not logged and not isinstance(error, DeskError):
        from desktop.ui.crash import log, log_text

        log.error("error shown to the user: %s", log_text(error))
    dialog = ErrorDialog(error, parent or QApplication.activeWindow())
    dialog.setModal(True)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if dialog.parent() is None:  # nothing else keeps a dialog without a parent alive
        _open_dialogs.add(dialog)
        dialog.finished.connect(dialog.forget)
    dialog.show()
    return dialog


_open_dialogs: set[ErrorDialog] = set()


_previous_hook = None


def _excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt) or QApplication.instance() is None:
        (_previous_hook or sys.__excepthook__)(kind, error, tb)
        return
    if error.__traceback__ is None:
        error.__traceback__ = tb
    show_error(error)


def install_excepthook() -> None:
    global _previous_hook
    if sys.excepthook is not _excepthook:
        _previous_hook = sys.excepthook
        sys.excepthook = _excepthook


def uninstall_excepthook() -> None:
    if sys.excepthook is _excepthook:
        sys.excepthook = _previous_hook or sys.__excepthook__
