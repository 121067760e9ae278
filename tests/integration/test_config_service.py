"""Settings as the IT admin manages them (Settings page, `interviewdesk config`): machine settings in
the local file, institution settings in the database, export to preconfigure other desktops, and
imports that either apply completely or not at all."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from desktop.core import settings
from desktop.core.errors import InvalidSetting, PermissionDenied, UnknownSetting
from desktop.core.model import AuditEntry, Role, Setting
from desktop.core.paths import app_dirs
from desktop.core.services import config
from factories import actor, audit_entries, count

ADMIN = actor(Role.ADMIN, None, username="it_admin")
SERVER_URL = "postgresql://hr_app:S3cret-pw@db.hospital.local/interviewdesk"


@pytest.fixture
def machine_file():
    return app_dirs().machine_settings       # inside this test's own INTERVIEWDESK_HOME


def values_of(db, machine_file) -> dict[str, config.SettingValue]:
    with db.session(ADMIN) as s:
        return {v.key: v for v in config.list_values(s, machine_file)}


def stored_settings(db) -> dict:
    with db.session() as s:
        return dict(s.execute(select(Setting.key, Setting.value)).all())


def test_a_fresh_installation_lists_every_setting_at_its_default(embedded_db, machine_file):
    db = embedded_db
    listed = values_of(db, machine_file)
    assert set(listed) == set(settings.REGISTRY)
    assert all(v.is_default for v in listed.values())
    assert listed["ui.language"].scope == "machine" and listed["ui.language"].value == "zh_CN"
    assert listed["security.max_failed_logins"].scope == "institution"
    assert listed["security.max_failed_logins"].shown == "5"
    # Without a database (before the first login) only this machine's settings are there.
    assert {v.scope for v in config.list_values(None, machine_file)} == {"machine"}
    assert not machine_file.exists()                     # reading writes nothing


def test_setting_values_of_both_scopes_stores_each_in_its_place(db, machine_file, clock):
    with db.session(ADMIN, write=True) as s:
        written = config.set_values(s, ADMIN, machine_file, {"ui.language": "en", "database.path": "D:/面试/id.db",
                                                             "office.name": "市第一人民医院",
                                                             "security.lockout_minutes": "30"})
    assert written == ["database.path", "office.name", "security.lockout_minutes", "ui.language"]
    assert json.loads(machine_file.read_text(encoding="utf-8")) == {"ui.language": "en",
                                                                   "database.path": "D:/面试/id.db"}
    assert stored_settings(db) == {"office.name": "市第一人民医院", "security.lockout_minutes": 30}
    with db.session(ADMIN) as s:
        assert config.get_value(s, machine_file, "ui.language") == "en"
        assert config.get_value(s, machine_file, "security.lockout_minutes") == 30
        assert config.get_value(s, machine_file, "security.max_failed_logins") == 5
        assert settings.institution_value(s, "security.lockout_minutes") == 30
        row = s.get(Setting, "office.name")
        assert (row.updated_by, row.updated_at) == ("it_admin", clock.now())
    listed = values_of(db, machine_file)
    assert not listed["ui.language"].is_default and not listed["security.lockout_minutes"].is_default
    assert listed["security.idle_lock_minutes"].is_default
    changed = {e.entity_id for e in audit_entries(db, entity="Setting")}
    assert changed == {"office.name", "security.lockout_minutes"}   # institution changes are audited


def test_an_institution_value_needs_the_database(machine_file):
    with pytest.raises(InvalidSetting) as excinfo:
        config.set_values(None, ADMIN, machine_file, {"office.name": "市第一人民医院"})
    assert excinfo.value.params["reason"] == "needs_database"
    with pytest.raises(InvalidSetting):
        config.get_value(None, machine_file, "office.name")
    config.set_values(None, ADMIN, machine_file, {"ui.language": "en"})   # machine values do not
    assert config.get_value(None, machine_file, "ui.language") == "en"


def test_only_an_admin_may_change_institution_settings(embedded_db, machine_file):
    db = embedded_db
    for role in (Role.HR_OFFICER, Role.PERSONNEL_OFFICE, Role.DIRECTOR):
        officer = actor(role, None)
        with pytest.raises(PermissionDenied):
            with db.session(officer, write=True) as s:
                config.set_values(s, officer, machine_file, {"ui.language": "en", "security.max_failed_logins": 10})
    assert stored_settings(db) == {}
    assert not machine_file.exists()          # the machine part of the refused change was not written either
    assert count(db, AuditEntry) == 0


def test_secret_values_are_listed_masked(embedded_db, machine_file):
    db = embedded_db
    with db.session(ADMIN, write=True) as s:
        config.set_values(s, ADMIN, machine_file, {"database.url": SERVER_URL})
    listed = values_of(db, machine_file)["database.url"]
    assert listed.shown == "******"
    assert "S3cret" not in repr(listed.shown)
    with db.session(ADMIN) as s:
        assert config.get_value(s, machine_file, "database.url") == SERVER_URL   # the program itself needs it


def test_an_export_imports_on_another_desktop_unchanged(embedded_db, machine_file, tmp_path):
    db = embedded_db
    with db.session(ADMIN, write=True) as s:
        config.set_values(s, ADMIN, machine_file, {"ui.language": "en", "office.name": "市第一人民医院",
                                                   "confirmation.deadline_minutes": 120,
                                                   "mail.smtp_password": "Smtp-S3cret", "oa.secret": "Oa-S3cret"})
    with db.session(ADMIN) as s:
        exported = config.export_values(s, machine_file)
    assert exported["machine"]["ui.language"] == "en"
    assert exported["institution"]["confirmation.deadline_minutes"] == 120
    secrets = {key for key, spec in settings.REGISTRY.items() if spec.secret}
    assert {"mail.smtp_password", "oa.secret", "exchange.password", "database.url"} <= secrets
    assert set(exported["machine"]) | set(exported["institution"]) == set(settings.REGISTRY) - secrets | {"database.url"}

    text = json.dumps(exported, ensure_ascii=False)             # the file the admin carries over
    assert "S3cret" not in text
    other_machine = tmp_path / "other" / "machine.json"
    with db.session(ADMIN, write=True) as s:
        config.set_values(s, ADMIN, other_machine, config.flatten_import(json.loads(text)))
    assert settings.read_machine(other_machine)["ui.language"] == "en"


def test_the_machine_file_changes_only_when_the_database_commits(embedded_db, machine_file):
    db = embedded_db
    with db.session(ADMIN, write=True) as s:
        config.set_values(s, ADMIN, machine_file, {"ui.language": "en"})
    before = machine_file.read_bytes()
    with pytest.raises(RuntimeError):
        with db.session(ADMIN, write=True) as s:
            config.set_values(s, ADMIN, machine_file, {"ui.language": "zh_CN", "office.name": "新名称"})
            raise RuntimeError("the transaction fails after the values were accepted")
    assert machine_file.read_bytes() == before
    assert "office.name" not in stored_settings(db)


def test_an_import_with_one_bad_value_changes_nothing_anywhere(db, machine_file):
    with db.session(ADMIN, write=True) as s:
        config.set_values(s, ADMIN, machine_file, {"ui.language": "en", "office.name": "旧名称"})
    file_before, db_before, audit_before = machine_file.read_bytes(), stored_settings(db), count(db, AuditEntry)
    bad_imports = [
        ({"machine": {"ui.language": "zh_CN"}, "institution": {"office.name": "新名称",
                                                                "security.max_failed_logins": 0}}, InvalidSetting),
        ({"ui.language": "zh_CN", "office.working_day_start": "8点"}, InvalidSetting),
        ({"ui.language": "zh_CN", "office.name": "新名称", "office.colour": "red"}, UnknownSetting),
        ({"machine": {"office.name": "新名称"}}, InvalidSetting),     # an institution key filed under machine
        (["ui.language", "zh_CN"], InvalidSetting),
    ]
    for data, error in bad_imports:
        with pytest.raises(error):
            with db.session(ADMIN, write=True) as s:
                config.set_values(s, ADMIN, machine_file, config.flatten_import(data))
    assert machine_file.read_bytes() == file_before
    assert stored_settings(db) == db_before
    assert count(db, AuditEntry) == audit_before


def test_a_changed_institution_value_is_seen_by_every_desktop(embedded_db, machine_file, tmp_path):
    """Institution values live in the database: another desktop's machine file does not matter."""
    db = embedded_db
    with db.session(ADMIN, write=True) as s:
        config.set_values(s, ADMIN, machine_file, {"security.idle_lock_minutes": 5})
    with db.session() as s:
        assert config.get_value(s, tmp_path / "elsewhere.json", "security.idle_lock_minutes") == 5
    with db.session(ADMIN, write=True) as s:
        config.set_values(s, ADMIN, machine_file, {"security.idle_lock_minutes": 15})   # back to the default
    assert values_of(db, machine_file)["security.idle_lock_minutes"].is_default


def test_an_export_carries_the_server_address_without_its_password(embedded_db, machine_file):
    with embedded_db.session(ADMIN, write=True) as s:
        config.set_values(s, ADMIN, machine_file, {"database.url": SERVER_URL})
    with embedded_db.session(ADMIN) as s:
        exported = config.export_values(s, machine_file)
    assert exported["machine"]["database.url"] == "postgresql://hr_app@db.hospital.local/interviewdesk"
    assert "database.url" not in config.secret_keys() and "exchange.password" in config.secret_keys()
