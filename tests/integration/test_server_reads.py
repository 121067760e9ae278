"""PostgreSQL: a read is a READ ONLY transaction ended by COMMIT. A write in it is refused by the
server (nothing is written), what the reader changed in its objects is dropped as by a rollback,
and the connection keeps the statements psycopg prepared (a ROLLBACK made it deallocate them all, so
the server parsed and planned the app's every statement again)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, insert, select, text
from sqlalchemy.exc import InternalError

from desktop.core.model import Room
from desktop.core.storage.database import open_server
from factories import pg_url


@pytest.fixture
def server_db(pg_database, clock):
    database = open_server(pg_url(pg_database), clock=clock)
    yield database
    database.dispose()


def test_a_read_cannot_write_and_leaves_nothing(server_db):
    with pytest.raises(InternalError, match="read-only transaction"):
        with server_db.session() as s:
            s.execute(insert(Room).values(name="误写", location="", capacity=4, is_active=True, version=1))
    with server_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Room).where(Room.name == "误写")) == 0


def test_what_a_reader_changed_in_its_objects_is_dropped(server_db):
    with server_db.session(write=True) as s:
        s.add(Room(name="301", location="行政楼", capacity=6, is_active=True))
    with server_db.session() as s:
        room = s.scalar(select(Room).where(Room.name == "301"))
        room.capacity = 60                     # a reader's change to its copy, never flushed
    with server_db.session() as s:
        assert s.scalar(select(Room.capacity).where(Room.name == "301")) == 6


def test_statements_stay_prepared_from_one_read_to_the_next(server_db):
    """psycopg prepares a statement on its fifth run on a connection; reads one after another use
    the same pooled connection, so after a few reads the query is a prepared statement there."""
    query = select(Room.id).where(Room.name == "不存在")
    for _ in range(8):
        with server_db.session() as s:
            s.execute(query).all()
    with server_db.session() as s:
        prepared = s.execute(text("SELECT statement FROM pg_prepared_statements")).scalars().all()
    assert any("FROM rooms" in statement for statement in prepared)
