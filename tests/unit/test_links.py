"""Deep links interviewdesk://interview/<id>: what the app accepts (as Windows hands them over, with
a trailing slash or in capitals, or a bare id) and what it refuses, each with its reason; the OA
push carries the link of its interview."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from desktop.core import links
from desktop.core.delivery.outbox import Item
from desktop.core.errors import BadLink
from desktop.integrations.http_channels.oa import notice_of


@pytest.mark.parametrize("text", ["interviewdesk://interview/42", "interviewdesk://interview/42/",
                                  "InterviewDesk://Interview/42", " interviewdesk://interview/42?from=oa ", "42",
                                  "interviewdesk://interview/%34%32"])
def test_good_links_name_the_interview(text):
    assert links.parse(text) == 42


@pytest.mark.parametrize(("text", "reason"), [
    ("", "empty"), ("   ", "empty"), ("interviewdesk://interview/" + "9" * 300, "too_long"),
    ("https://evil.example/interview/42", "scheme"), ("interviewdesk:interview/42", "scheme"),
    ("javascript:alert(1)", "scheme"), ("interviewdesk://candidate/42", "kind"),
    ("interviewdesk://interview/", "id"), ("interviewdesk://interview/abc", "id"), ("interviewdesk://interview/0", "id"),
    ("interviewdesk://interview/-3", "id"), ("interviewdesk://interview/42/notes", "scheme"), ("4 2", "scheme"),
])
def test_bad_links_are_refused_with_their_reason(text, reason):
    with pytest.raises(BadLink) as refused:
        links.parse(text)
    assert refused.value.params == {"reason": reason}


def test_a_link_round_trips():
    assert links.interview_link(7) == "interviewdesk://interview/7" and links.parse(links.interview_link(7)) == 7


def test_the_oa_push_carries_the_interview_link():
    now = datetime(2026, 11, 24, 1, 0, tzinfo=timezone.utc)
    item = Item(1, "oa:7:assign:wang", 7, "oa", "interviewer_assignment", "wang", {"sequence": 0}, 1, 0)
    assert notice_of(item, "面试安排", "请您……", now)["link"] == "interviewdesk://interview/7"
    approval = Item(2, "oa:approval", None, "oa", "approval_request", "wang", {}, 1, 0)
    assert notice_of(approval, "审批", "……", now)["link"] is None
