"""The office's working time as the slot finder and the conflict rules see it: Shanghai wall time
(no daylight saving), the lunch break, weekends, public holidays and the weekend days that are
working days in exchange for them (调休)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from desktop.core.scheduling.office import OfficeHours

SHANGHAI = ZoneInfo("Asia/Shanghai")
NATIONAL_DAY = date(2026, 10, 1)        # a Thursday
MAKEUP_SATURDAY = date(2026, 10, 10)    # 国庆调休: a Saturday that is a working day
MONDAY = date(2026, 11, 23)


def utc(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=timezone.utc)


def office(**kwargs) -> OfficeHours:
    holidays = {NATIONAL_DAY: False, NATIONAL_DAY + timedelta(days=1): False, MAKEUP_SATURDAY: True}
    names = {NATIONAL_DAY: "国庆节", NATIONAL_DAY + timedelta(days=1): "国庆节", MAKEUP_SATURDAY: "国庆节调休上班"}
    return OfficeHours(zone=SHANGHAI, holidays=holidays, holiday_names=names, **kwargs)


def test_a_working_day_has_a_morning_and_an_afternoon_around_lunch_in_utc():
    assert office().windows(MONDAY) == [(utc(MONDAY, 0, 30), utc(MONDAY, 4, 0)),   # 08:30–12:00
                                        (utc(MONDAY, 5, 30), utc(MONDAY, 9, 30))]  # 13:30–17:30


def test_without_a_lunch_break_or_with_one_outside_the_day_the_day_is_one_window():
    assert office(lunch=None).windows(MONDAY) == [(utc(MONDAY, 0, 30), utc(MONDAY, 9, 30))]
    # A half day ending at noon keeps no lunch inside it.
    assert office(day_end=time(12, 0)).windows(MONDAY) == [(utc(MONDAY, 0, 30), utc(MONDAY, 4, 0))]
    assert office(lunch=(time(12, 30), time(13, 0))).windows(MONDAY) == [
        (utc(MONDAY, 0, 30), utc(MONDAY, 4, 30)), (utc(MONDAY, 5, 0), utc(MONDAY, 9, 30))]


def test_public_holidays_and_weekends_have_no_working_time_but_a_makeup_saturday_does():
    hours = office()
    assert hours.windows(NATIONAL_DAY) == [] and hours.is_holiday(NATIONAL_DAY)
    assert hours.windows(NATIONAL_DAY + timedelta(days=1)) == []
    assert hours.is_working_day(NATIONAL_DAY - timedelta(days=1))       # the Wednesday before
    assert not hours.is_working_day(date(2026, 10, 11))                 # an ordinary Sunday
    assert hours.windows(date(2026, 11, 28)) == []                      # an ordinary Saturday
    assert hours.is_working_day(MAKEUP_SATURDAY) and not hours.is_holiday(MAKEUP_SATURDAY)
    assert hours.windows(MAKEUP_SATURDAY) == [(utc(MAKEUP_SATURDAY, 0, 30), utc(MAKEUP_SATURDAY, 4, 0)),
                                              (utc(MAKEUP_SATURDAY, 5, 30), utc(MAKEUP_SATURDAY, 9, 30))]


def test_within_hours_means_inside_one_window_not_across_lunch_or_after_work():
    hours = office()

    def at(hh: int, mm: int) -> datetime:
        return hours.at(MONDAY, time(hh, mm))

    assert hours.within_hours(at(8, 30), at(9, 0))
    assert hours.within_hours(at(11, 30), at(12, 0))          # ends as lunch begins
    assert not hours.within_hours(at(11, 45), at(12, 15))     # runs into lunch
    assert not hours.within_hours(at(12, 0), at(12, 30))      # during lunch
    assert hours.within_hours(at(13, 30), at(14, 0))
    assert hours.within_hours(at(17, 0), at(17, 30))
    assert not hours.within_hours(at(17, 15), at(17, 45))     # past the end of the day
    assert not hours.within_hours(at(8, 0), at(8, 45))        # before the day starts
    assert not hours.within_hours(hours.at(MAKEUP_SATURDAY - timedelta(days=6), time(9, 0)),
                                  hours.at(MAKEUP_SATURDAY - timedelta(days=6), time(9, 30)))  # a Sunday
    assert hours.within_hours(hours.at(MAKEUP_SATURDAY, time(9, 0)), hours.at(MAKEUP_SATURDAY, time(9, 30)))


def test_shanghai_is_utc_plus_eight_all_year_while_europe_and_america_change_their_clocks():
    hours = office()
    for day in hours.days(date(2026, 1, 1), date(2026, 12, 31)):
        assert hours.at(day, time(8, 30)) == datetime.combine(day, time(0, 30), tzinfo=timezone.utc)
    # The nights when Europe/Berlin and America/New_York switch change nothing in Shanghai.
    for switch in (date(2026, 3, 8), date(2026, 3, 29), date(2026, 10, 25), date(2026, 11, 1)):
        assert hours.local(utc(switch, 1, 0)) == datetime.combine(switch, time(9, 0), tzinfo=SHANGHAI)
    # Early morning in Shanghai is still the previous day in UTC: the local date decides the day.
    late_utc = datetime(2026, 11, 22, 23, 45, tzinfo=timezone.utc)   # Monday 07:45 in Shanghai
    assert hours.local(late_utc).date() == MONDAY
    assert not hours.within_hours(late_utc, late_utc + timedelta(minutes=30))   # 07:45 is before 08:30


def test_days_walks_every_calendar_day_inclusive():
    assert list(office().days(date(2026, 9, 30), date(2026, 10, 2))) == [
        date(2026, 9, 30), NATIONAL_DAY, date(2026, 10, 2)]
    assert list(office().days(MONDAY, MONDAY)) == [MONDAY]
    assert list(office().days(MONDAY, MONDAY - timedelta(days=1))) == []


def local(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=SHANGHAI).astimezone(timezone.utc)


def test_the_next_working_start_skips_evenings_lunch_weekends_and_holidays_and_takes_makeup_days():
    hours = office()
    assert hours.next_working_start(local(MONDAY, 9, 5)) == local(MONDAY, 9, 30)        # up to the half hour
    assert hours.next_working_start(local(MONDAY, 7, 0)) == local(MONDAY, 8, 30)        # before the day starts
    assert hours.next_working_start(local(MONDAY, 12, 10)) == local(MONDAY, 13, 30)     # lunch
    assert hours.next_working_start(local(MONDAY, 17, 20)) == local(MONDAY + timedelta(days=1), 8, 30)
    sunday = MONDAY - timedelta(days=1)
    assert hours.next_working_start(local(sunday, 10, 0)) == local(MONDAY, 8, 30)       # the weekend
    assert hours.next_working_start(local(NATIONAL_DAY - timedelta(days=1), 18, 0)) == \
        local(NATIONAL_DAY + timedelta(days=4), 8, 30)     # 国庆: Thu and Fri off, weekend, back on Monday
    assert hours.next_working_start(local(MAKEUP_SATURDAY - timedelta(days=1), 18, 0)) == \
        local(MAKEUP_SATURDAY, 8, 30)                      # 调休: the Saturday is a working day
