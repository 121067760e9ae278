"""The approver's inbox as a list, and the words for a change request's step and what it changes."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from desktop.core.scheduling.desk_views import ApprovalEntry
from desktop.core.scheduling.views import InboxItem
from desktop.core import labels
from desktop.ui.list_model import ListTableModel
from desktop.ui.paged_model import ID_ROLE
from desktop.ui.schedule import change_words, colors, words

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


def step_text(item: InboxItem) -> str:
    """The open step by its name: "部门领导审批" / "Department leader approval"."""
    return change_words.step_name(item.step_kind, item.step_role)


def request_summary(item: InboxItem, zone) -> str:
    """"候选人1 · 内科住院医师 · 11-24 10:00 → 11-24 14:00 (#3)": what a decision button acts on."""
    moved = change_words.move_of(zone, item.before, item.proposed) or labels.change_kind(item.kind)
    return QCoreApplication.translate("ApprovalsPage", "{0} · {1} (#{2})").format(item.candidate, moved,
                                                                                 item.change_request_id)


def approver_role(code: str) -> str:
    if code == "named":
        return QCoreApplication.translate("ApprovalsPage", "Named approver")
    if code == "deputy":
        return QCoreApplication.translate("ApprovalsPage", "Deputy (deadline passed)")
    return labels.role(code)


def snapshot_rows(entry: ApprovalEntry, zone) -> list[tuple[str, str, str, bool]]:
    """(what, before, after, changed) for time, duration, place and interviewers."""
    before, after = entry.item.before, entry.item.proposed

    def when(values: dict[str, Any]) -> str:
        start = datetime.fromisoformat(values["starts_at"]) if values.get("starts_at") else None
        if start is None:
            return ""
        return words.when(zone, start, start + timedelta(minutes=int(values.get("duration_minutes") or 0)))

    def place(values: dict[str, Any]) -> str:
        if values.get("mode") == "video":
            return QCoreApplication.translate("ApprovalsPage", "Video: {0}").format(values.get("video_link") or "")
        room = values.get("room_id")
        return entry.rooms.get(room, f"#{room}") if room else "—"

    def people(values: dict[str, Any]) -> str:
        return labels.joined(entry.people.get(u, f"#{u}") for u in values.get("interviewer_ids") or [])

    cancelling = after.get("status") == "cancelled"
    rows = []
    shown = ((QCoreApplication.translate("ApprovalsPage", "Time"), when),
             (QCoreApplication.translate("ApprovalsPage", "Place"), place),
             (QCoreApplication.translate("ApprovalsPage", "Interviewers"), people))
    for n, (what, show) in enumerate(shown):
        old, new = show(before), show(after)
        if cancelling:
            new = QCoreApplication.translate("ApprovalsPage", "Cancelled") if n == 0 else "—"
        rows.append((what, old, new, cancelling or old != new))
    return rows


class InboxTableModel(ListTableModel):
    COL_CANDIDATE, COL_KIND, COL_MOVE, COL_PARTY, COL_STEP, COL_DUE = range(6)
    ELASTIC = (COL_PARTY, COL_STEP)     # the decision panel beside the list says both in full

    def __init__(self, ctx: "AppContext", parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def headers(self) -> list[str]:
        return [self.tr("Candidate"), self.tr("Change"), self.tr("Now → proposed"), self.tr("Asked by"),
                self.tr("Step"), self.tr("Due")]

    def display(self, row: ApprovalEntry, column: int) -> str:
        item = row.item
        if column == self.COL_DUE:
            return self.ctx.local(item.step_due_at).strftime("%m-%d %H:%M") if item.step_due_at else "—"
        return {self.COL_CANDIDATE: item.candidate, self.COL_KIND: labels.change_kind(item.kind),
                self.COL_MOVE: change_words.move_of(self.ctx.tz, item.before, item.proposed) or "—",
                self.COL_PARTY: labels.party(item.party), self.COL_STEP: step_text(item)}.get(column, "")

    def overdue(self, row: ApprovalEntry) -> bool:
        return row.item.step_due_at is not None and row.item.step_due_at <= self.ctx.clock.now()

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row: ApprovalEntry = self.rows[index.row()]
        if role == ID_ROLE:
            return row.item.change_request_id
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.COL_CANDIDATE:
            return f"{row.item.candidate} · {row.item.position}"
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == self.COL_DUE and self.overdue(row):
            return QColor(colors.CONFLICT)
        return super().data(index, role)
