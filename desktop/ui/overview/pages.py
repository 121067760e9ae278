"""今日 Today, 日程 Schedule, 审批 Approvals, 通知 Outbox, 报表 Reports and 档案 Archive, read-only
until their capabilities arrive (and, until then, without buttons that would do nothing)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from desktop.core.services import overview
from desktop.ui import labels
from desktop.ui.errors import show_error
from desktop.ui.listview import PagedTableView
from desktop.ui.overview.models import (
    AlertTableModel, ArchiveTableModel, ChangeRequestTableModel, InterviewTableModel, OutboxTableModel,
    ReportTableModel,
)
from desktop.ui.widgets import SearchBox, hint_label, title_label

if TYPE_CHECKING:
    from desktop.app import AppContext


def _plain_table(model) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _day_bounds(ctx: "AppContext", first: "datetime.date", days: int) -> tuple[datetime, datetime]:
    start = datetime.combine(first, time(0, 0), tzinfo=ctx.tz)
    return start, start + timedelta(days=days)


class _ListPage(QWidget):
    """Title, a row of filters, a paged table and its count."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title_label("")
        self.count = hint_label()
        self.head = QHBoxLayout()
        self.head.addWidget(self.title)
        self.head.addSpacing(16)
        self.filters = QHBoxLayout()
        self.head.addLayout(self.filters)
        self.head.addWidget(self.count, 1)
        self.main = QVBoxLayout(self)
        self.main.addLayout(self.head)

    def set_model(self, model, *, descending: bool = False) -> None:
        self.model = model
        model.descending = descending
        self.table = PagedTableView(model)
        self.main.addWidget(self.table, 1)
        model.sig_loaded.connect(self._loaded)
        model.sig_failed.connect(self._failed)

    def _failed(self, error: BaseException) -> None:
        show_error(error, self)

    def _loaded(self, total: int) -> None:
        self.count.setText(self.count_text(total))

    def count_text(self, total: int) -> str:
        raise NotImplementedError

    def add_state_filter(self, key: str, all_text: str, codes: tuple[str, ...], label) -> QComboBox:
        combo = QComboBox()
        combo.addItem(all_text, "")
        for code in codes:
            combo.addItem(label(code), code)
        self.filter_key, self.filter_combo = key, combo
        combo.currentIndexChanged.connect(self._filter_changed)
        self.filters.addWidget(combo)
        return combo

    def _filter_changed(self, _index: int) -> None:
        self.model.set_filter(self.filter_key, self.filter_combo.currentData())


class TodayPage(QWidget):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.day = hint_label()
        head = QHBoxLayout()
        head.addWidget(title_label(self.tr("Today")))
        head.addSpacing(16)
        head.addWidget(self.day, 1)

        self.alerts = AlertTableModel(ctx, self)
        self.alerts_table = _plain_table(self.alerts)
        self.alerts_table.setMaximumHeight(150)
        self.alerts_empty = hint_label(self.tr("No open alerts."))
        self.interviews = InterviewTableModel(ctx, self)
        self.table = PagedTableView(self.interviews)
        self.count = hint_label()

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(title_label(self.tr("Alerts"), "sectionTitle"))
        layout.addWidget(self.alerts_empty)
        layout.addWidget(self.alerts_table)
        interviews_head = QHBoxLayout()
        interviews_head.addWidget(title_label(self.tr("Today's interviews"), "sectionTitle"))
        interviews_head.addWidget(self.count, 1)
        layout.addLayout(interviews_head)
        layout.addWidget(self.table, 1)

        self.interviews.sig_loaded.connect(self._loaded)
        self.interviews.sig_failed.connect(self._failed)
        ctx.sig_changed.connect(self._changed)
        self.show_today()

    def show_today(self) -> None:
        today = self.ctx.today()
        self.day.setText(today.isoformat())
        self.interviews.set_range(*_day_bounds(self.ctx, today, 1))
        self.load_alerts()

    def _loaded(self, total: int) -> None:
        self.count.setText(self.tr("{0} interview(s)").format(total))

    def _failed(self, error: BaseException) -> None:
        show_error(error, self)

    def _changed(self, entity: str, _ids: object) -> None:
        if entity in ("alert", "interview"):
            self.load_alerts()

    def load_alerts(self) -> None:
        actor = self.ctx.actor
        self.ctx.read(lambda session: overview.open_alerts(session, actor), self._alerts_arrived,
                      lambda error: show_error(error, self), owner=self)

    def _alerts_arrived(self, rows) -> None:
        self.alerts.set_rows(rows)
        self.alerts_table.resizeColumnsToContents()
        self.alerts_table.setVisible(bool(rows))
        self.alerts_empty.setVisible(not rows)


