"""候选人提问 Candidate questions: the questions a user owns (and those escalated to them), or for HR
every question of its departments, by deadline with the time left (red once overdue); answered
ones on demand. An answer is written in a dialog that previews the message the candidate receives;
HR may hand a question to someone else."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPlainTextEdit,
    QPushButton, QVBoxLayout, QWidget,
)

from desktop.core import labels, questions
from desktop.core.errors import DeskError, ValidationFailed
from desktop.core.question_views import QuestionRow
from desktop.ui import messages
from desktop.ui.errors import show_error
from desktop.ui.reassign import ReassignDialog
from desktop.ui.row_list_page import RowListPage
from desktop.ui.questions.models import QuestionTableModel, time_left
from desktop.ui.widgets import hint_label, primary_button, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

ENTITY = "candidate_question"


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("fieldError")
    label.setStyleSheet("color: #c0392b;")
    label.setWordWrap(True)
    label.hide()
    return label


class AnswerDialog(QDialog):
    """The question in full, the answer, and the message the candidate will receive (e-mail)."""

    def __init__(self, ctx: "AppContext", row: QuestionRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.row = ctx, row
        self.setWindowTitle(self.tr("Answer the candidate's question"))
        self.asked = QLabel(labels.labelled(self.tr("Asked"), labels.joined(
            (row.candidate, row.position or "—", labels.question_topic(row.topic), ctx.format_time(row.asked_at)))))
        self.asked.setWordWrap(True)
        self.question = QLabel(row.question)
        self.question.setObjectName("questionText")
        self.question.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.question.setWordWrap(True)
        self.question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.due = hint_label(labels.labelled(self.tr("Answer due"), labels.with_note(
            ctx.format_time(row.due_at), time_left(ctx.clock.now(), row.due_at))))
        self.answer = QPlainTextEdit()
        self.answer.setPlaceholderText(self.tr("Your answer, as the candidate should read it"))
        self.answer.setMinimumHeight(110)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setObjectName("answerPreview")
        self.preview.setMinimumHeight(160)
        self.error = _error_label()
        self.buttons = QDialogButtonBox()
        self.send_button = primary_button(self.tr("Send the answer"))
        self.buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        self.send_button.clicked.connect(self.send)
        self.buttons.rejected.connect(self.reject)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(400)
        self._preview_timer.timeout.connect(self.refresh_preview)
        self.answer.textChanged.connect(self._preview_timer.start)
        layout = QVBoxLayout(self)
        layout.addWidget(self.asked)
        layout.addWidget(self.question)
        layout.addWidget(self.due)
        layout.addWidget(title_label(self.tr("Answer"), "sectionTitle"))
        layout.addWidget(self.answer, 1)
        layout.addWidget(title_label(self.tr("What the candidate receives (e-mail)"), "sectionTitle"))
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(640, 600)
        self.refresh_preview()

    def refresh_preview(self) -> None:
        self._preview_generation = getattr(self, "_preview_generation", 0) + 1
        generation = self._preview_generation
        actor, question_id, text = self.ctx.actor, self.row.id, self.answer.toPlainText()
        self.ctx.read(lambda session: questions.preview(session, actor, question_id, text),
                      lambda rendered: self._previewed(generation, rendered),
                      lambda error: self.preview.setPlainText(messages.describe(error)), owner=self)

    def _previewed(self, generation: int, rendered) -> None:
        if generation != self._preview_generation:     # an older text's preview, arriving late
            return
        self.preview.setPlainText(labels.labelled(self.tr("Subject"), rendered.subject) + "\n\n" + rendered.text)

    def send(self) -> None:
        problem = questions.question_problem(self.answer.toPlainText(), questions.MAX_ANSWER)
        if problem:
            self.error.setText(messages.describe(ValidationFailed({"answer": problem})))
            self.error.show()
            self.answer.setFocus()
            return
        self.error.hide()
        self.send_button.setEnabled(False)
        actor, question_id, text = self.ctx.actor, self.row.id, self.answer.toPlainText()
        self.ctx.write(lambda session: questions.answer(session, actor, question_id, text), self._sent,
                       self._refused, entity=ENTITY, ids=lambda _result: (question_id,), owner=self)

    def _sent(self, result: questions.Answered) -> None:
        self.answered = result
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.send_button.setEnabled(True)
        self.error.setText(messages.describe(error))
        self.error.show()
        if not isinstance(error, DeskError):
            show_error(error, self)


class QuestionsPage(RowListPage):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(ctx, QuestionTableModel(ctx), parent)
        self.model.setParent(self)
        self.state.addItem(self.tr("Open questions"), False)
        self.state.addItem(self.tr("Answered questions"), True)
        self.mine.setText(self.tr("Only mine"))
        head = QHBoxLayout()
        head.addWidget(title_label(self.tr("Candidate questions")))
        head.addSpacing(16)
        head.addWidget(self.count, 1)
        head.addWidget(self.state)
        head.addWidget(self.mine)

        self.empty = hint_label(self.tr("No questions are waiting for an answer."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.answer_button = primary_button(self.tr("Answer…"))
        self.reassign_button = QPushButton(self.tr("Hand to someone else…"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.detail, 1)
        buttons.addWidget(self.reassign_button)
        buttons.addWidget(self.answer_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.status)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.table.doubleClicked.connect(lambda _index: self.answer_selected())
        self.answer_button.clicked.connect(self.answer_selected)
        self.reassign_button.clicked.connect(self.reassign_selected)
        ctx.sig_changed.connect(self._changed)
        self.start()

    def _changed(self, entity: str, _ids: object) -> None:
        if entity in (ENTITY, "interview", "settings"):
            self.load()

    def query(self, answered: bool, mine: bool):
        actor = self.ctx.actor
        return lambda session: questions.open_questions(session, actor, answered=answered, mine=mine)

    def show_rows(self, answered: bool, rows: list[QuestionRow]) -> None:
        self.model.answered = answered
        self.model.set_rows(rows)
        self.table.size_columns()
        overdue = sum(1 for r in rows if self.model.overdue(r))
        if answered:
            self.count.setText(self.tr("%n answered question(s)", "", len(rows)))
        else:
            self.count.setText(labels.with_note(self.tr("%n open question(s)", "", len(rows)),
                                                self.tr("%n overdue", "", overdue)) if overdue
                               else self.tr("%n open question(s)", "", len(rows)))
        self.empty.setText(self.tr("No answered questions yet.") if answered
                           else self.tr("No questions are waiting for an answer."))
        self.empty.setVisible(not rows)

    def _selected(self, *_args) -> None:
        row = self.selected()
        self.answer_button.setEnabled(row is not None and row.can_answer)
        self.reassign_button.setVisible(row is not None and row.can_reassign)
        if row is None:
            self.detail.setText("")
        elif row.status == "answered":
            self.detail.setText(labels.labelled(labels.with_note(self.tr("Answer"), row.answered_by), row.answer))
        else:
            self.detail.setText(labels.labelled(labels.question_source(row.source), row.question))

    def answer_selected(self) -> None:
        row = self.selected()
        if row is None or not row.can_answer:
            return
        self.dialog = AnswerDialog(self.ctx, row, self)
        self.dialog.accepted.connect(self._answered)
        self.dialog.open()

    def _answered(self) -> None:
        result = getattr(self.dialog, "answered", None)
        if result is None:
            return
        if result.channels:
            text = self.tr("Answer sent to the candidate by {0}.").format(
                labels.joined(labels.channel(c) for c in result.channels))
        else:
            text = self.tr("Answer saved; the candidate has no e-mail address or mobile number on file, so "
                           "please tell them yourself.")
        self.show_status(text)

    def reassign_selected(self) -> None:
        row = self.selected()
        if row is None or not row.can_reassign:
            return
        actor, question_id, version = self.ctx.actor, row.id, row.version
        self.dialog = ReassignDialog(
            self.ctx, "question", row.question, (row.owner_id, row.owner),
            lambda session: [(u, labels.with_note(name, username))
                             for u, name, username in questions.owner_choices(session)],
            lambda session, owner_id: questions.reassign(session, actor, question_id, owner_id, version=version),
            entity=ENTITY, entity_id=question_id, parent=self)
        self.dialog.accepted.connect(lambda: self.show_status(self.tr("The question has a new owner.")))
        self.dialog.open()
