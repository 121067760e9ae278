"""A page that lists rows arriving whole (a ListTableModel under `row_list`), with a state filter
("open" or "done") and "Only mine": loaded off the UI thread, a later load winning over an earlier
one still under way, the selection kept by id across reloads, and a status line saying what the last
action did. The candidate questions page and the personal-data requests tab are two of these."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QLabel, QWidget
from sqlalchemy.orm import Session

from desktop.ui.errors import show_error
from desktop.ui.listview import row_list
from desktop.ui.paged_model import ROW_ROLE
from desktop.ui.widgets import hint_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


class RowListPage(QWidget):
    def __init__(self, ctx: "AppContext", model, parent: QWidget | None = None) -> None:
        """The subclass words the state choices (open, then done) and "Only mine", lays the page out,
        then calls `start()`."""
        super().__init__(parent)
        self.ctx = ctx
        self._generation = 0
        self.loading = False
        self.dialog: QDialog | None = None
        self.count = hint_label()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.hide()
        self.state = QComboBox()
        self.mine = QCheckBox()
        self.model = model
        self.table = row_list(model)

    def start(self) -> None:
        self.state.currentIndexChanged.connect(lambda _i: self.load())
        self.mine.toggled.connect(lambda _on: self.load())
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self._selected()
        self.load()

    # what a page says: the query for its filters, and how the rows that came are shown
    def query(self, done: bool, mine: bool) -> Callable[[Session], list[Any]]:
        raise NotImplementedError

    def show_rows(self, done: bool, rows: list[Any]) -> None:
        raise NotImplementedError

    def _selected(self, *_args) -> None:
        raise NotImplementedError

    def load(self) -> None:
        self._generation += 1
        generation, done, mine = self._generation, bool(self.state.currentData()), self.mine.isChecked()
        self.loading = True
        self.ctx.read(self.query(done, mine), lambda rows: self._arrived(generation, done, rows),
                      lambda error: self._failed(generation, error), owner=self)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self.loading = False
            show_error(error, self)

    def _arrived(self, generation: int, done: bool, rows: list[Any]) -> None:
        if generation != self._generation:
            return
        self.loading = False
        kept = self.selected()
        self.show_rows(done, rows)
        self.table.setVisible(bool(rows))
        ids = [r.id for r in rows]
        if kept is not None and kept.id in ids:
            self.table.selectRow(ids.index(kept.id))
        self._selected()

    def selected(self) -> Any | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def show_status(self, text: str) -> None:
        self.status.setStyleSheet("color: #2e7d32;")
        self.status.setText(text)
        self.status.setVisible(bool(text))
