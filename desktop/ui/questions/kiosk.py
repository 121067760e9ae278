"""The candidate's question form (kiosk mode): full screen, frameless and on top, on the room PC or a
tablet. It shows only the form — the position's name, a friendly line, a text box, 提交问题, the
questions sent so far and 没有更多问题 — and nothing of the desk behind it. Esc, Alt+F4 and closing
are refused; when it loses focus it takes it back. Only the interviewer leaves it, through the
corner button and their password (checked like a sign-in: wrong attempts count towards the lockout).

Each question is saved as it is submitted (source "kiosk"); text still in the box when the
interviewer unlocks is saved as a question too, so nothing typed is lost."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QPushButton, QStackedWidget, QVBoxLayout, QWidget,
)

from desktop.core import accounts, questions
from desktop.core.errors import DeskError, ValidationFailed
from desktop.ui import messages
from desktop.ui.widgets import primary_button

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

BIG = "font-size: 22px;"


class KioskWindow(QWidget):
    sig_closed = Signal(int)      # how many questions were saved while it was open

    def __init__(self, ctx: "AppContext", interview_id: int, minimum: int, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint)
        self.ctx, self.interview_id, self.minimum = ctx, interview_id, minimum
        self.unlocked = False
        self.saved = 0
        self.saving = False
        self.setObjectName("kiosk")
        self.setWindowTitle(self.tr("Your questions"))
        self.setStyleSheet("#kiosk { background: #f7f9fc; } QLabel, QPushButton, QPlainTextEdit, QListWidget, "
                           "QLineEdit { font-size: 18px; }")

        self.position = QLabel()
        self.position.setStyleSheet("font-size: 30px; font-weight: bold;")
        self.position.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.position.setWordWrap(True)
        self.welcome = QLabel(self.tr("Thank you for coming today. Is there anything you would like to ask us? "
                                      "Type one question at a time and press Submit question. We answer every "
                                      "question within {0}, by e-mail or text message.").format(
                                          self._answer_time(ctx.institution.get("questions.deadline"))))
        self.welcome.setWordWrap(True)
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.welcome.setStyleSheet(BIG)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("Type your question here"))
        self.text.setTabChangesFocus(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b;")
        self.message.hide()
        self.submit_button = primary_button(self.tr("Submit question"))
        self.done_button = QPushButton(self.tr("No more questions"))
        self.progress = QLabel()
        self.progress.setWordWrap(True)     # the form fits a 1280×800 tablet, and smaller screens too
        self.asked = QListWidget()
        self.asked.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.thanks = QLabel(self.tr("Thank you! Please let the interviewer know that you have finished."))
        self.thanks.setStyleSheet("font-size: 24px; color: #2e7d32;")
        self.thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thanks.setWordWrap(True)
        self.thanks.hide()

        form = QWidget()
        column = QVBoxLayout(form)
        column.setContentsMargins(40, 12, 40, 24)
        column.addWidget(self.position)
        column.addWidget(self.welcome)
        column.addWidget(self.text, 2)
        column.addWidget(self.message)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.done_button)
        row.addWidget(self.submit_button)
        column.addLayout(row)
        column.addWidget(self.asked, 1)
        column.addWidget(self.thanks)

        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Interviewer's password"))
        self.password.setMaximumWidth(420)
        self.unlock_error = QLabel()
        self.unlock_error.setStyleSheet("color: #c0392b;")
        self.unlock_error.setWordWrap(True)
        self.unlock_error.hide()
        self.unlock_button = primary_button(self.tr("Return to the interviewer's view"))
        self.back_button = QPushButton(self.tr("Back to the questions"))
        unlock = QWidget()
        box = QVBoxLayout(unlock)
        box.addStretch(1)
        prompt = QLabel(self.tr("For the interviewer: enter your password to leave this screen."))
        prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        prompt.setWordWrap(True)
        box.addWidget(prompt)
        box.addWidget(self.password, 0, Qt.AlignmentFlag.AlignCenter)
        box.addWidget(self.unlock_error, 0, Qt.AlignmentFlag.AlignCenter)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.unlock_button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        box.addStretch(2)

        self.pages = QStackedWidget()
        self.pages.addWidget(form)
        self.pages.addWidget(unlock)
        self.corner = QPushButton(self.tr("Interviewer"))
        self.corner.setFlat(True)
        self.corner.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.corner.setStyleSheet("font-size: 13px; color: #9aa1ab;")
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.corner)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)

        self.submit_button.clicked.connect(lambda: self.submit())
        self.done_button.clicked.connect(self.finish)
        self.corner.clicked.connect(self.ask_password)
        self.back_button.clicked.connect(self.back_to_form)
        self.unlock_button.clicked.connect(self.unlock)
        self.password.returnPressed.connect(self.unlock)
        self._show_progress()

    # --- what the candidate sees -------------------------------------------------------------------

    def _answer_time(self, setting) -> str:
        """The deadline the candidate is promised, as configured (questions.deadline: "1d", "4h")."""
        text = str(setting or "1d")
        amount = int(text[:-1]) if text[:-1].isdigit() else 1
        if text.endswith("h"):
            return self.tr("%n working hour(s)", "", amount)
        return self.tr("%n working day(s)", "", amount)

    def set_info(self, info: questions.KioskInfo) -> None:
        self.position.setText(info.position)
        self.minimum = info.minimum
        self._show_progress()
        QTimer.singleShot(0, self.stay_full_screen)   # a longer name re-lays the window out

    def stay_full_screen(self) -> None:
        if not self.unlocked and self.isVisible() and not self.isFullScreen():
            self.showFullScreen()

    def _show_progress(self) -> None:
        if self.minimum > 0:
            self.progress.setText(self.tr("Questions sent: {0} (we would be glad to hear at least {1})").format(
                self.saved, self.minimum))
        else:
            self.progress.setText(self.tr("Questions sent: {0}").format(self.saved))

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def submit(self, then=None) -> None:
        """Save the question in the box; `then` runs once it is saved (the interviewer's unlock)."""
        text = self.text.toPlainText()
        problem = questions.question_problem(text)
        if problem == "required" and then is not None:
            then()
            return
        if problem:
            self._say(self.tr("Please type your question first.") if problem == "required"
                      else messages.describe(ValidationFailed({"question": problem})))
            return
        if self.saving:
            return
        self.saving = True
        self._say("")
        self.submit_button.setEnabled(False)
        actor, interview_id = self.ctx.actor, self.interview_id
        self.ctx.write(lambda session: questions.capture_many(session, actor, interview_id=interview_id,
                                                              texts=[text], source="kiosk"),
                       lambda captured: self._saved(text, captured, then), self._refused,
                       entity="candidate_question", ids=lambda captured: [c.id for c in captured], owner=self)

    def _saved(self, text: str, captured, then) -> None:
        self.saving = False
        self.submit_button.setEnabled(True)
        self.saved += len(captured)
        self.asked.addItem(" ".join(text.split()))
        if self.text.toPlainText() == text:
            self.text.clear()
        self.thanks.hide()
        self._show_progress()
        if then is not None:
            then()
        else:
            self.text.setFocus()

    def _refused(self, error: BaseException) -> None:
        self.saving = False
        self.submit_button.setEnabled(True)
        self._say(messages.describe(error))     # the text stays in the box

    def finish(self) -> None:
        """没有更多问题: a question still in the box is sent first; then thanks, and the form waits for
        the interviewer."""
        if self.text.toPlainText().strip():
            self.submit(then=self._thank)
        else:
            self._thank()

    def _thank(self) -> None:
        self.thanks.show()

    # --- the interviewer's way out -----------------------------------------------------------------

    def ask_password(self) -> None:
        self.password.clear()
        self.unlock_error.hide()
        self.pages.setCurrentIndex(1)
        self.password.setFocus()

    def back_to_form(self) -> None:
        self.pages.setCurrentIndex(0)
        self.text.setFocus()

    def unlock(self) -> None:
        password = self.password.text()
        if not password:
            return
        self.unlock_button.setEnabled(False)
        db, username = self.ctx.db, self.ctx.actor.username
        self.ctx.run(lambda: accounts.login(db, username, password), lambda _result: self._unlocked(),
                     self._wrong_password, owner=self, write=True)

    def _wrong_password(self, error: BaseException) -> None:
        self.unlock_button.setEnabled(True)
        self.password.clear()
        self.unlock_error.setText(messages.describe(error) if isinstance(error, DeskError) else str(type(error).__name__))
        self.unlock_error.show()
        self.password.setFocus()

    def _unlocked(self) -> None:
        self.unlock_button.setEnabled(True)
        self.submit(then=self._leave)      # text still in the box becomes a question

    def _leave(self) -> None:
        self.unlocked = True
        self.releaseKeyboard()
        self.close()
        self.sig_closed.emit(self.saved)

    # --- staying in front --------------------------------------------------------------------------

    def showEvent(self, event) -> None:   # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.grabKeyboard()
        QTimer.singleShot(0, self.text.setFocus)

    def keyPressEvent(self, event: QKeyEvent) -> None:   # noqa: N802
        if event.key() == Qt.Key.Key_Escape or (event.key() == Qt.Key.Key_F4
                                                and event.modifiers() & Qt.KeyboardModifier.AltModifier):
            event.accept()     # the candidate cannot leave the form this way
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:   # noqa: N802
        if not self.unlocked:
            event.ignore()     # Alt+F4, the taskbar, a stray close(): only the interviewer's password leaves
            return
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:   # noqa: N802
        super().changeEvent(event)
        if self.unlocked:
            return
        if event.type() == QEvent.Type.WindowStateChange and not self.isFullScreen():
            QTimer.singleShot(0, self.stay_full_screen)     # minimised or restored: back to full screen
        if event.type() == QEvent.Type.ActivationChange and not self.isActiveWindow():
            QTimer.singleShot(0, self.reclaim)

    def reclaim(self) -> None:
        """Back in front with the keyboard, after another window (or a click elsewhere) took it."""
        if self.unlocked or not self.isVisible():
            return
        self.stay_full_screen()
        self.raise_()
        self.activateWindow()
        self.grabKeyboard()
        (self.password if self.pages.currentIndex() == 1 else self.text).setFocus()


def open_kiosk(ctx: "AppContext", interview_id: int, parent: QWidget | None = None) -> KioskWindow:
    """Open the candidate's form for the interview full screen; the position's name and the round's
    minimum number of questions arrive from the database."""
    value = ctx.institution.get("questions.min_per_round")
    minimum = int(value) if value is not None else 2
    window = KioskWindow(ctx, interview_id, minimum, parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    actor = ctx.actor
    ctx.read(lambda session: questions.kiosk_info(session, actor, interview_id), window.set_info,
             lambda error: window._say(messages.describe(error)), owner=window)
    window.showFullScreen()
    return window
