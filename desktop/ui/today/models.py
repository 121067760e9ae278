"""The lists of the Today page: today's interviews with their live state and no-show risk, the
user's open alerts, and their follow-up tasks."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from desktop.core.scheduling.desk_views import DeskAlert, DeskTask
from desktop.core.scheduling.risk import Risk
from desktop.core.scheduling.views import InboxItem, TodayItem
from desktop.core import labels
from desktop.ui.approvals.models import step_text
from desktop.ui.list_model import ListTableModel
from desktop.ui.paged_model import ID_ROLE
from desktop.ui.schedule import colors, words

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


def risk_reasons(risk: Risk) -> str:
    return labels.joined(labels.risk_reason(r.code, r.count) for r in risk.reasons)


def alert_text(alert: DeskAlert, zone: tzinfo) -> str:
    """"Candidate late: 张三, 11-24 Tue 10:00, room 301" — the alert and what it is about."""
    about = [alert.candidate] if alert.candidate else []
    if alert.detail.get("who"):   # the interviewer who declined, moved or deleted it in Outlook
        about.insert(0, str(alert.detail["who"]))
    if alert.kind == "inbound_message":   # a text message from an unknown number: its words, for HR
        about.append(str(alert.detail.get("text") or ""))
    if alert.starts_at is not None and alert.candidate:
        about.append(words.when(zone, alert.starts_at))
    if alert.room:
        about.append(alert.room)
    if alert.kind == "low_match" and alert.detail.get("score") is not None:   # the score first: 28%
        about.insert(0, f"{int(alert.detail['score'])}%")
    if alert.kind in ("question_reminder", "question_overdue") and alert.detail.get("due_at"):
        # a question mailed before any interview has no interview to name: its deadline says which
        due = datetime.fromisoformat(str(alert.detail["due_at"]))
        about.append(QCoreApplication.translate("TodayPage", "answer due {0}").format(words.when(zone, due)))
    if alert.kind == "privacy_request_overdue" and alert.detail.get("request_id"):   # no name in the alert itself
        due = datetime.fromisoformat(str(alert.detail["due_at"]))
        about.append(QCoreApplication.translate("TodayPage", "request #{0}, due {1} (Archive → Personal-data "
                                                "requests)").format(alert.detail["request_id"], words.when(zone, due)))
    if alert.kind == "approval_overdue" and alert.change_request_id:
        about.append(QCoreApplication.translate("TodayPage", "change request #{0}").format(alert.change_request_id))
    text = labels.alert_kind(alert.kind)
    return labels.labelled(text, " ".join(about)) if about else text


def task_text(task: DeskTask, zone: tzinfo) -> str:
    """"Not confirmed in time, call the candidate: 张三 11-24 Tue 10:00 room 301"."""
    about = [task.candidate] if task.candidate else []
    if task.starts_at is not None and task.candidate:
        about.append(words.when(zone, task.starts_at))
    if task.room:
        about.append(task.room)
    text = labels.task_title(task.title)
    return labels.labelled(text, " ".join(about)) if about else text


class TodayTableModel(ListTableModel):
    COL_TIME, COL_CANDIDATE, COL_POSITION, COL_PLACE, COL_INTERVIEWERS, COL_STATE, COL_RISK = range(7)

    def __init__(self, ctx: "AppContext", parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def headers(self) -> list[str]:
        return [self.tr("Time"), self.tr("Candidate"), self.tr("Position · round"), self.tr("Place"),
                self.tr("Interviewers"), self.tr("State"), self.tr("No-show risk")]

    def display(self, row: TodayItem, column: int) -> str:
        if column == self.COL_TIME:
            return f"{self.ctx.local(row.starts_at):%H:%M}–{self.ctx.local(row.ends_at):%H:%M}"
        if column == self.COL_RISK:
            return f"{row.risk.probability:.0%}"
        if column == self.COL_PLACE and "://" in row.place:
            return self.tr("Video meeting")
        return {self.COL_CANDIDATE: row.candidate, self.COL_POSITION: f"{row.position} · {row.round}",
                self.COL_PLACE: row.place, self.COL_INTERVIEWERS: row.interviewers,
                self.COL_STATE: labels.live_state(row.state)}.get(column, "")

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row: TodayItem = self.rows[index.row()]
        if role == ID_ROLE:
            return row.interview_id
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == self.COL_STATE:
            return colors.fill(row.state)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == self.COL_STATE:
            return colors.text(row.state)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == self.COL_RISK and row.risk.call_ahead:
            return QColor(colors.CONFLICT)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.COL_RISK:
            return risk_reasons(row.risk)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.COL_PLACE:
            return row.place
        return super().data(index, role)


class AlertTableModel(ListTableModel):
    COL_RAISED, COL_ALERT, COL_ACTION = range(3)

    def __init__(self, ctx: "AppContext", parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def headers(self) -> list[str]:
        return [self.tr("Raised"), self.tr("Alert"), ""]

    def display(self, row: DeskAlert, column: int) -> str:
        return {self.COL_RAISED: self.ctx.local(row.raised_at).strftime("%m-%d %H:%M"),
                self.COL_ALERT: alert_text(row, self.ctx.tz)}.get(column, "")


class PendingTableModel(ListTableModel):
    """Change requests waiting for the user's decision, in short."""

    COL_CANDIDATE, COL_KIND, COL_STEP, COL_DUE = range(4)

    def __init__(self, ctx: "AppContext", parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def headers(self) -> list[str]:
        return [self.tr("Candidate"), self.tr("Change"), self.tr("Step"), self.tr("Due")]

    def display(self, row: InboxItem, column: int) -> str:
        if column == self.COL_DUE:
            return self.ctx.local(row.step_due_at).strftime("%m-%d %H:%M") if row.step_due_at else "—"
        return {self.COL_CANDIDATE: f"{row.candidate} · {row.position}", self.COL_KIND: labels.change_kind(row.kind),
                self.COL_STEP: step_text(row)}.get(column, "")

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == ID_ROLE:
            return self.rows[index.row()].change_request_id
        if index.isValid() and role == Qt.ItemDataRole.ForegroundRole and index.column() == self.COL_DUE:
            row: InboxItem = self.rows[index.row()]
            if row.step_due_at is not None and row.step_due_at <= self.ctx.clock.now():
                return QColor(colors.CONFLICT)
        return super().data(index, role)


class TaskTableModel(ListTableModel):
    COL_DUE, COL_TITLE, COL_ACTION = range(3)

    def __init__(self, ctx: "AppContext", parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def headers(self) -> list[str]:
        return [self.tr("Due"), self.tr("Task"), ""]

    def display(self, row: DeskTask, column: int) -> str:
        return {self.COL_DUE: self.ctx.local(row.due_at).strftime("%m-%d %H:%M"),
                self.COL_TITLE: task_text(row, self.ctx.tz)}.get(column, "")

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.ForegroundRole and index.column() == self.COL_DUE:
            row: DeskTask = self.rows[index.row()]
            if row.due_at <= self.ctx.clock.now():
                return QColor(colors.CONFLICT)
        return super().data(index, role)
