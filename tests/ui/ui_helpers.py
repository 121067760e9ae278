"""Seeding for the UI tests, through the same core services the app uses."""

from __future__ import annotations

from pathlib import Path

from desktop.core import accounts
from desktop.core.model import Role
from desktop.core.services import candidates, departments, positions
from desktop.core.services.candidates import CandidateInput
from desktop.core.services.positions import PositionInput
from desktop.core.storage.database import Actor, Database
from desktop.core.validation import id_number_check_digit

PASSWORD = "Pass-word-1"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"


def add_user(db: Database, username: str, roles: list[tuple[Role, int | None]], *,
             display_name: str = "", department_id: int | None = None) -> Actor:
    with db.session(Actor.command_line(), write=True) as session:
        info = accounts.add_user(session, Actor.command_line(), username=username,
                                 display_name=display_name or username, password=PASSWORD, roles=roles,
                                 department_id=department_id)
        return accounts.actor_for_user(session, info.id)


def add_department(db: Database, name: str, code: str, parent_id: int | None = None) -> int:
    with db.session(Actor.command_line(), write=True) as session:
        return departments.create_department(session, Actor.command_line(), name, code, parent_id)


def valid_id_number(serial: int, birth: str = "19900307") -> str:
    first17 = "110101" + birth + f"{serial % 1000:03d}"
    return first17 + id_number_check_digit(first17)


def phone_of(number: int) -> str:
    return f"139{number:08d}"


def add_candidates(db: Database, count: int, department_id: int | None = None) -> list[int]:
    """`count` candidates named like 王伟0001, phones 139000000NN, in one unit of work."""
    ids = []
    with db.session(Actor.command_line(), write=True) as session:
        for n in range(count):
            name = SURNAMES[n % len(SURNAMES)] + GIVEN[(n // len(SURNAMES)) % len(GIVEN)] + f"{n:04d}"
            ids.append(candidates.create_candidate(session, Actor.command_line(), CandidateInput(
                name=name, phone=phone_of(n), email=f"c{n:04d}@example.cn", years_experience=n % 20,
                school="北京大学" if n % 2 else "复旦大学", department_id=department_id)))
    return ids


def add_position(db: Database, code: str, title: str, department_id: int, **fields) -> int:
    with db.session(Actor.command_line(), write=True) as session:
        return positions.create_position(session, Actor.command_line(),
                                          PositionInput(code=code, title=title, department_id=department_id,
                                                        **fields))


def shots(qtbot, widget, folder: Path, name: str) -> None:
    """`widget` at its size in Chinese and, rebuilt, in English: `folder/name_zh.png`, `name_en.png`
    (only where the folder's parent exists: the screenshots are for looking at, not for the test)."""
    from PySide6.QtWidgets import QApplication

    from desktop.ui import i18n

    if not folder.parent.exists():
        return
    folder.mkdir(exist_ok=True)
    widget.grab().save(str(folder / f"{name}_zh.png"))
    app = QApplication.instance()
    i18n.install(app, "en")
    rebuilt = type(widget)(widget.ctx)
    qtbot.addWidget(rebuilt)
    rebuilt.resize(widget.size())
    rebuilt.show()
    qtbot.waitUntil(lambda: widget.ctx.tasks.is_idle, timeout=10_000)
    rebuilt.grab().save(str(folder / f"{name}_en.png"))
    i18n.install(app, "zh_CN")
