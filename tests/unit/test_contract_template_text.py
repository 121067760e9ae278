"""The contract template as the administrator edits it (title, then "== heading" and text per clause)
turns back into the same template; text before the first heading or no title is refused."""

from __future__ import annotations

import pytest

from desktop.core import contract_issuing, contracts
from desktop.core.errors import ValidationFailed


def test_the_default_template_round_trips():
    base = contracts.DEFAULT_TEMPLATE
    title, clauses = contract_issuing.parse_template_text(contract_issuing.template_text(base))
    assert title == base.title
    assert clauses == tuple((c.heading, c.text) for c in base.clauses)


@pytest.mark.parametrize("text, field", [("劳动合同书\n甲方：{employer_name}\n== 第一条\n文字", "clauses"),
                                         ("\n== 第一条\n文字", "title"), ("== 第一条\n文字", "title")])
def test_text_outside_a_clause_or_no_title_is_refused(text, field):
    with pytest.raises(ValidationFailed) as caught:
        contract_issuing.parse_template_text(text)
    assert field in caught.value.problems
