"""Which backups to keep: 7 daily, 4 weekly, 12 monthly.

Each tier looks at its periods (local calendar days; ISO weeks, Monday to Sunday; calendar months)
that hold at least one backup, takes the most recent N of them, and keeps the newest backup of each.
The tiers choose independently, so one backup may be the day's, the week's and the month's at once;
its tier is the longest that keeps it. Counting periods that hold a backup, not calendar periods
back from today, means a computer that was off for a month still has its last week of backups.

Scheduled backups and the copies taken before a schema upgrade are rotated alike, each set on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Generic, TypeVar

T = TypeVar("T")

TIERS: tuple[tuple[str, int], ...] = (("daily", 7), ("weekly", 4), ("monthly", 12))
TIER_ORDER = {"daily": 0, "weekly": 1, "monthly": 2}


def _period(tier: str, day: date) -> Hashable:
    if tier == "daily":
        return day
    if tier == "weekly":
        return day.isocalendar()[:2]
    return day.year, day.month


@dataclass(frozen=True)
class Rotation(Generic[T]):
    keep: dict[int, str]      # index into the given backups → the longest tier that keeps it
    drop: tuple[int, ...]     # indexes of the backups to remove


def rotate(backups: Iterable[T], made_at: Callable[[T], datetime], tz: tzinfo,
           tiers: tuple[tuple[str, int], ...] = TIERS) -> Rotation[T]:
    """Decide for each backup (made at `made_at(b)`, aware) whether a tier keeps it."""
    items = list(backups)
    order = sorted(range(len(items)), key=lambda i: made_at(items[i]), reverse=True)   # newest first
    keep: dict[int, str] = {}
    for tier, count in tiers:
        seen: set[Hashable] = set()
        for i in order:
            period = _period(tier, made_at(items[i]).astimezone(tz).date())
            if period in seen:
                continue
            if len(seen) == count:
                break
            seen.add(period)
            if TIER_ORDER.get(keep.get(i, ""), -1) < TIER_ORDER[tier]:
                keep[i] = tier
    return Rotation(keep, tuple(i for i in range(len(items)) if i not in keep))
