"""The tamper-evident audit log.

Every flush that creates, updates or deletes a mapped record writes one audit entry per record in
the same transaction (so a rolled-back change leaves no entry, and a committed one always has
one). Entries form a SHA-256 chain: each entry's hash covers the previous hash and the entry's own
canonical JSON, and the `audit_head` row carries the newest seq and hash so that cutting entries
off the end is detected as well. Sensitive reads (revealing a masked field, exports) are recorded
with `record()`.

Personal and secret fields are kept only masked ("***" for secrets); beside the mask an entry keeps
a keyed digest of the value (HMAC-SHA256 under a key derived from the database key, never the raw
value), so that `db check` can tell whether a live value still is the one the log last recorded
without the log becoming a copy of personal data (desktop/core/reconcile.py). Entries written before
digests existed have none: their values are "not comparable", never assumed equal.

Some entries still name a person in the clear (a candidate's name is not masked, an outbox entry
keeps its recipient). When a purge removes that person (desktop/core/lifecycle/erase.py), such
entries are redacted: their changes become {"redacted": <seq of the redact entry>}, and one
"redact" entry appended to the chain lists every redacted entry's seq and hash. `verify_chain`
accepts a redacted entry only with that listing, so the chain still proves that nothing else was
rewritten, and removing a redaction's record breaks it like any other entry.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal
from enum import Enum
from typing import Any, Iterable, Iterator

from sqlalchemy import JSON, Text, bindparam, cast, event, func, inspect, insert, select, text, update
from sqlalchemy.orm import Session, object_session

from desktop.core.model import AuditEntry, AuditHead, Base, audit_keys
from desktop.core.validation import mask_email, mask_id_number, mask_phone

GENESIS = "0" * 64
_SKIP = (AuditEntry, AuditHead)
DIGEST_INFO = b"interviewdesk audit field digest"


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def canonical(entry: dict[str, Any]) -> str:
    return json.dumps(entry, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def entry_hash(prev_hash: str, seq: int, at: datetime, actor_id: int | None, actor_name: str,
               action: str, entity: str, entity_id: str, changes: dict[str, Any]) -> str:
    body = canonical({"seq": seq, "at": _plain(at), "actor_id": actor_id, "actor_name": actor_name,
                      "action": action, "entity": entity, "entity_id": entity_id, "changes": changes})
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def _recorded(column: Any, name: str, value: Any) -> Any:
    """What the log keeps of a value: secrets not at all, personal data (PIPL) only masked, so the
    log shows that and when a phone number changed without becoming a copy of the personal data."""
    if value is None:
        return None
    if column.info.get("audit") == "secret":
        return "***"
    if column.info.get("personal"):
        return mask_personal(name, _plain(value))
    return _plain(without_transient(column, value))


def without_transient(column: Any, value: Any) -> Any:
    """A JSON value without the keys its column marks transient (e.g. an approval mail's one-time
    code in an outbox entry's payload): short-lived secrets the program removes itself, which the
    log must neither keep nor expect."""
    transient = column.info.get("transient_keys")
    if transient and isinstance(value, dict):
        return {k: v for k, v in value.items() if k not in transient}
    return value


def mask_personal(name: str, value: Any) -> str:
    text = str(value)
    if name == "phone":
        return mask_phone(text)
    if name == "email":
        return mask_email(text)
    if name == "id_number":
        return mask_id_number(text)
    return "*" * min(len(text), 8)


def hidden(column: Any) -> bool:
    """A value the log keeps only masked (personal data) or not at all (secrets)."""
    return column.info.get("audit") == "secret" or bool(column.info.get("personal"))


def field_digest(key: bytes, entity: str, name: str, value: Any) -> str:
    """The keyed digest of one field's value: equal values give equal digests under one database's
    key, and without the key the digest tells nothing about the value (a phone number cannot be
    found by trying every number)."""
    message = f"{entity}.{name}\n{canonical(_plain(value))}".encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def digest_key_of(session: Session) -> bytes | None:
    """The database's digest key, from the provider the Database put in the session (None: this
    session writes no digests, and its entries' hidden values stay not comparable)."""
    provider = session.info.get("audit_key")
    return provider(session) if provider is not None else None


def derived_digest_key(master: bytes) -> bytes:
    """An embedded database's digest key: derived from its master key, so whoever lacks the key file
    and passphrase cannot test guesses against the digests in the log (or in a backup)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=DIGEST_INFO).derive(master)


def stored_digest_key(session: Session) -> bytes | None:
    """A server database's digest key (audit_keys, made by the schema upgrade); None while the
    schema is older than that. The lookup never fails a transaction on a missing table."""
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        if conn.execute(text("SELECT to_regclass('audit_keys')")).scalar() is None:
            return None
    elif conn.execute(text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_keys'")).first() is None:
        return None
    secret = conn.execute(select(audit_keys.c.secret).where(audit_keys.c.name == "field_digest")).scalar()
    return bytes.fromhex(secret) if secret else None


def _column_value(obj: Any, attr: Any) -> Any:
    return _recorded(attr.columns[0], attr.key, getattr(obj, attr.key))


def _snapshot(obj: Any) -> dict[str, Any]:
    state = inspect(obj)
    return {a.key: _column_value(obj, a) for a in state.mapper.column_attrs}


def _created(obj: Any, key: bytes | None) -> dict[str, Any]:
    """A new record's entry: every value (hidden ones masked) and the digests of the hidden ones."""
    fields = _fields(inspect(obj).mapper)
    return _created_values(fields, _entity_name(obj), [getattr(obj, f.attr) for f in fields], key)


@dataclass(frozen=True)
class _Field:
    """How a create entry records one column: worked out once per mapper, because a booking logs a
    dozen new records of twenty-odd columns and the column's flags were looked up for every value."""
    attr: str          # the attribute's name (the entry's key)
    column_key: str    # the column's key (a row insert_rows writes is keyed by it)
    column: Any
    hidden: bool       # personal data or a secret: masked, with a digest beside it
    plain: bool        # nothing to mask or take out: the value as _plain gives it


@functools.cache
def _fields(mapper: Any) -> tuple[_Field, ...]:
    return tuple(_field(a.key, a.columns[0]) for a in mapper.column_attrs)


def _field(attr: str, column: Any) -> _Field:
    masked = hidden(column)
    return _Field(attr, column.key, column, masked, not masked and not column.info.get("transient_keys"))


_AS_IS = frozenset({str, int, bool, float})


def _created_values(fields: tuple[_Field, ...], entity: str, values: list[Any], key: bytes | None) -> dict[str, Any]:
    """`_created` of a record whose column values, in the order of `fields`, are `values`: an ORM
    object's, or a row insert_rows writes without one. The same entry `_recorded` gives value by value."""
    after: dict[str, Any] = {}
    digests: dict[str, str] = {}
    for f, value in zip(fields, values):
        if value is None or (f.plain and type(value) in _AS_IS):
            after[f.attr] = value
        elif f.plain:
            after[f.attr] = _plain(value)
        else:
            after[f.attr] = _recorded(f.column, f.attr, value)
            if f.hidden and key is not None:
                digests[f.attr] = field_digest(key, entity, f.attr, value)
    changes: dict[str, Any] = {"after": after}
    if digests:
        changes["digests"] = digests
    return changes


def _diff(obj: Any, key: bytes | None) -> dict[str, Any]:
    state = inspect(obj)
    changes: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        if attr.key == "version":
            continue
        hist = state.attrs[attr.key].history
        if not hist.has_changes():
            continue
        before = hist.deleted[0] if hist.deleted else None
        after = hist.added[0] if hist.added else None
        column = attr.columns[0]
        changes[attr.key] = {"before": _recorded(column, attr.key, before), "after": _recorded(column, attr.key, after)}
        if key is not None and hidden(column) and after is not None:
            changes[attr.key]["digest"] = field_digest(key, _entity_name(obj), attr.key, after)
    return changes


def _identity(obj: Any) -> str:
    # A row inserted by this flush has no identity key until the flush is finalised, after
    # after_flush runs; its primary key is already known, so read it from the columns.
    state = inspect(obj)
    key = state.identity or state.mapper.primary_key_from_instance(obj)
    return ",".join(str(k) for k in key) if key and None not in key else ""


def _entity_name(obj: Any) -> str:
    return type(obj).__name__


HEAD_KEY = "_audit_head"      # session.info: (transaction, seq, hash) of the head this transaction appended

# The appender's statements, built once on the tables: every audited search and every flush appends,
# and building an ORM-entity insert and update anew cost more than the database's work on them.
_LOG = AuditEntry.__table__
_HEAD = AuditHead.__table__
_READ_HEAD = select(_HEAD.c.seq, _HEAD.c.hash).where(_HEAD.c.id == 1)
_LOCK_HEAD = _READ_HEAD.with_for_update()
_NEW_HEAD = insert(_HEAD).values(id=1, seq=0, hash=GENESIS)
_MOVE_HEAD = (update(_HEAD).where(_HEAD.c.id == 1)
              .values(seq=bindparam("head_seq", type_=_HEAD.c.seq.type),
                      hash=bindparam("head_hash", type_=_HEAD.c.hash.type)))
_APPEND = insert(_LOG)
_LOCK_APPENDERS = text("SELECT pg_advisory_xact_lock(715517)")


class AuditWriter:
    """Appends entries to the chain through the session's own connection."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _lock_head(self, conn: Any, transaction: Any) -> tuple[int, str]:
        # The head this transaction wrote last: nobody else can have moved it since (SQLite's write
        # lock, PostgreSQL's lock on the head row, both held to the transaction's end); forgotten at every
        # commit and rollback, a savepoint's included (install()).
        known = self.session.info.get(HEAD_KEY)
        if known is not None and known[0] is transaction:
            return known[1], known[2]
        if conn.dialect.name == "postgresql":
            # Serialise appenders across clients: the head row's lock is held until this transaction
            # ends, and FOR UPDATE returns the head as the appender before us committed it (waiting
            # and reading in one round trip). Only a log without a head row has no row to lock: the
            # first appenders take turns through an advisory lock, and read again after theirs.
            row = conn.execute(_LOCK_HEAD).first()
            if row is None:
                conn.execute(_LOCK_APPENDERS)
                row = conn.execute(_LOCK_HEAD).first()
        else:
            row = conn.execute(_READ_HEAD).first()
        if row is None:
            conn.execute(_NEW_HEAD)
            return 0, GENESIS
        return row[0], row[1]

    def append_many(self, entries: Iterable[tuple[str, str, str, dict[str, Any]]]) -> None:
        entries = list(entries)
        if not entries:
            return
        info = self.session.info
        actor = info.get("actor")
        clock = info.get("clock")
        at = clock.now() if clock else datetime.now(timezone.utc)
        actor_id = getattr(actor, "user_id", None)
        actor_name = getattr(actor, "username", "unknown")
        conn = self.session.connection()
        transaction = self.session.get_transaction()
        seq, prev = self._lock_head(conn, transaction)
        rows = []
        for action, entity, entity_id, changes in entries:
            seq += 1
            digest = entry_hash(prev, seq, at, actor_id, actor_name, action, entity, entity_id, changes)
            rows.append({"seq": seq, "at": at, "actor_id": actor_id, "actor_name": actor_name, "action": action,
                         "entity": entity, "entity_id": entity_id, "changes": changes,
                         "prev_hash": prev, "hash": digest})
            prev = digest
        conn.execute(_APPEND, rows)
        conn.execute(_MOVE_HEAD, {"head_seq": seq, "head_hash": prev})
        info[HEAD_KEY] = (transaction, seq, prev)


def record(session: Session, action: str, entity: str, entity_id: Any = "", **details: Any) -> None:
    """Record a sensitive read or an event that changes no row (reveal, export, login)."""
    AuditWriter(session).append_many([(action, entity, str(entity_id), {k: _plain(v) for k, v in details.items()})])


REDACTED = "redacted"


def changes_text(column: Any) -> Any:
    """An entry's changes as the stored JSON text, for searching it in SQL."""
    return cast(column, Text)


def redact(session: Session, entries: dict[int, tuple[int, str]], **details: Any) -> int:
    """Remove personal values from past entries ({entry id: (seq, hash)}) without breaking the chain:
    one "redact" entry is appended that lists every redacted entry's seq and hash, then each of them
    keeps only {"redacted": <that entry's seq>}. `verify_chain` takes a redacted entry as whole when
    the redact entry, itself verified in the chain, lists its hash. Returns the redact entry's seq."""
    listed = {str(seq): digest for seq, digest in sorted(entries.values())}
    record(session, "redact", "AuditEntry", "", entries=listed, **details)
    seq = session.scalar(select(AuditHead.seq).where(AuditHead.id == 1))
    ids = sorted(entries)
    for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
        session.execute(update(AuditEntry).where(AuditEntry.id.in_(chunk)).values(changes={REDACTED: seq}))
    return seq


def created_changes(obj: Any, key: bytes | None) -> dict[str, Any]:
    """A record's full values as a create (or baseline) entry keeps them: hidden ones masked."""
    return _created(obj, key)


def _audited(obj: Any) -> bool:
    return isinstance(obj, Base) and not isinstance(obj, _SKIP)


def _capture(session: Session, flush_context: Any, instances: Any) -> None:
    # Updates and deletes are described before the flush, while history and old values exist.
    pending = session.info.setdefault("_audit_pending", [])
    deleting = session.info.setdefault("_audit_deleting", set())
    key = digest_key_of(session)
    for obj in session.dirty:
        if _audited(obj) and session.is_modified(obj, include_collections=False):
            changes = _diff(obj, key)
            if changes:
                pending.append(("update", obj, changes))
    for obj in session.deleted:
        if _audited(obj):
            pending.append(("delete", obj, {"before": _snapshot(obj)}))
            deleting.add(id(obj))
    session.info["_audit_new"] = [o for o in session.new if _audited(o)]
    session.info["_audit_key"] = key


def _deleting(mapper: Any, connection: Any, obj: Any) -> None:
    """Rows the flush deletes that were never passed to session.delete(): orphans removed from a
    collection (a user's role grants, a chain's steps) and cascades. Without this their deletion
    left no entry."""
    session = object_session(obj)
    if session is None or not _audited(obj) or "_audit_pending" not in session.info:
        return
    deleting = session.info.setdefault("_audit_deleting", set())
    if id(obj) not in deleting:
        deleting.add(id(obj))
        session.info["_audit_pending"].append(("delete", obj, {"before": _snapshot(obj)}))


def _write(session: Session, flush_context: Any) -> None:
    pending = session.info.pop("_audit_pending", [])
    created = session.info.pop("_audit_new", [])
    key = session.info.pop("_audit_key", None)
    session.info.pop("_audit_deleting", None)
    entries = [("create", _entity_name(o), _identity(o), _created(o, key)) for o in created]
    entries += [(action, _entity_name(o), _identity(o), changes) for action, o, changes in pending]
    deferred = session.info.get(DEFERRED)
    if deferred is not None:
        deferred.extend(entries)
    else:
        AuditWriter(session).append_many(entries)


DEFERRED = "_audit_deferred"    # inside one_append(): the entries of every flush, appended at its end


_MARKS = "_audit_deferred_marks"  # inside one_append(): {savepoint: how many entries there were when it began}


@contextmanager
def one_append(session: Session) -> Iterator[None]:
    """The entries of every flush inside the block go into the chain in one append at its end (one
    INSERT and one head update, not one pair per flush): for a service that must flush midway for
    an id, as a booking does, or the minute job, whose parts each raise and queue. The entries are
    the ones each flush would have written, in order; a savepoint rolled back inside the block takes
    the entries made since it began with it (_savepoint_begun, _savepoint_undone)."""
    if session.info.get(DEFERRED) is not None:     # an outer block appends
        yield
        return
    session.info[DEFERRED] = []
    try:
        yield
        entries = session.info[DEFERRED]
    finally:
        session.info.pop(DEFERRED, None)
        session.info.pop(_MARKS, None)
    AuditWriter(session).append_many(entries)


def _savepoint_begun(session: Session, transaction: Any, _parent: Any = None) -> None:
    deferred = session.info.get(DEFERRED)
    if deferred is not None and transaction.nested:
        session.info.setdefault(_MARKS, {})[transaction] = len(deferred)


def _savepoint_undone(session: Session, previous_transaction: Any) -> None:
    mark = session.info.get(_MARKS, {}).pop(previous_transaction, None)
    deferred = session.info.get(DEFERRED)
    if mark is not None and deferred is not None:
        del deferred[mark:]


def insert_rows(session: Session, model: type, rows: list[dict[str, Any]], by: str) -> list[int] | None:
    """Add new records of `model`. Inside one_append: in one statement without ORM objects, logged as
    a flush logs created records (the same entry per record, appended with the block's); `by` names
    a column whose value tells the rows apart; returns the new ids in the order of `rows`. Elsewhere
    (a change decided inside a savepoint, say) as ORM objects that the next flush writes and logs;
    returns None (their ids come with that flush). For rows nothing in the unit of work reads back
    as objects: a booking's interview and panel, outbox rows, notices and timeline events."""
    if not rows:
        return []
    entries = session.info.get(DEFERRED)
    if entries is None:
        session.add_all(model(**row) for row in rows)
        return None
    table = model.__table__
    full = [_with_defaults(table, row) for row in rows]
    # A JSON column left at None would be stored as JSON null, not NULL as the ORM leaves it.
    skipped = {c.key for c in table.columns if isinstance(c.type, JSON) and all(r[c.key] is None for r in full)}
    values = [{k: v for k, v in r.items() if k not in skipped} for r in full]
    ids = dict(session.connection().execute(_inserting(table, by), values).all())
    fields = _fields(inspect(model))
    key = digest_key_of(session)
    for row in full:
        row["id"] = ids[row[by]]
        changes = _created_values(fields, model.__name__, [row[f.column_key] for f in fields], key)
        entries.append(("create", model.__name__, str(row["id"]), changes))
    return [row["id"] for row in full]


@functools.cache
def _inserting(table: Any, by: str) -> Any:
    """insert_rows' statement for `table`, built once (building it cost more than its execution's own work)."""
    return insert(table).returning(table.c[by], table.c.id)


def _with_defaults(table: Any, row: dict[str, Any]) -> dict[str, Any]:
    """`row` with every other column at its Python-side default (what the ORM would have set)."""
    full = dict(row)
    for column in table.columns:
        if column.key in full or column.primary_key:
            continue
        default = column.default
        if default is None:
            full[column.key] = None
        elif default.is_scalar:
            full[column.key] = default.arg
        elif default.is_callable:
            full[column.key] = default.arg(None)
        else:
            raise ValueError(f"{table.name}.{column.key}: a default insert_rows cannot compute")
    return full


def _forget(session: Session, *_args: Any) -> None:
    for name in ("_audit_pending", "_audit_new", "_audit_key", "_audit_deleting", HEAD_KEY):
        session.info.pop(name, None)


def _forget_head(session: Session, *_args: Any) -> None:
    session.info.pop(HEAD_KEY, None)


def _forget_head_at_end(session: Session, transaction: Any) -> None:
    """The transaction's end (commit or rollback) forgets the head; a savepoint's release does not:
    what it appended stays in the transaction, and the head row with it (the minute job releases one
    savepoint per batch of alerts), nor the end of the inner transaction each flush runs in."""
    if transaction.parent is None:
        session.info.pop(HEAD_KEY, None)


def install(sessions: Any) -> None:
    """Audit every flush of sessions made by `sessions` (a sessionmaker). Association rows without
    a mapped class (candidate tags) are not ORM objects; services that change them call record()."""
    event.listen(sessions, "before_flush", _capture)
    event.listen(sessions, "after_flush", _write)
    event.listen(sessions, "after_rollback", _forget)
    event.listen(sessions, "after_soft_rollback", _forget_head)   # a savepoint's rollback too
    event.listen(sessions, "after_transaction_create", _savepoint_begun)
    event.listen(sessions, "after_soft_rollback", _savepoint_undone)
    event.listen(sessions, "after_transaction_end", _forget_head_at_end)
    if not event.contains(Base, "before_delete", _deleting):
        event.listen(Base, "before_delete", _deleting, propagate=True)


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    entries: int
    first_broken_seq: int | None = None
    problem: str = ""   # "hash", "link", "gap", "order", "head", "missing_head"


def _is_redacted(changes: Any) -> bool:
    return isinstance(changes, dict) and set(changes) == {REDACTED}


def _redactions(session: Session) -> dict[int, tuple[str, int]]:
    """{redacted seq: (its hash, the redact entry's seq)} from every redact entry (a later one)."""
    found: dict[int, tuple[str, int]] = {}
    query = select(AuditEntry.seq, AuditEntry.changes).where(AuditEntry.action == "redact")
    for seq, changes in session.execute(query):
        for redacted, digest in ((changes or {}).get("entries") or {}).items():
            if int(redacted) < seq:
                found[int(redacted)] = (digest, seq)
    return found


def verify_chain(session: Session, batch: int = 5000) -> ChainReport:
    """Recompute the chain in seq order; name the first entry that does not hold."""
    head = session.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)).first()
    count = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
    expected_seq, prev, _last_id = 1, GENESIS, 0
    checked = 0
    redactions = _redactions(session)
    # Plain rows, not ORM objects: a large office's log has millions of entries.
    query = select(AuditEntry.id, AuditEntry.seq, AuditEntry.at, AuditEntry.actor_id, AuditEntry.actor_name,
                   AuditEntry.action, AuditEntry.entity, AuditEntry.entity_id, AuditEntry.changes,
                   AuditEntry.prev_hash, AuditEntry.hash).order_by(AuditEntry.id)
    for entry in session.execute(query.execution_options(yield_per=batch)):
        if entry.seq != expected_seq:
            # An entry with a later number where the next one belongs: missing if that number is
            # nowhere in the log, out of order if it is there but stored later (entries reordered).
            elsewhere = session.scalar(select(AuditEntry.id).where(AuditEntry.seq == expected_seq)) is not None
            problem = "order" if entry.seq < expected_seq or elsewhere else "gap"
            return ChainReport(False, count, min(entry.seq, expected_seq), problem)
        if entry.prev_hash != prev:
            return ChainReport(False, count, entry.seq, "link")
        if _is_redacted(entry.changes):
            # its body is gone; the redact entry later in the chain vouches for the hash it had
            digest = entry.hash if redactions.get(entry.seq) == (entry.hash, entry.changes[REDACTED]) else ""
        else:
            digest = entry_hash(entry.prev_hash, entry.seq, entry.at, entry.actor_id, entry.actor_name, entry.action,
                                entry.entity, entry.entity_id, entry.changes)
        if digest != entry.hash:
            return ChainReport(False, count, entry.seq, "hash")
        prev, expected_seq, _last_id = entry.hash, expected_seq + 1, entry.id
        checked += 1
    if head is None:
        return ChainReport(checked == 0, count, 1 if checked else None, "" if checked == 0 else "missing_head")
    if head.seq != expected_seq - 1 or head.hash != prev:
        return ChainReport(False, count, expected_seq, "head")
    return ChainReport(True, count)
