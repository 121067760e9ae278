"""The command line's grammar. Help texts are English (they are for the IT office's scripts);
results and errors are translated. Handlers are named "module.function" in desktop.cli and
imported only when their command runs, so that `--help` and quick commands start fast."""

from __future__ import annotations

import argparse
from datetime import date

from desktop.core.model.org import Role

DESCRIPTION = """\
InterviewDesk (面试协同台) administration without a window. Without a command, the desktop
application starts.

Secrets never go on the command line:
  database passphrase   INTERVIEWDESK_PASSPHRASE or --passphrase-file FILE (first line)
  recovery key          INTERVIEWDESK_RECOVERY_KEY or --recovery-key-file FILE (unlocks instead of the passphrase)
  new passphrase        INTERVIEWDESK_NEW_PASSPHRASE or db rekey --new-passphrase-file FILE
  first admin password  INTERVIEWDESK_ADMIN_PASSWORD
  user password         INTERVIEWDESK_USER_PASSWORD
Without them, the command asks on the terminal; without a terminal it stops with exit code 2.
Exit codes: 0 success, 1 the operation failed, 2 wrong usage or a missing input, 130 cancelled;
  3 the database file is damaged (restore a backup), 4 the key file is damaged (restore it),
  5 the database stayed locked by another program, 6 the database is open in another program;
  10 disk full, 11 access denied, 12 read-only, 13 disk read/write error, 14 out of memory,
  files or connections, 15 the database refused the operation, 16 another file-system error."""


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from None


