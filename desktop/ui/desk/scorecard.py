"""评分 Scorecard: one interviewer's scorecard of one interview, opened from 我的面试.

The round's criteria with their weights and anchors (what 4, 7 and 10 mean), a 0-10 score per
criterion ("—" while unscored), the comment (required at <= 3 or >= 9, said inline), the overall
recommendation and remarks; the interview's notes from the room at hand on the right. Every edit
restarts a short timer; when typing stops the draft is saved through ctx.write (the UI never waits).
Submit locks the scorecard (desktop/core/scorecards.py); a save refused because another desktop
saved or submitted first says so and reloads. Before the interview has begun (the room's start, else
the booked start) 提交 stays disabled with the reason beside it: the draft is preparation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox, QDialog, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QPushButton,
    QSpinBox, QSplitter, QVBoxLayout, QWidget,
)

from desktop.core import errors, interview_room, labels, scorecards
from desktop.core.model import Recommendation
from desktop.core.scorecard_rules import EXTREME_HIGH, EXTREME_LOW
from desktop.core.scorecards import CardInput, CardView, ScoreInput
from desktop.ui.desk import words as desk_words
from desktop.ui.widgets import hint_label, primary_button, scrolling, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

AUTOSAVE_MS = 2500
UNSCORED = -1


class CriterionRow:
    """The widgets of one criterion in the form's grid."""

    def __init__(self, grid: QGridLayout, row: int, name: str, weight: int, anchors: dict[str, str]) -> None:
        self.caption = QLabel(labels.with_note(name, f"{weight}%"))
        self.caption.setObjectName("criterionName")
        self.score = QSpinBox()
        self.score.setRange(UNSCORED, 10)
        self.score.setSpecialValueText("—")
        self.score.setValue(UNSCORED)
        self.comment = QLineEdit()
        self.anchors = hint_label("   ".join(labels.labelled(p, anchors.get(p, "")) for p in ("4", "7", "10")))
        self.anchors.setWordWrap(True)
        self.problem = hint_label()
        self.problem.setObjectName("formError")
        self.problem.hide()
        grid.addWidget(self.caption, 3 * row, 0)
        grid.addWidget(self.score, 3 * row, 1)
        grid.addWidget(self.comment, 3 * row, 2)
        grid.addWidget(self.anchors, 3 * row + 1, 0, 1, 3)
        grid.addWidget(self.problem, 3 * row + 2, 0, 1, 3)

    def value(self) -> int | None:
        return None if self.score.value() == UNSCORED else self.score.value()

    def needs_comment(self) -> bool:
        v = self.value()
        return v is not None and (v <= EXTREME_LOW or v >= EXTREME_HIGH) and not self.comment.text().strip()


