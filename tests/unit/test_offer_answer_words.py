"""What a candidate's reply to an offer is taken for: an acceptance, a refusal, or no clear answer
(HR reads it). Politeness around the word does not change it; negations, conditions and questions
are never taken as 接受 — nor as 拒绝 unless they plainly refuse."""

from __future__ import annotations

import pytest

from desktop.core.offers import answer_word, mentions_answer

ACCEPTED, DECLINED, UNCLEAR = True, False, None


@pytest.mark.parametrize("text, meant", [
    # acceptances, however politely typed
    ("接受", ACCEPTED), ("接受。", ACCEPTED), ("接受！谢谢", ACCEPTED), ("我接受，谢谢", ACCEPTED),
    ("接受！\n谢谢", ACCEPTED), ("接受 谢谢", ACCEPTED), ("好的，我接受！", ACCEPTED), ("谢谢！接受。", ACCEPTED),
    ("ＡＣＣＥＰＴ", ACCEPTED), ("I accept, thanks", ACCEPTED), ("同意", ACCEPTED), ("接受录用，非常感谢", ACCEPTED),
    ("  接受～\n\n（来自我的手机）", ACCEPTED),
    # refusals said plainly
    ("拒绝", DECLINED), ("拒绝。", DECLINED), ("我拒绝，谢谢", DECLINED), ("不接受", DECLINED),
    ("不接受，谢谢", DECLINED), ("婉拒，感谢", DECLINED), ("Decline.", DECLINED),
    # never an acceptance: negations, conditions, questions — HR reads them
    ("接受不了", UNCLEAR), ("无法接受", UNCLEAR), ("不能接受", UNCLEAR), ("接受吗？", UNCLEAR), ("接受吗", UNCLEAR),
    ("接受，但希望推迟报到", UNCLEAR), ("我考虑一下再决定接受与否", UNCLEAR), ("接受接受", UNCLEAR),
    # and the same care for 拒绝
    ("不拒绝", UNCLEAR), ("无法拒绝", UNCLEAR), ("拒绝不了", UNCLEAR), ("拒绝？", UNCLEAR),
    ("拒绝，除非薪资调整", UNCLEAR),
    # nothing about the offer
    ("谢谢", UNCLEAR), ("", UNCLEAR), ("好的", UNCLEAR), ("请问报到需要带什么材料？", UNCLEAR),
])
def test_reply_words(text, meant):
    assert answer_word(text) is meant


@pytest.mark.parametrize("text, about", [
    ("无法接受", True), ("接受，但希望推迟报到", True), ("我想放弃", True), ("关于录用的问题", True),
    ("Can I accept later", True), ("谢谢", False), ("确认", False), ("同意加入人才库", False),
])
def test_a_reply_that_speaks_of_the_offer_is_recognised_for_hr(text, about):
    assert mentions_answer(text) is about
