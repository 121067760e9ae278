"""Does every record still hold what the audit log last recorded for it?

The audit chain proves the log was not rewritten (and its anchors, that it was not rewritten
wholesale); this module checks the other half: that the business rows were not changed behind the
program's back. For every audited table (every mapped class; role grants included) it folds each
record's entries in order — create, then updates, then delete — into the values the log last
recorded, and compares them with the live row:

- "differs": a value is not the one last recorded (an interview moved by SQL, a name edited, an
  admin grant changed), or the record was deleted without an entry ("missing");
- "no_history": a live row the log never saw created (an admin grant inserted by SQL).

Personal and secret fields are recorded only masked; they are compared through the keyed digest
the entry carries. An entry written before digests existed has none: such a value is counted as
"not comparable" (a masked value that differs still shows as a difference), never taken as equal.
A column marked personal later than a record's entries (scorecard comments, room notes) was
recorded in the clear there: the live value equal to it is the same value.
A column added by a later schema than a record's entries is not comparable for that record
(columns marked info={"audit": "derived"}, computed from the others, are simply skipped there).
Columns that the program itself writes outside the audit log (the outbox's delivery bookkeeping,
see desktop/core/delivery/outbox.py) are not compared.

One pass per table: the table's entries in (record, seq) order through the index on
(entity, entity_id, seq), the live rows fetched in batches by primary key, so memory stays bounded
by a batch whatever the size of the office.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Mapper, Session

from desktop.core.audit import _plain, _recorded, digest_key_of, field_digest, hidden, without_transient
from desktop.core.model import AuditEntry, AuditHead, Base

BATCH = 500
ROW_ACTIONS = ("create", "update", "delete", "baseline")
# Written by the program with plain UPDATEs, on purpose not audited one by one (the outbox entry is
# its own record of delivery): these columns are not compared.
OUTSIDE_LOG: dict[str, frozenset[str]] = {
    "OutboxEntry": frozenset({"state", "attempts", "last_error", "next_attempt_at", "claimed_by", "claimed_at",
                              "sent_at", "external_id", "sent_copy"}),
}
NEVER_COMPARED = frozenset({"version"})   # optimistic-lock counter; updates do not record it
# The default approval chain that schema revision 0003 gives every institution: rows written by
# the upgrade itself, whose record is the migration. They pass only while exactly as shipped.
SEEDED_CHAIN = {"name": "默认审批链", "department_id": None, "change_kind": None, "allow_same_day_apply": False,
                "is_active": True, "version": 1}
SEEDED_STEPS = [(1, "approve", "dept_leader"), (2, "file", "personnel_office"), (3, "confirm", "director")]


@dataclass(frozen=True)
class Finding:
    entity: str             # the mapped class's name, as in the audit log (Candidate, RoleGrant, ...)
    table: str
    record: str             # the primary key as the log writes it
    problem: str            # "differs", "missing", "no_history"
    fields: tuple[str, ...] = ()   # for "differs": the columns whose values are not the recorded ones


@dataclass(frozen=True)
class ReconcileReport:
    findings: tuple[Finding, ...]
    rows: int                       # live rows compared
    tables: int
    not_comparable: int             # hidden values whose entries carry no digest
    not_comparable_records: tuple[str, ...] = ()    # "Entity #id" of the first few, for the message

    @property
    def ok(self) -> bool:
        return not self.findings


@dataclass
class _Recorded:
    values: dict[str, Any] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)
    complete: bool = False      # a create (or baseline) entry was seen: every column is known
    alive: bool = False


def audited_mappers() -> list[Mapper]:
    return sorted((m for m in Base.registry.mappers if m.class_ not in (AuditEntry, AuditHead)),
                  key=lambda m: m.class_.__name__)


def fold(recorded: _Recorded | None, action: str, changes: dict[str, Any]) -> _Recorded:
    """Apply one entry to what the log says about a record."""
    state = recorded or _Recorded()
    if action in ("create", "baseline") and "after" in changes:
        state.values = dict(changes["after"] or {})
        state.digests = dict(changes.get("digests") or {})
        state.complete = state.alive = True
    elif action in ("delete",) or (action == "baseline" and changes.get("deleted")):
        state.alive = False
    elif action == "update":
        for name, change in changes.items():
            if not isinstance(change, dict) or "after" not in change:
                continue
            state.values[name] = change["after"]
            if "digest" in change:
                state.digests[name] = change["digest"]
            else:
                state.digests.pop(name, None)
    return state


def _record_id(mapper: Mapper, row: Any) -> str:
    return ",".join(str(getattr(row, c.key)) for c in mapper.primary_key)


def _key_of(mapper: Mapper, record: str) -> tuple | None:
    """The primary key values of a record id as the log writes it; None when it cannot be one."""
    parts = record.split(",")
    if len(parts) != len(mapper.primary_key):
        return None
    values = []
    for column, part in zip(mapper.primary_key, parts):
        try:
            values.append(column.type.python_type(part) if column.type.python_type is not str else part)
        except (ValueError, NotImplementedError):
            return None
    return tuple(values)


def _converter(column: Any) -> Any:
    """How the log writes this column's values (audit._recorded), chosen once per column: the
    comparison runs for every column of every row of a large office."""
    try:
        kind = column.type.python_type
    except NotImplementedError:
        kind = object
    if kind in (str, int, bool):
        return None                     # written as they are
    if kind in (Decimal, float):
        # The log keeps what the program assigned (1, 1.5, "1.50"), the database what it stored
        # (Decimal("1.00")): compare the numbers.
        return _number
    return lambda value: _plain(without_transient(column, value)) if value is not None else None


def _number(value: Any) -> Any:
    if value is None:
        return None
    try:
        return Decimal(str(value)).normalize()
    except (InvalidOperation, ValueError):
        return value


class _Comparer:
    def __init__(self, mapper: Mapper, key: bytes | None) -> None:
        self.mapper, self.key = mapper, key
        self.entity = mapper.class_.__name__
        skip = NEVER_COMPARED | OUTSIDE_LOG.get(self.entity, frozenset())
        self.columns = [(i, a.key, a.columns[0], hidden(a.columns[0]), _converter(a.columns[0]))
                        for i, a in enumerate(mapper.column_attrs) if a.key not in skip]
        self.not_comparable = 0
        self.not_comparable_records: list[str] = []

    def differences(self, row: Any, recorded: _Recorded) -> tuple[str, ...]:
        wrong, unsure = [], False
        values = recorded.values
        for index, name, column, is_hidden, convert in self.columns:
            live = row[index]
            if name not in values:
                # A column added by a later schema than the entry: its value is not comparable,
                # unless it is derived from the record's other values (a search key).
                unsure = unsure or (live is not None and column.info.get("audit") != "derived")
                continue
            if not is_hidden or live is None:
                if convert is None:
                    same = live == values[name]
                elif convert is _number:
                    same = _number(live) == _number(values[name])
                else:
                    same = convert(live) == values[name]
                if not same:
                    wrong.append(name)
                continue
            if name in recorded.digests and self.key is not None:
                if field_digest(self.key, self.entity, name, live) != recorded.digests[name]:
                    wrong.append(name)
            elif name not in recorded.digests and values[name] == _plain(live):
                continue      # recorded in the clear before the column was marked personal: the same value
            elif _recorded(column, name, live) != values[name]:
                wrong.append(name)            # even the mask differs
            else:
                unsure = True
        if unsure:
            self.not_comparable += 1
            if len(self.not_comparable_records) < 20:
                self.not_comparable_records.append(f"{self.entity} #{_record_id(self.mapper, row)}")
        return tuple(wrong)


def _entries(session: Session, entity: str) -> Iterator[tuple[str, list[tuple[str, dict]]]]:
    """(record id, [(action, changes), ...] in seq order) for every record of one entity."""
    query = (select(AuditEntry.entity_id, AuditEntry.action, AuditEntry.changes)
             .where(AuditEntry.entity == entity, AuditEntry.action.in_(ROW_ACTIONS))
             .order_by(AuditEntry.entity_id, AuditEntry.seq))
    current, entries = None, []
    for record, action, changes in session.execute(query.execution_options(yield_per=5000)):
        if record != current:
            if current is not None:
                yield current, entries
            current, entries = record, []
        entries.append((action, changes or {}))
    if current is not None:
        yield current, entries


def _live(session: Session, mapper: Mapper, keys: list[tuple]) -> dict[str, Any]:
    table = mapper.local_table
    pk = [table.c[c.name] for c in mapper.primary_key]
    where = pk[0].in_([k[0] for k in keys]) if len(pk) == 1 else tuple_(*pk).in_(keys)
    columns = [table.c[a.columns[0].name].label(a.key) for a in mapper.column_attrs]
    return {_record_id(mapper, row): row for row in session.execute(select(*columns).where(where))}


def _check_table(session: Session, mapper: Mapper, findings: list[Finding],
                 comparer: _Comparer) -> tuple[int, list[Any]]:
    """Compare one table; returns how many live rows had history and the rows that have none."""
    table = mapper.local_table.name
    seen: set[str] = set()
    batch: list[tuple[str, _Recorded]] = []

    def flush() -> None:
        keys = [k for k in (_key_of(mapper, r) for r, _s in batch) if k is not None]
        live = _live(session, mapper, keys) if keys else {}
        for record, recorded in batch:
            row = live.get(record)
            if row is None:
                if recorded.alive:
                    findings.append(Finding(comparer.entity, table, record, "missing"))
                continue
            seen.add(record)
            if not recorded.alive or not recorded.complete:
                findings.append(Finding(comparer.entity, table, record, "no_history"))
                continue
            wrong = comparer.differences(row, recorded)
            if wrong:
                findings.append(Finding(comparer.entity, table, record, "differs", wrong))
        batch.clear()

    for record, entries in _entries(session, comparer.entity):
        state = _seed_start(comparer.entity, record, entries)
        for action, changes in entries:
            state = fold(state, action, changes)
        batch.append((record, state))
        if len(batch) >= BATCH:
            flush()
    flush()
    pk = [mapper.local_table.c[c.name] for c in mapper.primary_key]
    unseen = [row for row in session.execute(select(*pk))
              if ",".join(str(v) for v in row) not in seen]
    return len(seen), unseen


def _seed_start(entity: str, record: str, entries: list[tuple[str, dict]]) -> _Recorded | None:
    """A default chain changed in Settings has update entries but no create: its record starts from
    the values the schema shipped (fields not changed since must still be those)."""
    if entity != "ApprovalChain" or not entries or entries[0][0] in ("create", "baseline"):
        return None
    values = {k: _plain(v) for k, v in SEEDED_CHAIN.items() if k != "version"} | {"id": int(record)}
    return _Recorded(values=values, complete=True, alive=True)


def _seeded(session: Session, mapper: Mapper) -> set[str]:
    """Which rows without history are the schema's own default chain, exactly as shipped."""
    name = mapper.class_.__name__
    if name not in ("ApprovalChain", "ApprovalStep"):
        return set()
    from desktop.core.model import ApprovalChain, ApprovalStep
    chain = session.execute(select(ApprovalChain).where(
        ApprovalChain.department_id.is_(None), ApprovalChain.change_kind.is_(None),
        ApprovalChain.name == SEEDED_CHAIN["name"])).scalars().first()
    if chain is None or any(_plain(getattr(chain, k)) != v for k, v in SEEDED_CHAIN.items()):
        return set()
    if name == "ApprovalChain":
        return {str(chain.id)}
    steps = session.scalars(select(ApprovalStep).where(ApprovalStep.chain_id == chain.id)).all()
    return {str(s.id) for s in steps
            if (s.position, _plain(s.kind), _plain(s.role)) in SEEDED_STEPS and s.user_id is None
            and s.escalate_to_id is None and s.deadline_minutes == 60}


