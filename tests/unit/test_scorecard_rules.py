"""The scorecard's arithmetic: template checks, score checks, weighted totals and the round's rule
with the explanation HR sees."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.core.model import DecisionOutcome, Recommendation
from desktop.core.scorecard_rules import (
    CriterionInput, decide, explanation_in, score_problem, shown, template_problems, weighted_total,
)

ANCHORS = {"4": "勉强", "7": "良好", "10": "出色"}


def crit(name: str, weight: int, anchors=ANCHORS) -> CriterionInput:
    return CriterionInput(name, weight, anchors)


def test_a_good_template_has_no_problems():
    assert template_problems("HR面", [crit("沟通能力", 40), crit("求职动机", 30), crit("稳定性与匹配", 30)]) == {}


def test_every_problem_of_a_template_is_named_at_once():
    problems = template_problems("", [crit("沟通能力", 40), crit("沟通能力", 30), crit("", 20, {"4": "x"}),
                                      crit("实操", 0)], pass_at=Decimal(4), fail_below=Decimal(5))
    assert problems == {"name": "required", "criteria.1.name": "duplicate", "criteria.2.name": "required",
                        "criteria.2.anchors": "required", "criteria.3.weight": "out_of_range",
                        "weights": "sum_not_100:90", "rule": "thresholds"}
    assert template_problems("业务面", []) == {"criteria": "required"}


def test_scores_must_be_whole_numbers_from_0_to_10_and_extremes_need_a_comment():
    assert score_problem(11, "", final=False) == "out_of_range"
    assert score_problem(-1, "很差", final=True) == "out_of_range"
    assert score_problem(7.5, "", final=True) == "out_of_range"
    assert score_problem(True, "", final=True) == "out_of_range"
    assert score_problem(None, "", final=False) is None
    assert score_problem(None, "", final=True) == "missing"
    assert score_problem(3, "", final=False) is None          # a draft may wait for its comment
    for extreme in (0, 3, 9, 10):
        assert score_problem(extreme, " ", final=True) == "comment_required"
        assert score_problem(extreme, "理由充分", final=True) is None
    assert score_problem(4, "", final=True) is None and score_problem(8, "", final=True) is None


def test_the_weighted_total_is_on_the_0_to_10_scale():
    weights = {1: 40, 2: 30, 3: 30}
    assert weighted_total({1: 8, 2: 7, 3: 6}, weights) == Decimal("7.10")
    assert weighted_total({1: 8, 2: None, 3: 6}, weights) is None


def test_the_rule_passes_fails_or_leaves_it_to_hr_with_its_reason():
    passed = decide([Decimal("7.4"), Decimal("7.8"), Decimal("7.0")], Recommendation.YES)
    assert (passed.outcome, passed.average, passed.explanation) == (DecisionOutcome.PASSED, Decimal("7.40"),
                                                                    "加权平均 7.4 ≥ 7.0")
    assert passed.explanation_en == "Weighted average 7.4 ≥ 7.0"
    failed = decide([Decimal("4.5"), Decimal("5.1")], None)
    assert (failed.outcome, failed.explanation) == (DecisionOutcome.FAILED, "加权平均 4.8 < 5.0")
    middle = decide([Decimal("6.96")], Recommendation.STRONG_YES)
    assert middle.outcome == DecisionOutcome.HR_DECIDES and middle.explanation.startswith("加权平均 6.96 介于")
    vetoed = decide([Decimal(9)], Recommendation.NO)
    assert vetoed.outcome == DecisionOutcome.HR_DECIDES and "主考官不推荐" in vetoed.explanation
    own = decide([Decimal("6.5")], None, pass_at=Decimal("6.5"), fail_below=Decimal(4))
    assert (own.outcome, own.explanation) == (DecisionOutcome.PASSED, "加权平均 6.5 ≥ 6.5")
    assert decide([], None).outcome == DecisionOutcome.HR_DECIDES


def test_shown_never_rounds_towards_a_pass():
    assert [shown(Decimal(x)) for x in ("7.40", "6.96", "7", "10.00")] == ["7.4", "6.96", "7.0", "10.0"]


@pytest.mark.parametrize("totals, chair", [([Decimal("7.4")], None), ([Decimal("8")], Recommendation.NO),
                                           ([Decimal("4.96")], None), ([Decimal("6")], None), ([], None)])
def test_a_stored_explanation_reads_in_english_with_its_figures(totals, chair):
    result = decide(totals, chair)
    assert explanation_in(result.explanation, "en") == result.explanation_en
    assert explanation_in(result.explanation, "zh_CN") == result.explanation


def test_an_explanation_that_is_not_the_rules_stays_as_stored():
    assert explanation_in("人事处会商后决定", "en") == "人事处会商后决定"
