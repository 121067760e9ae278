"""A table view configured for the paged models: whole-row selection, header clicks sort in the
database (only on sortable columns), and the selected entity id reported by a signal."""

from __future__ import annotations

import math

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop.ui.paged_model import ID_ROLE, PagedTableModel

MIN_COLUMN = 64
MAX_COLUMN = 260


def _shrink(widths: list[int], floors: list[int], available: int) -> list[int]:
    """Take what is too much from the columns above their floors, in proportion to what each has
    above it."""
    excess = sum(widths) - available
    room = sum(w - f for w, f in zip(widths, floors, strict=True))
    if excess <= 0 or room <= 0:
        return widths
    share = min(1.0, excess / room)
    return [w - math.ceil((w - f) * share) for w, f in zip(widths, floors, strict=True)]


class FittedTableView(QTableView):
    """A table whose columns share the width it has, so it never needs a horizontal scroll bar;
    `size_columns()` measures them once there are rows. The user may still drag a column edge."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ideal: list[int] = []        # each column's width for its header and values, within limits
        self._content: list[int] = []      # ... for its values and the bare header text (no sort arrow)
        self._fitting = False
        self._user_sized = False           # once the user drags a column edge, their widths stay
        self.horizontalHeader().sectionResized.connect(self._section_resized)

    def size_columns(self) -> None:
        """Fit the columns to the rows the model has now, within limits."""
        model = self.model()
        self.resizeColumnsToContents()
        columns = range(model.columnCount())
        self._ideal = [max(MIN_COLUMN, min(self.columnWidth(c) + 12, MAX_COLUMN)) for c in columns]
        header = self.horizontalHeader()
        titles = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in columns]
        self._content = [max(MIN_COLUMN, min(max(self.sizeHintForColumn(c), header.fontMetrics().horizontalAdvance(t)) + 12,
                                             MAX_COLUMN)) for c, t in zip(columns, titles, strict=True)]
        self._fit_columns()

    def _fit_columns(self) -> None:
        """The columns share the width the view has: their full widths when these fit; else first
        the room kept for the sort arrow and the header's padding goes, then the model's ELASTIC
        columns (long texts that may be cut, so times and names stay whole), then every column down
        to MIN_COLUMN, widest most."""
        if not self._ideal or self._user_sized:
            return
        hidden = {c for c in range(len(self._ideal)) if self.isColumnHidden(c)}
        widths = [0 if c in hidden else w for c, w in enumerate(self._ideal)]
        values = [0 if c in hidden else min(w, v) for c, (w, v) in enumerate(zip(self._ideal, self._content,
                                                                                  strict=True))]
        least = [0 if c in hidden else MIN_COLUMN for c in range(len(widths))]
        elastic = set(getattr(self.model(), "ELASTIC", ()))
        first = [m if c in elastic else v for c, (v, m) in enumerate(zip(values, least, strict=True))]
        for floors in (values, first, least):
            widths = _shrink(widths, floors, self.viewport().width())
        self._fitting = True
        for column, width in enumerate(widths):
            if not self.isColumnHidden(column):
                self.setColumnWidth(column, width)
        self._fitting = False

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        last = self.horizontalHeader().count() - 1
        if not self._fitting and self._ideal and column != last and self.horizontalHeader().underMouse():
            self._user_sized = True

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_columns()


def row_list(model) -> FittedTableView:
    """A short list beside the details of its selected row: whole rows, one at a time, read-only, no row
    numbers, the last column taking the width left over."""
    table = FittedTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


class PagedTableView(FittedTableView):
    sig_selected = Signal(object)     # entity id, or None
    sig_activated = Signal(int)       # double-click or Enter on a row

    def __init__(self, model: PagedTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(28)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.setSortIndicatorShown(True)
        column = model.sort_column()
        header.setSortIndicator(max(column, 0), Qt.SortOrder.DescendingOrder if model.descending
                                else Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        self.setSortingEnabled(True)
        self.selectionModel().selectionChanged.connect(self._selection_changed)
        self.doubleClicked.connect(self._double_clicked)
        self._model = model
        self._kept: int | None = None
        self._sized = False
        model.sig_loaded.connect(self._size_columns)
        model.modelAboutToBeReset.connect(self._remember_selection)
        model.modelReset.connect(self._restore_selection)

    def _double_clicked(self, index) -> None:
        self.sig_activated.emit(index.data(ID_ROLE))

    def _sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        """Columns the database cannot sort by keep the indicator where the sort really is."""
        if not (0 <= column < len(self._model.SORT_KEYS)) or self._model.SORT_KEYS[column] is None:
            header = self.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(self._model.sort_column(), Qt.SortOrder.DescendingOrder
                                    if self._model.descending else Qt.SortOrder.AscendingOrder)
            header.blockSignals(False)

    def _size_columns(self, _total: int) -> None:
        """Fit the columns to the first page that has rows; the user may resize."""
        if self._sized or not self._model.rows:
            return
        self._sized = True
        self.size_columns()

    def _remember_selection(self) -> None:
        self._kept = self.selected_id()

    def _restore_selection(self) -> None:
        """After the list is asked again (a save, a new sort), the same record stays selected."""
        kept, self._kept = self._kept, None
        if kept is None or not self.select_id(kept):
            self.sig_selected.emit(self.selected_id())

    def _selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        self.sig_selected.emit(self.selected_id())

    def selected_id(self) -> int | None:
        rows = self.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def select_id(self, entity_id: int) -> bool:
        row = self._model.row_of(entity_id)
        if row < 0:
            return False
        self.selectRow(row)
        self.scrollTo(self._model.index(row, 0))
        return True

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected_id() is not None:
            self.sig_activated.emit(self.selected_id())
            return
        super().keyPressEvent(event)
