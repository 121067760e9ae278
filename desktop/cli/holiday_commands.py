"""`holidays import FILE.ics | list [--year Y]`: the institution's days off and 调休 working days,
for IT administrators who publish the year's holiday calendar to every desktop at once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop.cli.context import Cli, UsageError
from desktop.core import settings
from desktop.core.scheduling import calendar_files
from desktop.core.validation import printable
from desktop.integrations import ical


def import_(cli: Cli) -> int:
    path = Path(cli.args.file)
    if not path.is_file():
        raise UsageError(QCoreApplication.translate("Cli", "No such file: {0}").format(path))
    data = ical.read_file(path)
    with cli.database() as db, db.session(cli.actor, write=True) as session:
        zone = settings.institution_value(session, "office.timezone")
        counts = calendar_files.import_holidays(session, cli.actor, ical.parse_holidays(data, zone=zone))
    cli.say(QCoreApplication.translate("Cli", "Imported {0} day(s), updated {1}, {2} unchanged.").format(
        counts.added, counts.updated, counts.unchanged))
    return 0


def list_(cli: Cli) -> int:
    with cli.database() as db, db.session(cli.actor) as session:
        days = calendar_files.list_holidays(session, cli.actor, cli.args.year)
    working = QCoreApplication.translate("Cli", "working day")
    off = QCoreApplication.translate("Cli", "day off")
    for day in days:
        cli.say(f"{day.day.isoformat()}\t{working if day.is_workday else off}\t{printable(day.name)}")
    return 0
