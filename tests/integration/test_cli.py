"""`interviewdesk` as the IT office uses it: creating the database, accounts, settings, the audit
check, the language of its messages, and the same commands against a PostgreSQL server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.core import accounts
from desktop.core.errors import AccountDisabled, LoginFailed
from desktop.core.storage.database import open_embedded, open_server
from desktop.core import labels
from test_cli_support import (  # noqa: F401  (fixtures)
    ADMIN_PASSWORD, PASSPHRASE, RECOVERY_KEY, WRONG_PASSPHRASE_ZH, cli, database, empty_pg_url, template,
)

ROOT = Path(__file__).resolve().parents[2]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("INTERVIEWDESK_", "LC_", "LANG"))}
    return env | {"QT_QPA_PLATFORM": "offscreen"} | extra


def test_python_dash_m_desktop_is_the_command_line_and_speaks_the_desktop_language(tmp_path):
    db = tmp_path / "office" / "interviewdesk.db"
    secrets = {"INTERVIEWDESK_HOME": str(tmp_path / "home"), "INTERVIEWDESK_PASSPHRASE": PASSPHRASE,
               "INTERVIEWDESK_ADMIN_PASSWORD": ADMIN_PASSWORD}
    created = subprocess.run([sys.executable, "-m", "desktop", "--db", str(db), "init", "--admin", "admin"],
                             cwd=ROOT, env=_env(LC_ALL="zh_CN.UTF-8", **secrets), capture_output=True,
                             text=True, timeout=120)
    assert created.returncode == 0, created.stderr
    assert "恢复密钥" in created.stdout and RECOVERY_KEY.search(created.stdout)

    english = subprocess.run([sys.executable, "-m", "desktop", "--db", str(db), "audit", "verify"],
                             cwd=ROOT, env=_env(LC_ALL="en_US.UTF-8", **secrets), capture_output=True,
                             text=True, timeout=120)
    assert english.returncode == 0, english.stderr
    assert "Audit log intact" in english.stdout



def test_init_shows_a_recovery_key_that_opens_the_file_and_creates_the_first_admin(cli, tmp_path, monkeypatch):
    db = tmp_path / "interviewdesk.db"
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("INTERVIEWDESK_ADMIN_PASSWORD", ADMIN_PASSWORD)

    result = cli("--db", db, "init", "--admin", "it.admin", "--admin-name", "信息中心管理员")

    assert result.code == 0, result.err
    assert "请立即抄写恢复密钥" in result.out
    recovery = RECOVERY_KEY.search(result.out).group(0)
    opened = open_embedded(db, recovery_key=recovery)
    try:
        assert accounts.login(opened, "it.admin", ADMIN_PASSWORD).actor.display_name == "信息中心管理员"
    finally:
        opened.dispose()
    again = cli("--db", db, "init", "--admin", "other")
    assert again.code == 1 and "已存在数据库" in again.err


@pytest.mark.parametrize("args, env, code", [
    (["init"], {"INTERVIEWDESK_PASSPHRASE": PASSPHRASE, "INTERVIEWDESK_ADMIN_PASSWORD": ADMIN_PASSWORD}, 2),
    (["init", "--admin", "admin"], {"INTERVIEWDESK_ADMIN_PASSWORD": ADMIN_PASSWORD}, 2),
    (["init", "--admin", "admin"],
     {"INTERVIEWDESK_PASSPHRASE": "short", "INTERVIEWDESK_ADMIN_PASSWORD": ADMIN_PASSWORD}, 1),
    (["init", "--admin", "admin"], {"INTERVIEWDESK_PASSPHRASE": PASSPHRASE, "INTERVIEWDESK_ADMIN_PASSWORD": "abc"}, 1),
], ids=["no-admin", "no-passphrase", "weak-passphrase", "weak-admin-password"])
def test_init_refuses_before_creating_anything(cli, tmp_path, monkeypatch, args, env, code):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = cli("--db", tmp_path / "office" / "interviewdesk.db", *args)
    assert result.code == code
    assert result.err.strip()
    assert not (tmp_path / "office").exists() or not any((tmp_path / "office").iterdir())


def test_passphrase_file_is_read_and_prompt_confirms_on_a_terminal(cli, database, tmp_path, monkeypatch):
    path, _recovery = database
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\r\nignored second line\n", encoding="utf-8")
    assert cli("--db", path, "--passphrase-file", secret, "audit", "verify").code == 0

    class Terminal:
        def isatty(self) -> bool:
            return True

    answers = iter(["User-pass-1", "User-pass-2"])
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr("getpass.getpass", lambda prompt="": PASSPHRASE if "口令" in prompt else next(answers))
    mismatch = cli("--db", path, "users", "add", "hr.li", "--name", "李静", "--role", "hr_officer")
    assert mismatch.code == 2 and "两次输入不一致" in mismatch.err


def test_users_are_added_listed_disabled_enabled_and_reset(cli, database, monkeypatch):
    path, _recovery = database
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("INTERVIEWDESK_USER_PASSWORD", "Start-pass-1")
    assert cli("--db", path, "demo", "--candidates", "20", "--interviews", "5").code == 0

    added = cli("--db", path, "users", "add", "yw.li", "--name", "李医生", "--role", "interviewer@YWB",
                "--role", "dept_leader@ywb-nk", "--department", "YWB-NK")
    assert added.code == 0, added.err
    assert f"{labels.role('interviewer')}（医务部）" in added.out  # role names are worded by desktop.core.labels
    assert f"{labels.role('dept_leader')}（内科）" in added.out

    listed = cli("--db", path, "users", "list")
    row = next(line for line in listed.out.splitlines() if line.startswith("yw.li "))
    assert "李医生" in row and "内科" in row and "启用" in row

    assert cli("--db", path, "users", "disable", "yw.li").code == 0
    assert "停用" in next(line for line in cli("--db", path, "users", "list").out.splitlines()
                        if line.startswith("yw.li "))
    db = open_embedded(path, passphrase=PASSPHRASE)
    try:
        with pytest.raises(AccountDisabled):
            accounts.login(db, "yw.li", "Start-pass-1")
    finally:
        db.dispose()

    assert cli("--db", path, "users", "enable", "yw.li").code == 0
    monkeypatch.setenv("INTERVIEWDESK_USER_PASSWORD", "Temporary-2")
    assert cli("--db", path, "users", "reset-password", "yw.li").code == 0
    db = open_embedded(path, passphrase=PASSPHRASE)
    try:
        with pytest.raises(LoginFailed):
            accounts.login(db, "yw.li", "Start-pass-1")
        assert accounts.login(db, "yw.li", "Temporary-2").must_change_password
    finally:
        db.dispose()


@pytest.mark.parametrize("args, code, words", [
    (["users", "add", "x.y", "--name", "X", "--role", "boss"], 2, "未知角色"),
    (["users", "add", "x.y", "--name", "X", "--role", "interviewer@NOPE"], 1, "未知部门代码"),
    (["users", "add", "admin", "--name", "X", "--role", "interviewer"], 1, "已被使用"),
    (["users", "disable", "nobody"], 1, "记录已不存在"),
])
def test_user_commands_explain_what_is_wrong(cli, database, monkeypatch, args, code, words):
    path, _recovery = database
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("INTERVIEWDESK_USER_PASSWORD", "Start-pass-1")
    result = cli("--db", path, *args)
    assert result.code == code
    assert words in result.err


def test_a_missing_password_without_a_terminal_is_a_usage_error(cli, database, monkeypatch):
    path, _recovery = database
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    result = cli("--db", path, "users", "add", "a.b", "--name", "A", "--role", "reception")
    assert result.code == 2
    assert "INTERVIEWDESK_USER_PASSWORD" in result.err


def test_machine_settings_work_without_any_database(cli, tmp_path):
    nowhere = tmp_path / "not-created.db"
    assert cli("--db", nowhere, "config", "set", "ui.language", "en").code == 0
    assert cli("--db", nowhere, "config", "get", "ui.language").out.strip() == "en"
    listed = cli("--db", nowhere, "config", "list")
    assert listed.code == 0 and "ui.language" in listed.out and "office.name" not in listed.out
    assert not nowhere.exists()
    needs_db = cli("--db", nowhere, "config", "get", "office.name")
    assert needs_db.code == 1 and "此位置没有数据库" in needs_db.err


def test_institution_settings_live_in_the_database_and_secrets_are_masked(cli, database, monkeypatch):
    path, _recovery = database
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    assert cli("--db", path, "config", "set", "office.name", "滨江市第一人民医院").code == 0
    on_the_command_line = cli("--db", path, "config", "set", "database.url", "postgresql://hr:s3cret@db.local/hr")
    assert on_the_command_line.code == 2 and "INTERVIEWDESK_SETTING_VALUE" in on_the_command_line.err
    monkeypatch.setenv("INTERVIEWDESK_SETTING_VALUE", "postgresql://hr:s3cret@db.local/hr")
    assert cli("--db", path, "config", "set", "database.url").code == 0
    monkeypatch.delenv("INTERVIEWDESK_SETTING_VALUE")
    assert cli("--db", path, "config", "get", "office.name").out.strip() == "滨江市第一人民医院"

    listed = cli("--db", path, "config", "list")
    assert "滨江市第一人民医院" in listed.out and "security.max_failed_logins" in listed.out
    assert "s3cret" not in listed.out and "******" in listed.out

    refused = cli("--db", path, "config", "set", "security.max_failed_logins", "999")
    assert refused.code == 1 and "security.max_failed_logins" in refused.err
    unknown = cli("--db", path, "config", "get", "no.such.key")
    assert unknown.code == 1 and "未知的设置项" in unknown.err


def test_config_export_and_import_round_trip_and_a_bad_value_changes_nothing(cli, database, tmp_path, monkeypatch):
    path, _recovery = database
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    exported = tmp_path / "settings.json"
    assert cli("--db", path, "config", "export", exported).code == 0
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["institution"]["security.lockout_minutes"] == 15 and "ui.language" in data["machine"]

    data["institution"]["security.lockout_minutes"] = 30
    data["machine"]["ui.language"] = "en"
    exported.write_text(json.dumps(data), encoding="utf-8")
    assert cli("--db", path, "config", "import", exported).code == 0
    assert cli("--db", path, "config", "get", "security.lockout_minutes").out.strip() == "30"
    assert cli("--db", path, "config", "get", "ui.language").out.strip() == "en"

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"ui.language": "zh_CN", "office.name": "新名称",
                               "security.lockout_minutes": "soon"}), encoding="utf-8")
    refused = cli("--db", path, "config", "import", bad)
    assert refused.code == 1 and "security.lockout_minutes" in refused.err
    assert cli("--db", path, "config", "get", "ui.language").out.strip() == "en"
    assert cli("--db", path, "config", "get", "security.lockout_minutes").out.strip() == "30"
    assert cli("--db", path, "config", "get", "office.name").out.strip() == ""

    on_screen = cli("--db", path, "config", "export")
    assert json.loads(on_screen.out)["institution"]["security.lockout_minutes"] == 30
    assert "未导出" in on_screen.err and "mail.smtp_password" in on_screen.err


def test_audit_verify_names_the_first_tampered_entry(cli, database, monkeypatch):
    path, _recovery = database
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    ok = cli("--db", path, "audit", "verify")
    assert ok.code == 0 and "审计日志完好" in ok.out

    db = open_embedded(path, passphrase=PASSPHRASE)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET actor_name = 'mallory' WHERE seq = 3"))
    db.dispose()

    broken = cli("--db", path, "audit", "verify")
    assert broken.code == 1
    assert "#3" in broken.out and "写入后被修改" in broken.out


def test_messages_follow_lang_then_the_machine_setting(cli, database, monkeypatch):
    path, _recovery = database
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    assert "Audit log intact" in cli("--db", path, "audit", "verify", lang="en").out
    assert "审计日志完好" in cli("--db", path, "audit", "verify", lang="zh_CN").out

    assert cli("--db", path, "config", "set", "ui.language", "en").code == 0
    assert "Audit log intact" in cli("--db", path, "audit", "verify", lang=None).out
    assert cli("--db", path, "config", "set", "ui.language", "zh_CN").code == 0
    assert "审计日志完好" in cli("--db", path, "audit", "verify", lang=None).out

    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", "wrong-passphrase-1")
    english = cli("--db", path, "users", "list", lang="en")
    assert english.code == 1 and "Wrong passphrase" in english.err and "Traceback" not in english.err


def test_usage_errors_exit_with_2(cli):
    assert cli("users").code == 2
    assert cli("--db", "a.db", "--db-url", "postgresql://x/y", "db", "where").code == 2
    assert cli("--help").code == 0


@pytest.mark.postgres
def test_server_database_init_demo_users_and_audit(cli, empty_pg_url, monkeypatch):
    monkeypatch.setenv("INTERVIEWDESK_ADMIN_PASSWORD", ADMIN_PASSWORD)
    created = cli("--db-url", empty_pg_url, "init", "--admin", "admin")
    assert created.code == 0, created.err
    assert not RECOVERY_KEY.search(created.out)  # the server guards its data; there is no key file

    assert cli("--db-url", empty_pg_url, "demo").code == 0
    monkeypatch.setenv("INTERVIEWDESK_USER_PASSWORD", "Start-pass-1")
    added = cli("--db-url", empty_pg_url, "users", "add", "hr.new", "--name", "新同事", "--role", "hr_officer@RSC")
    assert added.code == 0, added.err
    listed = cli("--db-url", empty_pg_url, "users", "list")
    assert "hr.new" in listed.out and "hr.wangli" in listed.out
    assert cli("--db-url", empty_pg_url, "audit", "verify").code == 0

    db = open_server(empty_pg_url)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET entity_id = '999' WHERE seq = 10"))
    db.dispose()
    broken = cli("--db-url", empty_pg_url, "audit", "verify")
    assert broken.code == 1 and "#10" in broken.out
    assert cli("--db-url", empty_pg_url, "init", "--admin", "admin").code == 1


def test_an_unexpected_error_gives_a_message_and_a_hint_but_no_personal_data(cli, database, monkeypatch):
    path, _recovery = database
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)

    def broken(session):
        raise RuntimeError("lookup failed for 13800138000")

    monkeypatch.setattr("desktop.cli.maintenance.verify_chain", broken)
    quiet = cli("--db", path, "audit", "verify")
    assert quiet.code == 1
    assert "发生了意外错误" in quiet.err and "--debug" in quiet.err
    assert "13800138000" not in quiet.text and "Traceback" not in quiet.text

    loud = cli("--db", path, "--debug", "audit", "verify")
    assert loud.code == 1 and "Traceback" in loud.err


def test_without_a_command_the_desktop_application_starts(monkeypatch, tmp_path):
    started = []
    monkeypatch.setattr("desktop.app.run_gui", lambda target, language, link=None: started.append(
        (target, language, link)) or 0)
    from desktop.cli import main

    assert main([]) == 0
    assert main(["--db", str(tmp_path / "x.db"), "--lang", "en"]) == 0
    assert main(["--open", "interviewdesk://interview/42"]) == 0     # a link Windows hands over
    assert started[0] == (None, None, None)
    assert started[1][0].path == tmp_path / "x.db" and started[1][1] == "en"
    assert started[2] == (None, None, "interviewdesk://interview/42")
