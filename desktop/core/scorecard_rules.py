"""The arithmetic of scorecards, free of the database: the checks of a template and of a score, the
weighted total of one scorecard, and the decision rule of a round with its explanation.

Scores are whole numbers 0-10; weights are percent and sum to 100, so a weighted total is again on
the 0-10 scale. Averages are Decimals rounded to two places, compared as they are (never as shown)."""

from __future__ import annotations

import re

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable, Mapping

from desktop.core.model import DecisionOutcome, Recommendation

SCORE_MIN, SCORE_MAX = 0, 10
EXTREME_LOW, EXTREME_HIGH = 3, 9          # a score at or beyond these needs a comment
ANCHOR_POINTS = ("4", "7", "10")
PASS_AT, FAIL_BELOW = Decimal("7.0"), Decimal("5.0")
NAME_MAX, ANCHOR_MAX, CRITERIA_MAX = 100, 200, 12
CENT = Decimal("0.01")


@dataclass(frozen=True)
class CriterionInput:
    name: str
    weight: int                               # percent
    anchors: Mapping[str, str]                # what 4, 7 and 10 mean
    description: str = ""


@dataclass(frozen=True)
class RuleResult:
    outcome: DecisionOutcome
    average: Decimal | None
    explanation: str                          # Chinese, stored with the decision
    explanation_en: str


def template_problems(name: str, criteria: Iterable[CriterionInput], pass_at: Decimal = PASS_AT,
                      fail_below: Decimal = FAIL_BELOW) -> dict[str, str]:
    """Every problem of a template, by field: name, criteria, criteria.N.name / .weight / .anchors,
    weights (sum_not_100: `total` is in the key's value as "sum_not_100:90"), rule."""
    problems: dict[str, str] = {}
    criteria = list(criteria)
    if not (name or "").strip():
        problems["name"] = "required"
    elif len(name) > NAME_MAX:
        problems["name"] = "too_long"
    if not criteria:
        problems["criteria"] = "required"
    elif len(criteria) > CRITERIA_MAX:
        problems["criteria"] = "too_many"
    seen: set[str] = set()
    for i, c in enumerate(criteria):
        key = f"criteria.{i}"
        cname = (c.name or "").strip()
        if not cname:
            problems[f"{key}.name"] = "required"
        elif len(cname) > NAME_MAX:
            problems[f"{key}.name"] = "too_long"
        elif cname in seen:
            problems[f"{key}.name"] = "duplicate"
        seen.add(cname)
        if isinstance(c.weight, bool) or not isinstance(c.weight, int) or not 1 <= c.weight <= 100:
            problems[f"{key}.weight"] = "out_of_range"
        anchors = c.anchors or {}
        if any(not (anchors.get(p) or "").strip() for p in ANCHOR_POINTS):
            problems[f"{key}.anchors"] = "required"
        elif any(len(anchors[p]) > ANCHOR_MAX for p in ANCHOR_POINTS) or set(anchors) - set(ANCHOR_POINTS):
            problems[f"{key}.anchors"] = "invalid"
    weights = [c.weight for c in criteria if isinstance(c.weight, int) and not isinstance(c.weight, bool)]
    if criteria and sum(weights) != 100:
        problems["weights"] = f"sum_not_100:{sum(weights)}"
    if not (Decimal(0) <= fail_below <= pass_at <= Decimal(SCORE_MAX)):
        problems["rule"] = "thresholds"
    return problems


def score_problem(score: object, comment: str, *, final: bool) -> str | None:
    """What is wrong with one score: out_of_range (not a whole number 0-10), missing (a submitted
    scorecard scores every criterion) or comment_required (<= 3 or >= 9 without a comment)."""
    if score is None:
        return "missing" if final else None
    if isinstance(score, bool) or not isinstance(score, int) or not SCORE_MIN <= score <= SCORE_MAX:
        return "out_of_range"
    if final and (score <= EXTREME_LOW or score >= EXTREME_HIGH) and not (comment or "").strip():
        return "comment_required"
    return None


def weighted_total(scores: Mapping[int, int | None], weights: Mapping[int, int]) -> Decimal | None:
    """The 0-10 total of one scorecard (criterion id -> score), None while a criterion is unscored."""
    if not weights or any(scores.get(cid) is None for cid in weights):
        return None
    total = sum(Decimal(scores[cid]) * weights[cid] for cid in weights) / 100
    return total.quantize(CENT, ROUND_HALF_UP)


def mean(values: Iterable[Decimal | int]) -> Decimal | None:
    values = [Decimal(v) for v in values]
    if not values:
        return None
    return (sum(values) / len(values)).quantize(CENT, ROUND_HALF_UP)


def shown(value: Decimal) -> str:
    """7.40 -> "7.4", 6.96 -> "6.96", 7 -> "7.0": never rounds a 6.96 up to look like a pass."""
    text = f"{value.quantize(CENT):f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


# The rule's explanations, Chinese (stored with the decision) and English, by case.
_EXPLAINED = {
    "none": ("没有已提交的评分，由人事决定", "No submitted scores: HR decides"),
    "chair_no": ("加权平均 {a} ≥ {p}，但主考官不推荐，由人事决定",
                 "Weighted average {a} ≥ {p}, but the panel chair does not recommend: HR decides"),
    "pass": ("加权平均 {a} ≥ {p}", "Weighted average {a} ≥ {p}"),
    "fail": ("加权平均 {a} < {f}", "Weighted average {a} < {f}"),
    "between": ("加权平均 {a} 介于 {f} 与 {p} 之间，由人事决定", "Weighted average {a} is between {f} and {p}: HR decides"),
}


def _explained(case: str, outcome: DecisionOutcome, average: Decimal | None, **values: str) -> RuleResult:
    chinese, english = _EXPLAINED[case]
    return RuleResult(outcome, average, chinese.format(**values), english.format(**values))


def decide(totals: Iterable[Decimal], chair: Recommendation | None, pass_at: Decimal = PASS_AT,
           fail_below: Decimal = FAIL_BELOW) -> RuleResult:
    """The round's rule: panel average of the weighted totals >= pass_at and no 不推荐 from the panel
    chair -> 通过; below fail_below -> 未通过; otherwise HR decides."""
    average = mean(totals)
    if average is None:
        return _explained("none", DecisionOutcome.HR_DECIDES, None)
    values = {"a": shown(average), "p": shown(Decimal(pass_at)), "f": shown(Decimal(fail_below))}
    if average >= pass_at and chair == Recommendation.NO:
        return _explained("chair_no", DecisionOutcome.HR_DECIDES, average, **values)
    if average >= pass_at:
        return _explained("pass", DecisionOutcome.PASSED, average, **values)
    if average < fail_below:
        return _explained("fail", DecisionOutcome.FAILED, average, **values)
    return _explained("between", DecisionOutcome.HR_DECIDES, average, **values)


def explanation_in(stored: str, locale: str) -> str:
    """A stored (Chinese) explanation in the reader's language: the English of the case it was
    made from, with its figures; as stored when Chinese is wanted or the text is not the rule's."""
    if locale != "en":
        return stored
    for chinese, english in _EXPLAINED.values():
        pattern = re.escape(chinese).replace(r"\{a\}", r"(?P<a>[\d.]+)").replace(
            r"\{p\}", r"(?P<p>[\d.]+)").replace(r"\{f\}", r"(?P<f>[\d.]+)")
        found = re.fullmatch(pattern, stored)
        if found:
            return english.format(**found.groupdict())
    return stored