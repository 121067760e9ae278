"""Alembic environment. Always run through desktop.core.storage.migrate, which passes the open
connection in `config.attributes["connection"]`; there is no alembic.ini and no URL here."""

from alembic import context

from desktop.core.model import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
