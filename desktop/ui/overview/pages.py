"""报表 Reports and 档案 Archive, read-only until their capabilities arrive (and, until then, without
buttons that would do nothing). Today, Schedule, Approvals and Outbox have pages of their own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QTableView, QVBoxLayout, QWidget

from desktop.core.services import overview
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

    def count_text(self, total: int) -> str:
        return self.tr("%n record(s)", "", total)


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
