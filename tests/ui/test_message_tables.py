"""The code-to-words tables of desktop/ui/messages.py: each text names exactly the params that fill
it, a code not in a table falls back to its general sentence, and a text without params is shown
as written (the template hint about doubled braces keeps them). In Chinese, as the UI tests run."""

from __future__ import annotations

import string

import pytest

from desktop.core import errors
from desktop.core.interview_room import RoomRefused
from desktop.core.notifications.templates import TemplateInvalid
from desktop.ui import messages

TABLES = {name: getattr(messages, name) for name in (
    "_CHECK_IN_REFUSALS", "_ROOM_REFUSALS", "_TEMPLATE_PROBLEMS", "_OS_UNLOCK_FAILURES", "_SCORECARD_STATES",
    "_INVALID_STATES", "_SETTING_PROBLEMS", "_SETTING_KINDS")}


def _placeholders(text: str) -> set[str]:
    return {field for _literal, field, _spec, _conversion in string.Formatter().parse(text) if field is not None}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_text_is_filled_by_the_params_it_names(name):
    for code, entry in TABLES[name].items():
        text, *fields = (entry,) if isinstance(entry, str) else entry
        if fields:
            assert _placeholders(text) == {str(n) for n in range(len(fields))}, (name, code)
        else:
            assert "{0}" not in text, (name, code)


def test_params_fill_their_places_and_unknown_codes_fall_back():
    assert messages.describe(errors.InvalidState("x", status="headcount_full", hired=3, headcount=4)) == (
        "该岗位招聘人数已满：已录用 3 人，共招聘 4 人。如需增加，请先修改岗位的招聘人数。")
    assert messages.describe(errors.InvalidSetting("x", reason="type", key="office.name", kind="bool")) == (
        "office.name：值必须是是或否（true/false）。")
    assert messages.describe(errors.InvalidSetting("x", reason="type", key="office.name", kind="list")) == (
        "office.name：值必须是一段文字。")
    assert messages.describe(errors.InvalidSetting("x", reason="new", key="k")) == "k：取值格式不正确。"
    assert messages.room_text(RoomRefused("unticked", "x", items=["签字", "归档"])) == (
        "收尾清单尚有未勾选的事项：签字、归档。如仍要结束，请确认。")
    assert messages.room_text(RoomRefused("something_new", "x")) == "收尾清单中已没有这一项，清单已重新加载。"
    assert messages.check_in_text(errors.CheckInRefused("too_late", "2026-12-07", "09:00", "10:00")) == (
        "未签到：签到时间已过。该面试的签到时间为 2026-12-07 的 09:00 至 10:00。")
    assert messages.os_unlock_text("") == "本机密钥存储无法打开数据库。"


def test_a_text_without_params_keeps_its_braces():
    assert messages.template_text(TemplateInvalid("x", reason="braces")).endswith("请连写两个：{{ 或 }}。")
    assert messages.template_text(TemplateInvalid("x", reason="required", part="subject")) == "标题不能为空。"
    assert messages.template_text(TemplateInvalid("x", reason="unknown_field", fields=["姓名", "x"])) == (
        "模板引用了未知字段：{姓名}、{x}")
