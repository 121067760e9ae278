"""No-show risk on constructed histories: the score is the documented logistic formula, the
reasons a person can check come in order of weight, and HR is asked to call ahead above 50 %."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import datetime, time, timedelta, timezone

import pytest

from desktop.core.scheduling.risk import Risk, RiskInputs, score

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=timezone.utc)       # Monday 10:00 in Shanghai
STARTS = NOW + timedelta(days=3)                                # Thursday 10:00


def inputs(**changes) -> RiskInputs:
    """A clean candidate who confirmed an interview booked three days ahead at 10:00."""
    clean = RiskInputs(no_shows=0, late_arrivals=0, candidate_reschedules=0, confirmed=True,
                       confirmation_due_at=NOW - timedelta(days=2), booked_at=NOW, starts_at=STARTS,
                       local_start=time(10, 0))
    return replace(clean, **changes)


def logistic(points: float) -> float:
    return 1 / (1 + math.exp(-points))


def codes(risk: Risk) -> list[str]:
    return [r.code for r in risk.reasons]


def test_a_clean_confirmed_candidate_booked_days_ahead_is_low_risk():
    risk = score(inputs(), NOW)
    assert risk.probability < 0.15
    assert risk.probability == pytest.approx(logistic(-2.2), abs=1e-12)
    assert risk.reasons == () and not risk.call_ahead


def test_two_earlier_no_shows_and_a_missed_confirmation_deadline_ask_for_a_call():
    risk = score(inputs(no_shows=2, confirmed=False, confirmation_due_at=NOW - timedelta(minutes=1),
                        candidate_reschedules=1, local_start=time(16, 45)), NOW)
    assert risk.probability > 0.5 and risk.call_ahead
    assert codes(risk) == ["previous_no_shows", "unconfirmed_overdue", "reschedules", "edge_of_day"]
    assert [r.points for r in risk.reasons] == sorted((r.points for r in risk.reasons), reverse=True)
    assert risk.reasons[0].count == 2


def test_an_unconfirmed_invitation_weighs_more_once_its_deadline_has_passed():
    ahead = score(inputs(confirmed=False, confirmation_due_at=NOW + timedelta(minutes=1)), NOW)
    due_now = score(inputs(confirmed=False, confirmation_due_at=NOW), NOW)
    assert codes(ahead) == ["unconfirmed"] and codes(due_now) == ["unconfirmed_overdue"]
    assert ahead.probability == pytest.approx(logistic(-2.2 + 0.4))
    assert due_now.probability == pytest.approx(logistic(-2.2 + 1.0))


def test_counts_above_three_weigh_no_more_than_three_but_are_reported():
    three = score(inputs(no_shows=3, late_arrivals=3, candidate_reschedules=3), NOW)
    many = score(inputs(no_shows=9, late_arrivals=5, candidate_reschedules=4), NOW)
    assert many.probability == three.probability
    assert [(r.code, r.count) for r in many.reasons] == [("previous_no_shows", 9), ("reschedules", 4),
                                                          ("previous_late", 5)]
    assert score(inputs(no_shows=2), NOW).probability < three.probability


def test_booking_far_ahead_or_at_short_notice_adds_risk_but_the_boundaries_do_not():
    def lead(delta: timedelta) -> list[str]:
        return codes(score(inputs(booked_at=STARTS - delta), NOW))

    assert lead(timedelta(days=14, minutes=1)) == ["long_lead"]
    assert lead(timedelta(days=14)) == []
    assert lead(timedelta(hours=24)) == []
    assert lead(timedelta(hours=23, minutes=59)) == ["short_lead"]
    assert score(inputs(booked_at=STARTS - timedelta(days=20)), NOW).probability == pytest.approx(logistic(-1.7))
    assert score(inputs(booked_at=STARTS - timedelta(hours=2)), NOW).probability == pytest.approx(logistic(-1.9))


def test_the_edges_of_the_office_day_add_risk():
    def at(clock: time) -> list[str]:
        return codes(score(inputs(local_start=clock), NOW))

    assert at(time(8, 59)) == ["edge_of_day"]
    assert at(time(9, 0)) == []
    assert at(time(16, 30)) == []
    assert at(time(16, 31)) == ["edge_of_day"]


def test_exact_values_of_the_documented_formula():
    # -2.2 + 0.5 (one late) + 1.2 (two reschedules) + 0.4 (unconfirmed, deadline ahead) + 0.3 (short lead)
    # + 0.2 (08:30) = 0.4
    first = score(inputs(late_arrivals=1, candidate_reschedules=2, confirmed=False,
                         confirmation_due_at=NOW + timedelta(hours=1), booked_at=STARTS - timedelta(hours=3),
                         local_start=time(8, 30)), NOW)
    assert first.probability == pytest.approx(0.598687660112452, abs=1e-12)
    assert [(r.code, round(r.points, 6)) for r in first.reasons] == [
        ("reschedules", 1.2), ("previous_late", 0.5), ("unconfirmed", 0.4), ("short_lead", 0.3),
        ("edge_of_day", 0.2)]
    # -2.2 + 1.6 (one no-show) + 1.5 (five late arrivals, three counted) + 0.5 (booked 30 days ahead) = 1.4
    second = score(inputs(no_shows=1, late_arrivals=5, booked_at=STARTS - timedelta(days=30)), NOW)
    assert second.probability == pytest.approx(0.8021838885585818, abs=1e-12)
    assert codes(second) == ["previous_no_shows", "previous_late", "long_lead"]