def build() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="interviewdesk", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--db", metavar="PATH", help="the embedded database file (default: machine settings, "
                                                    "then the file in the user data folder)")
    where.add_argument("--db-url", metavar="URL", help="a PostgreSQL server database: postgresql://host/name")
    parser.add_argument("--passphrase-file", metavar="FILE", help="read the database passphrase from FILE")
    parser.add_argument("--recovery-key-file", metavar="FILE", help="unlock with the recovery key read from FILE")
    parser.add_argument("--lang", choices=("zh_CN", "en"), help="language of the output (default: the machine "
                                                               "setting ui.language, else the system's)")
    parser.add_argument("--debug", action="store_true", help="show technical details (a traceback) on errors")
    parser.add_argument("--open", metavar="LINK", dest="open_link",
                        help="start the desktop app at an interview: interviewdesk://interview/ID or a bare ID "
                             "(a running app on this computer takes the link over)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = commands.add_parser("init", help="create the database and its first administrator")
    init.add_argument("--admin", metavar="USER", help="user name of the first administrator (required for a new "
                                                      "database file)")
    init.add_argument("--admin-name", metavar="NAME", help="display name of the first administrator")
    init.set_defaults(handler="setup_commands.init")

    demo = commands.add_parser("demo", help="fill an empty database with demo data (a fictional hospital)")
    demo.add_argument("--seed", type=int, default=7, help="the same seed gives the same data (default 7)")
    demo.add_argument("--candidates", type=int, default=200, help=argparse.SUPPRESS)
    demo.add_argument("--interviews", type=int, default=50, help=argparse.SUPPRESS)
    demo.set_defaults(handler="setup_commands.demo")

    users = commands.add_parser("users", help="local user accounts").add_subparsers(dest="action", metavar="ACTION",
                                                                                  required=True)
    add = users.add_parser("add", help="add a user; password from INTERVIEWDESK_USER_PASSWORD or a prompt")
    add.add_argument("username")
    add.add_argument("--name", required=True, metavar="DISPLAY", help="display name, e.g. 王丽")
    add.add_argument("--role", required=True, action="append", metavar="ROLE[@DEPT]",
                     help="repeatable; ROLE is one of %s; @DEPT limits it to a department code "
                          "(and its sub-departments)" % ", ".join(r.value for r in Role))
    add.add_argument("--department", metavar="CODE", help="the department the user belongs to")
    add.add_argument("--email", help="e-mail address")
    add.set_defaults(handler="user_commands.add")
    users.add_parser("list", help="every user with roles and state").set_defaults(handler="user_commands.list_")
    for name, handler, text in (("disable", "user_commands.disable", "stop a user from signing in"),
                                ("enable", "user_commands.enable", "allow a user to sign in again (also unlocks)"),
                                ("reset-password", "user_commands.reset_password",
                                 "set a temporary password (INTERVIEWDESK_USER_PASSWORD or a prompt)"),
                                ("new-key", "user_commands.new_key",
                                 "retire the user's signing key; a new one is made at their next sign-in")):
        sub = users.add_parser(name, help=text)
        sub.add_argument("username")
        sub.set_defaults(handler=handler)

    config = commands.add_parser("config", help="settings of this machine and of the institution").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    get = config.add_parser("get", help="print one value")
    get.add_argument("key")
    get.set_defaults(handler="config_commands.get")
    set_ = config.add_parser("set", help="change one value (checked first); a secret (password, key) is read "
                                         "from INTERVIEWDESK_SETTING_VALUE, --value-file or a prompt, never "
                                         "from the command line")
    set_.add_argument("key")
    set_.add_argument("value", nargs="?")
    set_.add_argument("--value-file", metavar="FILE", help="read a secret value from FILE (first line)")
    set_.set_defaults(handler="config_commands.set_")
    list_ = config.add_parser("list", help="every setting; secrets masked")
    list_.add_argument("--machine-only", action="store_true", help="do not open the database")
    list_.set_defaults(handler="config_commands.list_")
    imp = config.add_parser("import", help="set values from a JSON file; one bad value and nothing changes")
    imp.add_argument("file")
    imp.set_defaults(handler="config_commands.import_")
    exp = config.add_parser("export", help="write every setting as JSON (to FILE or the screen)")
    exp.add_argument("file", nargs="?")
    exp.add_argument("--machine-only", action="store_true", help="do not open the database")
    exp.set_defaults(handler="config_commands.export")

    holidays = commands.add_parser("holidays", help="days off and weekend working days (调休) of the institution"
                                   ).add_subparsers(dest="action", metavar="ACTION", required=True)
    himport = holidays.add_parser("import", help="add or update the days of an .ics holiday calendar")
    himport.add_argument("file")
    himport.set_defaults(handler="holiday_commands.import_")
    hlist = holidays.add_parser("list", help="the days, one a line")
    hlist.add_argument("--year", type=int)
    hlist.set_defaults(handler="holiday_commands.list_")

    audit = commands.add_parser("audit", help="the audit log").add_subparsers(dest="action", metavar="ACTION",
                                                                             required=True)
    verify = audit.add_parser("verify", help="recompute the hash chain; exit 1 if broken")
    verify.add_argument("--anchors", metavar="FILE|DIR",
                        help="also check that the log extends every anchored head found in FILE, or in the files "
                             "of DIR (saved anchor messages, anchor files, backup key files); exit 1 if one "
                             "is no longer extended")
    verify.set_defaults(handler="maintenance.audit_verify")

    db = commands.add_parser("db", help="the database itself").add_subparsers(dest="action", metavar="ACTION",
                                                                            required=True)
    db.add_parser("where", help="print which database the other commands use").set_defaults(
        handler="setup_commands.where")
    db.add_parser("check", help="integrity, schema and audit chain; exit 1 on a problem").set_defaults(
        handler="maintenance.check")
    rekey = db.add_parser("rekey", help="change the passphrase of the database file (the old one, or the recovery "
                                        "key, unlocks)")
    rekey.add_argument("--new-passphrase-file", metavar="FILE", help="read the new passphrase from FILE")
    rekey.set_defaults(handler="maintenance.rekey")
    backup = db.add_parser("backup", help="a verified backup, safe while the app runs: an encrypted copy of the "
                                          "database file, or pg_dump of a server database")
    backup.add_argument("dest", nargs="?", help="the backup file, or a folder to put a dated backup in (kept until "
                                                 "you remove it); without it: into the backup folder set in Settings, "
                                                 "rotated (7 daily, 4 weekly, 12 monthly)")
    backup.add_argument("--if-due", action="store_true",
                        help="only when the daily backup is due and no other desktop is writing it (for a scheduled "
                             "task: run it every hour or at logon); exit 0 when not due")
    backup.set_defaults(handler="maintenance.backup")
    restore = db.add_parser("restore", help="replace the database file with a verified backup; close "
                                            "InterviewDesk on this computer first")
    restore.add_argument("backup")
    restore.set_defaults(handler="maintenance.restore")

    archive = commands.add_parser("archive", help="archive packages of interview dossiers (电子档案)").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    aexport = archive.add_parser("export", help="write the dossiers formed (applications closed) in a date range as "
                                                "an archive package: a folder, or a .zip when DEST ends with .zip; "
                                                "registered in the archive register")
    aexport.add_argument("--from", dest="date_from", required=True, type=_day, metavar="YYYY-MM-DD",
                         help="first formation date (office time)")
    aexport.add_argument("--to", dest="date_to", required=True, type=_day, metavar="YYYY-MM-DD",
                         help="last formation date (office time)")
    aexport.add_argument("--department", metavar="CODE", default="",
                         help="only this department and its sub-departments")
    aexport.add_argument("dest", metavar="DEST", help="the package to create (never overwritten)")
    aexport.set_defaults(handler="archive_commands.export")
    averify = archive.add_parser("verify", help="check a package from the package alone (no database needed): "
                                                "every digest, metadata record and signature; exit 1 naming the "
                                                "first file or signature that fails")
    averify.add_argument("package", metavar="PACKAGE", help="the package folder or .zip file")
    averify.set_defaults(handler="archive_commands.verify")

    outbox = commands.add_parser("outbox", help="messages and calendar updates waiting to go out").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    outbox.add_parser("run", help="deliver everything due once through the configured channels, print a summary "
                                  "and exit (for a scheduled task); exit 1 if anything failed for good").set_defaults(
        handler="outbox_commands.run")
    return parser