class ScorecardDialog(QDialog):
    def __init__(self, ctx: "AppContext", interview_id: int, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.interview_id = interview_id
        self.card: CardView | None = None
        self.rows: list[CriterionRow] = []
        self.saving = False
        self.dirty = False
        self.filling = False
        self.setWindowTitle(labels.with_note(self.tr("Scorecard"), title) if title else self.tr("Scorecard"))
        self.resize(1100, 680)

        self.heading = title_label(self.tr("Scorecard"), "sectionTitle")
        self.state = QLabel()
        self.total = QLabel()
        self.saved = hint_label()
        self.problem = hint_label()
        self.problem.setObjectName("formError")
        self.problem.setWordWrap(True)
        self.problem.hide()

        self.form = QWidget()
        self.grid = QGridLayout()
        self.grid.setColumnStretch(2, 1)
        self.recommendation = QComboBox()
        self.recommendation.addItem(self.tr("Choose…"), None)
        for r in Recommendation:
            self.recommendation.addItem(desk_words.recommendation(r.value), r.value)
        self.remarks = QPlainTextEdit()
        self.remarks.setPlaceholderText(self.tr("Remarks for HR and the panel (optional)"))
        self.remarks.setMaximumHeight(110)
        self.recommendation_problem = hint_label()
        self.recommendation_problem.setObjectName("formError")
        self.recommendation_problem.hide()
        column = QVBoxLayout(self.form)
        column.addLayout(self.grid)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(self.tr("Overall recommendation")))
        bottom.addWidget(self.recommendation, 1)
        column.addLayout(bottom)
        column.addWidget(self.recommendation_problem)
        column.addWidget(self.remarks)
        column.addStretch(1)

        self.notes = QListWidget()
        self.notes.setWordWrap(True)
        self.no_notes = hint_label(self.tr("No notes were taken in the interview room."))
        notes_box = QWidget()
        notes_column = QVBoxLayout(notes_box)
        notes_column.setContentsMargins(0, 0, 0, 0)
        notes_column.addWidget(title_label(self.tr("Interview notes"), "sectionTitle"))
        notes_column.addWidget(self.no_notes)
        notes_column.addWidget(self.notes, 1)

        splitter = QSplitter()
        splitter.addWidget(scrolling(self.form))
        splitter.addWidget(notes_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        self.submit_button = primary_button(self.tr("Submit"))
        self.submit_button.clicked.connect(self.submit)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.close)
        self.submit_reason = hint_label()
        self.submit_reason.setObjectName("submitReason")
        self.submit_reason.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.saved, 1)
        buttons.addWidget(self.submit_reason)
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.close_button)
        head = QHBoxLayout()
        head.addWidget(self.heading)
        head.addWidget(self.state)
        head.addStretch(1)
        head.addWidget(self.total)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.problem)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self.save_draft)
        self.recommendation.currentIndexChanged.connect(self._edited)
        self.remarks.textChanged.connect(self._edited)
        self.submit_button.setEnabled(False)
        ctx.sig_changed.connect(self._clock_moved)
        self.load()

    # --- loading -------------------------------------------------------------------------------

    def load(self) -> None:
        actor, interview_id, locale = self.ctx.actor, self.interview_id, self.ctx.language
        self.ctx.read(lambda session: scorecards.my_scorecard(session, actor, interview_id), self._loaded,
                      self._failed, owner=self)
        self.ctx.read(lambda session: interview_room.room_state(session, actor, interview_id, locale).notes,
                      self._notes, lambda _error: None, owner=self)

    def _failed(self, error: BaseException) -> None:
        from desktop.ui.messages import describe

        self.problem.setText(describe(error))
        self.problem.show()

    def _notes(self, notes) -> None:
        self.notes.clear()
        for n in notes:
            self.notes.addItem(labels.with_note(n.text, labels.joined((f"{self.ctx.local(n.at):%H:%M}", n.author))))
        self.no_notes.setVisible(not notes)
        self.notes.setVisible(bool(notes))

    def _loaded(self, card: CardView) -> None:
        if not self.rows:
            for i, c in enumerate(card.template.criteria):
                row = CriterionRow(self.grid, i, c.name, c.weight, c.anchors)
                row.score.valueChanged.connect(self._edited)
                row.comment.textChanged.connect(self._edited)
                self.rows.append(row)
        self._show(card)

    def _show(self, card: CardView) -> None:
        self.card = card
        self.filling = True
        for row, s in zip(self.rows, card.scores):
            row.score.setValue(UNSCORED if s.score is None else s.score)
            row.comment.setText(s.comment)
        index = self.recommendation.findData(card.recommendation) if card.recommendation else 0
        self.recommendation.setCurrentIndex(max(index, 0))
        self.remarks.setPlainText(card.remarks)
        self.filling = False
        self.dirty = False
        self._refresh()

    def _refresh(self) -> None:
        card = self.card
        locked = card is not None and card.status == "submitted"
        self.state.setText(self.tr("Submitted — locked") if locked else self.tr("Draft"))
        for row in self.rows:
            row.score.setEnabled(not locked)
            row.comment.setEnabled(not locked)
            wanted = row.needs_comment()
            row.problem.setText(self.tr("A score of 3 or less, or 9 or more, needs a comment.") if wanted else "")
            row.problem.setVisible(wanted)
        self.recommendation.setEnabled(not locked)
        self.remarks.setReadOnly(locked)
        early = card is not None and not locked and card.submit_from is not None and \
            self.ctx.clock.now() < card.submit_from
        self.submit_button.setEnabled(card is not None and not locked and not early)
        self.submit_reason.setText(self.tr("Submitting opens when the interview begins ({0}); the draft is kept "
                                           "until then.").format(f"{self.ctx.local(card.submit_from):%m-%d %H:%M}")
                                   if early else "")
        self.submit_reason.setVisible(early)
        self.submit_button.setToolTip(self.submit_reason.text())
        total = self._total()
        self.total.setText(labels.labelled(self.tr("Weighted total"), total) if total else "")

    def _total(self) -> str:
        if self.card is None or any(r.value() is None for r in self.rows):
            return ""
        value = sum(r.value() * c.weight for r, c in zip(self.rows, self.card.template.criteria)) / 100
        return f"{value:.2f}"

    def _clock_moved(self, entity: str, _ids: object) -> None:
        if entity == "clock" and self.card is not None:     # the interview may have begun meanwhile
            self._refresh()

    # --- editing and saving --------------------------------------------------------------------

    def _edited(self, *_args) -> None:
        if self.filling or self.card is None or self.card.status == "submitted":
            return
        self.dirty = True
        self.saved.setText(self.tr("Unsaved changes…"))
        self._refresh()
        self.autosave.start()

    def data(self) -> CardInput:
        chosen = self.recommendation.currentData()
        return CardInput({i + 1: ScoreInput(r.value(), r.comment.text()) for i, r in enumerate(self.rows)},
                         Recommendation(chosen) if chosen else None, self.remarks.toPlainText(),
                         self.card.version if self.card else 0)

    def save_draft(self) -> None:
        """The form as it is, saved in the background; a save while one runs waits for it."""
        if self.card is None or not self.dirty:
            return
        if self.saving:
            self.autosave.start()
            return
        self._write(scorecards.save_draft, final=False)

    def submit(self) -> None:
        if self.card is None or self.saving:
            return
        self.autosave.stop()
        self._write(scorecards.submit, final=True)

    def _write(self, fn, *, final: bool) -> None:
        actor, interview_id, data = self.ctx.actor, self.interview_id, self.data()
        self.saving, self.dirty = True, False
        self.submit_button.setEnabled(False)
        self.ctx.write(lambda session: fn(session, actor, interview_id, data),
                       lambda card: self._written(card, final), self._refused, entity="scorecard",
                       ids=lambda card: (interview_id,), owner=self)

    def _written(self, card: CardView, final: bool) -> None:
        self.saving = False
        self.problem.hide()
        self.recommendation_problem.hide()
        if final or not self.dirty:
            self._show(card)
        else:                       # typed on while it saved: keep the form, take the new version
            self.card = card
            self._refresh()
        at = card.submitted_at if final else card.saved_at
        when = f"{self.ctx.local(at):%H:%M:%S}" if at else ""
        self.saved.setText(self.tr("Submitted at {0}").format(when) if final else self.tr("Draft saved at {0}")
                           .format(when))

    def _refused(self, error: BaseException) -> None:
        from desktop.ui.messages import describe, field_label, problem_text

        self.saving = False
        self.dirty = True
        self._refresh()
        if isinstance(error, errors.ValidationFailed):
            for key, code in error.problems.items():
                if key.startswith("scores.") and key[7:].isdigit() and 0 < int(key[7:]) <= len(self.rows):
                    row = self.rows[int(key[7:]) - 1]
                    row.problem.setText(problem_text(code))
                    row.problem.show()
                elif key == "recommendation":
                    self.recommendation_problem.setText(labels.labelled(field_label(key), problem_text(code)))
                    self.recommendation_problem.show()
        self.problem.setText(describe(error))
        self.problem.show()
        self.saved.setText(self.tr("Not saved"))
        if isinstance(error, (errors.StaleWrite, errors.InvalidState)):
            self.dirty = False
            self.load()             # what the other desktop saved; the message stays

    def closeEvent(self, event) -> None:       # noqa: N802 (Qt's name)
        """Closing does not lose what was typed: the pending draft is saved at once."""
        if self.autosave.isActive():
            self.autosave.stop()
            self.save_draft()
        super().closeEvent(event)
