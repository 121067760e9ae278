"""`audit verify` and `db check | rekey | backup | restore`: looking after the stored data."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop.cli import EXIT_DAMAGED
from desktop.cli.context import NEW_PASSPHRASE_ENV, Cli, UsageError
from desktop.core import anchors, backups
from desktop.core.audit import ChainReport, verify_chain
from desktop.core.reconcile import Finding, ReconcileReport
from desktop.core.storage import admin, server_backup
from desktop.core.storage.connect import open_target
from desktop.core.storage.keys import check_passphrase, key_file_for


def chain_problem(problem: str) -> str:
    return {
        "hash": QCoreApplication.translate("Cli", "its content was changed after it was written"),
        "link": QCoreApplication.translate("Cli", "it does not link to the entry before it"),
        "gap": QCoreApplication.translate("Cli", "entries are missing from here on"),
        "order": QCoreApplication.translate("Cli", "the entries are out of order"),
        "head": QCoreApplication.translate("Cli", "entries were removed from the end of the log"),
        "missing_head": QCoreApplication.translate("Cli", "the record of the newest entry is missing"),
    }.get(problem, problem)


def _say_chain(cli: Cli, report: ChainReport) -> None:
    if report.ok:
        cli.say(QCoreApplication.translate("Cli", "Audit log intact: {0} entries checked, OK.").format(report.entries))
    else:
        cli.say(QCoreApplication.translate("Cli", "AUDIT LOG BROKEN at entry #{0}: {1}. ({2} entries in the log)")
                .format(report.first_broken_seq, chain_problem(report.problem), report.entries))


def audit_verify(cli: Cli) -> int:
    location = Path(cli.args.anchors).expanduser() if cli.args.anchors else None
    found: list[anchors.Anchor] = []
    if location is not None:
        if not location.exists():
            raise UsageError(QCoreApplication.translate("Cli", "No such file or folder: {0}").format(location))
        found, files = anchors.collect(location)
        if not found:
            raise UsageError(QCoreApplication.translate(
                "Cli", "No audit log anchor found in {0} ({1} file(s) read). Anchors are in the archive office's "
                       "anchor messages (saved as .eml or text), anchor files and backup key files.")
                .format(location, files))
    with cli.database(maintain=False) as db, db.session(cli.actor) as session:
        report = verify_chain(session)
        anchored = anchors.check(session, found) if found else None
    _say_chain(cli, report)
    if anchored is not None:
        _say_anchors(cli, anchored)
    return 0 if report.ok and (anchored is None or anchored.ok) else 1


def _say_anchors(cli: Cli, check: anchors.AnchorCheck) -> None:
    if check.ok:
        newest = check.newest
        cli.say(QCoreApplication.translate(
            "Cli", "The log extends all {0} anchored head(s); the newest is entry #{1} ({2}).")
            .format(check.anchors, newest.seq, newest.source))
        return
    broken = check.broken
    when = broken.at.astimezone().strftime("%Y-%m-%d %H:%M") if broken.at else "-"
    why = (QCoreApplication.translate("Cli", "the log no longer has that entry (entries were removed)")
           if check.problem == "missing" else
           QCoreApplication.translate("Cli", "the entry there now has another hash (the log was rewritten)"))
    cli.say(QCoreApplication.translate(
        "Cli", "AUDIT LOG REWRITTEN: it no longer extends the head anchored in {0}: entry #{1}, anchored {2}; {3}.")
        .format(broken.source, broken.seq, when, why))


def check_problem(code: str) -> str:
    return {
        "integrity": QCoreApplication.translate("Cli", "the database structure is damaged (integrity check)"),
        "cipher_integrity": QCoreApplication.translate("Cli", "encrypted pages fail their authentication check"),
        "foreign_keys": QCoreApplication.translate("Cli", "records refer to records that do not exist"),
        "unreadable": QCoreApplication.translate("Cli", "parts of the database cannot be read"),
        "schema_behind": QCoreApplication.translate("Cli", "the schema is older than this program"),
        "schema_unknown": QCoreApplication.translate("Cli", "the schema was written by a newer program"),
        "audit_chain": QCoreApplication.translate("Cli", "the audit log chain is broken"),
        "records_differ": QCoreApplication.translate(
            "Cli", "records were changed outside the program: they are not what the audit log recorded"),
    }.get(code, code)


SHOWN_FINDINGS = 50


def _say_records(cli: Cli, report: ReconcileReport) -> None:
    cli.say(QCoreApplication.translate("Cli", "Records compared with the audit log: {0} in {1} tables.")
            .format(report.rows, report.tables))
    if report.not_comparable:
        cli.say(QCoreApplication.translate(
            "Cli", "{0} record(s) hold personal or secret values that the audit log recorded only masked, before "
                   "it kept digests: those values are not comparable (e.g. {1}).")
            .format(report.not_comparable, ", ".join(report.not_comparable_records[:5])))
    for finding in report.findings[:SHOWN_FINDINGS]:
        cli.say("  - " + finding_text(finding))
    if len(report.findings) > SHOWN_FINDINGS:
        cli.say(QCoreApplication.translate("Cli", "  … and {0} more.").format(len(report.findings) - SHOWN_FINDINGS))


def finding_text(finding: Finding) -> str:
    record = f"{finding.entity} #{finding.record} ({finding.table})"
    if finding.problem == "differs":
        return QCoreApplication.translate("Cli", "{0}: differs from the audit log in {1}").format(
            record, ", ".join(finding.fields))
    if finding.problem == "missing":
        return QCoreApplication.translate("Cli", "{0}: deleted without an entry in the audit log").format(record)
    return QCoreApplication.translate("Cli", "{0}: has no history in the audit log").format(record)


def check(cli: Cli) -> int:
    with cli.database(maintain=False) as db:
        report = admin.check(db)
    cli.say(QCoreApplication.translate("Cli", "Database: {0}").format(cli.target.describe()))
    cli.say(QCoreApplication.translate("Cli", "Schema revision: {0} (this program: {1})")
            .format(report.revision or "-", report.head))
    cli.say(QCoreApplication.translate("Cli", "Records: {0} in {1} tables")
            .format(sum(report.row_counts.values()), len(report.row_counts)))
    if report.chain is not None:
        _say_chain(cli, report.chain)
    if report.reconciliation is not None:
        _say_records(cli, report.reconciliation)
    if report.ok:
        cli.say(QCoreApplication.translate("Cli", "Check passed: no problems found."))
        return 0
    cli.say(QCoreApplication.translate("Cli", "CHECK FAILED:"))
    for code in report.problems:
        cli.say("  - " + check_problem(code))
    cli.say(QCoreApplication.translate(
        "Cli", "Stop using this database and restore the latest good backup (interviewdesk db restore BACKUP)."))
    return EXIT_DAMAGED if DAMAGE.intersection(report.problems) else 1


DAMAGE = {"integrity", "cipher_integrity", "unreadable"}   # the file itself, not what it says


def rekey(cli: Cli) -> int:
    path = cli.embedded_path()
    unlock = cli.unlock()
    new = cli.secret(env=NEW_PASSPHRASE_ENV, file=cli.args.new_passphrase_file, confirm=True,
                     prompt=QCoreApplication.translate("Cli", "New database passphrase: "))
    check_passphrase(new)
    report = admin.rekey(path, new, **unlock)
    if report.unlocked_with == "recovery_key":
        cli.say(QCoreApplication.translate("Cli", "Unlocked with the recovery key."))
    cli.say(QCoreApplication.translate(
        "Cli", "Passphrase changed. The old passphrase no longer opens the database; the recovery key still does. "
               "Backups made earlier keep the passphrase of their day."))
    return 0


def backup(cli: Cli) -> int:
    """A verified backup, recorded in the database's list of backups and its audit log: to DEST, or
    into the configured backup folder (rotated); `--if-due` only when the daily backup is due."""
    dest = Path(cli.args.dest).expanduser() if cli.args.dest else None
    if dest is not None and cli.args.if_due:
        raise UsageError(QCoreApplication.translate("Cli", "--if-due writes into the backup folder set in Settings; "
                                                           "give no destination with it."))
    if not cli.target.is_server:
        cli.embedded_path()
    with cli.database() as db:
        info = backups.run(db, cli.actor, scheduled=cli.args.if_due, dest=dest)
    if info is None:
        cli.say(QCoreApplication.translate("Cli", "No backup is due (the last one is recent, the schedule is off, "
                                                  "or another desktop is writing one)."))
        return 0
    cli.say(QCoreApplication.translate("Cli", "Backup written and verified: {0} ({1} bytes, SHA-256 {2})")
            .format(info.path, info.size, info.sha256))
    if cli.target.is_server:
        cli.say(QCoreApplication.translate("Cli", "Manifest: {0}. Restore with pg_restore into a new, empty database "
                                                  "(see the administrator's guide).")
                .format(server_backup.manifest_for(Path(info.path))))
        return 0
    keys = key_file_for(Path(info.path))
    cli.say(QCoreApplication.translate("Cli", "Key file and manifest: {0}").format(keys))
    anchor = json.loads(keys.read_text(encoding="utf-8")).get("backup", {}).get("audit_anchor")
    if anchor:
        cli.say(QCoreApplication.translate("Cli", "The manifest anchors the audit log at entry #{0}.")
                .format(anchor["seq"]))
    cli.say(QCoreApplication.translate(
        "Cli", "Keep both files together. Restoring needs today's passphrase or the recovery key."))
    return 0


def restore(cli: Cli) -> int:
    """Replace the target file with a verified backup. InterviewDesk must not be running on the
    target meanwhile: the command does not open it, it swaps the file."""
    path = cli.embedded_path(must_exist=False)
    source = Path(cli.args.backup).expanduser()
    unlock = cli.unlock()
    report = admin.restore(source, path, **unlock)
    db = open_target(cli.target, clock=cli.clock, maintain=False, **unlock)
    try:
        with db.session(cli.actor, write=True) as session:
            backups.record_restore(session, source, report.check.created_at, report.check.sha256,
                                   key_file_replaced=not report.kept_key_file)
    finally:
        db.dispose()
    made = report.check.created_at.astimezone().strftime("%Y-%m-%d %H:%M") if report.check.created_at else "-"
    cli.say(QCoreApplication.translate("Cli", "Restored {0} (made {1}) over {2}.").format(source, made, path))
    if not report.kept_key_file:
        cli.say(QCoreApplication.translate(
            "Cli", "The key file was replaced by the backup's: the database now opens with the passphrase that "
                   "was valid when the backup was made."))
    return 0
