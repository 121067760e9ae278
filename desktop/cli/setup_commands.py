"""`init`, `demo` and `db where`: creating a database, filling it with demo data, and saying which
database the commands use."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop.cli.context import ADMIN_PASSWORD_ENV, Cli, Failure, UsageError
from desktop.core import accounts, demo as demo_data
from desktop.core.errors import DatabaseExists, ValidationFailed
from desktop.core.storage.connect import initialise
from desktop.core.storage.keys import check_passphrase, key_file_for
from desktop.core import labels


def init(cli: Cli) -> int:
    """Create the database; for a new file also the first administrator, and show the recovery key once."""
    args, target = cli.args, cli.target
    passphrase = None
    if not target.is_server:
        if target.exists() or key_file_for(target.path).exists():
            raise DatabaseExists(target.path.name)
        if not args.admin:
            raise UsageError(QCoreApplication.translate(
                "Cli", "A new database file needs its first administrator: add --admin USER after “init”."))
        passphrase = cli.passphrase(confirm=True)
        check_passphrase(passphrase)
    password = None
    if args.admin:
        if not args.admin.strip() or any(c.isspace() for c in args.admin) or len(args.admin) > 64:
            raise ValidationFailed({"username": "username_format"})
        password = cli.secret(env=ADMIN_PASSWORD_ENV, file=None, confirm=True,
                              prompt=QCoreApplication.translate("Cli", "Password for {0}: ").format(args.admin))
        accounts.check_password_strength(password)
    db, recovery_key = initialise(target, passphrase=passphrase, clock=cli.clock)
    try:
        if args.admin:
            with db.session(cli.actor, write=True) as session:
                accounts.create_first_admin(session, username=args.admin, display_name=args.admin_name or args.admin,
                                            password=password)
    except BaseException:
        db.dispose()
        if not target.is_server:  # the file was created a moment ago by this command: take it back
            for path in (target.path, key_file_for(target.path), *(target.path.with_name(target.path.name + s)
                                                                  for s in ("-wal", "-shm", "-journal"))):
                path.unlink(missing_ok=True)
        raise
    db.dispose()
    cli.say(QCoreApplication.translate("Cli", "Database created: {0}").format(target.describe()))
    if args.admin:
        cli.say(QCoreApplication.translate("Cli", "First administrator: {0} (also HR officer)").format(args.admin))
    if recovery_key:
        cli.say()
        cli.say(QCoreApplication.translate("Cli", "RECOVERY KEY (shown only this once):"))
        cli.say()
        cli.say("    " + recovery_key)
        cli.say()
        cli.say(QCoreApplication.translate(
            "Cli", "Write the recovery key down now and keep it offline, for example sealed in the office safe. "
                   "It unlocks the database when the passphrase is lost, and whoever holds it can read every record. "
                   "It is stored nowhere and cannot be shown again."))
    return 0


def demo(cli: Cli) -> int:
    args = cli.args
    if args.candidates < 1 or not 0 <= args.interviews <= args.candidates:
        raise UsageError(QCoreApplication.translate("Cli", "The numbers of candidates and interviews do not fit."))
    with cli.database() as db:
        with db.session(cli.actor) as session:
            if demo_data.has_candidates(session):
                raise Failure(QCoreApplication.translate(
                    "Cli", "The database already holds candidates. Demo data is only added to an empty database, "
                           "so that it never mixes with real records; nothing was changed."))
        summary = demo_data.populate(db, seed=args.seed, candidates=args.candidates, interviews=args.interviews)
    cli.say(QCoreApplication.translate("Cli", "Demo data added for {0}:").format(demo_data.OFFICE_NAME))
    for label, count in (
            (QCoreApplication.translate("Cli", "Departments"), summary.departments),
            (QCoreApplication.translate("Cli", "Users"), summary.users),
            (QCoreApplication.translate("Cli", "Positions"), summary.positions),
            (QCoreApplication.translate("Cli", "Rooms"), summary.rooms),
            (QCoreApplication.translate("Cli", "Candidates"), summary.candidates),
            (QCoreApplication.translate("Cli", "Applications"), summary.applications),
            (QCoreApplication.translate("Cli", "Interviews (next two weeks)"), summary.interviews),
            (QCoreApplication.translate("Cli", "Change requests awaiting approval"), summary.change_requests),
            (QCoreApplication.translate("Cli", "Outbox entries"), summary.outbox_entries),
            (QCoreApplication.translate("Cli", "Open alerts"), summary.alerts),
            (QCoreApplication.translate("Cli", "Archive records"), summary.archive_records)):
        cli.say(f"  {label}: {count}")
    cli.say()
    cli.say(QCoreApplication.translate("Cli", "Demo accounts (password for all: {0}):").format(summary.password))
    for username, name, _dept, grants in demo_data.USERS:
        roles = dict.fromkeys(labels.role(g.split("@")[0]) for g in grants)
        roles = QCoreApplication.translate("Cli", ", ").join(roles)
        cli.say(f"  {username:<16} {name}  {roles}")
    return 0


def where(cli: Cli) -> int:
    target = cli.target
    if target.is_server:
        cli.say(QCoreApplication.translate("Cli", "Server database: {0}").format(target.describe()))
    else:
        state = (QCoreApplication.translate("Cli", "exists") if target.exists()
                 else QCoreApplication.translate("Cli", "does not exist yet"))
        cli.say(QCoreApplication.translate("Cli", "Database file: {0} ({1})").format(target.describe(), state))
        cli.say(QCoreApplication.translate("Cli", "Key file: {0}").format(key_file_for(Path(target.path))))
    cli.say(QCoreApplication.translate("Cli", "Machine settings: {0}").format(cli.dirs.machine_settings))
    return 0
