"""Every crash leaves a trace: a rotating log file in the logs folder and a dialog.

- Python errors on the UI thread (sys.excepthook) and on any other thread (threading.excepthook)
  are logged with their type and where they happened, and shown in the error dialog;
- Qt's own messages go to the log; a fatal one is logged and shown before Qt ends the process;
- a hard crash (access violation, abort) is written by faulthandler to a file of its own, and the
  next start logs it and tells the user that InterviewDesk closed unexpectedly.

The log never carries personal data: an error's text may hold a name or a phone number, so only
its type, a typed error's code and the file/line/function of each frame are written.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, QtMsgType, Qt, Signal, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core.errors import DeskError
from desktop.ui.style import APP_TITLE

LOG_FILE = "interviewdesk.log"
NATIVE_FILE = "native-crash.log"
log = logging.getLogger("interviewdesk")


def log_text(exc: BaseException) -> str:
    """The error's type (and a typed error's code) and its frames, without its message."""
    name = type(exc).__name__ + (f" [{exc.code}]" if isinstance(exc, DeskError) else "")
    lines = [name] + [f'  File "{f.filename}", line {f.lineno}, in {f.name}'
                      for f in traceback.extract_tb(exc.__traceback__)]
    cause = exc.__cause__ or exc.__context__
    if cause is not None and cause is not exc:
        lines += ["Caused by: " + type(cause).__name__]
        lines += [f'  File "{f.filename}", line {f.lineno}, in {f.name}'
                  for f in traceback.extract_tb(cause.__traceback__)]
    return "\n".join(lines)


class _ToUiThread(QObject):
    """Errors of other threads are shown by the UI thread."""

    sig_error = Signal(object)


class CrashGuard:
    def __init__(self, logs: Path) -> None:
        self.logs = logs
        self.log_file = logs / LOG_FILE
        self.native_file = logs / NATIVE_FILE
        self._handler: logging.Handler | None = None
        self._native: Any = None
        self._bridge: _ToUiThread | None = None
        self._previous_excepthook = None
        self._previous_thread_hook = None
        self._previous_qt_handler = None

    # --- install / uninstall -------------------------------------------------------------------

    def install(self) -> "CrashGuard":
        self.logs.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(self.log_file, maxBytes=1_000_000, backupCount=5,
                                                       encoding="utf-8", delay=False)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"))
        root = logging.getLogger()
        root.addHandler(handler)
        if root.level == logging.NOTSET or root.level > logging.INFO:
            root.setLevel(logging.INFO)
        self._handler = handler
        self._native = open(self.native_file, "a", encoding="utf-8")   # noqa: SIM115 (open while we run)
        faulthandler.enable(self._native)
        self._bridge = _ToUiThread()
        self._bridge.sig_error.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._previous_excepthook, sys.excepthook = sys.excepthook, self._excepthook
        self._previous_thread_hook, threading.excepthook = threading.excepthook, self._thread_hook
        self._previous_qt_handler = qInstallMessageHandler(self._qt_message)
        return self

    def uninstall(self) -> None:
        if sys.excepthook == self._excepthook:
            sys.excepthook = self._previous_excepthook or sys.__excepthook__
        if threading.excepthook == self._thread_hook:
            threading.excepthook = self._previous_thread_hook or threading.__excepthook__
        qInstallMessageHandler(self._previous_qt_handler)
        if self._native is not None:
            faulthandler.disable()
            self._native.close()
            self._native = None
        if self._handler is not None:
            logging.getLogger().removeHandler(self._handler)
            self._handler.close()
            self._handler = None

    # --- the hooks -----------------------------------------------------------------------------

    def _excepthook(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if error.__traceback__ is None:
            error.__traceback__ = tb
        if issubclass(kind, KeyboardInterrupt):
            (self._previous_excepthook or sys.__excepthook__)(kind, error, tb)
            return
        self.record(error, "unhandled error")
        self._show(error)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        error = args.exc_value
        if error is None or isinstance(error, SystemExit):
            return
        if error.__traceback__ is None:
            error.__traceback__ = args.exc_traceback
        self.record(error, f"unhandled error in thread {args.thread.name if args.thread else '?'}")
        if self._bridge is not None:
            self._bridge.sig_error.emit(error)

    def _qt_message(self, kind: QtMsgType, context: Any, message: str) -> None:
        where = f"{getattr(context, 'file', '') or ''}:{getattr(context, 'line', 0)}"
        if kind == QtMsgType.QtFatalMsg:
            log.critical("Qt fatal error (%s): %s", where, message)
            self.flush()
            if QApplication.instance() is not None:
                box = QMessageBox(QMessageBox.Icon.Critical, APP_TITLE, QApplication.translate(
                    "Crash", "InterviewDesk must close after an internal error. The details are in the log "
                             "file:\n{0}").format(self.log_file))
                box.exec()
        elif kind == QtMsgType.QtCriticalMsg:
            log.error("Qt: %s", message)
        elif kind == QtMsgType.QtWarningMsg:
            log.warning("Qt: %s", message)

    # --- helpers -------------------------------------------------------------------------------

    def record(self, error: BaseException, what: str) -> None:
        log.error("%s: %s", what, log_text(error))
        self.flush()

    def flush(self) -> None:
        if self._handler is not None:
            self._handler.flush()

    def _show(self, error: BaseException) -> None:
        if QApplication.instance() is None:
            return
        from desktop.ui.errors import show_error

        show_error(error, logged=True)

    def previous_crash(self) -> str:
        """What faulthandler wrote when the last run died hard ("" if it did not); logged, then cleared."""
        try:
            text = self.native_file.read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            return ""
        if not text:
            return ""
        log.critical("the previous run ended in a hard crash:\n%s", text)
        self.flush()
        if self._native is not None:
            self._native.seek(0)
            self._native.truncate()
        else:
            self.native_file.write_text("", encoding="utf-8")
        return text

    def tell_about_previous_crash(self, parent: Any = None) -> QMessageBox | None:
        if not self.previous_crash():
            return None
        box = QMessageBox(QMessageBox.Icon.Warning, APP_TITLE, QApplication.translate(
            "Crash", "InterviewDesk closed unexpectedly last time. What happened is in the log file; please "
                     "send it to the IT office:\n{0}").format(self.log_file), parent=parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box
