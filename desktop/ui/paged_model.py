"""The base of every long list: rows sorted and filtered by the database, fetched a page at a time.

Subclasses (one per list) name their columns with COL_* constants and say how a page is fetched;
the view asks for more rows through canFetchMore/fetchMore as the user scrolls. A new sort or
search asks the database again from the first row; a page that arrives for an outdated query is
dropped. Fetching runs off the UI thread through the AppContext.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from sqlalchemy.orm import Session

from desktop.core.services.paging import ListQuery, Page

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

Row = TypeVar("Row")
ID_ROLE = Qt.ItemDataRole.UserRole + 1      # the entity id of the row
SORT_ROLE = Qt.ItemDataRole.UserRole + 2    # the raw value the column sorts by
ROW_ROLE = Qt.ItemDataRole.UserRole + 3     # the whole row dataclass
ROW_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, ID_ROLE, SORT_ROLE, ROW_ROLE})   # what `data` answers
Index = QModelIndex | QPersistentModelIndex


class Rows(Sequence[Row]):
    """The rows fetched so far. Named tuples (CandidateRow) are kept as plain tuples and named again when
    read: Python's collector stops tracking a plain tuple of plain values (numbers, strings, times) once
    it has looked at it, but never an instance of a tuple subclass, so a list scrolled to its end (the
    201,000 candidates of the scheduling bench) was walked object by object in every full collection."""

    __slots__ = ("_kept", "_named")

    def __init__(self, rows: Iterable[Row] = ()) -> None:
        self._kept: list = []
        self._named: Callable[[tuple], Row] | None = None
        self.extend(rows)

    def extend(self, rows: Iterable[Row]) -> None:
        rows = list(rows)
        if rows and not self._kept and isinstance(rows[0], tuple) and type(rows[0]) is not tuple:
            self._named = functools.partial(tuple.__new__, type(rows[0]))
        self._kept.extend(map(tuple, rows) if self._named is not None else rows)

    def __len__(self) -> int:
        return len(self._kept)

    def __getitem__(self, number):      # one row, or a slice of them (a list)
        if isinstance(number, slice):
            return [self._name(row) for row in self._kept[number]]
        return self._name(self._kept[number])

    def __iter__(self) -> Iterator[Row]:
        return map(self._name, self._kept)

    def _name(self, row):
        return row if self._named is None else self._named(row)


class PagedTableModel(QAbstractTableModel, Generic[Row]):
    sig_loaded = Signal(int)        # total number of matching rows, after each page
    sig_failed = Signal(object)     # the exception of a failed page

    PAGE_SIZE: ClassVar[int] = 200
    SORT_KEYS: ClassVar[tuple[str | None, ...]] = ()    # per column; None: not sortable
    ELASTIC: ClassVar[tuple[int, ...]] = ()   # long-text columns that give way first when the view is narrow
    ENTITIES: ClassVar[frozenset[str]] = frozenset()    # sig_changed entities that refresh this list
    DEFAULT_SORT: ClassVar[str] = ""

    def __init__(self, ctx: "AppContext", parent=None, *, page_size: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.page_size = page_size or self.PAGE_SIZE
        self.rows: Rows[Row] = Rows()
        self.total = 0
        self.capped = False        # more match than the list counts: `total` is a lower bound ("1,000+")
        self.more = False          # rows follow the last one fetched
        self._after: tuple | None = None    # where the next page starts (keyset paging), if the list says
        self.search = ""
        self.sort_key = self.DEFAULT_SORT
        self.descending = False
        self.filters: dict[str, object] = {}
        self.loading = False
        self.loaded_once = False
        self._generation = 0
        ctx.sig_changed.connect(self._changed)

    # --- what subclasses provide ---------------------------------------------------------------

    def fetch(self, session: Session, query: ListQuery) -> Page[Row]:
        """Runs on a worker thread: ask a core service for one page."""
        raise NotImplementedError

    def headers(self) -> list[str]:
        raise NotImplementedError

    def display(self, row: Row, column: int) -> str:
        raise NotImplementedError

    def sort_value(self, row: Row, column: int) -> Any:
        return self.display(row, column)

    def records_reading(self, query: ListQuery) -> bool:
        """Whether fetching this page is itself recorded (an audited search): it then runs as a write."""
        return False

    def row_id(self, row: Row) -> int:
        return getattr(row, "id")

    # --- Qt model ----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in ROW_ROLES or not index.isValid() or index.row() >= len(self.rows):
            return None       # the view asks for a dozen roles per cell: the row is named only for these
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, index.column())
        if role == ID_ROLE:
            return self.row_id(row)
        if role == SORT_ROLE:
            return self.sort_value(row, index.column())
        if role == ROW_ROLE:
            return row
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and self.loaded_once and not self.loading and self.more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if self.canFetchMore(parent):
            self._load(len(self.rows))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A header click: the database sorts, from the first row again."""
        key = self.SORT_KEYS[column] if 0 <= column < len(self.SORT_KEYS) else None
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) != (self.sort_key, self.descending) or not self.loaded_once:
            self.sort_key, self.descending = key, descending
            self.refresh()

    # --- queries -----------------------------------------------------------------------------------

    def sort_column(self) -> int:
        return self.SORT_KEYS.index(self.sort_key) if self.sort_key in self.SORT_KEYS else -1

    def set_search(self, text: str) -> None:
        if text != self.search:
            self.search = text
            self.refresh()

    def set_filter(self, key: str, value: object) -> None:
        if self.filters.get(key) != value:
            if value in (None, ""):
                self.filters.pop(key, None)
            else:
                self.filters[key] = value
            self.refresh()

    def refresh(self) -> None:
        """Ask again from the first row; the current rows stay until the answer arrives."""
        self._load(0)

    def id_at(self, row: int) -> int | None:
        return self.row_id(self.rows[row]) if 0 <= row < len(self.rows) else None

    def row_of(self, entity_id: int) -> int:
        for number, row in enumerate(self.rows):
            if self.row_id(row) == entity_id:
                return number
        return -1

    def query(self, offset: int) -> ListQuery:
        return ListQuery(search=self.search, sort=self.sort_key, descending=self.descending, offset=offset,
                         limit=self.page_size, filters=dict(self.filters),
                         after=self._after if offset and offset == len(self.rows) else None)

    def _load(self, offset: int) -> None:
        if offset == 0:
            self._generation += 1
        generation = self._generation
        query = self.query(offset)
        self.loading = True
        fetch = self.fetch
        if self.records_reading(query):
            self.ctx.write(lambda session: fetch(session, query), lambda page: self._arrived(generation, page),
                           lambda error: self._failed(generation, error), entity="audit", owner=self)
            return
        self.ctx.read(lambda session: fetch(session, query),
                      lambda page: self._arrived(generation, page),
                      lambda error: self._failed(generation, error), owner=self)

    def _arrived(self, generation: int, page: Page[Row]) -> None:
        if generation != self._generation:
            return
        self.loading = False
        if page.offset == 0:
            self.beginResetModel()
            self.rows = Rows(page.rows)
            self._took(page)
            self.endResetModel()
        elif page.offset == len(self.rows) and page.rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page.rows) - 1)
            self.rows.extend(page.rows)
            self._took(page)
            self.endInsertRows()
        else:
            self.total, self.capped = page.total, page.capped
        self.loaded_once = True
        self.sig_loaded.emit(self.total)

    def _took(self, page: Page[Row]) -> None:
        """The count and the way on after a page joined the rows."""
        self.more, self._after = page.has_more(), page.after
        if page.capped and not self.more:     # scrolled to the end of a long list: now it is counted
            self.total, self.capped = len(self.rows), False
        else:
            self.total = max(page.total, len(self.rows)) if page.capped else page.total
            self.capped = page.capped

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self.loading = False
        self.sig_failed.emit(error)

    def _changed(self, entity: str, ids: object) -> None:
        if entity in self.ENTITIES and self.loaded_once:
            self.refresh()
