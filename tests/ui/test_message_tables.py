"""The code-to-words tables of desktop/ui/messages.py: each text names exactly the params that fill
it, a code not in a table falls back to its general sentence, and a text without params is shown
as written (the template hint about doubled braces keeps them)."""

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
        "The position's headcount is filled: 3 of 4 already hired. Raise the headcount of the position first.")
    assert messages.describe(errors.InvalidSetting("x", reason="type", key="office.name", kind="bool")) == (
        "office.name: the value must be yes or no (true/false).")
    assert messages.describe(errors.InvalidSetting("x", reason="type", key="office.name", kind="list")) == (
        "office.name: the value must be a single text.")
    assert messages.describe(errors.InvalidSetting("x", reason="new", key="k")) == "k: the value has the wrong format."
    assert messages.room_text(RoomRefused("unticked", "x", items=["签字", "归档"])).startswith(
        "Closing items not ticked: 签字")
    assert messages.room_text(RoomRefused("something_new", "x")) == (
        "This closing item no longer exists; the list was reloaded.")
    assert messages.check_in_text(errors.CheckInRefused("too_late", "2026-12-07", "09:00", "10:00")).endswith(
        "possible on 2026-12-07 from 09:00 to 10:00.")
    assert messages.os_unlock_text("") == "This computer's key store could not open the database."


def test_a_text_without_params_keeps_its_braces():
    braces = messages.template_text(TemplateInvalid("x", reason="braces"))
    assert braces.endswith("write two: {{ or }}.")
    assert messages.template_text(TemplateInvalid("x", reason="required", part="subject")) == (
        "The subject must not be empty.")
    assert messages.template_text(TemplateInvalid("x", reason="unknown_field", fields=["姓名", "x"])) == (
        "The template refers to an unknown field: {姓名}、{x}")
