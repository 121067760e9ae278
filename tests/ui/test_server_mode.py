"""Server (LAN) mode: an empty PostgreSQL database gets its tables and first administrator from the
first-run dialog, without passphrase or recovery key; a server that does not answer is explained."""

from __future__ import annotations

import os
import uuid

import psycopg
import pytest
from sqlalchemy import func, select

from desktop.core.model import User
from desktop.core.storage.connect import Target
from desktop.ui.first_run import STEP_ADMIN, STEP_CREATE, FirstRunDialog
from desktop.ui.login import ConnectDialog

PG_ADMIN_DSN = os.environ.get("INTERVIEWDESK_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
pytestmark = pytest.mark.postgres


@pytest.fixture
def empty_server():
    name = f"idui_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield Target(url=PG_ADMIN_DSN.rsplit("/", 1)[0] + "/" + name)
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_an_empty_server_database_is_set_up_by_the_first_run_dialog(qtbot, runner, clock, empty_server):
    connect = ConnectDialog(runner, empty_server, clock)
    qtbot.addWidget(connect)
    connect.show()
    qtbot.waitUntil(lambda: connect.opened is not None, timeout=15_000)
    assert connect.opened.db is None          # empty: nothing to log in to yet

    dialog = FirstRunDialog(runner, empty_server, clock)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.steps.currentIndex() == STEP_CREATE and dialog.passphrase.isHidden()
    assert dialog.create_button.isEnabled()
    dialog.create_button.click()
    qtbot.waitUntil(lambda: dialog.steps.currentIndex() == STEP_ADMIN, timeout=30_000)   # no recovery key step
    dialog.display_name.setText("王芳")
    dialog.password.setText("Renshi-2026")
    dialog.password_again.setText("Renshi-2026")
    dialog.finish_button.click()
    qtbot.waitUntil(lambda: dialog.signed_in is not None, timeout=15_000)
    with dialog.database.session() as session:
        assert session.scalar(select(func.count()).select_from(User)) == 1
    dialog.database.dispose()


def test_a_server_that_does_not_answer_is_explained_and_can_be_tried_again(qtbot, runner, clock):
    target = Target(url="postgresql://postgres@127.0.0.1:1/nothing")
    dialog = ConnectDialog(runner, target, clock)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.error.isHidden(), timeout=30_000)
    assert dialog.error.text().startswith("数据库服务器无响应")
    assert not dialog.retry_button.isHidden() and dialog.opened is None
