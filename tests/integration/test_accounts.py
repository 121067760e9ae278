"""Local accounts as the IT admin and the HR officers meet them: the first admin, logging in,
lockout after wrong passwords, disabled accounts, password resets and password rules."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop.core import accounts
from desktop.core.errors import (
    AccountDisabled, AccountLocked, DuplicateRecord, LoginFailed, PermissionDenied, ValidationFailed, WeakPassword,
)
from desktop.core.model import AuditEntry, Base, Role, User
from desktop.core.paths import app_dirs
from desktop.core.services import config
from factories import PASSWORD, actor, add_user, audit_entries, count, department_tree

ADMIN_PASSWORD = "Admin-2026-xyz"


def first_admin(db):
    with db.session(write=True) as s:
        return accounts.create_first_admin(s, username="admin", display_name="信息科 管理员", password=ADMIN_PASSWORD)


def stored_user(db, username: str):
    with db.session() as s:
        return s.execute(select(User.password_hash, User.failed_logins, User.locked_until, User.last_login_at,
                                User.is_active).where(User.username == username)).one()


def everything_stored(db) -> str:
    """Every row of every table, as text: what someone with the database file could read."""
    with db.session() as s:
        return "\n".join(repr(tuple(row)) for table in Base.metadata.sorted_tables
                         for row in s.execute(select(table)))


def set_institution(db, **values):
    admin = actor(Role.ADMIN, None)
    with db.session(admin, write=True) as s:
        config.set_values(s, admin, app_dirs().machine_settings, {k.replace("__", "."): v for k, v in values.items()})


# --- the first account ---------------------------------------------------------------------------

def test_the_first_admin_is_created_once_on_an_empty_database(embedded_db):
    db = embedded_db
    with db.session() as s:
        assert accounts.has_users(s) is False
    made = first_admin(db)
    assert made.username == "admin"
    assert set(made.roles) == {("admin", ""), ("hr_officer", "")}    # institution-wide
    with db.session() as s:
        assert accounts.has_users(s) is True
    with pytest.raises(PermissionDenied):
        with db.session(write=True) as s:
            accounts.create_first_admin(s, username="second", display_name="第二个", password=ADMIN_PASSWORD)
    assert count(db, User) == 1
    result = accounts.login(db, "admin", ADMIN_PASSWORD)
    assert result.must_change_password is False      # the IT office chose it on the command line


def test_passwords_are_stored_as_argon2id_hashes_and_never_in_clear(embedded_db):
    db = embedded_db
    first_admin(db)
    depts = department_tree(db)
    hr = add_user(db, "wangfang", [(Role.HR_OFFICER, depts.a)], department_id=depts.a)
    accounts.login(db, "admin", ADMIN_PASSWORD)
    with pytest.raises(LoginFailed):
        accounts.login(db, "admin", "Admin-2026-xyZ")          # a near miss
    with db.session(actor(Role.ADMIN, None), write=True) as s:
        accounts.reset_password(s, actor(Role.ADMIN, None), "wangfang", "Temp-pass-1")
    with db.session(hr, write=True) as s:
        accounts.change_own_password(s, hr, "Temp-pass-1", "Wangfang-new-2")

    assert stored_user(db, "admin").password_hash.startswith("$argon2id$")
    assert stored_user(db, "wangfang").password_hash.startswith("$argon2id$")
    audit_text = str([e.changes for e in audit_entries(db)])
    stored = everything_stored(db)
    for secret in (ADMIN_PASSWORD, "Admin-2026-xyZ", PASSWORD, "Temp-pass-1", "Wangfang-new-2"):
        assert secret not in audit_text
        assert secret not in stored
    # The audit log says a hash changed without carrying it.
    user_entries = [e.changes for e in audit_entries(db, entity="User")]
    assert "$argon2" not in str(user_entries)
    changed = [c["password_hash"] for c in user_entries if isinstance(c.get("password_hash"), dict)]
    # masked, with a keyed digest (for db check) that is not the hash itself
    assert any((p["before"], p["after"]) == ("***", "***") and set(p) == {"before", "after", "digest"}
               for p in changed)


# --- logging in ----------------------------------------------------------------------------------

def test_login_with_the_right_password_opens_a_session_as_that_user(embedded_db, clock):
    db = embedded_db
    depts = department_tree(db)
    add_user(db, "wangfang", [(Role.HR_OFFICER, depts.a), (Role.INTERVIEWER, depts.b)], department_id=depts.a,
             display_name="王芳")
    result = accounts.login(db, "  WangFang ", PASSWORD)        # user names are not case-sensitive
    assert result.actor.username == "wangfang"
    assert result.actor.display_name == "王芳"
    assert result.actor.department_id == depts.a
    assert set(result.actor.grants) == {("hr_officer", depts.a), ("interviewer", depts.b)}
    assert result.must_change_password is False
    assert stored_user(db, "wangfang").last_login_at == clock.now()
    [entry] = audit_entries(db, action="login")
    assert (entry.entity, entry.actor_name) == ("User", "wangfang")

    with pytest.raises(LoginFailed) as excinfo:
        accounts.login(db, "wangfan", PASSWORD)                 # an unknown name fails like a wrong password
    assert "remaining" not in excinfo.value.params              # but there is nothing to count down
    assert stored_user(db, "wangfang").failed_logins == 0


def test_wrong_passwords_count_down_and_the_fifth_locks_for_fifteen_minutes(db, clock):
    add_user(db, "wangfang", [(Role.HR_OFFICER, None)])
    remaining = []
    for attempt in range(4):
        with pytest.raises(LoginFailed) as excinfo:
            accounts.login(db, "wangfang", "Wrong-pass-1")
        remaining.append(excinfo.value.params["remaining"])
        if attempt == 1:
            # Each failure was committed although the login raised; closing the program forgives nothing.
            assert stored_user(db, "wangfang").failed_logins == 2
            db.dispose()
    assert remaining == [4, 3, 2, 1]
    with pytest.raises(AccountLocked) as excinfo:
        accounts.login(db, "wangfang", "Wrong-pass-1")
    assert excinfo.value.params["until"] == clock.now() + timedelta(minutes=15)
    assert stored_user(db, "wangfang").locked_until == clock.now() + timedelta(minutes=15)
    [locked] = audit_entries(db, action="lockout")
    assert locked.changes == {"minutes": 15}

    with pytest.raises(AccountLocked):                        # even the right password is refused now
        accounts.login(db, "wangfang", PASSWORD)
    clock.advance(timedelta(minutes=14, seconds=59))
    with pytest.raises(AccountLocked):
        accounts.login(db, "wangfang", PASSWORD)
    clock.advance(timedelta(seconds=1))
    assert accounts.login(db, "wangfang", PASSWORD).actor.username == "wangfang"
    user = stored_user(db, "wangfang")
    assert (user.failed_logins, user.locked_until) == (0, None)


def test_the_lockout_policy_follows_the_institution_settings(embedded_db, clock):
    db = embedded_db
    add_user(db, "wangfang", [(Role.HR_OFFICER, None)])
    set_institution(db, security__max_failed_logins="3", security__lockout_minutes="5")
    for expected in (2, 1):
        with pytest.raises(LoginFailed) as excinfo:
            accounts.login(db, "wangfang", "Wrong-pass-1")
        assert excinfo.value.params["remaining"] == expected
    with pytest.raises(AccountLocked) as excinfo:
        accounts.login(db, "wangfang", "Wrong-pass-1")
    assert excinfo.value.params["until"] == clock.now() + timedelta(minutes=5)
    clock.advance(timedelta(minutes=5))
    with pytest.raises(LoginFailed) as excinfo:               # an expired lock starts a fresh count
        accounts.login(db, "wangfang", "Wrong-pass-1")
    assert excinfo.value.params["remaining"] == 2
    accounts.login(db, "wangfang", PASSWORD)


# --- administering accounts ----------------------------------------------------------------------

def test_a_disabled_account_cannot_log_in_until_enabled_again(embedded_db):
    db = embedded_db
    add_user(db, "wangfang", [(Role.HR_OFFICER, None)])
    admin = add_user(db, "admin2", [(Role.ADMIN, None)])
    with db.session(admin, write=True) as s:
        assert accounts.set_active(s, admin, "WANGFANG", False).is_active is False
    with pytest.raises(AccountDisabled):
        accounts.login(db, "wangfang", PASSWORD)
    with pytest.raises(PermissionDenied):                     # an admin cannot lock themselves out
        with db.session(admin, write=True) as s:
            accounts.set_active(s, admin, "admin2", False)
    assert stored_user(db, "admin2").is_active is True
    with db.session(admin, write=True) as s:
        accounts.set_active(s, admin, "wangfang", True)
    assert accounts.login(db, "wangfang", PASSWORD).actor.username == "wangfang"


def test_a_reset_password_must_be_changed_at_the_next_login(embedded_db):
    db = embedded_db
    add_user(db, "wangfang", [(Role.HR_OFFICER, None)])
    admin = actor(Role.ADMIN, None)
    with pytest.raises(LoginFailed):
        accounts.login(db, "wangfang", "Forgotten-1")
    with db.session(admin, write=True) as s:
        accounts.reset_password(s, admin, "wangfang", "Temp-pass-1")
    assert stored_user(db, "wangfang").failed_logins == 0
    with pytest.raises(LoginFailed):
        accounts.login(db, "wangfang", PASSWORD)              # the old password is gone
    result = accounts.login(db, "wangfang", "Temp-pass-1")
    assert result.must_change_password is True

    with pytest.raises(LoginFailed):
        with db.session(result.actor, write=True) as s:
            accounts.change_own_password(s, result.actor, "not-the-temp-1", "Wangfang-new-2")
    with db.session(result.actor, write=True) as s:
        accounts.change_own_password(s, result.actor, "Temp-pass-1", "Wangfang-new-2")
    assert accounts.login(db, "wangfang", "Wangfang-new-2").must_change_password is False


def test_an_account_made_by_an_admin_starts_with_a_temporary_password(embedded_db):
    db = embedded_db
    depts = department_tree(db)
    admin = actor(Role.ADMIN, None, user_id=999)
    with db.session(admin, write=True) as s:
        made = accounts.add_user(s, admin, username="lina", display_name="李娜", password=PASSWORD,
                                 roles=[(Role.RECEPTION, None), (Role.INTERVIEWER, depts.b)])
    assert made.roles == (("reception", ""), ("interviewer", "外科"))
    assert made.is_active and made.version == 1
    with db.session() as s:
        assert s.scalar(select(User.must_change_password).where(User.username == "lina")) is True
    [created] = audit_entries(db, action="create", entity="User")
    assert created.changes["after"]["username"] == "lina"
    assert created.changes["after"]["password_hash"] == "***"


def test_weak_passwords_are_refused_and_nothing_is_created(embedded_db):
    db = embedded_db
    admin = actor(Role.ADMIN, None)
    for password, why in (("Ab1-xyz", "length"),          # 7 characters
                          ("abcdefghij", "variety"),      # one kind of character only
                          ("1234567890", "variety"),
                          ("", "length")):
        with pytest.raises(WeakPassword) as excinfo:
            with db.session(admin, write=True) as s:
                accounts.add_user(s, admin, username="lina", display_name="李娜", password=password,
                                  roles=[(Role.RECEPTION, None)])
        assert excinfo.value.params["reason"] == why, password
    assert count(db, User) == 0
    assert count(db, AuditEntry) == 0


def test_the_minimum_password_length_is_an_institution_setting(embedded_db):
    db = embedded_db
    user = add_user(db, "wangfang", [(Role.HR_OFFICER, None)])
    before = stored_user(db, "wangfang").password_hash
    set_institution(db, security__min_password_length=12)
    admin = actor(Role.ADMIN, None)
    with pytest.raises(WeakPassword) as excinfo:
        with db.session(admin, write=True) as s:
            accounts.reset_password(s, admin, "wangfang", "Eleven-ch-1")
    assert excinfo.value.params["minimum"] == 12
    with pytest.raises(WeakPassword):
        with db.session(user, write=True) as s:
            accounts.change_own_password(s, user, PASSWORD, "Eleven-ch-1")
    assert stored_user(db, "wangfang").password_hash == before


def test_user_names_are_unique_regardless_of_case(embedded_db):
    db = embedded_db
    add_user(db, "WangFang", [(Role.HR_OFFICER, None)])
    admin = actor(Role.ADMIN, None)
    for taken in ("wangfang", "WANGFANG", " wangFang "):
        with pytest.raises(DuplicateRecord) as excinfo:
            with db.session(admin, write=True) as s:
                accounts.add_user(s, admin, username=taken, display_name="另一个王芳", password=PASSWORD,
                                  roles=[(Role.INTERVIEWER, None)])
        assert excinfo.value.params["field"] == "username"
    assert count(db, User) == 1


def test_user_names_with_spaces_and_missing_names_or_roles_are_refused(embedded_db):
    db = embedded_db
    admin = actor(Role.ADMIN, None)
    with pytest.raises(ValidationFailed) as excinfo:
        with db.session(admin, write=True) as s:
            accounts.add_user(s, admin, username="wang fang", display_name=" ", password=PASSWORD,
                              roles=[(Role.HR_OFFICER, None)])
    assert excinfo.value.problems == {"username": "username_format", "display_name": "required"}
    with pytest.raises(ValidationFailed) as excinfo:
        with db.session(admin, write=True) as s:
            accounts.add_user(s, admin, username="wangfang", display_name="王芳", password=PASSWORD, roles=[])
    assert excinfo.value.problems == {"roles": "required"}
    assert count(db, User) == 0
