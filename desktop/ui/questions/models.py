"""The candidate questions as a table: who asked, about which position, the topic, the question,
when, the time left (red once overdue) or when it was answered, and the owner."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from desktop.core import labels
from desktop.core.question_views import QuestionRow
from desktop.ui.list_model import ListTableModel
from desktop.ui.schedule import colors

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


def time_left(now: datetime, due_at: datetime) -> str:
    """"3 h 20 min left" / "overdue by 1 h 5 min", in working-clock minutes of the wall clock."""
    left = due_at - now
    minutes = int(abs(left) / timedelta(minutes=1))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        span = QCoreApplication.translate("QuestionsPage", "{0} d {1} h").format(days, hours)
    elif hours:
        span = QCoreApplication.translate("QuestionsPage", "{0} h {1} min").format(hours, minutes)
    else:
        span = QCoreApplication.translate("QuestionsPage", "{0} min").format(minutes)
    if left < timedelta():
        return QCoreApplication.translate("QuestionsPage", "overdue by {0}").format(span)
    return QCoreApplication.translate("QuestionsPage", "{0} left").format(span)


def sla_word(met: bool | None) -> str:
    if met is None:
        return ""
    return (QCoreApplication.translate("QuestionsPage", "in time") if met
            else QCoreApplication.translate("QuestionsPage", "late"))


class QuestionTableModel(ListTableModel):
    COL_CANDIDATE, COL_POSITION, COL_TOPIC, COL_QUESTION, COL_ASKED, COL_DUE, COL_OWNER = range(7)
    ELASTIC = (COL_QUESTION, COL_POSITION)

    def __init__(self, ctx: "AppContext", parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.answered = False

    def headers(self) -> list[str]:
        return [self.tr("Candidate"), self.tr("Position"), self.tr("Topic"), self.tr("Question"), self.tr("Asked"),
                self.tr("Answered") if self.answered else self.tr("Time left"), self.tr("Owner")]

    def display(self, row: QuestionRow, column: int) -> str:
        if column == self.COL_DUE:
            if self.answered:
                when = self.ctx.local(row.answered_at).strftime("%m-%d %H:%M") if row.answered_at else ""
                return labels.with_note(when, sla_word(row.sla_met)) if row.sla_met is not None else when
            return time_left(self.ctx.clock.now(), row.due_at)
        question = " ".join(row.question.split())
        return {self.COL_CANDIDATE: row.candidate, self.COL_POSITION: row.position or "—",
                self.COL_TOPIC: labels.question_topic(row.topic),
                self.COL_QUESTION: question if len(question) <= 60 else question[:59] + "…",
                self.COL_ASKED: self.ctx.local(row.asked_at).strftime("%m-%d %H:%M"),
                self.COL_OWNER: row.owner or "—"}.get(column, "")

    def overdue(self, row: QuestionRow) -> bool:
        return not self.answered and row.due_at <= self.ctx.clock.now()

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row: QuestionRow = self.rows[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.COL_QUESTION:
            return row.question
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == self.COL_DUE and (
                self.overdue(row) or (self.answered and row.sla_met is False)):
            return QColor(colors.CONFLICT)
        return super().data(index, role)
