"""岗位 Positions: search and status filter, the paged list, the detail panel, create/edit forms."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QHeaderView, QPushButton, QSplitter, QVBoxLayout, QWidget

from desktop.core.permissions import Action
from desktop.core.services.positions import PositionDetail
from desktop.core import labels
from desktop.ui.errors import show_error
from desktop.ui.listview import PagedTableView
from desktop.ui.positions.detail import PositionDetailPanel
from desktop.ui.positions.form import PositionForm
from desktop.ui.positions.model import COL_TITLE, PositionTableModel
from desktop.ui.widgets import SearchBox, hint_label, primary_button, scrolling, title_label

MAX_OTHER = 150   # px: code, department, status… never squeeze the title out
MIN_TITLE = 160

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


class PositionsPage(QWidget):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.form: PositionForm | None = None
        self._select_after_load: int | None = None

        self.search = SearchBox(self.tr("Search by code or title"))
        self.status = QComboBox()
        self.status.addItem(self.tr("All statuses"), "")
        for code in labels.POSITION_STATUSES:
            self.status.addItem(labels.position_status(code), code)
        self.count = hint_label()
        self.new_button: QPushButton | None = None
        head = QHBoxLayout()
        head.addWidget(title_label(self.tr("Positions")))
        head.addSpacing(16)
        head.addWidget(self.search)
        head.addWidget(self.status)
        head.addWidget(self.count, 1)
        if ctx.may(Action.POSITION_EDIT):
            self.new_button = primary_button(self.tr("New position"))
            self.new_button.clicked.connect(self.new_position)
            head.addWidget(self.new_button)

        self.model = PositionTableModel(ctx, self)
        self.table = PagedTableView(self.model)
        self.detail = PositionDetailPanel(ctx)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(scrolling(self.detail))   # the detail with its applications is taller than 768 px
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(splitter, 1)

        self.search.sig_search.connect(self.model.set_search)
        self.status.currentIndexChanged.connect(self._status_changed)
        self.model.sig_loaded.connect(self._fit_columns)
        self.model.sig_loaded.connect(self._loaded)
        self.model.sig_failed.connect(self._failed)
        self.table.sig_selected.connect(self.detail.show_position)
        self.table.sig_activated.connect(self._activated)
        self.detail.sig_edit.connect(self.edit_position)
        if not self.model.loaded_once and not self.model.loading:
            self.model.refresh()

    def _fit_columns(self, _total: int = 0) -> None:
        """The title takes the room that is left (at least MIN_TITLE), the other columns the width of
        their content and header text (at most MAX_OTHER; narrower still when the window is), so the
        list never scrolls sideways in a 1280-pixel window."""
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        metrics = header.fontMetrics()
        wanted = {}
        for column in range(self.model.columnCount()):
            if column == COL_TITLE:
                continue
            text = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            label = metrics.horizontalAdvance(text) + (30 if column == self.model.sort_column() else 14)
            wanted[column] = min(max(self.table.sizeHintForColumn(column), label), MAX_OTHER)
        room = self.table.viewport().width() - MIN_TITLE
        scale = min(1.0, room / max(sum(wanted.values()), 1))
        for column, width in wanted.items():
            self.table.setColumnWidth(column, max(40, int(width * scale)))

    def _loaded(self, total: int) -> None:
        self.count.setText(self.tr("%n position(s)", "", total))
        if self._select_after_load is not None and self.table.select_id(self._select_after_load):
            self._select_after_load = None

    def _status_changed(self, _index: int) -> None:
        self.model.set_filter("status", self.status.currentData())

    def _failed(self, error: BaseException) -> None:
        show_error(error, self)

    def new_position(self) -> None:
        self.form = PositionForm(self.ctx, self)
        self.form.sig_saved.connect(self._created)
        self.form.open()

    def _created(self, position_id: int) -> None:
        self._select_after_load = position_id

    def _activated(self, position_id: int) -> None:
        detail = self.detail.detail
        if detail is not None and detail.id == position_id and detail.can_edit:
            self.edit_position(detail)

    def edit_position(self, detail: PositionDetail) -> None:
        self.form = PositionForm(self.ctx, self, position_id=detail.id, data=detail.data, version=detail.version)
        self.form.open()
