"""Declarative base and the column types every table shares."""

from __future__ import annotations

import enum
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import DateTime, Enum, Integer, MetaData, TypeDecorator, bindparam
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.sql.elements import BindParameter

from desktop.core.model import built

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """Stores UTC; refuses naive datetimes on the way in and returns aware UTC on the way out."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: store aware UTC times")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


def driver_utc(value: datetime | str) -> datetime:
    """UTCDateTime's reading, for plain rows that select a time column as the driver gives it
    (`type_coerce(column, String)`): SQLite gives the stored text of a UTC time, PostgreSQL an aware
    datetime. The candidate list and the week view read their times so, without per-row type processing."""
    if isinstance(value, str):
        return datetime.fromisoformat(value + "+00:00")     # one C call (replace(tzinfo=) costs 5 times more)
    return value.astimezone(timezone.utc)


def driver_rows(connection: Any, statement: Any, params: dict[str, Any]) -> list[tuple]:
    """All the rows of a statement built once, as the driver gave them (plain tuples), for a statement
    whose columns need no type processing (selected as the driver gives them, as the week view's are:
    driver_utc). Row objects cost some 1,100 instructions a row, a tenth of the week view's own work;
    the statement runs as run_built's do (model.built), so a driver error still goes through
    handle_error and arrives as its typed error."""
    return built.execute(connection, statement, params, as_driver_gives=True)


def enum_column(enum_cls: type[enum.Enum]) -> Enum:
    """Enums are stored by value in a plain string column, so new values need no migration."""
    return Enum(enum_cls, native_enum=False, create_constraint=False, length=32,
                values_callable=lambda members: [m.value for m in members],
                name=enum_cls.__name__.lower())


def run_built(session: Any, statement: Any, params: dict[str, Any]) -> Any:
    """Run a statement built once (with bind parameters) on the session's connection, without the
    ORM's per-statement work nor Core's execution context (model.built); first flushes what
    session.execute would have flushed. The result has all(), first(), one(), scalar(), scalars()
    and rowcount; its rows are tuples with the columns' names as attributes."""
    session._autoflush()    # session.execute's own step: nothing (and cheap) when the session is clean
    return built.execute(session.connection(), statement, params)


def time_param(name: str) -> BindParameter:
    """A UTC time bound into a statement built once and run many times with new values (the minute
    job's queries: each run binds its own minute)."""
    return bindparam(name, type_=UTCDateTime(timezone=True))


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime()}


class Versioned:
    """Optimistic locking: every UPDATE checks and bumps `version`; a stale write raises."""

    @declared_attr
    def version(cls) -> Mapped[int]:
        return mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}


class StrEnum(str, enum.Enum):
    def __str__(self) -> str:
        return self.value
