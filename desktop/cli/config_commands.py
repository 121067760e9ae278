"""`config get | set | list | import | export`. Machine settings (this computer's JSON file) work
without the database; institution settings live in the database and need it open."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from sqlalchemy.orm import Session

from desktop.cli.context import Cli, UsageError
from desktop.core import settings
from desktop.core.services import config


@contextmanager
def _scope(cli: Cli, keys: list[str], write: bool = False) -> Iterator[Session | None]:
    """A unit of work when an institution setting is among `keys`; None when only the machine file is."""
    if not any(settings.spec_of(k).scope == "institution" for k in keys):
        yield None
        return
    with cli.database() as db, db.session(cli.actor, write=write) as session:
        yield session


@contextmanager
def _everything(cli: Cli, machine_only: bool) -> Iterator[Session | None]:
    """For list and export: the database too, unless told not to or there is none yet."""
    if machine_only or not cli.target.exists():
        yield None
        return
    with cli.database() as db, db.session(cli.actor) as session:
        yield session


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def get(cli: Cli) -> int:
    key = cli.args.key
    with _scope(cli, [key]) as session:
        value = config.get_value(session, cli.dirs.machine_settings, key)
    cli.say(_text(value))
    return 0


SECRET_VALUE_ENV = "INTERVIEWDESK_SETTING_VALUE"


def _value(cli: Cli, key: str) -> str:
    """The value to set. A secret (a password, a signing key, a server address with its password)
    never comes from the command line, where other users can read it in the process list."""
    if not settings.spec_of(key).secret:
        if cli.args.value is None:
            raise UsageError(QCoreApplication.translate("Cli", "Give the new value after the setting's name."))
        return cli.args.value
    if cli.args.value is not None:
        raise UsageError(QCoreApplication.translate(
            "Cli", "{0} is a secret and is not accepted as an argument: set the environment variable {1} or "
            "use --value-file FILE, or leave the value out to be asked for it.").format(key, SECRET_VALUE_ENV))
    return cli.secret(env=SECRET_VALUE_ENV, file=cli.args.value_file,
                      prompt=QCoreApplication.translate("Cli", "New value of {0}: ").format(key), confirm=True)


def set_(cli: Cli) -> int:
    key = cli.args.key
    value = _value(cli, key)
    with _scope(cli, [key], write=True) as session:
        config.set_values(session, cli.actor, cli.dirs.machine_settings, {key: value})
        value = config.get_value(session, cli.dirs.machine_settings, key)
    cli.say(QCoreApplication.translate("Cli", "{0} = {1}").format(key, settings.spec_of(key).shown(value)))
    return 0


def _scope_label(scope: str) -> str:
    if scope == "machine":
        return QCoreApplication.translate("Cli", "this computer")
    return QCoreApplication.translate("Cli", "institution")


def list_(cli: Cli) -> int:
    with _everything(cli, cli.args.machine_only) as session:
        values = config.list_values(session, cli.dirs.machine_settings)
    default = QCoreApplication.translate("Cli", "(default)")
    empty = QCoreApplication.translate("Cli", "(empty)")
    rows = [(v.key, _scope_label(v.scope), (v.shown or empty) + (" " + default if v.is_default else ""))
            for v in values]
    cli.table((QCoreApplication.translate("Cli", "Setting"), QCoreApplication.translate("Cli", "Applies to"),
               QCoreApplication.translate("Cli", "Value")), rows)
    if session is None:
        cli.say(QCoreApplication.translate(
            "Cli", "Institution settings are stored in the database, which was not opened."))
    return 0


IMPORT_MAX_BYTES = 256 * 1024   # every setting with its longest value fits many times over


def import_(cli: Cli) -> int:
    name = cli.args.file
    path = Path(name).expanduser()
    try:   # bounded before anything is read or parsed
        too_large = path.stat().st_size > IMPORT_MAX_BYTES
    except OSError:
        raise UsageError(QCoreApplication.translate("Cli", "The file {0} could not be read.").format(name)) from None
    if too_large:
        raise UsageError(QCoreApplication.translate(
            "Cli", "The file {0} is larger than {1} KB, far more than any settings file; nothing was imported.").format(
            name, IMPORT_MAX_BYTES // 1024))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        raise UsageError(QCoreApplication.translate("Cli", "The file {0} could not be read.").format(name)) from None
    except RecursionError:
        raise UsageError(QCoreApplication.translate(
            "Cli", "The file {0} is nested too deeply to be a settings file (it has at most two levels: "
            "“machine” or “institution”, then the settings); nothing was imported.").format(name)) from None
    except ValueError:
        raise UsageError(QCoreApplication.translate("Cli", "The file {0} is not valid JSON.").format(name)) from None
    values = config.flatten_import(data)
    with _scope(cli, list(values), write=True) as session:
        written = config.set_values(session, cli.actor, cli.dirs.machine_settings, values)
    cli.say(QCoreApplication.translate("Cli", "{0} settings imported: {1}").format(len(written), ", ".join(written)))
    return 0


def export(cli: Cli) -> int:
    with _everything(cli, cli.args.machine_only) as session:
        exported = config.export_values(session, cli.dirs.machine_settings)
    text = json.dumps(exported, ensure_ascii=False, indent=2, sort_keys=True)
    left_out = QCoreApplication.translate("Cli", "Not exported (secrets; set them again where needed): {0}").format(
        ", ".join(config.secret_keys()))
    if not cli.args.file:
        cli.say(text)
        cli.warn(left_out)
        return 0
    path = Path(cli.args.file).expanduser()
    path.write_text(text + "\n", encoding="utf-8")
    cli.say(QCoreApplication.translate("Cli", "Settings written to {0}").format(path))
    cli.say(left_out)
    if session is None:
        cli.say(QCoreApplication.translate(
            "Cli", "Institution settings are stored in the database, which was not opened."))
    return 0
