"""The match report of one candidate for one position: the score large, then every requirement with
its verdict (icon and word, never colour alone), the profile words that show it and what is missing.
Core words evidence and gaps in the report's language (matching.match(..., locale)); this view only
lays them out."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.core import labels
from desktop.core.matching import MET, PARTLY, MatchReport, RequirementResult
from desktop.ui.widgets import hint_label

_VERDICTS = {
    "met": QT_TRANSLATE_NOOP("MatchReport", "Met"),
    "partly": QT_TRANSLATE_NOOP("MatchReport", "Partly"),
    "missed": QT_TRANSLATE_NOOP("MatchReport", "Missed"),
}
_ICONS = {MET: "✔", PARTLY: "◐"}            # missed: ✘
_COLOURS = {MET: "#2e7d32", PARTLY: "#b26a00"}   # missed: #c0392b


def verdict_word(verdict: str) -> str:
    return QCoreApplication.translate("MatchReport", _VERDICTS.get(verdict, verdict))


def report_locale(language: str) -> str:
    """The language core words the report in: the user's own."""
    return "en" if language == "en" else "zh_CN"


class MatchReportView(QWidget):
    """`show_report(report)` shows a report; None shows that there is none (nothing selected)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: MatchReport | None = None
        self.score = QLabel()
        self.score.setObjectName("matchScore")
        self.score.setStyleSheet("font-size: 22pt; font-weight: 600;")
        self.caption = hint_label()
        self.caption.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(self.score)
        head.addWidget(self.caption, 1)
        self.rows = QWidget()
        self.grid = QGridLayout(self.rows)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(8)
        self.grid.setColumnStretch(2, 1)
        self.empty = hint_label(self.tr("Select an application to see how the candidate matches the position."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.rows)
        layout.addWidget(self.empty)
        self.show_report(None)

    def show_report(self, report: MatchReport | None) -> None:
        self.report = report
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.empty.setVisible(report is None)
        self.score.setVisible(report is not None)
        self.caption.setVisible(report is not None)
        self.rows.setVisible(report is not None)
        if report is None:
            return
        self.score.setText(f"{report.score}%")
        met = sum(r.verdict == MET for r in report.reasons)
        self.caption.setText(self.tr("Match with the position: {0} of {1} requirements met. Each requirement "
                                     "counts by its weight; partly met counts half.").format(met, len(report.reasons))
                             if report.reasons else self.tr("The position states no requirements."))
        for row, reason in enumerate(report.reasons):
            self._add(row, reason)

    def _add(self, row: int, r: RequirementResult) -> None:
        icon = QLabel(_ICONS.get(r.verdict, "✘"))
        icon.setStyleSheet(f"color: {_COLOURS.get(r.verdict, '#c0392b')}; font-weight: 600;")
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        name = QLabel(labels.with_note(r.label, verdict_word(r.verdict)))
        name.setAlignment(Qt.AlignmentFlag.AlignTop)
        name.setToolTip(self.tr("Weight {0}").format(r.weight))
        lines = []
        if r.evidence:
            lines.append(labels.labelled(self.tr("Found"), r.evidence))
        if r.gap:
            lines.append(labels.labelled(self.tr("Gap"), r.gap))
        if not lines:
            lines.append(self.tr("Nothing in the profile shows it."))
        detail = QLabel("\n".join(lines))
        detail.setWordWrap(True)
        detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.grid.addWidget(icon, row, 0)
        self.grid.addWidget(name, row, 1)
        self.grid.addWidget(detail, row, 2)

