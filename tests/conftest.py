"""Shared fixtures: a real SQLCipher file and a real PostgreSQL database, both at the head schema.

PostgreSQL runs on 127.0.0.1:5432 with trust authentication; each test gets a database of its own,
created from a template that is migrated once per session, and dropped afterwards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from datetime import datetime, timezone
from pathlib import Path

import psycopg
import pytest

from desktop.core.clock import ManualClock
from desktop.core.storage import migrate
from desktop.core.storage.database import Database, create_embedded, open_embedded, open_server, sqlcipher_key_of
from desktop.core.storage.keys import KdfParams, KeyFile, key_file_for

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from factories import PASSPHRASE, PG_ADMIN_DSN, pg_url  # noqa: E402  (after QT_QPA_PLATFORM is set)
START = datetime(2026, 11, 23, 1, 0, tzinfo=timezone.utc)  # 09:00 in Shanghai


def _pg_admin(sql: str) -> None:
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture(scope="session", autouse=True)
def _ui_thread_gc(qapp):
    """One QApplication for the whole run, made before any test: the command line, run in-process by
    its tests, would otherwise leave a bare QCoreApplication that the window tests cannot use.
    Garbage is collected on the UI thread only, as in the app (desktop/ui/gc.py)."""
    from desktop.ui import gc as ui_gc

    yield ui_gc.install(qapp)


@pytest.fixture(autouse=True)
def _collect_between_tests(_ui_thread_gc):
    """Tests that never run the event loop still get their garbage collected, on this thread."""
    yield
    _ui_thread_gc.check()


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own InterviewDesk home: no test touches the real user folders."""
    home = tmp_path / "home"
    monkeypatch.setenv("INTERVIEWDESK_HOME", str(home))
    monkeypatch.delenv("INTERVIEWDESK_PASSPHRASE", raising=False)
    # The database's OS key slot (desktop/integrations/keystore) uses a real keyring backend, a file
    # in this test's home, configured the way an administrator would (keyring's own variable).
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    return home


@pytest.fixture(autouse=True, scope="session")
def _lighter_signing_key_wrap():
    """Signing keys made in the tests are wrapped with lighter Argon2 parameters (stored with each
    wrapped key, as the key file's are, so unwrapping reads them from there): the tests are about who
    can unwrap and what is signed, not the KDF's strength, and every login wraps or unwraps once."""
    from desktop.core import signing

    production = signing.KDF
    signing.KDF = {"kdf": "argon2id", "t": 1, "m": 8 * 1024, "p": 1}
    yield
    signing.KDF = production


@pytest.fixture(autouse=True)
def _no_signing_keys_between_tests():
    """Unlocked signing keys live in the process (desktop/core/signing.KEYRING): a login in one test
    must not sign another test's decisions."""
    from desktop.core import signing

    signing.KEYRING.clear()
    yield
    signing.KEYRING.clear()


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Path:
    """A folder that refuses writes, as a read-only share does: without write permission, or for root
    (whom permission bits do not stop) a read-only mount; skipped where neither can be made."""
    folder = tmp_path / "readonly"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot make a read-only folder here")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture(scope="session")
def pg_template() -> str:
    name = f"idtest_tpl_{uuid.uuid4().hex[:8]}"
    _pg_admin(f'CREATE DATABASE "{name}"')
    db = open_server(pg_url(name))
    migrate.upgrade(db)
    db.dispose()
    yield name
    _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_database(pg_template: str):
    """A fresh PostgreSQL database name at the head schema; dropped after the test."""
    name = f"idtest_{uuid.uuid4().hex[:12]}"
    _pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"')
    yield name
    _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def embedded_path(tmp_path: Path) -> Path:
    return tmp_path / "db" / "interviewdesk.db"


@pytest.fixture(scope="session")
def sqlcipher_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One encrypted file at the head schema, made once per run and copied for each test: running
    the migrations and Argon2 for every test would cost seconds each. Its key file uses lighter
    Argon2 parameters (stored in the file, as any key file's are); the storage tests that are about
    creating databases and key files make their own with the defaults."""
    path = tmp_path_factory.mktemp("template") / "interviewdesk.db"
    db, recovery = create_embedded(path, PASSPHRASE)
    migrate.upgrade(db)
    KeyFile.create(sqlcipher_key_of(db), PASSPHRASE, recovery, KdfParams(time_cost=1, memory_cost=8 * 1024,
                                                                         parallelism=1)).write(key_file_for(path))
    db.dispose()
    return path


def _open(backend: str, request: pytest.FixtureRequest, clock: ManualClock) -> Database:
    if backend == "sqlcipher":
        path = request.getfixturevalue("embedded_path")
        template = request.getfixturevalue("sqlcipher_template")
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(template, path)
        shutil.copyfile(key_file_for(template), key_file_for(path))
        return open_embedded(path, passphrase=PASSPHRASE, clock=clock)
    name = request.getfixturevalue("pg_database")
    return open_server(pg_url(name), clock=clock)


@pytest.fixture(params=["sqlcipher", "postgresql"])
def db(request: pytest.FixtureRequest, clock: ManualClock) -> Database:
    """The same test on both backends: an encrypted SQLCipher file and a PostgreSQL database."""
    database = _open(request.param, request, clock)
    yield database
    database.dispose()


@pytest.fixture
def embedded_db(request: pytest.FixtureRequest, clock: ManualClock) -> Database:
    database = _open("sqlcipher", request, clock)
    yield database
    database.dispose()