def reconcile(session: Session) -> ReconcileReport:
    """Compare every audited table with the log (read only)."""
    key = digest_key_of(session)
    findings: list[Finding] = []
    rows = not_comparable = 0
    unsure: list[str] = []
    mappers = audited_mappers()
    for mapper in mappers:
        comparer = _Comparer(mapper, key)
        compared, unseen = _check_table(session, mapper, findings, comparer)
        rows += compared + len(unseen)
        if unseen:
            keys = [tuple(r) for r in unseen]
            seeded = _seeded(session, mapper)
            findings.extend(Finding(comparer.entity, mapper.local_table.name, rid, "no_history")
                            for rid in (",".join(str(v) for v in k) for k in keys) if rid not in seeded)
        not_comparable += comparer.not_comparable
        unsure.extend(comparer.not_comparable_records[: max(0, 20 - len(unsure))])
    findings.sort(key=lambda f: (f.table, _sort_key(f.record)))
    return ReconcileReport(tuple(findings), rows, len(mappers), not_comparable, tuple(unsure))


def _sort_key(record: str) -> tuple:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in record.split(","))


# --- adopting the rows of an upgraded database -------------------------------------------------------

ADOPTED_AT_REVISION = "0007"   # the schema revision from which db check compares records


def adopt(session: Session) -> int:
    """Record, as "baseline" entries by the upgrade, every row the log does not describe as it is,
    so that a database written before records were compared starts from its state at the upgrade
    (rows seeded by earlier upgrades, calendar imports deleted without entries). Called once, when
    an existing database is upgraded past ADOPTED_AT_REVISION; returns how many entries it wrote."""
    from desktop.core.audit import AuditWriter, _created
    report = reconcile(session)
    key = digest_key_of(session)
    classes = {m.class_.__name__: m for m in audited_mappers()}
    entries = []
    for finding in report.findings:
        mapper = classes[finding.entity]
        if finding.problem == "missing":
            entries.append(("baseline", finding.entity, finding.record, {"deleted": True}))
            continue
        obj = session.get(mapper.class_, _key_of(mapper, finding.record))
        if obj is not None:
            entries.append(("baseline", finding.entity, finding.record, _created(obj, key)))
    AuditWriter(session).append_many(entries)
    return len(entries)