class SchedulePage(_ListPage):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title.setText(self.tr("Schedule"))
        self.set_model(InterviewTableModel(ctx, self))
        self.previous = QPushButton(self.tr("◀ Previous week"))
        self.this_week = QPushButton(self.tr("This week"))
        self.next = QPushButton(self.tr("Next week ▶"))
        self.range = hint_label()
        for widget in (self.previous, self.this_week, self.next, self.range):
            self.filters.addWidget(widget)
        self.previous.clicked.connect(self.show_previous_week)
        self.next.clicked.connect(self.show_next_week)
        self.this_week.clicked.connect(self.show_current_week)
        self.show_current_week()

    def count_text(self, total: int) -> str:
        return self.tr("{0} interview(s) this week").format(total)

    def show_previous_week(self) -> None:
        self.show_week(self.monday - timedelta(days=7))

    def show_next_week(self) -> None:
        self.show_week(self.monday + timedelta(days=7))

    def show_current_week(self) -> None:
        today = self.ctx.today()
        self.show_week(today - timedelta(days=today.weekday()))

    def show_week(self, monday) -> None:
        self.monday = monday
        sunday = monday + timedelta(days=6)
        self.range.setText(self.tr("{0} to {1}").format(monday.isoformat(), sunday.isoformat()))
        self.model.set_range(*_day_bounds(self.ctx, monday, 7))


class ApprovalsPage(_ListPage):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title.setText(self.tr("Approvals"))
        self.set_model(ChangeRequestTableModel(ctx, self), descending=True)
        self.status = self.add_state_filter("status", self.tr("All statuses"), labels.CHANGE_STATUSES,
                                            labels.change_status)

    def count_text(self, total: int) -> str:
        return self.tr("{0} change request(s)").format(total)


class OutboxPage(_ListPage):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title.setText(self.tr("Outbox"))
        self.set_model(OutboxTableModel(ctx, self), descending=True)
        self.state = self.add_state_filter("state", self.tr("All states"), labels.OUTBOX_STATES,
                                           labels.outbox_state)

    def count_text(self, total: int) -> str:
        return self.tr("{0} message(s)").format(total)


class ArchivePage(_ListPage):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title.setText(self.tr("Archive"))
        self.set_model(ArchiveTableModel(ctx, self))
        self.search = SearchBox(self.tr("Search by archive code or title"))
        self.search.sig_search.connect(self.model.set_search)
        self.filters.addWidget(self.search)

    def count_text(self, total: int) -> str:
        return self.tr("{0} record(s)").format(total)


class ReportsPage(QWidget):
    """One row per position: applicants in each stage and the number of interviews."""

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = ReportTableModel(self)
        self.table = _plain_table(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(ReportTableModel.COL_POSITION,
                                                           QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setStretchLastSection(False)
        head = QHBoxLayout()
        head.addWidget(title_label(self.tr("Reports")))
        head.addSpacing(16)
        head.addWidget(hint_label(self.tr("Applicants per stage and interviews, per position")), 1)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.table, 1)
        ctx.sig_changed.connect(self._changed)
        self.load()

    def _changed(self, entity: str, _ids: object) -> None:
        if entity in ("position", "application", "interview"):
            self.load()

    def load(self) -> None:
        actor = self.ctx.actor
        self.ctx.read(lambda session: overview.recruitment_report(session, actor), self._arrived,
                      lambda error: show_error(error, self), owner=self)

    def _arrived(self, rows) -> None:
        self.model.set_rows(rows)
