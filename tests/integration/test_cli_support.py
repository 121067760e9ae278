"""Shared helpers of the command-line tests (no tests here): running `interviewdesk` in-process with
the captured terminal, databases made by the command line itself, and file fingerprints."""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import uuid
from contextlib import redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from desktop.cli import main

PASSPHRASE = "Cli-passphrase-1"
ADMIN_PASSWORD = "Admin-pass-1"
WRONG_PASSPHRASE_ZH = "口令错误，或数据库文件已损坏；请从备份恢复。"
RECOVERY_KEY = re.compile(r"\b[A-Z2-9]{4}(?:-[A-Z2-9]{4}){7}\b")
PG_ADMIN_DSN = os.environ.get("INTERVIEWDESK_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
SECRETS = ("INTERVIEWDESK_PASSPHRASE", "INTERVIEWDESK_RECOVERY_KEY", "INTERVIEWDESK_NEW_PASSPHRASE",
           "INTERVIEWDESK_ADMIN_PASSWORD", "INTERVIEWDESK_USER_PASSWORD")


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


@pytest.fixture
def cli(capsys, monkeypatch, clock):
    """run(*argv, lang="zh_CN") -> Result. Secrets come from the environment (monkeypatch.setenv)."""
    for name in SECRETS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO())  # no terminal: a missing secret must not hang

    def run(*argv: str, lang: str | None = "zh_CN") -> Result:
        capsys.readouterr()
        code = main(([f"--lang={lang}"] if lang else []) + [str(a) for a in argv], clock=clock)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def create_with_cli(path: Path, *extra: str) -> str:
    """A new database file made by `interviewdesk init --admin admin`; returns the recovery key."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
        mp.setenv("INTERVIEWDESK_ADMIN_PASSWORD", ADMIN_PASSWORD)
        mp.setenv("INTERVIEWDESK_HOME", str(path.parent / "home"))
        out = io.StringIO()
        with redirect_stdout(out):
            assert main(["--lang=en", "--db", str(path), "init", "--admin", "admin"]) == 0
            for args in extra:
                assert main(["--lang=en", "--db", str(path), *args.split()]) == 0
    return RECOVERY_KEY.search(out.getvalue()).group(0)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> tuple[Path, str]:
    """One initialised database per test module (Argon2 makes creating one slow-ish); tests copy it."""
    path = tmp_path_factory.mktemp("template") / "interviewdesk.db"
    return path, create_with_cli(path)


@pytest.fixture
def database(template, tmp_path) -> tuple[Path, str]:
    """A private copy of the template: (database file, recovery key); passphrase PASSPHRASE."""
    source, recovery = template
    folder = tmp_path / "office"
    folder.mkdir()
    for f in source.parent.glob(source.name + "*"):
        shutil.copy2(f, folder / f.name)
    return folder / source.name, recovery


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file under `folder` and its SHA-256: equal dicts mean nothing was written or created."""
    return {str(p.relative_to(folder)): sha256(p) for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def empty_pg_url():
    """A PostgreSQL database without any table, as `interviewdesk init --db-url` expects."""
    name = f"idcli_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield PG_ADMIN_DSN.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
