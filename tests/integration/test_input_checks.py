"""What an HR officer or an admin enters, checked before anything is written, on both backends: names
with control or invisible characters, broken text and huge free text are refused with a reason; a
reference to a department that does not exist is not called a duplicate; names that start with digits
can be found; landlines are kept with their extension; settings refuse values of the wrong type."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.core import accounts, settings
from desktop.core.errors import (
    DuplicateRecord, InvalidSetting, ReferenceMissing, StillReferenced, ValidationFailed,
)
from desktop.core.model import AuditEntry, Candidate, Department, Position, Role
from desktop.core.paths import app_dirs
from desktop.core.services import candidates, config, positions
from desktop.core.services.candidates import CandidateInput
from desktop.core.services.paging import ListQuery
from desktop.core.services.positions import PositionInput
from desktop.ui import i18n, messages
from factories import SYSTEM, add_candidate, count, department_tree

HR = SYSTEM


@pytest.fixture(autouse=True)
def chinese(qapp):
    """Messages as users see them (Chinese is the default language); English again afterwards."""
    i18n.install(qapp, "zh_CN")
    yield
    i18n.install(qapp, "en")


def create(db, data: CandidateInput) -> int:
    with db.session(HR, write=True) as s:
        return candidates.create_candidate(s, HR, data)


def refused(db, data: CandidateInput) -> dict[str, str]:
    before = (count(db, Candidate), count(db, AuditEntry))
    with pytest.raises(ValidationFailed) as excinfo:
        create(db, data)
    assert (count(db, Candidate), count(db, AuditEntry)) == before   # nothing written
    return excinfo.value.problems


def test_candidate_names_with_control_invisible_or_broken_characters_are_refused(db):
    for name in ("张\x00伟", "张\x1b[2J伟", "张\x07伟", "张伟\n李娜", "张\u200b伟", "\u202e伟张"):
        assert refused(db, CandidateInput(name=name)) == {"name": "control_chars"}, repr(name)
    assert refused(db, CandidateInput(name="张\udcff伟")) == {"name": "bad_chars"}
    assert refused(db, CandidateInput(name="王芳", school="复旦\x1b[0m大学")) == {"school": "control_chars"}


def test_five_megabyte_free_text_is_refused_and_its_limit_is_named(db):
    huge = "经历" * (5 * 1024 * 1024 // 2)
    problems = refused(db, CandidateInput(name="王芳", resume_summary=huge, experience=huge, skills=huge))
    assert problems == {"resume_summary": "too_long", "experience": "too_long", "skills": "too_long"}
    text = messages.describe(ValidationFailed({"resume_summary": "too_long"}))
    assert "简历摘要：过长（最多 20000 个字符）" in text


def test_free_text_keeps_its_lines_and_names_are_stored_nfc(db):
    cid = create(db, CandidateInput(name="Jose\u0301  Li", resume_summary="第一段\r\n第二段"))
    with db.session() as s:
        name, summary = s.execute(select(Candidate.name, Candidate.resume_summary).where(Candidate.id == cid)).one()
    assert (name, summary) == ("Jos\u00e9 Li", "第一段\n第二段")


def test_position_titles_and_descriptions_are_checked_the_same_way(db):
    depts = department_tree(db)
    with pytest.raises(ValidationFailed) as excinfo:
        with db.session(HR, write=True) as s:
            positions.create_position(s, HR, PositionInput(code="NK-09", title="内科\x1b]0;x\x07医师",
                                                           department_id=depts.a,
                                                           description="岗" * 30000))
    assert excinfo.value.problems == {"title": "control_chars", "description": "too_long"}


def test_user_names_and_contact_details_are_checked(db):
    with pytest.raises(ValidationFailed) as excinfo:
        with db.session(HR, write=True) as s:
            accounts.add_user(s, HR, username="li\x1bna", display_name="李\u202e娜", password="Li-na-pass-1",
                              roles=[(Role.INTERVIEWER, None)])
    assert excinfo.value.problems == {"username": "username_format", "display_name": "control_chars"}
    with pytest.raises(ValidationFailed) as excinfo:
        with db.session(HR, write=True) as s:
            accounts.add_user(s, HR, username="lina", display_name="李娜", password="Li-na-pass-1",
                              roles=[(Role.INTERVIEWER, None)], email="lina@", phone="8765432")
    assert excinfo.value.problems == {"email": "email_format", "phone": "phone_format"}


# --- references and duplicates, told apart ------------------------------------------------------------

def test_a_department_that_does_not_exist_is_reported_as_missing_not_as_a_duplicate(db):
    before = count(db, Candidate)
    with pytest.raises(ReferenceMissing) as excinfo:
        create(db, CandidateInput(name="王芳", department_id=987654))
    assert count(db, Candidate) == before
    assert "已不存在" in messages.describe(excinfo.value)
    assert "已存在" not in messages.describe(excinfo.value).replace("已不存在", "")


def test_a_taken_unique_value_is_still_a_duplicate_with_its_field(db):
    department_tree(db)
    with pytest.raises(DuplicateRecord) as excinfo:
        with db.session(HR, write=True) as s:
            s.add(Department(name="另一个内科", code="NK", created_at=s.info["clock"].now()))
    assert messages.describe(excinfo.value) in ("编号已被使用。", "该记录已存在。")


def test_deleting_a_department_still_used_by_a_position_says_so(db):
    depts = department_tree(db)
    with db.session(HR, write=True) as s:
        positions.create_position(s, HR, PositionInput(code="NK-01", title="内科医师", department_id=depts.a))
    with pytest.raises(StillReferenced) as excinfo:
        with db.session(HR, write=True) as s:
            s.delete(s.get(Department, depts.a_sub))
            s.flush()
            s.delete(s.get(Department, depts.a))
    assert "仍被其他记录使用" in messages.describe(excinfo.value)
    assert count(db, Position) == 1


# --- search -----------------------------------------------------------------------------------------------

def test_a_name_that_starts_with_three_or_four_digits_is_found_by_name(db):
    depts = department_tree(db)
    add_candidate(db, "520李华", depts.a)
    add_candidate(db, "1234 Studio", depts.a)
    phone_owner = add_candidate(db, "王芳", depts.a, phone="13912345678")
    with db.session(HR, write=True) as s:   # identifier searches are audited: a writing unit of work
        def names(text: str) -> set[str]:
            return {r.name for r in candidates.list_candidates(s, HR, ListQuery(search=text)).rows}

        assert names("520") == {"520李华"}
        assert names("520李") == {"520李华"}
        assert names("1234") == {"1234 Studio"}
        assert names("139") == {"王芳"}            # a phone prefix still works
        assert names("5678") == {"王芳"}           # and the last four digits
    assert phone_owner


# --- landlines --------------------------------------------------------------------------------------------

def test_a_landline_with_an_extension_is_kept_and_found_by_its_last_four_digits(db):
    depts = department_tree(db)
    cid = add_candidate(db, "陈静", depts.a, phone="0571-8765432 转 123")
    with db.session() as s:
        phone, tail = s.execute(select(Candidate.phone, Candidate.phone_tail).where(Candidate.id == cid)).one()
    assert (phone, tail) == ("05718765432-123", "5432")
    with db.session(HR, write=True) as s:
        assert [r.name for r in candidates.list_candidates(s, HR, ListQuery(search="5432")).rows] == ["陈静"]
        assert [r.name for r in candidates.list_candidates(s, HR, ListQuery(search="0571-8765432")).rows] == ["陈静"]


def test_the_phone_error_names_both_mobiles_and_landlines():
    for code in ("phone_mobile", "phone_format"):
        text = messages.describe(ValidationFailed({"phone": code}))
        assert text.startswith("请修改以下内容：\n电话：")
        assert "010-12345678" in text and "0571-8765432-123" in text


# --- settings ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, reason, words", [
    ({"x": 1}, "type", "值必须是一段文字"),
    ("滨" * (1024 * 1024), "too_long", "最多 100 个字符"),
    ("滨江医院\x1b[2J", "control_chars", "控制字符"),
])
def test_a_wrong_institution_setting_is_refused_and_nothing_is_stored(db, value, reason, words):
    machine = app_dirs().machine_settings
    with pytest.raises(InvalidSetting) as excinfo:
        with db.session(HR, write=True) as s:
            config.set_values(s, HR, machine, {"notify.contact_name": "李老师", "office.name": value})
    assert excinfo.value.params["reason"] == reason
    assert words in messages.describe(excinfo.value)
    with db.session() as s:
        assert settings.institution_value(s, "office.name") == ""
        assert settings.institution_value(s, "notify.contact_name") == ""


# --- failures of the disk and the database, worded in the windows too -----------------------------------

def test_the_windows_word_a_full_disk_and_a_read_only_database(tmp_path):
    import errno
    import sqlite3

    from sqlalchemy import create_engine, text

    from desktop.core.errors import DiskFull, ReadOnlyStorage
    from desktop.core.failures import typed_failure

    import os

    full = os.open("/dev/full", os.O_WRONLY)
    try:
        with pytest.raises(OSError) as excinfo:
            os.write(full, b"x")
    finally:
        os.close(full)
    assert excinfo.value.errno == errno.ENOSPC
    assert isinstance(typed_failure(excinfo.value), DiskFull)
    assert messages.describe(excinfo.value) == "磁盘已满（或存储配额已用完）。操作未完成，数据库保持原状。请腾出空间后重试。"
    path = tmp_path / "plain.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    with pytest.raises(Exception) as excinfo, engine.begin() as conn:
        conn.execute(text("INSERT INTO t VALUES (1)"))
    engine.dispose()
    assert isinstance(typed_failure(excinfo.value), ReadOnlyStorage)
    assert "只读" in messages.describe(excinfo.value) and "意外" not in messages.describe(excinfo.value)


def test_a_lost_server_is_unreachable_not_unexpected():
    from sqlalchemy import create_engine, text

    from desktop.core.errors import DatabaseUnreachable
    from desktop.core.failures import typed_failure

    engine = create_engine("postgresql+psycopg://nobody@127.0.0.1:9/none", connect_args={"connect_timeout": 2})
    with pytest.raises(Exception) as excinfo, engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    engine.dispose()
    assert isinstance(typed_failure(excinfo.value), DatabaseUnreachable)
