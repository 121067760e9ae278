"""Settings → 评分表 (administrators): the institution's default scorecard template of each round kind
(HR面 / 业务面 / 终试) — criteria with weight and what 4, 7 and 10 mean, the decision rule (pass at,
fail below, automatic) — saved with scorecards.save_template, every problem marked where it is; a
template scored on already becomes the next version. Below, 面试反馈: what the candidate's feedback
shows and how soon it goes, and when scorecards are due and reminded (institution settings)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop.core import labels, scorecards
from desktop.core.errors import ValidationFailed
from desktop.core.model import RoundKind
from desktop.core.scorecard_rules import CRITERIA_MAX, CriterionInput
from desktop.core.scorecards import TemplateInput, TemplateView
from desktop.ui.errors import show_error
from desktop.ui.settings.inputs import StoredSettingsTab, save_row, setting_form, setting_input
from desktop.ui.widgets import hint_label, primary_button, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

CONTEXT = "ScorecardSettings"
PROBLEM_COLOUR = QColor("#f8d0d0")
NAME, WEIGHT, A4, A7, A10 = range(5)
ANCHOR_COLUMNS = {"4": A4, "7": A7, "10": A10}
_LABELS = {
    "feedback.visibility": QT_TRANSLATE_NOOP("ScorecardSettings", "The candidate's feedback shows"),
    "feedback.delay_minutes": QT_TRANSLATE_NOOP("ScorecardSettings", "Result sent after the decision (minutes, to "
                                                                     "allow a correction)"),
    "feedback.within_hours": QT_TRANSLATE_NOOP("ScorecardSettings", "Feedback sent within (hours)"),
    "scorecards.deadline_hours": QT_TRANSLATE_NOOP("ScorecardSettings", "Scorecards due after the interview (hours)"),
    "scorecards.remind_hours": QT_TRANSLATE_NOOP("ScorecardSettings", "Remind interviewers after (hours)"),
}
_VISIBILITY = (
    ("result", QT_TRANSLATE_NOOP("ScorecardSettings", "The result only")),
    ("scores", QT_TRANSLATE_NOOP("ScorecardSettings", "The result and the score of each criterion")),
    ("summary", QT_TRANSLATE_NOOP("ScorecardSettings", "The result, the scores and a written summary HR approves")),
)
_PROBLEMS = {
    "required": QT_TRANSLATE_NOOP("ScorecardSettings", "is required"),
    "too_long": QT_TRANSLATE_NOOP("ScorecardSettings", "is too long"),
    "duplicate": QT_TRANSLATE_NOOP("ScorecardSettings", "is there twice"),
    "out_of_range": QT_TRANSLATE_NOOP("ScorecardSettings", "must be a whole number from 1 to 100"),
    "invalid": QT_TRANSLATE_NOOP("ScorecardSettings", "are too long (at most 200 characters each)"),
    "too_many": QT_TRANSLATE_NOOP("ScorecardSettings", "are too many (at most 12)"),
    "other": QT_TRANSLATE_NOOP("ScorecardSettings", "is not valid"),
}


def label_of(key: str) -> str:
    return QCoreApplication.translate(CONTEXT, _LABELS[key]) if key in _LABELS else key


def _problem(code: str) -> str:
    return QCoreApplication.translate(CONTEXT, _PROBLEMS.get(code, _PROBLEMS["other"]))


class FeedbackSettings(StoredSettingsTab, QWidget):
    """面试反馈: the institution settings of feedback (what it shows, how long it waits for a
    correction, when it is due) and of scorecard deadlines."""

    setting_label = staticmethod(label_of)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = setting_form(self, ctx)
        visibility = QComboBox()
        for code, text in _VISIBILITY:
            visibility.addItem(QCoreApplication.translate(CONTEXT, text), code)
        for key in _LABELS:
            widget = visibility if key == "feedback.visibility" else setting_input(key)
            self.inputs[key] = self.form.add(key, label_of(key), widget)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.form.banner)
        column.addLayout(layout)
        column.addLayout(save_row(self, self.tr("Save feedback settings")))
        self.load()


class ScorecardSettings(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.template: TemplateView | None = None
        self.kind = QComboBox()
        for kind in RoundKind:
            self.kind.addItem(labels.round_kind(kind.value), kind.value)
        self.kind.currentIndexChanged.connect(lambda _i: self.load())
        self.name = QLineEdit()
        self.name.setMinimumWidth(200)
        self.version = hint_label()
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("scorecardCriteria")
        self.table.setHorizontalHeaderLabels([self.tr("Criterion"), self.tr("Weight %"), self.tr("4 means"),
                                              self.tr("7 means"), self.tr("10 means")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(WEIGHT, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.itemChanged.connect(lambda _item: self._show_sum())
        self.weight_sum = QLabel()
        self.add_button = QPushButton(self.tr("Add criterion"))
        self.add_button.clicked.connect(lambda: self.add_row("", 0, {}))
        self.remove_button = QPushButton(self.tr("Remove selected criterion"))
        self.remove_button.clicked.connect(self.remove_row)
        self.pass_at, self.fail_below = QDoubleSpinBox(), QDoubleSpinBox()
        for spin in (self.pass_at, self.fail_below):
            spin.setRange(0, 10)
            spin.setDecimals(1)
            spin.setSingleStep(0.5)
        self.automatic = QCheckBox(self.tr("Decide automatically (without HR's confirmation)"))
        self.problems = QLabel()
        self.problems.setObjectName("formError")
        self.problems.setWordWrap(True)
        self.problems.hide()
        self.saved = QLabel(self.tr("Saved."))
        self.saved.setObjectName("success")
        self.saved.hide()
        self.save_button = primary_button(self.tr("Save template"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)

        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("Round kind")))
        head.addWidget(self.kind)
        head.addWidget(QLabel(self.tr("Template name")))
        head.addWidget(self.name)
        head.addWidget(self.version, 1)
        rows = QHBoxLayout()
        for w in (self.add_button, self.remove_button, self.weight_sum):
            rows.addWidget(w)
        rows.addStretch(1)
        rule = QHBoxLayout()
        rule.addWidget(QLabel(self.tr("Passed at a weighted average of at least")))
        rule.addWidget(self.pass_at)
        rule.addWidget(QLabel(self.tr("not passed below")))
        rule.addWidget(self.fail_below)
        rule.addWidget(self.automatic)
        rule.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.saved)
        buttons.addStretch(1)
        self.feedback = FeedbackSettings(ctx)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 16, 16, 16)
        column.addWidget(hint_label(self.tr(
            "The default scorecard of each round kind; a round's own template, where it has one, comes first. "
            "Weights sum to 100 %; scores are 0 to 10. A template already scored on is kept for those scorecards "
            "and saving makes the next version.")))
        column.addLayout(head)
        column.addWidget(self.table, 1)
        column.addLayout(rows)
        column.addLayout(rule)
        column.addWidget(self.problems)
        column.addLayout(buttons)
        column.addWidget(title_label(self.tr("Interview feedback"), "sectionTitle"))
        column.addWidget(self.feedback)
        self.load()

    # --- reading -------------------------------------------------------------------------------

    def current_kind(self) -> RoundKind:
        return RoundKind(self.kind.currentData())

    def load(self) -> None:
        kind = self.current_kind()
        self.save_button.setEnabled(False)
        self.ctx.read(lambda session: scorecards.kind_template(session, kind), self._show,
                      lambda error: show_error(error, self), owner=self)

    def _show(self, t: TemplateView) -> None:
        if t.round_kind != self.current_kind().value:      # another kind was chosen meanwhile
            return
        self.template = t
        self.name.setText(t.name)
        self.version.setText(self.tr("Shipped default, not saved yet") if t.id == 0
                             else self.tr("Version {0}").format(t.revision))
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for c in t.criteria:
            self.add_row(c.name, c.weight, c.anchors)
        self.table.blockSignals(False)
        self.pass_at.setValue(float(t.pass_at))
        self.fail_below.setValue(float(t.fail_below))
        self.automatic.setChecked(t.automatic)
        self.problems.hide()
        self._show_sum()
        self.save_button.setEnabled(True)

    def add_row(self, name: str, weight: int, anchors: dict[str, str]) -> None:
        if self.table.rowCount() >= CRITERIA_MAX:
            return
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in ((NAME, name), (WEIGHT, str(weight) if weight else ""), (A4, anchors.get("4", "")),
                             (A7, anchors.get("7", "")), (A10, anchors.get("10", ""))):
            self.table.setItem(row, column, QTableWidgetItem(text))
        self._show_sum()

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self._show_sum()

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _weight(self, row: int) -> int:
        text = self._text(row, WEIGHT)
        return int(text) if text.isdigit() else -1          # not a whole number: refused as out of range

    def _show_sum(self) -> None:
        total = sum(max(self._weight(r), 0) for r in range(self.table.rowCount()))
        self.weight_sum.setText(labels.labelled(self.tr("Weights"), f"{total} %"))
        self.weight_sum.setObjectName("" if total == 100 else "formError")
        self.weight_sum.style().unpolish(self.weight_sum)
        self.weight_sum.style().polish(self.weight_sum)
        self.add_button.setEnabled(self.table.rowCount() < CRITERIA_MAX)

    def entered(self) -> TemplateInput:
        criteria = tuple(CriterionInput(self._text(r, NAME), self._weight(r),
                                        {p: self._text(r, c) for p, c in ANCHOR_COLUMNS.items()})
                         for r in range(self.table.rowCount()))
        return TemplateInput(self.name.text(), criteria, Decimal(str(round(self.pass_at.value(), 1))),
                             Decimal(str(round(self.fail_below.value(), 1))), self.automatic.isChecked())

    # --- saving --------------------------------------------------------------------------------

    def save(self) -> None:
        actor, kind, data = self.ctx.actor, self.current_kind(), self.entered()
        self._clear_marks()
        self.saved.hide()
        self.save_button.setEnabled(False)
        self.ctx.write(lambda session: scorecards.save_template(session, actor, data, kind=kind), self._saved,
                       self._refused, entity="scorecard_template", owner=self)

    def _saved(self, t: TemplateView) -> None:
        self._show(t)
        self.saved.show()

    def _clear_marks(self) -> None:
        self.problems.hide()
        for r in range(self.table.rowCount()):
            for c in range(self.table.columnCount()):
                item = self.table.item(r, c)
                if item is not None:
                    item.setBackground(QBrush())

    def _mark(self, row: int, columns) -> None:
        for column in columns:
            item = self.table.item(row, column)
            if item is not None:
                item.setBackground(QBrush(PROBLEM_COLOUR))

    def _refused(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if not isinstance(error, ValidationFailed):
            show_error(error, self)
            return
        self.problems.setText("\n".join(self.describe(error.problems)))
        self.problems.show()

    def describe(self, problems: dict[str, Any]) -> list[str]:
        """One line per problem, the criterion named by its row; the cells at fault are marked."""
        lines = []
        for key, code in problems.items():
            code = str(code)
            parts = key.split(".")
            if parts[0] == "criteria" and len(parts) == 3 and parts[1].isdigit():
                row, field = int(parts[1]), parts[2]
                columns = {"name": (NAME,), "weight": (WEIGHT,), "anchors": (A4, A7, A10)}.get(field, ())
                self._mark(row, columns)
                what = {"name": self.tr("name"), "weight": self.tr("weight"),
                        "anchors": self.tr("what 4, 7 and 10 mean")}.get(field, field)
                lines.append(labels.labelled(self.tr("Criterion {0}, {1}").format(row + 1, what), _problem(code)))
            elif key == "weights":
                total = code.partition(":")[2] or "?"
                lines.append(self.tr("The weights sum to {0} %; they must sum to 100 %.").format(total))
            elif key == "rule":
                lines.append(self.tr("The pass mark must not be below the fail mark (both 0 to 10)."))
            elif key == "name":
                lines.append(labels.labelled(self.tr("Template name"), _problem(code)))
            elif key == "criteria":
                lines.append(labels.labelled(self.tr("Criteria"), _problem(code)))
            else:
                lines.append(labels.labelled(key, _problem(code)))
        return lines
