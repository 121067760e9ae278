"""Paged, sorted, filtered lists: the database sorts and filters, Python only sees one page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")
MAX_PAGE = 500
# Lists whose matches can run into the hundred thousands count at most this many (and say "1,000+"):
# counting every match of a one-character search would cost more than finding the page itself.
COUNT_CAP = 1000


@dataclass(frozen=True)
class ListQuery:
    search: str = ""
    sort: str = ""
    descending: bool = False
    offset: int = 0
    limit: int = 200
    filters: dict[str, object] = field(default_factory=dict)
    # Keyset paging: `Page.after` of the page before, to continue right after its last row through
    # the sort's index instead of skipping `offset` rows again. Lists that do not page by key ignore it.
    after: tuple | None = None

    def page_limit(self) -> int:
        return max(1, min(self.limit, MAX_PAGE))


@dataclass(frozen=True)
class Page(Generic[T]):
    rows: list[T]
    total: int
    offset: int
    capped: bool = False           # `total` is COUNT_CAP and more match ("1,000+")
    more: bool | None = None       # whether rows follow this page; None: offset + len(rows) < total
    after: tuple | None = None     # ListQuery.after for the next page (keyset paging), if the list has one

    def has_more(self) -> bool:
        return self.more if self.more is not None else self.offset + len(self.rows) < self.total


def prefix_range(column, text: str):
    """`column` starts with `text`, written as a range so that an index serves it on SQLite and
    PostgreSQL alike (LIKE 'x%' only uses an index under particular collations)."""
    return (column >= text) & (column < text + "\U0010ffff")
