"""Reading a candidate's reply: survey scores in the ways people type them, what counts as a
question or a progress query, and the survey as the thank-you message shows it."""

from __future__ import annotations

import pytest

from desktop.core.candidate_replies import Unclear, is_confirmation, is_progress, is_question, parse_survey
from desktop.core.notifications import fields


@pytest.mark.parametrize("text", ["5 4 5", "5,4,5", "5，4，5", "5\n4\n5", "５　４　５", "545", "5、4、5。", "5分 4分 5分"])
def test_scores_are_read_however_they_are_typed(text):
    assert parse_survey(text, 3) == [5, 4, 5]


@pytest.mark.parametrize("text, reason", [("五 四", "numerals"), ("9 9 9", "range"), ("5 4", "count"),
                                          ("0 4 5", "range"), ("5 4 5 3", "count"), ("1", "count")])
def test_an_attempt_we_cannot_read_is_unclear(text, reason):
    result = parse_survey(text, 3)
    assert isinstance(result, Unclear) and result.reason == reason


@pytest.mark.parametrize("text", ["请问什么时候出结果？", "谢谢", "", "5 4 5 很满意", "What is next?"])
def test_words_are_no_survey_answer(text):
    assert parse_survey(text, 3) is None


@pytest.mark.parametrize("text, expected", [
    ("请问需要带毕业证原件吗", True), ("复试在哪里", True), ("How long until I hear back", True),
    ("Is there parking?", True), ("好的，谢谢", False), ("收到", False), ("5 4 5", False), ("Thanks a lot", False)])
def test_questions_are_recognised(text, expected):
    assert is_question(text) is expected


def test_progress_is_the_whole_message_in_either_language():
    assert is_progress("进度") and is_progress(" 进度。") and is_progress("PROGRESS") and is_progress("Progress!")
    assert not is_progress("我想了解一下进度") and not is_progress("progress please")


def test_confirmation_reads_the_first_line_only():
    assert is_confirmation("确认！\n谢谢", ("确认", "1")) and is_confirmation("１", ("确认", "1"))
    assert not is_confirmation("不确认", ("确认", "1"))


def test_the_survey_field_numbers_the_questions_and_says_how_to_answer():
    payload = {"survey_questions": ["整体体验？", "流程介绍？", "时间安排？", "环境？"], "survey_questions_en": []}
    assert fields.survey(payload, "zh_CN", "email").split("\n") == [
        "1. 整体体验？", "2. 流程介绍？", "3. 时间安排？", "4. 环境？",
        "请直接回复数字（1-5分，5分最好），按题目顺序，如：5 4 5 5"]
    assert fields.survey(payload, "zh_CN", "sms").endswith("请回复4个1-5的数字，如：5 4 5 5")
    assert fields.survey(payload, "en", "email").startswith("1. 整体体验？")   # no English variant: the Chinese
    assert fields.survey({}, "zh_CN", "email") == ""
