"""The settings registry: how values typed by an IT admin (on the command line, in a rollout file)
are checked, and how the machine-level file behaves."""

from __future__ import annotations

import json

import pytest

from desktop.core import settings
from desktop.core.errors import InvalidSetting, UnknownSetting
from desktop.core.paths import app_dirs
from desktop.core.settings import SettingSpec


def reason(excinfo: pytest.ExceptionInfo) -> str:
    return excinfo.value.params["reason"]


# --- parsing typed values ------------------------------------------------------------------------

@pytest.mark.parametrize("typed, value", [
    ("true", True), ("YES", True), ("on", True), ("1", True), ("是", True), (True, True),
    ("false", False), ("No", False), ("off", False), ("0", False), ("否", False), (False, False),
])
def test_yes_and_no_are_understood_in_english_and_chinese(typed, value):
    spec = SettingSpec("test.flag", "institution", bool, False)
    assert spec.parse(typed) is value


def test_anything_else_is_not_a_yes_or_no():
    spec = SettingSpec("test.flag", "institution", bool, False)
    with pytest.raises(InvalidSetting) as excinfo:
        spec.parse("maybe")
    assert reason(excinfo) == "type"


def test_numbers_are_parsed_from_text_and_checked_against_their_limits():
    spec = settings.spec_of("security.max_failed_logins")
    assert spec.parse(" 7 ") == 7
    assert spec.parse(50) == 50
    with pytest.raises(InvalidSetting) as excinfo:
        spec.parse("0")
    assert reason(excinfo) == "minimum" and excinfo.value.params["limit"] == 1
    with pytest.raises(InvalidSetting) as excinfo:
        spec.parse("51")
    assert reason(excinfo) == "maximum" and excinfo.value.params["limit"] == 50
    for not_a_number in ("five", "5.5", True):
        with pytest.raises(InvalidSetting) as excinfo:
            spec.parse(not_a_number)
        assert reason(excinfo) == "type"


def test_a_choice_must_be_one_of_the_offered_values():
    spec = settings.spec_of("ui.language")
    assert spec.parse(" en ") == "en"
    with pytest.raises(InvalidSetting) as excinfo:
        spec.parse("fr")
    assert reason(excinfo) == "choice"
    assert "zh_CN" in excinfo.value.params["choices"]


def test_times_of_day_must_be_written_as_hours_and_minutes():
    spec = settings.spec_of("office.working_day_start")
    assert spec.parse("08:00") == "08:00"
    for wrong in ("8:00", "24:00", "08:60", "0800", "早上八点"):
        with pytest.raises(InvalidSetting) as excinfo:
            spec.parse(wrong)
        assert reason(excinfo) == "format", wrong


def test_the_office_time_zone_must_be_a_real_zone():
    spec = settings.spec_of("office.timezone")
    assert spec.parse("Asia/Urumqi") == "Asia/Urumqi"
    with pytest.raises(InvalidSetting) as excinfo:
        spec.parse("Asia/Beijing")   # a common mistake: the zone is Asia/Shanghai
    assert reason(excinfo) == "timezone"


def test_a_server_address_must_be_a_postgresql_url():
    spec = settings.spec_of("database.url")
    assert spec.parse("postgresql://hr@db.hospital.local/interviewdesk").startswith("postgresql://")
    assert spec.parse("") == ""   # empty means: use the embedded file
    with pytest.raises(InvalidSetting) as excinfo:
        spec.parse("mysql://hr@db/interviewdesk")
    assert reason(excinfo) == "format"


def test_unknown_keys_are_refused_by_name():
    with pytest.raises(UnknownSetting) as excinfo:
        settings.spec_of("security.max_failed_login")   # typo
    assert excinfo.value.params["key"] == "security.max_failed_login"


def test_secret_values_are_shown_masked_and_others_as_written():
    url = settings.spec_of("database.url")
    assert url.shown("postgresql://hr:S3cret@db/interviewdesk") == "******"
    assert "S3cret" not in url.shown("postgresql://hr:S3cret@db/interviewdesk")
    assert url.shown("") == ""
    assert SettingSpec("test.flag", "machine", bool, False).shown(True) == "true"
    assert settings.spec_of("security.lockout_minutes").shown(15) == "15"


def test_every_default_passes_its_own_checks():
    for key, spec in settings.REGISTRY.items():
        assert spec.parse(spec.default) == spec.default, key


# --- the machine-level file ----------------------------------------------------------------------

def test_machine_settings_round_trip_through_the_file_in_the_home_folder():
    path = app_dirs().machine_settings
    assert settings.read_machine(path) == {}                       # no file yet: defaults
    assert settings.machine_value(path, "ui.language") == "zh_CN"
    settings.write_machine(path, {"ui.language": "en", "database.path": "D:/面试/interviewdesk.db"})
    assert settings.machine_value(path, "ui.language") == "en"
    assert json.loads(path.read_text(encoding="utf-8"))["database.path"] == "D:/面试/interviewdesk.db"
    assert not path.with_name(path.name + ".tmp").exists()


def test_the_machine_file_ignores_institution_and_unknown_keys():
    path = app_dirs().machine_settings
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"ui.language": "en", "security.lockout_minutes": 1, "no.such": 1}),
                    encoding="utf-8")
    assert settings.read_machine(path) == {"ui.language": "en"}


def test_a_damaged_machine_file_is_reported_not_silently_reset():
    path = app_dirs().machine_settings
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InvalidSetting) as excinfo:
        settings.read_machine(path)
    assert reason(excinfo) == "file"
