"""Helpers shared by the storage tests: realistic records, file fingerprints and deliberate damage."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from sqlalchemy import select

from desktop.core.clock import Clock
from desktop.core.model import Candidate, Department, Education, Gender
from desktop.core.storage import migrate
from desktop.core.storage.database import Database, create_embedded

from factories import PASSPHRASE, PG_ADMIN_DSN  # noqa: F401  (re-exported for the storage tests)
from factories import pg_url as server_url  # noqa: F401

PAGE = 4096                         # SQLCipher 4 default page size

PEOPLE = [
    ("张伟", "138-0013-8000", "zhangwei@example.cn", "110101199003071234", date(1990, 3, 7)),
    ("王芳", "+86 139 1234 5678", "wangfang@example.cn", "310104198811230021", date(1988, 11, 23)),
    ("李娜", "13700001111", None, None, None),
    ("刘洋", None, "liuyang@example.cn", None, date(1995, 1, 30)),
]


def make_embedded(path: Path, clock: Clock) -> tuple[Database, str]:
    """A new encrypted file at the head schema, and its recovery key."""
    db, recovery = create_embedded(path, PASSPHRASE, clock=clock)
    migrate.upgrade(db)
    return db, recovery


def add_people(db: Database, clock: Clock, people=PEOPLE, department_code: str = "RS") -> list[int]:
    """A department and one candidate per entry of `people`; returns the candidate ids."""
    now = clock.now()
    with db.session(write=True) as s:
        dept = s.scalar(select(Department).where(Department.code == department_code))
        if dept is None:
            dept = Department(name="人事处", code=department_code, created_at=now)
            s.add(dept)
            s.flush()
        made = [Candidate(name=name, phone=phone, email=email, id_number=id_number, birth_date=born,
                          gender=Gender.UNSPECIFIED, education=Education.MASTER, school="北京大学",
                          major="人力资源管理", years_experience=3, department_id=dept.id,
                          created_at=now, updated_at=now)
                for name, phone, email, id_number, born in people]
        s.add_all(made)
        s.flush()
        return [c.id for c in made]


def candidate_rows(db: Database) -> list[tuple]:
    """Every candidate column of every row, in id order: equal lists mean equal data."""
    table = Candidate.__table__
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(table).order_by(table.c.id))]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file under `folder` (relative name → SHA-256): equal dicts mean nothing was written,
    created or removed."""
    return {str(p.relative_to(folder)): sha256(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def flip(path: Path, offset: int, count: int = 16) -> None:
    """Invert `count` bytes at `offset`, as a failing disk or a careless copy would."""
    data = bytearray(path.read_bytes())
    assert offset + count <= len(data), "offset beyond the end of the file"
    data[offset:offset + count] = bytes(b ^ 0xFF for b in data[offset:offset + count])
    path.write_bytes(bytes(data))


def last_page_offset(path: Path) -> int:
    """An offset inside the last page (never page 1): SQLCipher's page HMAC must catch it."""
    pages = path.stat().st_size // PAGE
    assert pages > 2
    return (pages - 1) * PAGE + 200
