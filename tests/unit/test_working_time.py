"""Deadlines in working time (candidate questions): N working days keep the office clock time and
skip weekends and holidays but take a 调休 Saturday; N working hours skip evenings, the lunch break and
days off; a start outside working time counts from the next working period."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from desktop.core.model import QuestionTopic
from desktop.core.questions import classify, question_problem
from desktop.core.scheduling.office import OfficeHours

SHANGHAI = ZoneInfo("Asia/Shanghai")
FRIDAY = date(2026, 9, 25)
NATIONAL_DAY = date(2026, 10, 1)        # a Thursday; 1–7 October off
MAKEUP_SATURDAY = date(2026, 10, 10)    # 国庆调休: a Saturday that is a working day


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=SHANGHAI).astimezone(timezone.utc)


def office(**holidays: bool) -> OfficeHours:
    days = {NATIONAL_DAY + timedelta(days=i): False for i in range(7)} | {MAKEUP_SATURDAY: True}
    return OfficeHours(zone=SHANGHAI, holidays=days)


def test_one_working_day_from_friday_afternoon_is_monday_at_the_same_time():
    assert office().add_working_days(at(FRIDAY, 16), 1) == at(FRIDAY + timedelta(days=3), 16)
    assert office().add_working_days(at(FRIDAY, 16), 2) == at(FRIDAY + timedelta(days=4), 16)


def test_holidays_are_skipped_and_a_tiaoxiu_saturday_counts():
    hours = office()
    assert hours.add_working_days(at(date(2026, 9, 30), 10), 1) == at(date(2026, 10, 8), 10)   # after 国庆
    assert hours.add_working_days(at(date(2026, 10, 9), 10), 1) == at(MAKEUP_SATURDAY, 10)      # 调休 Saturday
    assert hours.add_working_days(at(MAKEUP_SATURDAY, 10), 1) == at(date(2026, 10, 12), 10)


def test_a_start_outside_working_time_counts_from_the_next_working_period():
    hours = office()
    saturday = FRIDAY + timedelta(days=1)
    assert hours.add_working_days(at(saturday, 10), 1) == at(FRIDAY + timedelta(days=4), 8, 30)
    assert hours.add_working_days(at(FRIDAY, 19), 1) == at(FRIDAY + timedelta(days=4), 8, 30)
    assert hours.add_working_days(at(FRIDAY, 12, 30), 1) == at(FRIDAY + timedelta(days=3), 13, 30)   # lunch
    assert hours.working_start_at_or_after(at(FRIDAY, 7)) == at(FRIDAY, 8, 30)


def test_working_hours_skip_lunch_evenings_and_days_off():
    hours = office()
    assert hours.add_working_minutes(at(FRIDAY, 10), 4 * 60) == at(FRIDAY, 15, 30)       # 2 h, lunch, 2 h
    assert hours.add_working_minutes(at(FRIDAY, 16), 4 * 60) == at(FRIDAY + timedelta(days=3), 11)
    assert hours.add_working_minutes(at(date(2026, 9, 30), 17), 60) == at(date(2026, 10, 8), 9)


def test_working_minutes_between_count_only_working_time():
    hours = office()
    monday = FRIDAY + timedelta(days=3)
    assert hours.working_minutes_between(at(FRIDAY, 16), at(monday, 16)) == 90 + 210 + 150
    assert hours.working_minutes_between(at(monday, 16), at(FRIDAY, 16)) == 0
    half = hours.working_minutes_between(at(FRIDAY, 16), at(monday, 16)) / 2
    assert hours.add_working_minutes(at(FRIDAY, 16), half) == at(monday, 10, 45)


@pytest.mark.parametrize("text, topic", [
    ("入职后工资待遇怎么样？", QuestionTopic.PAY), ("单位缴纳五险一金吗", QuestionTopic.PAY),
    ("有没有公积金", QuestionTopic.PAY), ("以后的晋升通道是怎样的", QuestionTopic.GROWTH),
    ("评职称有什么要求", QuestionTopic.GROWTH), ("科室团队有多少人", QuestionTopic.TEAM),
    ("这个岗位的主要职责是什么", QuestionTopic.TEAM), ("需要经常加班吗", QuestionTopic.ARRANGEMENT),
    ("最早什么时候可以入职", QuestionTopic.ARRANGEMENT), ("工作地点在哪个院区", QuestionTopic.ARRANGEMENT),
    ("What is the salary range?", QuestionTopic.PAY), ("食堂在哪里", QuestionTopic.OTHER),
])
def test_topics_are_classified_by_keywords(text, topic):
    assert classify(text) == topic


def test_question_text_checks():
    assert question_problem("") == "required" and question_problem(" \n\t ") == "required"
    assert question_problem("问" * 1000) is None and question_problem("问" * 1001) == "too_long"
    assert question_problem("a\u202eb") == "control_chars"
