"""报表 Reports and the 档案 Archive register (its dossiers can be produced again and opened).
Today, Schedule, Approvals and Outbox have pages of their own.
The reports page also shows 面试反馈及时率: of the decisions of a chosen period, the share whose
feedback reached the candidate within feedback.within_hours, with its counts."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget,
)

from desktop.core.services import overview
from desktop.core.services.overview import FeedbackTimeliness
from desktop.ui.archive.dossiers import DossierBar
from desktop.ui.errors import show_error
from desktop.ui.listview import PagedTableView
from desktop.ui.overview.models import ArchiveTableModel, ReportTableModel
from desktop.ui.widgets import SearchBox, hint_label, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


def _plain_table(model) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


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


class ArchivePage(_ListPage):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title.setText(self.tr("Archive"))
        self.set_model(ArchiveTableModel(ctx, self))
        self.search = SearchBox(self.tr("Search by archive code or title"))
        self.search.sig_search.connect(self.model.set_search)
        self.filters.addWidget(self.search)
        # the selected dossier: produce it again (same bytes unless its record changed) or open it
        self.dossier = DossierBar(ctx)
        self.main.addWidget(self.dossier)
        self.table.sig_selected.connect(self._selected)

    def _selected(self, record_id: object) -> None:
        number = self.model.row_of(record_id) if isinstance(record_id, int) else -1
        row = self.model.rows[number] if 0 <= number < len(self.model.rows) else None
        self.dossier.show_for(row.application_id if row is not None else None)

    def count_text(self, total: int) -> str:
        return self.tr("%n record(s)", "", total)


def period_days(period: str, today: date) -> tuple[date, date]:
    """The first and last local day of "month" (this month so far), "last_month" or "year"."""
    if period == "last_month":
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    if period == "year":
        return today.replace(month=1, day=1), today
    return today.replace(day=1), today


class ReportsPage(QWidget):
    """One row per position: applicants in each stage and the number of interviews; above it the
    feedback-on-time rate of the chosen period."""

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

        self.period = QComboBox()
        for code, text in (("month", self.tr("This month")), ("last_month", self.tr("Last month")),
                           ("year", self.tr("This year"))):
            self.period.addItem(text, code)
        self.period.currentIndexChanged.connect(lambda _i: self.load_timeliness())
        self.rate = QLabel()
        self.rate.setObjectName("feedbackRate")
        self.rate_counts = hint_label()
        self.rate_counts.setWordWrap(True)
        figure = QHBoxLayout()
        figure.addWidget(title_label(self.tr("Feedback on time"), "sectionTitle"))
        figure.addWidget(self.period)
        figure.addSpacing(12)
        figure.addWidget(self.rate)
        figure.addSpacing(12)
        figure.addWidget(self.rate_counts, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(figure)
        layout.addWidget(self.table, 1)
        ctx.sig_changed.connect(self._changed)
        self.load()

    def _changed(self, entity: str, _ids: object) -> None:
        if entity in ("position", "application", "interview"):
            self.load()
        elif entity == "decision":
            self.load_timeliness()

    def load(self) -> None:
        actor = self.ctx.actor
        self.ctx.read(lambda session: overview.recruitment_report(session, actor), self._arrived,
                      lambda error: show_error(error, self), owner=self)
        self.load_timeliness()

    def load_timeliness(self) -> None:
        actor = self.ctx.actor
        first, last = period_days(self.period.currentData(), self.ctx.today())
        self.ctx.read(lambda session: overview.feedback_timeliness(session, actor, first, last),
                      self._timeliness_arrived, lambda error: show_error(error, self), owner=self)

    def _arrived(self, rows) -> None:
        self.model.set_rows(rows)

    def _timeliness_arrived(self, f: FeedbackTimeliness) -> None:
        self.rate.setText("—" if f.rate is None else f"{f.rate * 100:.1f} %")
        pending = f.decided - f.on_time - f.late
        self.rate_counts.setText(self.tr("{0} to {1}: {2} decisions, {3} feedback sent within {4} hours, {5} late, "
                                         "{6} not yet due").format(f.first_day.isoformat(), f.last_day.isoformat(),
                                                                   f.decided, f.on_time, f.within_hours, f.late,
                                                                   pending))
