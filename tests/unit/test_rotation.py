"""The rotation's tiers: 7 daily, 4 weekly (ISO weeks), 12 monthly, counted over periods that hold a
backup; one backup may be kept by several tiers and carries the longest."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from desktop.core.rotation import rotate

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _at(day: date, hour: int = 12, minute: int = 30) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI).astimezone(timezone.utc)


def _kept(times: list[datetime]) -> dict[date, str]:
    decided = rotate(times, lambda t: t, SHANGHAI)
    return {times[i].astimezone(SHANGHAI).date(): tier for i, tier in decided.keep.items()}


def test_a_year_of_daily_backups_keeps_seven_days_four_weeks_twelve_months():
    first, last = date(2026, 1, 1), date(2027, 2, 4)          # 400 days, ending on a Thursday
    times = [_at(first + timedelta(days=n)) for n in range((last - first).days + 1)]

    kept = _kept(times)

    days = {last - timedelta(days=n) for n in range(7)}                          # 29 Jan .. 4 Feb
    sundays = {date(2027, 1, 31), date(2027, 1, 24), date(2027, 1, 17)}         # the three weeks before
    month_ends = {date(2027, 1, 31)} | {date(2026, m + 1, 1) - timedelta(days=1) for m in range(3, 12)} | {
        date(2026, 12, 31)}                                                     # Mar 2026 .. Jan 2027 (and Feb 2027: the newest)
    assert len(month_ends) == 11
    assert set(kept) == days | sundays | month_ends | {last}
    assert kept[last] == "monthly"                       # the newest is the day's, the week's and the month's
    assert kept[date(2027, 1, 31)] == "monthly"          # a Sunday and a month's end
    assert kept[date(2027, 1, 24)] == "weekly"
    assert kept[date(2027, 2, 1)] == "daily"
    assert len(kept) == 7 + 2 + 10                       # 31 Jan counted once; it is also in the last 7 days


def test_the_newest_of_a_day_is_the_one_kept():
    day = date(2026, 12, 1)
    times = [_at(day, 9), _at(day, 12, 30), _at(day, 17)]
    decided = rotate(times, lambda t: t, SHANGHAI)
    assert decided.keep == {2: "monthly"} and set(decided.drop) == {0, 1}


def test_days_are_office_days_not_utc_days():
    # 00:30 in Shanghai on 2 Dec is 16:30 UTC on 1 Dec: a different office day from 1 Dec 12:30
    times = [_at(date(2026, 12, 1)), _at(date(2026, 12, 2), 0, 30)]
    assert set(_kept(times)) == {date(2026, 12, 1), date(2026, 12, 2)}


def test_a_long_break_still_keeps_the_last_seven_backup_days():
    early = [_at(date(2026, 3, 1) + timedelta(days=n)) for n in range(10)]    # 1..10 March
    late = [_at(date(2026, 9, 1))]                                             # then nothing until September
    kept = _kept(early + late)
    assert {date(2026, 3, n) for n in range(5, 11)} <= set(kept)               # 6 March days + 1 Sept = 7
    assert date(2026, 3, 4) not in kept or kept[date(2026, 3, 4)] != "daily"
