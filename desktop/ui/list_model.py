"""The base of the short lists that arrive whole (one row per position, at most a hundred alerts):
subclasses say their headers and the text of each cell. Long lists page through PagedTableModel."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from desktop.ui.paged_model import ID_ROLE, ROW_ROLE, SORT_ROLE


class ListTableModel(QAbstractTableModel):
    """A short list that arrives whole (one row per position, at most a hundred alerts)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def headers(self) -> list[str]:
        raise NotImplementedError

    def display(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            return self.display(row, index.column())
        if role == ID_ROLE:
            return getattr(row, "id", None)
        if role == ROW_ROLE:
            return row
        return None
