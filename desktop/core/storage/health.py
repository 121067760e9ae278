"""The health check an admin runs on an open database: is the file sound, is the schema the one this
program expects, and does the audit chain still hold?"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from desktop.core.audit import ChainReport, verify_chain
from desktop.core.errors import DatabaseDamaged, NewerSchema
from desktop.core.reconcile import ReconcileReport, reconcile
from desktop.core.storage import migrate
from desktop.core.storage.database import Database

# A page that cannot be read: the driver's error, or the typed one the engine turns it into.
UNREADABLE = (DBAPIError, DatabaseDamaged)


@dataclass(frozen=True)
class CheckReport:
    """`problems` holds codes: integrity, cipher_integrity, foreign_keys, unreadable, schema_behind,
    schema_unknown, audit_chain, records_differ (a live row is not what the audit log last recorded, or
    has no history there: `reconciliation` names each). On PostgreSQL, integrity means an invalid index and foreign_keys a constraint that
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
    reconciliation: ReconcileReport | None = None   # None when the schema is not this program's

    @property
    def ok(self) -> bool:
        return not self.problems


def check(db: Database) -> CheckReport:
    """Run every check that exists on this backend and report, never raise, what does not hold; a
    damaged page shows as a failed check ("unreadable") rather than an exception."""
    problems: list[str] = []
    counts: dict[str, int] = {}
    with db.engine.connect() as conn:
        if db.is_embedded:
            integrity = _messages(conn, "PRAGMA integrity_check", ignore="ok")
            cipher = _messages(conn, "PRAGMA cipher_integrity_check")
            fk_rows = _messages(conn, "PRAGMA foreign_key_check")
            fk_violations = 0 if fk_rows is None else len(fk_rows)
        else:
            integrity, cipher, fk_violations = _server_checks(conn)
            fk_rows = ()
        if integrity is None or cipher is None or fk_rows is None:
            problems.append("unreadable")
        tables = inspect(conn).get_table_names()
        quote = conn.dialect.identifier_preparer.quote
        for table in sorted(tables):
            try:
                counts[table] = conn.execute(text(f"SELECT count(*) FROM {quote(table)}")).scalar_one()
            except UNREADABLE:
                problems.append("unreadable")
                conn.rollback()
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
    except NewerSchema as exc:
        revision = str(exc.params.get("revision"))
        problems.append("schema_unknown")
    except UNREADABLE:
        revision = None
        problems.append("unreadable")
    else:
        if revision != head:
            problems.append("schema_behind")
    chain = None
    if "audit_log" in tables and "audit_head" in tables:
        try:
            with db.session() as session:
                chain = verify_chain(session)
        except UNREADABLE:
            problems.append("unreadable")
        else:
            if not chain.ok:
                problems.append("audit_chain")
    reconciliation = _reconcile(db, problems) if revision == head and "unreadable" not in problems else None
    return CheckReport(db.kind, tuple(dict.fromkeys(problems)), integrity or (), cipher or (), fk_violations,
                       counts, revision, head, chain, reconciliation)


def _reconcile(db: Database, problems: list[str]) -> ReconcileReport | None:
    """Live rows against the values the audit log last recorded (desktop/core/reconcile.py); only on
    this program's schema, whose tables the comparison knows."""
    try:
        with db.session() as session:
            report = reconcile(session)
    except UNREADABLE:
        problems.append("unreadable")
        return None
    if not report.ok:
        problems.append("records_differ")
    return report


def _messages(conn: Connection, pragma: str, ignore: str | None = None) -> tuple[str, ...] | None:
    """What a checking pragma reported (empty when sound), or None when the check could not read the file."""
    try:
        rows = conn.exec_driver_sql(pragma).fetchall()
    except UNREADABLE:
        conn.rollback()
        return None
    return tuple(" ".join(str(v) for v in row) for row in rows if not (ignore and row[0] == ignore))


def _server_checks(conn: Connection) -> tuple[tuple[str, ...], tuple[str, ...], int]:
    invalid_indexes = conn.execute(text(
        "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "WHERE NOT i.indisvalid AND c.relnamespace = current_schema()::regnamespace ORDER BY 1")).scalars().all()
    unvalidated = conn.execute(text(
        "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated "
        "AND connamespace = current_schema()::regnamespace")).scalar_one()
    return tuple(f"invalid index {name}" for name in invalid_indexes), (), int(unvalidated)
