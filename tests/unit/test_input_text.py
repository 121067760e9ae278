"""What people type or paste into names and free text, and what an IT admin puts into settings: control
characters, invisible and direction characters, broken text, absurd sizes and wrong JSON types are
refused with a reason; what is printed on the IT console cannot carry terminal escapes."""

from __future__ import annotations

import pytest

from desktop.core import settings
from desktop.core.errors import InvalidSetting
from desktop.core.validation import (
    MAX_LENGTH, clean_name, clean_text, is_mobile, mask_phone, name_problem, normalise_phone, phone_problem,
    phone_tail, printable, text_problem,
)

NAME = MAX_LENGTH["name"]


# --- names ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed", [
    "张\x00伟",            # NUL
    "张\x1b[2J伟",         # ESC: clears an IT admin's terminal
    "张\x07伟",            # BEL
    "张伟\n李娜",           # a second line
    "张\t伟",
    "张\u200b伟",          # zero-width space: two records that look the same
    "张\u200d伟",          # zero-width joiner
    "\u202e伟张",          # right-to-left override: shown reversed
    "张\u2066伟\u2069",    # direction isolates
    "张\ufeff伟",          # byte-order mark inside
    "张\u00ad伟",          # soft hyphen
    "张\u2028伟",          # line separator
])
def test_names_refuse_control_invisible_and_direction_characters(typed):
    assert name_problem(typed, NAME) == "control_chars"


def test_a_lone_surrogate_is_refused_as_broken_text_not_raised():
    assert name_problem("张\udcff伟", NAME) == "bad_chars"
    assert text_problem("简历\ud800", 100) == "bad_chars"


@pytest.mark.parametrize("typed", ["张伟", "阿依古丽·买买提", "Anna Li", "O'Brien-Smith", "欧阳 娜娜", "𠀀𪚥"])
def test_real_names_pass(typed):
    assert name_problem(typed, NAME) is None


def test_names_are_stored_nfc_trimmed_and_with_single_spaces():
    decomposed = "Jose\u0301  Li "
    assert clean_name(decomposed) == "Jos\u00e9 Li"
    assert clean_name("\u3000张伟\u3000") == "张伟"
    assert name_problem("   ", NAME) == "required"
    assert name_problem("   ", NAME, required=False) is None


def test_names_have_a_length_limit_counted_after_normalisation():
    assert name_problem("张" * NAME, NAME) is None
    assert name_problem("张" * (NAME + 1), NAME) == "too_long"
    assert name_problem("e\u0301" * NAME, NAME) is None        # NFC makes each pair one character


# --- free text --------------------------------------------------------------------------------------

def test_free_text_keeps_line_breaks_but_not_other_controls_or_overrides():
    assert text_problem("第一段\r\n第二段\t缩进", 100) is None
    assert clean_text("第一段\r\n第二段\r") == "第一段\n第二段"
    assert text_problem("简历\x1b]0;owned\x07", 100) == "control_chars"
    assert text_problem("简历\u202e", 100) == "control_chars"
    assert text_problem("👨\u200d💻 工程师", 100) is None       # a joiner inside an emoji is fine in free text


def test_free_text_is_bounded():
    limit = MAX_LENGTH["resume_summary"]
    assert text_problem("字" * limit, limit) is None
    assert text_problem("字" * (5 * 1024 * 1024), limit) == "too_long"


# --- printing on a terminal -----------------------------------------------------------------------

def test_printing_escapes_everything_a_terminal_would_act_on():
    shown = printable("张\x1b[31m伟\x07\u202e\x00\udcff\n")
    assert shown == "张\\x1b[31m伟\\x07\\u202e\\x00\\udcff\\x0a"
    assert all(c.isprintable() for c in shown)
    assert printable("第一行\n第二行", keep_newlines=True) == "第一行\n第二行"
    assert printable("滨江市第一人民医院 Anna Li") == "滨江市第一人民医院 Anna Li"


# --- landlines --------------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, stored", [
    ("010-12345678", "01012345678"),
    ("0571-8765432-123", "05718765432-123"),
    ("0571-87654321 转 123", "057187654321-123"),
    ("(021) 6288 1234 分机 8001", "02162881234-8001"),
    ("0755-8888 6666 ext. 12", "075588886666-12"),
    ("+86 10 6512 3456", "01065123456"),
    ("+86 571 8765 4321", "057187654321"),
])
def test_landlines_with_area_code_and_extension_are_stored_with_the_extension_apart(typed, stored):
    assert phone_problem(typed) is None
    assert normalise_phone(typed) == stored
    assert not is_mobile(typed)


