"""Statements built once, run on the driver's cursor (see base.run_built).

The statements the app runs most — a booking's checks and effects, the outbox's claim and records,
a notice's facts — are built once, with bound parameters. Through `Connection.execute` each run still
cost some 50 µs of SQLAlchemy's execution context (the cache look-up, parameter processing through
generic machinery, result metadata, a Row per row): as much as SQLCipher takes to run one of these
indexed statements, and about a third of what a booking cost above its SQL (bench_booking).

Here a statement is compiled once per dialect by SQLAlchemy, so the SQL, the bind processors of its
types (UTC times, JSON, enums) and the result processors are SQLAlchemy's own, and a run only
processes its values, calls the cursor and processes the rows, as SQLAlchemy's `_init_compiled` and
cursor result do for such a statement. What stays as it was:

- the statement runs on the session's connection, in its transaction;
- the engine's `before_cursor_execute` and `after_cursor_execute` listeners see the statement and
  its parameters (tests and benches count or capture statements);
- a driver error goes through SQLAlchemy's own handling (`handle_error` events, so "database is
  locked" is still DatabaseBusy; IntegrityError is still IntegrityError);
- rows are tuples with the columns' names as attributes (`row.id`, `row[0]`, unpacking);
- `rowcount` is the driver's for what writes, -1 for a query (as SQLAlchemy's result gives it once
  the rows are read).

A statement whose result SQLAlchemy would match by name rather than position (textual SQL) runs as
before, through `Connection.execute`. The attributes used here are SQLAlchemy's compiler's own
(`_bind_processors`, `_result_columns`, `_ordered_columns`, `_process_parameters_for_postcompile`) and
`Connection._handle_dbapi_exception`;
pyproject keeps SQLAlchemy < 2.2, and tests/integration/test_built_statements.py runs the app's
built statements both ways, on both backends, and fails if they ever differ.
"""

from __future__ import annotations

import collections
import threading
import weakref
from typing import Any

from sqlalchemy.exc import MultipleResultsFound, NoResultFound


class Prepared:
    """A statement compiled for one dialect, with what each run needs of the compilation."""

    __slots__ = ("compiled", "sql", "positional", "order", "processors", "escaped", "expanding", "returns",
                 "counts", "row", "types", "results", "processes")

    def __init__(self, compiled: Any) -> None:
        self.compiled = compiled
        self.sql = compiled.string
        self.positional = bool(compiled.positional)
        self.order = tuple(compiled.positiontup or ())
        self.processors = dict(compiled._bind_processors)
        self.escaped = dict(compiled.escaped_bind_names or {})
        self.expanding = bool(compiled.post_compile_params or compiled.literal_execute_params)
        columns = compiled._result_columns
        self.returns = bool(columns)
        # A count only for what writes: SQLAlchemy's result gives -1 once a query's rows are read
        self.counts = bool(compiled.isinsert or compiled.isupdate or compiled.isdelete)
        self.row: Any = collections.namedtuple("Row", [c.name for c in columns], rename=True) if columns else None
        self.types = tuple(column.type for column in columns)
        self.results: list[Any] | None = None     # set at the first run, from the cursor's description
        self.processes = False

    @staticmethod
    def suits(compiled: Any) -> bool:
        """Whether the statement's rows come back in the order of its columns (not textual SQL, whose
        columns SQLAlchemy matches by name)."""
        return bool(compiled._ordered_columns) and not compiled._textual_ordered_columns \
            and not compiled._loose_column_name_matching

    def arguments(self, params: dict[str, Any]) -> tuple[str, Any]:
        """The SQL and the driver's parameters for one run, processed as SQLAlchemy processes them."""
        compiled, processors = self.compiled, self.processors
        values = compiled.construct_params(params, escape_names=False)
        sql, order = self.sql, self.order
        if self.expanding:     # IN lists: one placeholder per value, rendered for this run
            state = compiled._process_parameters_for_postcompile(values)
            sql, order, values = state.statement, state.positiontup, state.parameters
            processors = {**processors, **state.processors}
        if self.positional:
            return sql, tuple([processors[key](values[key]) if key in processors else values[key] for key in order])
        escaped = self.escaped
        return sql, {escaped.get(key, key): processors[key](value) if key in processors else value
                     for key, value in values.items()}

    def learn(self, dialect: Any, description: Any) -> None:
        """The result processors, by the driver's type of each column (as SQLAlchemy picks them)."""
        results = [type_._cached_result_processor(dialect, column[1]) for type_, column in zip(self.types, description)]
        self.processes = any(results)
        self.results = results


