"""The health check an admin runs on an open database: is the file sound, is the schema the one this
program expects, and does the audit chain still hold?"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from desktop.core.audit import ChainReport, verify_chain
from desktop.core.errors import NewerSchema
from desktop.core.storage import migrate
from desktop.core.storage.database import Database


@dataclass(frozen=True)
class CheckReport:
    """`problems` holds codes: integrity, cipher_integrity, foreign_keys, schema_behind, schema_unknown,
    audit_chain. On PostgreSQL, integrity means an invalid index and foreign_keys a constraint that
    was never validated; the server checks pages itself."""

    backend: str
    problems: tuple[str, ...]
    integrity: tuple[str, ...]          # what the checks reported, empty when sound
    cipher_integrity: tuple[str, ...]
    foreign_key_violations: int
    row_counts: dict[str, int]
    revision: str | None
    head: str
    chain: ChainReport | None          # None when the database has no schema yet

    @property
    def ok(self) -> bool:
        return not self.problems


def check(db: Database) -> CheckReport:
    problems: list[str] = []
    with db.engine.connect() as conn:
        if db.is_embedded:
            integrity = tuple(r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check") if r[0] != "ok")
            cipher = tuple(str(r[0]) for r in conn.exec_driver_sql("PRAGMA cipher_integrity_check"))
            fk_violations = len(conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall())
        else:
            integrity, cipher, fk_violations = _server_checks(conn)
        tables = inspect(conn).get_table_names()
        quote = conn.dialect.identifier_preparer.quote
        counts = {t: conn.execute(text(f"SELECT count(*) FROM {quote(t)}")).scalar_one() for t in sorted(tables)}
        conn.rollback()
    if integrity:
        problems.append("integrity")
    if cipher:
        problems.append("cipher_integrity")
    if fk_violations:
        problems.append("foreign_keys")
    head = migrate.head_revision()
    try:
        revision = migrate.schema_state(db).current
    except NewerSchema:
        revision = migrate.current_revision(db)
        problems.append("schema_unknown")
    else:
        if revision != head:
            problems.append("schema_behind")
    chain = None
    if "audit_log" in tables and "audit_head" in tables:
        with db.session() as session:
            chain = verify_chain(session)
        if not chain.ok:
            problems.append("audit_chain")
    return CheckReport(db.kind, tuple(problems), integrity, cipher, fk_violations, counts, revision, head, chain)


def _server_checks(conn: Connection) -> tuple[tuple[str, ...], tuple[str, ...], int]:
    invalid_indexes = conn.execute(text(
        "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "WHERE NOT i.indisvalid AND c.relnamespace = current_schema()::regnamespace ORDER BY 1")).scalars().all()
    unvalidated = conn.execute(text(
        "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated "
        "AND connamespace = current_schema()::regnamespace")).scalar_one()
    return tuple(f"invalid index {name}" for name in invalid_indexes), (), int(unvalidated)