def test_the_last_four_digits_and_the_mask_leave_the_extension_alone():
    assert phone_tail("05718765432-123") == "5432"
    assert mask_phone("05718765432-123") == "057****5432-123"
    assert phone_tail("13800138000") == "8000"


@pytest.mark.parametrize("typed, problem", [
    ("12345678", "phone_format"),                 # a landline without its area code
    ("0571-123", "phone_format"),
    ("05718765432123", "phone_format"),           # an extension must be set apart
    ("0571-8765432 转 abc", "phone_chars"),
    ("138 0013 8000 转 12", "phone_format"),      # mobiles have no extension
])
def test_wrong_landlines_are_refused(typed, problem):
    assert phone_problem(typed) == problem


def test_only_mobile_numbers_can_receive_a_text_message():
    assert is_mobile("+86 138-0013-8000")
    assert not is_mobile("010-12345678")
    assert not is_mobile("")


# --- settings: types and bounds ------------------------------------------------------------------------

@pytest.mark.parametrize("value", [{"x": 1}, ["滨江医院"], 1.5, True])
def test_a_text_setting_refuses_json_values_of_another_type(value):
    with pytest.raises(InvalidSetting) as excinfo:
        settings.spec_of("office.name").parse(value)
    assert excinfo.value.params["reason"] == "type"


@pytest.mark.parametrize("key, value", [("security.max_failed_logins", {"n": 5}),
                                        ("security.max_failed_logins", [5]),
                                        ("security.max_failed_logins", 5.0),
                                        ("mail.replies_enabled", {"on": True}),
                                        ("mail.replies_enabled", [True])])
def test_number_and_yes_no_settings_refuse_objects_lists_and_fractions(key, value):
    with pytest.raises(InvalidSetting) as excinfo:
        settings.spec_of(key).parse(value)
    assert excinfo.value.params["reason"] == "type"


def test_every_text_setting_is_bounded():
    for key, spec in settings.REGISTRY.items():
        if spec.kind is str:
            with pytest.raises(InvalidSetting) as excinfo:
                spec.parse("a" * (spec.max_length + 1))
            assert excinfo.value.params["reason"] == "too_long", key
    with pytest.raises(InvalidSetting) as excinfo:
        settings.spec_of("office.name").parse("院" * (1024 * 1024))
    assert excinfo.value.params == {"key": "office.name", "reason": "too_long", "limit": 100}
    with pytest.raises(InvalidSetting) as excinfo:
        settings.spec_of("security.lockout_minutes").parse("9" * 5000)   # bounded before int() works on it
    assert excinfo.value.params["reason"] == "too_long"


@pytest.mark.parametrize("value", ["滨江医院\x1b[2J", "滨江\n医院", "医院\u202e", "医院\x00"])
def test_single_line_settings_refuse_control_characters(value):
    with pytest.raises(InvalidSetting) as excinfo:
        settings.spec_of("office.name").parse(value)
    assert excinfo.value.params["reason"] == "control_chars"


def test_a_multi_line_setting_keeps_its_line_breaks():
    body = '{\n  "mobile": "{phone}",\n  "content": "{text}"\n}'
    assert settings.spec_of("sms.body_template").parse(body) == body


def test_the_contact_phone_takes_mobiles_and_landlines_with_extensions():
    spec = settings.spec_of("notify.contact_phone")
    assert spec.parse("0571-8765432 转 123 / 13800138000") == "0571-8765432 转 123 / 13800138000"
    with pytest.raises(InvalidSetting) as excinfo:
        spec.parse("8765432")
    assert excinfo.value.params["reason"] == "phone"


def test_a_wrong_value_in_the_machine_file_falls_back_to_the_default(tmp_path):
    path = tmp_path / "machine.json"
    path.write_text('{"ui.language": {"x": 1}, "database.path": "D:/hr/interviewdesk.db"}', encoding="utf-8")
    assert settings.read_machine(path) == {"database.path": "D:/hr/interviewdesk.db"}
    assert settings.machine_value(path, "ui.language") == "zh_CN"
