"""Paged, sorted, filtered lists: the database sorts and filters, Python only sees one page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")
MAX_PAGE = 500


@dataclass(frozen=True)
class ListQuery:
    search: str = ""
    sort: str = ""
    descending: bool = False
    offset: int = 0
    limit: int = 200
    filters: dict[str, object] = field(default_factory=dict)

    def page_limit(self) -> int:
        return max(1, min(self.limit, MAX_PAGE))


@dataclass(frozen=True)
class Page(Generic[T]):
    rows: list[T]
    total: int
    offset: int


def prefix_range(column, text: str):
    """`column` starts with `text`, written as a range so that an index serves it on SQLite and
    PostgreSQL alike (LIKE 'x%' only uses an index under particular collations)."""
    return (column >= text) & (column < text + "\U0010ffff")
