"""`interviewdesk outbox run`: one delivery round for a scheduled task on a server (or a desktop
left without the app): everything due goes out through the configured channels, failures wait for
their retry, and the summary says what happened per channel."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.cli.context import Cli
from desktop.core.delivery import outbox
from desktop.core.delivery.worker import OutboxWorker
from desktop.integrations import senders


def run(cli: Cli) -> int:
    with cli.database() as db:
        with db.session(cli.actor) as session:
            channels = senders.configured_channels(session)
            due = outbox.due_channels(session)
        worker = OutboxWorker(db, [senders.sender_for(db, c) for c in channels])
        try:
            progress = worker.run_once()
        finally:
            worker.stop()
    rows = []
    for channel in sorted(set(due) | set(progress.by_channel)):
        done = progress.by_channel.get(channel)
        if channel not in channels:
            rows.append((channel, "-", "-", "-", QCoreApplication.translate("Cli", "not configured: {0} waiting")
                         .format(due[channel])))
        elif done is not None:
            rows.append((channel, str(done.sent), str(done.retrying), str(done.failed), "; ".join(done.errors[:3])))
    if rows:
        cli.table([QCoreApplication.translate("Cli", "Channel"), QCoreApplication.translate("Cli", "Sent"),
                   QCoreApplication.translate("Cli", "Will retry"), QCoreApplication.translate("Cli", "Failed"),
                   QCoreApplication.translate("Cli", "Notes")], rows)
    total = progress.outcome
    cli.say(QCoreApplication.translate("Cli", "Delivered {0}, {1} will be retried, {2} failed.")
            .format(total.sent, total.retrying, total.failed))
    return 1 if total.failed else 0