class Result:
    """What run_built's callers use of a result: all(), first(), one(), scalar(), scalars(), rowcount."""

    __slots__ = ("_rows", "rowcount")

    def __init__(self, rows: list[Any], rowcount: int) -> None:
        self._rows, self.rowcount = rows, rowcount

    def all(self) -> list[Any]:
        return self._rows

    def __iter__(self):
        return iter(self._rows)

    def first(self) -> Any:
        return self._rows[0] if self._rows else None

    def one(self) -> Any:
        if not self._rows:
            raise NoResultFound("No row was found when one was required")
        if len(self._rows) > 1:
            raise MultipleResultsFound("Multiple rows were found when exactly one was required")
        return self._rows[0]

    def scalar(self) -> Any:
        return self._rows[0][0] if self._rows else None

    def scalars(self) -> list[Any]:
        return [row[0] for row in self._rows]


_prepared: weakref.WeakKeyDictionary[Any, dict[int, tuple[Any, Prepared | None]]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()
# The app has a few dozen statements built once. A statement built anew for each call would fill the cache
# (it keeps each statement it holds): past this many, a statement it does not hold runs as before.
HELD_PER_DIALECT = 1000


def prepared(statement: Any, dialect: Any) -> Prepared | None:
    """The statement compiled for this dialect (None: it runs through Connection.execute). Kept with
    the dialect, by the statement's identity; the statement is kept too, so its id is never reused."""
    held = _prepared.get(dialect)
    found = held.get(id(statement)) if held is not None else None
    if found is not None and found[0] is statement:
        return found[1]
    if held is not None and len(held) >= HELD_PER_DIALECT:
        return None
    compiled = statement.compile(dialect=dialect)
    made = Prepared(compiled) if Prepared.suits(compiled) else None
    with _lock:
        _prepared.setdefault(dialect, {})[id(statement)] = (statement, made)
    return made


def execute(connection: Any, statement: Any, params: dict[str, Any], *, as_driver_gives: bool = False) -> Any:
    """Run `statement` with `params` on `connection` (a SQLAlchemy Connection in a transaction).
    `as_driver_gives`: return the rows as the driver gave them, plain tuples without any result
    processing (base.driver_rows)."""
    dialect = connection.dialect
    lean = prepared(statement, dialect)
    if lean is None:
        result = connection.execute(statement, params)
        return [tuple(row) for row in result] if as_driver_gives else result
    try:
        sql, arguments = lean.arguments(params)
    except Exception as exc:  # noqa: BLE001 - a value its type refuses: wrapped as SQLAlchemy wraps it
        connection._handle_dbapi_exception(exc, lean.sql, params, None, None)    # raises StatementError
        raise
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        for listener in connection.dispatch.before_cursor_execute:
            sql, arguments = listener(connection, cursor, sql, arguments, None, False) or (sql, arguments)
        cursor.execute(sql, arguments)
        rows = cursor.fetchall() if lean.returns else []
        if lean.returns and lean.results is None:
            lean.learn(dialect, cursor.description)
        count = cursor.rowcount if lean.counts else -1
        for listener in connection.dispatch.after_cursor_execute:
            listener(connection, cursor, sql, arguments, None, False)
    except dialect.loaded_dbapi.Error as exc:
        connection._handle_dbapi_exception(exc, sql, arguments, cursor, None)    # raises, typed as before
        raise
    finally:
        cursor.close()
    if as_driver_gives:
        return rows
    if rows:
        make, results = lean.row._make, lean.results
        if lean.processes:
            rows = [make([process(value) if process else value for process, value in zip(results, row)])
                    for row in rows]
        else:
            rows = [make(row) for row in rows]
    return Result(rows, count)
