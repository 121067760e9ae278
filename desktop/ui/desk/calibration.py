"""评分校准 Calibration: the panel's submitted scorecards side by side — a row per criterion, a column
per interviewer, the weighted totals and recommendations — with every score more than 3 points from
the panel's mean on its criterion highlighted. For HR and leaders of the department, and for an
interviewer after submitting their own (the core refuses otherwise; the refusal is said here).

HR also sees the round's decision: the rule's proposal with its explanation
(scorecard_panel.propose), then 确认 (confirm) or 改判 (override, with a reason) through
scorecard_panel.settle — and, until the result goes out to the candidate (feedback.delay_minutes
after the decision), a correction the same way. With feedback visibility "summary" HR writes the
feedback summary for the candidate below and sends it with 批准并发送 (feedback_summary.approve).
Once the round is passed and the position has a next round, 安排下一轮 opens the booking dialog
prefilled (desktop.core.next_round)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox, QDialog, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from desktop.core import feedback_summary, labels, next_round, scorecard_panel, scorecard_rules, scorecards, settings
from desktop.core.errors import InvalidState
from desktop.core.model import DecisionOutcome
from desktop.core.permissions import Action
from desktop.core.scorecard_panel import Calibration, DecisionView
from desktop.ui import i18n
from desktop.ui.desk import words as desk_words
from desktop.ui.widgets import hint_label, primary_button, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

FLAG_COLOUR = QColor("#f8d7a8")
_OUTCOMES = {
    "passed": QT_TRANSLATE_NOOP("CalibrationDialog", "Passed"),
    "failed": QT_TRANSLATE_NOOP("CalibrationDialog", "Not passed"),
    "hr_decides": QT_TRANSLATE_NOOP("CalibrationDialog", "HR decides"),
}


def outcome_word(code: str) -> str:
    return QCoreApplication.translate("CalibrationDialog", _OUTCOMES[code]) if code in _OUTCOMES else code


def _cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    return item


class CalibrationDialog(QDialog):
    def __init__(self, ctx: "AppContext", interview_id: int, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.interview_id = interview_id
        self.calibration: Calibration | None = None
        self.decision: DecisionView | None = None
        self.hr = ctx.may(Action.INTERVIEW_SCHEDULE)
        self.setWindowTitle(labels.with_note(self.tr("Calibration"), title) if title else self.tr("Calibration"))
        self.resize(1000, 660)
        self.visibility = ""                      # feedback.visibility, read with the decision

        self.table = QTableWidget()
        self.table.setObjectName("calibration")
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.waiting = hint_label()
        self.legend = hint_label(self.tr("Highlighted: more than 3 points from the panel's mean on that criterion."))
        self.problem = hint_label()
        self.problem.setObjectName("formError")
        self.problem.setWordWrap(True)
        self.problem.hide()

        self.proposal = QLabel()
        self.proposal.setWordWrap(True)
        self.propose_button = QPushButton(self.tr("Apply the rule"))
        self.propose_button.clicked.connect(self.propose)
        self.confirm_button = primary_button(self.tr("Confirm"))
        self.confirm_button.clicked.connect(self.confirm)
        self.override_outcome = QComboBox()
        for code in (DecisionOutcome.PASSED.value, DecisionOutcome.FAILED.value):
            self.override_outcome.addItem(outcome_word(code), code)
        self.override_reason = QLineEdit()
        self.override_reason.setPlaceholderText(self.tr("Reason (required to override the rule)"))
        self.override_button = QPushButton(self.tr("Override"))
        self.override_button.clicked.connect(self.override)
        self.next_round: next_round.NextRound | None = None
        self.next_round_dialog = None
        self.next_round_button = primary_button(self.tr("Book the next round"))
        self.next_round_button.clicked.connect(self.book_next_round)
        self.next_round_button.hide()
        self.decision_box = QWidget()
        box = QVBoxLayout(self.decision_box)
        box.setContentsMargins(0, 8, 0, 0)
        box.addWidget(title_label(self.tr("Decision"), "sectionTitle"))
        box.addWidget(self.proposal)
        actions = QHBoxLayout()
        for w in (self.propose_button, self.confirm_button, self.override_outcome):
            actions.addWidget(w)
        actions.addWidget(self.override_reason, 1)
        actions.addWidget(self.override_button)
        actions.addWidget(self.next_round_button)
        box.addLayout(actions)
        self.correction = hint_label()
        self.correction.setWordWrap(True)
        box.addWidget(self.correction)

        # feedback visibility "summary": the written summary for the candidate, approved by HR
        self.summary = QPlainTextEdit()
        self.summary.setObjectName("feedbackSummary")
        self.summary.setPlaceholderText(self.tr("What the candidate should hear about the interview: strengths, "
                                                "what to improve. Sent with the result and the scores."))
        self.summary.setFixedHeight(72)
        self.summary_state = hint_label()
        self.summary_state.setWordWrap(True)
        self.save_summary_button = QPushButton(self.tr("Save draft"))
        self.save_summary_button.clicked.connect(self.save_summary)
        self.approve_button = primary_button(self.tr("Approve and send"))
        self.approve_button.clicked.connect(self.approve_summary)
        self.summary_box = QWidget()
        summary_column = QVBoxLayout(self.summary_box)
        summary_column.setContentsMargins(0, 4, 0, 0)
        summary_head = QHBoxLayout()
        summary_head.addWidget(QLabel(self.tr("Feedback summary for the candidate")))
        summary_head.addWidget(self.summary_state, 1)
        summary_head.addWidget(self.save_summary_button)
        summary_head.addWidget(self.approve_button)
        summary_column.addLayout(summary_head)
        summary_column.addWidget(self.summary)
        self.summary_box.hide()
        box.addWidget(self.summary_box)
        self.decision_box.setVisible(self.hr)

        # HR opens a submitted scorecard again for its interviewer, with the reason (audited)
        self.reopen_whose = QComboBox()
        self.reopen_reason = QLineEdit()
        self.reopen_reason.setPlaceholderText(self.tr("Reason (required)"))
        self.reopen_button = QPushButton(self.tr("Reopen scorecard"))
        self.reopen_button.clicked.connect(self.reopen)
        self.reopen_box = QWidget()
        reopen_row = QHBoxLayout(self.reopen_box)
        reopen_row.setContentsMargins(0, 4, 0, 0)
        reopen_row.addWidget(QLabel(self.tr("Reopen the scorecard of")))
        reopen_row.addWidget(self.reopen_whose)
        reopen_row.addWidget(self.reopen_reason, 1)
        reopen_row.addWidget(self.reopen_button)
        self.reopen_box.setVisible(self.hr)

        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("Calibration"), "sectionTitle"))
        layout.addWidget(self.problem)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.waiting)
        layout.addWidget(self.decision_box)
        layout.addWidget(self.reopen_box)
        layout.addLayout(bottom)
        ctx.sig_changed.connect(self._changed)
        self._decision_shown(None)
        self.load()

    # --- reading -------------------------------------------------------------------------------

    def load(self) -> None:
        actor, interview_id = self.ctx.actor, self.interview_id
        self.ctx.read(lambda session: scorecard_panel.calibration(session, actor, interview_id), self._arrived,
                      self._failed, owner=self)
        if self.hr:
            self.ctx.read(lambda session: (scorecard_panel.decision_of(session, actor, interview_id),
                                           settings.institution_value(session, "feedback.visibility")),
                          self._decision_read, self._failed, owner=self)

    def _changed(self, entity: str, ids: object) -> None:
        if entity in ("scorecard", "decision") and (not ids or self.interview_id in ids):
            self.load()

    def _failed(self, error: BaseException) -> None:
        from desktop.ui.messages import describe

        self.problem.setText(describe(error))
        self.problem.show()

    def _arrived(self, c: Calibration) -> None:
        self.calibration = c
        names = [name for _uid, name in c.interviewers]
        t = self.table
        t.clear()
        t.setColumnCount(len(names) + 1)
        t.setHorizontalHeaderLabels(names + [self.tr("Panel mean")])
        t.setRowCount(len(c.rows) + 2)
        t.setVerticalHeaderLabels([labels.with_note(r.criterion, f"{r.weight}%") for r in c.rows]
                                  + [self.tr("Weighted total"), self.tr("Recommendation")])
        for i, r in enumerate(c.rows):
            for j, ((uid, _name), score) in enumerate(zip(c.interviewers, r.scores)):
                item = _cell("" if score is None else str(score))
                if uid in r.flagged:
                    item.setBackground(QBrush(FLAG_COLOUR))
                    item.setToolTip(self.tr("More than 3 points from the panel's mean ({0})").format(r.mean))
                t.setItem(i, j, item)
            t.setItem(i, len(names), _cell("" if r.mean is None else f"{r.mean:.2f}"))
        n = len(c.rows)
        for j, total in enumerate(c.totals):
            t.setItem(n, j, _cell("" if total is None else f"{total:.2f}"))
            t.setItem(n + 1, j, _cell(desk_words.recommendation(c.recommendations[j])))
        t.setItem(n, len(names), _cell("" if c.panel_average is None else f"{c.panel_average:.2f}"))
        t.resizeColumnsToContents()
        self.waiting.setText(labels.labelled(self.tr("Not submitted yet"), labels.joined(c.waiting_for))
                             if c.waiting_for else "")
        self.waiting.setVisible(bool(c.waiting_for))
        chosen = self.reopen_whose.currentData()
        self.reopen_whose.clear()
        for (_uid, name), card_id in zip(c.interviewers, c.scorecard_ids):
            self.reopen_whose.addItem(name, card_id)
        self.reopen_whose.setCurrentIndex(max(self.reopen_whose.findData(chosen), 0))   # kept across a reload
        self._buttons()

    # --- the decision --------------------------------------------------------------------------

    def _decision_read(self, found: tuple[DecisionView | None, str]) -> None:
        self.visibility = found[1]
        self._decision_shown(found[0])

    def _decision_shown(self, d: DecisionView | None) -> None:
        self.decision = d
        if d is None:
            self.proposal.setText(self.tr("No proposal yet: apply the rule once every interviewer has submitted."))
        elif d.outcome:
            head = labels.labelled(self.tr("Decided"), outcome_word(d.outcome))
            note = labels.joined(t for t in (d.decided_by, self.ctx.format_time(d.decided_at),
                                             labels.labelled(self.tr("Reason"), d.reason) if d.reason else "") if t)
            self.proposal.setText(labels.with_note(head, note) + "\n" + self._explanation(d))
            if d.outcome == DecisionOutcome.PASSED.value:
                self._look_for_next_round()
        else:
            self.proposal.setText(labels.labelled(self.tr("The rule proposes"), outcome_word(d.proposed))
                                  + "\n" + self._explanation(d))
        self._summary_shown(d)
        self._buttons()

    def _summary_shown(self, d: DecisionView | None) -> None:
        if d is not None and d.correctable and d.sends_at is not None:
            self.correction.setText(self.tr("The result goes to the candidate at {0}; until then the decision can "
                                            "still be corrected (choose the outcome, give the reason, Correct the decision).")
                                    .format(self.ctx.format_time(d.sends_at)))
        elif d is not None and d.awaiting_summary:
            self.correction.setText(self.tr("The result waits for the feedback summary; until it is approved the "
                                            "decision can still be corrected."))
        else:
            self.correction.setText("")
        self.correction.setVisible(bool(self.correction.text()))
        shown = self.visibility == "summary" or (d is not None and (d.awaiting_summary or bool(d.summary)))
        self.summary_box.setVisible(self.hr and shown)
        if not shown:
            return
        if d is None or not d.outcome:
            self.summary.clear()
            self.summary_state.setText(self.tr("Written once the round is decided"))
            return
        if not self.summary.hasFocus() or d.summary_approved_at is not None:
            self.summary.setPlainText(d.summary)
        if d.summary_approved_at is not None:
            state = self.tr("Approved by {0} at {1}").format(d.summary_approved_by,
                                                             self.ctx.format_time(d.summary_approved_at))
        elif d.awaiting_summary:
            state = self.tr("Awaiting your approval: the result is held until then")
        else:
            state = ""
        self.summary_state.setText(state)

    def _look_for_next_round(self) -> None:
        actor, interview_id = self.ctx.actor, self.interview_id
        self.ctx.read(lambda session: next_round.proposal(session, actor, interview_id), self._next_round_found,
                      self._no_next_round, owner=self)

    def _next_round_found(self, found: next_round.NextRound) -> None:
        self.next_round = found
        self.next_round_button.setText(self.tr("Book the next round: {0}").format(found.round))
        self.next_round_button.setToolTip(self.tr("This round is already booked for this candidate.")
                                          if found.booked else "")
        self._buttons()

    def _no_next_round(self, error: BaseException) -> None:
        self.next_round = None              # the last round (the offer step follows), or not passed after all
        if not isinstance(error, InvalidState):
            self._failed(error)
        self._buttons()

    def book_next_round(self) -> None:
        from desktop.ui.schedule.next_round import book_next_round

        self.problem.hide()
        book_next_round(self.ctx, self.interview_id, self, self._failed)

    @staticmethod
    def _explanation(d: DecisionView) -> str:
        return scorecard_rules.explanation_in(d.explanation, i18n.current())   # stored in Chinese

    def _buttons(self) -> None:
        d = self.decision
        passed = d is not None and d.outcome == DecisionOutcome.PASSED.value
        self.next_round_button.setVisible(self.hr and passed and self.next_round is not None)
        open_ = d is not None and not d.outcome
        ready = self.calibration is not None and not self.calibration.waiting_for
        self.propose_button.setEnabled(ready and (d is None or open_))
        self.confirm_button.setEnabled(open_ and d.proposed != DecisionOutcome.HR_DECIDES.value)
        correcting = d is not None and d.correctable
        for w in (self.override_outcome, self.override_reason, self.override_button):
            w.setEnabled(open_ or correcting)
        if correcting and self.override_outcome.currentData() == d.outcome:    # a correction changes the outcome
            self.override_outcome.setCurrentIndex(1 - self.override_outcome.currentIndex())
        self.override_button.setText(self.tr("Correct the decision") if correcting else self.tr("Override"))
        awaiting = d is not None and d.awaiting_summary
        for w in (self.summary, self.save_summary_button, self.approve_button):
            w.setEnabled(awaiting)
        settled = d is not None and bool(d.outcome)
        for w in (self.reopen_whose, self.reopen_reason, self.reopen_button):
            w.setEnabled(self.reopen_whose.count() > 0)
            # after the decision: refused once the result reached the candidate or an offer exists (said then)
            w.setToolTip(self.tr("The round is decided: reopening a scorecard sends the decision back to "
                                 "proposed, unless the result already went to the candidate or an offer "
                                 "exists.") if settled else "")

    def propose(self) -> None:
        actor, interview_id = self.ctx.actor, self.interview_id
        self._write(lambda session: scorecard_panel.propose(session, actor, interview_id))

    def confirm(self) -> None:
        if self.decision is not None:
            actor, interview_id, version = self.ctx.actor, self.interview_id, self.decision.version
            self._write(lambda session: scorecard_panel.settle(session, actor, interview_id, version))

    def override(self) -> None:
        """改判, or HR's own decision where the rule left it to HR; the core asks for the reason."""
        if self.decision is not None:
            actor, interview_id, version = self.ctx.actor, self.interview_id, self.decision.version
            outcome, reason = DecisionOutcome(self.override_outcome.currentData()), self.override_reason.text()
            self._write(lambda session: scorecard_panel.settle(session, actor, interview_id, version, outcome,
                                                               reason))

    def save_summary(self) -> None:
        self._summary_write(feedback_summary.save)

    def approve_summary(self) -> None:
        """批准并发送: the summary as shown is approved and the result with it queued for the candidate."""
        self._summary_write(feedback_summary.approve)

    def _summary_write(self, fn) -> None:
        if self.decision is not None:
            actor, interview_id, version = self.ctx.actor, self.interview_id, self.decision.version
            text = self.summary.toPlainText()
            self._write(lambda session: fn(session, actor, interview_id, version, text))

    def reopen(self) -> None:
        card_id = self.reopen_whose.currentData()
        if card_id is None:
            return
        actor, interview_id, reason = self.ctx.actor, self.interview_id, self.reopen_reason.text()
        self.problem.hide()
        self.ctx.write(lambda session: scorecards.reopen(session, actor, card_id, reason), self._reopened,
                       self._refused, entity="scorecard", ids=lambda _c: (interview_id,), owner=self)

    def _reopened(self, _card) -> None:
        self.reopen_reason.clear()               # the change signal brings the table anew

    def _write(self, fn) -> None:
        interview_id = self.interview_id
        self.problem.hide()
        self.ctx.write(fn, self._decision_shown, self._refused, entity="decision", ids=lambda _d: (interview_id,),
                       owner=self)

    def _refused(self, error: BaseException) -> None:
        self._failed(error)
        self.load()
